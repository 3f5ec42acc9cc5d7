// The one seam between the product and its search engine. The server, views and CLI see only this
// interface, so a distributed engine can stand in for the in-process MiniSearch one without touching them.
import type {
  ArticleRecord,
  FacetName,
  FacetValue,
  IndexStats,
  Passage,
  PersonSummary,
  SearchRequest,
  SearchResponse,
} from '../model.ts'

export interface SearchEngine {
  /** Runs a search: results for one page, exact total, disjunctive facet counts and highlight ranges. */
  search(request: SearchRequest): Promise<SearchResponse>
  /** Every passage matching a search, in the search's order, for exports; not paged. */
  searchAll(request: SearchRequest): AsyncIterable<Passage>
  getPassage(id: string): Promise<Passage | undefined>
  getArticle(id: string): Promise<ArticleRecord | undefined>
  /** The passages of an article in order. */
  getArticlePassages(articleId: string): Promise<Passage[]>
  /** All values of a facet whose label contains `contains` (case-insensitive), most frequent first. */
  facetValues(facet: FacetName, options?: { contains?: string; limit?: number }): Promise<FacetValue[]>
  /** People in the index with passage counts and the aliases merged into each. */
  people(): Promise<PersonSummary[]>
  stats(): Promise<IndexStats>
}

/**
 * The same engine with `search` answered by `search` instead: for wrappers that change how searches run
 * (queued, instrumented) and pass every other call through.
 */
export function withSearch(engine: SearchEngine, search: SearchEngine['search']): SearchEngine {
  return {
    search,
    searchAll: (request) => engine.searchAll(request),
    getPassage: (id) => engine.getPassage(id),
    getArticle: (id) => engine.getArticle(id),
    getArticlePassages: (articleId) => engine.getArticlePassages(articleId),
    facetValues: (facet, options) => engine.facetValues(facet, options),
    people: () => engine.people(),
    stats: () => engine.stats(),
  }
}
