// Reading a search request once (the shared reading in ../request-plan.ts), then OpenSearch's part: field
// terms (`person:putin`) resolved against the index's values, the words, facet selections and dates
// compiled to DSL.
import type { FacetRegistry } from '../../facets/registry.ts'
import type { FacetFilters, FacetName, SearchRequest } from '../../model.ts'
import type { IndexMeta } from '../engine.ts'
import type { RankingDefaults } from '../ranking.ts'
import { foldValues, parseRequest, readRequest, resolveValue, type FacetValueIndex, type RequestPlan } from '../request-plan.ts'
import { compileWords, dateFilter, facetFilters, type CompiledWords, type Dsl } from './query.ts'

export interface SearchPlan extends RequestPlan {
  compiled: CompiledWords
  /** Each facet's selection as a filter, by facet name. */
  facetFilters: Map<FacetName, Dsl>
  date?: Dsl
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

export async function planSearch(source: ValueSource, request: SearchRequest, ranking: RankingDefaults): Promise<SearchPlan> {
  const reading = parseRequest(request, source.registry)
  const { filters, exclude } = reading.parsed
  const plan = readRequest(request, source.registry, ranking, reading, {
    filters: await resolveQueryFilters(source, filters),
    exclude: await resolveQueryFilters(source, exclude),
  })
  const { parsed, phrases, words } = plan
  return {
    ...plan,
    compiled: compileWords({ must: parsed.must, not: parsed.not, phrases, words }, ranking),
    facetFilters: facetFilters(source.registry.names, plan.filters, plan.exclude),
    date: dateFilter(plan.from, plan.to),
  }
}

/** Whether the plan's strict words are the whole story: a relaxed fallback exists only with several clauses. */
export function isRelaxable(plan: SearchPlan): boolean {
  return plan.compiled.relaxed !== undefined
}

async function resolveQueryFilters(source: ValueSource, filters: FacetFilters): Promise<FacetFilters> {
  const resolved: FacetFilters = {}
  for (const [facet, values] of Object.entries(filters)) {
    const index = source.registry.has(facet) ? await source.valuesOf(facet) : undefined
    resolved[facet] = (values ?? []).flatMap((value) => (index ? resolveValue(index, facet, value, source.personByAlias) : [value]))
  }
  return resolved
}

/** The value index of a facet's values. */
export function indexValues(facet: FacetName, values: readonly string[], meta: IndexMeta): FacetValueIndex {
  return { values: new Set(values), folded: foldValues(facet, values, meta.topicLabels) }
}
