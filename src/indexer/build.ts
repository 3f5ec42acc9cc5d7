// A whole corpus read and enriched in memory, for tests, evaluations and benchmarks that want an engine
// without an index folder: the same steps a full build runs (see sync.ts), without the bookkeeping.
import type { SkippedFile } from '../model.ts'
import { readCorpus, type ReadCorpusOptions } from '../ingest/read-corpus.ts'
import type { Aliases } from '../enrich/people/index.ts'
import type { Taxonomy } from '../enrich/topics/index.ts'
import type { IndexData } from '../engine/engine.ts'
import { articleFacts, enrichCorpus, indexMeta } from './enrich.ts'

export interface BuildOptions {
  aliases: Aliases
  taxonomy: Taxonomy
  /** Progress of the slow steps, for a progress bar. */
  onProgress?: (step: 'read' | 'enrich', done: number, total: number) => void
  /** Reading options (threads, default source). */
  read?: Omit<ReadCorpusOptions, 'onProgress'>
}

export interface BuildResult {
  data: IndexData
  skipped: SkippedFile[]
  duplicates: { file: string; duplicateOf: string }[]
}

/** Reads the corpus folders and builds everything the engine indexes. */
export async function buildIndexData(paths: string[], options: BuildOptions): Promise<BuildResult> {
  const read = await readCorpus(paths, { ...options.read, onProgress: (done, total) => options.onProgress?.('read', done, total) })
  const facts = read.articles.map((article, i) => {
    options.onProgress?.('enrich', i + 1, read.articles.length)
    return articleFacts(article, '', options)
  })
  const { indexed, merge } = enrichCorpus(facts, options)
  const data: IndexData = {
    ...indexMeta(indexed, read.articles, merge, options.taxonomy, new Date().toISOString()),
    articles: indexed.map((entry) => entry.article),
    passages: indexed.flatMap((entry) => entry.passages),
  }
  return { data, skipped: read.skipped, duplicates: read.duplicates }
}
