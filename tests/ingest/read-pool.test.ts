import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReadContext, readCorpusFiles } from '../../src/ingest/read-corpus.ts'
import { createInThreadPool, createWorkerPool, type ReadPool } from '../../src/ingest/read-pool.ts'
import type { ReadJob } from '../../src/ingest/read-job.ts'
import { walkCorpus } from '../../src/ingest/walk.ts'

const MISBEHAVING = new URL('../fixtures/ingest/misbehaving-worker.ts', import.meta.url)

const prose = (topic: string) =>
  `The ministry announced new rules on ${topic} this week, officials said in the capital. ` +
  `Analysts expect the change to affect thousands of workers and their families across the region.`

let folder: string

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clippings-pool-'))
  await writeFile(join(folder, 'ok.txt'), `Rules on trade\n${prose('trade')}`)
  await writeFile(join(folder, 'HANG.txt'), `Rules on water\n${prose('water')}`)
  await writeFile(join(folder, 'HOG.txt'), `Rules on roads\n${prose('roads')}`)
  await writeFile(join(folder, 'THROW.txt'), `Rules on banks\n${prose('banks')}`)
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const fileJob = (name: string): ReadJob => ({ kind: 'file', path: join(folder, name), file: name, format: 'txt', sidecar: {} })

describe('createWorkerPool', () => {
  it('reads a file in a thread as this thread would', async () => {
    const pool = createWorkerPool({ threads: 1 })
    try {
      expect(await pool.run(fileJob('ok.txt'))).toEqual(await createInThreadPool().run(fileJob('ok.txt')))
    } finally {
      await pool.close()
    }
  })

  it('stops a job that overruns its time budget, and runs the next on a fresh thread', async () => {
    const pool = createWorkerPool({ threads: 1, timeBudgetMs: 500, entry: MISBEHAVING })
    try {
      const started = performance.now()
      expect(await pool.run(fileJob('HANG.txt'))).toEqual({ failed: 'took longer than 0.5 s to read' })
      expect(performance.now() - started).toBeLessThan(20_000)
      expect(await pool.run(fileJob('ok.txt'))).toMatchObject({ result: { units: [{ kind: 'article' }] } })
    } finally {
      await pool.close()
    }
  })

  it('stops a job that needs more memory than a thread may use', async () => {
    const pool = createWorkerPool({ threads: 1, memoryMb: 32, entry: MISBEHAVING })
    try {
      expect(await pool.run(fileJob('HOG.txt'))).toEqual({ failed: 'needs more than 32 MB of memory to read' })
      expect(await pool.run(fileJob('ok.txt'))).toMatchObject({ result: { units: [{ kind: 'article' }] } })
    } finally {
      await pool.close()
    }
  })

  it('reports a job that fails, and keeps the thread', async () => {
    const pool = createWorkerPool({ threads: 1, entry: MISBEHAVING })
    try {
      expect(await pool.run(fileJob('THROW.txt'))).toEqual({ failed: 'reading failed (the reader broke)' })
      expect(await pool.run(fileJob('ok.txt'))).toMatchObject({ result: { units: [{ kind: 'article' }] } })
    } finally {
      await pool.close()
    }
  })

  it('reads in this thread, with a warning, when no thread can start', async () => {
    const pool = createWorkerPool({ threads: 1, entry: new URL('./no-such-module.ts', MISBEHAVING) })
    try {
      expect(await pool.run(fileJob('ok.txt'))).toMatchObject({ result: { units: [{ kind: 'article' }] } })
      expect(pool.warnings).toEqual([expect.stringMatching(/^files were read without a time budget: a reading thread could not start/)])
    } finally {
      await pool.close()
    }
  })
})

describe('readCorpusFiles within budgets', () => {
  let pool: ReadPool
  beforeAll(() => {
    pool = createWorkerPool({ threads: 1, timeBudgetMs: 500, entry: MISBEHAVING })
  })
  afterAll(async () => {
    await pool.close()
  })

  it('skips a file that overruns its budget with the reason, and reads the files after it', async () => {
    const walk = await walkCorpus([folder])
    const files = walk.files.filter((file) => file.file !== 'HOG.txt' && file.file !== 'THROW.txt')
    const read = await readCorpusFiles(files, createReadContext(), { pool })
    expect(read.articles.map((article) => article.file)).toEqual(['ok.txt'])
    expect(read.skipped).toEqual([{ file: 'HANG.txt', reason: 'took longer than 0.5 s to read' }])
    expect(read.byFile.get(join(folder, 'HANG.txt'))).toEqual({ articles: [], textFingerprints: [] })
  })

  it('skips the one JSON Lines line that overruns, and reads every line around it', async () => {
    const jsonl = await mkdtemp(join(tmpdir(), 'clippings-pool-jsonl-'))
    try {
      const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ title: `Story ${i + 1}`, text: i === 99 ? 'HANG' : prose(`topic ${i + 1}`) }))
      await writeFile(join(jsonl, 'wire.jsonl'), lines.join('\n'))
      const read = await readCorpusFiles((await walkCorpus([jsonl])).files, createReadContext(), { pool })
      expect(read.articles).toHaveLength(149)
      expect(read.articles.map((article) => article.file)).not.toContain('wire.jsonl#L100')
      expect(read.skipped).toEqual([{ file: 'wire.jsonl#L100', reason: 'line 100: took longer than 0.5 s to read' }])
    } finally {
      await rm(jsonl, { recursive: true, force: true })
    }
  })

  it('gives up on a JSON Lines file after three lines that overrun', async () => {
    const jsonl = await mkdtemp(join(tmpdir(), 'clippings-pool-jsonl-'))
    try {
      const lines = Array.from({ length: 8 }, (_, i) => JSON.stringify({ title: `Story ${i + 1}`, text: i >= 2 ? 'HANG' : prose(`topic ${i + 1}`) }))
      await writeFile(join(jsonl, 'wire.jsonl'), lines.join('\n'))
      const read = await readCorpusFiles((await walkCorpus([jsonl])).files, createReadContext(), { pool })
      expect(read.articles.map((article) => article.file)).toEqual(['wire.jsonl#L1', 'wire.jsonl#L2'])
      expect(read.skipped.map((skip) => skip.file)).toEqual(['wire.jsonl#L3', 'wire.jsonl#L4', 'wire.jsonl#L5', 'wire.jsonl'])
      expect(read.skipped.at(-1)!.reason).toBe('the rest of the file was not read: 3 lines could not be read within the limits')
    } finally {
      await rm(jsonl, { recursive: true, force: true })
    }
  })
})
