// What the indexer remembers about a corpus, committed with the index (see `IndexerState` in engine.ts): the
// inputs, each file's size, time and hash and what it became, the people evidence summed over the corpus,
// and the topic model, so the next run re-reads only what changed and labels new passages as the
// corpus's were labelled.
import type { NameStats } from '../enrich/people/index.ts'
import type { TopicModel } from '../enrich/topics/index.ts'
import type { SkippedFile } from '../model.ts'

export interface CorpusState {
  format: 1
  pipelineVersion: number
  /** Fingerprint of the settings files (people aliases, taxonomy) and the ranking: a change means a full build. */
  settings: string
  /** The folders and files indexed, absolute. */
  corpus: string[]
  /** The taxonomy file given with `--taxonomy`, if any. */
  taxonomyPath?: string
  /** The source given to articles without one (`--source`). */
  defaultSource?: string
  builtAt: string
  /** Per absolute path, what the file was and became. */
  files: Record<string, FileState>
  /** Sidecar metadata files by absolute path: a change re-reads their folder's files. */
  sidecars: Record<string, FileStamp>
  /** Name → evidence, summed over every article (see src/enrich/people/stats.ts). */
  people: NameStats
  /** The topic model trained by the last full build; undefined for a corpus too small to train on. */
  topicModel?: TopicModel
}

/** What tells a file's version apart without reading it (size, time) and after reading it (hash). */
export interface FileStamp {
  size: number
  mtimeMs: number
  /** SHA-256 of the bytes, hex, first 32 characters. */
  hash: string
}

export interface FileState extends FileStamp {
  /** The path reported to the user. */
  file: string
  articles: ArticleState[]
  /** What could not be used, with reasons (for a JSON Lines file, per line). */
  skipped: SkippedFile[]
  duplicates: { file: string; duplicateOf: string }[]
  warnings: string[]
}

export interface ArticleState {
  id: string
  /** The duplicate key of the article's text (an article repeating it elsewhere is a duplicate). */
  fingerprint: string
  /** Passages (their count). */
  passages: number
  /** The names each passage gives, before the corpus-wide merge. */
  names: string[][]
  /** The people each passage was indexed with, after the merge (so a merge that changes them is noticed). */
  people: string[][]
  /** The article's people evidence, subtracted from the corpus's when the article goes. */
  stats: NameStats
}

export function isCorpusState(value: unknown): value is CorpusState {
  return typeof value === 'object' && value !== null && (value as CorpusState).format === 1 && typeof (value as CorpusState).files === 'object'
}
