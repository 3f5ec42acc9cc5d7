// The one seam between the product and its search engines. The server, views, CLI and indexer see only
// these interfaces; a backend (the embedded engine in src/engine/embedded/, OpenSearch in
// src/engine/opensearch/) implements them, and tests/engine/contract/ holds every backend to the same answers.
//
// Read side: `SearchEngine`. Write side: `Backend` (where an index lives: build a whole one, open a writer,
// open it for searching) and `IndexWriter` (add and remove articles, made visible and durable together by
// `flush`).
import type { FacetRegistry } from '../facets/registry.ts'
import type {
  ArticleRecord,
  FacetName,
  FacetValue,
  IndexStats,
  Passage,
  PersonSummary,
  Range,
  SearchRequest,
  SearchResponse,
} from '../model.ts'

/** How one search may run. */
export interface SearchOptions {
  /** Stops the search (it answers what it has, marked partial) once aborted: a client that hung up. */
  signal?: AbortSignal
  /** Milliseconds the search may spend matching before it answers what it has, marked partial. */
  budgetMs?: number
  /**
   * Whether other searches are waiting; with `sliceMs`, a search that has run that long while others wait
   * stops as if its budget were spent (the server's fair turns, see src/server/search-turns.ts).
   */
  contended?: () => boolean
  sliceMs?: number
}

export interface FacetValuesOptions {
  /** Only values whose label or value contains these words (case and accents folded). */
  contains?: string
  /** At most this many values. Default: all. */
  limit?: number
  /**
   * Count within this search (query, filters, dates) rather than the whole index. As in a search's facets,
   * the facet's own filter is left out (disjunctive counts), so every value it could switch to is counted.
   */
  within?: SearchRequest
}

export interface FacetValueList {
  /** Most frequent first (dates newest first), each labelled; zero counts left out. */
  values: FacetValue[]
  /** True when more values matched than `limit` listed. */
  truncated: boolean
}

/** Where a query matches in one text. */
export interface TextHighlight {
  /** Ranges to mark, ascending and disjoint. */
  ranges: Range[]
  /** The words of the text that matched (surface forms), for "matched: …" notes. */
  words: string[]
}

export interface SearchEngine {
  /** Which backend answers: "embedded" or "opensearch". */
  readonly backend: string
  /**
   * How many searches the engine runs at once away from the server's event loop (its search threads);
   * undefined when each search runs on the event loop itself (in process) or needs no such limit (a cluster).
   */
  readonly searchThreads?: number
  /** Runs a search: results for one page, exact total, disjunctive facet counts and highlight ranges. */
  search(request: SearchRequest, options?: SearchOptions): Promise<SearchResponse>
  /** Every passage matching a search, in the search's order, for exports; not paged. */
  searchAll(request: SearchRequest, options?: Pick<SearchOptions, 'signal'>): AsyncIterable<Passage>
  getPassage(id: string): Promise<Passage | undefined>
  getArticle(id: string): Promise<ArticleRecord | undefined>
  /** The passages of an article in order. */
  getArticlePassages(articleId: string): Promise<Passage[]>
  /** The facets of this index: the built-in ones and the corpus's own fields. */
  facets(): FacetRegistry
  /** Values of a facet with their counts, in the whole index or within a search; searchable by `contains`. */
  facetValues(facet: FacetName, options?: FacetValuesOptions): Promise<FacetValueList>
  /**
   * How many passages matching `within` carry each value of `facet`, the facet's own filter included (not
   * disjunctive): who is named alongside a person, for example. Most frequent first.
   */
  countValues(facet: FacetName, within: SearchRequest, options?: { limit?: number }): Promise<FacetValue[]>
  /** Display labels of facet values (topic names, "October 2025", "Undated"); unknown values label as themselves. */
  labels(facet: FacetName, values: readonly string[]): Promise<Map<string, string>>
  /** Where a query's words and phrases (stemmed, prefix and typo-tolerant as in search) occur in each text. */
  highlight(query: string, texts: readonly string[], options?: { prefixLastWord?: boolean }): Promise<TextHighlight[]>
  /** People in the index with passage counts and the aliases merged into each. */
  people(): Promise<PersonSummary[]>
  stats(): Promise<IndexStats>
}

// ---------------------------------------------------------------------------------------------
// Write side

/** An article with its passages, enriched and ready to index. */
export interface IndexedArticle {
  article: ArticleRecord
  passages: Passage[]
}

/** What an index holds besides articles: the labels and aliases that go with its facets. */
export interface IndexMeta {
  /** Canonical person → the variants merged into them. */
  personAliases: Record<string, string[]>
  /** Topic id → label, both levels. */
  topicLabels: Record<string, string>
  /** Second-level topic id → its parent's id. */
  topicParents: Record<string, string>
  /** The corpus fields that are facets in this index (see src/facets/fields.ts). */
  fieldFacets: string[]
  /** When the index was built from scratch, and when it last changed (ISO timestamps). */
  builtAt: string
  updatedAt: string
}

/** Everything a full build indexes. */
export interface IndexData extends IndexMeta {
  articles: ArticleRecord[]
  passages: Passage[]
}

/**
 * The indexer's own bookkeeping (the corpus, its files and what each became, corpus-wide statistics), stored
 * with the index and committed with every change so the two never disagree. Plain JSON; a backend stores it
 * without looking inside. It can grow large (a file table of a million-passage corpus), so a change carries
 * only what changed, as a JSON Merge Patch (RFC 7386: objects merge key by key, `null` deletes a key, any
 * other value replaces); `applyMergePatch` below is the one implementation every backend uses.
 */
export type IndexerState = Record<string, unknown>

/** Applies a JSON Merge Patch (RFC 7386) to `target`, returning the patched value (objects are copied, not changed). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {}
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key]
    else result[key] = applyMergePatch(result[key], value)
  }
  return result
}

/** Changes to an index, staged by `add`, `remove` and `setMeta`, applied together by `flush`. */
export interface IndexWriter {
  /** Stages articles to add; an article whose id is already indexed replaces it. */
  add(articles: readonly IndexedArticle[]): void
  /** Stages the removal of articles (and their passages) by id; unknown ids are ignored. */
  remove(articleIds: readonly string[]): void
  /** Stages new labels, aliases or field facets. */
  setMeta(meta: Partial<IndexMeta>): void
  /**
   * Stages a change to the indexer's state, a JSON Merge Patch (see `IndexerState`), committed with the
   * changes; several calls before a flush compose.
   */
  setState(patch: IndexerState): void
  /**
   * Applies every staged change: searches see all of it or none of it, and once this resolves it is on
   * disk (it survives `kill -9`). A crash before then leaves the index as it was.
   */
  flush(): Promise<FlushResult>
  /** Releases the writer (its lock); staged changes not flushed are dropped. */
  close(): Promise<void>
}

export interface FlushResult {
  added: number
  removed: number
  /** Passages in the index afterwards. */
  passages: number
  tookMs: number
}

/** An engine open for searching that also takes updates while it serves (watch mode, the ingestion API). */
export interface LiveEngine extends SearchEngine {
  /** A writer whose flushes the engine's searches see at once. Only one may be open at a time. */
  openWriter(): Promise<IndexWriter>
  /** Called after every flush made visible (caches above the engine drop what they hold). */
  onUpdate(listener: () => void): () => void
  close(): Promise<void>
}

export interface BuildProgress {
  (step: string, done: number, total: number): void
}

/** Where an index lives and how it is built, changed and opened: one per backend. */
export interface Backend {
  /** "embedded" or "opensearch". */
  readonly name: string
  /** A human description of where the index lives ("index/", "http://localhost:9200 clippings"). */
  readonly location: string
  /** Whether an index exists there (a folder with a Clippings manifest; an OpenSearch alias). */
  exists(): Promise<boolean>
  /** The indexer state committed with the index in force; undefined when there is no index. */
  readState(): Promise<IndexerState | undefined>
  /**
   * Builds a whole new index with `state` as its whole indexer state; it replaces the one in force atomically
   * once complete (never half-built).
   */
  build(data: IndexData, state: IndexerState, options?: { onProgress?: BuildProgress }): Promise<void>
  /**
   * A writer for incremental changes to the index in force, without opening it for searching where the
   * backend can avoid that (the embedded backend appends a delta segment).
   */
  openWriter(): Promise<IndexWriter>
  /** Opens the index for searching; it takes updates through `openWriter` while open. */
  open(): Promise<LiveEngine>
  /** Removes what interrupted writes left behind (a write does this too); a no-op where nothing can be left. */
  tidy?(): Promise<void>
  /**
   * When `exists()` is false: whether something is there all the same that cannot be used (an index of
   * another version, damaged commits), and the corpus it says it was built from, if anything still says.
   */
  inspect?(): Promise<{ unusable: boolean; corpus?: string[] }>
}

/**
 * The same engine with `search` answered by `search` instead: for wrappers that change how searches run
 * (queued, instrumented) and pass every other call through.
 */
export function withSearch<T extends SearchEngine>(engine: T, search: SearchEngine['search']): SearchEngine {
  return {
    backend: engine.backend,
    search,
    searchAll: (request, options) => engine.searchAll(request, options),
    getPassage: (id) => engine.getPassage(id),
    getArticle: (id) => engine.getArticle(id),
    getArticlePassages: (articleId) => engine.getArticlePassages(articleId),
    facets: () => engine.facets(),
    facetValues: (facet, options) => engine.facetValues(facet, options),
    countValues: (facet, within, options) => engine.countValues(facet, within, options),
    labels: (facet, values) => engine.labels(facet, values),
    highlight: (query, texts, options) => engine.highlight(query, texts, options),
    people: () => engine.people(),
    stats: () => engine.stats(),
  }
}
