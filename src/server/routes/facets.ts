// GET /api/facets/:facet: every value of one facet (Source, Topic, People, Tags, Year, Month or a corpus field)
// whose label contains the words given, counted within the search the other parameters describe, as the
// search page's facet boxes list them. Counts are disjunctive: the facet's own filter is left out, so every
// value it could switch to is counted.
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import { apiFacetValue, apiLinkState, type ApiFacetValue } from '../api-format.ts'
import { containsParam, parseSearchParams } from '../params.ts'

/** Values listed when `limit` is not given, and the most `limit` may ask for. */
export const FACET_VALUES_DEFAULT_LIMIT = 50
export const FACET_VALUES_MAX_LIMIT = 1000

export interface ApiFacetValuesResponse {
  facet: string
  title: string
  /** The text the values were filtered by ("" for every value). */
  contains: string
  values: ApiFacetValue[]
  /** More values matched than `limit` listed. */
  truncated: boolean
}

function limitParam(params: URLSearchParams): number {
  const raw = params.getAll('limit').map((value) => value.trim()).filter((value) => value !== '').at(-1)
  if (raw === undefined) return FACET_VALUES_DEFAULT_LIMIT
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > FACET_VALUES_MAX_LIMIT) {
    throw new ClippingsError('bad-parameter', `Invalid parameter "limit": expected a whole number from 1 to ${FACET_VALUES_MAX_LIMIT}, got "${raw}"`, {
      parameter: 'limit',
    })
  }
  return value
}

export function facetRoutes(engine: SearchEngine): Hono {
  const routes = new Hono()

  routes.get('/api/facets/:facet', async (c) => {
    const registry = engine.facets()
    const name = c.req.param('facet')
    const facet = registry.get(name)
    if (!facet) throw new ClippingsError('not-found', `No facet called "${name}" in this index (facets: ${registry.names.join(', ')})`)
    const params = new URL(c.req.url).searchParams
    const contains = containsParam(params, 'contains') ?? ''
    const limit = limitParam(params)
    const { page: _page, size: _size, ...within } = parseSearchParams(params, registry)
    const found = await engine.facetValues(facet.name, { contains: contains || undefined, limit, within })
    const context = { registry, params }
    const current = apiLinkState(context)
    const body: ApiFacetValuesResponse = {
      facet: facet.name,
      title: facet.title,
      contains,
      values: found.values.map((value) => apiFacetValue(facet.name, value, context, current)),
      truncated: found.truncated,
    }
    return c.json(body)
  })

  return routes
}
