// Facet counting for the systems that have none built in: tallies of source and topic over a match set.
// Counts two facets (source, topic), as the reference figures did; Clippings counts five, disjunctively.

/** Per passage number, the facet values the alternatives filter and count by. */
export interface FacetTable {
  source: string[]
  topics: string[][]
}

export function facetTableOf(passages: readonly { source: string; topics: string[] }[]): FacetTable {
  return { source: passages.map((p) => p.source), topics: passages.map((p) => p.topics) }
}

/** Counts by source and by topic over the matching passage numbers. */
export function countFacets(table: FacetTable, docs: Iterable<number>): { source: Map<string, number>; topic: Map<string, number> } {
  const source = new Map<string, number>()
  const topic = new Map<string, number>()
  for (const doc of docs) {
    const s = table.source[doc]
    source.set(s, (source.get(s) ?? 0) + 1)
    for (const t of table.topics[doc]) topic.set(t, (topic.get(t) ?? 0) + 1)
  }
  return { source, topic }
}

/** The `size` largest counts, as a facet list would show them. */
export function topCounts(counts: Map<string, number>, size = 10): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, size)
}
