// Scores as the embedded engine computes them, for a few passages at a time: MiniSearch's BM25+ (lower bound
// d, field lengths counted as distinct words, per-field document frequencies, prefix and typo expansions
// weighted by their length and distance) over the same clauses. OpenSearch's own BM25 finds and orders the
// candidates; these scores then order the first results of a relevance search and the passages that share a
// date in a date-sorted page, so both engines show the same pages (see README.md). The statistics come from
// the index: passage count and field lengths from aggregations, document frequencies from `filters`
// aggregations, each read once per index version.
import type { Passage } from '../../model.ts'
import { tokenizeForIndex } from '../../text/analyze.ts'
import { fuzzyDistance } from '../compile-query.ts'
import type { Clause, TermSpec } from '../embedded/scorer.ts'
import { cachedIndexTerm, withinEditDistance } from '../highlight.ts'
import { SEARCH_FIELDS, searchFieldText, type RankingDefaults } from '../ranking.ts'
import type { SearchAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import { sendableTerm } from './documents.ts'
import { LENGTH_FIELDS, TERM_FIELDS } from './mapping.ts'

/** Most edits a typo-tolerant word may be off by, whatever its length (MiniSearch's `maxFuzzy`). */
const MAX_FUZZY = 6

/** One passage's words as the term index counts them: per field, term → occurrences, and the field's length. */
interface AnalysedPassage {
  frequencies: Map<string, number>[]
  lengths: number[]
}

function analyse(passage: Passage): AnalysedPassage {
  const frequencies: Map<string, number>[] = []
  const lengths: number[] = []
  for (const field of SEARCH_FIELDS) {
    const tokens = tokenizeForIndex(searchFieldText(passage, field))
    lengths.push(new Set(tokens).size)
    const counts = new Map<string, number>()
    for (const token of tokens) {
      const term = cachedIndexTerm(token)
      if (term !== null) counts.set(term, Math.min(0xffff, (counts.get(term) ?? 0) + 1))
    }
    frequencies.push(counts)
  }
  return { frequencies, lengths }
}

/** The weight of an index term as an expansion of a spec, or 0 when the spec does not reach it. */
function expansionWeight(spec: TermSpec, term: string, ranking: RankingDefaults): number {
  if (term === spec.term) return 1
  if (spec.prefix && term.startsWith(spec.term)) {
    const distance = term.length - spec.term.length
    return (ranking.weights.prefix * term.length) / (term.length + 0.3 * distance)
  }
  if (spec.fuzzy) {
    const max = Math.min(MAX_FUZZY, fuzzyDistance(spec))
    if (max > 0 && withinEditDistance(term, spec.term, max)) {
      const distance = editDistance(term, spec.term)
      return (ranking.weights.fuzzy * term.length) / (term.length + distance)
    }
  }
  return 0
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = current
  }
  return previous[b.length]
}

/** Terms whose document frequencies are remembered per index version. */
const MAX_KNOWN_TERMS = 200_000

/** Index-wide statistics the scores need. */
export interface ScoreStatistics {
  documentCount: number
  /** Per field (SEARCH_FIELDS), the average length. */
  averageLength: number[]
  /** Per term, per field (SEARCH_FIELDS), how many passages hold it. */
  frequencies: Map<string, number[]>
}

/**
 * Reads and remembers an index's statistics: the passage count and length sums once, each term's document
 * frequencies the first time a score needs them.
 */
export class StatisticsSource {
  private totals: Promise<{ documentCount: number; averageLength: number[] }> | undefined
  private readonly known = new Map<string, number[]>()

  constructor(
    private readonly http: OpenSearchHttp,
    private readonly index: string,
  ) {}

  async statistics(terms: Iterable<string>): Promise<ScoreStatistics> {
    this.totals ??= this.readTotals()
    // Bounded: a long-running server meets ever new words.
    if (this.known.size > MAX_KNOWN_TERMS) this.known.clear()
    const missing = [...new Set(terms)].filter((term) => !this.known.has(term))
    if (missing.length > 0) await this.readFrequencies(missing)
    const totals = await this.totals
    return { ...totals, frequencies: this.known }
  }

  private async readTotals(): Promise<{ documentCount: number; averageLength: number[] }> {
    const aggs = Object.fromEntries(SEARCH_FIELDS.map((field) => [field, { sum: { field: LENGTH_FIELDS[field] } }]))
    const { body } = await this.http.request<SearchAnswer<unknown>>('POST', `/${this.index}/_search`, { size: 0, track_total_hits: true, aggs })
    const documentCount = body.hits.total?.value ?? 0
    const averageLength = SEARCH_FIELDS.map((field) => (documentCount > 0 ? (body.aggregations?.[field]?.value ?? 0) / documentCount : 0))
    return { documentCount, averageLength }
  }

  private async readFrequencies(terms: string[]): Promise<void> {
    for (let start = 0; start < terms.length; start += 250) {
      const chunk = terms.slice(start, start + 250)
      const filters: Record<string, unknown> = {}
      chunk.forEach((term, i) => {
        SEARCH_FIELDS.forEach((field, f) => {
          filters[`${i}.${f}`] = { term: { [TERM_FIELDS[field]]: sendableTerm(term) } }
        })
      })
      const { body } = await this.http.request<SearchAnswer<unknown>>('POST', `/${this.index}/_search`, {
        size: 0,
        track_total_hits: false,
        aggs: { frequencies: { filters: { filters } } },
      })
      const buckets = (body.aggregations?.frequencies?.buckets ?? {}) as unknown as Record<string, { doc_count: number }>
      chunk.forEach((term, i) => this.known.set(term, SEARCH_FIELDS.map((_, f) => buckets[`${i}.${f}`]?.doc_count ?? 0)))
    }
  }
}

/** Scores passages against a query's clauses as the embedded engine would. */
export class ExactScorer {
  constructor(
    private readonly clauses: Clause[],
    private readonly ranking: RankingDefaults,
  ) {}

  /** The index terms of these passages that the clauses reach (what the statistics must cover). */
  termsReached(passages: readonly Passage[]): Set<string> {
    const terms = new Set<string>()
    for (const passage of passages) {
      for (const counts of analyse(passage).frequencies) {
        for (const term of counts.keys()) {
          if (this.clauses.some((clause) => clause.some((spec) => expansionWeight(spec, term, this.ranking) > 0))) terms.add(term)
        }
      }
    }
    return terms
  }

  score(passage: Passage, statistics: ScoreStatistics): number {
    const { frequencies, lengths } = analyse(passage)
    const { k, b, d } = this.ranking.bm25
    const present = new Set(frequencies.flatMap((counts) => [...counts.keys()]))
    let score = 0
    for (const clause of this.clauses) {
      for (const spec of clause) {
        // An index term counts once per spec, at the weight of its first expansion (exact, prefix, then typo).
        for (const term of present) {
          const weight = expansionWeight(spec, term, this.ranking)
          if (weight === 0) continue
          const documentFrequencies = statistics.frequencies.get(term)
          SEARCH_FIELDS.forEach((field, f) => {
            const frequency = frequencies[f].get(term)
            const df = documentFrequencies?.[f] ?? 0
            if (!frequency || df === 0) return
            const boost = this.ranking.boost[field] || 1
            const idf = Math.log(1 + (statistics.documentCount - df + 0.5) / (df + 0.5))
            const average = statistics.averageLength[f] || 1
            score += weight * boost * idf * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * lengths[f]) / average)))
          })
        }
      }
    }
    return score
  }
}
