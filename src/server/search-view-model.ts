// Turns a search response and the URL it came from into what the search page shows: every facet value, chip,
// sort, page, timeline bar and suggestion with its ready-made link, so the views only render and never decide.
// Facets, their parameters and titles all come from the index's facet registry.
import { defaults } from '../defaults.ts'
import type { FacetDefinition, FacetRegistry } from '../facets/registry.ts'
import type {
  DuplicateRef,
  FacetFilters,
  FacetName,
  FacetValue,
  Passage,
  QueryClause,
  SearchHit,
  SearchRequest,
  SearchResponse,
  Snippet,
  SortOrder,
} from '../model.ts'
import { foldTerm } from '../text/analyze.ts'
import { searchParamNames, type PageOptions } from './params.ts'
import { passagePath } from './export-format.ts'
import { batchHref } from './batch.ts'
import { feedHref } from './feed-format.ts'
import { capitalised } from './topic-labels.ts'
import { buildTimelineView, periodLabel, type TimelineView } from './timeline-view-model.ts'
import {
  facetExcludeHref,
  facetToggleHref,
  pathWithChangedArgs,
  pathWithPairs,
  searchStatePairs,
  type Removal,
} from './url-state.ts'

/** Parameters a search page carries in its links: the search itself plus the page-only options. */
export function pageStateParams(registry: FacetRegistry): string[] {
  return [...searchParamNames(registry), 'more', 'facet', 'contains']
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
  /** In a two-level facet (topics): the value's parent, when it has one. */
  parent?: string
  /** In a two-level facet: the values under this one that are listed. */
  children?: FacetValueView[]
}

/** The box that searches every value of a long facet, and what it found. */
export interface FacetSearchView {
  /** The text typed, "" when none. */
  contains: string
  /** The search's state, kept by the box's form as hidden fields. */
  hidden: Array<[string, string]>
  action: string
  /** Values whose label contains the text, counted within the search; undefined before anything is typed. */
  matches?: FacetValueView[]
  /** More values matched than are listed. */
  matchesTruncated?: boolean
}

export interface FacetView {
  name: FacetName
  title: string
  /** Its values in the plural: "sources", "people", "places". */
  plural: string
  /** The listed values; in a two-level facet, the top level with their children. */
  values: FacetValueView[]
  /** Link listing every value ("show more"), when some are hidden. */
  moreHref?: string
  /** "Show more topics". */
  moreLabel: string
  /** Link back to the top ten, when expanded. */
  lessHref?: string
  /** The facet has more values than fit: it gets a search box. */
  search?: FacetSearchView
}

export interface ChipView {
  facetTitle: string
  label: string
  excluded: boolean
  /** Absent for filters written in the query itself (`person:"…"`), which are removed by editing the query. */
  removeHref?: string
  /** Identifies the filter a chip stands for (`source=Reuters`), to say what removing it would give. */
  key?: string
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

export interface DuplicatesView {
  /** "Also in 3 other articles", "Repeated twice more in this article". */
  label: string
  links: LinkView[]
  /** Duplicates beyond the links listed. */
  more: number
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
  /** The passages folded into this one because they repeat it. */
  duplicates?: DuplicatesView
}

export interface GroupView {
  articleId: string
  title: string
  articleHref: string
  /** Shown once for the article, not under each of its passages. */
  source: string
  sourceHref: string
  date: Passage['date']
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

/** A filter to drop on an empty page, and how many passages the search would find without it. */
export interface LoosenLink extends LinkView {
  /** Undefined when it was not counted. */
  total?: number
}

export interface SearchPageView {
  /** The path the search lives at: "/" or a person's page. */
  basePath: string
  query: string
  /** The page's `<title>`. */
  documentTitle: string
  /** Parameters the search form carries besides `q`, so typing keeps the active filters. */
  formState: Array<[string, string]>
  /** "12 passages", announced to screen readers after each search. */
  statusText: string
  /** "12 passages in 4 articles", shown above the results. */
  countText: string
  /** "3 ms", shown discreetly beside the count. */
  tookText: string
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
  /** Repeats folded into the results they repeat, and the switch to list them all (or fold them again). */
  folding?: { text: string; toggle: LinkView }
  pagination?: PaginationView
  /** How the query was read, as a sentence ("Searching for passages containing oil and coff… (words starting with)"). */
  readingText?: string
  relaxed: boolean
  /** The search stopped before it was complete: what it says about the counts. */
  partialText?: string
  /** The same search again (after one that was stopped). */
  retryHref: string
  /** What the engine limited (a prefix matching too many words, too many alternatives). */
  notices: string[]
  suggestions: LinkView[]
  /** On an empty page: links that each remove one active filter, with what that would find. */
  loosenLinks: LoosenLink[]
  timeline?: TimelineView
  dateFilter: { from: string; to: string; hidden: Array<[string, string]>; action: string }
  /** Download links for the whole result set; none when there is nothing to download. */
  exportLinks: LinkView[]
  /** The search's Atom feed (see routes/feeds.ts). */
  feedHref: string
  /** The batch search page with this search's filters. */
  batchHref: string
}

export interface SearchViewInput {
  basePath: string
  /** The request's URL parameters as given. */
  params: URLSearchParams
  request: SearchRequest
  options: PageOptions
  response: SearchResponse
  /** The index's facets. */
  registry: FacetRegistry
  /** Topic id → display label. */
  topicLabels: ReadonlyMap<string, string>
  /** Second-level topic id → its parent's id. */
  topicParents?: ReadonlyMap<string, string>
  /** Values of `options.facetSearch.facet` whose label contains its text, when it has any. */
  facetMatches?: { values: FacetValue[]; truncated: boolean }
  /** Filter key (see `ChipView.key`) → the total without that filter, counted for an empty page. */
  loosenTotals?: ReadonlyMap<string, number>
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

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/** A facet's values in the plural, for sentences: "people", "sources", "topics", "places". */
export function pluralNoun(facet: FacetDefinition): string {
  if (facet.kind === 'person') return 'people'
  const noun = facet.noun
  if (noun.endsWith('s')) return noun
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`
  return `${noun}s`
}

/** A facet value's label as shown: topic names capitalised like every other value. */
export function displayLabel(facet: FacetDefinition, label: string): string {
  return facet.kind === 'topic' ? capitalised(label) : label
}

/** A facet value's display label, as the engine gave it (it always lists selected and excluded values). */
function valueLabel(facet: FacetDefinition, value: string, response: SearchResponse, topicLabels: ReadonlyMap<string, string>): string {
  const listed = response.facets[facet.name]?.values.find((entry) => entry.value === value)?.label
  if (listed) return displayLabel(facet, listed)
  if (facet.kind === 'topic') return topicLabels.get(value) ?? value
  if (facet.kind === 'month') return periodLabel(value)
  return value
}

/** The filters of a request that a facet's links toggle: the page's own, never those the query carries. */
function ownValues(filters: FacetFilters | undefined, facet: FacetName): string[] {
  return filters?.[facet] ?? []
}

function valueView(facet: FacetDefinition, entry: FacetValue, input: SearchViewInput, current: URLSearchParams, path: string): FacetValueView {
  const selected = ownValues(input.request.filters, facet.name).includes(entry.value)
  const excluded = ownValues(input.request.exclude, facet.name).includes(entry.value)
  return {
    value: entry.value,
    label: entry.label ? displayLabel(facet, entry.label) : valueLabel(facet, entry.value, input.response, input.topicLabels),
    count: entry.count,
    selected,
    excluded,
    href: facetToggleHref(path, current, facet, entry.value),
    excludeHref: excluded ? undefined : facetExcludeHref(path, current, facet, entry.value),
    elementId: facetElementId(facet.name, entry.value),
    parent: entry.parent ?? (facet.hierarchical ? input.topicParents?.get(entry.value) : undefined),
  }
}

/** The values a facet lists: selected and excluded ones too, even when the engine did not count them. */
function facetValueViews(facet: FacetDefinition, values: readonly FacetValue[], input: SearchViewInput, current: URLSearchParams, path: string): FacetValueView[] {
  const listed = [...values]
  for (const value of [...ownValues(input.request.filters, facet.name), ...ownValues(input.request.exclude, facet.name)]) {
    if (!listed.some((entry) => entry.value === value)) {
      listed.unshift({ value, label: valueLabel(facet, value, input.response, input.topicLabels), count: 0, selected: false, excluded: false })
    }
  }
  return listed.map((entry) => valueView(facet, entry, input, current, path))
}

/**
 * A two-level facet's values as a tree: a second-level value under its parent when the parent is listed,
 * else at the top level named with its parent ("Economy › Commodities"). Order within each level is kept.
 */
export function nestValues(views: FacetValueView[], parentLabel: (parent: string) => string): FacetValueView[] {
  const byValue = new Map(views.map((view) => [view.value, view]))
  const top: FacetValueView[] = []
  for (const view of views) {
    const parent = view.parent === undefined ? undefined : byValue.get(view.parent)
    if (parent && parent !== view) {
      parent.children = [...(parent.children ?? []), view]
    } else if (view.parent !== undefined) {
      top.push({ ...view, label: `${parentLabel(view.parent)} › ${view.label}` })
    } else {
      top.push(view)
    }
  }
  return top
}

/** Facets whose values are dates: they never get a search box. */
const DATE_KINDS: ReadonlySet<FacetDefinition['kind']> = new Set(['year', 'month'])

function facetSearchView(facet: FacetDefinition, input: SearchViewInput, current: URLSearchParams, path: string): FacetSearchView {
  const search = input.options.facetSearch
  const own = search?.facet === facet.name
  return {
    contains: own ? search.contains : '',
    hidden: [...current].filter(([name]) => name !== 'facet' && name !== 'contains' && name !== 'page'),
    action: path,
    matches:
      own && input.facetMatches
        ? input.facetMatches.values.map((entry) => {
            const view = valueView(facet, entry, input, current, path)
            return { ...view, elementId: `match-${view.elementId}` }
          })
        : undefined,
    matchesTruncated: own ? input.facetMatches?.truncated : undefined,
  }
}

function isFacetShown(facet: FacetDefinition, request: SearchRequest): boolean {
  if (!facet.sidebar) return false
  // Months make sense only inside a chosen year or month.
  if (facet.onlyWithin) return facet.onlyWithin.some((name) => (request.filters?.[name]?.length ?? 0) > 0)
  return true
}

function buildFacets(input: SearchViewInput, current: URLSearchParams, path: string): FacetView[] {
  const hidden = new Set(input.hiddenFacets ?? [])
  const facets: FacetView[] = []
  const selectedYears = ownValues(input.request.filters, 'year')
  for (const facet of input.registry.facets) {
    if (hidden.has(facet.name) || !isFacetShown(facet, input.request)) continue
    const counts = input.response.facets[facet.name]
    if (!counts) continue
    let values = counts.values
    if (facet.kind === 'month' && selectedYears.length > 0) {
      values = values.filter((value) => selectedYears.some((year) => value.value.startsWith(`${year}-`)))
    }
    const expanded = input.options.expanded.includes(facet.name)
    let views = facetValueViews(facet, values, input, current, path)
    const limit = facet.kind === 'month' ? 12 : defaults.facetSize
    const cut = !expanded && views.length > limit
    if (cut) {
      // Keep selected and excluded values visible even when they fall outside the top ten.
      views = [...views.slice(0, limit), ...views.slice(limit).filter((view) => view.selected || view.excluded)]
    }
    const truncated = cut || (counts.truncated && !expanded)
    const searching = input.options.facetSearch?.facet === facet.name
    if (views.length === 0 && !searching) continue
    if (facet.hierarchical) {
      views = nestValues(views, (parent) => input.topicLabels.get(parent) ?? valueLabel(facet, parent, input.response, input.topicLabels))
    }
    const long = truncated || expanded || searching || facet.kind === 'person'
    facets.push({
      name: facet.name,
      title: facet.title,
      plural: pluralNoun(facet),
      values: views,
      moreHref: truncated ? pathWithChangedArgs(path, current, { add: [['more', facet.name]] }) : undefined,
      moreLabel: `Show more ${pluralNoun(facet)}`,
      lessHref: expanded ? pathWithChangedArgs(path, current, { remove: [['more', facet.name]] }) : undefined,
      search: long && !DATE_KINDS.has(facet.kind) ? facetSearchView(facet, input, current, path) : undefined,
    })
  }
  return facets
}

/** How a chip names a date range: one period when both ends are the same ("Date: March 1987"). */
function dateChips(request: SearchRequest, current: URLSearchParams, path: string): ChipView[] {
  if (request.from && request.from === request.to) {
    return [{ facetTitle: 'Date', label: periodLabel(request.from), excluded: false, removeHref: pathWithChangedArgs(path, current, { remove: ['from', 'to', 'page'] }), key: 'from,to' }]
  }
  const chips: ChipView[] = []
  if (request.from) {
    chips.push({ facetTitle: 'From', label: request.from, excluded: false, removeHref: pathWithChangedArgs(path, current, { remove: ['from', 'page'] }), key: 'from' })
  }
  if (request.to) {
    chips.push({ facetTitle: 'To', label: request.to, excluded: false, removeHref: pathWithChangedArgs(path, current, { remove: ['to', 'page'] }), key: 'to' })
  }
  return chips
}

function buildChips(input: SearchViewInput, current: URLSearchParams, path: string): ChipView[] {
  const hidden = new Set(input.hiddenFacets ?? [])
  const facets = input.registry.facets.filter((facet) => !hidden.has(facet.name))
  const label = (facet: FacetDefinition, value: string) => valueLabel(facet, value, input.response, input.topicLabels)
  const chips: ChipView[] = []
  for (const facet of facets) {
    for (const value of ownValues(input.request.filters, facet.name)) {
      chips.push({
        facetTitle: facet.title,
        label: label(facet, value),
        excluded: false,
        removeHref: pathWithChangedArgs(path, current, { remove: [[facet.name, value], 'page'] }),
        key: `${facet.name}=${value}`,
      })
    }
    for (const value of ownValues(input.request.exclude, facet.name)) {
      chips.push({
        facetTitle: facet.title,
        label: label(facet, value),
        excluded: true,
        removeHref: pathWithChangedArgs(path, current, { remove: [[facet.excludeParam, value], 'page'] }),
        key: `${facet.excludeParam}=${value}`,
      })
    }
  }
  chips.push(...dateChips(input.request, current, path))
  // Filters the query itself carries (person:"…", after:2019) show too, but are removed by editing the query.
  const fromQuery = (filters: FacetFilters, own: FacetFilters | undefined, excluded: boolean) => {
    for (const facet of facets) {
      for (const value of filters[facet.name] ?? []) {
        if (own?.[facet.name]?.includes(value)) continue
        chips.push({ facetTitle: `${facet.title} (in query)`, label: label(facet, value), excluded })
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

/**
 * The requests an empty page counts to say which filter to drop: the search without each of the page's
 * own filters in turn, keyed as the chips are (`ChipView.key`). At most `limit` of them.
 */
export function requestsWithoutEachFilter(request: SearchRequest, registry: FacetRegistry, hiddenFacets: readonly FacetName[] = [], limit = 8): Array<{ key: string; request: SearchRequest }> {
  const base: SearchRequest = { ...request, page: 1, size: 1, timeline: false, groupByArticle: false }
  const out: Array<{ key: string; request: SearchRequest }> = []
  const without = (filters: FacetFilters | undefined, facet: FacetName, value: string): FacetFilters => ({
    ...filters,
    [facet]: (filters?.[facet] ?? []).filter((entry) => entry !== value),
  })
  for (const facet of registry.facets) {
    if (hiddenFacets.includes(facet.name)) continue
    for (const value of ownValues(request.filters, facet.name)) out.push({ key: `${facet.name}=${value}`, request: { ...base, filters: without(request.filters, facet.name, value) } })
    for (const value of ownValues(request.exclude, facet.name)) out.push({ key: `${facet.excludeParam}=${value}`, request: { ...base, exclude: without(request.exclude, facet.name, value) } })
  }
  if (request.from && request.from === request.to) out.push({ key: 'from,to', request: { ...base, from: undefined, to: undefined } })
  else {
    if (request.from) out.push({ key: 'from', request: { ...base, from: undefined } })
    if (request.to) out.push({ key: 'to', request: { ...base, to: undefined } })
  }
  return out.slice(0, limit)
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

/** How many duplicates a result links to; the rest are counted. */
const DUPLICATE_LINKS = 5

const TIMES = ['', 'once', 'twice']

function duplicatesView(hit: SearchHit, query: string): DuplicatesView | undefined {
  const duplicates: readonly DuplicateRef[] = hit.duplicates ?? []
  if (duplicates.length === 0) return undefined
  const own = hit.passage.articleId
  const elsewhere = duplicates.filter((duplicate) => duplicate.articleId !== own)
  const articles = new Set(elsewhere.map((duplicate) => duplicate.articleId))
  const inOwn = duplicates.length - elsewhere.length
  const parts: string[] = []
  if (articles.size > 0) parts.push(`Also in ${plural(articles.size, 'other article', 'other articles')}`)
  if (inOwn > 0) parts.push(`${parts.length > 0 ? 'repeated' : 'Repeated'} ${TIMES[inOwn] ?? `${inOwn} times`} more in this article`)
  const shown = [...elsewhere, ...duplicates.filter((duplicate) => duplicate.articleId === own)].slice(0, DUPLICATE_LINKS)
  return {
    label: parts.join(', '),
    links: shown.map((duplicate) => ({ label: `${duplicate.title} (${duplicate.source})`, href: articleHref(duplicate.articleId, duplicate.passageId, query) })),
    more: duplicates.length - shown.length,
  }
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
    duplicates: duplicatesView(hit, input.response.query),
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

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`
}

/** A word the query reads as a prefix, as the page writes it: "coff… (words starting with)". */
function prefixWord(term: string): string {
  return `${term.replace(/\*+$/u, '')}… (words starting with)`
}

/** How a field clause reads: "naming Vladimir Putin", "from Reuters", "dated 2019 or later". */
function fieldPhrase(clause: QueryClause, registry: FacetRegistry, negated: boolean): string {
  const values = clause.terms
  const either = listOf(values, 'or')
  const facet = clause.field ? registry.get(clause.field) : undefined
  if (clause.field === 'after') return `dated ${either} or later`
  if (clause.field === 'before') return `dated before ${either}`
  const positive =
    facet?.kind === 'person'
      ? `naming ${either}`
      : facet?.kind === 'source'
        ? `from ${either}`
        : facet?.kind === 'topic'
          ? `on ${either}`
          : facet?.kind === 'tag'
            ? `tagged ${either}`
            : `with ${(facet?.title ?? clause.field ?? '').toLowerCase()} ${either}`
  return negated ? `not ${positive}` : positive
}

/**
 * How the query was read, as one plain sentence: "passages containing oil, prices and coff… (words starting
 * with), but not Iran, naming Ronald Reagan". Undefined when the query asks for nothing.
 */
export function readingSentence(reading: readonly QueryClause[], registry: FacetRegistry): string | undefined {
  const containing: string[] = []
  const rest: string[] = []
  for (const clause of reading) {
    if (clause.kind === 'all') containing.push(...clause.terms)
    else if (clause.kind === 'prefix') containing.push(...clause.terms.map(prefixWord))
    else if (clause.kind === 'phrase') containing.push(...clause.terms.map((term) => `the phrase “${term}”`))
    else if (clause.kind === 'any') containing.push(clause.terms.length === 2 ? `either ${listOf(clause.terms, 'or')}` : `any of ${listOf(clause.terms, 'or')}`)
    else if (clause.kind === 'not' && !clause.field) rest.push(`but not ${listOf(clause.terms, 'or')}`)
    else if (clause.kind === 'not') rest.push(fieldPhrase(clause, registry, true))
    else if (clause.kind === 'field') rest.push(fieldPhrase(clause, registry, false))
  }
  if (containing.length === 0 && rest.length === 0) return undefined
  const head = containing.length > 0 ? `passages containing ${listOf(containing)}` : 'passages'
  return [head, ...rest].join(', ')
}

/** The number of edits (insert, delete, substitute) between two short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = row
  }
  return previous[b.length]!
}

/** Edits a typed word may be from a suggestion: one for short words, two from six letters on (as typo tolerance). */
function allowedEdits(word: string): number {
  return word.length >= 6 ? 2 : 1
}

/** A typed word and the spelling to put in its place. */
export interface Correction {
  /** The word as typed, and where it starts in the query. */
  word: string
  index: number
  suggestion: string
}

/**
 * Pairs each suggestion with the typed word it is a spelling of: within one edit of a word under six letters,
 * two from six on (as typo tolerance). A suggestion close to no typed word is dropped, so no unrelated word is
 * ever offered.
 */
export function corrections(query: string, suggestions: readonly string[]): Correction[] {
  const words = [...query.matchAll(/[\p{L}\p{N}'’]+/gu)].map((match) => ({ text: match[0], index: match.index }))
  const found: Correction[] = []
  for (const suggestion of suggestions) {
    const folded = foldTerm(suggestion)
    let best: { text: string; index: number; distance: number } | undefined
    for (const word of words) {
      const typed = foldTerm(word.text)
      if (typed === folded || typed.length < 3) continue
      const distance = editDistance(typed, folded)
      if (distance <= allowedEdits(typed) && (!best || distance < best.distance)) best = { ...word, distance }
    }
    if (best && !found.some((correction) => correction.index === best.index)) found.push({ word: best.text, index: best.index, suggestion })
  }
  return found
}

/** "Did you mean": the query with every correction made, keeping the rest as typed. */
export function suggestionLinks(query: string, fixes: readonly Correction[], path: string, current: URLSearchParams): LinkView[] {
  if (fixes.length === 0) return []
  let corrected = query
  for (const fix of [...fixes].sort((a, b) => b.index - a.index)) {
    const replacement = fix.word === fix.word.toLowerCase() ? fix.suggestion.toLowerCase() : fix.suggestion
    corrected = corrected.slice(0, fix.index) + replacement + corrected.slice(fix.index + fix.word.length)
  }
  return [{ label: corrected, href: pathWithChangedArgs(path, current, { add: [['q', corrected]], remove: ['q', 'page'] }) }]
}

export function buildSearchPageView(input: SearchViewInput): SearchPageView {
  const { response, request, basePath: path, registry } = input
  const current = new URLSearchParams(searchStatePairs(input.params, pageStateParams(registry)))
  const grouped = request.groupByArticle === true
  const size = response.size || defaults.pageSize
  const counted = grouped ? (response.totalArticles ?? response.total) : response.total
  const pageCount = Math.max(1, Math.ceil(counted / size))

  const chips = buildChips(input, current, path)
  const removable = chips.filter((chip) => chip.removeHref !== undefined)
  const filterParams: Removal[] = [...registry.names, ...registry.facets.map((facet) => facet.excludeParam), 'from', 'to', 'page', 'facet', 'contains']

  let countText = plural(response.total, 'passage', 'passages')
  if (grouped && response.totalArticles !== undefined) countText += ` in ${plural(response.totalArticles, 'article', 'articles')}`
  const tookText = `${response.tookMs.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`

  const results = response.results.map((hit) => resultView(hit, input, current, path))
  const groups = response.groups?.map((group) => {
    const first = group.hits[0]?.passage
    return {
      articleId: group.articleId,
      title: group.title,
      articleHref: articleHref(group.articleId, first?.id, response.query),
      source: first?.source ?? '',
      sourceHref: pathWithChangedArgs(path, current, { add: [['source', first?.source ?? '']], remove: ['page'] }),
      date: first?.date,
      results: group.hits.map((hit) => resultView(hit, input, current, path)),
      moreMatches: group.moreMatches,
    }
  })

  const exportNames = searchParamNames(registry).filter((name) => !['page', 'size', 'group', 'collapse'].includes(name))
  const exportState = searchStatePairs(current, exportNames)
  // The page read the last word as a prefix; the export must read it the same way (the API's default is not to).
  if (request.prefixLastWord && !current.has('prefix')) exportState.push(['prefix', 'last'])
  const exportLinks =
    response.total === 0
      ? []
      : (['csv', 'jsonl'] as const).map((format) => ({
          label: format.toUpperCase(),
          href: pathWithPairs('/api/export', [...exportState, ...(input.fixedPairs ?? []), ['format', format]]),
        }))

  // A feed or a batch follows the search with the filters the page fixes (a person page's person).
  const followState = new URLSearchParams([...current, ...(input.fixedPairs ?? [])])

  // Folding is said only when it changed something, or when the reader turned it off.
  const collapsing = request.collapse !== false
  const folding: SearchPageView['folding'] = grouped
    ? undefined
    : !collapsing
      ? { text: 'Every passage is listed, repeats included.', toggle: { label: 'Fold repeats', href: pathWithChangedArgs(path, current, { remove: ['collapse', 'page'] }) } }
      : response.collapsed
        ? {
            text: `${plural(response.collapsed, 'passage repeating a result is', 'passages repeating results are')} folded into ${response.collapsed === 1 ? 'it' : 'them'} (the count of ${plural(response.total, 'passage', 'passages')} includes ${response.collapsed === 1 ? 'it' : 'them'}).`,
            toggle: { label: 'Show repeats', href: pathWithChangedArgs(path, current, { add: [['collapse', '0']], remove: ['collapse', 'page'] }) },
          }
        : undefined

  const loosenLinks: LoosenLink[] =
    response.total === 0
      ? removable
          .map((chip) => ({
            label: `${chip.excluded ? `Not ${chip.facetTitle.toLowerCase()}` : chip.facetTitle}: ${chip.label}`,
            href: chip.removeHref!,
            total: chip.key ? input.loosenTotals?.get(chip.key) : undefined,
          }))
          .sort((a, b) => (b.total ?? -1) - (a.total ?? -1))
      : []

  return {
    basePath: path,
    query: response.query,
    documentTitle: response.query ? `${response.query} – Clippings` : 'Clippings',
    formState: [...current].filter(([name]) => !['q', 'page', 'facet', 'contains'].includes(name)),
    statusText: countText,
    countText,
    tookText,
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
    folding,
    pagination: response.total === 0 ? undefined : buildPagination(response.page, pageCount, path, current),
    readingText: readingSentence(response.reading, registry),
    relaxed: response.relaxed === true && response.total > 0,
    partialText: response.partial
      ? 'This search took too long and was stopped early: the results and counts cover only what was matched by then.'
      : undefined,
    retryHref: pathWithPairs(path, [...current]),
    notices: response.notices ?? [],
    suggestions:
      response.total === 0 ? suggestionLinks(response.query, corrections(response.query, response.suggestions ?? []), path, current) : [],
    loosenLinks,
    timeline:
      response.timeline && response.total > 0
        ? buildTimelineView({ timeline: response.timeline, request, path, current, registry })
        : undefined,
    dateFilter: {
      from: request.from ?? '',
      to: request.to ?? '',
      hidden: [...current].filter(([name]) => name !== 'from' && name !== 'to' && name !== 'page'),
      action: path,
    },
    exportLinks,
    feedHref: feedHref(followState, registry.params),
    batchHref: batchHref(followState, registry.params),
  }
}
