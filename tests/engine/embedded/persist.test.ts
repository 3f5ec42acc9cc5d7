import { describe, it, expect } from 'vitest'
import { mkdtemp, readdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { MiniSearchEngine } from '../../src/engine/index.ts'
import { loadIndex, readManifest, saveIndex, FORMAT_VERSION } from '../../src/engine/persist.ts'
import { makeCorpus } from '../helpers/passages.ts'

const fields = { corpusFingerprint: 'c', settingsFingerprint: 's', corpus: ['/corpus'], skipped: [], counts: { skipped: 0, duplicates: 0 } }

function engineOf(...texts: string[]) {
  const { articles, passages } = makeCorpus(texts.map((text) => ({ text, people: ['Ada Lovelace'], topics: ['science'] })))
  return MiniSearchEngine.build({ articles, passages, personAliases: { 'Ada Lovelace': ['Ada King'] }, topicLabels: { science: 'science' }, builtAt: '2026-01-01T00:00:00Z' })
}

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'clippings-persist-'))
}

describe('saveIndex and loadIndex', () => {
  it('round-trips an index: the loaded engine answers like the saved one', async () => {
    const dir = await tempDir()
    const engine = engineOf('Analytical engines compute numbers.', 'Poetry of science.')
    const manifest = await saveIndex(dir, engine, fields)
    expect(manifest.formatVersion).toBe(FORMAT_VERSION)
    expect(manifest.counts).toMatchObject({ articles: 2, passages: 2, people: 1 })
    const loaded = await loadIndex(dir, (await readManifest(dir))!)
    const [before, after] = await Promise.all([engine.search({ query: 'engine' }), loaded.search({ query: 'engine' })])
    expect({ ...after, tookMs: 0 }).toEqual({ ...before, tookMs: 0 })
    expect(await loaded.people()).toEqual([{ name: 'Ada Lovelace', passages: 2, aliases: ['Ada King'] }])
    await rm(dir, { recursive: true })
  })

  it('restores each article\'s passage ids in position order without storing them', async () => {
    const dir = await tempDir()
    const { articles, passages } = makeCorpus([
      { text: 'First of two.', article: 'a' },
      { text: 'Second of two.', article: 'a' },
      { text: 'Alone.', article: 'b' },
    ])
    const engine = MiniSearchEngine.build({ articles, passages, personAliases: {}, topicLabels: {}, builtAt: '2026-01-01T00:00:00Z' })
    const manifest = await saveIndex(dir, engine, fields)
    const loaded = await loadIndex(dir, manifest)
    for (const article of articles) {
      expect(await loaded.getArticle(article.id)).toEqual(article)
      expect(await loaded.getArticlePassages(article.id)).toEqual(await engine.getArticlePassages(article.id))
    }
    expect(articles.map((article) => article.passageIds.length)).toEqual([2, 1])
    await rm(dir, { recursive: true })
  })

  it('loads equal people and topic lists, and an article\'s id, as one shared value', async () => {
    const dir = await tempDir()
    const { articles, passages } = makeCorpus([
      { text: 'First.', article: 'a', topics: ['economy', 'labour'], people: ['Ada Lovelace'] },
      { text: 'Second.', article: 'a', topics: ['economy', 'labour'] },
      { text: 'Third.', article: 'b', topics: ['economy', 'labour'], people: ['Ada Lovelace'] },
      { text: 'Fourth.', article: 'b', topics: ['sport'] },
    ])
    const engine = MiniSearchEngine.build({ articles, passages, personAliases: {}, topicLabels: {}, builtAt: '2026-01-01T00:00:00Z' })
    const loaded = await loadIndex(dir, await saveIndex(dir, engine, fields))
    const [first, second, third, fourth] = loaded.data.passages
    expect(third.topics).toBe(first.topics)
    expect(third.people).toBe(first.people)
    expect(fourth.people).toBe(second.people)
    expect(fourth.topics).toEqual(['sport'])
    expect(loaded.data.passages.map((p) => p.articleId)).toEqual(['a', 'a', 'b', 'b'])
    await rm(dir, { recursive: true })
  })

  it('restores the fields a passage shares with its article, and keeps those it does not', async () => {
    const dir = await tempDir()
    const { articles, passages } = makeCorpus([
      { text: 'Dated and titled.', article: 'a', date: '2024-03-01', source: 'Wire' },
      { text: 'Titled on its own.', article: 'a', date: '2024-03-01', source: 'Wire', title: 'A different title' },
    ])
    const engine = MiniSearchEngine.build({ articles, passages, personAliases: {}, topicLabels: {}, builtAt: '2026-01-01T00:00:00Z' })
    const loaded = await loadIndex(dir, await saveIndex(dir, engine, fields))
    for (const passage of passages) {
      const restored = await loaded.getPassage(passage.id)
      expect(restored).toEqual(passage)
      expect(JSON.stringify(restored)).toBe(JSON.stringify(passage)) // same fields in the same order
    }
    expect((await loaded.getPassage('p1'))!.title).toBe('A different title')
    await rm(dir, { recursive: true })
  })

  it('leaves the previous index usable when a write crashes before it commits', async () => {
    const dir = await tempDir()
    await saveIndex(dir, engineOf('The first build.'), fields)
    const crash = saveIndex(dir, engineOf('The second build.', 'With two passages.'), fields, {
      beforeCommit: () => {
        throw new Error('power cut')
      },
    })
    await expect(crash).rejects.toThrow('power cut')
    const loaded = await loadIndex(dir, (await readManifest(dir))!)
    expect((await loaded.search({ query: 'first' })).total).toBe(1)
    expect((await loaded.stats()).passages).toBe(1)
    await rm(dir, { recursive: true })
  })

  it('removes older builds once a new one is in force', async () => {
    const dir = await tempDir()
    await saveIndex(dir, engineOf('One.'), fields)
    await saveIndex(dir, engineOf('Two.'), fields)
    const builds = (await readdir(dir)).filter((entry) => entry.startsWith('build-'))
    expect(builds).toEqual([(await readManifest(dir))!.build])
    await rm(dir, { recursive: true })
  })

  it('reports a corrupt build as corrupt-index rather than loading half of it', async () => {
    const dir = await tempDir()
    const manifest = await saveIndex(dir, engineOf('Some text.'), fields)
    await writeFile(join(dir, manifest.build, 'passages.jsonl.gz'), gzipSync('{"id": broken'))
    await expect(loadIndex(dir, manifest)).rejects.toMatchObject({ code: 'corrupt-index' })
    await rm(dir, { recursive: true })
  })

  it('finds no manifest in an empty or garbled folder', async () => {
    const dir = await tempDir()
    expect(await readManifest(dir)).toBeUndefined()
    await writeFile(join(dir, 'manifest.json'), 'not json')
    expect(await readManifest(dir)).toBeUndefined()
    await rm(dir, { recursive: true })
  })
})
