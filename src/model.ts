// The shared vocabulary of Clippings: what the pipeline produces (articles, passages) and what a search
// asks and answers. Every stage imports these types; none of them knows how another stage works.

/** How much of a published date is known. */
export type DatePrecision = 'day' | 'month' | 'year'

/** A publication date as far as it is known: `2025-10-28` (day), `2025-10` (month) or `2025` (year). */
export interface PartialDate {
  /** ISO 8601 prefix: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  iso: string
  precision: DatePrecision
}

/** Where an article's title came from, so a derived one can be shown as such. */
export type TitleOrigin = 'metadata' | 'text' | 'derived'

/** Article-level facts, from metadata first, then what the text itself states, else unknown. */
export interface ArticleMeta {
  title?: string
  titleOrigin?: TitleOrigin
  /** The publication, e.g. "Asia Times"; falls back to the URL's host. */
  source?: string
  url?: string
  author?: string
  /** The author's role or affiliation when a signature block states it. */
  authorRole?: string
  date?: PartialDate
  /** A place named by a dateline or signature block. */
  place?: string
  /** BCP 47 language tag, when the format or the text states it. */
  language?: string
  /** People the format itself lists (a JSON Lines `people` field): joined with the people the text names. */
  people?: string[]
  /**
   * The corpus's own labels, by facet name (see src/facets/registry.ts): `tag` gathers `tags`, `topics`,
   * `keywords`, `category` and `categories`; any other short-valued field keeps its (normalised) name.
   */
  fields?: Record<string, string[]>
}

/** One block of cleaned article body: a paragraph, a list, or a quotation, under its section heading. */
export interface Block {
  text: string
  /** The heading of the section the block sits in, if the article has headings. */
  section?: string
}

/** An article after reading and cleaning: chrome removed, metadata resolved, body split into blocks. */
export interface Article {
  /** Readable, stable slug, e.g. `tajikistan-powder-keg-burns-with-a-slow-fuse`. */
  id: string
  title: string
  titleOrigin: TitleOrigin
  /** The publication; "unknown" when neither metadata nor text names it. */
  source: string
  url?: string
  author?: string
  authorRole?: string
  /** Undefined means "undated": never guessed from unrelated mentions in the body. */
  date?: PartialDate
  place?: string
  language: string
  /** Path of the file the article came from, relative to the folder that was indexed. */
  file: string
  blocks: Block[]
  /** People the format listed (see ArticleMeta.people). */
  givenPeople?: string[]
  /** The corpus's own labels by facet name (see ArticleMeta.fields). */
  fields?: Record<string, string[]>
}

/** A paragraph-level unit of search: what results, permalinks and facets are about. */
export interface Passage {
  /** Stable id: the same while the passage's text (and its article) are unchanged. */
  id: string
  articleId: string
  /** 0-based order of the passage within its article. */
  position: number
  text: string
  section?: string
  /** Denormalised from the article so results and facets need no second lookup. */
  title: string
  source: string
  author?: string
  date?: PartialDate
  url?: string
  /** Canonical full names of the people the passage names. */
  people: string[]
  /** Topic ids from the taxonomy, best first; a second-level topic is preceded by its parent. */
  topics: string[]
  /** The article's own labels by facet name (shared with the article; see ArticleMeta.fields). */
  fields?: Record<string, string[]>
}

/** An article as stored for its page: metadata plus the ids of its passages in order. */
export interface ArticleRecord extends Omit<Article, 'blocks'> {
  passageIds: string[]
  people: string[]
  topics: string[]
}

/** A file the indexer could not use, with the reason, reported in the summary and never fatal. */
export interface SkippedFile {
  file: string
  reason: string
}

// ---------------------------------------------------------------------------------------------
// Searching

/**
 * A facet's name: one of the built-in facets (`source`, `topic`, `person`, `tag`, `year`, `month`) or a
 * field of the corpus's own (`places`, `orgs`, …). What each one is lives in src/facets/registry.ts.
 */
export type FacetName = string

/** Value lists per facet; several values within one facet combine with OR. */
export type FacetFilters = Partial<Record<FacetName, string[]>>

export type SortOrder = 'relevance' | 'newest' | 'oldest'

/** What a caller asks for. Fields left out take the defaults in `src/defaults.ts`. */
export interface SearchRequest {
  /** The query as typed; empty browses the whole corpus. Default "". */
  query?: string
  /** Facet values to keep (OR within a facet, AND across facets). Default none. */
  filters?: FacetFilters
  /** Facet values to drop (NOT). Default none. */
  exclude?: FacetFilters
  /** Inclusive ISO date bounds (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). Undated passages fail any bound. */
  from?: string
  to?: string
  /** Default "relevance" with a query, "newest" without. */
  sort?: SortOrder
  /** 1-based page. Default 1. */
  page?: number
  /** Results per page. Default 10, at most 100. */
  size?: number
  /** How many values each facet lists. Default 10; the facet says when it was truncated. */
  facetSize?: number
  /** Treat the query's last word as a prefix (search as you type). Default false. */
  prefixLastWord?: boolean
  /** Group results by article: one hit per article with up to 3 passages. Default false. */
  groupByArticle?: boolean
  /**
   * Fold identical and near-identical passages (a wire story repeated by several articles) into the first
   * of them, which lists the others as `duplicates`. Default true; false lists every passage.
   */
  collapse?: boolean
  /** Count the matching passages per period (see `Timeline`). Default false. */
  timeline?: boolean
}

/** Matching passages per period, the unit chosen by the span of their dates. */
export interface Timeline {
  /** Years for a span over about ten years, months for one over about two months, else days. */
  unit: 'year' | 'month' | 'day'
  /** Every period from the first to the last with a match, in order, empty periods included (count 0). */
  buckets: { period: string; count: number }[]
  /** Matching passages without a date. */
  undated: number
}

/** A passage folded into a result because it repeats it (see `SearchRequest.collapse`). */
export interface DuplicateRef {
  passageId: string
  articleId: string
  title: string
  source: string
}

/** A half-open character range `[start, end)` into a string, for highlighting without HTML. */
export type Range = [start: number, end: number]

/** A short excerpt of a passage with the ranges to highlight, both relative to `text`. */
export interface Snippet {
  text: string
  ranges: Range[]
  /** Whether text was cut at the start or end (so the view can add an ellipsis). */
  truncatedStart: boolean
  truncatedEnd: boolean
}

export interface SearchHit {
  passage: Passage
  score: number
  snippet: Snippet
  /** Highlight ranges over the whole passage text. */
  ranges: Range[]
  /** The exact words matched (stemmed, prefix and fuzzy matches included), for highlighting elsewhere. */
  matchedTerms: string[]
  /** Passages folded into this one as identical or near-identical (see `SearchRequest.collapse`). */
  duplicates?: DuplicateRef[]
}

/** With `groupByArticle`: an article's best passages and how many more of its passages matched. */
export interface ArticleGroup {
  articleId: string
  title: string
  hits: SearchHit[]
  moreMatches: number
}

export interface FacetValue {
  value: string
  /** Display label: the topic's name for topic ids, "Undated" for the empty year, else the value. */
  label: string
  count: number
  selected: boolean
  excluded: boolean
  /** In a two-level facet (topics), the value's parent, when it has one. */
  parent?: string
}

export interface FacetCounts {
  /** The top values, plus every selected or excluded value (with its count, possibly 0), each labelled. */
  values: FacetValue[]
  /** True when more values exist than `facetSize` listed. */
  truncated: boolean
}

/** One part of how the query was read, shown to the user ("all of: migrant, remittance"). */
export interface QueryClause {
  kind: 'all' | 'any' | 'phrase' | 'not' | 'prefix' | 'field'
  /** For `field`: person, source, topic, before, after. */
  field?: string
  terms: string[]
}

export interface SearchResponse {
  query: string
  /** How the query was read, clause by clause. */
  reading: QueryClause[]
  /** Exact number of matching passages. */
  total: number
  page: number
  size: number
  sort: SortOrder
  tookMs: number
  results: SearchHit[]
  /** Present with `groupByArticle`; `total` then still counts passages. */
  groups?: ArticleGroup[]
  /** Matching articles, with `groupByArticle`. */
  totalArticles?: number
  /**
   * Disjunctive counts: each facet reflects every other active filter but not its own. Months are
   * counted (and listed whole) only when a year or month filter is active; otherwise `month` is empty.
   */
  facets: Record<FacetName, FacetCounts>
  /** Filters the query itself carried (`person:"…"`, `after:2019`), merged into the active filters. */
  effectiveFilters: FacetFilters
  effectiveExclude: FacetFilters
  effectiveFrom?: string
  effectiveTo?: string
  /** Set when no passage had every word and the results hold passages with most of them. */
  relaxed?: boolean
  /** Other spellings that would match, offered when nothing matched. */
  suggestions?: string[]
  /**
   * Set when the search stopped before it was complete (its time budget ran out, or its client left): the
   * results, total and counts cover what was matched by then.
   */
  partial?: boolean
  /** What the engine limited and how, for the page to say ("`c*` matches 4,000 words; using the 500 most frequent"). */
  notices?: string[]
  /** With `timeline`: the matching passages per period. */
  timeline?: Timeline
  /**
   * How many passages the results before and on this page folded into others as duplicates. `total` still
   * counts every matching passage, folded or not.
   */
  collapsed?: number
}

/** Counts that describe an index, for the manifest, `/healthz` and the CLI summary. */
export interface IndexStats {
  /** Which backend holds the index: "embedded" or "opensearch". */
  backend: string
  articles: number
  passages: number
  people: number
  sources: number
  /** When the index was built from scratch, and when it last changed (ISO timestamps). */
  builtAt: string
  updatedAt: string
}

/** A person in the index with the variants merged into them. */
export interface PersonSummary {
  name: string
  passages: number
  aliases: string[]
}
