// The randomized contract check: generated corpora with a small vocabulary (so queries hit), generated
// queries and filters, and every backend's totals, matches, relaxation and facet listings held to a
// brute-force reference (reference.ts). OpenSearch builds an index per corpus, so it checks fewer corpora.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IndexData } from '../../../src/engine/engine.ts'
import type { ArticleRecord, Passage, PartialDate } from '../../../src/model.ts'
import { backendsUnderTest } from './backends.ts'
import { queryText, referenceSearch, type ReferenceQuery } from './reference.ts'

/** Words of four letters or fewer (no typo tolerance) that are not stop words, and two stop words. */
const VOCABULARY = ['oak', 'elm', 'fir', 'ash', 'yew', 'fig', 'plum', 'pear', 'kiwi', 'lime', 'nut', 'rice', 'rye', 'corn']
const FILLER = ['the', 'of']
const SOURCES = ['Alpha', 'beta', 'Gamma', 'Delta']
const TOPICS = ['t1', 't2', 't3']
const PEOPLE = ['Ann Lee', 'Bob Ray', 'Cy Dee']
const DATES = [undefined, '2020', '2020-05', '2020-05-07', '2021-01-02', '2021-01-02', '2019-12']

const date = (iso: string): PartialDate => ({ iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' })

const passageArb = fc.record({
  words: fc.array(fc.constantFrom(...VOCABULARY, ...FILLER), { minLength: 2, maxLength: 10 }),
  title: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 2 }),
  source: fc.constantFrom(...SOURCES),
  topics: fc.subarray(TOPICS),
  people: fc.subarray(PEOPLE),
  date: fc.constantFrom(...DATES),
  newArticle: fc.boolean(),
})

const corpusArb = fc.array(passageArb, { minLength: 4, maxLength: 40 }).map((specs): IndexData => {
  const passages: Passage[] = []
  const articles: ArticleRecord[] = []
  specs.forEach((spec, i) => {
    let article = articles.at(-1)
    if (!article || spec.newArticle) {
      article = {
        id: `a${articles.length}`,
        title: spec.title.join(' '),
        titleOrigin: 'metadata',
        source: spec.source,
        date: spec.date ? date(spec.date) : undefined,
        language: 'en',
        file: `a${articles.length}.md`,
        passageIds: [],
        people: [],
        topics: [],
      }
      articles.push(article)
    }
    const passage: Passage = {
      id: `p${i}`,
      articleId: article.id,
      position: article.passageIds.length,
      text: spec.words.join(' '),
      title: article.title,
      source: article.source,
      date: article.date,
      people: spec.people,
      topics: spec.topics,
    }
    article.passageIds.push(passage.id)
    passages.push(passage)
  })
  const now = '2026-01-01T00:00:00.000Z'
  return { articles, passages, personAliases: {}, topicLabels: {}, topicParents: {}, fieldFacets: [], builtAt: now, updatedAt: now }
})

const word = fc.constantFrom(...VOCABULARY)
const queryArb: fc.Arbitrary<ReferenceQuery> = fc.record({
  words: fc.array(word, { maxLength: 3 }),
  phrase: fc.option(fc.tuple(fc.constantFrom(...VOCABULARY, 'the'), word), { nil: undefined }),
  either: fc.option(fc.tuple(word, word), { nil: undefined }),
  without: fc.option(word, { nil: undefined }),
  filters: fc.record({ source: fc.subarray(SOURCES, { maxLength: 2 }), topic: fc.subarray(TOPICS, { maxLength: 1 }), year: fc.subarray(['2020', '2021', 'undated'], { maxLength: 1 }) }),
  exclude: fc.record({ person: fc.subarray(PEOPLE, { maxLength: 1 }) }),
  from: fc.option(fc.constantFrom('2020', '2020-05-07', '2021'), { nil: undefined }),
  to: fc.option(fc.constantFrom('2020-05', '2021-01-01'), { nil: undefined }),
})

const FACET_SIZE = 3

for (const under of await backendsUnderTest()) {
  describe(`the ${under.name} backend against a brute-force reference`, () => {
    if (under.skip) {
      it.skip(under.skip, () => {})
      return
    }
    const corpora = under.name === 'embedded' ? 30 : 3
    it(`agrees on ${corpora} generated corpora, 25 queries each`, { timeout: 600_000 }, async () => {
      const backend = await under.create()
      try {
        await fc.assert(
          fc.asyncProperty(corpusArb, fc.array(queryArb, { minLength: 25, maxLength: 25 }), async (data, queries) => {
            await backend.build(data, {})
            const engine = await backend.open()
            try {
              for (const query of queries) {
                const expected = referenceSearch(data.passages, query, FACET_SIZE)
                const request = { query: queryText(query), filters: query.filters, exclude: query.exclude, from: query.from, to: query.to, facetSize: FACET_SIZE, size: 100 }
                const response = await engine.search(request)
                const context = JSON.stringify(request)
                expect(response.total, context).toBe(expected.ids.length)
                expect(Boolean(response.relaxed), context).toBe(expected.relaxed)
                expect(response.results.map((hit) => hit.passage.id).sort(), context).toEqual([...expected.ids].sort())
                for (const [facet, values] of Object.entries(expected.facets)) {
                  expect(response.facets[facet].values.map((v) => [v.value, v.count]), `${facet} ${context}`).toEqual(values)
                }
                if (query.words.length === 0 && !query.phrase && !query.either) {
                  // Browsing: the order is fully defined (date, then corpus order).
                  const order: string[] = []
                  for await (const passage of engine.searchAll({ ...request, sort: 'oldest' })) order.push(passage.id)
                  expect(order, context).toEqual(oldestFirst(data.passages, expected.ids))
                }
              }
            } finally {
              await engine.close()
            }
          }),
          { numRuns: corpora, endOnFailure: under.name !== 'embedded' },
        )
      } finally {
        await under.dispose(backend)
      }
    })
  })
}

/** Passages oldest first by their earliest possible day, undated last, ties in corpus order. */
function oldestFirst(passages: Passage[], ids: string[]): string[] {
  const wanted = new Set(ids)
  const start = (p: Passage) => {
    const iso = p.date?.iso
    if (!iso) return Number.POSITIVE_INFINITY
    return Number(iso.slice(0, 4)) * 10000 + (iso.length >= 7 ? Number(iso.slice(5, 7)) : 1) * 100 + (iso.length >= 10 ? Number(iso.slice(8, 10)) : 1)
  }
  return passages
    .map((p, order) => ({ p, order }))
    .filter(({ p }) => wanted.has(p.id))
    .sort((a, b) => start(a.p) - start(b.p) || a.order - b.order)
    .map(({ p }) => p.id)
}
