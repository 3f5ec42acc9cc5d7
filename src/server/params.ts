// Reads a search's URL parameters into a SearchRequest, shared by the pages, the JSON API and the export, and
// rejects a malformed parameter with a 400 that names it. Unknown facet values are not errors: they match nothing.
import { ClippingsError } from '../errors.ts'
import { defaults } from '../defaults.ts'
import { isIsoPartialDate } from '../text/dates.ts'
import { BUILT_IN_FACETS as FACET_NAMES } from '../facets/registry.ts'
import type { FacetFilters, FacetName, SearchRequest, SortOrder } from '../model.ts'

export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest']

/** The URL parameter that excludes values of a facet (`exclude_source`, ...). */
export function excludeParam(facet: FacetName): string {
  return `exclude_${facet}`
}

/** Every parameter that is part of a search's state, in the order URLs carry them. */
export const SEARCH_PARAMS: readonly string[] = [
  'q',
  ...FACET_NAMES,
  ...FACET_NAMES.map(excludeParam),
  'from',
  'to',
  'sort',
  'group',
  'page',
  'size',
]

function badParameter(parameter: string, message: string): ClippingsError {
  return new ClippingsError('bad-parameter', `Invalid parameter "${parameter}": ${message}`, { parameter })
}

/** The last non-empty value of a parameter; an empty value (an untouched form field) counts as absent. */
function single(url: URLSearchParams, name: string): string | undefined {
  const values = url.getAll(name).map((value) => value.trim()).filter((value) => value !== '')
  return values.at(-1)
}

function positiveInteger(url: URLSearchParams, name: string, max?: number): number | undefined {
  const raw = single(url, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw badParameter(name, `expected a positive whole number, got "${raw}"`)
  }
  if (max !== undefined && value > max) throw badParameter(name, `must be at most ${max}, got ${value}`)
  return value
}

function isoDate(url: URLSearchParams, name: string): string | undefined {
  const raw = single(url, name)
  if (raw === undefined) return undefined
  if (!isIsoPartialDate(raw)) throw badParameter(name, `expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got "${raw}"`)
  return raw
}

/** Values of a repeatable facet parameter, trimmed, empties and duplicates dropped. */
function facetValues(url: URLSearchParams, name: string): string[] {
  const values = url.getAll(name).map((value) => value.trim()).filter((value) => value !== '')
  return [...new Set(values)]
}

function facetFilters(url: URLSearchParams, paramFor: (facet: FacetName) => string): FacetFilters | undefined {
  const filters: FacetFilters = {}
  for (const facet of FACET_NAMES) {
    const values = facetValues(url, paramFor(facet))
    if (values.length > 0) filters[facet] = values
  }
  return Object.keys(filters).length > 0 ? filters : undefined
}

/** Parses a search from URL parameters; throws ClippingsError('bad-parameter') naming the first bad one. */
export function parseSearchParams(url: URLSearchParams): SearchRequest {
  const request: SearchRequest = {}

  const query = url.getAll('q').at(-1) ?? ''
  if (query.length > defaults.maxQueryLength) {
    throw badParameter('q', `the query is ${query.length} characters long; at most ${defaults.maxQueryLength} are allowed`)
  }
  if (query.trim() !== '') request.query = query.trim()

  const filters = facetFilters(url, (facet) => facet)
  if (filters) request.filters = filters
  const exclude = facetFilters(url, excludeParam)
  if (exclude) request.exclude = exclude

  const from = isoDate(url, 'from')
  if (from) request.from = from
  const to = isoDate(url, 'to')
  if (to) request.to = to

  const sort = single(url, 'sort')
  if (sort !== undefined) {
    if (!(SORT_ORDERS as readonly string[]).includes(sort)) {
      throw badParameter('sort', `expected one of ${SORT_ORDERS.join(', ')}, got "${sort}"`)
    }
    request.sort = sort as SortOrder
  }

  const page = positiveInteger(url, 'page')
  if (page !== undefined) request.page = page
  const size = positiveInteger(url, 'size', defaults.maxPageSize)
  if (size !== undefined) request.size = size

  const group = single(url, 'group')
  if (group !== undefined) {
    if (group !== 'article') throw badParameter('group', `the only grouping is "article", got "${group}"`)
    request.groupByArticle = true
  }
  return request
}

/** Page-only options: which facets the user expanded with "show more", and the People filter box. */
export interface PageOptions {
  /** Facets listed in full rather than the top ten. */
  expanded: FacetName[]
  /** Text typed into the People filter box: lists every person whose name contains it. */
  personContains?: string
}

/** How many values an expanded ("show more") facet lists. */
export const EXPANDED_FACET_SIZE = 100

export function parsePageOptions(url: URLSearchParams): PageOptions {
  const expanded: FacetName[] = []
  for (const value of facetValues(url, 'more')) {
    if (!(FACET_NAMES as readonly string[]).includes(value)) {
      throw badParameter('more', `expected a facet name (${FACET_NAMES.join(', ')}), got "${value}"`)
    }
    expanded.push(value as FacetName)
  }
  const personContains = single(url, 'person_contains')
  if (personContains !== undefined && personContains.length > 200) {
    throw badParameter('person_contains', 'at most 200 characters are allowed')
  }
  return { expanded, personContains }
}
