// The JSON shapes of the API: a search response, a passage and an article, with dates as ISO strings or null
// and snippets as HTML whose only tags are <mark> around escaped text.
import type { ArticleRecord, FacetCounts, FacetName, Passage, SearchHit, SearchResponse } from '../model.ts'
import { passagePath } from './export-format.ts'
import { snippetHtml } from '../../views/highlight.tsx'

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
}

export interface ApiFacetValue {
  value: string
  count: number
  selected: boolean
}

/** The facets the API lists, in order. */
export const API_FACETS = ['source', 'topic', 'person', 'year'] as const satisfies readonly FacetName[]

export interface ApiSearchResponse {
  query: string
  total: number
  page: number
  size: number
  tookMs: number
  results: ApiSearchResult[]
  facets: Record<(typeof API_FACETS)[number], ApiFacetValue[]>
  reading: SearchResponse['reading']
  relaxed: boolean
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
  }
}

function apiFacet(counts: FacetCounts | undefined): ApiFacetValue[] {
  return (counts?.values ?? []).map((value) => ({ value: value.value, count: value.count, selected: value.selected }))
}

export function apiSearchResponse(response: SearchResponse): ApiSearchResponse {
  const body: ApiSearchResponse = {
    query: response.query,
    total: response.total,
    page: response.page,
    size: response.size,
    tookMs: response.tookMs,
    results: response.results.map(apiResult),
    facets: {
      source: apiFacet(response.facets.source),
      topic: apiFacet(response.facets.topic),
      person: apiFacet(response.facets.person),
      year: apiFacet(response.facets.year),
    },
    reading: response.reading,
    relaxed: response.relaxed === true,
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
