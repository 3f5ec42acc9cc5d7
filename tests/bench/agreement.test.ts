// The benchmark's Clippings engine must find what MiniSearch itself finds: on a few thousand bench
// passages, the engine and a plain MiniSearch set up with the engine's analyzer, fields and BM25 settings
// return the same top ten for AND queries. Skips when the shared corpora are absent.
import { beforeAll, describe, expect, it } from 'vitest'
import type MiniSearch from 'minisearch'
import { createMemoryEngine, type SearchEngine } from '../../src/engine/index.ts'
import { rankingDefaults } from '../../src/engine/ranking.ts'
import { corporaAvailable, loadBaseCorpus, CORPORA_DIR, type BenchCorpus } from '../../bench/corpus.ts'
import { makeQueryMix } from '../../bench/queries.ts'
import { plainMiniSearch } from '../helpers/plain-minisearch.ts'

const available = corporaAvailable()
if (!available) console.warn(`tests/bench: skipped, the corpora are not in ${CORPORA_DIR}`)

/** Every 40th passage: a few thousand, drawn from all three corpora. */
function sample(corpus: BenchCorpus): BenchCorpus {
  const passages = corpus.passages.filter((_, i) => i % 40 === 0)
  const kept = new Set(passages.map((p) => p.articleId))
  return { ...corpus, passages, articles: corpus.articles.filter((a) => kept.has(a.id)) }
}

describe.skipIf(!available)('the benchmark Clippings engine', () => {
  let corpus: BenchCorpus
  let engine: SearchEngine
  let plain: MiniSearch

  beforeAll(async () => {
    corpus = sample(await loadBaseCorpus())
    engine = createMemoryEngine({ articles: corpus.articles, passages: corpus.passages, topicLabels: corpus.topicLabels })
    plain = plainMiniSearch(corpus.passages, {
      combineWith: 'AND',
      fuzzy: (term) => (term.length >= rankingDefaults.fuzzyMinLength ? rankingDefaults.fuzzy : false),
    })
  })

  it('samples a few thousand passages from all three corpora', () => {
    expect(corpus.passages.length).toBeGreaterThan(2000)
    const sources = new Set(corpus.passages.map((p) => p.source))
    expect(sources).toContain('Reuters')
    expect(sources).toContain('SciFact')
  })

  it('returns the same top ten as plain MiniSearch with the same analyzer for AND queries', async () => {
    const queries = makeQueryMix(corpus.passages, { count: 120, seed: 7 }).filter((q) => q.kind === 'words' && !q.filters)
    expect(queries.length).toBeGreaterThan(40)
    let compared = 0
    const idOf = new Map(corpus.passages.map((p, doc) => [p.id, doc]))
    for (const query of queries) {
      const text = query.words.join(' ')
      const expected = plain.search(text)
      const response = await engine.search({ query: text, size: 10, collapse: false })
      // With no passage holding every word the engine relaxes to most of them; plain MiniSearch has no such mode.
      if (expected.length === 0) {
        expect(response.total === 0 || response.relaxed).toBe(true)
        continue
      }
      expect(response.total, text).toBe(expected.length)
      const got = response.results.map((hit) => ({ id: idOf.get(hit.passage.id)!, score: hit.score }))
      const want = expected.slice(0, 10)
      // Scores may differ by a factor that is the same for every passage (MiniSearch multiplies by the number
      // of query terms matched, which AND makes constant): compare them relative to the best. Ties at the cut
      // may be ordered differently, so the ids compared are those above the tenth score.
      expect(got.map((g) => g.score / got[0].score), text).toEqual(want.map((w) => expect.closeTo(w.score / want[0].score, 6)))
      const cut = want.at(-1)!.score / want[0].score
      const above = (list: { id: number; score: number }[]) => new Set(list.filter((r) => r.score / list[0].score > cut + 1e-9).map((r) => r.id))
      expect(above(got), text).toEqual(above(want.map((w) => ({ id: w.id as number, score: w.score }))))
      compared++
    }
    expect(compared).toBeGreaterThan(30)
  })
})
