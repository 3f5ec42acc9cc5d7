// The corpus status page and its JSON twin, with and without the indexer's record; and the person page's twin.
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { createApp } from '../../src/server/app.tsx'
import { skippedFilesOf, STATUS_SKIPPED_LIMIT, type IndexerStatus } from '../../src/server/corpus-status.ts'
import type { CorpusState, FileState } from '../../src/indexer/state.ts'
import { fixtureData, FIXTURE_TOPIC_LABELS } from './fixture-corpus.ts'

const BUILT_AT = '2026-01-15T09:30:00.000Z'
const UPDATED_AT = '2026-02-01T18:05:00.000Z'
const engine = createMemoryEngine({
  ...fixtureData(),
  topicLabels: FIXTURE_TOPIC_LABELS,
  personAliases: { 'Emomali Rahmon': ['E. Rahmon', 'Emomalii Rahmon'] },
  builtAt: BUILT_AT,
  updatedAt: UPDATED_AT,
})

const indexer: IndexerStatus = {
  corpus: ['/data/articles', '/data/wire.jsonl'],
  skipped: [
    { file: 'scan.pdf', reason: 'unsupported format' },
    { file: 'wire.jsonl:7', reason: 'no article text' },
  ],
  watching: true,
  ingest: false,
}

const withIndexer = createApp(engine, { log: () => {}, status: async () => indexer })
const bare = createApp(engine, { log: () => {} })

async function html(app: ReturnType<typeof createApp>, path: string) {
  const response = await app.request(path)
  return { response, document: parseHTML(await response.text()).document }
}

const texts = (document: ParentNode, selector: string) => [...document.querySelectorAll(selector)].map((element) => element.textContent!.replace(/\s+/g, ' ').trim())

describe('GET /api/status', () => {
  it('answers the engine, when the index was built and updated, its counts and sources by size', async () => {
    const response = await bare.request('/api/status')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({
      engine: 'embedded',
      builtAt: BUILT_AT,
      updatedAt: UPDATED_AT,
      counts: { articles: 4, passages: 8, people: 4, sources: 3 },
      sourcesTruncated: false,
      indexer: null,
    })
    expect(body.sources).toEqual([
      { name: 'CABAR.asia', passages: 5 },
      { name: 'Asia Times', passages: 2 },
      { name: 'The Diplomat', passages: 1 },
    ])
  })

  it('adds what the indexer knows: the corpus, the skipped files with their reasons, how it keeps current', async () => {
    const body = await (await withIndexer.request('/api/status')).json()
    expect(body.indexer).toEqual({ ...indexer, skippedTotal: 2 })
  })

  it('lists at most a bounded number of skipped files, counting them all', async () => {
    const many = Array.from({ length: STATUS_SKIPPED_LIMIT + 5 }, (_, i) => ({ file: `f${i}.bin`, reason: 'binary data' }))
    const app = createApp(engine, { log: () => {}, status: async () => ({ ...indexer, skipped: many }) })
    const body = await (await app.request('/api/status')).json()
    expect(body.indexer.skipped).toHaveLength(STATUS_SKIPPED_LIMIT)
    expect(body.indexer.skippedTotal).toBe(STATUS_SKIPPED_LIMIT + 5)
  })

  it('still answers, without the indexer’s part, when that cannot be read, and logs why', async () => {
    const lines: string[] = []
    const app = createApp(engine, { log: (line) => lines.push(line), status: async () => Promise.reject(new Error('state file gone')) })
    const response = await app.request('/api/status')
    expect(response.status).toBe(200)
    expect((await response.json()).indexer).toBeNull()
    expect(lines.join('\n')).toContain('state file gone')
  })

  it('refuses a parameter it does not take', async () => {
    expect((await bare.request('/api/status?verbose=1')).status).toBe(400)
  })
})

describe('GET /status', () => {
  it('shows the counts, engine, times, sources linked to their searches, the corpus and the skipped files', async () => {
    const { response, document } = await html(withIndexer, '/status')
    expect(response.status).toBe(200)
    expect(document.querySelector('h1')!.textContent).toBe('Status of the collection')
    expect(texts(document, '.lead')[0]).toBe('4 articles, 8 passages, 4 people and 3 sources.')
    const facts = Object.fromEntries(
      [...document.querySelectorAll('.facts dt')].map((dt) => [dt.textContent!.trim(), (dt.nextElementSibling as Element).textContent!.replace(/\s+/g, ' ').trim()]),
    )
    expect(facts).toMatchObject({
      Engine: 'embedded',
      'Index built': '2026-01-15 09:30 UTC',
      'Last updated': '2026-02-01 18:05 UTC',
      Corpus: '/data/articles/data/wire.jsonl',
      'Kept current': 'Yes: watching the corpus folders for changes.',
    })
    expect(document.querySelector('.facts time')!.getAttribute('datetime')).toBe(BUILT_AT)
    const sources = [...document.querySelectorAll('[aria-labelledby="status-sources"] tbody tr')].map((row) => [
      row.querySelector('a')!.getAttribute('href'),
      row.querySelector('.numeric')!.textContent,
    ])
    expect(sources).toEqual([
      ['/?source=CABAR.asia', '5'],
      ['/?source=Asia+Times', '2'],
      ['/?source=The+Diplomat', '1'],
    ])
    const skipped = [...document.querySelectorAll('[aria-labelledby="status-skipped"] tbody tr')].map((row) => texts(row, 'td'))
    expect(skipped).toEqual([
      ['scan.pdf', 'unsupported format'],
      ['wire.jsonl:7', 'no article text'],
    ])
    expect(texts(document, '[aria-labelledby="status-skipped"] p')[0]).toBe('2 files were skipped.')
  })

  it('says when no file was skipped, and when the server does not know', async () => {
    const clean = createApp(engine, { log: () => {}, status: async () => ({ ...indexer, skipped: [] }) })
    expect(texts((await html(clean, '/status')).document, '[aria-labelledby="status-skipped"] p')).toEqual(['No file was skipped.'])
    const unknown = texts((await html(bare, '/status')).document, '[aria-labelledby="status-skipped"] p')[0]
    expect(unknown).toContain('not known here')
  })

  it('is linked from every page’s footer, with batch search', async () => {
    const { document } = await html(bare, '/articles/migrants-send-money-home')
    expect([...document.querySelectorAll('.site-footer a')].map((link) => link.getAttribute('href'))).toEqual(['/batch', '/status'])
  })
})

describe('skippedFilesOf', () => {
  function file(path: string, state: Partial<FileState>): FileState {
    return { file: path, size: 1, mtimeMs: 1, hash: 'x', articles: [], skipped: [], duplicates: [], warnings: [], ...state }
  }

  it('gathers each file’s reasons and the files that only repeat another, sorted by file', () => {
    const state = {
      files: {
        '/c/b.txt': file('b.txt', { skipped: [{ file: 'b.txt', reason: 'empty file' }] }),
        '/c/a.jsonl': file('a.jsonl', {
          articles: [{ id: 'x', fingerprint: 'f', passages: 1, names: [], people: [], stats: {} as never }],
          skipped: [{ file: 'a.jsonl:3', reason: 'malformed JSON' }],
        }),
        '/c/copy.txt': file('copy.txt', { duplicates: [{ file: 'copy.txt', duplicateOf: 'orig.txt' }] }),
        '/c/orig.txt': file('orig.txt', { articles: [{ id: 'y', fingerprint: 'g', passages: 1, names: [], people: [], stats: {} as never }] }),
      },
    } satisfies Pick<CorpusState, 'files'>
    expect(skippedFilesOf(state)).toEqual([
      { file: 'a.jsonl:3', reason: 'malformed JSON' },
      { file: 'b.txt', reason: 'empty file' },
      { file: 'copy.txt', reason: 'a duplicate of orig.txt' },
    ])
  })
})

describe('GET /api/people/:name', () => {
  it('answers the person, their other spellings, counts, sources, topics and who they are named with', async () => {
    const response = await bare.request(`/api/people/${encodeURIComponent('Emomali Rahmon')}`)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toEqual({
      name: 'Emomali Rahmon',
      aliases: ['E. Rahmon', 'Emomalii Rahmon'],
      passages: 3,
      sources: [{ name: 'CABAR.asia', passages: 3 }],
      topics: expect.arrayContaining([
        { id: 'migration', label: 'Migration', passages: 2 },
        { id: 'politics', label: 'Politics', passages: 2 },
        { id: 'economy', label: 'Economy & trade', passages: 1 },
      ]),
      coMentioned: [
        { name: 'Rustam Emomali', passages: 1, url: '/api/people/Rustam%20Emomali' },
        { name: 'Vladimir Putin', passages: 1, url: '/api/people/Vladimir%20Putin' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
      url: '/people/Emomali%20Rahmon',
      searchUrl: '/api/search?person=Emomali+Rahmon',
    })
    expect(body.topics).toHaveLength(3)
  })

  it('is a JSON 404 for someone never named, pointing from another spelling to the name it is listed under', async () => {
    const unknown = await bare.request('/api/people/Nobody')
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error).toContain('Nobody')
    const alias = await bare.request(`/api/people/${encodeURIComponent('E. Rahmon')}`)
    expect(alias.status).toBe(404)
    expect((await alias.json()).error).toContain('listed under “Emomali Rahmon”')
  })

  it('keeps markup in a name as data', async () => {
    const response = await bare.request(`/api/people/${encodeURIComponent('<script>alert(1)</script>')}`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  })
})
