// Atom 1.0 (RFC 4287) for following a search in a feed reader: the feed document as a string, every piece of
// text escaped for XML (and, inside HTML content, for HTML first), characters XML 1.0 cannot carry dropped, so
// a corpus with markup or control characters in it still gives a well-formed feed.
import type { PartialDate } from '../model.ts'
import { pathWithPairs, searchStatePairs } from './url-state.ts'
import { BUILT_IN_REGISTRY } from '../facets/registry.ts'

/** The feed of a search lives here; its parameters are the search page's. */
export const FEED_PATH = '/feeds/search.atom'

/** Parameters that change what a search finds (the rest, page, sort, size, grouping, only how it is shown). */
const FEED_STATE_PARAMS = ['q', 'from', 'to', 'prefix'] as const

/**
 * The feed of the search in `current` (a search page's parameters): the query, facet filters and dates, in a
 * stable order, without page, sort, size or grouping. `facetParams` names the facets' parameters (the
 * registry's `params`); the built-in facets' by default.
 */
export function feedHref(current: URLSearchParams, facetParams: readonly string[] = BUILT_IN_REGISTRY.params): string {
  return pathWithPairs(FEED_PATH, searchStatePairs(current, feedStateParams(facetParams)))
}

/** The names `feedHref` keeps, in its order. */
export function feedStateParams(facetParams: readonly string[]): string[] {
  return [FEED_STATE_PARAMS[0], ...facetParams, ...FEED_STATE_PARAMS.slice(1)]
}

export interface FeedLink {
  href: string
  rel: 'alternate' | 'self' | 'related'
  type?: string
  title?: string
}

export interface FeedEntry {
  /** A permanent, absolute IRI: the passage's permalink. */
  id: string
  title: string
  /** RFC 3339 timestamps. */
  updated: string
  published?: string
  author: string
  links: FeedLink[]
  /** HTML, escaped here as XML text (Atom `type="html"`). */
  contentHtml: string
  categories: Array<{ term: string; label: string; scheme?: string }>
}

export interface Feed {
  /** A permanent, absolute IRI: the feed's own canonical address. */
  id: string
  title: string
  subtitle?: string
  updated: string
  links: FeedLink[]
  /** Named in `<generator>` and as the feed's author (every entry has its own too). */
  generator: string
  entries: FeedEntry[]
}

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, line feed and return; lone surrogates; U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text safe as XML character data or an attribute value (either quote). */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!)
}

/**
 * A publication date as an RFC 3339 timestamp: its first moment in UTC (`2025-10` is `2025-10-01T00:00:00Z`),
 * which stays the same on every fetch; `fallback` (a timestamp) for an undated passage.
 */
export function atomTimestamp(date: PartialDate | undefined, fallback: string): string {
  if (!date) return new Date(fallback).toISOString()
  const [year, month = '01', day = '01'] = date.iso.split('-')
  return `${year}-${month}-${day}T00:00:00Z`
}

function linkElement(link: FeedLink, indent: string): string {
  const type = link.type ? ` type="${escapeXml(link.type)}"` : ''
  const title = link.title ? ` title="${escapeXml(link.title)}"` : ''
  return `${indent}<link rel="${link.rel}"${type}${title} href="${escapeXml(link.href)}"/>`
}

function entryElement(entry: FeedEntry): string {
  const lines = [
    '  <entry>',
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title type="text">${escapeXml(entry.title)}</title>`,
    `    <updated>${escapeXml(entry.updated)}</updated>`,
    ...(entry.published ? [`    <published>${escapeXml(entry.published)}</published>`] : []),
    `    <author><name>${escapeXml(entry.author)}</name></author>`,
    ...entry.links.map((link) => linkElement(link, '    ')),
    ...entry.categories.map(
      (category) =>
        `    <category term="${escapeXml(category.term)}" label="${escapeXml(category.label)}"${category.scheme ? ` scheme="${escapeXml(category.scheme)}"` : ''}/>`,
    ),
    `    <content type="html">${escapeXml(entry.contentHtml)}</content>`,
    '  </entry>',
  ]
  return lines.join('\n')
}

/** The feed as an Atom 1.0 document. */
export function renderAtom(feed: Feed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    `  <author><name>${escapeXml(feed.generator)}</name></author>`,
    `  <generator>${escapeXml(feed.generator)}</generator>`,
    ...feed.links.map((link) => linkElement(link, '  ')),
    ...feed.entries.map(entryElement),
    '</feed>',
    '',
  ].join('\n')
}
