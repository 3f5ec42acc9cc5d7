// GET /api/facets/:facet and the facets of GET /api/search: every facet of the index (built-in and the corpus's
// own fields) with each value's label, count, state and links, searchable by name within a search.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.tsx'
import { wireEngine } from './search-page-fixture.ts'

const app = createApp(wireEngine(), { log: () => {} })

async function json(path: string) {
  const response = await app.request(path)
  return { response, body: (await response.json()) as any }
}

const pairs = (values: any[]) => values.map((value) => [value.value, value.count])

describe('GET /api/facets/:facet', () => {
  it('lists every value of a corpus field with its count, most frequent first, each with its links', async () => {
    const { response, body } = await json('/api/facets/places')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(Object.keys(body).sort()).toEqual(['contains', 'facet', 'title', 'truncated', 'values'])
    expect(body).toMatchObject({ facet: 'places', title: 'Places', contains: '', truncated: false })
    expect(pairs(body.values)).toEqual([
      ['luxembourg', 4],
      ['brazil', 3],
      ['uk', 2],
      ['usa', 2],
      ['ivory-coast', 1],
      ['japan', 1],
      ['ussr', 1],
    ])
    expect(body.values[0]).toEqual({
      value: 'luxembourg',
      label: 'luxembourg',
      count: 4,
      selected: false,
      excluded: false,
      href: '/api/search?places=luxembourg',
      excludeHref: '/api/search?exclude_places=luxembourg',
    })
  })

  it('keeps the values whose label contains the text, case and accents aside, and says when the limit cut the list', async () => {
    expect(pairs((await json('/api/facets/places?contains=LUX')).body.values)).toEqual([['luxembourg', 4]])
    const cut = (await json('/api/facets/places?limit=2')).body
    expect(pairs(cut.values)).toEqual([
      ['luxembourg', 4],
      ['brazil', 3],
    ])
    expect(cut.truncated).toBe(true)
  })

  it('searches the topic labels, not only their ids, and names a second-level topic’s parent', async () => {
    const { body } = await json('/api/facets/topic?contains=commod')
    expect(body.values).toEqual([expect.objectContaining({ value: 'commodity-market', label: 'Commodity market', count: 5, parent: 'economy' })])
  })

  it('counts within the search the other parameters describe, leaving the facet’s own filter out', async () => {
    const { body } = await json('/api/facets/places?q=coffee&places=brazil')
    expect(pairs(body.values)).toEqual([
      ['brazil', 3],
      ['uk', 2],
    ])
    expect(body.values[0]).toMatchObject({ selected: true, href: '/api/search?q=coffee' })
    expect(body.values[1].href).toBe('/api/search?q=coffee&places=brazil&places=uk')
  })

  it('serves the built-in facets too: sources, people, tags, years', async () => {
    expect(pairs((await json('/api/facets/source')).body.values)).toEqual([['Wire', 10]])
    expect(pairs((await json('/api/facets/person')).body.values)).toEqual([['Ronald Reagan', 1]])
    expect(pairs((await json('/api/facets/tag?contains=co')).body.values)).toEqual([
      ['coffee', 3],
      ['cocoa', 1],
    ])
    expect(pairs((await json('/api/facets/year')).body.values)).toEqual([
      ['1987', 9],
      ['undated', 1],
    ])
  })

  it.each([
    ['/api/facets/places?limit=0', 400, 'limit'],
    ['/api/facets/places?limit=1001', 400, 'limit'],
    ['/api/facets/places?limit=ten', 400, 'limit'],
    ['/api/facets/places?from=1987-02-30', 400, 'from'],
    [`/api/facets/places?contains=${'a'.repeat(201)}`, 400, 'contains'],
    ['/api/facets/places?palces=usa', 400, 'palces'],
  ])('answers %s with a %i naming the parameter', async (path, status, parameter) => {
    const { response, body } = await json(path)
    expect(response.status).toBe(status)
    expect(body.parameter).toBe(parameter)
    expect(body.error).toContain(`"${parameter}"`)
  })

  it('answers an unknown facet with a JSON 404 listing the facets there are', async () => {
    const { response, body } = await json('/api/facets/colour')
    expect(response.status).toBe(404)
    expect(body.error).toContain('"colour"')
    expect(body.error).toContain('places')
  })
})

describe('the facets of GET /api/search', () => {
  it('holds one entry per facet of the index, the corpus fields included, each a titled list that says when it was cut', async () => {
    const { body } = await json('/api/search?q=opec')
    expect(Object.keys(body.facets)).toEqual(['source', 'topic', 'person', 'tag', 'year', 'month', 'orgs', 'places'])
    expect(body.facets.places).toEqual({
      title: 'Places',
      truncated: false,
      values: [
        {
          value: 'luxembourg',
          label: 'luxembourg',
          count: 4,
          selected: false,
          excluded: false,
          href: '/api/search?q=opec&places=luxembourg',
          excludeHref: '/api/search?q=opec&exclude_places=luxembourg',
        },
      ],
    })
  })

  it('gives topics their display label and their parent', async () => {
    const { body } = await json('/api/search?q=opec')
    expect(body.facets.topic.values.map((value: any) => [value.value, value.label, value.parent])).toEqual([
      ['economy', 'Economy, business and finance', null],
      ['energy', 'Energy and resource', 'economy'],
    ])
  })

  it('lists a result’s own field values', async () => {
    const { body } = await json('/api/search?q=reagan')
    expect(body.results[0].fields).toEqual({ places: ['usa', 'japan'], tag: ['trade'] })
  })

  it('refuses a misspelt field facet instead of answering the whole corpus', async () => {
    const { response, body } = await json('/api/search?palces=usa')
    expect(response.status).toBe(400)
    expect(body.parameter).toBe('palces')
  })

  it.each([
    ['collapse=yes', 'collapse'],
    ['prefix=all', 'prefix'],
  ])('answers %s with a 400 naming the parameter', async (query, parameter) => {
    const { response, body } = await json(`/api/search?${query}`)
    expect(response.status).toBe(400)
    expect(body.parameter).toBe(parameter)
  })
})
