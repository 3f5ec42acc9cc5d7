import { describe, it, expect } from 'vitest'
import { cp, mkdtemp, mkdir, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaults } from '../../src/defaults.ts'
import { createEmbeddedBackend } from '../../src/engine/embedded/backend.ts'
import type { LiveEngine } from '../../src/engine/engine.ts'
import { syncIndex, type SyncOptions } from '../../src/indexer/sync.ts'

const article = (title: string, body: string, date = '2020-01-05') => `---\ntitle: ${title}\nsource: Wire\ndate: ${date}\n---\n\n${body}\n`
const WHEAT = article('Grain exports', 'Wheat exports rose sharply in January as the harvest came in early and ports reopened after the strike ended, traders said.')
const BARLEY = article('Barley prices', 'Barley prices fell as brewers cut orders for the coming season, according to merchants in the port city of Odesa.', '2020-02-01')
const OATS = article('Oats', 'Oat farmers in the north said the rain came too late for the spring crop, and Maria Petrova of the growers union warned of losses.', '2020-03-01')

async function setUp(files: Record<string, string>) {
  const work = await mkdtemp(join(tmpdir(), 'clippings-sync-'))
  const corpus = join(work, 'corpus')
  await mkdir(corpus)
  for (const [name, text] of Object.entries(files)) await writeFile(join(corpus, name), text)
  return { work, corpus, indexDir: join(work, 'index') }
}

const quick: SyncOptions = { threads: 0 }

/** Everything a reader sees of an index: passages with their facets, and the facet counts of a browse. */
async function snapshot(engine: LiveEngine) {
  const all = []
  for await (const passage of engine.searchAll({ sort: 'oldest' })) all.push(passage)
  const browse = await engine.search({ facetSize: 100 })
  return {
    passages: all.map((p) => ({ id: p.id, articleId: p.articleId, text: p.text, people: p.people, source: p.source })).sort((a, b) => a.id.localeCompare(b.id)),
    facets: Object.fromEntries(Object.entries(browse.facets).map(([name, counts]) => [name, counts.values.map((v) => [v.value, v.count]).sort()])),
    total: browse.total,
  }
}

async function fullRebuildOf(corpus: string) {
  const dir = await mkdtemp(join(tmpdir(), 'clippings-sync-full-'))
  const backend = createEmbeddedBackend(dir)
  await syncIndex(backend, { ...quick, corpus: [corpus] })
  return snapshot(await backend.open())
}

describe('syncIndex', () => {
  it('builds an index on first use, then finds nothing to do while nothing changed', async () => {
    const { corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    const first = await syncIndex(backend, { ...quick, corpus: [corpus] })
    expect(first.summary.mode).toBe('full')
    expect(first.summary.totalArticles).toBe(1)
    const commits = (await readdir(indexDir)).filter((name) => name.startsWith('manifest-'))
    const second = await syncIndex(backend, quick)
    expect(second.summary.mode).toBe('unchanged')
    expect(second.summary.files).toEqual({ read: 0, unchanged: 1, removed: 0 })
    // Nothing was written.
    expect((await readdir(indexDir)).filter((name) => name.startsWith('manifest-'))).toEqual(commits)
  })

  it('reads only the files added or changed, drops deleted ones, and gives what a full rebuild gives', async () => {
    const { corpus, indexDir } = await setUp({ 'a.md': WHEAT, 'b.md': BARLEY })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    await writeFile(join(corpus, 'c.md'), OATS)
    await writeFile(join(corpus, 'b.md'), BARLEY.replace('fell', 'fell again'))
    await rm(join(corpus, 'a.md'))
    const { summary } = await syncIndex(backend, quick)
    expect(summary.mode).toBe('incremental')
    expect(summary.articles).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 0 })
    expect(summary.files).toMatchObject({ read: 2, removed: 1 })
    const engine = await backend.open()
    expect(await snapshot(engine)).toEqual(await fullRebuildOf(corpus))
    expect((await engine.search({ query: 'wheat' })).total).toBe(0)
    expect((await engine.search({ query: 'oat farmers' })).total).toBe(1)
  })

  it('keeps an article (and its passage ids) across a rename of its file', async () => {
    const { corpus, indexDir } = await setUp({ 'a.md': WHEAT, 'b.md': BARLEY })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    const before = await snapshot(await backend.open())
    await rename(join(corpus, 'a.md'), join(corpus, 'renamed.md'))
    const { summary } = await syncIndex(backend, quick)
    expect(summary.articles.removed + summary.articles.added + summary.articles.changed).toBeGreaterThan(0)
    const after = await snapshot(await backend.open())
    expect(after.passages.map((p) => p.id)).toEqual(before.passages.map((p) => p.id))
    expect(after).toEqual(await fullRebuildOf(corpus))
  })

  it('does not read a file whose time changed but whose bytes did not', async () => {
    const { corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    const later = new Date(Date.now() + 60_000)
    await utimes(join(corpus, 'a.md'), later, later)
    const { summary } = await syncIndex(backend, quick)
    expect(summary.files.read).toBe(0)
    expect(summary.mode).toBe('unchanged')
    // The new time is remembered: the next run does not even hash it.
    expect((await syncIndex(backend, quick)).summary.files.read).toBe(0)
  })

  it('refuses a folder that does not exist, naming it, and writes nothing', async () => {
    const { work, corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    const before = await readdir(indexDir)
    const missing = join(work, 'no-such-folder')
    await expect(syncIndex(backend, { ...quick, corpus: [missing] })).rejects.toThrow(missing)
    await expect(syncIndex(backend, { ...quick, corpus: [join(work, 'missing.jsonl')] })).rejects.toThrow(/no such file or folder/)
    expect(await readdir(indexDir)).toEqual(before)
    expect((await (await backend.open()).search({ query: 'wheat' })).total).toBe(1)
  })

  it('keeps the old index when every input is skipped, unless an empty one is asked for', async () => {
    const { work, corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    const junk = join(work, 'junk')
    await mkdir(junk)
    await writeFile(join(junk, 'photo.jpg'), 'not an article')
    await expect(syncIndex(backend, { ...quick, corpus: [junk] })).rejects.toThrow(/no article could be read.*left as it was/s)
    expect((await (await backend.open()).search({ query: 'wheat' })).total).toBe(1)
    const { summary } = await syncIndex(backend, { ...quick, corpus: [junk], allowEmpty: true })
    expect(summary.totalArticles).toBe(0)
  })

  it('refuses to empty an index whose files have all gone, unless asked', async () => {
    const { corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    await rm(join(corpus, 'a.md'))
    await expect(syncIndex(backend, quick)).rejects.toThrow(/every article of the index would be removed/)
    expect((await (await backend.open()).search({ query: 'wheat' })).total).toBe(1)
  })

  it('rebuilds in full when asked, and when the folders to index change', async () => {
    const { work, corpus, indexDir } = await setUp({ 'a.md': WHEAT })
    const backend = createEmbeddedBackend(indexDir)
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    expect((await syncIndex(backend, { ...quick, full: true })).summary.mode).toBe('full')
    const other = join(work, 'other')
    await mkdir(other)
    await writeFile(join(other, 'b.md'), BARLEY)
    const { summary } = await syncIndex(backend, { ...quick, corpus: [corpus, other] })
    expect(summary.mode).toBe('full')
    expect(summary.totalArticles).toBe(2)
  })

  it('updates the seeds one article at a time as a full rebuild would, people and facet counts included', async () => {
    const work = await mkdtemp(join(tmpdir(), 'clippings-sync-seeds-'))
    const corpus = join(work, 'seeds')
    await cp(defaults.corpusDirs[0], corpus, { recursive: true })
    const names = (await readdir(corpus)).filter((name) => name.endsWith('.txt')).sort()
    const held = join(work, names[0])
    await rename(join(corpus, names[0]), held)
    const backend = createEmbeddedBackend(join(work, 'index'))
    await syncIndex(backend, { ...quick, corpus: [corpus] })
    // Add one back, remove another: each step equals a rebuild of the folder as it then is.
    await rename(held, join(corpus, names[0]))
    await syncIndex(backend, quick)
    const added = await snapshot(await backend.open())
    const full = await fullRebuildOf(corpus)
    expect(added.passages).toEqual(full.passages)
    expect(added.facets.person).toEqual(full.facets.person)
    expect(added.facets.source).toEqual(full.facets.source)
    await rm(join(corpus, names[1]))
    await syncIndex(backend, quick)
    const removed = await snapshot(await backend.open())
    const fullAfter = await fullRebuildOf(corpus)
    expect(removed.passages).toEqual(fullAfter.passages)
    expect(removed.facets.person).toEqual(fullAfter.facets.person)
  })
})
