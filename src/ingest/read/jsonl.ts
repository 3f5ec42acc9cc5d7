// Reads JSON Lines: one article a line, streamed so large corpora never sit in memory whole. A bad line is
// skipped with its line number; the rest of the file is still read.
//
// Fields of a line (the first name found wins; names are case-sensitive):
//   title    the headline                        also: headline
//   text     the article body (required, unless the line is a headline-only item with a title)
//                                                also: body, content, article, then description, summary
//   source   the publication's name              also: site, site_name, siteName, publisher, publication
//                                                (a string, or an object with a `name`)
//   url      the article's address               also: link, canonical_url, canonical, permalink
//   date     publication date: ISO 8601 ("2019-05-28", "1987-02-26T15:01:01"), "28 October 2025",
//            "October 2025", "2019" ...; kept with its precision
//                                                also: published, published_at, publishedAt, datePublished, pubdate
//   author   a name, or a list of names          also: authors, byline, creator
//   authorRole, titleOrigin ("metadata" | "text" | "derived"), language (also: lang, locale)
//   place    where it was filed                  also: location; or `dateline`, a wire dateline such as
//                                                "SALVADOR, Feb 26 -", of which the place is kept
// Any other field (id, topics, ...) is ignored.
import { createReadStream } from 'node:fs'
import type { ArticleMeta } from '../../model.ts'
import { normalizeText } from './decode.ts'
import { metaFromRecord } from './record-meta.ts'
import type { RawArticle } from './types.ts'
import { unwrapHardWrappedText } from './unwrap.ts'

const BODY_FIELDS = ['text', 'body', 'content', 'article'] as const
/** Summaries stand in for a body only when a line has nothing longer (e.g. news-classification sets). */
const SUMMARY_FIELDS = ['description', 'summary', 'abstract'] as const
/** A file whose first lines are all bad is not JSON Lines at all; one message says so. */
const BAD_LINES_BEFORE_GIVING_UP = 20

/** One line's verdict, with the `file.jsonl#L12` anchor it is reported under. */
export type JsonlOutcome = { article: RawArticle } | { file: string; skip: string }

/** Reads one line; undefined for a blank line. `file` is the JSON Lines file's path as reported. */
export function readJsonlLine(line: string, file: string, lineNumber: number): JsonlOutcome | undefined {
  if (!line.trim()) return undefined
  const anchor = `${file}#L${lineNumber}`
  let row: unknown
  try {
    row = JSON.parse(line)
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { file: anchor, skip: `line ${lineNumber}: not valid JSON (${detail})` }
  }
  if (!row || typeof row !== 'object' || Array.isArray(row)) return { file: anchor, skip: `line ${lineNumber}: not a JSON object` }
  const record = row as Record<string, unknown>
  const meta: ArticleMeta = metaFromRecord(record)
  // A headline-only item (a wire "brief") is its own whole text.
  const bodyText = firstText(record, BODY_FIELDS) ?? firstText(record, SUMMARY_FIELDS) ?? meta.title
  if (!bodyText) return { file: anchor, skip: `line ${lineNumber}: no text (expected a "text", "body" or "content" field)` }
  const body = unwrapHardWrappedText(normalizeText(bodyText))
  return { article: { file: anchor, format: 'jsonl', body, meta } }
}

function firstText(record: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && value.trim()) return value
  }
  return undefined
}

/**
 * Streams a JSON Lines file line by line. Lines are decoded one at a time, so one line that is not UTF-8
 * costs only that line. A file that holds NUL bytes up front, or whose first lines are all bad, is skipped
 * whole with one reason.
 */
export async function* readJsonlFile(path: string, file: string): AsyncGenerator<JsonlOutcome> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lineNumber = 0
  let goodLines = 0
  let pendingBad: JsonlOutcome[] = []
  let carry: Buffer | undefined

  function* handle(bytes: Buffer): Generator<JsonlOutcome> {
    lineNumber++
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      yield* recordBad({ file: `${file}#L${lineNumber}`, skip: `line ${lineNumber}: not valid UTF-8 text` })
      return
    }
    if (lineNumber === 1) text = text.replace(/^\uFEFF/, '')
    const outcome = readJsonlLine(text, file, lineNumber)
    if (!outcome) return
    if ('article' in outcome) {
      goodLines++
      yield* pendingBad
      pendingBad = []
      yield outcome
    } else yield* recordBad(outcome)
  }
  function* recordBad(outcome: JsonlOutcome): Generator<JsonlOutcome> {
    if (goodLines > 0) yield outcome
    else pendingBad.push(outcome)
  }

  let first = true
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first && chunk.subarray(0, 8192).includes(0)) {
      yield { file, skip: 'binary data, not text' }
      return
    }
    first = false
    let start = 0
    let newline = chunk.indexOf(0x0a, start)
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline)
      yield* handle(carry ? Buffer.concat([carry, piece]) : piece)
      carry = undefined
      if (goodLines === 0 && pendingBad.length >= BAD_LINES_BEFORE_GIVING_UP) {
        yield { file, skip: `not JSON Lines (the first ${pendingBad.length} lines are not articles; ${(pendingBad[0] as { skip: string }).skip})` }
        return
      }
      start = newline + 1
      newline = chunk.indexOf(0x0a, start)
    }
    const rest = chunk.subarray(start)
    if (rest.length) carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest)
  }
  if (carry?.length) yield* handle(carry)
  if (goodLines === 0) {
    if (pendingBad.length === 0) yield { file, skip: 'empty file' }
    else yield* pendingBad
  }
}
