// Passage dates as numeric columns: each passage's earliest and latest possible day (a partial date spans
// its month or year), and the live passages newest first, for browsing, date sorts and date ranges. Added
// passages are merged into the order and removed ones filtered out, each in one pass.
import type { PartialDate } from '../../model.ts'

/** yyyymmdd of the first and last day a partial date may mean; -1 for both when undated. */
export function packedDateBounds(date: PartialDate | undefined): [number, number] {
  const iso = date?.iso
  if (!iso) return [-1, -1]
  const year = Number(iso.slice(0, 4)) * 10000
  const month = iso.length >= 7 ? Number(iso.slice(5, 7)) : 0
  const day = iso.length >= 10 ? Number(iso.slice(8, 10)) : 0
  return [year + (month || 1) * 100 + (day || 1), year + (month || 12) * 100 + (day || 31)]
}

/** The saved form: what a load reads instead of recomputing (see column-file.ts). */
export interface SavedDates {
  dateStart: Int32Array
  dateEnd: Int32Array
  /** Passages newest first, undated last. */
  newest: Uint32Array
}

const UNDATED_RANK = 99_999_999

export class DateColumns {
  /** yyyymmdd of the earliest day each passage's date may mean; -1 when undated. */
  dateStart: Int32Array
  /** yyyymmdd of the latest day; -1 when undated. */
  dateEnd: Int32Array
  /** Live passages newest first, undated last (in passage order). */
  newest: Uint32Array
  /** The largest `dateEnd - dateStart` (packed), so a range search knows how early a date may start. */
  longestSpan = 0
  private count = 0
  private oldestOrder: Uint32Array | undefined

  constructor(saved?: SavedDates) {
    this.dateStart = saved ? saved.dateStart.slice() : new Int32Array(16)
    this.dateEnd = saved ? saved.dateEnd.slice() : new Int32Array(16)
    this.newest = saved ? saved.newest.slice() : new Uint32Array(0)
    this.count = saved ? saved.dateStart.length : 0
    for (let doc = 0; doc < this.count; doc++) {
      if (this.dateStart[doc] >= 0) this.longestSpan = Math.max(this.longestSpan, this.dateEnd[doc] - this.dateStart[doc])
    }
  }

  /** Sort key newest first: packed so that a plain numeric comparison orders them, undated last. */
  private newestRank(doc: number): number {
    const start = this.dateStart[doc]
    return start < 0 ? UNDATED_RANK : UNDATED_RANK - 1 - start
  }

  /** Appends passages numbered `first`, `first + 1`, … with their dates, and merges them into the order. */
  add(first: number, dates: readonly (PartialDate | undefined)[]): void {
    if (first !== this.count) throw new Error(`Clippings: dates must be added in order (expected ${this.count}, got ${first})`)
    this.ensureCapacity(first + dates.length)
    dates.forEach((date, i) => {
      const [start, end] = packedDateBounds(date)
      this.dateStart[first + i] = start
      this.dateEnd[first + i] = end
      if (start >= 0) this.longestSpan = Math.max(this.longestSpan, end - start)
    })
    this.count += dates.length
    // The new passages sorted by packed keys (rank × count + number): a plain typed-array sort, no comparator.
    const span = this.count
    const keys = new Float64Array(dates.length)
    for (let i = 0; i < dates.length; i++) keys[i] = this.newestRank(first + i) * span + (first + i)
    keys.sort()
    const added = Uint32Array.from(keys, (key) => key % span)
    this.newest = this.merge(this.newest, added)
    this.oldestOrder = undefined
  }

  /** Takes removed passages out of the order. */
  remove(docs: ReadonlySet<number>): void {
    if (docs.size === 0) return
    this.newest = this.newest.filter((doc) => !docs.has(doc))
    this.oldestOrder = undefined
  }

  /** Two newest-first lists merged; ties keep passage order. */
  private merge(a: Uint32Array, b: Uint32Array): Uint32Array {
    if (a.length === 0) return b
    const out = new Uint32Array(a.length + b.length)
    let i = 0
    let j = 0
    let n = 0
    while (i < a.length && j < b.length) {
      const ra = this.newestRank(a[i])
      const rb = this.newestRank(b[j])
      out[n++] = ra < rb || (ra === rb && a[i] < b[j]) ? a[i++] : b[j++]
    }
    while (i < a.length) out[n++] = a[i++]
    while (j < b.length) out[n++] = b[j++]
    return out
  }

  /**
   * Oldest first, undated last: the dated part of `newest` reversed, each run of equal dates reversed back so
   * ties stay in passage order, then the undated passages as `newest` lists them.
   */
  get oldest(): Uint32Array {
    if (this.oldestOrder) return this.oldestOrder
    const { newest, dateStart } = this
    let dated = 0
    while (dated < newest.length && dateStart[newest[dated]] >= 0) dated++
    const oldest = new Uint32Array(newest.length)
    for (let i = 0; i < dated; i++) oldest[i] = newest[dated - 1 - i]
    for (let runStart = 0; runStart < dated; ) {
      let runEnd = runStart + 1
      while (runEnd < dated && dateStart[oldest[runEnd]] === dateStart[oldest[runStart]]) runEnd++
      oldest.subarray(runStart, runEnd).reverse()
      runStart = runEnd
    }
    oldest.set(newest.subarray(dated), dated)
    this.oldestOrder = oldest
    return oldest
  }

  /**
   * The passages whose date may fall in the range, possibly with some that do not (callers check): in
   * newest-first order the passages starting between the range's end and its start less the longest date
   * span sit together, found by two binary searches.
   */
  datedWithin(bounds: { start: number; end: number }): Uint32Array {
    const { newest, dateStart, longestSpan } = this
    const firstStartingBy = (limit: number) => {
      let low = 0
      let high = newest.length
      while (low < high) {
        const middle = (low + high) >>> 1
        const start = dateStart[newest[middle]]
        if (start >= 0 && start > limit) low = middle + 1
        else high = middle
      }
      return low
    }
    return newest.subarray(firstStartingBy(bounds.end), firstStartingBy(bounds.start - longestSpan - 1))
  }

  /** Whether passage `doc`'s date may fall within the bounds (undated passages never do). */
  within(doc: number, bounds: { start: number; end: number }): boolean {
    return this.dateStart[doc] >= 0 && this.dateEnd[doc] >= bounds.start && this.dateStart[doc] <= bounds.end
  }

  /** The saved form for the passages `keep` lists, renumbered 0, 1, … (every passage when absent). */
  saved(keep?: Uint32Array): SavedDates {
    if (!keep) return { dateStart: this.dateStart.slice(0, this.count), dateEnd: this.dateEnd.slice(0, this.count), newest: this.newest.slice() }
    const renumber = new Int32Array(this.count).fill(-1)
    keep.forEach((doc, i) => (renumber[doc] = i))
    return {
      dateStart: Int32Array.from(keep, (doc) => this.dateStart[doc]),
      dateEnd: Int32Array.from(keep, (doc) => this.dateEnd[doc]),
      newest: Uint32Array.from(this.newest.filter((doc) => renumber[doc] >= 0), (doc) => renumber[doc]),
    }
  }

  private ensureCapacity(passages: number): void {
    if (passages <= this.dateStart.length) return
    const capacity = Math.max(passages, Math.ceil(this.dateStart.length * 1.5))
    const start = new Int32Array(capacity)
    start.set(this.dateStart)
    this.dateStart = start
    const end = new Int32Array(capacity)
    end.set(this.dateEnd)
    this.dateEnd = end
  }
}
