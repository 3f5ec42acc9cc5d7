import { describe, it, expect } from 'vitest'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readCorpus } from '../../src/ingest/read-corpus.ts'
import { PROJECT_ROOT } from '../../src/defaults.ts'

const REUTERS = resolve(PROJECT_ROOT, '../shared/corpora/reuters21578/reuters21578.jsonl')
const LINES = 500

describe.skipIf(!existsSync(REUTERS))('readCorpus over Reuters-21578', () => {
  if (!existsSync(REUTERS)) console.warn(`Reuters-21578 is absent (${REUTERS}): skipping its ingestion test`)

  it(`gives every one of the first ${LINES} stories with a date and a title or body a date and a title`, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'clippings-reuters-'))
    try {
      const lines = (await readFile(REUTERS, 'utf8')).split('\n').slice(0, LINES)
      await writeFile(join(folder, 'reuters.jsonl'), lines.join('\n'))
      const rows = lines.map((line) => JSON.parse(line) as { date?: string; title?: string; body?: string })
      const usable = rows.filter((row) => row.date && (row.title || row.body)).length

      const result = await readCorpus([folder])
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
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
