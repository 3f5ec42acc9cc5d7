// Turns a search response and the URL it came from into what the search page shows: every facet value, chip,
// sort, page and suggestion with its ready-made link, so the views only render and never decide.
import { defaults } from '../defaults.ts'
import { BUILT_IN_FACETS as FACET_NAMES } from '../facets/registry.ts'
import type {
  FacetFilters,
  FacetName,
  FacetValue,
  Passage,
  SearchHit,
  SearchRequest,
  SearchResponse,
  Snippet,
  SortOrder,
} from '../model.ts'
import { describeReading } from '../query/parse.ts'
import { excludeParam, SEARCH_PARAMS, type PageOptions } from './params.ts'
import { passagePath } from './export-format.ts'
import {
  facetExcludeHref,
  facetToggleHref,
  pathWithChangedArgs,
  pathWithPairs,
  searchStatePairs,
  type Removal,
} from './url-state.ts'

/** Parameters a search page carries in its links: the search itself plus the page-only options. */
export const PAGE_STATE_PARAMS: readonly string[] = [...SEARCH_PARAMS, 'more', 'person_contains']

export const FACET_TITLES: Record<FacetName, string> = {
  source: 'Source',
  topic: 'Topic',
  person: 'People',
  tag: 'Tags',
  year: 'Year',
  month: 'Month',
}

export interface LinkView {
  label: string
  href: string
}

export interface FacetValueView {
  value: string
  label: string
  count: number
  selected: boolean
  excluded: boolean
  /** Selects the value, or unselects it, or lifts its exclusion. */
  href: string
  /** Excludes the value (NOT); absent once excluded. */
  excludeHref?: string
  /** Stable element id, so keyboard focus survives an htmx swap. */
  elementId: string
}

export interface FacetView {
  name: FacetName
  title: string
  values: FacetValueView[]
  /** Link listing every value ("show more"), when some are hidden. */
  moreHref?: string
  /** Link back to the top ten, when expanded. */
  lessHref?: string
}

export interface ChipView {
  facetTitle: string
  label: string
  excluded: boolean
  /** Absent for filters written in the query itself (`person:"…"`), which are removed by editing the query. */
  removeHref?: string
}

export interface PersonLink {
  name: string
  href: string
}

export interface TopicLink {
  id: string
  label: string
  href: string
}

export interface ResultView {
  passage: Passage
  snippet: Snippet
  people: PersonLink[]
  topics: TopicLink[]
  sourceHref: string
  permalink: string
  /** The passage inside its article, with the query carried along for highlighting. */
  articleHref: string
}

export interface GroupView {
  articleId: string
  title: string
  articleHref: string
  results: ResultView[]
  moreMatches: number
}

export interface PageLink {
  page: number
  href: string
  current: boolean
}

export interface PaginationView {
  page: number
  pageCount: number
  previousHref?: string
  nextHref?: string
  /** Numbered links around the current page; `null` stands for a gap. */
  pages: Array<PageLink | null>
}

export interface SortLink {
  sort: SortOrder
  label: string
  href: string
  current: boolean
}

export interface SearchPageView {
  /** The path the search lives at: "/" or a person's page. */
  basePath: string
  query: string
  /** The page's `<title>`. */
  documentTitle: string
  /** Parameters the search form carries besides `q`, so typing keeps the active filters. */
  formState: Array<[string, string]>
  /** "12 passages · 3 ms", also announced to screen readers. */
  statusText: string
  total: number
  tookMs: number
  totalArticles?: number
  grouped: boolean
  results: ResultView[]
  groups?: GroupView[]
  facets: FacetView[]
  chips: ChipView[]
  clearAllHref?: string
  sortLinks: SortLink[]
  groupToggle: LinkView
  pagination?: PaginationView
  /** How the query was read, in words. */
  readingText?: string
  relaxed: boolean
  suggestions: LinkView[]
  /** On an empty page: links that each remove one active filter. */
  loosenLinks: LinkView[]
  dateFilter: { from: string; to: string; hidden: Array<[string, string]>; action: string }
  personFilter: { contains: string; hidden: Array<[string, string]>; action: string; matches?: FacetValueView[] }
  /** Download links for the whole result set. */
  exportLinks: LinkView[]
}

export interface SearchViewInput {
  basePath: string
  /** The request's URL parameters as given. */
  params: URLSearchParams
  request: SearchRequest
  options: PageOptions
  response: SearchResponse
  /** Topic id → display label. */
  topicLabels: ReadonlyMap<string, string>
  /** People whose name contains the People filter box's text, when it has any. */
  personMatches?: FacetValue[]
  /** Facets handled by the page itself (a person page fixes `person`): not shown as facets or chips. */
  hiddenFacets?: readonly FacetName[]
  /** Parameters the page fixes outside its URL (a person page's person), added to the export links. */
  fixedPairs?: Array<[string, string]>
  /** Where a person's name links to: by default it filters this search by them. */
  personHref?: (name: string) => string
}

/** An element id that is the same for the same facet value on every render. */
export function facetElementId(facet: FacetName, value: string): string {
  let hash = 0
  for (const char of value) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0
  const slug = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
  return `facet-${facet}-${slug}-${(hash >>> 0).toString(36)}`
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/** A facet value's display label, as the engine gave it (it always lists selected and excluded values). */
function valueLabel(facet: FacetName, value: string, response: SearchResponse): string {
  return response.facets[facet]?.values.find((entry) => entry.value === value)?.label ?? value
}

/** The values a facet lists: selected and excluded ones first even when the engine did not count them. */
function facetValueViews(
  facet: FacetName,
  values: readonly FacetValue[],
  input: SearchViewInput,
  current: URLSearchParams,
  path: string,
): FacetValueView[] {
  const listed = [...values]
  const selected = input.request.filters?.[facet] ?? []
  const excluded = input.request.exclude?.[facet] ?? []
  for (const value of [...selected, ...excluded]) {
    if (!listed.some((entry) => entry.value === value)) {
      listed.unshift({
        value,
        label: valueLabel(facet, value, input.response),
        count: 0,
        selected: selected.includes(value),
        excluded: excluded.includes(value),
      })
    }
  }
  return listed.map((entry) => {
    const isSelected = selected.includes(entry.value)
    const isExcluded = excluded.includes(entry.value)
    const label = entry.label || valueLabel(facet, entry.value, input.response)
    return {
      value: entry.value,
      label,
      count: entry.count,
      selected: isSelected,
      excluded: isExcluded,
      href: facetToggleHref(path, current, facet, entry.value),
      excludeHref: isExcluded ? undefined : facetExcludeHref(path, current, facet, entry.value),
      elementId: facetElementId(facet, entry.value),
    }
  })
}

function buildFacets(input: SearchViewInput, current: URLSearchParams, path: string): FacetView[] {
  const hidden = new Set(input.hiddenFacets ?? [])
  const facets: FacetView[] = []
  const selectedYears = input.request.filters?.year ?? []
  for (const name of FACET_NAMES) {
    if (hidden.has(name)) continue
    const counts = input.response.facets[name]
    if (!counts) continue
    let values = counts.values
    if (name === 'month') {
      // Months only make sense inside a chosen year.
      if (selectedYears.length === 0) continue
      values = values.filter((value) => selectedYears.some((year) => value.value.startsWith(`${year}-`)))
    }
    const expanded = input.options.expanded.includes(name)
    let views = facetValueViews(name, values, input, current, path)
    const limit = name === 'month' ? 12 : defaults.facetSize
    const cut = !expanded && views.length > limit
    if (cut) {
      // Keep selected and excluded values visible even when they fall outside the top ten.
      const top = views.slice(0, limit)
      const chosen = views.slice(limit).filter((view) => view.selected || view.excluded)
      views = [...top, ...chosen]
    }
    const truncated = cut || (counts.truncated && !expanded)
    if (views.length === 0 && name !== 'year') continue
    facets.push({
      name,
      title: FACET_TITLES[name],
      values: views,
      moreHref: truncated ? pathWithChangedArgs(path, current, { add: [['more', name]] }) : undefined,
      lessHref: expanded ? pathWithChangedArgs(path, current, { remove: [['more', name]] }) : undefined,
    })
  }
  return facets
}

function buildChips(input: SearchViewInput, current: URLSearchParams, path: string): ChipView[] {
  const hidden = new Set(input.hiddenFacets ?? [])
  const chips: ChipView[] = []
  for (const facet of FACET_NAMES) {
    if (hidden.has(facet)) continue
    for (const value of input.request.filters?.[facet] ?? []) {
      chips.push({
        facetTitle: FACET_TITLES[facet],
        label: valueLabel(facet, value, input.response),
        excluded: false,
        removeHref: pathWithChangedArgs(path, current, { remove: [[facet, value], 'page'] }),
      })
    }
    for (const value of input.request.exclude?.[facet] ?? []) {
      chips.push({
        facetTitle: FACET_TITLES[facet],
        label: valueLabel(facet, value, input.response),
        excluded: true,
        removeHref: pathWithChangedArgs(path, current, { remove: [[excludeParam(facet), value], 'page'] }),
      })
    }
  }
  if (input.request.from) {
    chips.push({ facetTitle: 'From', label: input.request.from, excluded: false, removeHref: pathWithChangedArgs(path, current, { remove: ['from', 'page'] }) })
  }
  if (input.request.to) {
    chips.push({ facetTitle: 'To', label: input.request.to, excluded: false, removeHref: pathWithChangedArgs(path, current, { remove: ['to', 'page'] }) })
  }
  // Filters the query itself carries (person:"…", after:2019) show too, but are removed by editing the query.
  const fromQuery = (filters: FacetFilters, own: FacetFilters | undefined, excluded: boolean) => {
    for (const facet of FACET_NAMES) {
      if (hidden.has(facet)) continue
      for (const value of filters[facet] ?? []) {
        if (own?.[facet]?.includes(value)) continue
        chips.push({ facetTitle: `${FACET_TITLES[facet]} (in query)`, label: valueLabel(facet, value, input.response), excluded })
      }
    }
  }
  fromQuery(input.response.effectiveFilters ?? {}, input.request.filters, false)
  fromQuery(input.response.effectiveExclude ?? {}, input.request.exclude, true)
  if (input.response.effectiveFrom && input.response.effectiveFrom !== input.request.from) {
    chips.push({ facetTitle: 'From (in query)', label: input.response.effectiveFrom, excluded: false })
  }
  if (input.response.effectiveTo && input.response.effectiveTo !== input.request.to) {
    chips.push({ facetTitle: 'To (in query)', label: input.response.effectiveTo, excluded: false })
  }
  return chips
}

/** The link a person's name takes by default: this search, filtered by them. */
function defaultPersonHref(path: string, current: URLSearchParams) {
  return (name: string) =>
    current.getAll('person').includes(name)
      ? pathWithChangedArgs(path, current, { remove: ['page'] })
      : pathWithChangedArgs(path, current, { add: [['person', name]], remove: ['page'] })
}

/** The article page, scrolled to the passage, carrying the query so its words light up there. */
export function articleHref(articleId: string, passageId: string | undefined, query: string): string {
  const path = pathWithPairs(`/articles/${encodeURIComponent(articleId)}`, [['q', query]])
  return passageId === undefined ? path : `${path}#p-${encodeURIComponent(passageId)}`
}

function resultView(hit: SearchHit, input: SearchViewInput, current: URLSearchParams, path: string): ResultView {
  const personHref = input.personHref ?? defaultPersonHref(path, current)
  const passage = hit.passage
  return {
    passage,
    snippet: hit.snippet,
    people: passage.people.map((name) => ({ name, href: personHref(name) })),
    topics: passage.topics.map((id) => ({
      id,
      label: input.topicLabels.get(id) ?? id,
      href: pathWithChangedArgs(path, current, { add: [['topic', id]], remove: ['page'] }),
    })),
    sourceHref: pathWithChangedArgs(path, current, { add: [['source', passage.source]], remove: ['page'] }),
    permalink: passagePath(passage.id),
    articleHref: articleHref(passage.articleId, passage.id, input.response.query),
  }
}

function buildPagination(page: number, pageCount: number, path: string, current: URLSearchParams): PaginationView | undefined {
  if (pageCount <= 1 && page <= 1) return undefined
  const hrefFor = (n: number) =>
    n === 1 ? pathWithChangedArgs(path, current, { remove: ['page'] }) : pathWithChangedArgs(path, current, { add: [['page', String(n)]], remove: ['page'] })
  const wanted = new Set<number>([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount))
  const numbers = [...wanted].sort((a, b) => a - b)
  const pages: Array<PageLink | null> = []
  numbers.forEach((n, index) => {
    if (index > 0 && n - numbers[index - 1]! > 1) pages.push(null)
    pages.push({ page: n, href: hrefFor(n), current: n === page })
  })
  return {
    page,
    pageCount,
    previousHref: page > 1 ? hrefFor(Math.min(page - 1, Math.max(pageCount, 1))) : undefined,
    nextHref: page < pageCount ? hrefFor(page + 1) : undefined,
    pages,
  }
}

const SORT_LABELS: Record<SortOrder, string> = { relevance: 'Best match', newest: 'Newest', oldest: 'Oldest' }

export function buildSearchPageView(input: SearchViewInput): SearchPageView {
  const { response, request, basePath: path } = input
  const current = new URLSearchParams(searchStatePairs(input.params, PAGE_STATE_PARAMS))
  const grouped = request.groupByArticle === true
  const size = response.size || defaults.pageSize
  const counted = grouped ? (response.totalArticles ?? response.total) : response.total
  const pageCount = Math.max(1, Math.ceil(counted / size))

  const chips = buildChips(input, current, path)
  const removable = chips.filter((chip) => chip.removeHref !== undefined)
  const filterParams: Removal[] = [...FACET_NAMES, ...FACET_NAMES.map(excludeParam), 'from', 'to', 'page', 'person_contains']

  let statusText = plural(response.total, 'passage', 'passages')
  if (grouped && response.totalArticles !== undefined) statusText += ` in ${plural(response.totalArticles, 'article', 'articles')}`
  statusText += ` · ${response.tookMs.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`

  const results = response.results.map((hit) => resultView(hit, input, current, path))
  const groups = response.groups?.map((group) => ({
    articleId: group.articleId,
    title: group.title,
    articleHref: articleHref(group.articleId, group.hits[0]?.passage.id, response.query),
    results: group.hits.map((hit) => resultView(hit, input, current, path)),
    moreMatches: group.moreMatches,
  }))

  const exportState = searchStatePairs(current, SEARCH_PARAMS.filter((name) => name !== 'page' && name !== 'size' && name !== 'group'))
  const exportLinks = (['csv', 'jsonl'] as const).map((format) => ({
    label: format.toUpperCase(),
    href: pathWithPairs('/api/export', [...exportState, ...(input.fixedPairs ?? []), ['format', format]]),
  }))

  return {
    basePath: path,
    query: response.query,
    documentTitle: response.query ? `${response.query} – Clippings` : 'Clippings',
    formState: [...current].filter(([name]) => name !== 'q' && name !== 'page' && name !== 'person_contains'),
    statusText,
    total: response.total,
    tookMs: response.tookMs,
    totalArticles: response.totalArticles,
    grouped,
    results,
    groups,
    facets: buildFacets(input, current, path),
    chips,
    clearAllHref: removable.length > 0 ? pathWithChangedArgs(path, current, { remove: filterParams }) : undefined,
    sortLinks: (['relevance', 'newest', 'oldest'] as const).map((sort) => ({
      sort,
      label: SORT_LABELS[sort],
      href: pathWithChangedArgs(path, current, { add: [['sort', sort]], remove: ['sort', 'page'] }),
      current: response.sort === sort,
    })),
    groupToggle: grouped
      ? { label: 'Show every passage', href: pathWithChangedArgs(path, current, { remove: ['group', 'page'] }) }
      : { label: 'Group by article', href: pathWithChangedArgs(path, current, { add: [['group', 'article']], remove: ['page'] }) },
    pagination: buildPagination(response.page, pageCount, path, current),
    readingText: response.reading.length > 0 ? describeReading(response.reading) : undefined,
    relaxed: response.relaxed === true,
    suggestions: (response.suggestions ?? []).map((suggestion) => ({
      label: suggestion,
      href: pathWithChangedArgs(path, current, { add: [['q', suggestion]], remove: ['q', 'page'] }),
    })),
    loosenLinks: response.total === 0 ? removable.map((chip) => ({ label: `${chip.facetTitle}: ${chip.label}`, href: chip.removeHref! })) : [],
    dateFilter: {
      from: request.from ?? '',
      to: request.to ?? '',
      hidden: [...current].filter(([name]) => name !== 'from' && name !== 'to' && name !== 'page'),
      action: path,
    },
    personFilter: {
      contains: input.options.personContains ?? '',
      hidden: [...current].filter(([name]) => name !== 'person_contains' && name !== 'page'),
      action: path,
      matches: input.personMatches
        ? facetValueViews('person', input.personMatches, { ...input, request: { ...request, filters: {}, exclude: {} } }, current, path).map((view) => ({
            ...view,
            selected: request.filters?.person?.includes(view.value) ?? false,
            elementId: `match-${view.elementId}`,
          }))
        : undefined,
    },
    exportLinks,
  }
}
