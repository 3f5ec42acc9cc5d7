// Scoring straight off MiniSearch's postings into reusable typed arrays. MiniSearch's own search builds
// an object per matching document and sorts them all, which costs hundreds of milliseconds when a common
// word matches a third of a million passages; here a match costs a few array writes, and nothing is
// sorted until the engine picks the page. The scores are MiniSearch's BM25+ (same formula, field boosts,
// fuzzy and prefix weights) without its bonus for matching more of the query's terms (see `score`).

import { CompactTermData, includesDoc } from './compact-index.ts'

/** What the scorer reads from the index: MiniSearch's term tree (holding compact postings) and statistics. */
export interface PostingSource {
  get(term: string): CompactTermData | undefined
  fuzzyGet(term: string, maxDistance: number): Map<string, [CompactTermData, number]>
  atPrefix(prefix: string): Iterable<[string, CompactTermData]>
  /** Number of passages, for inverse document frequency. */
  documentCount: number
  /** Per field id, the average field length. */
  averageFieldLength: number[]
  /** Per field id, each passage's field length. */
  fieldLengths: Float32Array[]
}

export interface ScoringSettings {
  /** Field id → boost. */
  fieldBoosts: { fieldId: number; boost: number }[]
  bm25: { k: number; b: number; d: number }
  weights: { fuzzy: number; prefix: number }
  maxFuzzy: number
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

/** The passages matched, with scores, in no particular order. */
export interface ScoredDocs {
  docs: Uint32Array
  scores: Float64Array
  count: number
}

export class PostingScorer {
  private readonly source: PostingSource
  private readonly settings: ScoringSettings
  private readonly scores: Float64Array
  /** How many clauses each passage matched in this search. */
  private readonly clauseHits: Uint16Array
  /** Stamps saying which search and clause last touched a passage, so nothing needs clearing. */
  private readonly searchStamp: Uint32Array
  private readonly clauseStamp: Uint32Array
  private stamp = 0
  private touched: Uint32Array
  /** Expansions per spec: the index never changes, and a fuzzy walk of the term tree is costly. */
  private readonly expansions = new Map<string, [CompactTermData, number, string][]>()

  constructor(source: PostingSource, settings: ScoringSettings, passages: number) {
    this.source = source
    this.settings = settings
    this.scores = new Float64Array(passages)
    this.clauseHits = new Uint16Array(passages)
    this.searchStamp = new Uint32Array(passages)
    this.clauseStamp = new Uint32Array(passages)
    this.touched = new Uint32Array(1024)
  }

  /**
   * The passages matching every clause (`all`) or any (`any`), scored. Not reentrant: the arrays are
   * shared, so a search completes before the next starts (searches are synchronous).
   */
  score(clauses: Clause[], mode: 'all' | 'any'): ScoredDocs {
    const search = this.nextStamp()
    let touchedCount = 0
    clauses.forEach((clause) => {
      const clauseStamp = this.nextStamp()
      for (const spec of clause) {
        for (const [data, weight] of this.expand(spec)) {
          for (const { fieldId, boost } of this.settings.fieldBoosts) {
            const postings = data.postings.get(fieldId)
            if (!postings) continue
            const { ids, frequencies } = postings
            const idf = Math.log(1 + (this.source.documentCount - ids.length + 0.5) / (ids.length + 0.5))
            const lengths = this.source.fieldLengths[fieldId]
            const average = this.source.averageFieldLength[fieldId]
            const { k, b, d } = this.settings.bm25
            const factor = weight * boost * idf
            for (let i = 0; i < ids.length; i++) {
              const doc = ids[i]
              const frequency = frequencies[i]
              if (this.searchStamp[doc] !== search) {
                this.searchStamp[doc] = search
                this.scores[doc] = 0
                this.clauseHits[doc] = 0
                if (touchedCount === this.touched.length) this.grow()
                this.touched[touchedCount++] = doc
              }
              this.scores[doc] += factor * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * lengths[doc]) / average)))
              if (this.clauseStamp[doc] !== clauseStamp) {
                this.clauseStamp[doc] = clauseStamp
                this.clauseHits[doc]++
              }
            }
          }
        }
      }
    })
    const docs = new Uint32Array(touchedCount)
    const scores = new Float64Array(touchedCount)
    let count = 0
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i]
      if (mode === 'all' && this.clauseHits[doc] < clauses.length) continue
      docs[count] = doc
      // MiniSearch also multiplies by the number of query terms matched. That changes nothing when every
      // word is required, and on long relaxed queries it rewards passages full of common words: on BEIR
      // SciFact it costs 0.034 nDCG@10 (0.6606 with it, 0.6946 without). Plain BM25 sums instead.
      scores[count++] = this.scores[doc]
    }
    return { docs, scores, count }
  }

  /** The index terms the specs match in one passage, for highlighting the page's results. */
  matchedTerms(specs: TermSpec[], doc: number): string[] {
    const terms: string[] = []
    for (const spec of specs) {
      for (const [data, , term] of this.expand(spec)) {
        for (const { ids } of data.postings.values()) {
          if (includesDoc(ids, doc)) {
            terms.push(term)
            break
          }
        }
      }
    }
    return terms
  }

  /** The index terms a spec stands for with their weights: itself (1), prefix and fuzzy expansions (less). */
  private expand(spec: TermSpec): [CompactTermData, number, string][] {
    const key = `${spec.term}\u0000${spec.prefix ? 1 : 0}\u0000${spec.fuzzy || 0}`
    let expansion = this.expansions.get(key)
    if (!expansion) {
      if (this.expansions.size >= 10_000) this.expansions.clear()
      expansion = [...this.expandUncached(spec)]
      this.expansions.set(key, expansion)
    }
    return expansion
  }

  private *expandUncached(spec: TermSpec): Generator<[CompactTermData, number, string]> {
    const exact = this.source.get(spec.term)
    if (exact) yield [exact, 1, spec.term]
    const seen = new Set<string>([spec.term])
    if (spec.prefix) {
      for (const [term, data] of this.source.atPrefix(spec.term)) {
        if (seen.has(term)) continue
        seen.add(term)
        const distance = term.length - spec.term.length
        yield [data, (this.settings.weights.prefix * term.length) / (term.length + 0.3 * distance), term]
      }
    }
    if (spec.fuzzy) {
      const maxDistance = spec.fuzzy < 1 ? Math.min(this.settings.maxFuzzy, Math.round(spec.term.length * spec.fuzzy)) : spec.fuzzy
      if (maxDistance > 0) {
        for (const [term, [data, distance]] of this.source.fuzzyGet(spec.term, maxDistance)) {
          if (seen.has(term) || distance === 0) continue
          seen.add(term)
          yield [data, (this.settings.weights.fuzzy * term.length) / (term.length + distance), term]
        }
      }
    }
  }

  private nextStamp(): number {
    // Stamps wrap after four billion clauses; clearing then keeps an old stamp from looking current.
    if (this.stamp === 0xffffffff) {
      this.stamp = 0
      this.searchStamp.fill(0)
      this.clauseStamp.fill(0)
    }
    return ++this.stamp
  }

  private grow(): void {
    const bigger = new Uint32Array(this.touched.length * 2)
    bigger.set(this.touched)
    this.touched = bigger
  }
}
