// Reading a search request once (the shared reading in ../request-plan.ts), then the embedded engine's
// part: field terms resolved against the columns' values, clauses compiled for the scorer.
import type { FacetFilters, FacetName, SearchRequest } from '../../model.ts'
import type { QueryNode } from '../../query/parse.ts'
import { compileQuery } from '../compile-query.ts'
import { foldValues, parseRequest, readRequest, resolveValue, type FacetValueIndex, type RequestPlan } from '../request-plan.ts'
import type { IndexParts } from './parts.ts'
import type { Clause } from './scorer.ts'

export interface SearchPlan extends RequestPlan {
  /** What every match satisfies, and the nodes to verify on each (see compile-query.ts). */
  clauses: Clause[]
  toVerify: QueryNode[]
  /** Whether "most of the words" can stand in when no passage has them all. */
  relaxable: boolean
}

/** Reads the request and its query once: filters merged, values resolved, clauses compiled, sort decided. */
export function planSearch(parts: IndexParts, request: SearchRequest): SearchPlan {
  const reading = parseRequest(request, parts.registry)
  const { filters, exclude } = reading.parsed
  const plan = readRequest(request, parts.registry, parts.ranking, reading, {
    filters: resolveQueryFilters(parts, filters),
    exclude: resolveQueryFilters(parts, exclude),
  })
  const compiled = compileQuery(plan.parsed.must, parts.ranking)
  return { ...plan, clauses: compiled.clauses, toVerify: compiled.toVerify, relaxable: compiled.clauses.length > 1 }
}

// Query field terms (`person:putin`) resolve against the index's values, forgivingly.

function resolveQueryFilters(parts: IndexParts, filters: FacetFilters): FacetFilters {
  const resolved: FacetFilters = {}
  for (const [facet, values] of Object.entries(filters)) {
    const index = valueIndex(parts, facet)
    resolved[facet] = (values ?? []).flatMap((value) => (index ? resolveValue(index, facet, value, parts.personByAlias) : [value]))
  }
  return resolved
}

function valueIndex(parts: IndexParts, facet: FacetName): FacetValueIndex | undefined {
  const column = parts.columns.get(facet)
  if (!column) return undefined
  let folded = parts.foldedValues.get(facet)
  if (!folded) {
    // Values no passage holds any more (removed by updates) are not offered.
    const live = column.values.filter((_, id) => column.totals[id] > 0)
    folded = foldValues(facet, live, parts.meta.topicLabels)
    parts.foldedValues.set(facet, folded)
  }
  return { values: column.ids, folded }
}
