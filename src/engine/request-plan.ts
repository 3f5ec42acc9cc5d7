// Reading a search request, the part every backend shares: the query parsed and its OR groups bounded,
// field terms (`person:putin`) resolved against the index's values, filters merged, date bounds and sort
// decided. Each backend then compiles the words its own way (embedded/plan.ts, opensearch/plan.ts).
import { ownValue, type FacetRegistry } from '../facets/registry.ts'
import type { FacetFilters, FacetName, SearchRequest, SearchResponse, SortOrder } from '../model.ts'
import { parseQuery, type ParsedQuery, type QueryNode } from '../query/parse.ts'
import { foldTerm } from '../text/analyze.ts'
import { queryTerms } from './compile-query.ts'
import { phraseKey, type QueryTerms } from './highlight.ts'
import type { RankingDefaults } from './ranking.ts'

/** More OR branches than this in one query are not followed (the rest are dropped, with a notice). */
export const MAX_OR_BRANCHES = 64

export interface RequestPlan {
  parsed: ParsedQuery
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
  sort: SortOrder
  /** The facets this search counts. */
  countedFacets: FacetName[]
  /** Phrases to verify and highlight, as word keys. */
  phrases: string[][]
  /** The words asked for (surface forms), for suggestions. */
  words: string[]
  /** What the plan had to limit, for the page to say. */
  notices: string[]
  /** The query's words as the text-side highlighter looks for them. */
  highlight: QueryTerms
}

/** A facet's values, and folded value → values (topics also by their labels). */
export interface FacetValueIndex {
  values: { has(value: string): boolean }
  folded: ReadonlyMap<string, string[]>
}

/** The query parsed, with its OR groups bounded; its field terms still as typed. */
export function parseRequest(request: SearchRequest, registry: FacetRegistry): { parsed: ParsedQuery; notices: string[] } {
  const parsed = parseQuery(request.query ?? '', { prefixLastWord: request.prefixLastWord, fields: registry.names })
  const notices: string[] = []
  parsed.must = parsed.must.map((node) => limitBranches(node, notices))
  return { parsed, notices }
}

/** The rest of the reading, once the query's field terms are resolved (`resolved`, by the backend's values). */
export function readRequest(
  request: SearchRequest,
  registry: FacetRegistry,
  ranking: RankingDefaults,
  { parsed, notices }: { parsed: ParsedQuery; notices: string[] },
  resolved: { filters: FacetFilters; exclude: FacetFilters },
): RequestPlan {
  const filters = mergeFilters(registry, request.filters, resolved.filters)
  const hasWords = parsed.must.length > 0
  const sort: SortOrder = request.sort ?? (hasWords ? 'relevance' : 'newest')
  const phrases: string[][] = []
  collectPhrases(parsed.must, phrases)
  return {
    parsed,
    filters,
    exclude: mergeFilters(registry, request.exclude, resolved.exclude),
    from: laterBound(request.from, parsed.from),
    to: earlierBound(request.to, parsed.to),
    sort: sort === 'relevance' && !hasWords ? 'newest' : sort,
    countedFacets: countedFacets(registry, filters),
    phrases: phrases.map((words) => words.map(phraseKey)),
    words: collectWords(parsed.must),
    notices,
    highlight: queryTerms(parsed.must, ranking),
  }
}

/** The facets a search counts: every facet, except one listed only within others (months) when those have no filter. */
function countedFacets(registry: FacetRegistry, filters: FacetFilters): FacetName[] {
  return registry.facets
    .filter((facet) => !facet.onlyWithin || facet.onlyWithin.some((name) => (filters[name]?.length ?? 0) > 0))
    .map((facet) => facet.name)
}

/** The answer to a search that has not run (its client went away first): empty, partial, with its reading. */
export function emptyResponse(request: SearchRequest, plan: RequestPlan, page: number, size: number): SearchResponse {
  return {
    query: request.query ?? '',
    reading: plan.parsed.reading,
    total: 0,
    page,
    size,
    sort: plan.sort,
    tookMs: 0,
    results: [],
    facets: {},
    effectiveFilters: plan.filters,
    effectiveExclude: plan.exclude,
    effectiveFrom: plan.from,
    effectiveTo: plan.to,
  }
}

/** An OR with more branches than the limit keeps the first ones: each branch costs postings and checks. */
function limitBranches(node: QueryNode, notices: string[]): QueryNode {
  if (node.type !== 'or' && node.type !== 'and') return node
  let children = node.children.map((child) => limitBranches(child, notices))
  if (node.type === 'or' && children.length > MAX_OR_BRANCHES) {
    notices.push(`The query has ${children.length} alternatives joined by OR; only the first ${MAX_OR_BRANCHES} were searched.`)
    children = children.slice(0, MAX_OR_BRANCHES)
  }
  return { ...node, children }
}

function collectPhrases(nodes: QueryNode[], into: string[][]): void {
  for (const node of nodes) {
    if (node.type === 'phrase') into.push(node.words)
    else if (node.type === 'and' || node.type === 'or') collectPhrases(node.children, into)
  }
}

function collectWords(nodes: QueryNode[]): string[] {
  const words: string[] = []
  for (const node of nodes) {
    if (node.type === 'term') words.push(node.word)
    else if (node.type === 'phrase') words.push(...node.words)
    else words.push(...collectWords(node.children))
  }
  return words
}

/** Filters of the request and of the query together; facets the index does not have are dropped. */
function mergeFilters(registry: FacetRegistry, a: FacetFilters = {}, b: FacetFilters = {}): FacetFilters {
  const merged: FacetFilters = {}
  for (const name of registry.names) {
    const values = [...new Set([...(a[name] ?? []), ...(b[name] ?? [])])]
    if (values.length > 0) merged[name] = values
  }
  return merged
}

function laterBound(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b
  return a > b ? a : b
}

function earlierBound(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b
  return a < b ? a : b
}

/** Case and accent folded, punctuation as spaces: "CABAR.asia" and "cabar asia" meet. */
export function foldValue(value: string): string {
  return value
    .split(/[^\p{L}\p{N}’']+/u)
    .map(foldTerm)
    .filter(Boolean)
    .join(' ')
}

/** Folded value → values, topics also by their labels. */
export function foldValues(facet: FacetName, values: Iterable<string>, topicLabels: Readonly<Record<string, string>>): Map<string, string[]> {
  const folded = new Map<string, string[]>()
  for (const value of values) {
    const keys = [foldValue(value)]
    if (facet === 'topic') keys.push(foldValue(ownValue(topicLabels, value) ?? value))
    for (const key of keys) folded.set(key, [...(folded.get(key) ?? []), value])
  }
  return folded
}

/**
 * A value typed in a query, forgivingly: the exact value, else the case- and accent-folded value, a
 * person's alias, or the values containing every word typed. An unknown value keeps its spelling: it
 * matches nothing, and the chip shows what was asked.
 */
export function resolveValue(index: FacetValueIndex, facet: FacetName, typed: string, personByAlias: ReadonlyMap<string, string>): string[] {
  if (index.values.has(typed)) return [typed]
  const key = foldValue(typed)
  const exact = index.folded.get(key)
  if (exact) return exact
  if (facet === 'person') {
    const canonical = personByAlias.get(foldTerm(typed))
    if (canonical) return [canonical]
  }
  const wanted = key.split(' ').filter(Boolean)
  const containing = [...index.folded.entries()]
    .filter(([value]) => {
      const words = value.split(' ')
      return wanted.every((w) => words.includes(w))
    })
    .flatMap(([, values]) => values)
  return containing.length > 0 ? containing : [typed]
}
