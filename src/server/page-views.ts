// Builds what the article, passage and person pages show from engine records: sections, highlight ranges with
// links from match to match, and the links from an article's people, topics and source to filtered searches.
import type { ArticleRecord, FacetValue, Passage, Range } from '../model.ts'
import { splitByRanges } from '../../views/highlight.tsx'
import { passagePath } from './export-format.ts'
import { articleHref } from './search-view-model.ts'
import { pathWithPairs } from './url-state.ts'

export interface TagLink {
  label: string
  href: string
}

/** Where a passage's marked matches sit among the article's, and the links to the matches either side. */
export interface PassageMatchesView {
  /** The 1-based number of the passage's first match in the article; its marks are `#m-<first>` onwards. */
  first: number
  count: number
  /** The last match of the nearest passage before with matches (`#m-<n>`), if any. */
  previousHref?: string
  /** The first match of the nearest passage after with matches, if any. */
  nextHref?: string
}

/** One paragraph of a passage's text, with the ranges to mark in it (relative to `text`). */
export interface ParagraphView {
  text: string
  ranges: Range[]
}

export interface PassageBlockView {
  passage: Passage
  /** The element id the passage is addressable by: `p-<passageId>`. */
  anchor: string
  /** Highlight ranges over the whole passage text. */
  ranges: Range[]
  /**
   * The passage's paragraphs (a passage may join several, separated by a blank line), each drawn as its own
   * paragraph so the space between paragraphs is the same within a passage as between passages.
   */
  paragraphs: ParagraphView[]
  /** Set when the reader's query matches in the passage (article pages only). */
  matches?: PassageMatchesView
  permalink: string
  /** The link a reader copies: the article scrolled to this passage. */
  shareHref: string
}

/** The element id of the article's n-th match (1-based). */
export function matchAnchor(n: number): string {
  return `m-${n}`
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
  /** Matches of the query marked in the article. */
  matchCount: number
  /** The words of the article that matched (stemmed, prefix and typo-tolerant forms), for the note. */
  matchedWords: string[]
  /** The first match, `#m-1`, when there is one. */
  firstMatchHref?: string
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

/** A text's paragraphs (split at blank lines, trimmed, empty ones dropped), each with its share of `ranges`. */
export function paragraphsOf(text: string, ranges: readonly Range[]): ParagraphView[] {
  const paragraphs: ParagraphView[] = []
  const boundary = /\n[^\S\n]*\n\s*/g
  let start = 0
  const add = (from: number, to: number) => {
    const raw = text.slice(from, to)
    const lead = raw.length - raw.trimStart().length
    const body = raw.trim()
    if (body === '') return
    const offset = from + lead
    const end = offset + body.length
    const own = ranges
      .filter(([a, b]) => b > offset && a < end)
      .map(([a, b]): Range => [Math.max(a, offset) - offset, Math.min(b, end) - offset])
    paragraphs.push({ text: body, ranges: own })
  }
  for (const match of text.matchAll(boundary)) {
    add(start, match.index)
    start = match.index + match[0].length
  }
  add(start, text.length)
  return paragraphs
}

function passageBlock(passage: Passage, ranges: Range[] = []): PassageBlockView {
  return {
    passage,
    anchor: `p-${passage.id}`,
    ranges,
    paragraphs: paragraphsOf(passage.text, ranges),
    permalink: passagePath(passage.id),
    shareHref: articleHref(passage.articleId, passage.id, ''),
  }
}

/** The number of marks a passage's paragraphs make (touching or overlapping ranges make one, as the view draws them). */
export function markCount(paragraphs: readonly ParagraphView[]): number {
  let count = 0
  for (const paragraph of paragraphs) {
    if (paragraph.ranges.length > 0) count += splitByRanges(paragraph.text, paragraph.ranges).filter((piece) => piece.marked).length
  }
  return count
}

/** Numbers every passage's marks through the article and links each passage's to the matches either side. */
function numberMatches(blocks: PassageBlockView[]): number {
  let total = 0
  const withMatches: PassageMatchesView[] = []
  for (const block of blocks) {
    const count = markCount(block.paragraphs)
    if (count === 0) continue
    block.matches = { first: total + 1, count }
    withMatches.push(block.matches)
    total += count
  }
  withMatches.forEach((matches, index) => {
    if (index > 0) matches.previousHref = `#${matchAnchor(matches.first - 1)}`
    if (index < withMatches.length - 1) matches.nextHref = `#${matchAnchor(matches.first + matches.count)}`
  })
  return total
}

/** Words once each, ignoring case, in the order first met. */
function distinctWords(words: readonly string[]): string[] {
  const seen = new Map<string, string>()
  for (const word of words) {
    const key = word.toLocaleLowerCase('en')
    if (!seen.has(key)) seen.set(key, word)
  }
  return [...seen.values()]
}

/**
 * Consecutive passages under the same heading form one section. `ranges[i]` are the query's matches in
 * `passages[i]` (from the engine's highlight), none without a query.
 */
export function buildArticleView(input: {
  article: ArticleRecord
  passages: Passage[]
  query: string
  ranges?: readonly Range[][]
  matchedWords?: readonly string[]
  topicLabels: ReadonlyMap<string, string>
}): ArticlePageView {
  const sections: ArticleSectionView[] = []
  const blocks = input.passages.map((passage, index) => passageBlock(passage, input.ranges?.[index] ? [...input.ranges[index]] : []))
  const matchCount = numberMatches(blocks)
  for (const block of blocks) {
    const last = sections.at(-1)
    if (last && last.heading === block.passage.section) last.passages.push(block)
    else sections.push({ heading: block.passage.section, passages: [block] })
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
    matchedWords: distinctWords(input.matchedWords ?? []),
    firstMatchHref: matchCount > 0 ? `#${matchAnchor(1)}` : undefined,
  }
}

export function buildPassageView(input: { passage: Passage; articlePassages: Passage[]; topicLabels: ReadonlyMap<string, string> }): PassagePageView {
  const { passage } = input
  const index = input.articlePassages.findIndex((candidate) => candidate.id === passage.id)
  const before = index > 0 ? input.articlePassages[index - 1] : undefined
  const after = index >= 0 ? input.articlePassages[index + 1] : undefined
  return {
    passage,
    before: before ? passageBlock(before) : undefined,
    after: after ? passageBlock(after) : undefined,
    current: passageBlock(passage),
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
