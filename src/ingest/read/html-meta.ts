// What a web page says about itself, read from its head and header before Readability rewrites it:
// title, site name, canonical URL, publication date, authors and language.
//
// The publication date is read from these places, first found wins:
//   1. schema.org JSON-LD: the Article's `datePublished` (else `dateCreated`);
//   2. Open Graph article tags: `article:published_time`, `og:article:published_time`,
//      `article:publicationdate`, `og:published_time`, `published_time`;
//   3. microdata: an element with `itemprop="datePublished"` (its `content`, `datetime` or text);
//   4. named meta tags: `pdate`, `publishdate`, `pubdate`, `publish-date`, `publish_date`, `date`,
//      `datepublished`, `dc.date`, `dc.date.issued`, `dc.date.created`, `dcterms.created`,
//      `dcterms.issued`, `dcterms.date`, `sailthru.date`, `parsely-pub-date`, `citation_publication_date`,
//      `article_date_original`, `published_at`;
//   5. a `<time datetime>` in the article's header: one marked `pubdate`, or inside a `<header>`, or inside
//      the `<article>` before its first paragraph, unless it is labelled as an update;
//   6. a date written out between the headline (`<h1>`) and the first paragraph ("Reviewed: June 7, 2019",
//      "By Jane Doe on Monday, November 18th, 2019"), to the day, not labelled as an update.
// A value that is not a real date (`0001-01-01`, a Unix stamp glued to a time) is passed over.
import type { ArticleMeta, PartialDate } from '../../model.ts'
import { parsePartialDate } from '../../text/dates.ts'
import { isPersonName } from '../clean/shape.ts'
import { sourceFromUrl } from '../metadata.ts'
import { normalizeLanguageTag } from './record-meta.ts'

/** The parts of a linkedom document and its elements these readers use. */
export interface HtmlElement {
  nodeType: number
  tagName: string
  textContent: string | null
  parentElement: HtmlElement | null
  firstChild: HtmlNode | null
  nextSibling: HtmlNode | null
  getAttribute(name: string): string | null
  hasAttribute(name: string): boolean
  querySelectorAll(selector: string): Iterable<HtmlElement>
  querySelector(selector: string): HtmlElement | null
  closest(selector: string): HtmlElement | null
}
export type HtmlNode = Pick<HtmlElement, 'nodeType' | 'textContent' | 'firstChild' | 'nextSibling'> & Partial<HtmlElement>
export interface HtmlDocument {
  documentElement: HtmlElement | null
  body: HtmlElement | null
  querySelectorAll(selector: string): Iterable<HtmlElement>
  querySelector(selector: string): HtmlElement | null
}

const OPEN_GRAPH_DATES = ['article:published_time', 'og:article:published_time', 'article:publicationdate', 'og:published_time', 'published_time']
const NAMED_DATES = [
  'pdate', 'publishdate', 'pubdate', 'publish-date', 'publish_date', 'date', 'datepublished', 'dc.date', 'dc.date.issued',
  'dc.date.created', 'dcterms.created', 'dcterms.issued', 'dcterms.date', 'sailthru.date', 'parsely-pub-date',
  'citation_publication_date', 'article_date_original', 'published_at',
]
// Author tags, most specific first: `article:author` names this article's writer where `author` is often
// the publisher ("Condé Nast").
const AUTHOR_TAGS = ['article:author', 'og:article:author', 'author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'citation_author']
const SITE_NAME_TAGS = ['og:site_name', 'application-name', 'apple-mobile-web-app-title']
const LANGUAGE_TAGS = ['content-language', 'dc.language', 'language']

/** What the page says about itself, and the names it gives the site (to tell them from authors). */
export interface PageMeta {
  meta: ArticleMeta
  siteNames: string[]
}

/** Reads the page's own metadata. Bounded: one pass over the meta tags, selector queries, no recursion. */
export function readPageMeta(document: HtmlDocument): PageMeta {
  const tags = metaTags(document)
  const tag = (...keys: string[]) => keys.map((key) => tags.get(key)?.find((value) => value)).find((value) => value)
  const jsonLd = articleFromJsonLd(document)
  const meta: ArticleMeta = {}

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim()
  const url = [canonical, tag('og:url'), jsonLd.url].find((candidate) => candidate && /^https?:\/\//i.test(candidate))
  if (url) meta.url = url

  // a site name given as a URL ("https://www.newsnation.in") is named by its host
  const statedSiteName = tag('og:site_name') ?? jsonLd.publisher
  const siteName = statedSiteName && /^https?:\/\//i.test(statedSiteName) ? sourceFromUrl(statedSiteName) : statedSiteName
  if (siteName) meta.source = siteName
  const siteNames = [
    ...SITE_NAME_TAGS.map((key) => tag(key)),
    jsonLd.publisher,
    tag('twitter:site')?.replace(/^@/, ''),
    url ? sourceFromUrl(url) : undefined,
    url ? undefined : linkedHost(document),
  ].filter((name): name is string => Boolean(name))

  const title = pageTitle(document, tag, jsonLd.headline, siteNames)
  if (title) meta.title = title

  const date = publishedDate(document, tag, jsonLd)
  if (date) meta.date = date

  const author = pageAuthor(document, tag, jsonLd.authors, siteNames)
  if (author) meta.author = author

  const language = [document.documentElement?.getAttribute('lang'), ...LANGUAGE_TAGS.map((key) => tag(key)), jsonLd.inLanguage]
    .map((value) => value?.trim().split(/[\s,;]+/).find((part) => /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(part)))
    .find(Boolean)
  if (language) meta.language = normalizeLanguageTag(language)
  return { meta, siteNames }
}

/**
 * The host most of the page's absolute links point to, when the page does not state its own URL: a saved
 * page links to its own site far more than to any other.
 */
function linkedHost(document: HtmlDocument): string | undefined {
  const counts = new Map<string, number>()
  let links = 0
  for (const link of document.querySelectorAll('a[href^="http"]')) {
    if (++links > 500) break
    const host = sourceFromUrl(link.getAttribute('href') ?? '')
    if (host) counts.set(host, (counts.get(host) ?? 0) + 1)
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1])
  return best && best[1] >= 3 && best[1] * 2 > links ? best[0] : undefined
}

/** Every meta tag's content by its lowercased property, name, itemprop or http-equiv, in page order. */
function metaTags(document: HtmlDocument): Map<string, string[]> {
  const tags = new Map<string, string[]>()
  for (const element of document.querySelectorAll('meta')) {
    const content = element.getAttribute('content')?.replace(/\s+/g, ' ').trim()
    if (!content) continue
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase()
      if (!key) continue
      const values = tags.get(key) ?? []
      values.push(content)
      tags.set(key, values)
    }
  }
  return tags
}

// ---------------------------------------------------------------------------------------------
// Dates

type TagReader = (...keys: string[]) => string | undefined

function publishedDate(document: HtmlDocument, tag: TagReader, jsonLd: JsonLdArticle): PartialDate | undefined {
  const candidates = function* (): Generator<string | null | undefined> {
    yield jsonLd.datePublished
    for (const key of OPEN_GRAPH_DATES) yield tag(key)
    for (const element of document.querySelectorAll('[itemprop="datePublished"]')) {
      yield element.getAttribute('content')
      yield element.getAttribute('datetime')
      yield element.textContent
    }
    for (const key of NAMED_DATES) yield tag(key)
    yield headerTime(document)
  }
  for (const candidate of candidates()) {
    const date = candidate ? parsePartialDate(candidate.trim()) : undefined
    if (date) return date
  }
  return headerDateLine(document)
}

// Labels before a date in a page's header: "Published", "Posted on", "Reviewed:", "on", "Publié le".
const DATE_LABEL = /^(?:(?:first\s+)?(?:published|posted|reviewed|released|dated|created|publié|publicado|pubblicato|veröffentlicht)(?:\s+(?:on|at|le|el|em|il|am))?|on|le|am)\s*[:：]?\s*/iu

/**
 * A date the page shows in its header as text, between the headline and the first paragraph: "Reviewed:
 * June 7, 2019", "By Jane Doe on Monday, November 18th, 2019 at 11:08 a.m.". Read as a line of text
 * (a bare year is not enough); a date labelled as an update is passed over.
 */
function headerDateLine(document: HtmlDocument): PartialDate | undefined {
  const headline = document.querySelector('h1')
  if (!headline || !document.body) return undefined
  let passedHeadline = false
  let looked = 0
  let visited = 0
  const stack: HtmlNode[] = [document.body as HtmlNode]
  while (stack.length > 0 && looked < 400 && ++visited < MAX_NODES_SCANNED) {
    const node = stack.pop()!
    if ((node as unknown as HtmlElement) === headline) {
      passedHeadline = true
      continue
    }
    if (node.nodeType === 3) {
      if (!passedHeadline) continue
      looked++
      const parent = (node as unknown as { parentElement: HtmlElement | null }).parentElement
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (!text) continue
      const parentText = (parent?.textContent ?? '').replace(/\s+/g, ' ').trim()
      const date = UPDATE_LABEL.test(labelBefore(parent, text)) ? undefined : dateInLine(text) ?? (parentText.length < 160 ? dateInLine(parentText) : undefined)
      if (date) return date
      // the first paragraph of running text ends the header
      if (parent?.tagName === 'P' && parentText.split(' ').length >= 15 && !/^(?:by|par|von|por)\s/i.test(parentText)) return undefined
      continue
    }
    if (node.nodeType !== 1 || /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|NAV|FOOTER|ASIDE)$/i.test(node.tagName ?? '')) continue
    const children: HtmlNode[] = []
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child)
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!)
  }
  return undefined
}

/**
 * The words just before a text in the nearest enclosing element that has more text than it ("Last
 * updated" in "Last updated <time>February 24, 2020</time>").
 */
function labelBefore(parent: HtmlElement | null, text: string): string {
  let element = parent
  for (let level = 0; element && level < 3; level++, element = element.parentElement) {
    const context = (element.textContent ?? '').replace(/\s+/g, ' ').trim()
    if (context.length > 400) break
    const at = context.indexOf(text)
    if (at > 0) return context.slice(Math.max(0, at - 30), at)
  }
  return ''
}

/** The date a short header line states, after a label or a byline's " on ", unless it is an update's. */
function dateInLine(text: string): PartialDate | undefined {
  if (text.split(' ').length > 16 || UPDATE_LABEL.test(text)) return undefined
  const candidates = [text, text.replace(DATE_LABEL, ''), text.replace(/^.*?\s(?:on|le|am|el)\s+/iu, '')]
  for (const candidate of candidates) {
    const date = parsePartialDate(candidate, { from: 'line' })
    if (date && date.precision === 'day') return date
  }
  return undefined
}

// A time labelled like this says when the article changed, not when it appeared.
const UPDATE_LABEL = /\b(?:updated?|modified|last|edited|aktualisiert|mis à jour|actualizado|aggiornato)\b/i

/** How many `<time>` elements are looked at: a page lists its own date near the top. */
const MAX_TIMES = 30

/** The `datetime` of the `<time>` that dates the article in its header, if the page marks one. */
function headerTime(document: HtmlDocument): string | undefined {
  let looked = 0
  for (const time of document.querySelectorAll('time[datetime]')) {
    if (++looked > MAX_TIMES) break
    const datetime = time.getAttribute('datetime')
    if (!datetime) continue
    const label = `${time.getAttribute('class') ?? ''} ${time.parentElement?.getAttribute('class') ?? ''} ${time.textContent ?? ''} ${previousText(time)}`
    if (UPDATE_LABEL.test(label)) continue
    if (time.hasAttribute('pubdate') || time.closest('header')) return datetime
    const article = time.closest('article')
    if (article && comesBeforeBodyText(article, time)) return datetime
  }
  return undefined
}

/** Whether `time` comes before the first paragraph of running text in `article`. */
function comesBeforeBodyText(article: HtmlElement, time: HtmlElement): boolean {
  for (const element of article.querySelectorAll('p, time')) {
    if (element === time) return true
    if (element.tagName === 'P' && (element.textContent ?? '').split(/\s+/).length >= 12) return false
  }
  return false
}

/** The text just before an element within its parent ("Updated" in "Updated <time>…</time>"). */
function previousText(element: HtmlElement): string {
  const parent = element.parentElement
  if (!parent) return ''
  let text = ''
  let siblings = 0
  for (let node = parent.firstChild; node && node !== (element as HtmlNode) && siblings < 50; node = node.nextSibling, siblings++) text += node.textContent ?? ''
  return text.slice(-40)
}

// ---------------------------------------------------------------------------------------------
// Titles

// Separators between a headline and the site or section names around it.
const TITLE_SEPARATOR = /\s+(?:[|–—·•:]|-{1,2}|::)\s+/
// Archive pages add the year: "… (Published 2016)".
const ARCHIVE_NOTE = /\s*\((?:published|updated|archived)\s+\d{4}\)\s*$/i

/**
 * The headline: Open Graph, JSON-LD, Twitter card or `<title>`, first found, without furniture around it.
 * A segment that names the site ("… - BBC News", "… | The Guardian", "Entermedia") is cut, and when the
 * page's visible `<h1>` is one of the title's segments ("Opinion | <h1>", "<h1> | Section | Site"), the
 * `<h1>` is the headline.
 */
function pageTitle(document: HtmlDocument, tag: TagReader, headline: string | undefined, siteNames: string[]): string | undefined {
  const documentTitle = document.querySelector('title')?.textContent
  const candidates = [tag('og:title'), headline, tag('twitter:title'), documentTitle]
    .map((value) => value?.replace(/\s+/g, ' ').trim())
    .filter((value): value is string => Boolean(value))
  const raw = candidates[0]
  if (!raw) return undefined
  let title = raw.replace(ARCHIVE_NOTE, '')
  title = stripSiteName(title, [...siteNames, ...sharedSuffixes(candidates)])
  const h1 = firstHeadline(document)
  if (h1 && title !== h1 && TITLE_SEPARATOR.test(title)) {
    const segments = title.split(TITLE_SEPARATOR)
    const key = foldName(h1)
    if (segments.some((segment) => foldName(segment) === key) || joinedPrefixes(segments).some((prefix) => foldName(prefix) === key)) return h1
  }
  return title
}

/**
 * Last segments two different headlines of the page share ("Foo - Site" as `<title>`, "Bar - Site" as
 * `og:title`): what the headlines have in common is the site's, not the story's.
 */
function sharedSuffixes(titles: string[]): string[] {
  const split = titles.map((title) => title.split(TITLE_SEPARATOR)).filter((segments) => segments.length > 1)
  const shared: string[] = []
  for (let a = 0; a < split.length; a++) {
    for (let b = a + 1; b < split.length; b++) {
      const [first, second] = [split[a]!, split[b]!]
      if (first.at(-1) === second.at(-1) && first.slice(0, -1).join(' ') !== second.slice(0, -1).join(' ')) shared.push(first.at(-1)!)
    }
  }
  return shared
}

function joinedPrefixes(segments: string[]): string[] {
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join(' '))
}

function firstHeadline(document: HtmlDocument): string | undefined {
  let looked = 0
  for (const h1 of document.querySelectorAll('h1')) {
    if (++looked > 5) break
    const text = h1.textContent?.replace(/\s+/g, ' ').trim()
    if (text && text.split(' ').length >= 2) return text
  }
  return undefined
}

/** Letters and digits only, lowercased and without accents: how names and titles are compared. */
function foldName(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/** Whether a title segment names the site: its name, a name starting with it, or its host. */
export function namesSite(segment: string, siteNames: string[]): boolean {
  const folded = foldName(segment)
  if (folded.length < 2) return false
  return siteNames.some((name) => {
    const site = foldName(name.replace(/\.(?:com|net|org|co|news|info)(?:\.[a-z]{2})?$|\.[a-z]{2}$/i, ''))
    if (site.length < 2) return false
    if (folded === site) return true
    // "BBC News" names "BBC", "Quartz Africa" names "Quartz"; "CNN anchor quits" is a headline
    const extraWords = segment.trim().split(/\s+/).length - name.trim().split(/\s+/).length
    return extraWords <= 1 && ((site.length >= 3 && folded.startsWith(site)) || (folded.length >= 3 && site.startsWith(folded)))
  })
}

/** "Short piece | Example News" -> "Short piece", when the cut-off segments name the site. */
export function stripSiteName(title: string, siteNames: string[]): string {
  let segments = title.split(TITLE_SEPARATOR)
  let separators: string[] = title.match(new RegExp(TITLE_SEPARATOR.source, 'g')) ?? []
  while (segments.length > 1 && namesSite(segments.at(-1)!, siteNames)) {
    segments = segments.slice(0, -1)
    separators = separators.slice(0, -1)
  }
  while (segments.length > 1 && namesSite(segments[0]!, siteNames)) {
    segments = segments.slice(1)
    separators = separators.slice(1)
  }
  return segments.map((segment, index) => segment + (separators[index] ?? '')).join('').trim()
}

// ---------------------------------------------------------------------------------------------
// Authors

/**
 * Who wrote the article: JSON-LD persons, then author meta tags, then the page's byline links
 * (`rel="author"`, `itemprop="author"`), then a "By …" line in the page. A name that is the site's own
 * ("BBC News", "Telegraph Sport") is a publisher, not an author.
 */
function pageAuthor(document: HtmlDocument, tag: TagReader, jsonLdAuthors: string[], siteNames: string[]): string | undefined {
  const usable = (names: string[]) => authorsOf(names, siteNames)
  return (
    usable(jsonLdAuthors) ??
    AUTHOR_TAGS.map((key) => tag(key))
      .filter((value): value is string => Boolean(value) && !/^https?:\/\//i.test(value!.trim()))
      .map((value) => usable(splitAuthorList(value)))
      .find(Boolean) ??
    usable(bylineLinks(document)) ??
    bylineLine(document)
  )
}

/** The people among `names`, cleaned and joined with commas; a publisher's own name is left out. */
function authorsOf(names: string[], siteNames: string[]): string | undefined {
  let people = names.map(cleanAuthorName).filter((name): name is string => Boolean(name) && !namesPublisher(name!, siteNames))
  // "Victor Tangermann, Futurism", "John Patrick Pullen, TIME": a one-word part beside full names is the outlet
  if (people.some((name) => name.includes(' '))) people = people.filter((name) => name.includes(' '))
  return people.length ? [...new Set(people)].join(', ') : undefined
}

/** Authors from a byline as text ("By Jane Doe and John Roe, Reuters"), or undefined when it names nobody. */
export function authorsFromByline(byline: string, siteNames: string[]): string | undefined {
  return authorsOf(splitAuthorList(byline), siteNames)
}

/** "A, B and C" or "A | a@example.com" -> the names in it. */
function splitAuthorList(value: string): string[] {
  return value
    .replace(/^\s*(?:by|par|von|por|door|di|av|af)\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/u)
    .map((part) => part.trim())
    .filter(Boolean)
}

// Class names sites give the element holding an author's name: "author-name", "byline__name",
// "sdc-article-author__name", "author-card__details__name", "authorName".
const AUTHOR_NAME_CLASS = /(?:author|byline)[\w-]*name/i

/** Names in the page's byline elements, in order, at most a handful: author links, then author-name elements. */
function bylineLinks(document: HtmlDocument): string[] {
  const collect = (elements: Iterable<HtmlElement>, accept: (element: HtmlElement) => boolean) => {
    const names: string[] = []
    let looked = 0
    for (const element of elements) {
      if (++looked > 300 || names.length >= 6) break
      if (!accept(element)) continue
      const named = element.querySelector('[itemprop="name"]') ?? element
      const text = (named.getAttribute('content') ?? named.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/^(?:by|par|von|por)\s+/i, '')
      if (text && text.split(' ').length <= 6 && !names.includes(text) && isPersonName(text)) names.push(text)
    }
    return names
  }
  const linked = collect(document.querySelectorAll('[rel="author"], [itemprop="author"]'), () => true)
  if (linked.length) return linked
  return collect(document.querySelectorAll('[class*="uthor"], [class*="yline"]'), (element) => AUTHOR_NAME_CLASS.test(element.getAttribute('class') ?? '')).slice(0, 1)
}

/** How many nodes a scan of the page for its byline or header date visits: both sit near the top. */
const MAX_NODES_SCANNED = 8_000

// "By Jane Doe", "Par Cécile Ducourtieux", "By Jane Doe and John Roe | May 3, 2019", and a "By" of its
// own before the name's link.
const BY_TEXT = /^\s*(?:By|BY|by|Par|Von|Por|Door)(?:\s+\p{Lu}|\s*$)/u

/** Authors from the first short "By …" line in the page, if it names people. */
function bylineLine(document: HtmlDocument): string | undefined {
  const body = document.body
  if (!body) return undefined
  const stack: HtmlNode[] = [body as HtmlNode]
  let seen = 0
  let candidates = 0
  while (stack.length > 0 && seen < MAX_NODES_SCANNED && candidates < 10) {
    const node = stack.pop()!
    seen++
    if (node.nodeType === 3 && BY_TEXT.test(node.textContent ?? '')) {
      candidates++
      const parent = (node as unknown as { parentElement: HtmlElement | null }).parentElement
      const line = (parent?.textContent ?? node.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (line.split(' ').length <= 24) {
        const names = splitAuthorList(line)
          .map(cleanAuthorName)
          .filter((name): name is string => Boolean(name) && isPersonName(name!))
        if (names.length) return [...new Set(names)].join(', ')
      }
      continue
    }
    if (node.nodeType !== 1 || /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|NAV|FOOTER)$/i.test(node.tagName ?? '')) continue
    const children: HtmlNode[] = []
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child)
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!)
  }
  return undefined
}

/**
 * A byline as a name: "By Jane Doe | 3 March 2025" -> "Jane Doe", "Rebecca Hersher Twitter" -> "Rebecca
 * Hersher", "Victor Tangermann, Futurism" stays for the list splitter, "Finian Cunningham. Sputnik
 * International" -> "Finian Cunningham". Anything that does not read as a name is dropped.
 */
export function cleanAuthorName(byline: string): string | undefined {
  let name = byline
    .replace(/\s+/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^\s*(?:by|written by|words by|par|von|por|door)\s+/i, '')
    .replace(/\s*[|•·]\s*.*$/, '')
    .replace(/\s+(?:-|—|–)\s+.*$/, '')
    .replace(/,?\s*(?:on|updated|published)\s+.*$/i, '')
    .replace(/\s*(?:@\S+|\S+@\S+\.\S+)/g, '')
    .replace(/(?:\s+(?:twitter|facebook|instagram|linkedin|email|e-mail|follow))+\s*$/i, '')
    .trim()
  // "Name. Outlet": a full stop after a whole word (not an initial) ends the name
  const stop = /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*)+?\p{Ll}{2})\.\s+\p{Lu}/u.exec(name)
  if (stop) name = stop[1]!
  if (!name || name.length > 80 || /\d|https?:/.test(name) || name.split(' ').length > 8) return undefined
  return name
}

/** Whether an author name is the publisher's: a word of the site's name ("Sky" of "Sky News", "BBC News"). */
function namesPublisher(name: string, siteNames: string[]): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 1 && !['the', 'news', 'com', 'www', 'org', 'net', 'co', 'uk', 'online'].includes(word))
  const nameWords = words(name)
  const siteWords = new Set(siteNames.flatMap(words))
  return nameWords.length > 0 && nameWords.some((word) => siteWords.has(word))
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

interface JsonLdArticle {
  headline?: string
  datePublished?: string
  /** Names of the persons credited as author or creator (organisations are left out). */
  authors: string[]
  publisher?: string
  url?: string
  inLanguage?: string
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report|NewsArticle|Posting)$/
const ORGANISATION_TYPE = /Organization|Organisation|Corporation|WebSite|Brand/i

/** The first schema.org Article-like object in the page's JSON-LD (NewsArticle, BlogPosting, ...). */
function articleFromJsonLd(document: HtmlDocument): JsonLdArticle {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const data = parseJsonLoosely(script.textContent ?? '')
    const found = data === undefined ? undefined : findArticleNode(data)
    if (!found) continue
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : undefined)
    const page = found.mainEntityOfPage
    return {
      headline: text(found.headline) ?? text(found.name),
      datePublished: text(found.datePublished) ?? text(found.dateCreated),
      authors: [...personNames(found.author), ...personNames(found.creator)],
      publisher: entityName(found.publisher) ?? entityName((found.isPartOf as Record<string, unknown> | undefined)?.name),
      url: text(found.url) ?? text(page) ?? text((page as Record<string, unknown> | undefined)?.['@id']),
      inLanguage: text(found.inLanguage),
    }
  }
  return { authors: [] }
}

/** JSON as pages write it: a trailing comma before `]` or `}` is forgiven. */
function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    try {
      return JSON.parse(text.replace(/,\s*([\]}])/g, '$1'))
    } catch {
      return undefined
    }
  }
}

function entityName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (Array.isArray(value)) return entityName(value[0])
  if (value && typeof value === 'object') return entityName((value as Record<string, unknown>).name)
  return undefined
}

function personNames(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  const names: string[] = []
  for (const item of items.slice(0, 12)) {
    if (typeof item === 'string' && item.trim() && !/^https?:\/\//i.test(item.trim())) names.push(...splitAuthorList(item))
    else if (item && typeof item === 'object') {
      const node = item as Record<string, unknown>
      const types = ([] as unknown[]).concat(node['@type'] ?? [])
      if (types.some((type) => typeof type === 'string' && ORGANISATION_TYPE.test(type))) continue
      const name = entityName(node.name)
      if (name) names.push(name)
    }
  }
  return names
}

/** Breadth-first over arrays and `@graph`, a few levels deep: the first node typed as an article. */
function findArticleNode(data: unknown): Record<string, unknown> | undefined {
  let level: unknown[] = [data]
  for (let depth = 0; depth < 5 && level.length > 0; depth++) {
    const next: unknown[] = []
    for (const item of level.slice(0, 200)) {
      if (!item || typeof item !== 'object') continue
      if (Array.isArray(item)) {
        next.push(...item)
        continue
      }
      const node = item as Record<string, unknown>
      const types = ([] as unknown[]).concat(node['@type'] ?? [])
      if (types.some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type))) return node
      if (node['@graph'] !== undefined) next.push(node['@graph'])
    }
    level = next
  }
  return undefined
}
