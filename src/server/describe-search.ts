// A search in words, for places that show it away from the search page: a feed's title, the batch page's
// filters. "“remittances” · Source: CABAR.asia · not Topic: Sport · from 2024".
import type { SearchEngine } from '../engine/engine.ts'
import type { SearchRequest } from '../model.ts'
import { capitalised } from './topic-labels.ts'

export interface FilterDescription {
  /** The facet's title: "Source", "People". */
  facet: string
  /** The value's label: a topic's name, not its id. */
  label: string
  excluded: boolean
}

/** Each filter and exclusion of a request, labelled, in the registry's facet order. */
export async function describeFilters(engine: SearchEngine, request: SearchRequest): Promise<FilterDescription[]> {
  const described: FilterDescription[] = []
  for (const facet of engine.facets().facets) {
    for (const [values, excluded] of [
      [request.filters?.[facet.name] ?? [], false],
      [request.exclude?.[facet.name] ?? [], true],
    ] as const) {
      if (values.length === 0) continue
      const labels = await engine.labels(facet.name, values)
      for (const value of values) described.push({ facet: facet.title, label: capitalised(labels.get(value) ?? value), excluded })
    }
  }
  return described
}

/** The date bounds in words: "from 2024", "until 2025-06", "from 2024 until 2025-06". */
export function describeDates(request: Pick<SearchRequest, 'from' | 'to'>): string | undefined {
  const parts = [request.from ? `from ${request.from}` : '', request.to ? `until ${request.to}` : ''].filter(Boolean)
  return parts.length > 0 ? parts.join(' ') : undefined
}

/** The whole search in one line; "every passage" for an empty one. */
export async function describeSearch(engine: SearchEngine, request: SearchRequest): Promise<string> {
  const filters = await describeFilters(engine, request)
  const parts = [
    request.query ? `“${request.query}”` : '',
    ...filters.map((filter) => `${filter.excluded ? 'not ' : ''}${filter.facet}: ${filter.label}`),
    describeDates(request) ?? '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : 'every passage'
}
