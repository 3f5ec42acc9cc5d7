// Facet values as compact integer columns: per passage the value ids it carries, per value the passages
// carrying it. Filtering and disjunctive counting run over these arrays, never over objects, so a search
// costs time in proportion to the passages it touches, not to the corpus. Passages are appended (their
// numbers only grow) and removed (their counts go, their entries stay and readers skip them as dead).
import type { FacetValue } from '../../model.ts'
import { UNDATED, type FacetDefinition } from '../../facets/registry.ts'

/** What a facet column is made of, and what persistence stores: the rest is derived at load. */
export interface FacetColumnData {
  /** Value id → value. */
  values: string[]
  /** CSR layout: the values of passage `d` are `docValues[docOffsets[d] .. docOffsets[d + 1]]`. */
  docOffsets: Uint32Array
  docValues: Uint32Array
}

/** A Uint32Array that grows as numbers are appended. */
export class GrowableUint32 {
  array: Uint32Array
  length = 0

  constructor(capacity = 4) {
    this.array = new Uint32Array(Math.max(1, capacity))
  }

  static from(values: Uint32Array): GrowableUint32 {
    const grown = new GrowableUint32(0)
    grown.array = values
    grown.length = values.length
    return grown
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new Uint32Array(Math.max(4, this.array.length * 2))
      grown.set(this.array)
      this.array = grown
    }
    this.array[this.length++] = value
  }

  view(): Uint32Array {
    return this.array.subarray(0, this.length)
  }
}

/** One facet's dictionary and postings. */
export class FacetColumn {
  readonly name: string
  readonly values: string[] = []
  /** Value → value id. */
  readonly ids = new Map<string, number>()
  private offsets: GrowableUint32
  private pairs: GrowableUint32
  /** Per value, the passages carrying it, ascending (dead ones included). */
  private readonly valuePostings: GrowableUint32[] = []
  /** Per value, how many live passages carry it. */
  totals: Uint32Array = new Uint32Array(16)

  constructor(name: string) {
    this.name = name
    this.offsets = new GrowableUint32(16)
    this.offsets.push(0)
    this.pairs = new GrowableUint32(16)
  }

  /** A column from its stored arrays (every passage live): the value lookup, totals and postings are counted from them. */
  static fromSaved(name: string, { values, docOffsets, docValues }: FacetColumnData): FacetColumn {
    const column = new FacetColumn(name)
    values.forEach((value) => column.valueId(value))
    column.offsets = GrowableUint32.from(docOffsets.slice())
    column.pairs = GrowableUint32.from(docValues.slice())
    const totals = column.totals
    for (let i = 0; i < docValues.length; i++) totals[docValues[i]]++
    const postings = Array.from(totals.subarray(0, values.length), (total) => new GrowableUint32(total))
    const count = docOffsets.length - 1
    for (let doc = 0; doc < count; doc++) {
      for (let i = docOffsets[doc]; i < docOffsets[doc + 1]; i++) postings[docValues[i]].push(doc)
    }
    column.valuePostings.splice(0, postings.length, ...postings)
    return column
  }

  /** Passages numbered so far. */
  get docCount(): number {
    return this.offsets.length - 1
  }

  get docOffsets(): Uint32Array {
    return this.offsets.array
  }

  get docValues(): Uint32Array {
    return this.pairs.array
  }

  private valueId(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
      this.valuePostings.push(new GrowableUint32())
      if (id >= this.totals.length) {
        const grown = new Uint32Array(this.totals.length * 2)
        grown.set(this.totals)
        this.totals = grown
      }
    }
    return id
  }

  /** Appends passage `doc` (the next number) with its values; a list is de-duplicated. */
  add(doc: number, found: string | readonly string[] | undefined): void {
    if (doc !== this.docCount) throw new Error(`Clippings: facet ${this.name}: passages must be added in order (expected ${this.docCount}, got ${doc})`)
    const add = (value: string) => {
      const id = this.valueId(value)
      this.pairs.push(id)
      this.valuePostings[id].push(doc)
      this.totals[id]++
    }
    if (typeof found === 'string') add(found)
    else if (found !== undefined) for (const value of found.length <= 1 ? found : new Set(found)) add(value)
    this.offsets.push(this.pairs.length)
  }

  /** Takes a removed passage out of the counts. */
  remove(doc: number): void {
    const offsets = this.offsets.array
    const pairs = this.pairs.array
    for (let i = offsets[doc]; i < offsets[doc + 1]; i++) this.totals[pairs[i]]--
  }

  /** The value ids of passage `doc`. */
  valueIdsOf(doc: number): Uint32Array {
    return this.pairs.array.subarray(this.offsets.array[doc], this.offsets.array[doc + 1])
  }

  /** Whether passage `doc` carries any value marked in `mask` (indexed by value id). */
  hasAny(doc: number, mask: Uint8Array): boolean {
    const offsets = this.offsets.array
    const pairs = this.pairs.array
    for (let i = offsets[doc]; i < offsets[doc + 1]; i++) {
      if (mask[pairs[i]] === 1) return true
    }
    return false
  }

  /** A value-id mask for `hasAny`: a byte per value, so a check is an array read, not a hash lookup. */
  mask(valueIds: Iterable<number>): Uint8Array {
    const mask = new Uint8Array(this.values.length)
    for (const id of valueIds) mask[id] = 1
    return mask
  }

  /** The passages carrying any of the values, ascending (dead ones included). */
  union(valueIds: Iterable<number>): Uint32Array {
    const lists = [...valueIds].map((id) => this.valuePostings[id].view())
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

  /** The column as stored, for the passages `keep` lists (renumbered 0, 1, …); values no passage keeps are dropped. */
  saved(keep?: Uint32Array): FacetColumnData {
    const offsets = this.offsets.array
    const pairs = this.pairs.array
    if (!keep) return { values: [...this.values], docOffsets: offsets.slice(0, this.offsets.length), docValues: pairs.slice(0, this.pairs.length) }
    const newId = new Int32Array(this.values.length).fill(-1)
    const values: string[] = []
    const docOffsets = new Uint32Array(keep.length + 1)
    const docValues = new GrowableUint32(Math.max(4, this.pairs.length))
    keep.forEach((doc, i) => {
      for (let p = offsets[doc]; p < offsets[doc + 1]; p++) {
        const id = pairs[p]
        if (newId[id] === -1) {
          newId[id] = values.length
          values.push(this.values[id])
        }
        docValues.push(newId[id])
      }
      docOffsets[i + 1] = docValues.length
    })
    return { values, docOffsets, docValues: docValues.view().slice() }
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
    const offsets = column.docOffsets
    const pairs = column.docValues
    for (let i = offsets[doc]; i < offsets[doc + 1]; i++) {
      const id = pairs[i]
      if (this.counts[id]++ === 0) this.touched.push(id)
    }
  }

  static fromTotals(column: FacetColumn): FacetTally {
    const tally = new FacetTally(column.values.length)
    tally.counts.set(column.totals.subarray(0, column.values.length))
    for (let id = 0; id < column.values.length; id++) if (column.totals[id] > 0) tally.touched.push(id)
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

/** The top values of a tally in the facet's order, with selected and excluded values always listed. */
export function listFacetValues(
  facet: FacetDefinition,
  column: FacetColumn,
  tally: FacetTally,
  options: FacetListOptions,
): { values: FacetValue[]; truncated: boolean } {
  const ranked = tally.touched.filter((id) => tally.counts[id] > 0).sort((a, b) => compareRanked(facet, column, tally, a, b))
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
export function compareRanked(facet: FacetDefinition, column: FacetColumn, tally: { counts: ArrayLike<number> }, a: number, b: number): number {
  const [valueA, valueB] = [column.values[a], column.values[b]]
  if (facet.order === 'newest') {
    if (valueA === UNDATED || valueB === UNDATED) return Number(valueA === UNDATED) - Number(valueB === UNDATED)
    return valueB.localeCompare(valueA)
  }
  return tally.counts[b] - tally.counts[a] || valueA.localeCompare(valueB)
}
