// One unit of reading work, as a reading thread runs it: a file holding one article, or a batch of JSON
// Lines lines, in; articles read, capped, cleaned and fingerprinted (or the reasons they were not) out.
// Everything that can be slow on a hostile file (parsing, Readability, cleaning) happens here, so the
// thread running it can be stopped without losing anything but this unit.
import { createHash } from 'node:crypto'
import type { ArticleMeta, Block } from '../model.ts'
import { cleanArticle, type CleanedText } from './clean/index.ts'
import { capMetaFields, ingestLimits } from './limits.ts'
import { decodeText } from './read/decode.ts'
import { readBounded } from './read/file-bytes.ts'
import { readJsonlLine } from './read/jsonl.ts'
import { readMarkdown } from './read/md.ts'
import { mergeMeta } from './read/sidecar.ts'
import { readTxt } from './read/txt.ts'
import type { ArticleFormat, RawArticle, ReadOutcome } from './read/types.ts'

/** What a sidecar states for the file: its own entry, and the folder's "*" defaults. */
export interface SidecarLayers {
  entry?: ArticleMeta
  defaults?: ArticleMeta
}

export type ReadJob =
  | { kind: 'file'; path: string; file: string; format: Exclude<ArticleFormat, 'jsonl'>; sidecar: SidecarLayers }
  /** Lines of a JSON Lines file, by number; `file` is the file as reported. */
  | { kind: 'lines'; file: string; lines: { number: number; text: string }[]; sidecar: SidecarLayers }

/** One article or one reason, in the order of the input; `line` is set for a JSON Lines line. */
export type ReadUnit =
  | { kind: 'article'; raw: RawArticle; cleaned: CleanedText; fingerprint: string; line?: number }
  /** `badLine`: the line is not a JSON Lines article at all (it counts towards "not JSON Lines"). */
  | { kind: 'skip'; file: string; reason: string; line?: number; badLine?: boolean }

export interface ReadJobResult {
  units: ReadUnit[]
  /** Metadata that was stated but could not be used, and limits that cut something; each names its file. */
  warnings: string[]
}

/** Runs one job. Never throws for a file's content; only a programming error would. */
export async function runReadJob(job: ReadJob): Promise<ReadJobResult> {
  const result: ReadJobResult = { units: [], warnings: [] }
  if (job.kind === 'file') {
    const outcome = await readArticleFile(job.path, job.file, job.format, result.warnings)
    if ('skip' in outcome) result.units.push({ kind: 'skip', file: job.file, reason: outcome.skip })
    else {
      if (outcome.warning) result.warnings.push(outcome.warning)
      if (outcome.warnings) result.warnings.push(...outcome.warnings)
      const raw = { ...outcome.article, meta: mergeMeta(job.sidecar.entry, outcome.article.meta, job.sidecar.defaults) }
      result.units.push(prepareArticle(raw, result.warnings))
    }
    return result
  }
  for (const { number, text } of job.lines) {
    const outcome = readJsonlLine(text, job.file, number)
    if (!outcome) continue
    if ('skip' in outcome) {
      result.units.push({ kind: 'skip', file: outcome.file, reason: outcome.skip, line: number, badLine: true })
      continue
    }
    if (outcome.warnings) result.warnings.push(...outcome.warnings)
    // A line states its own metadata; the sidecar's entry for the file is a default for every line.
    const raw = { ...outcome.article, meta: mergeMeta(outcome.article.meta, job.sidecar.entry, job.sidecar.defaults) }
    result.units.push({ ...prepareArticle(raw, result.warnings), line: number })
  }
  return result
}

/** Reads one single-article file with the reader for its format, within the size limits. */
async function readArticleFile(path: string, file: string, format: Exclude<ArticleFormat, 'jsonl'>, warnings: string[]): Promise<ReadOutcome> {
  const read = await readBounded(path, ingestLimits.maxArticleBytes)
  if ('skip' in read) return read
  const decoded = decodeText(read.bytes)
  if ('skip' in decoded) return decoded
  if (format === 'html') {
    // Loaded on the first page: a DOM and Readability take a reading thread longer to load than the rest.
    const { readHtml } = await import('./read/html.ts')
    const outcome = readHtml(decoded.text, file)
    if ('article' in outcome) outcome.article.body = cutText(outcome.article.body, file, warnings)
    return outcome
  }
  // Text and Markdown are cut before they are parsed, so their cost is bounded as well as their size.
  const text = cutText(decoded.text, file, warnings)
  return format === 'md' ? readMarkdown(text, file) : readTxt(text, file)
}

/** Text cut to the characters an article may keep, at a line or word break, with a warning when cut. */
function cutText(text: string, file: string, warnings: string[]): string {
  const max = ingestLimits.maxBodyChars
  if (text.length <= max) return text
  const head = text.slice(0, max)
  const breakAt = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '))
  warnings.push(`${file}: text cut to its first ${max.toLocaleString('en')} characters (of ${text.length.toLocaleString('en')})`)
  return breakAt > max / 2 ? head.slice(0, breakAt) : head
}

// ---------------------------------------------------------------------------------------------
// From raw text to a cleaned article

/** Caps the metadata, cleans the body and fingerprints the text as read. */
function prepareArticle(raw: RawArticle, warnings: string[]): ReadUnit {
  raw = { ...raw, meta: capMetaFields(raw.meta, raw.file, warnings) }
  const cleaned = cleanRaw(raw)
  if (!cleaned.blocks.some((block) => block.text.trim())) return { kind: 'skip', file: raw.file, reason: 'no article text left after removing page chrome' }
  cleaned.blocks = capWords(cleaned.blocks, raw.file, warnings)
  // What cleaning removed is for debugging; it does not cross to the indexer.
  cleaned.removed = []
  return { kind: 'article', raw, cleaned, fingerprint: textFingerprint(raw.body) }
}

function cleanRaw(raw: RawArticle): CleanedText {
  // A headline-only item (a wire brief) is its own text: its title must not be cleaned away as a heading.
  const headlineOnly = raw.meta.title !== undefined && raw.body.trim() === raw.meta.title.trim()
  let cleaned = cleanArticle(raw.body, headlineOnly ? {} : { knownTitle: raw.meta.title })
  // A body that only "repeats the title" was taken for its title line; clean it again as it stands.
  if (cleaned.blocks.length === 0 && raw.meta.title && !headlineOnly) cleaned = cleanArticle(raw.body)
  if (headlineOnly && cleaned.blocks.length === 0) cleaned = { ...cleaned, blocks: [{ text: raw.meta.title! }] }
  return cleaned
}

/** Same words in the same order, whatever the case, spacing and punctuation. */
export function textFingerprint(text: string): string {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  return createHash('sha1').update(normalized).digest('hex')
}

/** The blocks up to the words an article may keep; the block that crosses the limit is cut at a word. */
function capWords(blocks: Block[], file: string, warnings: string[]): Block[] {
  const max = ingestLimits.maxArticleWords
  let total = 0
  for (const block of blocks) total += wordCount(block.text)
  if (total <= max) return blocks
  const kept: Block[] = []
  let words = 0
  for (const block of blocks) {
    const count = wordCount(block.text)
    if (words + count <= max) {
      kept.push(block)
      words += count
      continue
    }
    const room = max - words
    if (room > 0) kept.push({ ...block, text: block.text.trim().split(/\s+/).slice(0, room).join(' ') })
    break
  }
  warnings.push(`${file}: article cut to its first ${max.toLocaleString('en')} words (of ${total.toLocaleString('en')})`)
  return kept
}

function wordCount(text: string): number {
  const trimmed = text.trim()
  return trimmed ? trimmed.split(/\s+/).length : 0
}
