// Facet values as compact integer columns: per passage the value ids it carries, per value the sorted
// passages carrying it. Filtering and disjunctive counting run over these arrays, never over objects,
// so a search costs time in proportion to the passages it touches, not to the corpus.
import type { FacetName, FacetValue } from '../model.ts'

/** Facets stored as integer columns. `month` values look like `2025-10`; undated passages carry `undated`. */
export const UNDATED = 'undated'

/** What a facet column is made of, and what persistence stores: the rest is derived at load. */
export interface FacetColumnData {
  /** Value id → value. */
  values: string[]
  /** CSR layout: the values of passage `d` are `docValues[docOffsets[d] .. docOffsets[d + 1]]`. */
  docOffsets: Uint32Array
  docValues: Uint32Array
}

/** One facet's dictionary and postings, built once per index. */
export class FacetColumn implements FacetColumnData {
  readonly name: FacetName
  readonly values: string[]
  /** Value → value id. */
  readonly ids = new Map<string, number>()
  readonly docOffsets: Uint32Array
  readonly docValues: Uint32Array
  /** Per value, the passages carrying it, ascending. */
  readonly postings: Uint32Array[]
  /** Per value, how many passages carry it in the whole index. */
  readonly totals: Uint32Array

  /** A column from its stored arrays: the value lookup, totals and postings are counted from them. */
  constructor(name: FacetName, { values, docOffsets, docValues }: FacetColumnData) {
    this.name = name
    this.values = values
    values.forEach((value, id) => this.ids.set(value, id))
    this.docOffsets = docOffsets
    this.docValues = docValues
    const totals = new Uint32Array(values.length)
    for (let i = 0; i < docValues.length; i++) totals[docValues[i]]++
    const postings = Array.from(totals, (total) => new Uint32Array(total))
    const fill = new Uint32Array(values.length)
    const count = docOffsets.length - 1
    for (let doc = 0; doc < count; doc++) {
      for (let i = docOffsets[doc]; i < docOffsets[doc + 1]; i++) {
        const id = docValues[i]
        postings[id][fill[id]++] = doc
      }
    }
    this.postings = postings
    this.totals = totals
  }

  /**
   * A column from the passages: `valuesOf(doc)` gives passage `doc`'s value or values (undefined for
   * none). Taking a function rather than a per-passage array list spares a million small arrays.
   */
  static fromPassages(name: FacetName, count: number, valuesOf: (doc: number) => string | readonly string[] | undefined): FacetColumn {
    const values: string[] = []
    const ids = new Map<string, number>()
    const docOffsets = new Uint32Array(count + 1)
    // Value ids in passage order, grown as needed: most passages carry one value per facet.
    let docValues = new Uint32Array(Math.max(16, count))
    let pairs = 0
    const add = (value: string) => {
      let id = ids.get(value)
      if (id === undefined) {
        id = values.length
        values.push(value)
        ids.set(value, id)
      }
      if (pairs === docValues.length) {
        const grown = new Uint32Array(docValues.length * 2)
        grown.set(docValues)
        docValues = grown
      }
      docValues[pairs++] = id
    }
    for (let doc = 0; doc < count; doc++) {
      const found = valuesOf(doc)
      if (typeof found === 'string') add(found)
      else if (found !== undefined) {
        // Only longer lists need de-duplicating.
        for (const value of found.length <= 1 ? found : new Set(found)) add(value)
      }
      docOffsets[doc + 1] = pairs
    }
    return new FacetColumn(name, { values, docOffsets, docValues: docValues.slice(0, pairs) })
  }

  /** Whether passage `doc` carries any value marked in `mask` (indexed by value id). */
  hasAny(doc: number, mask: Uint8Array): boolean {
    for (let i = this.docOffsets[doc]; i < this.docOffsets[doc + 1]; i++) {
      if (mask[this.docValues[i]] === 1) return true
    }
    return false
  }

  /** A value-id mask for `hasAny`: a byte per value, so a check is an array read, not a hash lookup. */
  mask(valueIds: Iterable<number>): Uint8Array {
    const mask = new Uint8Array(this.values.length)
    for (const id of valueIds) mask[id] = 1
    return mask
  }

  /** The passages carrying any of the values, ascending. */
  union(valueIds: Iterable<number>): Uint32Array {
    const lists = [...valueIds].map((id) => this.postings[id])
    if (lists.length === 1) return lists[0]
    // Concatenated, sorted as numbers (typed arrays sort numerically) and de-duplicated in place.
    const all = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0))
    let filled = 0
    for (const list of lists) {
      all.set(list, filled)
      filled += list.length
    }
    all.sort()
    let kept = 0
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[kept++] = all[i]
    return all.subarray(0, kept)
  }
}

/**
 * One facet's filter: the value ids it includes (to list their passages) and masks of the included and
 * excluded ids (to test a passage); an unknown value simply matches nothing.
 */
export interface ColumnFilter {
  column: FacetColumn
  include?: number[]
  includeMask?: Uint8Array
  excludeMask?: Uint8Array
}

/** Counts per value id for one facet, kept sparse: only the ids touched are listed. */
export class FacetTally {
  readonly counts: Uint32Array
  readonly touched: number[] = []

  constructor(size: number) {
    this.counts = new Uint32Array(size)
  }

  addDoc(column: FacetColumn, doc: number): void {
    for (let i = column.docOffsets[doc]; i < column.docOffsets[doc + 1]; i++) {
      const id = column.docValues[i]
      if (this.counts[id]++ === 0) this.touched.push(id)
    }
  }

  static fromTotals(column: FacetColumn): FacetTally {
    const tally = new FacetTally(column.values.length)
    tally.counts.set(column.totals)
    for (let id = 0; id < column.totals.length; id++) if (column.totals[id] > 0) tally.touched.push(id)
    return tally
  }
}

/** Which filter a passage fails: -1 for none, the filter's index for exactly one, -2 for more. */
export function failedFilter(filters: readonly ColumnFilter[], doc: number): number {
  let failed = -1
  for (let f = 0; f < filters.length; f++) {
    const { column, includeMask, excludeMask } = filters[f]
    const passes = (!includeMask || column.hasAny(doc, includeMask)) && (!excludeMask || !column.hasAny(doc, excludeMask))
    if (!passes) {
      if (failed !== -1) return -2
      failed = f
    }
  }
  return failed
}

export interface FacetListOptions {
  size: number
  selected: ReadonlySet<string>
  excluded: ReadonlySet<string>
  label: (value: string) => string
}

/** The top values of a tally, most frequent first (ties by value), with selected and excluded values always listed. */
export function listFacetValues(
  column: FacetColumn,
  tally: FacetTally,
  options: FacetListOptions,
): { values: FacetValue[]; truncated: boolean } {
  const ranked = tally.touched
    .filter((id) => tally.counts[id] > 0)
    .sort((a, b) => compareRanked(column, tally, a, b))
  const shown = ranked.slice(0, options.size)
  const shownValues = new Set(shown.map((id) => column.values[id]))
  for (const value of [...options.selected, ...options.excluded]) {
    if (shownValues.has(value)) continue
    const id = column.ids.get(value)
    if (id !== undefined) shown.push(id)
    shownValues.add(value)
  }
  const values = shown.map((id) => {
    const value = column.values[id]
    return {
      value,
      label: options.label(value),
      count: tally.counts[id],
      selected: options.selected.has(value),
      excluded: options.excluded.has(value),
    }
  })
  // Selected values that are not in the index at all still show, with a zero count, so they can be removed.
  for (const value of [...options.selected, ...options.excluded]) {
    if (column.ids.has(value)) continue
    values.push({ value, label: options.label(value), count: 0, selected: options.selected.has(value), excluded: options.excluded.has(value) })
  }
  return { values, truncated: ranked.length > options.size }
}

/** Dates list newest first with "undated" last, as a timeline reads; other facets by count, then name. */
function compareRanked(column: FacetColumn, tally: FacetTally, a: number, b: number): number {
  const [valueA, valueB] = [column.values[a], column.values[b]]
  if (column.name === 'year' || column.name === 'month') {
    if (valueA === UNDATED || valueB === UNDATED) return Number(valueA === UNDATED) - Number(valueB === UNDATED)
    return valueB.localeCompare(valueA)
  }
  return tally.counts[b] - tally.counts[a] || valueA.localeCompare(valueB)
}
