// Reading a search request once, as the embedded engine reads it (src/engine/embedded/plan.ts): the query
// parsed, its field terms (`person:putin`) resolved against the index's values, filters merged, the words
// compiled to DSL, the sort and the facets to count decided.
import type { FacetRegistry } from '../../facets/registry.ts'
import type { FacetFilters, FacetName, SearchRequest, SortOrder } from '../../model.ts'
import { parseQuery, type ParsedQuery, type QueryNode } from '../../query/parse.ts'
import { foldTerm } from '../../text/analyze.ts'
import { queryTerms } from '../compile-query.ts'
import { MAX_OR_BRANCHES, foldValue } from '../embedded/plan.ts'
import type { IndexMeta } from '../engine.ts'
import { phraseKey, type QueryTerms } from '../highlight.ts'
import type { RankingDefaults } from '../ranking.ts'
import { compileWords, dateFilter, facetFilters, type CompiledWords, type Dsl } from './query.ts'

export interface SearchPlan {
  parsed: ParsedQuery
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
  sort: SortOrder
  /** The facets this search counts. */
  countedFacets: FacetName[]
  words: CompiledWords
  /** Each facet's selection as a filter, by facet name. */
  facetFilters: Map<FacetName, Dsl>
  date?: Dsl
  /** The words asked for (surface forms), for suggestions. */
  wordList: string[]
  /** What the highlighter marks in each hit. */
  highlight: QueryTerms
  notices: string[]
}

/** What resolving `person:…` needs from the index: each facet's values and the people's aliases. */
export interface ValueSource {
  registry: FacetRegistry
  meta: IndexMeta
  /** Folded alias → canonical person. */
  personByAlias: Map<string, string>
  /** A facet's values, as given and folded (only facets a query names are read). */
  valuesOf(facet: FacetName): Promise<FacetValueIndex>
}

/** A facet's values, and folded value → values (topics also by their labels). */
export interface FacetValueIndex {
  values: ReadonlySet<string>
  folded: ReadonlyMap<string, string[]>
}

export async function planSearch(source: ValueSource, request: SearchRequest, ranking: RankingDefaults): Promise<SearchPlan> {
  const { registry } = source
  const parsed = parseQuery(request.query ?? '', { prefixLastWord: request.prefixLastWord, fields: registry.names })
  const notices: string[] = []
  parsed.must = parsed.must.map((node) => limitBranches(node, notices))
  const filters = mergeFilters(registry, request.filters, await resolveQueryFilters(source, parsed.filters))
  const exclude = mergeFilters(registry, request.exclude, await resolveQueryFilters(source, parsed.exclude))
  const hasWords = parsed.must.length > 0
  const sort: SortOrder = request.sort ?? (hasWords ? 'relevance' : 'newest')
  const phrases: string[][] = []
  collectPhrases(parsed.must, phrases)
  const wordList = collectWords(parsed.must)
  const from = laterBound(request.from, parsed.from)
  const to = earlierBound(request.to, parsed.to)
  return {
    parsed,
    filters,
    exclude,
    from,
    to,
    sort: sort === 'relevance' && !hasWords ? 'newest' : sort,
    countedFacets: countedFacets(registry, filters),
    words: compileWords({ must: parsed.must, not: parsed.not, phrases: phrases.map((words) => words.map(phraseKey)), words: wordList }, ranking),
    facetFilters: facetFilters(registry.names, filters, exclude),
    date: dateFilter(from, to),
    wordList,
    highlight: queryTerms(parsed.must, ranking),
    notices,
  }
}

/** Whether the plan's strict words are the whole story: a relaxed fallback exists only with several clauses. */
export function isRelaxable(plan: SearchPlan): boolean {
  return plan.words.relaxed !== undefined
}

/** The facets a search counts: every facet, except one listed only within others (months) when those have no filter. */
export function countedFacets(registry: FacetRegistry, filters: FacetFilters): FacetName[] {
  return registry.facets
    .filter((facet) => !facet.onlyWithin || facet.onlyWithin.some((name) => (filters[name]?.length ?? 0) > 0))
    .map((facet) => facet.name)
}

/** An OR with more branches than the limit keeps the first ones, as the embedded engine does. */
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

async function resolveQueryFilters(source: ValueSource, filters: FacetFilters): Promise<FacetFilters> {
  const resolved: FacetFilters = {}
  for (const [facet, values] of Object.entries(filters)) {
    const index = source.registry.has(facet) ? await source.valuesOf(facet) : undefined
    resolved[facet] = (values ?? []).flatMap((value) => (index ? resolveValue(source, index, facet, value) : [value]))
  }
  return resolved
}

/** Exact value, else case/accent-folded value, person alias, or the values containing the words typed. */
function resolveValue(source: ValueSource, { values, folded }: FacetValueIndex, facet: FacetName, typed: string): string[] {
  if (values.has(typed)) return [typed]
  const key = foldValue(typed)
  const exact = folded.get(key)
  if (exact) return exact
  if (facet === 'person') {
    const canonical = source.personByAlias.get(foldTerm(typed))
    if (canonical) return [canonical]
  }
  const wanted = key.split(' ').filter(Boolean)
  const containing = [...folded.entries()]
    .filter(([value]) => {
      const words = value.split(' ')
      return wanted.every((w) => words.includes(w))
    })
    .flatMap(([, values]) => values)
  // An unknown value keeps its spelling: it matches nothing, and the chip shows what was asked.
  return containing.length > 0 ? containing : [typed]
}

/** The value index of a facet's values. */
export function indexValues(facet: FacetName, values: readonly string[], meta: IndexMeta): FacetValueIndex {
  const folded = new Map<string, string[]>()
  for (const value of values) {
    const keys = [foldValue(value)]
    if (facet === 'topic') keys.push(foldValue(meta.topicLabels[value] ?? value))
    for (const key of keys) folded.set(key, [...(folded.get(key) ?? []), value])
  }
  return { values: new Set(values), folded }
}
