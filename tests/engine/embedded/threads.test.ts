import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmbeddedBackend } from '../../../src/engine/embedded/backend.ts'
import { searchInThreads, type ThreadedEngine } from '../../../src/engine/embedded/threads.ts'
import type { IndexData, IndexedArticle, SearchEngine } from '../../../src/engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../../../src/model.ts'
import { makeCorpus } from '../../helpers/passages.ts'

const texts = [
  'Opec ministers met in Vienna to discuss oil prices and output quotas.',
  'Crude oil prices rose after the pipeline closed, traders in London said.',
  'The central bank kept interest rates unchanged; the dollar fell against the yen.',
  'Coffee exporters in Brazil expect a larger harvest this year.',
  'Ada Lovelace wrote notes on the analytical engine.',
  'The oil company said its refinery in Texas would reopen next week.',
]

function corpus(): IndexData {
  const { articles, passages } = makeCorpus(texts.map((text, i) => ({ text, people: i === 4 ? ['Ada Lovelace'] : [], topics: [i < 3 ? 'energy' : 'other'], article: `a${i}`, date: `2024-0${i + 1}` })))
  return { articles, passages, personAliases: {}, topicLabels: { energy: 'Energy', other: 'Other' }, topicParents: {}, fieldFacets: [], builtAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
}

/** New articles with ids of their own. */
function articlesOf(prefix: string, ...texts: string[]): IndexedArticle[] {
  const { articles, passages } = makeCorpus(texts.map((text) => ({ text, article: prefix })))
  return articles.map((article) => ({
    article: { ...article, passageIds: passages.filter((p) => p.articleId === article.id).map((p) => `${prefix}-${p.id}`) },
    passages: passages.filter((p) => p.articleId === article.id).map((p) => ({ ...p, id: `${prefix}-${p.id}` })),
  }))
}

/** A response without the time it took, which differs from run to run. */
function answer({ tookMs, ...rest }: SearchResponse) {
  return rest
}

describe('searches in worker threads', () => {
  let dir: string
  let inProcess: SearchEngine
  let threaded: ThreadedEngine

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clippings-threads-'))
    const backend = createEmbeddedBackend(dir)
    await backend.build(corpus(), {})
    inProcess = await backend.loadEngine()
    threaded = await searchInThreads(await createEmbeddedBackend(dir).loadEngine(), dir, { threads: 2 })
  })

  afterAll(async () => {
    await threaded?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers every search as the in-process engine does, several at once', async () => {
    const requests: SearchRequest[] = [
      { query: 'oil prices' },
      { query: '"oil prices"' },
      { query: 'oil -crude', sort: 'newest' },
      { query: 'oi*' },
      { query: 'refinary' },
      { query: 'oil', filters: { topic: ['energy'] }, facetSize: 5 },
      { query: 'the', groupByArticle: true },
      { query: 'nothing matches this' },
    ]
    const expected = await Promise.all(requests.map((request) => inProcess.search(request)))
    const got = await Promise.all(requests.map((request) => threaded.search(request)))
    expect(got.map(answer)).toEqual(expected.map(answer))
    expect(threaded.searchThreads).toBe(2)
  })

  it('answers a repeated search from the answers it keeps, without a thread', async () => {
    const first = await threaded.search({ query: 'coffee harvest' })
    // A thread would stop this search at once (see below); the kept answer is whole.
    const gone = new AbortController()
    gone.abort()
    const again = await threaded.search({ query: 'coffee harvest' }, { signal: gone.signal })
    expect(again.partial).toBeUndefined()
    expect(answer(again)).toEqual(answer(first))
  })

  it('tells a thread that the client has gone, so the search stops and answers what it has', async () => {
    const gone = new AbortController()
    gone.abort()
    const stopped = await threaded.search({ query: 'oil company' }, { signal: gone.signal })
    expect(stopped.partial).toBe(true)
    expect((await threaded.search({ query: 'oil company' })).partial).toBeUndefined()
  })

  it('passes a search’s own budget on to the thread', async () => {
    expect((await threaded.search({ query: 'crude oil' }, { budgetMs: 0 })).partial).toBe(true)
  })

  it('tells a thread that others wait, so a search gives way after its slice', async () => {
    const slice = await threaded.search({ query: 'oil refinery' }, { contended: () => true, sliceMs: 0 })
    expect(slice.partial).toBe(true)
    const whole = await threaded.search({ query: 'oil refinery' }, { contended: () => false, sliceMs: 0 })
    expect(whole.partial).toBeUndefined()
    expect(whole.total).toBe(1)
  })

  it('answers everything but searches from the server’s own copy', async () => {
    const id = (await inProcess.search({ query: 'coffee' })).results[0].passage.id
    expect(await threaded.getPassage(id)).toEqual(await inProcess.getPassage(id))
    expect((await threaded.stats()).passages).toBe((await inProcess.stats()).passages)
  })

  it('follows a served index as it changes: what a flush made searchable, every thread finds', async () => {
    const liveDir = await mkdtemp(join(tmpdir(), 'clippings-threads-live-'))
    try {
      await createEmbeddedBackend(liveDir).build(corpus(), {})
      const live = await createEmbeddedBackend(liveDir).open()
      const following = await searchInThreads(live, liveDir, { threads: 2 })
      expect((await following.search({ query: 'glacier' })).total).toBe(0)
      const writer = await live.openWriter()
      const added = articlesOf('g', 'The glacier above the valley is melting faster than surveyors expected.')
      writer.add(added)
      await writer.flush()
      // Two searches at once: one in each thread.
      const both = await Promise.all([following.search({ query: 'glacier' }), following.search({ query: 'glacier', size: 5 })])
      expect(both.map((response) => response.total)).toEqual([1, 1])
      writer.remove(added.map(({ article }) => article.id))
      await writer.flush()
      // The answer kept for "glacier" went with the change.
      const after = await Promise.all([following.search({ query: 'glacier' }), following.search({ query: 'glacier', size: 5 })])
      expect(after.map((response) => response.total)).toEqual([0, 0])
      await writer.close()
      await following.close()
      await live.close()
    } finally {
      await rm(liveDir, { recursive: true, force: true })
    }
  })

  it('stops its threads when closed, and refuses searches after', async () => {
    const engine = await searchInThreads(await createEmbeddedBackend(dir).loadEngine(), dir, { threads: 1 })
    await engine.close()
    await expect(engine.search({ query: 'oil' })).rejects.toThrow(/stopped/)
  })
})
