// The JSON shapes of the API: a search response, a facet's values, a passage and an article, with dates as ISO
// strings or null and snippets as HTML whose only tags are <mark> around escaped text. A search's JSON carries
// what its page shows: every facet of the index with each value's label, count, state and toggle link.
import type { FacetRegistry } from '../facets/registry.ts'
import type { ArticleRecord, FacetValue, Passage, SearchHit, SearchResponse, Timeline } from '../model.ts'
import { passagePath } from './export-format.ts'
import { searchParamNames } from './params.ts'
import { displayLabel } from './search-view-model.ts'
import { facetExcludeHref, facetToggleHref, searchStatePairs } from './url-state.ts'
import { snippetHtml } from '../../views/highlight.tsx'

export interface ApiDuplicate {
  id: string
  articleId: string
  title: string
  source: string
  url: string
}

export interface ApiSearchResult {
  id: string
  articleId: string
  title: string
  source: string
  date: string | null
  section: string | null
  text: string
  snippet: string
  people: string[]
  topics: string[]
  url: string
  /** Passages folded into this one because they repeat it (empty unless folding found some). */
  duplicates: ApiDuplicate[]
  /** The corpus's own field values (`places`, `orgs`, `tag`, …), by facet name. */
  fields: Record<string, string[]>
}

export interface ApiFacetValue {
  value: string
  label: string
  count: number
  selected: boolean
  excluded: boolean
  /** The same search with this value toggled (selected, unselected, or its exclusion lifted). */
  href: string
  /** The same search with this value excluded; null once it is. */
  excludeHref: string | null
  /** In a two-level facet (topic), the value's parent; null at the top level. */
  parent?: string | null
}

export interface ApiFacet {
  title: string
  values: ApiFacetValue[]
  /** More values exist than are listed. */
  truncated: boolean
}

export interface ApiSearchResponse {
  query: string
  total: number
  page: number
  size: number
  tookMs: number
  results: ApiSearchResult[]
  /** One entry per facet of the index, in the registry's order. */
  facets: Record<string, ApiFacet>
  reading: SearchResponse['reading']
  relaxed: boolean
  /** The search stopped early (its time budget): counts cover what was matched by then. */
  partial: boolean
  /** What the engine limited, in words. */
  notices: string[]
  /** Other spellings that would match, when nothing matched. */
  suggestions: string[]
  /** Matching passages per year, month or day. */
  timeline: Timeline | null
  /** Passages folded into the results up to this page as repeats; `total` counts them too. */
  collapsed: number
  /** With `group=article` only: each article once, its best passages' ids and how many more matched. */
  groups?: Array<{ articleId: string; title: string; passageIds: string[]; moreMatches: number }>
  totalArticles?: number
}

export function apiResult(hit: SearchHit): ApiSearchResult {
  const { passage } = hit
  return {
    id: passage.id,
    articleId: passage.articleId,
    title: passage.title,
    source: passage.source,
    date: passage.date?.iso ?? null,
    section: passage.section ?? null,
    text: passage.text,
    snippet: snippetHtml(hit.snippet),
    people: passage.people,
    topics: passage.topics,
    url: passagePath(passage.id),
    duplicates: (hit.duplicates ?? []).map((duplicate) => ({
      id: duplicate.passageId,
      articleId: duplicate.articleId,
      title: duplicate.title,
      source: duplicate.source,
      url: passagePath(duplicate.passageId),
    })),
    fields: passage.fields ?? {},
  }
}

/** Where a search's facet links point and which parameters they keep. */
export interface ApiLinkContext {
  registry: FacetRegistry
  /** The request's URL parameters. */
  params: URLSearchParams
  /** The route the links go to: `/api/search`, or `/api/facets/<name>`. Default `/api/search`. */
  path?: string
}

/** A facet value as the API lists it, with links that toggle or exclude it in the same search. */
export function apiFacetValue(facetName: string, value: FacetValue, context: ApiLinkContext, current: URLSearchParams): ApiFacetValue {
  const facet = context.registry.get(facetName)!
  const path = context.path ?? '/api/search'
  const selected = current.getAll(facet.name).includes(value.value)
  const excluded = current.getAll(facet.excludeParam).includes(value.value)
  const entry: ApiFacetValue = {
    value: value.value,
    label: displayLabel(facet, value.label || value.value),
    count: value.count,
    selected: selected || value.selected,
    excluded: excluded || value.excluded,
    href: facetToggleHref(path, current, facet, value.value),
    excludeHref: excluded ? null : facetExcludeHref(path, current, facet, value.value),
  }
  if (facet.hierarchical) entry.parent = value.parent ?? null
  return entry
}

/** The parameters links keep: the search's own, in a stable order. */
export function apiLinkState(context: ApiLinkContext): URLSearchParams {
  return new URLSearchParams(searchStatePairs(context.params, searchParamNames(context.registry)))
}

export function apiSearchResponse(response: SearchResponse, context: ApiLinkContext): ApiSearchResponse {
  const current = apiLinkState(context)
  const facets: Record<string, ApiFacet> = {}
  for (const facet of context.registry.facets) {
    const counts = response.facets[facet.name]
    facets[facet.name] = {
      title: facet.title,
      values: (counts?.values ?? []).map((value) => apiFacetValue(facet.name, value, context, current)),
      truncated: counts?.truncated ?? false,
    }
  }
  const body: ApiSearchResponse = {
    query: response.query,
    total: response.total,
    page: response.page,
    size: response.size,
    tookMs: response.tookMs,
    results: response.results.map(apiResult),
    facets,
    reading: response.reading,
    relaxed: response.relaxed === true,
    partial: response.partial === true,
    notices: response.notices ?? [],
    suggestions: response.suggestions ?? [],
    timeline: response.timeline ?? null,
    collapsed: response.collapsed ?? 0,
  }
  if (response.groups) {
    body.groups = response.groups.map((group) => ({
      articleId: group.articleId,
      title: group.title,
      passageIds: group.hits.map((hit) => hit.passage.id),
      moreMatches: group.moreMatches,
    }))
    body.totalArticles = response.totalArticles
  }
  return body
}

export function apiPassage(passage: Passage) {
  return {
    id: passage.id,
    articleId: passage.articleId,
    position: passage.position,
    title: passage.title,
    source: passage.source,
    author: passage.author ?? null,
    date: passage.date?.iso ?? null,
    section: passage.section ?? null,
    text: passage.text,
    people: passage.people,
    topics: passage.topics,
    url: passagePath(passage.id),
    articleUrl: `/articles/${encodeURIComponent(passage.articleId)}#p-${encodeURIComponent(passage.id)}`,
    sourceUrl: passage.url ?? null,
  }
}

export function apiArticle(article: ArticleRecord, passages: Passage[]) {
  return {
    id: article.id,
    title: article.title,
    titleOrigin: article.titleOrigin,
    source: article.source,
    sourceUrl: article.url ?? null,
    author: article.author ?? null,
    authorRole: article.authorRole ?? null,
    date: article.date?.iso ?? null,
    place: article.place ?? null,
    language: article.language,
    people: article.people,
    topics: article.topics,
    url: `/articles/${encodeURIComponent(article.id)}`,
    passages: passages.map(apiPassage),
  }
}
