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
//   people   a list of names the story is about   (joined with the people its text names)
// Any other field holding a short label or a list of them (topics, tags, places, orgs, desk, ...) is kept
// as one of the corpus's own fields, which become facets; ids, numbers and long text are not.
//
// A line longer than the article size limit (see limits.ts) is skipped by its number without being held in
// memory whole; a file that cannot be opened or read is skipped with the reason.
import { createReadStream } from 'node:fs'
import type { ArticleMeta } from '../../model.ts'
import { formatBytes, ingestLimits } from '../limits.ts'
import { describeError } from './file-bytes.ts'
import { normalizeText } from './decode.ts'
import { metaFromRecord } from './record-meta.ts'
import type { RawArticle } from './types.ts'
import { unwrapHardWrappedText } from './unwrap.ts'

const BODY_FIELDS = ['text', 'body', 'content', 'article'] as const
/** Summaries stand in for a body only when a line has nothing longer (e.g. news-classification sets). */
const SUMMARY_FIELDS = ['description', 'summary', 'abstract'] as const
/** A file whose first lines are all bad is not JSON Lines at all; one message says so. */
const BAD_LINES_BEFORE_GIVING_UP = 20

/**
 * One line's verdict, with the `file.jsonl#L12` anchor it is reported under; an article may carry notes on
 * metadata it had to ignore ("x.jsonl#L12: cannot read date "2024-13-45"; ignored").
 */
export type JsonlOutcome = { article: RawArticle; warnings?: string[] } | { file: string; skip: string }

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
  const problems: string[] = []
  const meta: ArticleMeta = metaFromRecord(record, problems)
  // A headline-only item (a wire "brief") is its own whole text.
  const bodyText = firstText(record, BODY_FIELDS) ?? firstText(record, SUMMARY_FIELDS) ?? meta.title
  if (!bodyText) return { file: anchor, skip: `line ${lineNumber}: no text (expected a "text", "body" or "content" field)` }
  const body = unwrapHardWrappedText(normalizeText(bodyText))
  const article: JsonlOutcome = { article: { file: anchor, format: 'jsonl', body, meta } }
  if (problems.length > 0) article.warnings = problems.map((problem) => `${anchor}: ${problem}`)
  return article
}

function firstText(record: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && value.trim()) return value
  }
  return undefined
}

/** A line of a JSON Lines file as text, or why it cannot be read; or why the whole file cannot be. */
export type JsonlLine =
  | { number: number; text: string }
  | { number: number; file: string; skip: string }
  | { wholeFile: true; file: string; skip: string }

/**
 * Streams a JSON Lines file's lines. Lines are decoded one at a time, so one line that is not UTF-8 costs
 * only that line; a line over `maxLineBytes` is counted through, never held whole. A file that holds NUL
 * bytes up front, or cannot be opened, is one reason for the whole file.
 */
export async function* jsonlLines(path: string, file: string, maxLineBytes: number = ingestLimits.maxArticleBytes): AsyncGenerator<JsonlLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lineNumber = 0
  /** The current line's bytes so far, in pieces (joined once, at its end). */
  let pieces: Buffer[] = []
  let pieceBytes = 0
  let overlong = false

  function endLine(last: Buffer): JsonlLine | undefined {
    lineNumber++
    const size = pieceBytes + last.length
    const bytes = overlong ? undefined : pieces.length ? Buffer.concat([...pieces, last]) : last
    pieces = []
    pieceBytes = 0
    overlong = false
    if (!bytes) return { number: lineNumber, file: `${file}#L${lineNumber}`, skip: `line ${lineNumber}: longer than ${formatBytes(maxLineBytes)} (the limit for one article)` }
    if (size === 0) return undefined
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      return { number: lineNumber, file: `${file}#L${lineNumber}`, skip: `line ${lineNumber}: not valid UTF-8 text` }
    }
    if (lineNumber === 1) text = text.replace(/^\uFEFF/, '')
    return { number: lineNumber, text }
  }

  function keep(rest: Buffer) {
    if (rest.length === 0) return
    pieceBytes += rest.length
    if (pieceBytes > maxLineBytes) {
      overlong = true
      pieces = []
    } else if (!overlong) pieces.push(Buffer.from(rest))
  }

  let first = true
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (first && chunk.subarray(0, 8192).includes(0)) {
        yield { wholeFile: true, file, skip: 'binary data, not text' }
        return
      }
      first = false
      let start = 0
      let newline = chunk.indexOf(0x0a, start)
      while (newline !== -1) {
        const piece = chunk.subarray(start, newline)
        if (pieceBytes + piece.length > maxLineBytes) overlong = true
        const line = endLine(overlong ? piece.subarray(0, 0) : piece)
        if (line) yield line
        start = newline + 1
        newline = chunk.indexOf(0x0a, start)
      }
      keep(chunk.subarray(start))
    }
  } catch (error) {
    yield lineNumber === 0 && pieceBytes === 0
      ? { wholeFile: true, file, skip: `cannot read (${describeError(error)})` }
      : { wholeFile: true, file, skip: `cannot read past line ${lineNumber} (${describeError(error)})` }
    return
  }
  if (pieceBytes > 0 || overlong) {
    const line = endLine(Buffer.alloc(0))
    if (line) yield line
  }
}

/**
 * Holds back bad lines until a good one shows the file is JSON Lines, so a file that is not (prose, CSV)
 * is one reason rather than one per line: after 20 bad lines and no good one, it gives the file up.
 * `T` is whatever a line's verdict is carried in.
 */
export class JsonlVerdicts<T> {
  private goodLines = 0
  private pendingBad: { item: T; reason: string }[] = []

  constructor(private readonly file: string) {}

  /** What to report now for one line (bad when `badReason` is given), and the file's reason if it is given up. */
  add(item: T, badReason?: string): { report: T[]; giveUp?: { file: string; skip: string } } {
    if (badReason === undefined) {
      this.goodLines++
      const report = [...this.pendingBad.map((bad) => bad.item), item]
      this.pendingBad = []
      return { report }
    }
    if (this.goodLines > 0) return { report: [item] }
    this.pendingBad.push({ item, reason: badReason })
    if (this.pendingBad.length < BAD_LINES_BEFORE_GIVING_UP) return { report: [] }
    const skip = `not JSON Lines (the first ${this.pendingBad.length} lines are not articles; ${this.pendingBad[0]!.reason})`
    this.pendingBad = []
    return { report: [], giveUp: { file: this.file, skip } }
  }

  /** What is left to report at the end of the file: held-back bad lines, or that it held nothing. */
  finish(): { report: T[]; empty?: { file: string; skip: string } } {
    if (this.goodLines === 0 && this.pendingBad.length === 0) return { report: [], empty: { file: this.file, skip: 'empty file' } }
    const report = this.pendingBad.map((bad) => bad.item)
    this.pendingBad = []
    return { report }
  }
}

/** Reads a JSON Lines file in this thread: every line's verdict, in order (see `jsonlLines`, `JsonlVerdicts`). */
export async function* readJsonlFile(path: string, file: string): AsyncGenerator<JsonlOutcome> {
  const verdicts = new JsonlVerdicts<JsonlOutcome>(file)
  for await (const line of jsonlLines(path, file)) {
    if ('wholeFile' in line) {
      yield { file: line.file, skip: line.skip }
      return
    }
    const outcome = 'skip' in line ? { file: line.file, skip: line.skip } : readJsonlLine(line.text, file, line.number)
    if (!outcome) continue
    const { report, giveUp } = verdicts.add(outcome, 'skip' in outcome ? outcome.skip : undefined)
    yield* report
    if (giveUp) {
      yield giveUp
      return
    }
  }
  const { report, empty } = verdicts.finish()
  yield* report
  if (empty) yield empty
}
