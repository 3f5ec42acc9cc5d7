import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import { rankingDefaults } from '../../../src/engine/ranking.ts'
import { makeCorpus } from '../../helpers/passages.ts'
import { plainMiniSearch } from '../../helpers/plain-minisearch.ts'

// A corpus with repeated words of varied frequency and length, so BM25's terms all matter.
const words = ['migrant', 'migrants', 'remittance', 'rogun', 'dam', 'border', 'treaty', 'sanction', 'trade', 'ruble', 'labour', 'security']
const texts = Array.from({ length: 300 }, (_, i) =>
  Array.from({ length: 5 + (i % 17) }, (_, j) => words[(i * 7 + j * (j + 3)) % words.length]).join(' ') + '.',
)
const corpus = makeCorpus(texts.map((text, i) => ({ text, people: i % 5 === 0 ? ['Emomali Rahmon'] : [] })))
const engine = createMemoryEngine(corpus)

const plain = plainMiniSearch(corpus.passages)

describe('the engine scorer', () => {
  it.each([
    ['migrants remittance', 'AND'],
    ['rogun dam treaty', 'OR'], // no passage has all three: the engine relaxes to OR
    ['border rahmon', 'AND'],
  ] as const)('scores %s exactly as MiniSearch does', async (query, combineWith) => {
    // MiniSearch multiplies each score by the number of query terms matched; the engine does not.
    const expected = plain.search(query, { combineWith, fuzzy: false }).map((r) => [corpus.passages[r.id].id, r.score / r.queryTerms.length])
    const response = await engine.search({ query: query.split(' ').map((w) => `"${w}"`).join(' '), size: 100, sort: 'relevance', collapse: false })
    const actual = response.results.map((h) => [h.passage.id, h.score])
    expect(Boolean(response.relaxed)).toBe(combineWith === 'OR')
    expect(response.total).toBe(expected.length)
    const top = expected.slice(0, 100)
    expect(actual.map(([, s]) => s)).toEqual(top.map(([, s]) => expect.closeTo(s as number, 9)))
    // Equal scores at the cut may fall either side of it; above the cut the passages are the same.
    const cut = top.at(-1)![1] as number
    const above = (rows: (string | number)[][]) => new Set(rows.filter(([, s]) => (s as number) > cut + 1e-9).map(([id]) => id))
    expect(above(actual)).toEqual(above(top))
  })

  it('scores fuzzy and prefix expansions with MiniSearch\'s weights', async () => {
    const expected = plain.search('sanctoin', { fuzzy: rankingDefaults.fuzzy })
    const response = await engine.search({ query: 'sanctoin', size: 100, collapse: false })
    expect(response.results.map((h) => h.score)).toEqual(expected.slice(0, 100).map((r) => expect.closeTo(r.score, 9)))
  })
})
