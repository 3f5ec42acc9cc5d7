import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmbeddedBackend } from '../../src/engine/embedded/backend.ts'
import { LiveIndexer } from '../../src/indexer/live.ts'
import { isCorpusState } from '../../src/indexer/state.ts'
import { syncIndex } from '../../src/indexer/sync.ts'
import { createApp } from '../../src/server/app.tsx'
import { parseArticles, validateArticle } from '../../src/server/routes/ingest.ts'
import { serveProcess } from '../helpers/serve-process.ts'

const TOKEN = 'test-token-1234567890'
const body = (text: string) => `Story: ${text} The reservoir rose for the third week running as the snow melted in the mountains, engineers said.`

async function corpusIndex() {
  const work = await mkdtemp(join(tmpdir(), 'clippings-ingest-'))
  const corpus = join(work, 'corpus')
  await mkdir(corpus)
  await writeFile(join(corpus, 'a.md'), `---\ntitle: Wheat\nsource: Wire\n---\n\n${body('wheat exports')}\n`)
  const indexDir = join(work, 'index')
  const backend = createEmbeddedBackend(indexDir)
  await syncIndex(backend, { corpus: [corpus], threads: 0 })
  return { work, corpus, indexDir, backend }
}

describe('validating pushed articles', () => {
  it('names the field at fault', () => {
    expect(validateArticle({ title: 'No body' })).toMatchObject({ field: 'text' })
    expect(validateArticle({ text: 'x', date: 'next Tuesday' })).toMatchObject({ field: 'date' })
    expect(validateArticle({ text: 'x', date: '2024-13-45' })).toMatchObject({ field: 'date' })
    expect(validateArticle({ text: 'x', url: 'javascript:alert(1)' })).toMatchObject({ field: 'url' })
    expect(validateArticle({ text: 'x', title: 5 })).toMatchObject({ field: 'title' })
    expect(validateArticle([1, 2])).toMatchObject({ error: expect.stringContaining('object') })
    expect(validateArticle({ text: 'A body.', date: '2024-03-05', url: 'https://example.org/a' })).toBeUndefined()
  })

  it('reads JSON Lines line by line, reporting a malformed line by number and keeping the rest', () => {
    const { records, errors } = parseArticles(['{"text":"one"}', '{broken', '', '{"title":"no text"}', '{"text":"two"}'].join('\n'), true)
    expect(records.map((r) => r.line)).toEqual([1, 5])
    expect(errors).toEqual([
      { line: 2, error: 'malformed JSON at line 2' },
      { line: 4, field: 'text', error: expect.stringContaining('missing "text"') },
    ])
  })
})

describe('the ingestion API', () => {
  let app: ReturnType<typeof createApp>
  let live: LiveIndexer
  let engineSearch: (query: string) => Promise<number>

  beforeAll(async () => {
    const { backend, indexDir } = await corpusIndex()
    const engine = await backend.open()
    const state = await backend.readState()
    if (!isCorpusState(state)) throw new Error('no state')
    live = await LiveIndexer.start(backend, engine, state, { pushedDir: join(indexDir, 'pushed'), threads: 0 })
    app = createApp(engine, { ingest: { token: TOKEN, target: live }, log: () => {} })
    engineSearch = async (query) => (await engine.search({ query })).total
  })

  afterAll(async () => {
    await live.close()
  })

  const post = (payload: string, headers: Record<string, string> = {}) =>
    app.request('http://localhost/api/articles', { method: 'POST', body: payload, headers: { host: 'localhost', 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers } })

  it('answers 401 without a token and 403 with a wrong one', async () => {
    const missing = await post(JSON.stringify({ text: body('cotton') }), { authorization: '' })
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toContain('Bearer')
    expect((await post(JSON.stringify({ text: body('cotton') }), { authorization: 'Bearer wrong' })).status).toBe(403)
    expect(await engineSearch('cotton')).toBe(0)
  })

  it('takes one article as JSON and answers 201 with its id and passages; the same id replaces it', async () => {
    const response = await post(JSON.stringify({ id: 'c-1', title: 'Cotton harvest', text: body('cotton harvest'), date: '2024-09-01', source: 'Field Notes' }))
    expect(response.status).toBe(201)
    const answer = (await response.json()) as { articles: { articleIds: string[]; passages: number }[] }
    expect(answer.articles[0].articleIds.length).toBe(1)
    expect(answer.articles[0].passages).toBeGreaterThan(0)
    expect(await engineSearch('cotton')).toBe(1)
    const again = await post(JSON.stringify({ id: 'c-1', title: 'Cotton harvest', text: body('cotton harvest was late') }))
    expect(again.status).toBe(201)
    expect(await engineSearch('cotton')).toBe(1)
    expect(await engineSearch('late')).toBe(1)
    const id = ((await again.json()) as { articles: { articleIds: string[] }[] }).articles[0].articleIds[0]
    const removed = await app.request(`http://localhost/api/articles/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { host: 'localhost', authorization: `Bearer ${TOKEN}` } })
    expect(removed.status).toBe(204)
    expect(await engineSearch('cotton')).toBe(0)
    const unknown = await app.request('http://localhost/api/articles/nobody', { method: 'DELETE', headers: { host: 'localhost', authorization: `Bearer ${TOKEN}` } })
    expect(unknown.status).toBe(404)
  })

  it('takes many as JSON Lines, reporting a bad line without rejecting the others', async () => {
    const lines = [JSON.stringify({ id: 'r-1', title: 'Rice one', text: body('rice paddies') }), '{not json', JSON.stringify({ id: 'r-2', title: 'Rice two', date: 'soon', text: body('rice prices') }), JSON.stringify({ id: 'r-3', title: 'Rice three', text: body('rice exports') })]
    const response = await post(lines.join('\n'), { 'content-type': 'application/x-ndjson' })
    expect(response.status).toBe(201)
    const answer = (await response.json()) as { articles: { line: number }[]; errors: { line: number; field?: string }[] }
    expect(answer.articles.map((a) => a.line)).toEqual([1, 4])
    expect(answer.errors).toEqual([expect.objectContaining({ line: 2 }), expect.objectContaining({ line: 3, field: 'date' })])
    expect(await engineSearch('rice')).toBe(2)
  })

  it('answers 400 naming the problem: no text, malformed JSON, a body over 10 MB, the wrong content type', async () => {
    const noText = await post(JSON.stringify({ title: 'Empty' }))
    expect(noText.status).toBe(400)
    expect(await noText.json()).toMatchObject({ field: 'text' })
    expect((await post('{')).status).toBe(400)
    const huge = await post(JSON.stringify({ text: 'x'.repeat(11 * 1024 * 1024) }))
    expect(huge.status).toBe(400)
    expect(((await huge.json()) as { error: string }).error).toContain('10 MB')
    expect((await post('text', { 'content-type': 'text/plain' })).status).toBe(400)
  })

  it('is off, saying how to turn it on, when no token is configured', async () => {
    const { backend } = await corpusIndex()
    const off = createApp(await backend.open(), { log: () => {} })
    const response = await off.request('http://localhost/api/articles', { method: 'POST', body: '{"text":"x"}', headers: { host: 'localhost', 'content-type': 'application/json', authorization: 'Bearer anything' } })
    expect(response.status).toBe(403)
    expect(((await response.json()) as { error: string }).error).toContain('CLIPPINGS_API_TOKEN')
  })
})

/** `clippings serve` over the index with the ingestion API on, in a process of its own. */
const serveWithApi = (indexDir: string, ...args: string[]) => serveProcess(['--index', indexDir, ...args], { CLIPPINGS_API_TOKEN: TOKEN })

describe('a pushed article with search threads', () => {
  it('is found by the next search once the server answered 201, and gone once deleted', { timeout: 120_000 }, async () => {
    const { indexDir } = await corpusIndex()
    const { server, url: started } = serveWithApi(indexDir, '--search-threads', '2')
    try {
      const url = await started
      const search = async () => ((await (await fetch(new URL('/api/search?q=glacier', url))).json()) as { total: number }).total
      expect(await search()).toBe(0)
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }
      const pushed = await fetch(new URL('/api/articles', url), { method: 'POST', headers, body: JSON.stringify({ id: 'threaded', title: 'Threaded story', text: body('the threaded glacier') }) })
      expect(pushed.status).toBe(201)
      expect(await search()).toBe(1)
      const id = ((await pushed.json()) as { articles: { articleIds: string[] }[] }).articles[0].articleIds[0]
      expect((await fetch(new URL(`/api/articles/${encodeURIComponent(id)}`, url), { method: 'DELETE', headers })).status).toBe(204)
      expect(await search()).toBe(0)
    } finally {
      server.kill()
    }
  })
})

describe('a pushed article after kill -9', () => {
  it('is in the index once the server answered 201, even when the server dies right after', { timeout: 120_000 }, async () => {
    const { indexDir } = await corpusIndex()
    const { server, url: started } = serveWithApi(indexDir)
    const url = await started
    const response = await fetch(new URL('/api/articles', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id: 'durable', title: 'Durable story', text: body('the durable glacier') }),
    })
    expect(response.status).toBe(201)
    server.kill('SIGKILL')
    await new Promise((resolve) => server.on('exit', resolve))
    const reopened = await createEmbeddedBackend(indexDir).open()
    expect((await reopened.search({ query: 'glacier' })).total).toBe(1)
  })
})
