import { describe, it, expect } from 'vitest'
import { mkdir, mkdtemp, readdir, readFile, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createEmbeddedBackend } from '../../../src/engine/embedded/backend.ts'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import type { IndexData, IndexedArticle } from '../../../src/engine/engine.ts'
import type { SearchRequest } from '../../../src/model.ts'
import { makeCorpus } from '../../helpers/passages.ts'

function dataOf(...texts: string[]): IndexData {
  const { articles, passages } = makeCorpus(texts.map((text, i) => ({ text, people: ['Ada Lovelace'], topics: ['science'], article: `a${i}`, date: `2024-0${(i % 9) + 1}` })))
  return {
    articles,
    passages,
    personAliases: { 'Ada Lovelace': ['Ada King'] },
    topicLabels: { science: 'Science' },
    topicParents: {},
    fieldFacets: [],
    builtAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }
}

/** Articles built like `dataOf`'s, with ids and passage ids of their own. */
function articlesOf(prefix: string, ...texts: string[]): IndexedArticle[] {
  const { articles, passages } = makeCorpus(texts.map((text) => ({ text, article: `${prefix}` })))
  return articles.map((article) => ({
    article: { ...article, passageIds: passages.filter((p) => p.articleId === article.id).map((p) => `${prefix}-${p.id}`) },
    passages: passages.filter((p) => p.articleId === article.id).map((p) => ({ ...p, id: `${prefix}-${p.id}` })),
  }))
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'clippings-backend-'))
}

const requests: SearchRequest[] = [
  { query: 'engine' },
  { query: '', sort: 'oldest' },
  { query: 'science OR poetry', filters: { person: ['Ada Lovelace'] } },
  { query: '', filters: { year: ['2024'] } },
]

async function sameAnswers(a: { search: (r: SearchRequest) => Promise<unknown> }, b: { search: (r: SearchRequest) => Promise<unknown> }) {
  for (const request of requests) {
    const [left, right] = (await Promise.all([a.search(request), b.search(request)])) as { tookMs: number }[]
    expect({ ...right, tookMs: 0 }).toEqual({ ...left, tookMs: 0 })
  }
}

describe('the embedded backend', () => {
  it('builds an index that loads back answering as the engine it was built from', async () => {
    const dir = await tempDir()
    const data = dataOf('Analytical engines compute numbers.', 'Poetry of science.', 'Notes on the engine.')
    const backend = createEmbeddedBackend(dir)
    expect(await backend.exists()).toBe(false)
    await backend.build(data, { corpus: ['/corpus'] })
    expect(await backend.exists()).toBe(true)
    expect(await backend.readState()).toEqual({ corpus: ['/corpus'] })
    const loaded = await backend.open()
    await sameAnswers(createMemoryEngine(data), loaded)
    expect(await loaded.people()).toEqual([{ name: 'Ada Lovelace', passages: 3, aliases: ['Ada King'] }])
    for (const article of data.articles) {
      expect(await loaded.getArticle(article.id)).toEqual(article)
    }
    await rm(dir, { recursive: true })
  })

  it('adds, replaces and removes articles through a writer, and a load replays the deltas', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir)
    await backend.build(dataOf('Analytical engines compute numbers.', 'Poetry of science.'), { files: { a: 1, b: 2 } })
    const writer = await backend.openWriter()
    writer.add(articlesOf('new', 'A steam engine in the mill.'))
    writer.remove(['a1'])
    writer.setState({ files: { b: null, c: 3 } })
    const result = await writer.flush()
    expect(result.added).toBe(1)
    await writer.close()
    expect(await backend.readState()).toEqual({ files: { a: 1, c: 3 } })
    const loaded = await backend.open()
    expect((await loaded.search({ query: 'engine' })).total).toBe(2)
    expect((await loaded.search({ query: 'poetry' })).total).toBe(0)
    expect(await loaded.getArticle('a1')).toBeUndefined()
    expect((await loaded.getArticlePassages('new')).map((p) => p.text)).toEqual(['A steam engine in the mill.'])
    // The same as an index built from scratch with the articles now in force.
    const fresh = createMemoryEngine({
      articles: [dataOf('Analytical engines compute numbers.').articles[0], articlesOf('new', 'A steam engine in the mill.')[0].article],
      passages: [dataOf('Analytical engines compute numbers.').passages[0], ...articlesOf('new', 'A steam engine in the mill.')[0].passages],
      personAliases: { 'Ada Lovelace': ['Ada King'] },
      topicLabels: { science: 'Science' },
    })
    for (const request of requests) {
      const [want, got] = await Promise.all([fresh.search(request), loaded.search(request)])
      expect(got.total).toBe(want.total)
      expect(got.results.map((hit) => [hit.passage.id, hit.score])).toEqual(want.results.map((hit) => [hit.passage.id, hit.score]))
      expect(got.facets).toEqual(want.facets)
    }
    await rm(dir, { recursive: true })
  })

  it('shows a live engine a flush at once, and keeps it across a reload', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir)
    await backend.build(dataOf('Analytical engines compute numbers.'), {})
    const live = await backend.open()
    let updates = 0
    live.onUpdate(() => updates++)
    expect((await live.search({ query: 'mill' })).total).toBe(0)
    const writer = await live.openWriter()
    writer.add(articlesOf('mill', 'The mill by the river.'))
    await writer.flush()
    expect(updates).toBe(1)
    expect((await live.search({ query: 'mill' })).total).toBe(1)
    await writer.close()
    expect((await (await backend.open()).search({ query: 'mill' })).total).toBe(1)
    await live.close()
    await rm(dir, { recursive: true })
  })

  it('merges deltas into a new base once they outgrow their share, with the same answers', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir, { mergeCount: 2 })
    await backend.build(dataOf('Analytical engines compute numbers.', 'Poetry of science.'), { n: 0 })
    for (let i = 0; i < 4; i++) {
      const writer = await backend.openWriter()
      writer.add(articlesOf(`extra${i}`, `Engine number ${i} for the mill.`))
      if (i === 1) writer.remove(['a0'])
      writer.setState({ n: i + 1 })
      await writer.flush()
      await writer.close()
    }
    const commit = await backend.commitInForce()
    expect(commit.deltas.length).toBeLessThanOrEqual(2)
    expect(await backend.readState()).toEqual({ n: 4 })
    const loaded = await backend.open()
    expect((await loaded.search({ query: 'engine' })).total).toBe(4)
    expect(await loaded.getArticle('a0')).toBeUndefined()
    await rm(dir, { recursive: true })
  })

  it('leaves the index in force when a write crashes before its commit, and cleans the leftovers at the next write', async () => {
    const dir = await tempDir()
    await createEmbeddedBackend(dir).build(dataOf('The first build.'), {})
    const crashing = createEmbeddedBackend(dir, {
      beforeCommit: () => {
        throw new Error('power cut')
      },
    })
    await expect(crashing.build(dataOf('The second build.', 'With two passages.'), {})).rejects.toThrow('power cut')
    expect((await readdir(dir)).filter((name) => name.startsWith('base-')).length).toBe(2)
    const writer = await crashing.openWriter()
    writer.add(articlesOf('x', 'Never committed.'))
    await expect(writer.flush()).rejects.toThrow('power cut')
    await writer.close()
    expect((await readdir(dir)).filter((name) => name.startsWith('delta-')).length).toBe(1)
    const loaded = await createEmbeddedBackend(dir).open()
    expect((await loaded.search({ query: 'first' })).total).toBe(1)
    expect((await loaded.stats()).passages).toBe(1)
    // The next write removes what the crashes left, and nothing else.
    await writeFile(join(dir, 'notes.txt'), 'mine')
    await mkdir(join(dir, 'build-scripts'))
    await writeFile(join(dir, 'build-scripts', 'deploy.sh'), 'x')
    await (await createEmbeddedBackend(dir).openWriter()).close()
    const after = await readdir(dir)
    expect(after.filter((name) => name.startsWith('base-')).length).toBe(1)
    expect(after.filter((name) => name.startsWith('delta-')).length).toBe(0)
    expect(after).toContain('notes.txt')
    expect(await readFile(join(dir, 'build-scripts', 'deploy.sh'), 'utf8')).toBe('x')
    await rm(dir, { recursive: true })
  })

  it('falls back to the previous commit when the newest is garbled, and never follows a name out of the folder', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir)
    await backend.build(dataOf('The first build.'), { corpus: ['/first'] })
    const writer = await backend.openWriter()
    writer.add(articlesOf('later', 'A later article.'))
    await writer.flush()
    await writer.close()
    const commits = (await readdir(dir)).filter((name) => /^manifest-\d+\.json$/.test(name)).sort()
    expect(commits.length).toBe(2)
    const newest = join(dir, commits[1])
    const text = await readFile(newest, 'utf8')
    await writeFile(newest, text.replace(/"base-[^"]+"/, '"../../../../../etc"'))
    const logged: string[] = []
    const fallback = createEmbeddedBackend(dir, { log: (line) => logged.push(line) })
    expect((await (await fallback.open()).search({ query: 'first' })).total).toBe(1)
    expect(logged.join('\n')).toMatch(/earlier commit/)
    await writeFile(newest, 'not json at all')
    expect(await fallback.readState()).toEqual({ corpus: ['/first'] })
    await rm(dir, { recursive: true })
  })

  it('detects a damaged file by its checksum and refuses to serve it', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir)
    await backend.build(dataOf('Some text.'), {})
    const base = (await readdir(dir)).find((name) => name.startsWith('base-'))!
    const columns = join(dir, base, 'columns.bin')
    const bytes = await readFile(columns)
    bytes[bytes.length - 1] ^= 0xff
    await writeFile(columns, bytes)
    await expect(backend.open()).rejects.toMatchObject({ code: 'corrupt-index' })
    await writeFile(join(dir, base, 'passages.jsonl.gz'), gzipSync('{"id": broken'))
    await expect(backend.open()).rejects.toMatchObject({ code: 'corrupt-index' })
    await rm(dir, { recursive: true })
  })

  it('refuses a second writer while one holds the lock', async () => {
    const dir = await tempDir()
    const backend = createEmbeddedBackend(dir)
    await backend.build(dataOf('Some text.'), {})
    const writer = await backend.openWriter()
    const live = await backend.open()
    await expect(live.openWriter()).rejects.toThrow(/already open for writing/)
    await writer.close()
    await (await live.openWriter()).close()
    await rm(dir, { recursive: true })
  })

  it('says an index of the older format is one, without reading it', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ formatVersion: 7, build: 'build-x' }))
    await expect(createEmbeddedBackend(dir).open()).rejects.toThrow(/another version of Clippings/)
    await rm(dir, { recursive: true })
  })
})
