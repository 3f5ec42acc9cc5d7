import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readCorpus, type ReadCorpusResult } from '../../src/ingest/read-corpus.ts'
import { PROJECT_ROOT } from '../../src/defaults.ts'

const REUTERS = resolve(PROJECT_ROOT, '../shared/corpora/reuters21578/reuters21578.jsonl')
const LINES = 500

interface ReutersRow {
  date?: string
  title?: string
  body?: string
  topics: string[]
  places: string[]
  orgs: string[]
  exchanges: string[]
  people: string[]
}

describe.skipIf(!existsSync(REUTERS))('readCorpus over Reuters-21578', () => {
  if (!existsSync(REUTERS)) console.warn(`Reuters-21578 is absent (${REUTERS}): skipping its ingestion test`)

  let folder: string
  let rows: ReutersRow[]
  let result: ReadCorpusResult
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clippings-reuters-'))
    const lines = (await readFile(REUTERS, 'utf8')).split('\n').slice(0, LINES)
    await writeFile(join(folder, 'reuters.jsonl'), lines.join('\n'))
    rows = lines.map((line) => JSON.parse(line) as ReutersRow)
    result = await readCorpus([folder], { defaultSource: 'Reuters' })
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it(`gives every one of the first ${LINES} stories with a date and a title or body a date and a title`, () => {
    const usable = rows.filter((row) => row.date && (row.title || row.body)).length
    expect(result.articles.length + result.duplicates.length).toBe(usable)
    for (const article of result.articles) {
      expect(article.date?.precision, article.file).toBe('day')
      expect(article.title.trim(), article.file).not.toBe('')
      expect(article.blocks.length, article.file).toBeGreaterThan(0)
    }
    // Stories with a title keep it as the publication's; the rest get a derived one.
    const titled = rows.filter((row) => row.title).length
    expect(result.articles.filter((article) => article.titleOrigin === 'metadata').length).toBeGreaterThanOrEqual(titled - result.duplicates.length)
    const first = result.articles[0]
    expect(first).toMatchObject({ file: 'reuters.jsonl#L1', title: 'BAHIA COCOA REVIEW', date: { iso: '1987-02-26', precision: 'day' }, place: 'Salvador' })
    expect(result.warnings).toEqual([])
  })

  it('keeps each story’s own topics (as tags), places, orgs, exchanges and people', () => {
    for (const article of result.articles) {
      const row = rows[Number(article.file.replace('reuters.jsonl#L', '')) - 1]!
      const fields = article.fields ?? {}
      expect(fields.tag ?? [], article.file).toEqual(row.topics)
      for (const name of ['places', 'orgs', 'exchanges'] as const) expect(fields[name] ?? [], article.file).toEqual(row[name])
      expect(article.givenPeople ?? [], article.file).toEqual(row.people)
    }
    const carrying = (name: string) => result.articles.filter((article) => article.fields?.[name]).length
    for (const name of ['tag', 'places', 'orgs', 'exchanges']) expect(carrying(name), name).toBeGreaterThan(0)
    expect(result.articles.filter((article) => article.givenPeople).length).toBeGreaterThan(0)
  })

  it('names the source given for stories that state none', () => {
    expect(new Set(result.articles.map((article) => article.source))).toEqual(new Set(['Reuters']))
  })
})
