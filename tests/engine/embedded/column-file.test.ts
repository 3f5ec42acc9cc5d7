import { describe, it, expect } from 'vitest'
import { MiniSearchEngine } from '../../src/engine/index.ts'
import { decodeColumns, encodeColumns } from '../../src/engine/column-file.ts'
import type { SearchRequest } from '../../src/model.ts'
import { makeCorpus } from '../helpers/passages.ts'

const corpus = makeCorpus([
  { text: 'Migrants sent remittances home.', source: 'Orda.kz', date: '2025-10', people: ['Emomali Rahmon'], topics: ['labour'] },
  { text: 'The Rogun dam needs investment.', source: 'CABAR.asia', date: '2019-04-02', topics: ['economy', 'labour'] },
  { text: 'Remittances fell after the sanctions.', source: 'CABAR.asia', date: '2019', people: ['Muslimbek Buriev', 'Emomali Rahmon'] },
  { text: 'A parade in Dushanbe, undated.', source: 'RIAC' },
])
const data = { ...corpus, personAliases: {}, topicLabels: {}, builtAt: '2026-01-01T00:00:00Z' }
const built = MiniSearchEngine.build(data)
const bytes = () => Buffer.concat(encodeColumns(built.savedColumns()))

describe('the column file', () => {
  it('reads back exactly the columns it wrote', () => {
    expect(decodeColumns(bytes(), corpus.passages.length)).toEqual(built.savedColumns())
  })

  it('gives an engine that counts, filters and sorts as one that derived its columns from the passages', async () => {
    const loaded = MiniSearchEngine.fromLines(
      { header: built.indexHeader(), terms: built.indexTerms(), columns: decodeColumns(bytes(), corpus.passages.length) },
      data,
    )
    const requests: SearchRequest[] = [
      { query: 'remittances' },
      { query: '', sort: 'oldest' },
      { query: '', filters: { year: ['2019'] } },
      { query: '', filters: { person: ['Emomali Rahmon'], topic: ['labour'] }, from: '2019-01' },
    ]
    for (const request of requests) {
      const [want, got] = await Promise.all([built.search(request), loaded.search(request)])
      expect({ ...got, tookMs: 0 }).toEqual({ ...want, tookMs: 0 })
    }
  })

  it('refuses a truncated file, one for another number of passages, and a value id outside the dictionary', () => {
    const file = bytes()
    expect(() => decodeColumns(file.subarray(0, file.length - 20), corpus.passages.length)).toThrow(/truncated/)
    expect(() => decodeColumns(file, corpus.passages.length + 1)).toThrow(/expected/)
    const columns = built.savedColumns()
    columns.facets.source = { ...columns.facets.source, docValues: columns.facets.source.docValues.map(() => 99) }
    expect(() => decodeColumns(Buffer.concat(encodeColumns(columns)), corpus.passages.length)).toThrow(/names value 99/)
  })
})
