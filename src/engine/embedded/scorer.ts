// Scoring straight off the postings into reusable typed arrays. MiniSearch's own search builds
// an object per matching document and sorts them all, which costs hundreds of milliseconds when a common
// word matches a third of a million passages; here a match costs a few array writes, and nothing is
// sorted until the engine picks the page. The scores are MiniSearch's BM25+ (same formula, field boosts,
// fuzzy and prefix weights) without its bonus for matching more of the query's terms (see `score`).

import { termWeight, type FieldPostings, type TermPostings } from './postings.ts'
import type { Budget } from './budget.ts'

/** What the scorer reads from the index: the term tree (holding the postings) and statistics. */
export interface PostingSource {
  get(term: string): TermPostings | undefined
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermPostings, number]>
  atPrefix(prefix: string): Iterable<[string, TermPostings]>
  /** Number of live passages, for inverse document frequency. */
  readonly documentCount: number
  averageFieldLength(fieldId: number): number
  /** Per field id, each passage's field length (the arrays are replaced as the index grows). */
  readonly lengths: Float32Array[]
}

/** How far one word may expand, so no query can make the scorer read the whole index. */
export interface ExpansionLimits {
  /** Index terms a prefix (`c*`, the word being typed) may stand for: the most frequent are kept. */
  prefix: number
  /** Index terms a typo-tolerant word may stand for: the closest, then the most frequent, are kept. */
  fuzzy: number
}

export const defaultExpansionLimits: ExpansionLimits = { prefix: 500, fuzzy: 100 }

/** A word's expansion cut short by the limits: reported to the user. */
export interface ExpansionNotice {
  term: string
  kind: 'prefix' | 'fuzzy'
  found: number
  kept: number
}

export interface ScoringSettings {
  /** Field id → boost. */
  fieldBoosts: { fieldId: number; boost: number }[]
  bm25: { k: number; b: number; d: number }
  weights: { fuzzy: number; prefix: number }
  maxFuzzy: number
  limits?: ExpansionLimits
}

/** One word to look up: exactly, or also as a prefix or within an edit distance. */
export interface TermSpec {
  term: string
  prefix?: boolean
  /** Edit distance as a fraction of the term's length (below 1) or as a count. */
  fuzzy?: number | false
}

/** A required part of the query: a passage satisfies it by matching any of its terms. */
export type Clause = TermSpec[]

/** The passages matched, with scores, in no particular order: the first `count` entries of the arrays. */
export interface ScoredDocs {
  docs: Uint32Array
  scores: Float64Array
  count: number
  /** Set when a budget stopped the matching before every posting was read. */
  partial?: boolean
}

/** One term's postings in one field, ready to score. */
interface PostingList extends FieldPostings {
  /** Expansion weight × field boost × inverse document frequency. */
  factor: number
  lengths: Float32Array
  average: number
}

/** One index term a word stands for: its postings, its weight, and the term. */
type Expanded = [TermPostings, number, string]

interface Expansion {
  terms: Expanded[]
  /** Set when the limits cut the expansion short. */
  notice?: ExpansionNotice
  /** For a prefix, per field id, the live passages of its expansions together (kept until the index changes). */
  shared?: number[]
}

/** Postings a clause reads: an upper bound on the passages it matches. */
function sizeOf(lists: PostingList[]): number {
  let size = 0
  for (const list of lists) size += list.ids.length
  return size
}

export class PostingScorer {
  private readonly source: PostingSource
  private readonly settings: ScoringSettings
  private scores: Float64Array
  /** How many clauses each passage matched in this search. */
  private clauseHits: Uint16Array
  /** Stamps saying which search and clause last touched a passage, so nothing needs clearing. */
  private searchStamp: Uint32Array
  private clauseStamp: Uint32Array
  /** Marks the passages a search is restricted to (`within`), with the search's stamp. */
  private allowedStamp: Uint32Array
  private stamp = 0
  private touched: Uint32Array
  /**
   * What `score` returns, reused by every search: allocating megabytes per search at a million passages
   * fills the heap's external memory and brings on full collections of the whole index.
   */
  private resultDocs = new Uint32Array(1024)
  private resultScores = new Float64Array(1024)
  /** Expansions per spec, until the index changes (`forgetExpansions`): a fuzzy walk of the term tree is costly. */
  private readonly expansions = new Map<string, Expansion>()

  constructor(source: PostingSource, settings: ScoringSettings, passages: number) {
    this.source = source
    this.settings = settings
    this.scores = new Float64Array(passages)
    this.clauseHits = new Uint16Array(passages)
    this.searchStamp = new Uint32Array(passages)
    this.clauseStamp = new Uint32Array(passages)
    this.allowedStamp = new Uint32Array(passages)
    this.touched = new Uint32Array(1024)
  }

  /** Makes room for passages numbered below `passages` (the index grew). */
  ensureCapacity(passages: number): void {
    if (passages <= this.scores.length) return
    const capacity = Math.max(passages, Math.ceil(this.scores.length * 1.5))
    this.scores = new Float64Array(capacity)
    this.clauseHits = new Uint16Array(capacity)
    this.searchStamp = new Uint32Array(capacity)
    this.clauseStamp = new Uint32Array(capacity)
    this.allowedStamp = new Uint32Array(capacity)
    this.stamp = 0
  }

  /** Drops remembered expansions: the index's terms changed. */
  forgetExpansions(): void {
    this.expansions.clear()
  }

  /** The notices of expansions cut short among these clauses' words. */
  notices(clauses: Clause[]): ExpansionNotice[] {
    const notices: ExpansionNotice[] = []
    for (const spec of clauses.flat()) {
      const notice = this.expand(spec).notice
      if (notice && !notices.some((n) => n.term === notice.term && n.kind === notice.kind)) notices.push(notice)
    }
    return notices
  }

  /**
   * The passages matching every clause (`all`) or any (`any`), scored; with `within` (passage numbers
   * in any order), only passages among those. The result lives in buffers the next call reuses, and the
   * arrays are shared, so it is read before the next search starts (searches are synchronous).
   *
   * For `all`, clauses run rarest first and a later clause only scores passages that matched every
   * earlier one: "said tariffs" costs the postings of *tariffs* plus a read of *said*'s ids, not a
   * score for each of the hundreds of thousands of passages with *said*. Scores are the same sums.
   */
  score(clauses: Clause[], mode: 'all' | 'any', within?: ArrayLike<number>, budget?: Budget): ScoredDocs {
    // A search takes one stamp for itself and one per clause; they must not wrap midway.
    if (this.stamp > 0xffffffff - clauses.length - 1) this.resetStamps()
    const search = this.nextStamp()
    if (within) for (let i = 0; i < within.length; i++) this.allowedStamp[within[i]] = search
    // Expanding prefixes and typos can itself be the costly part (hundreds of clauses of hundreds of words):
    // the budget is looked at between clauses, and a search stopped here has matched nothing yet.
    const lists: PostingList[][] = []
    let expansionStopped = false
    for (const clause of clauses) {
      const clauseLists = this.postingLists(clause, budget)
      if (!clauseLists) {
        expansionStopped = true
        break
      }
      lists.push(clauseLists)
    }
    if (expansionStopped && mode === 'all') lists.length = 0
    const order = lists.map((_, c) => c)
    if (mode === 'all') order.sort((a, b) => sizeOf(lists[a]) - sizeOf(lists[b]))
    const { k, b, d } = this.settings.bm25
    const { searchStamp, clauseStamp, clauseHits, scores, allowedStamp } = this
    let touchedCount = 0
    let stopped = false
    let completed = 0
    order.forEach((c, position) => {
      if (stopped) return
      const current = this.nextStamp()
      // Who may still score: anyone allowed for the first clause (or for any clause in `any` mode);
      // afterwards, in `all` mode, only passages that matched every earlier clause.
      const survivorsOnly = mode === 'all' && position > 0
      for (const { ids, frequencies, factor, lengths, average } of lists[c]) {
        // The budget is looked at between posting lists, and inside long ones every 64k postings.
        if (budget?.exceeded()) {
          stopped = true
          break
        }
        for (let i = 0; i < ids.length; i++) {
          if ((i & 0xffff) === 0xffff && budget?.exceeded()) {
            stopped = true
            break
          }
          const doc = ids[i]
          if (within && allowedStamp[doc] !== search) continue
          if (searchStamp[doc] !== search) {
            if (survivorsOnly) continue
            searchStamp[doc] = search
            scores[doc] = 0
            clauseHits[doc] = 0
            if (touchedCount === this.touched.length) this.grow()
            this.touched[touchedCount++] = doc
          } else if (survivorsOnly && clauseHits[doc] !== position && clauseStamp[doc] !== current) continue
          const frequency = frequencies[i]
          scores[doc] += factor * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * lengths[doc]) / average)))
          if (clauseStamp[doc] !== current) {
            clauseStamp[doc] = current
            clauseHits[doc]++
          }
        }
      }
      if (!stopped) completed++
    })
    if (this.resultDocs.length < touchedCount) {
      this.resultDocs = new Uint32Array(this.touched.length)
      this.resultScores = new Float64Array(this.touched.length)
    }
    const { resultDocs: docs, resultScores: matchedScores } = this
    let count = 0
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i]
      // A search stopped part-way keeps what matched every clause it finished reading.
      if (mode === 'all' && clauseHits[doc] < (stopped ? completed : clauses.length)) continue
      docs[count] = doc
      // MiniSearch also multiplies by the number of query terms matched. That changes nothing when every
      // word is required, and on long relaxed queries it rewards passages full of common words: on BEIR
      // SciFact it costs 0.034 nDCG@10 (0.6606 with it, 0.6946 without). Plain BM25 sums instead.
      matchedScores[count++] = scores[doc]
    }
    return { docs, scores: matchedScores, count, partial: stopped || expansionStopped }
  }

  /**
   * A clause's postings, one list per matching term and field, with the BM25 factors that apply to it;
   * undefined when the budget ran out first (the budget is looked at between the clause's words).
   */
  private postingLists(clause: Clause, budget?: Budget): PostingList[] | undefined {
    const lists: PostingList[] = []
    for (const spec of clause) {
      if (budget?.exceeded()) return undefined
      const expansion = this.expand(spec)
      const { terms } = expansion
      // A prefix is one word being typed, whichever word it turns out to be: its expansions share the
      // rarity of the prefix as a whole (their passages together), so a rare name starting "coff" does not
      // outrank "coffee" for being rare. The expansion's own weight still favours the shorter completion.
      const shared = spec.prefix ? (expansion.shared ??= this.fieldFrequencies(terms)) : undefined
      for (const [data, weight] of terms) {
        for (const { fieldId, boost } of this.settings.fieldBoosts) {
          const chunks = data[fieldId]
          if (!chunks || chunks.live === 0) continue
          const frequency = Math.min(this.source.documentCount, shared?.[fieldId] ?? chunks.live)
          const idf = Math.log(1 + (this.source.documentCount - frequency + 0.5) / (frequency + 0.5))
          for (const { ids, frequencies } of chunks.chunks) {
            lists.push({
              ids,
              frequencies,
              factor: weight * boost * idf,
              lengths: this.source.lengths[fieldId],
              average: this.source.averageFieldLength(fieldId),
            })
          }
        }
      }
    }
    return lists
  }

  /** Per field id, the live passages of all the expansions together (an upper bound: a passage may hold two). */
  private fieldFrequencies(terms: readonly Expanded[]): number[] {
    const sums: number[] = []
    for (const [data] of terms) data.forEach((chunks, fieldId) => (sums[fieldId] = (sums[fieldId] ?? 0) + (chunks?.live ?? 0)))
    return sums
  }

  /** Whether any index term the specs stand for occurs in one passage (stops at the first). */
  matchesAny(specs: TermSpec[], doc: number): boolean {
    for (const spec of specs) {
      for (const [data] of this.expand(spec).terms) {
        if (data.some((chunks) => chunks?.includes(doc))) return true
      }
    }
    return false
  }

  /** The index terms the specs match in one passage, for highlighting the page's results. */
  matchedTerms(specs: TermSpec[], doc: number): string[] {
    const terms: string[] = []
    for (const spec of specs) {
      for (const [data, , term] of this.expand(spec).terms) {
        if (data.some((chunks) => chunks?.includes(doc))) terms.push(term)
      }
    }
    return terms
  }

  /** The index terms a spec stands for with their weights: itself (1), prefix and fuzzy expansions (less). */
  private expand(spec: TermSpec): Expansion {
    const key = `${spec.term}\u0000${spec.prefix ? 1 : 0}\u0000${spec.fuzzy || 0}`
    let expansion = this.expansions.get(key)
    if (!expansion) {
      if (this.expansions.size >= 10_000) this.expansions.clear()
      expansion = this.expandUncached(spec)
      this.expansions.set(key, expansion)
    }
    return expansion
  }

  private expandUncached(spec: TermSpec): Expansion {
    const limits = this.settings.limits ?? defaultExpansionLimits
    const terms: Expanded[] = []
    const exact = this.source.get(spec.term)
    if (exact) terms.push([exact, 1, spec.term])
    const seen = new Set<string>([spec.term])
    let notice: ExpansionNotice | undefined
    if (spec.prefix) {
      const found: Expanded[] = []
      for (const [term, data] of this.source.atPrefix(spec.term)) {
        if (seen.has(term)) continue
        seen.add(term)
        const distance = term.length - spec.term.length
        found.push([data, (this.settings.weights.prefix * term.length) / (term.length + 0.3 * distance), term])
      }
      terms.push(...this.mostFrequent(found, limits.prefix))
      if (found.length > limits.prefix) notice = { term: spec.term, kind: 'prefix', found: found.length, kept: limits.prefix }
    }
    if (spec.fuzzy) {
      const maxDistance = spec.fuzzy < 1 ? Math.min(this.settings.maxFuzzy, Math.round(spec.term.length * spec.fuzzy)) : spec.fuzzy
      if (maxDistance > 0) {
        const found: [Expanded, number][] = []
        for (const [term, [data, distance]] of this.source.fuzzyGet(spec.term, maxDistance)) {
          if (seen.has(term) || distance === 0) continue
          seen.add(term)
          found.push([[data, (this.settings.weights.fuzzy * term.length) / (term.length + distance), term], distance])
        }
        // The closest first, then the most frequent.
        found.sort((a, b) => a[1] - b[1] || termWeight(b[0][0]) - termWeight(a[0][0]) || (a[0][2] < b[0][2] ? -1 : 1))
        terms.push(...found.slice(0, limits.fuzzy).map(([expanded]) => expanded))
        if (found.length > limits.fuzzy) notice ??= { term: spec.term, kind: 'fuzzy', found: found.length, kept: limits.fuzzy }
      }
    }
    return { terms, notice }
  }

  /** The `limit` expansions held by the most live passages (ties by term), in the tree's order otherwise. */
  private mostFrequent(found: Expanded[], limit: number): Expanded[] {
    if (found.length <= limit) return found
    return [...found].sort((a, b) => termWeight(b[0]) - termWeight(a[0]) || (a[2] < b[2] ? -1 : 1)).slice(0, limit)
  }

  /** The next stamp; `score` resets the stamps beforehand when a search's stamps would wrap. */
  private nextStamp(): number {
    return ++this.stamp
  }

  /** Stamps wrap after four billion clauses; clearing then keeps an old stamp from looking current. */
  private resetStamps(): void {
    this.stamp = 0
    this.searchStamp.fill(0)
    this.clauseStamp.fill(0)
    this.allowedStamp.fill(0)
  }

  private grow(): void {
    const bigger = new Uint32Array(this.touched.length * 2)
    bigger.set(this.touched)
    this.touched = bigger
  }
}
