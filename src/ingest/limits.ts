// What one file may cost and become. Every limit is a reason in the run's summary when it bites: a file or
// line over a size limit is skipped, an over-long article or field is cut or dropped with a warning, and a
// file that takes too long or needs too much memory to read is skipped. Documented in the README.
import type { ArticleMeta } from '../model.ts'

export const ingestLimits = {
  /** A file holding one article (.txt, .md, .html), or one JSON Lines line, larger than this is skipped. */
  maxArticleBytes: 20 * 1024 * 1024,
  /** A sidecar `metadata.json` larger than this is ignored. */
  maxSidecarBytes: 5 * 1024 * 1024,
  /** Characters of a text or Markdown file (or of the text HTML yields) kept for cleaning; the rest is cut. */
  maxBodyChars: 1_000_000,
  /** Words an article keeps after cleaning: about a 150-page book; the rest is cut. */
  maxArticleWords: 40_000,
  /** Passages one article may become (the word limit keeps real articles well below it). */
  maxPassagesPerArticle: 1_000,
  /** A longer title is cut at a word boundary. */
  maxTitleChars: 300,
  /** A longer author, author role, source or place is not a name: it is dropped. */
  maxNameChars: 200,
  /** A longer URL is dropped. */
  maxUrlChars: 2_048,
  /** Time one file (or one JSON Lines line) may take to read and clean before it is skipped. */
  fileTimeBudgetMs: 30_000,
  /** Memory a reading thread may use; a file that needs more is skipped. */
  readerMemoryMb: 1_024,
  /** A JSON Lines file whose lines time out this often is abandoned after them. */
  maxTimeoutsPerFile: 3,
} as const

export type IngestLimits = typeof ingestLimits

/** "20 MB", "1.5 MB", "512 KB": sizes as the summary states them (1 MB = 1,048,576 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`
  return `${bytes} bytes`
}

/** A value quoted for a message, shortened when long, so a hostile field never floods the summary. */
export function quoteForReport(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  const flat = text.replace(/\s+/g, ' ')
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat)
}

type CappedFields = Pick<ArticleMeta, 'title' | 'author' | 'authorRole' | 'source' | 'place' | 'url'>

/**
 * A title over the limit is cut at a word and marked with "…"; an author, role, source or place over it is
 * not a name and is dropped; so is an over-long URL. Each change is a warning naming the file.
 */
export function capMetaFields<T extends CappedFields>(meta: T, file: string, warnings: string[]): T {
  const capped: T = { ...meta }
  if (meta.title !== undefined && meta.title.length > ingestLimits.maxTitleChars) {
    capped.title = cutTitle(meta.title, ingestLimits.maxTitleChars)
    warnings.push(`${file}: title cut to ${ingestLimits.maxTitleChars} characters (of ${meta.title.length.toLocaleString('en')})`)
  }
  for (const field of ['author', 'authorRole', 'source', 'place'] as const) {
    const value = meta[field]
    if (value !== undefined && value.length > ingestLimits.maxNameChars) {
      delete capped[field]
      warnings.push(`${file}: ${field} ignored: ${value.length.toLocaleString('en')} characters (at most ${ingestLimits.maxNameChars})`)
    }
  }
  if (meta.url !== undefined && meta.url.length > ingestLimits.maxUrlChars) {
    delete capped.url
    warnings.push(`${file}: url ignored: ${meta.url.length.toLocaleString('en')} characters (at most ${ingestLimits.maxUrlChars.toLocaleString('en')})`)
  }
  return capped
}

function cutTitle(title: string, max: number): string {
  const head = title.slice(0, max - 1)
  const space = head.lastIndexOf(' ')
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`
}
