// Ranking settings for the engine, chosen on BEIR SciFact's 809 training claims (5,183 abstracts) with
// `npm run eval:relevance -- --sweep all`; the test claims are held back and were never looked at.
// Figures are nDCG@10 on the training claims, from the sweep's MiniSearch harness (the analyzer, title and
// text fields, plain BM25 sums) unless marked "engine". Differences under ~0.003 are noise at 809 queries.
//
// One setting that is not here matters most: scores must be plain sums over the query's terms. MiniSearch
// multiplies each document's score by the number of query terms it matched; on long queries that
// over-rewards a passage that happens to hold many of the common words. Measured in the engine's shape
// (fuzzy, all words first): 0.6647 with that factor, 0.6956 without; through the engine itself (with
// these defaults), 0.6606 with it and 0.6946 without.
// The engine's relaxation costs a little: answering with the passages that have every word whenever any
// do scores 0.6956; listing them first and the other partial matches after them scores 0.7019.

import type { Passage } from '../model.ts'

/** The fields a passage is searched by, in field-id order (the embedded engine's ids, OpenSearch's rescoring order). */
export const SEARCH_FIELDS = ['text', 'title', 'section', 'people'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/** The text of a search field of a passage, as both engines index it. */
export function searchFieldText(passage: Passage, field: SearchField): string {
  switch (field) {
    case 'text':
      return passage.text
    case 'title':
      return passage.title
    case 'section':
      return passage.section ?? ''
    case 'people':
      return passage.people.join(' ; ')
  }
}

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
  // The usual defaults (Lucene: k1 1.2, b 0.75; MiniSearch's BM25+ lower bound 0.5). The surface is flat:
  // every k in {0.9, 1.2, 1.5} × b in {0.6, 0.75, 0.9} scored 0.694–0.697 with d = 0.5 and 0.690–0.695
  // with d = 0 (these boosts, plain BM25), so nothing is gained by moving off the standard values.
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  boost: {
    // Below 1 because a title is short: BM25's length normalisation already lifts a match in a short
    // field, and a word in both title and text is counted in each. Title weight 0.3: 0.6948, 0.4:
    // 0.6956, 0.5: 0.6933, 0.7: 0.6870, 1: 0.6678, 2: 0.6145. (One combined title+text field: 0.6942.)
    title: 0.4,
    // A section heading is a short title within the article: same reasoning, same weight (SciFact has no
    // sections, so this one is not measured).
    section: 0.4,
    // The canonical names of the people a passage names, a short field too; it lets "Putin" reach a
    // passage that says "the president" but was tagged. Not measurable on SciFact; kept with the titles.
    people: 0.4,
    text: 1,
  },
  // Typo tolerance ("Rakhmon" → "Rahmon") also catches inflections Porter stemming leaves apart
  // ("inhibitor"/"inhibitory"), so it helps ranking too. With all words first: no fuzzy 0.6920; fuzzy
  // 0.2 of the length from 5 letters at weight 0.45: 0.6956; weight 0.2: 0.6928; weight 0.1: 0.6911;
  // from 7 letters: 0.6932. Without all-words-first, fuzzy 0.7022 against 0.6956.
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  // MiniSearch's weights: a typo or prefix match scores well below an exact one (fuzzy 0.45 measured
  // above; prefix only applies while typing, which the evaluation does not do).
  weights: { fuzzy: 0.45, prefix: 0.375 },
}
