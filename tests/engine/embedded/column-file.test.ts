import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import { EmbeddedEngine } from '../../../src/engine/embedded/engine.ts'
import { decodeColumns, encodeColumns, type SavedColumns } from '../../../src/engine/embedded/column-file.ts'
import type { SearchRequest } from '../../../src/model.ts'
import { makeCorpus } from '../../helpers/passages.ts'

const corpus = makeCorpus([
  { text: 'Migrants sent remittances home.', source: 'Orda.kz', date: '2025-10', people: ['Emomali Rahmon'], topics: ['labour'] },
  { text: 'The Rogun dam needs investment.', source: 'CABAR.asia', date: '2019-04-02', topics: ['economy', 'labour'] },
  { text: 'Remittances fell after the sanctions.', source: 'CABAR.asia', date: '2019', people: ['Muslimbek Buriev', 'Emomali Rahmon'] },
  { text: 'A parade in Dushanbe, undated.', source: 'RIAC' },
])
const built = createMemoryEngine(corpus)
const facets = built.facets().names

function savedColumns(engine: EmbeddedEngine): SavedColumns {
  const { columns, dates, terms, store } = engine.index
  return {
    facets: Object.fromEntries([...columns].map(([name, column]) => [name, column.saved()])),
    dates: dates.saved(),
    lengths: terms.lengths.map((field) => field.slice(0, store.count)),
  }
}
const bytes = () => Buffer.concat(encodeColumns(savedColumns(built)))

describe('the column file', () => {
  it('reads back exactly the columns it wrote', () => {
    expect(decodeColumns(bytes(), corpus.passages.length, facets)).toEqual(savedColumns(built))
  })

  it('gives an engine that counts, filters and sorts as one that derived its columns from the passages', async () => {
    const columns = decodeColumns(bytes(), corpus.passages.length, facets)
    const { meta, terms } = built.index
    const loaded = EmbeddedEngine.fromSaved({
      meta,
      articles: corpus.articles,
      passages: corpus.passages,
      terms: { lengths: columns.lengths, terms: terms.entries() },
      columns: columns.facets,
      dates: columns.dates,
    })
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
    expect(() => decodeColumns(file.subarray(0, file.length - 20), corpus.passages.length, facets)).toThrow(/truncated/)
    expect(() => decodeColumns(file, corpus.passages.length + 1, facets)).toThrow(/expected/)
    const columns = savedColumns(built)
    columns.facets.source = { ...columns.facets.source, docValues: columns.facets.source.docValues.map(() => 99) }
    expect(() => decodeColumns(Buffer.concat(encodeColumns(columns)), corpus.passages.length, facets)).toThrow(/names value 99/)
  })
})
