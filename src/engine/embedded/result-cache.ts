// Recently answered searches, kept small: for each, the total, the facet tallies and the first results of
// each order asked for, not the list of every match. Searches repeat (a link opened by a whole newsroom,
// a query retyped, page 2, the Back button), and at a million passages a common word costs tens of
// milliseconds to match and count again. Like Solr's query result cache, only a window of the top is
// kept, so an entry is a few kilobytes whatever the number of matches; deeper pages are computed afresh.
// The last 512 whole answers are kept too (Solr's default for its result cache): an identical request then
// costs a shallow copy, not a page of snippets highlighted and repeats folded anew (at 131k passages those were
// most of a cached search's cost: 405 answers a second to 50 clients).
import type { FacetName, SearchResponse, SortOrder, Timeline } from '../../model.ts'
import type { FacetTally } from './columns.ts'
import type { RankedTop } from './rank.ts'

export interface CachedResult {
  total: number
  relaxed: boolean
  tallies: Map<FacetName, FacetTally>
  /** Per order, the first matches; fewer than the window only when fewer matched. */
  tops: Map<SortOrder, RankedTop>
  /** The matches per period, once a search asked for it. */
  timeline?: Timeline
}

/** Whole answers kept, at most (each a page of passages and the facets: tens of kilobytes, ~20 MB in all). */
const MAX_ANSWERS = 512

/** A least-recently-used map bounded by an estimate of the bytes its entries hold. */
export class ResultCache {
  private readonly entries = new Map<string, { result: CachedResult; bytes: number }>()
  private bytes = 0
  private readonly answers = new Map<string, SearchResponse>()

  /** `maxBytes` 0 turns the cache off. */
  constructor(readonly maxBytes: number) {}

  get(key: string): CachedResult | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    // Re-inserting moves the entry to the back: the front is always the least recently used.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.result
  }

  set(key: string, result: CachedResult): void {
    const bytes = sizeOf(key, result)
    // The entry under this key goes first, also when the new one is refused: it may be the same object,
    // grown by another order's top since its bytes were counted.
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.bytes -= old.bytes
    }
    if (bytes > this.maxBytes / 4) return
    this.entries.set(key, { result, bytes })
    this.bytes += bytes
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= entry.bytes
    }
  }

  /**
   * The whole answer to an identical request, if one is kept: shared, so read-only (the views and the API
   * only read answers; a deep copy cost as much as the highlighting it saves).
   */
  answer(key: string): Readonly<SearchResponse> | undefined {
    const answer = this.answers.get(key)
    if (!answer) return undefined
    this.answers.delete(key)
    this.answers.set(key, answer)
    return answer
  }

  keepAnswer(key: string, answer: SearchResponse): void {
    this.answers.delete(key)
    this.answers.set(key, answer)
    if (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value!)
  }

  /** Forgets every entry: the index changed. */
  clear(): void {
    this.entries.clear()
    this.bytes = 0
    this.answers.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

function sizeOf(key: string, result: CachedResult): number {
  let bytes = 200 + key.length * 2
  for (const tally of result.tallies.values()) bytes += tally.counts.byteLength + tally.touched.length * 8
  for (const top of result.tops.values()) bytes += top.docs.byteLength + top.scores.byteLength
  return bytes
}
