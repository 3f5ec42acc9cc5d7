// Facet counts on OpenSearch, exact and disjunctive. Each counted facet is a `filter` aggregation holding
// every other facet's selection (the hits get all of them as a `post_filter`), with a `terms` aggregation
// inside. Terms aggregations over several shards are approximate, so each answer is checked against the
// error bounds OpenSearch reports (a value missing from a shard's list, a count short on one shard) and
// asked again with longer lists when the bounds could change what is shown; a facet listed whole (dates)
// or searched by `contains` is enumerated with a composite aggregation. Values then sort as the embedded
// engine sorts them (count, then name by `localeCompare`; dates newest first, "undated" last).
import { facetValueLabel, facetValueParent, UNDATED, type FacetDefinition, type FacetRegistry } from '../../facets/registry.ts'
import type { FacetCounts, FacetValue } from '../../model.ts'
import type { IndexMeta } from '../engine.ts'
import type { Aggregation, SearchAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import { facetField } from './mapping.ts'
import { MATCH_ALL, type Dsl } from './query.ts'

/** What a facet's values and counts are read from: a value and its count, sorted or not. */
export interface ValueCount {
  value: string
  count: number
}

/** Longest list a date facet can need (a century of months); beyond it, values are enumerated. */
const DATE_VALUES = 10_000

/** Rounds of longer lists before falling back to enumerating every value. */
const EXACTNESS_ROUNDS = 3

/** How a facet's values sort: the embedded engine's `compareRanked`. */
export function compareValues(facet: FacetDefinition, a: ValueCount, b: ValueCount): number {
  if (facet.order === 'newest') {
    if (a.value === UNDATED || b.value === UNDATED) return Number(a.value === UNDATED) - Number(b.value === UNDATED)
    return b.value.localeCompare(a.value)
  }
  return b.count - a.count || a.value.localeCompare(b.value)
}

/** A terms aggregation listing at least the top `wanted` values (by count, or every value of a date facet). */
export function valuesAggregation(facet: FacetDefinition, wanted: number, round = 0): Dsl {
  const field = facetField(facet.name)
  if (facet.order === 'newest') return { terms: { field, size: DATE_VALUES, order: { _key: 'desc' } } }
  // Room beyond the top for values tied with the last one shown, so they can be ordered by name here.
  const size = (wanted + 10) * 4 ** round
  return { terms: { field, size, shard_size: Math.max(500, size * 10), order: [{ _count: 'desc' }, { _key: 'asc' }], show_term_doc_count_error: true } }
}

/** Counts of given values exactly (a short `include` list is counted in full on every shard). */
export function chosenAggregation(facet: FacetDefinition, values: readonly string[]): Dsl {
  return { terms: { field: facetField(facet.name), include: [...values], size: values.length } }
}


export interface ReadValues {
  /** Values with a count above zero, sorted as shown; the top ones are exact. */
  values: ValueCount[]
  /** Whether more values exist than listed. */
  more: boolean
  /** False when the error bounds leave the top `wanted` in doubt: ask again with a longer list. */
  exact: boolean
}

/** The values of a terms answer, and whether its top `wanted` (and their order) are certain. */
export function readValues(facet: FacetDefinition, answer: Aggregation, wanted: number, size: number): ReadValues {
  const buckets = (answer.buckets ?? []).filter((bucket) => bucket.doc_count > 0)
  const values = buckets.map((bucket) => ({ value: String(bucket.key), count: bucket.doc_count })).sort((a, b) => compareValues(facet, a, b))
  const missing = answer.doc_count_error_upper_bound ?? 0
  const more = (answer.sum_other_doc_count ?? 0) > 0
  if (facet.order === 'newest') return { values, more: false, exact: !more && missing === 0 }
  if (values.length < wanted) return { values, more, exact: missing === 0 && !more }
  const last = values[wanted - 1].count
  // A value missing from the answer: held by no shard's list (at most `missing` passages), or cut by the
  // coordinating node's size (at most the smallest count listed, plus what the shards that left it out hold).
  const cut = buckets.length >= size
  const unseen = cut ? buckets[buckets.length - 1].doc_count + missing : missing
  const certain =
    (unseen === 0 || unseen < last) &&
    // A listed value may be short by its own error: those that could reach the last one shown must be exact.
    buckets.every((bucket) => !bucket.doc_count_error_upper_bound || bucket.doc_count + bucket.doc_count_error_upper_bound < last)
  return { values, more: more || values.length > wanted, exact: certain }
}

export interface FacetListing {
  /** The facet's values with counts (an empty list when the facet is not counted in this search). */
  counted: ReadValues
  /** Counts of the selected and excluded values within the search. */
  chosen: Map<string, number>
  /** Which of the selected and excluded values the index holds at all. */
  known: Set<string>
}

export interface ListOptions {
  size: number
  selected: ReadonlySet<string>
  excluded: ReadonlySet<string>
  label: (value: string) => string
}

/** A facet as a search shows it: the embedded engine's `listFacetValues` over values read from OpenSearch. */
export function listFacet(facet: FacetDefinition, listing: FacetListing, options: ListOptions): FacetCounts {
  const ranked = listing.counted.values
  const shown = ranked.slice(0, options.size)
  const values: FacetValue[] = shown.map(({ value, count }) => ({
    value,
    label: options.label(value),
    count,
    selected: options.selected.has(value),
    excluded: options.excluded.has(value),
  }))
  const shownValues = new Set(shown.map(({ value }) => value))
  const unknown: string[] = []
  for (const value of [...options.selected, ...options.excluded]) {
    if (shownValues.has(value)) continue
    shownValues.add(value)
    if (!listing.known.has(value)) {
      unknown.push(value)
      continue
    }
    values.push({ value, label: options.label(value), count: listing.chosen.get(value) ?? 0, selected: options.selected.has(value), excluded: options.excluded.has(value) })
  }
  // Selected values the index does not hold still show, with a zero count, so they can be removed.
  for (const value of unknown) {
    values.push({ value, label: options.label(value), count: 0, selected: options.selected.has(value), excluded: options.excluded.has(value) })
  }
  return { values, truncated: ranked.length > options.size || listing.counted.more }
}

/** A value as the engine's value lists give it: labelled, with its parent in a two-level facet. */
export function facetValue(facet: FacetDefinition | undefined, value: string, count: number, meta: IndexMeta): FacetValue {
  const label = facet ? facetValueLabel(facet, value, meta) : value
  const parent = facet ? facetValueParent(facet, value, meta) : undefined
  return { value, label, count, selected: false, excluded: false, ...(parent ? { parent } : {}) }
}

/** Aggregations answering several facets' top values at once, each over its own filter. */
export async function topValuesOf(
  http: OpenSearchHttp,
  index: string,
  query: Dsl,
  requests: { facet: FacetDefinition; filter: Dsl; wanted: number }[],
  round = 1,
): Promise<Map<string, ReadValues>> {
  const aggs: Record<string, Dsl> = {}
  for (const { facet, filter, wanted } of requests) aggs[facet.name] = { filter, aggs: { values: valuesAggregation(facet, wanted, round) } }
  const { body } = await http.request<SearchAnswer<unknown>>('POST', `/${index}/_search`, { size: 0, track_total_hits: false, query, aggs })
  const read = new Map<string, ReadValues>()
  const again: typeof requests = []
  for (const request of requests) {
    const size = (valuesAggregation(request.facet, request.wanted, round).terms as { size: number }).size
    const values = readValues(request.facet, body.aggregations?.[request.facet.name]?.values as Aggregation, request.wanted, size)
    if (values.exact) read.set(request.facet.name, values)
    else again.push(request)
  }
  if (again.length > 0) {
    const retried =
      round + 1 < EXACTNESS_ROUNDS
        ? await topValuesOf(http, index, query, again, round + 1)
        : new Map(await Promise.all(again.map(async (request) => [request.facet.name, await allValuesOf(http, index, { bool: { filter: [query, request.filter] } }, request.facet)] as const)))
    for (const [name, values] of retried) read.set(name, values)
  }
  return read
}

/** Every value of a facet with its count among the passages `query` matches: a composite aggregation, page by page. */
export async function allValuesOf(http: OpenSearchHttp, index: string, query: Dsl, facet: FacetDefinition, signal?: AbortSignal): Promise<ReadValues> {
  const values: ValueCount[] = []
  let after: Record<string, unknown> | undefined
  do {
    const composite: Dsl = { size: 2000, sources: [{ value: { terms: { field: facetField(facet.name) } } }] }
    if (after) composite.after = after
    const { body } = await http.request<SearchAnswer<unknown>>('POST', `/${index}/_search`, { size: 0, track_total_hits: false, query, aggs: { all: { composite } } }, { signal })
    const answer = body.aggregations?.all
    const buckets = answer?.buckets ?? []
    for (const bucket of buckets) if (bucket.doc_count > 0) values.push({ value: String((bucket.key as { value: string }).value), count: bucket.doc_count })
    after = buckets.length > 0 ? answer?.after_key : undefined
  } while (after)
  values.sort((a, b) => compareValues(facet, a, b))
  return { values, more: false, exact: true }
}

/** Selected and excluded values of each facet, counted within the search (`chosen`) and in the whole index (`known`). */
export function chosenValues(registry: FacetRegistry, filters: Record<string, string[] | undefined>, exclude: Record<string, string[] | undefined>): Map<string, string[]> {
  const chosen = new Map<string, string[]>()
  for (const facet of registry.facets) {
    const values = [...new Set([...(filters[facet.name] ?? []), ...(exclude[facet.name] ?? [])])]
    if (values.length > 0) chosen.set(facet.name, values)
  }
  return chosen
}

export { MATCH_ALL }
