// Reading a search request once: the query parsed, its field terms resolved against the index's values,
// filters merged, clauses compiled for the scorer, the sort and the facets to count decided.
import type { FacetFilters, FacetName, SearchRequest, SortOrder } from '../../model.ts'
import { parseQuery, type ParsedQuery, type QueryNode } from '../../query/parse.ts'
import { foldTerm } from '../../text/analyze.ts'
import { compileQuery, queryTerms } from '../compile-query.ts'
import { phraseKey, type QueryTerms } from '../highlight.ts'
import type { IndexParts } from './parts.ts'
import type { Clause } from './scorer.ts'

/** More OR branches than this in one query are not followed (the rest are dropped, with a notice). */
export const MAX_OR_BRANCHES = 64

export interface SearchPlan {
  parsed: ParsedQuery
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
  sort: SortOrder
  /** The facets this search counts. */
  countedFacets: FacetName[]
  /** What every match satisfies, and the nodes to verify on each (see compile-query.ts). */
  clauses: Clause[]
  toVerify: QueryNode[]
  /** Phrases to verify and highlight, as word keys. */
  phrases: string[][]
  /** The words asked for (surface forms), for suggestions. */
  words: string[]
  /** Whether "most of the words" can stand in when no passage has them all. */
  relaxable: boolean
  /** What the plan had to limit, for the page to say. */
  notices: string[]
  /** The query's words as the text-side highlighter looks for them. */
  highlight: QueryTerms
}

/** Reads the request and its query once: filters merged, values resolved, clauses compiled, sort decided. */
export function planSearch(parts: IndexParts, request: SearchRequest): SearchPlan {
  const parsed = parseQuery(request.query ?? '', { prefixLastWord: request.prefixLastWord, fields: parts.registry.names })
  const notices: string[] = []
  parsed.must = parsed.must.map((node) => limitBranches(node, notices))
  const filters = mergeFilters(parts, request.filters, resolveQueryFilters(parts, parsed.filters))
  const exclude = mergeFilters(parts, request.exclude, resolveQueryFilters(parts, parsed.exclude))
  const hasWords = parsed.must.length > 0
  const sort: SortOrder = request.sort ?? (hasWords ? 'relevance' : 'newest')
  const phrases: string[][] = []
  collectPhrases(parsed.must, phrases)
  const compiled = compileQuery(parsed.must, parts.ranking)
  return {
    parsed,
    filters,
    exclude,
    from: laterBound(request.from, parsed.from),
    to: earlierBound(request.to, parsed.to),
    sort: sort === 'relevance' && !hasWords ? 'newest' : sort,
    countedFacets: countedFacets(parts, filters),
    clauses: compiled.clauses,
    toVerify: compiled.toVerify,
    phrases: phrases.map((words) => words.map(phraseKey)),
    words: collectWords(parsed.must),
    relaxable: compiled.clauses.length > 1,
    notices,
    highlight: queryTerms(parsed.must, parts.ranking),
  }
}

/** The facets a search counts: every facet, except one listed only within others (months) when those have no filter. */
export function countedFacets(parts: IndexParts, filters: FacetFilters): FacetName[] {
  return parts.registry.facets
    .filter((facet) => !facet.onlyWithin || facet.onlyWithin.some((name) => (filters[name]?.length ?? 0) > 0))
    .map((facet) => facet.name)
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
function mergeFilters(parts: IndexParts, a: FacetFilters = {}, b: FacetFilters = {}): FacetFilters {
  const merged: FacetFilters = {}
  for (const name of parts.registry.names) {
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

// Query field terms (`person:putin`) resolve against the index's values, forgivingly.

function resolveQueryFilters(parts: IndexParts, filters: FacetFilters): FacetFilters {
  const resolved: FacetFilters = {}
  for (const [facet, values] of Object.entries(filters)) {
    resolved[facet] = (values ?? []).flatMap((value) => resolveValue(parts, facet, value))
  }
  return resolved
}

/** Exact value, else case/accent-folded value, person alias, or the values containing the words typed. */
function resolveValue(parts: IndexParts, facet: FacetName, typed: string): string[] {
  const column = parts.columns.get(facet)
  if (!column) return [typed]
  if (column.ids.has(typed)) return [typed]
  const key = foldValue(typed)
  const folded = foldedIndex(parts, facet)
  const exact = folded.get(key)
  if (exact) return exact
  if (facet === 'person') {
    const canonical = parts.personByAlias.get(foldTerm(typed))
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

function foldedIndex(parts: IndexParts, facet: FacetName): Map<string, string[]> {
  let folded = parts.foldedValues.get(facet)
  if (!folded) {
    folded = new Map()
    const column = parts.columns.get(facet)
    for (const [id, value] of (column?.values ?? []).entries()) {
      if (column && column.totals[id] === 0) continue
      const keys = [foldValue(value)]
      if (facet === 'topic') keys.push(foldValue(parts.meta.topicLabels[value] ?? value))
      for (const key of keys) folded.set(key, [...(folded.get(key) ?? []), value])
    }
    parts.foldedValues.set(facet, folded)
  }
  return folded
}
