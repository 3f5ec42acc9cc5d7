// Builds what the article, passage and person pages show from engine records: sections, highlight ranges,
// and the links from an article's people, topics and source to filtered searches.
import type { ArticleRecord, FacetValue, Passage, Range } from '../model.ts'
import { passagePath } from './export-format.ts'
import { articleHref } from './search-view-model.ts'
import { pathWithPairs } from './url-state.ts'
import { rangesForTerms } from './term-ranges.ts'

export interface TagLink {
  label: string
  href: string
}

export interface PassageBlockView {
  passage: Passage
  /** The element id the passage is addressable by: `p-<passageId>`. */
  anchor: string
  ranges: Range[]
  permalink: string
  /** The link a reader copies: the article scrolled to this passage. */
  shareHref: string
}

export interface ArticleSectionView {
  heading?: string
  passages: PassageBlockView[]
}

export interface ArticlePageView {
  article: ArticleRecord
  query: string
  /** The source's own page, only when it is an http(s) URL (never a `javascript:` one). */
  externalUrl?: string
  sourceHref: string
  sections: ArticleSectionView[]
  people: TagLink[]
  topics: TagLink[]
  /** Back to the search the reader came from. */
  searchHref?: string
  matchCount: number
}

export interface PassagePageView {
  passage: Passage
  before?: PassageBlockView
  after?: PassageBlockView
  current: PassageBlockView
  /** How many passages the article has. */
  passageCount: number
  articleHref: string
  sourceHref: string
  people: TagLink[]
  topics: TagLink[]
  externalUrl?: string
}

export interface PersonPageExtras {
  name: string
  coMentioned: Array<{ name: string; count: number; href: string }>
  sources: Array<{ name: string; count: number; href: string }>
}

/** A URL safe to link to from a page: http(s) only. */
export function safeExternalUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

export function searchHref(pairs: Array<[string, string]>): string {
  return pathWithPairs('/', pairs)
}

export function personPath(name: string): string {
  return `/people/${encodeURIComponent(name)}`
}

function topicLinks(topics: readonly string[], labels: ReadonlyMap<string, string>): TagLink[] {
  return topics.map((id) => ({ label: labels.get(id) ?? id, href: searchHref([['topic', id]]) }))
}

function peopleLinks(people: readonly string[]): TagLink[] {
  return people.map((name) => ({ label: name, href: searchHref([['person', name]]) }))
}

function passageBlock(passage: Passage, terms: readonly string[]): PassageBlockView {
  return {
    passage,
    anchor: `p-${passage.id}`,
    ranges: rangesForTerms(passage.text, terms),
    permalink: passagePath(passage.id),
    shareHref: articleHref(passage.articleId, passage.id, ''),
  }
}

/** Consecutive passages under the same heading form one section. */
export function buildArticleView(input: {
  article: ArticleRecord
  passages: Passage[]
  query: string
  matchedTerms: readonly string[]
  topicLabels: ReadonlyMap<string, string>
}): ArticlePageView {
  const sections: ArticleSectionView[] = []
  let matchCount = 0
  for (const passage of input.passages) {
    const block = passageBlock(passage, input.matchedTerms)
    matchCount += block.ranges.length
    const last = sections.at(-1)
    if (last && last.heading === passage.section) last.passages.push(block)
    else sections.push({ heading: passage.section, passages: [block] })
  }
  return {
    article: input.article,
    query: input.query,
    externalUrl: safeExternalUrl(input.article.url),
    sourceHref: searchHref([['source', input.article.source]]),
    sections,
    people: peopleLinks(input.article.people),
    topics: topicLinks(input.article.topics, input.topicLabels),
    searchHref: input.query ? searchHref([['q', input.query]]) : undefined,
    matchCount,
  }
}

export function buildPassageView(input: { passage: Passage; articlePassages: Passage[]; topicLabels: ReadonlyMap<string, string> }): PassagePageView {
  const { passage } = input
  const index = input.articlePassages.findIndex((candidate) => candidate.id === passage.id)
  const before = index > 0 ? input.articlePassages[index - 1] : undefined
  const after = index >= 0 ? input.articlePassages[index + 1] : undefined
  return {
    passage,
    before: before ? passageBlock(before, []) : undefined,
    after: after ? passageBlock(after, []) : undefined,
    current: passageBlock(passage, []),
    passageCount: input.articlePassages.length,
    articleHref: articleHref(passage.articleId, passage.id, ''),
    sourceHref: searchHref([['source', passage.source]]),
    people: peopleLinks(passage.people),
    topics: topicLinks(passage.topics, input.topicLabels),
    externalUrl: safeExternalUrl(passage.url),
  }
}

/** The people named most often alongside a person, and the sources that name them, from a search's facets. */
export function buildPersonExtras(name: string, people: readonly FacetValue[], sources: readonly FacetValue[]): PersonPageExtras {
  return {
    name,
    coMentioned: people
      .filter((value) => value.value !== name && value.count > 0)
      .slice(0, 10)
      .map((value) => ({ name: value.label || value.value, count: value.count, href: personPath(value.value) })),
    sources: sources
      .filter((value) => value.count > 0)
      .map((value) => ({ name: value.label || value.value, count: value.count, href: pathWithPairs(personPath(name), [['source', value.value]]) })),
  }
}
