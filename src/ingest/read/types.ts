// What a format reader hands on: the file's plain text body, not cleaned yet, and what the format states.
import type { ArticleMeta } from '../../model.ts'

export type ArticleFormat = 'txt' | 'md' | 'html' | 'jsonl'

export interface RawArticle {
  /** Path relative to the folder being indexed; for a JSON Lines row, `file.jsonl#L12`. */
  file: string
  format: ArticleFormat
  /**
   * Plain text body, one paragraph a line (hard-wrapped text is unwrapped by the reader); not cleaned yet.
   * Markdown bodies stay markdown, and HTML bodies come out markdown-like (`## ` headings, `- ` list items,
   * `> ` quotations) so the cleaner sees the document's structure.
   */
  body: string
  /** What the format itself says (front matter, meta tags, JSON fields), merged with sidecar metadata. */
  meta: ArticleMeta
}

/**
 * A reader's verdict on one input: an article (with notes on metadata it had to ignore, each naming the
 * file, for the run's summary), or why it was skipped.
 */
export type ReadOutcome = { article: RawArticle; warning?: string; warnings?: string[] } | { skip: string }
