// What every system in the benchmark offers: build an index from the corpus, answer the query mix, save
// the index to a folder and load it back (in a fresh process, for the cold-load figures).
import type { BenchCorpus } from '../corpus.ts'
import type { BenchQuery } from '../queries.ts'

/** What one search returned: the top-10 passage numbers, and what else the system can give. */
export interface SearchOutcome {
  /** Passage numbers (positions in the corpus) of the first page, best first. */
  ids: number[]
  /** Exact number of matches, when the system gives it. */
  total?: number
}

/** An index in memory, ready to search. */
export interface BuiltIndex {
  search(query: BenchQuery): SearchOutcome | Promise<SearchOutcome>
  /** Writes the persisted form into `dir` (which exists and is empty, or holds what build wrote there). */
  save(dir: string): Promise<void>
  /**
   * The benchmark's own bookkeeping for this index (a lookup from the system's ids to passage numbers),
   * done after a cold load is timed and before searching, so it is not counted as the system's load.
   */
  prepare?(): void
  /** Frees native resources (SQLite's handle); the heap is left to the collector. */
  close?(): void
}

export interface BenchSystem {
  /** Short name for the table, e.g. "SQLite FTS5". */
  name: string
  /** File-safe key, e.g. "sqlite". */
  key: string
  /** What the system does and does not do in this benchmark, printed under the table. */
  notes: string
  /** Builds the index; `dir` is an empty folder the system may build into (SQLite builds on disk). */
  build(corpus: BenchCorpus, dir: string): Promise<BuiltIndex>
  /** Loads what `save` wrote. */
  load(dir: string): Promise<BuiltIndex>
}
