import { describe, it, expect, vi } from 'vitest'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import { PostingScorer } from '../../../src/engine/embedded/scorer.ts'
import { ResultCache, type CachedResult } from '../../../src/engine/embedded/result-cache.ts'
import { FacetTally } from '../../../src/engine/embedded/columns.ts'
import type { SearchRequest } from '../../../src/model.ts'
import { makeCorpus } from '../../helpers/passages.ts'

function entry(docs: number): CachedResult {
  const tally = new FacetTally(4)
  return {
    total: docs,
    relaxed: false,
    tallies: new Map(['source', 'topic', 'person', 'year', 'month'].map((name) => [name, tally])),
    tops: new Map([['relevance', { docs: new Uint32Array(docs), scores: new Float64Array(docs) }]]),
  }
}

describe('the result cache', () => {
  it('forgets the least recently used search first when over its budget', () => {
    // Each entry takes about 6.3 kB: four fit in 26 kB.
    const cache = new ResultCache(26_000)
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, entry(500))
    expect(cache.size).toBe(4)
    cache.get('a')
    cache.set('e', entry(500))
    expect(cache.get('b')).toBeUndefined()
    for (const key of ['a', 'c', 'd', 'e']) expect(cache.get(key)?.total).toBe(500)
  })

  it('does not keep an entry that would take more than a quarter of its budget, nor anything at 0', () => {
    const small = new ResultCache(10_000)
    small.set('big', entry(1000))
    expect(small.size).toBe(0)
    const off = new ResultCache(0)
    off.set('a', entry(1))
    expect(off.size).toBe(0)
  })
})

const corpus = makeCorpus(
  Array.from({ length: 260 }, (_, i) => ({
    text: `${i % 2 ? 'migrants sent remittances' : 'the dam and the border'} ${i % 3 ? 'from Russia' : 'to Dushanbe'}, report ${i}.`,
    source: ['Orda.kz', 'RIAC', 'CABAR.asia'][i % 3],
    topics: [['labour', 'economy'][i % 2]],
    date: `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
  })),
)

describe('a search engine with a cache', () => {
  const requests: SearchRequest[] = [
    { query: 'migrants' },
    { query: 'migrants', page: 2 },
    { query: 'migrants', page: 12 }, // past the remembered window
    { query: 'migrants', sort: 'oldest' },
    { query: 'migrants', filters: { source: ['RIAC'], topic: ['labour'] } },
    { query: 'migrants', groupByArticle: true },
    { query: '' },
    { query: '', filters: { year: ['2013'] }, page: 3 },
    { query: 'dushanbe', size: 50, facetSize: 2 },
  ]

  it('answers every request as an engine without one does, also when asked again', async () => {
    const cached = createMemoryEngine(corpus)
    const uncached = createMemoryEngine(corpus, { cacheBytes: 0 })
    for (const request of [...requests, ...requests, ...requests.reverse()]) {
      const [got, want] = await Promise.all([cached.search(request), uncached.search(request)])
      expect({ ...got, tookMs: 0 }).toEqual({ ...want, tookMs: 0 })
    }
  })

  it('matches a repeated search, another page within the window or another order only once each', async () => {
    const engine = createMemoryEngine(corpus)
    // One word, one clause: the scorer runs once per search actually matched.
    const matching = vi.spyOn(PostingScorer.prototype, 'score')
    await engine.search({ query: 'remittances' })
    await engine.search({ query: 'remittances' })
    await engine.search({ query: 'remittances', page: 3 })
    expect(matching).toHaveBeenCalledTimes(1)
    await engine.search({ query: 'remittances', sort: 'newest' })
    await engine.search({ query: 'remittances', sort: 'newest', page: 2 })
    expect(matching).toHaveBeenCalledTimes(2)
    await engine.search({ query: 'remittances', page: 20 })
    expect(matching).toHaveBeenCalledTimes(3)
    matching.mockRestore()
  })
})
