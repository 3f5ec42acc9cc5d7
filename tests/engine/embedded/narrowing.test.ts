// The engine narrows work two ways: words are scored rarest first (later words only for passages that
// matched the earlier ones), and with two or more facets chosen only the passages of the two most
// selective facets are looked at. Both must give exactly what filtering the unfiltered results would.
import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import type { FacetFilters, FacetName, Passage, SearchRequest } from '../../../src/model.ts'
import { makeCorpus } from '../../helpers/passages.ts'

// Words of very different frequency: "said" in most passages, "tariff" in a few.
const common = ['said', 'market', 'government']
const rare = ['tariff', 'harvest', 'reactor', 'glacier', 'ballot']
const sources = ['Orda.kz', 'CABAR.asia', 'RIAC', 'Asia Times', 'Reuters']
const topics = ['economy', 'politics', 'labour', 'conflict']
const people = ['Emomali Rahmon', 'Vladimir Putin', 'Muslimbek Buriev']

const corpus = makeCorpus(
  Array.from({ length: 400 }, (_, i) => {
    const words = common.filter((_, w) => (i + w) % (w + 2) !== 0)
    if (i % 7 === 0) words.push(rare[i % rare.length])
    if (i % 11 === 0) words.push(rare[(i + 2) % rare.length])
    return {
      text: `${words.join(' ')} in the region, number ${i}.`,
      source: sources[i % sources.length],
      topics: i % 9 === 0 ? [topics[i % 4], topics[(i + 1) % 4]] : [topics[i % 4]],
      people: i % 3 === 0 ? [people[Math.floor(i / 3) % people.length]] : [],
      // Mostly months, some whole years: a year may fall in a range that starts within it.
      date: i % 13 === 0 ? `20${10 + (i % 12)}` : `20${10 + (i % 12)}-0${1 + (i % 9)}`,
    }
  }),
)
const engine = createMemoryEngine(corpus)

const FILTERED: FacetName[] = ['source', 'topic', 'person', 'year']
const valuesOf = (passage: Passage, facet: FacetName): string[] =>
  facet === 'source' ? [passage.source] : facet === 'topic' ? passage.topics : facet === 'person' ? passage.people : [passage.date?.iso.slice(0, 4) ?? 'undated']

/** What a filtered search must give, worked out from the unfiltered one by plain filtering and counting. */
async function expected(query: string, filters: FacetFilters) {
  const all: { passage: Passage }[] = []
  for await (const passage of engine.searchAll({ query })) all.push({ passage })
  const passes = (passage: Passage, except?: FacetName) =>
    Object.entries(filters).every(([facet, chosen]) => facet === except || valuesOf(passage, facet as FacetName).some((v) => chosen!.includes(v)))
  const counts: Partial<Record<FacetName, Record<string, number>>> = {}
  for (const facet of FILTERED) {
    const tally: Record<string, number> = {}
    for (const { passage } of all) if (passes(passage, facet)) for (const value of valuesOf(passage, facet)) tally[value] = (tally[value] ?? 0) + 1
    counts[facet] = tally
  }
  return { ids: all.filter((h) => passes(h.passage)).map((h) => h.passage.id), counts }
}

async function actual(request: SearchRequest) {
  const response = await engine.search({ ...request, facetSize: 1000 })
  const ids: string[] = []
  for await (const passage of engine.searchAll(request)) ids.push(passage.id)
  expect(response.results.map((h) => h.passage.id)).toEqual(ids.slice(0, response.size))
  const counts: Partial<Record<FacetName, Record<string, number>>> = {}
  for (const facet of FILTERED) {
    counts[facet] = Object.fromEntries(response.facets[facet].values.filter((v) => v.count > 0).map((v) => [v.value, v.count]))
  }
  return { ids, counts, total: response.total }
}

describe('narrowed searches', () => {
  it.each<[string, FacetFilters]>([
    ['said', { source: ['RIAC'], topic: ['labour'] }],
    ['said market', { source: ['Orda.kz', 'Reuters'], topic: ['economy'] }],
    ['tariff said government', { topic: ['politics', 'conflict'], person: ['Vladimir Putin'] }],
    ['market', { source: ['Asia Times'], topic: ['economy'], year: ['2014', '2015'] }],
    ['"said market"', { source: ['CABAR.asia'], topic: ['conflict'] }],
    ['harvest OR reactor', { source: ['RIAC'], person: ['Emomali Rahmon'] }],
  ])('"%s" with %j gives what filtering its unfiltered results gives', async (query, filters) => {
    const want = await expected(query, filters)
    const got = await actual({ query, filters })
    expect(got.ids.length).toBeGreaterThan(0)
    expect(got.total).toBe(want.ids.length)
    expect(got.ids).toEqual(want.ids)
    expect(got.counts).toEqual(want.counts)
  })

  it.each([
    ['', '2013-01', '2014-06'],
    ['', '2013-06', '2014-02'], // the year-precision 2013 passages start before the range
    ['', undefined, '2011'],
    ['market', '2015-03-01', undefined],
    ['said', '2019', '2019'],
  ])('"%s" from %s to %s finds exactly the passages whose dates may fall in the range', async (query, from, to) => {
    const response = await engine.search({ query, from, to, size: 100 })
    const ids: string[] = []
    for await (const passage of engine.searchAll({ query, from, to })) ids.push(passage.id)
    const all: Passage[] = []
    for await (const passage of engine.searchAll({ query })) all.push(passage)
    // A partial date ("2019-04") may fall in the range when any day of it does.
    const atPrecision = (a: string, b: string) => [a.slice(0, Math.min(a.length, b.length)), b.slice(0, Math.min(a.length, b.length))]
    const inRange = (iso: string) => {
      const [date, start] = atPrecision(iso, from ?? '0000')
      const [sameDate, end] = atPrecision(iso, to ?? '9999')
      return date >= start && sameDate <= end
    }
    const expectedIds = all.filter((p) => p.date && inRange(p.date.iso)).map((p) => p.id)
    expect(ids.length).toBeGreaterThan(0)
    expect(ids).toEqual(expectedIds)
    expect(response.total).toBe(expectedIds.length)
  })

  it('matches every word whatever their order or frequency', async () => {
    const forward = await actual({ query: 'tariff said market' })
    const backward = await actual({ query: 'market said tariff' })
    expect(forward.total).toBeGreaterThan(0)
    expect(backward.ids).toEqual(forward.ids)
    const expectedIds = corpus.passages.filter((p) => ['tariff', 'said', 'market'].every((w) => p.text.includes(w))).map((p) => p.id)
    expect([...forward.ids].sort()).toEqual([...expectedIds].sort())
  })
})
