import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { makeCorpus } from '../helpers/passages.ts'

const corpus = makeCorpus([
  { text: 'Migrants sent remittances home from Russia.', source: 'Orda.kz', date: '2025-10', people: ['Emomali Rahmon'], topics: ['labour'], article: 'a' },
  { text: 'The Rogun dam needs foreign investment to be completed.', source: 'CABAR.asia', date: '2019-04', topics: ['economy'], article: 'b' },
  { text: 'Remittances from migrant workers fell after the sanctions.', source: 'CABAR.asia', date: '2019-04', people: ['Muslimbek Buriev'], topics: ['economy', 'labour'], article: 'b' },
  { text: 'The special military operation in Ukraine changed trade.', source: 'RIAC', date: '2022-08', people: ['Vladimir Putin'], topics: ['conflict'], article: 'c' },
  { text: 'A military parade and an operation of a special kind.', source: 'RIAC', date: '2022-08-02', topics: ['conflict'], article: 'd' },
  { text: 'Rahmon met Putin in Dushanbe to discuss migrants.', source: 'Asia Times', people: ['Emomali Rahmon', 'Vladimir Putin'], topics: ['politics'], article: 'e' },
])
const engine = createMemoryEngine({ ...corpus, topicLabels: { labour: 'labour', economy: 'economy, business and finance' } })
const ids = async (request: Parameters<typeof engine.search>[0]) => (await engine.search({ size: 100, ...request })).results.map((h) => h.passage.id).sort()

describe('search', () => {
  it('combines words with AND and finds stemmed forms', async () => {
    expect(await ids({ query: 'migrant remittance' })).toEqual(['p0', 'p2'])
  })

  it('relaxes to passages with most of the words when none has them all, and says so', async () => {
    const response = await engine.search({ query: 'remittances dam' })
    expect(response.relaxed).toBe(true)
    expect(response.results.map((h) => h.passage.id)).toEqual(expect.arrayContaining(['p0', 'p1', 'p2']))
  })

  it('matches a quoted phrase only where its words stand together', async () => {
    expect(await ids({ query: '"special military operation"' })).toEqual(['p3'])
  })

  it('excludes words and phrases with a minus', async () => {
    expect(await ids({ query: 'migrants -Russia' })).toEqual(['p2', 'p5'])
    expect(await ids({ query: 'military -"special military operation"' })).toEqual(['p4'])
  })

  it('tolerates a typo and ranks it below an exact match', async () => {
    expect(await ids({ query: 'Roghun' })).toEqual(['p1'])
    expect(await ids({ query: 'Rakhmon' })).toEqual(['p0', 'p5']) // p0 names him in its people field
    const spellings = createMemoryEngine(makeCorpus([{ text: 'Rahmon spoke.' }, { text: 'Rakhmon spoke.' }]))
    const ranked = (await spellings.search({ query: 'Rakhmon' })).results.map((h) => h.passage.text)
    expect(ranked).toEqual(['Rakhmon spoke.', 'Rahmon spoke.'])
  })

  it('treats the last word as a prefix while typing', async () => {
    expect(await ids({ query: 'remittances migra', prefixLastWord: true })).toEqual(['p0', 'p2'])
    expect((await engine.search({ query: 'remittances migra' })).relaxed).toBe(true)
    expect(await ids({ query: 'migra*' })).toEqual(['p0', 'p2', 'p5'])
  })

  it('maps field terms in the query onto facet filters', async () => {
    const response = await engine.search({ query: 'person:putin migrants' })
    expect(response.results.map((h) => h.passage.id)).toEqual(['p5'])
    expect(response.effectiveFilters.person).toEqual(['Vladimir Putin'])
  })

  it('browses the whole corpus newest first when the query is empty, undated last', async () => {
    const response = await engine.search({ size: 100 })
    expect(response.total).toBe(6)
    expect(response.results.map((h) => h.passage.id)).toEqual(['p0', 'p4', 'p3', 'p1', 'p2', 'p5'])
  })

  it('marks stemmed matches and phrases as character ranges', async () => {
    const [hit] = (await engine.search({ query: 'remittance "migrant workers"' })).results
    const marked = hit.ranges.map(([a, b]) => hit.passage.text.slice(a, b))
    expect(marked).toEqual(['Remittances', 'migrant workers'])
  })
})

describe('facets', () => {
  it('ORs values within a facet and ANDs facets', async () => {
    expect(await ids({ filters: { source: ['RIAC', 'Orda.kz'] } })).toEqual(['p0', 'p3', 'p4'])
    expect(await ids({ filters: { source: ['CABAR.asia'], topic: ['labour'] } })).toEqual(['p2'])
  })

  it('counts disjunctively: a facet ignores its own filter but not the others', async () => {
    const response = await engine.search({ filters: { source: ['CABAR.asia'], topic: ['labour'] } })
    const count = (facet: 'source' | 'topic', value: string) => response.facets[facet].values.find((v) => v.value === value)?.count
    expect(count('source', 'Orda.kz')).toBe(1) // labour passages from other sources stay selectable
    expect(count('source', 'CABAR.asia')).toBe(1)
    expect(count('topic', 'economy')).toBe(2) // CABAR passages on other topics
    expect(response.facets.source.values.find((v) => v.value === 'CABAR.asia')?.selected).toBe(true)
  })

  it('excludes a facet value', async () => {
    expect(await ids({ exclude: { source: ['RIAC', 'CABAR.asia'] } })).toEqual(['p0', 'p5'])
  })

  it('filters by a date range, keeping partial dates that may fall inside it and dropping undated ones', async () => {
    expect(await ids({ from: '2022-08-01', to: '2022-08-31' })).toEqual(['p3', 'p4'])
    expect(await ids({ from: '2025' })).toEqual(['p0'])
  })

  it('lists undated passages under their own year value', async () => {
    const response = await engine.search({})
    expect(response.facets.year.values.map((v) => [v.value, v.count])).toEqual([['2025', 1], ['2022', 2], ['2019', 2], ['undated', 1]])
  })

  it('lets an unknown facet value match nothing', async () => {
    expect((await engine.search({ filters: { source: ['Nowhere'] } })).total).toBe(0)
  })

  it('labels topics from the taxonomy', async () => {
    const response = await engine.search({})
    expect(response.facets.topic.values.find((v) => v.value === 'economy')?.label).toBe('economy, business and finance')
  })
})

describe('results', () => {
  it('pages results and reports the exact total', async () => {
    const first = await engine.search({ size: 4 })
    const second = await engine.search({ size: 4, page: 2 })
    expect(first.total).toBe(6)
    expect(first.results).toHaveLength(4)
    expect(second.results).toHaveLength(2)
  })

  it('groups results by article with how many more matched', async () => {
    const response = await engine.search({ query: 'remittances OR dam', groupByArticle: true })
    const b = response.groups!.find((g) => g.articleId === 'b')!
    expect(b.hits).toHaveLength(2)
    expect(response.totalArticles).toBe(2)
  })

  it('sorts oldest first with undated passages last', async () => {
    const response = await engine.search({ sort: 'oldest', size: 100 })
    expect(response.results.at(-1)!.passage.id).toBe('p5')
    expect(response.results[0].passage.date?.iso).toBe('2019-04')
  })

  it('suggests near spellings when nothing matches', async () => {
    // Two edits from "Russia": beyond the search's typo tolerance, within the suggestions'.
    const response = await engine.search({ query: 'Rxssxa' })
    expect(response.total).toBe(0)
    expect(response.suggestions).toEqual(['Russia'])
  })

  it('exports every matching passage, not just a page', async () => {
    const all = []
    for await (const p of engine.searchAll({ query: 'migrants' })) all.push(p.id)
    expect(all.sort()).toEqual(['p0', 'p2', 'p5'])
  })
})

describe('lookups', () => {
  it('gets passages, articles and an article\'s passages in order', async () => {
    expect((await engine.getPassage('p2'))?.text).toMatch(/^Remittances/)
    expect(await engine.getPassage('nope')).toBeUndefined()
    expect((await engine.getArticlePassages('b')).map((p) => p.id)).toEqual(['p1', 'p2'])
    expect((await engine.getArticle('b'))?.people).toEqual(['Muslimbek Buriev'])
  })

  it('searches all values of a facet', async () => {
    const { values } = await engine.facetValues('person', { contains: 'rahm' })
    expect(values.map((v) => [v.value, v.count])).toEqual([['Emomali Rahmon', 2]])
  })
})

describe('month facet', () => {
  it('is counted only within a chosen year, and then lists every month', async () => {
    expect((await engine.search({})).facets.month.values).toEqual([])
    const within = await engine.search({ filters: { year: ['2022'] } })
    expect(within.facets.month.values.map((v) => [v.value, v.label, v.count])).toEqual([['2022-08', 'August 2022', 2]])
  })
})
