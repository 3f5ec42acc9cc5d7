// A plain MiniSearch set up as the engine indexes (same analyzer, fields, boosts and BM25 settings), for
// tests that check the engine scores what MiniSearch itself would. Document ids are passage numbers.
import MiniSearch, { type SearchOptions } from 'minisearch'
import type { Passage } from '../../src/model.ts'
import { indexTerm, tokenizeForIndex } from '../../src/text/analyze.ts'
import { rankingDefaults } from '../../src/engine/ranking.ts'

export function plainMiniSearch(passages: Passage[], searchOptions: SearchOptions = {}): MiniSearch {
  const index = new MiniSearch({
    fields: ['text', 'title', 'section', 'people'],
    tokenize: tokenizeForIndex,
    processTerm: indexTerm,
    searchOptions: { boost: rankingDefaults.boost, bm25: rankingDefaults.bm25, weights: rankingDefaults.weights, ...searchOptions },
  })
  index.addAll(passages.map((p, id) => ({ id, text: p.text, title: p.title, section: p.section ?? '', people: p.people.join(' ; ') })))
  return index
}
