// Reads a search's URL parameters into a SearchRequest, shared by the pages, the JSON API and the export, and
// rejects a malformed parameter with a 400 that names it. The facet parameters come from the index's facet
// registry (the built-in facets and the corpus's own fields). Unknown facet values are not errors: they match
// nothing.
import { ClippingsError } from '../errors.ts'
import { defaults } from '../defaults.ts'
import { isIsoPartialDate } from '../text/dates.ts'
import { BUILT_IN_REGISTRY, type FacetRegistry } from '../facets/registry.ts'
import type { FacetFilters, FacetName, SearchRequest, SortOrder } from '../model.ts'

export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest']

/** How the last word of the query is read: `last` as a prefix (the word being typed), `none` as typed. */
export const PREFIX_MODES = ['last', 'none'] as const
export type PrefixMode = (typeof PREFIX_MODES)[number]

/** Parameters of a search that are not facets, in the order URLs carry them (after the facets). */
const NON_FACET_PARAMS: readonly string[] = ['from', 'to', 'sort', 'group', 'collapse', 'prefix', 'page', 'size']

/**
 * Every parameter of a search's state, in the order URLs carry them: `q`, each facet and its exclusion
 * (built-in and corpus fields alike, from the registry), then dates, order, grouping, folding and paging.
 */
export function searchParamNames(registry: FacetRegistry): string[] {
  return ['q', ...registry.names, ...registry.facets.map((facet) => facet.excludeParam), ...NON_FACET_PARAMS]
}

/**
 * The parameters every search takes whatever the index: those of the built-in facets and the rest. An
 * index's own field facets add theirs (see `searchParamNames`).
 */
export const SEARCH_PARAMS: readonly string[] = searchParamNames(BUILT_IN_REGISTRY)

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

/** One of a few words, or undefined when absent. */
function choice<T extends string>(url: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = single(url, name)
  if (raw === undefined) return undefined
  if (!(allowed as readonly string[]).includes(raw)) throw badParameter(name, `expected one of ${allowed.join(', ')}, got "${raw}"`)
  return raw as T
}

/** Values of a repeatable facet parameter, trimmed, empties and duplicates dropped. */
function repeated(url: URLSearchParams, name: string): string[] {
  const values = url.getAll(name).map((value) => value.trim()).filter((value) => value !== '')
  return [...new Set(values)]
}

function facetFilters(url: URLSearchParams, params: ReadonlyArray<readonly [FacetName, string]>): FacetFilters | undefined {
  const filters: FacetFilters = {}
  for (const [facet, param] of params) {
    const values = repeated(url, param)
    if (values.length > 0) filters[facet] = values
  }
  return Object.keys(filters).length > 0 ? filters : undefined
}

export interface ParseOptions {
  /**
   * How the last word is read when the URL has no `prefix`: the pages read it as a prefix (search as you
   * type), the API as typed, so API callers keep exact words unless they ask. Default "none".
   */
  prefix?: PrefixMode
}

/** Parses a search from URL parameters; throws ClippingsError('bad-parameter') naming the first bad one. */
export function parseSearchParams(url: URLSearchParams, registry: FacetRegistry, options: ParseOptions = {}): SearchRequest {
  const request: SearchRequest = {}

  const query = url.getAll('q').at(-1) ?? ''
  if (query.length > defaults.maxQueryLength) {
    throw badParameter('q', `the query is ${query.length} characters long; at most ${defaults.maxQueryLength} are allowed`)
  }
  if (query.trim() !== '') request.query = query.trim()

  const filters = facetFilters(url, registry.facets.map((facet) => [facet.name, facet.name]))
  if (filters) request.filters = filters
  const exclude = facetFilters(url, registry.facets.map((facet) => [facet.name, facet.excludeParam]))
  if (exclude) request.exclude = exclude

  const from = isoDate(url, 'from')
  if (from) request.from = from
  const to = isoDate(url, 'to')
  if (to) request.to = to

  const sort = choice(url, 'sort', SORT_ORDERS)
  if (sort !== undefined) request.sort = sort

  const page = positiveInteger(url, 'page')
  if (page !== undefined) request.page = page
  const size = positiveInteger(url, 'size', defaults.maxPageSize)
  if (size !== undefined) request.size = size

  const group = single(url, 'group')
  if (group !== undefined) {
    if (group !== 'article') throw badParameter('group', `the only grouping is "article", got "${group}"`)
    request.groupByArticle = true
  }

  const collapse = choice(url, 'collapse', ['0', '1'] as const)
  if (collapse === '0') request.collapse = false

  // The word being typed is a prefix only while the query ends inside it: a space after it means it is done.
  const prefix = choice(url, 'prefix', PREFIX_MODES) ?? options.prefix ?? 'none'
  if (prefix === 'last' && request.query && !/\s$/u.test(query)) request.prefixLastWord = true
  return request
}

/** Page-only options: which facets the user expanded with "show more", and the search inside one facet. */
export interface PageOptions {
  /** Facets listed in full rather than the top ten. */
  expanded: FacetName[]
  /** Text typed into a facet's search box, and that facet: lists each of its values whose label contains it. */
  facetSearch?: { facet: FacetName; contains: string }
}

/** How many values an expanded ("show more") facet lists. */
export const EXPANDED_FACET_SIZE = 100
/** The longest text a facet search box takes. */
export const MAX_CONTAINS_LENGTH = 200

/** Parameters that only the pages read: "show more", and a facet's search box (`person_contains` is its old name). */
export const PAGE_ONLY_PARAMS: readonly string[] = ['more', 'facet', 'contains', 'person_contains']

/** A facet named by a parameter, or a 400 listing the facets there are. */
export function facetParam(registry: FacetRegistry, parameter: string, value: string): FacetName {
  if (!registry.has(value)) throw badParameter(parameter, `expected a facet name (${registry.names.join(', ')}), got "${value}"`)
  return value
}

/** The text of a facet search box, trimmed; at most `MAX_CONTAINS_LENGTH` characters. */
export function containsParam(url: URLSearchParams, name: string): string | undefined {
  const contains = single(url, name)
  if (contains !== undefined && contains.length > MAX_CONTAINS_LENGTH) {
    throw badParameter(name, `at most ${MAX_CONTAINS_LENGTH} characters are allowed`)
  }
  return contains
}

export function parsePageOptions(url: URLSearchParams, registry: FacetRegistry): PageOptions {
  const expanded = repeated(url, 'more').map((value) => facetParam(registry, 'more', value))
  const options: PageOptions = { expanded }
  const personContains = containsParam(url, 'person_contains')
  const contains = containsParam(url, 'contains')
  const facet = single(url, 'facet')
  if (contains !== undefined) {
    if (facet === undefined) throw badParameter('facet', 'name the facet to search with "facet" alongside "contains"')
    options.facetSearch = { facet: facetParam(registry, 'facet', facet), contains }
  } else if (personContains !== undefined && registry.has('person')) {
    options.facetSearch = { facet: 'person', contains: personContains }
  }
  return options
}
