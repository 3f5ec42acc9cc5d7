// The contract every backend must pass: the same queries, filters, sorts, pages, totals, disjunctive counts,
// excluded values, date ranges, highlights, grouping, export order, lookups, people and updates, answered the
// same way. Each case states what the fixture (fixture.ts) holds, so a backend passes by being right, not by
// agreeing with another backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend, LiveEngine } from '../../../src/engine/engine.ts'
import type { FacetCounts, SearchRequest, SearchResponse } from '../../../src/model.ts'
import type { BackendUnderTest } from './backends.ts'
import { contractData, extraArticle } from './fixture.ts'

const ids = (response: SearchResponse) => response.results.map((hit) => hit.passage.id)
const sorted = (list: string[]) => [...list].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b))
const counts = (facet: FacetCounts | undefined) => (facet?.values ?? []).map((v) => [v.value, v.count])

/** Browsing the whole fixture newest first: dates descending, ties in corpus order, the undated passage last. */
const NEWEST = ['p7', 'p0', 'p1', 'p9', 'p2', 'p3', 'p4', 'p5', 'p6', 'p10', 'p11', 'p8']
const OLDEST = ['p10', 'p11', 'p5', 'p6', 'p2', 'p3', 'p4', 'p0', 'p1', 'p9', 'p7', 'p8']

/** The read side, on an index built from the fixture. */
export function describeReadContract(under: BackendUnderTest): void {
  describe(`the ${under.name} backend answers searches as the contract says`, () => {
    if (under.skip) {
      it.skip(under.skip, () => {})
      return
    }
    let backend: Backend
    let engine: LiveEngine
    const search = (query: string, request: SearchRequest = {}) => engine.search({ query, size: 100, ...request })
    const found = async (query: string, request: SearchRequest = {}) => sorted(ids(await search(query, request)))

    beforeAll(async () => {
      backend = await under.create()
      await backend.build(contractData(), { corpus: ['fixture'] })
      engine = await backend.open()
    })
    afterAll(async () => {
      await engine?.close()
      if (backend) await under.dispose(backend)
    })

    describe('words', () => {
      it('combines words with AND, in any form', async () => {
        expect(await found('migrant remittances')).toEqual(['p0', 'p1'])
      })
      it('finds an exact phrase, stop words included', async () => {
        expect(await found('"special military operation"')).toEqual(['p2'])
        expect(await found('"state of emergency"')).toEqual(['p3'])
        expect(await found('state emergency')).toEqual(['p3', 'p8'])
      })
      it('leaves out a word, a phrase or a group', async () => {
        expect(await found('sanctions -Ukraine')).toEqual(['p3'])
        expect(await found('remittances -"state emergency"')).toEqual(['p0', 'p1', 'p9'])
        expect(await found('dam -(Rogun hydropower)')).toEqual(['p6'])
      })
      it('takes either side of OR', async () => {
        expect(await found('Dushanbe OR Ankara')).toEqual(['p1', 'p7'])
        expect(await found('(gas pipeline) OR Nurek')).toEqual(['p7', 'p11'])
      })
      it('reads word* and the word being typed as prefixes', async () => {
        expect(await found('remit*')).toEqual(['p0', 'p1', 'p8', 'p9'])
        expect(await found('electri', { prefixLastWord: true })).toEqual(['p10', 'p11'])
        expect(await found('electri ', { prefixLastWord: true })).toEqual(['p10', 'p11'])
        expect((await search('Electricity expo', { prefixLastWord: true })).total).toBe(2)
      })
      it('forgives a typo in a longer word and ranks it below exact matches', async () => {
        expect(await found('Rakhmon')).toEqual(['p1', 'p5', 'p10'])
        const response = await search('Rogun')
        expect(response.total).toBe(3)
        // "Rogun" in the text ranks above "Rogan" in the text (a title counts for less than either).
        expect(ids(response)[0]).toBe('p5')
        expect(ids(response)).toContain('p8')
      })
      it('falls back to most of the words when no passage has them all, and says so', async () => {
        const response = await search('remittances zeppelin')
        expect(response.relaxed).toBe(true)
        expect(sorted(ids(response))).toEqual(['p0', 'p1', 'p8', 'p9'])
        expect((await search('migrant remittances')).relaxed).toBeUndefined()
      })
      it('looks up a query of stop words only as written', async () => {
        expect(await found('to be or not to be')).toEqual(['p6'])
      })
      it('offers another spelling when nothing matched', async () => {
        const response = await search('Nurk')
        expect(response.total).toBe(0)
        expect(response.suggestions).toEqual(['Nurek'])
      })
    })

    describe('field terms and filters', () => {
      it('resolves person:, source: and topic: against the index, aliases and labels included', async () => {
        const putin = await search('person:putin')
        expect(sorted(ids(putin))).toEqual(['p0', 'p2', 'p9'])
        expect(putin.effectiveFilters.person).toEqual(['Vladimir Putin'])
        expect(await found('person:"E. Rahmon"')).toEqual(['p1', 'p5', 'p10'])
        expect(await found('source:cabar')).toEqual(['p5', 'p6', 'p10', 'p11'])
        expect(await found('topic:"Environment"')).toEqual(['p5', 'p6', 'p10', 'p11'])
        expect(await found('region:europe')).toEqual(['p7', 'p9'])
      })
      it('filters by facet values, several values of one facet with OR', async () => {
        expect(await found('', { filters: { source: ['Daily', 'Blog'] } })).toEqual(['p0', 'p1', 'p7', 'p8'])
        expect(await found('', { filters: { source: ['Daily'], topic: ['economy'] } })).toEqual(['p0', 'p1', 'p7'])
        expect(await found('', { exclude: { topic: ['economy'] } })).toEqual(['p2', 'p4', 'p5', 'p8', 'p10', 'p11'])
        expect((await search('', { filters: { person: ['Nobody Atall'] } })).total).toBe(0)
      })
      it('bounds dates, a partial date spanning its month or year, undated passages outside any bound', async () => {
        expect(await found('after:2024')).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p7', 'p9'])
        expect(await found('before:2024-03')).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p10', 'p11'])
        expect(await found('', { from: '2024-02-15', to: '2024-02-20' })).toEqual(['p2', 'p3', 'p4'])
        expect(await found('', { from: '2023-06-01', to: '2023-06-30' })).toEqual(['p5', 'p6'])
      })
    })

    describe('order and pages', () => {
      it('browses newest first and oldest first, ties in corpus order, undated last', async () => {
        expect(ids(await search(''))).toEqual(NEWEST)
        expect(ids(await search('', { sort: 'oldest' }))).toEqual(OLDEST)
      })
      it('pages through the same order with exact totals', async () => {
        const first = await search('', { size: 5 })
        const second = await search('', { size: 5, page: 2 })
        const third = await search('', { size: 5, page: 3 })
        expect(first.total).toBe(12)
        expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(NEWEST)
        expect(ids(third)).toHaveLength(2)
      })
      it('sorts matches by date when asked, with the same total', async () => {
        const newest = await search('remittances', { sort: 'newest' })
        expect(newest.total).toBe(4)
        expect(ids(newest).at(-1)).toBe('p8')
        expect(ids(newest).slice(0, 3).sort()).toEqual(['p0', 'p1', 'p9'])
      })
      it('exports every match in the search order', async () => {
        const exported: string[] = []
        for await (const passage of engine.searchAll({ query: '' })) exported.push(passage.id)
        expect(exported).toEqual(NEWEST)
        const matches: string[] = []
        for await (const passage of engine.searchAll({ query: 'remittances OR electricity', sort: 'oldest' })) matches.push(passage.id)
        expect(matches).toEqual(ids(await search('remittances OR electricity', { sort: 'oldest' })))
        const relaxed: string[] = []
        for await (const passage of engine.searchAll({ query: 'remittances zeppelin' })) relaxed.push(passage.id)
        expect(sorted(relaxed)).toEqual(['p0', 'p1', 'p8', 'p9'])
      })
      it('groups matches by article, the best passages first', async () => {
        const response = await search('remittances', { groupByArticle: true })
        expect(response.total).toBe(4)
        expect(response.totalArticles).toBe(3)
        const groups = new Map(response.groups!.map((group) => [group.articleId, group.hits.map((hit) => hit.passage.id).sort()]))
        expect(groups).toEqual(new Map([['a0', ['p0', 'p1']], ['a4', ['p8']], ['a5', ['p9']]]))
        expect(response.groups!.every((group) => group.moreMatches === 0)).toBe(true)
        const paged = await search('', { groupByArticle: true, size: 2, page: 2 })
        expect(paged.totalArticles).toBe(7)
        expect(paged.groups!.map((group) => group.articleId)).toEqual(['a5', 'a1'])
        expect(paged.groups![1].hits.map((hit) => hit.passage.id)).toEqual(['p2', 'p3', 'p4'])
      })
    })

    describe('facets', () => {
      it('counts each facet without its own filter (disjunctive), ties by name', async () => {
        const response = await search('', { filters: { source: ['Daily'] } })
        expect(response.total).toBe(3)
        expect(counts(response.facets.source)).toEqual([
          ['CABAR.asia', 4],
          ['Weekly', 4],
          ['Daily', 3],
          ['Blog', 1],
        ])
        expect(response.facets.source.values.find((v) => v.value === 'Daily')?.selected).toBe(true)
        expect(counts(response.facets.topic)).toEqual([['economy', 3]])
        expect(counts(response.facets.year)).toEqual([
          ['2025', 1],
          ['2024', 2],
        ])
        expect(counts(response.facets.region)).toEqual([
          ['Asia', 2],
          ['Europe', 1],
        ])
      })
      it('lists excluded and selected values with their counts, and unknown ones with zero', async () => {
        const excluded = await search('', { exclude: { source: ['Weekly'] } })
        expect(excluded.total).toBe(8)
        expect(excluded.facets.source.values.find((v) => v.value === 'Weekly')).toMatchObject({ count: 4, excluded: true })
        const unknown = await search('', { filters: { person: ['Nobody Atall'] } })
        expect(unknown.facets.person.values.at(-1)).toMatchObject({ value: 'Nobody Atall', count: 0, selected: true })
        const shortList = await search('', { facetSize: 1, filters: { source: ['Blog'] } })
        expect(counts(shortList.facets.source)).toEqual([
          ['CABAR.asia', 4],
          ['Blog', 1],
        ])
        expect(shortList.facets.source.truncated).toBe(true)
      })
      it('counts months only within a chosen year, newest first, labelled', async () => {
        expect((await search('')).facets.month.values).toEqual([])
        const year = await search('', { filters: { year: ['2024'] } })
        expect(counts(year.facets.month)).toEqual([
          ['2024-03', 3],
          ['2024-02', 3],
        ])
        expect(year.facets.month.values[0].label).toBe('March 2024')
        const undated = await search('', { filters: { year: ['undated'] } })
        expect(ids(undated)).toEqual(['p8'])
        expect(undated.facets.year.values.find((v) => v.value === 'undated')?.label).toBe('Undated')
      })
      it('lists any facet’s values, searched by contains or counted within a search', async () => {
        expect((await engine.facetValues('person', { contains: 'rahm' })).values.map((v) => [v.value, v.count])).toEqual([['Emomali Rahmon', 3]])
        const within = await engine.facetValues('source', { within: { query: 'remittances', filters: { source: ['Daily'] } } })
        expect(within.values.map((v) => [v.value, v.count])).toEqual([
          ['Daily', 2],
          ['Blog', 1],
          ['Weekly', 1],
        ])
        const limited = await engine.facetValues('source', { limit: 2 })
        expect(limited.values.map((v) => v.value)).toEqual(['CABAR.asia', 'Weekly'])
        expect(limited.truncated).toBe(true)
        expect((await engine.facetValues('topic', { contains: 'business' })).values.map((v) => v.value)).toEqual(['economy'])
      })
      it('counts values within a search, its own filter included (co-mentions)', async () => {
        const people = await engine.countValues('person', { query: 'remittances' })
        expect(people.map((v) => [v.value, v.count])).toEqual([
          ['Vladimir Putin', 2],
          ['Emomali Rahmon', 1],
        ])
        const withPutin = await engine.countValues('topic', { filters: { person: ['Vladimir Putin'] } }, { limit: 1 })
        expect(withPutin.map((v) => [v.value, v.count])).toEqual([['economy', 2]])
      })
      it('labels values: topic names, months, undated, others as themselves', async () => {
        expect(await engine.labels('topic', ['economy', 'unknown-topic'])).toEqual(
          new Map([
            ['economy', 'Economy, business and finance'],
            ['unknown-topic', 'unknown-topic'],
          ]),
        )
        expect((await engine.labels('month', ['2024-03'])).get('2024-03')).toBe('March 2024')
        expect(engine.facets().names).toContain('region')
      })
    })

    describe('highlights', () => {
      it('marks the words matched in any form as character ranges, with a snippet', async () => {
        const response = await search('remittances')
        for (const hit of response.results) {
          const marked = hit.ranges.map(([start, end]) => hit.passage.text.slice(start, end).toLowerCase())
          expect(marked.length).toBeGreaterThan(0)
          for (const word of marked) expect(word).toMatch(/^remittances?$/)
          expect(hit.snippet.text.length).toBeGreaterThan(0)
        }
      })
      it('marks a phrase whole, and a typo-tolerant match', async () => {
        const phrase = (await search('"special military operation"')).results[0]
        expect(phrase.ranges.map(([a, b]) => phrase.passage.text.slice(a, b))).toEqual(['special military operation'])
        const typo = (await search('Rakhmon')).results.find((hit) => hit.passage.id === 'p10')!
        expect(typo.matchedTerms).toContain('Rahmon')
      })
      it('highlights a query over any text, as search does', async () => {
        const [first, second] = await engine.highlight('remit* "state of emergency"', ['Remittances grew.', 'A state of emergency.'])
        expect(first.words).toEqual(['Remittances'])
        expect(second.ranges).toEqual([[2, 20]])
      })
    })

    describe('lookups', () => {
      it('gets a passage, an article and its passages in order', async () => {
        expect((await engine.getPassage('p3'))?.text).toMatch(/state of emergency/)
        expect(await engine.getPassage('nope')).toBeUndefined()
        expect((await engine.getArticle('a1'))?.passageIds).toEqual(['p2', 'p3', 'p4'])
        expect((await engine.getArticlePassages('a1')).map((p) => p.id)).toEqual(['p2', 'p3', 'p4'])
        expect(await engine.getArticle('nope')).toBeUndefined()
      })
      it('lists people with their passages and aliases', async () => {
        expect(await engine.people()).toEqual([
          { name: 'Emomali Rahmon', passages: 3, aliases: ['Emomalii Rahmon', 'E. Rahmon'] },
          { name: 'Vladimir Putin', passages: 3, aliases: [] },
          { name: 'Recep Erdogan', passages: 1, aliases: [] },
          { name: 'Sergey Lavrov', passages: 1, aliases: [] },
        ])
      })
      it('describes the index', async () => {
        expect(await engine.stats()).toMatchObject({ backend: under.name, articles: 7, passages: 12, people: 4, sources: 4 })
        expect(await backend.exists()).toBe(true)
        expect(await backend.readState()).toEqual({ corpus: ['fixture'] })
      })
    })
  })
}

/** The write side: build, open, change through a writer, rebuild. */
export function describeWriteContract(under: BackendUnderTest): void {
  describe(`the ${under.name} backend takes updates as the contract says`, () => {
    if (under.skip) {
      it.skip(under.skip, () => {})
      return
    }
    let backend: Backend
    let engine: LiveEngine
    const total = async (query: string) => (await engine.search({ query })).total

    beforeAll(async () => {
      backend = await under.create()
      expect(await backend.exists()).toBe(false)
      await backend.build(contractData(), { corpus: ['fixture'], files: { a: 1 } })
      engine = await backend.open()
    })
    afterAll(async () => {
      await engine?.close()
      if (backend) await under.dispose(backend)
    })

    it('adds an article and commits the state patch with it', async () => {
      let updates = 0
      const stop = engine.onUpdate(() => updates++)
      const writer = await engine.openWriter()
      writer.add([extraArticle('b0', ['Zanzibar cloves were shipped to Oman.'], { date: '2026-01-02' })])
      writer.setState({ files: { b: 2 } })
      const result = await writer.flush()
      await writer.close()
      stop()
      expect(result).toMatchObject({ added: 1, removed: 0, passages: 13 })
      expect(updates).toBe(1)
      expect(await total('Zanzibar')).toBe(1)
      expect((await engine.search({ query: '' })).results[0].passage.id).toBe('b0-p0')
      expect(await backend.readState()).toEqual({ corpus: ['fixture'], files: { a: 1, b: 2 } })
    })

    it('replaces an article given again, and removes one', async () => {
      const writer = await engine.openWriter()
      writer.add([extraArticle('b0', ['Zanzibar nutmeg was shipped instead.', 'A second passage about cloves of garlic.'])])
      writer.remove(['a2'])
      writer.setState({ files: { a: null } })
      const result = await writer.flush()
      await writer.close()
      expect(result).toMatchObject({ added: 2, removed: 3, passages: 12 })
      expect(await total('Oman')).toBe(0)
      expect(await total('nutmeg')).toBe(1)
      expect(await total('Vakhsh')).toBe(0)
      expect(await engine.getArticle('a2')).toBeUndefined()
      expect(await engine.getPassage('p5')).toBeUndefined()
      expect((await engine.getArticlePassages('b0')).map((p) => p.id)).toEqual(['b0-p0', 'b0-p1'])
      expect(await engine.stats()).toMatchObject({ articles: 7, passages: 12 })
      expect(await backend.readState()).toEqual({ corpus: ['fixture'], files: { b: 2 } })
    })

    it('takes new labels with a flush', async () => {
      const writer = await engine.openWriter()
      writer.setMeta({ topicLabels: { economy: 'Money' } })
      await writer.flush()
      await writer.close()
      expect((await engine.labels('topic', ['economy'])).get('economy')).toBe('Money')
    })

    it('drops what was staged but not flushed when the writer closes', async () => {
      const writer = await engine.openWriter()
      writer.add([extraArticle('c0', ['Unflushed saffron.'])])
      await writer.close()
      expect(await total('saffron')).toBe(0)
    })

    it('lets one writer at a time change the index', async () => {
      const writer = await engine.openWriter()
      await expect(engine.openWriter()).rejects.toThrow()
      await writer.close()
      const again = await engine.openWriter()
      await again.close()
    })

    it('shows a writer’s changes to an engine opened afterwards', async () => {
      await engine.close()
      const writer = await backend.openWriter()
      writer.add([extraArticle('d0', ['Cardamom from Guatemala.'], { source: 'Blog' })])
      writer.remove(['b0'])
      await writer.flush()
      await writer.close()
      engine = await backend.open()
      expect(await total('cardamom')).toBe(1)
      expect(await total('nutmeg')).toBe(0)
      expect((await engine.facetValues('source')).values.find((v) => v.value === 'Blog')?.count).toBe(2)
    })

    it('replaces the whole index with a rebuild, atomically', async () => {
      const data = contractData()
      data.articles = data.articles.filter((a) => a.id === 'a1')
      data.passages = data.passages.filter((p) => p.articleId === 'a1')
      await backend.build(data, { corpus: ['rebuilt'] })
      await engine.close()
      engine = await backend.open()
      expect(await total('')).toBe(3)
      expect(await total('cardamom')).toBe(0)
      expect(await backend.readState()).toEqual({ corpus: ['rebuilt'] })
    })

    it('folds a passage repeated by another article into the first, and counts matches per day', async () => {
      const story = 'Cocoa prices rose sharply in Abidjan as the harvest shrank and exporters held their beans back.'
      const writer = await engine.openWriter()
      writer.add([
        extraArticle('e0', [story], { date: '2024-02-10' }),
        extraArticle('e1', [story.replace('sharply', 'sharply again')], { date: '2024-02-11' }),
        extraArticle('e2', ['Cocoa farmers in Ghana were paid late.'], { date: '2024-02-11' }),
      ])
      await writer.flush()
      await writer.close()
      const folded = await engine.search({ query: 'cocoa', sort: 'newest' })
      expect(folded.total).toBe(3)
      // Same day: the shorter passage scores higher; the older copy of the story folds into the newer.
      expect(folded.results.map((hit) => hit.passage.id)).toEqual(['e2-p0', 'e1-p0'])
      expect(folded.results[1].duplicates?.map((d) => d.passageId)).toEqual(['e0-p0'])
      expect(folded.collapsed).toBe(1)
      const every = await engine.search({ query: 'cocoa', sort: 'newest', collapse: false })
      expect(every.results.map((hit) => hit.passage.id)).toEqual(['e2-p0', 'e1-p0', 'e0-p0'])
      const timeline = (await engine.search({ query: '', timeline: true })).timeline!
      expect(timeline.unit).toBe('day')
      expect(timeline.undated).toBe(0)
      expect(timeline.buckets).toHaveLength(11)
      expect(timeline.buckets.filter((bucket) => bucket.count > 0)).toEqual([
        { period: '2024-02-01', count: 3 },
        { period: '2024-02-10', count: 1 },
        { period: '2024-02-11', count: 2 },
      ])
    })
  })
}
