// Reads a saved web page: metadata from the head (title, Open Graph, article and author meta tags,
// canonical link, schema.org JSON-LD), main content from Mozilla Readability over linkedom, written out
// as markdown-like text (`## ` headings, `- ` items, `> ` quotations), one block a paragraph.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { ArticleMeta } from '../../model.ts'
import { parsePartialDate } from '../../text/dates.ts'
import { sourceFromUrl } from '../metadata.ts'
import { normalizeLanguageTag } from './record-meta.ts'
import type { ReadOutcome } from './types.ts'

export function readHtml(html: string, file: string): ReadOutcome {
  const { document } = parseHTML(html)
  // Metadata first: Readability rewrites the document as it works.
  const headMeta = metaFromHead(document)
  let parsed: ReturnType<Readability<string>['parse']> = null
  try {
    parsed = new Readability(document as unknown as Document, { charThreshold: 100 }).parse()
  } catch {
    parsed = null
  }
  const body = parsed?.content ? htmlToBlockText(parsed.content) : ''
  if (!hasArticleText(body, parsed?.content ?? '')) return { skip: 'no article text found in the HTML' }

  const meta: ArticleMeta = { ...headMeta }
  if (!meta.title && parsed?.title?.trim()) meta.title = parsed.title.trim()
  if (!meta.source && parsed?.siteName?.trim()) meta.source = parsed.siteName.trim()
  if (!meta.author && parsed?.byline) {
    const byline = bylineName(parsed.byline)
    if (byline) meta.author = byline
  }
  if (!meta.language && parsed?.lang) meta.language = normalizeLanguageTag(parsed.lang)
  return { article: { file, format: 'html', body, meta } }
}

/** Fewer words than this is a stub, a menu or an error page, not an article. */
const MIN_ARTICLE_WORDS = 8

/**
 * On a page with no article, Readability falls back to whatever it finds, often the navigation: a handful
 * of words, mostly link text. Such a result is not an article.
 */
function hasArticleText(body: string, contentHtml: string): boolean {
  const words = body.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
  if (words < MIN_ARTICLE_WORDS) return false
  const { document } = parseHTML(`<!doctype html><html><body>${contentHtml}</body></html>`)
  const linkWords = Array.from(document.querySelectorAll('a'))
    .map((link) => (link.textContent ?? '').split(/\s+/).filter(Boolean).length)
    .reduce((sum, count) => sum + count, 0)
  return linkWords / words < 0.5
}

// ---------------------------------------------------------------------------------------------
// Metadata from the head

type Doc = ReturnType<typeof parseHTML>['document']

/** Reads the page's own metadata; JSON-LD wins for facts it states, then Open Graph, then plain meta tags. */
export function metaFromHead(document: Doc): ArticleMeta {
  const metaContent = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      for (const element of document.querySelectorAll('meta')) {
        const name = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? '').toLowerCase()
        const content = element.getAttribute('content')?.trim()
        if (name === key && content) return content
      }
    }
    return undefined
  }
  const jsonLd = articleFromJsonLd(document)
  const meta: ArticleMeta = {}

  const siteName = metaContent('og:site_name') ?? jsonLd.publisher
  if (siteName) meta.source = siteName

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim()
  const url = [canonical, metaContent('og:url'), jsonLd.url].find((candidate) => candidate && /^https?:\/\//i.test(candidate))
  if (url) meta.url = url

  const pageTitle = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim()
  const title =
    metaContent('og:title') ?? jsonLd.headline ?? metaContent('twitter:title') ?? (pageTitle ? stripSiteName(pageTitle, [siteName, url && sourceFromUrl(url)]) : undefined)
  if (title) meta.title = title.replace(/\s+/g, ' ').trim()

  const dateText =
    jsonLd.datePublished ??
    metaContent('article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date') ??
    document.querySelector('time[itemprop="datePublished"]')?.getAttribute('datetime') ??
    undefined
  const date = dateText ? parsePartialDate(dateText) : undefined
  if (date) meta.date = date

  const authorText =
    jsonLd.author ?? metaContent('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'citation_author', 'byl')
  // article:author is often a profile URL, which names nobody readable.
  const author = authorText && !/^https?:\/\//i.test(authorText) ? bylineName(authorText) : undefined
  if (author) meta.author = author

  const language =
    document.documentElement?.getAttribute('lang') ?? jsonLd.inLanguage ?? metaContent('og:locale') ?? document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')
  if (language && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(language.trim())) meta.language = normalizeLanguageTag(language)
  return meta
}

interface JsonLdArticle {
  headline?: string
  datePublished?: string
  author?: string
  publisher?: string
  url?: string
  inLanguage?: string
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report)$/

/** The first schema.org Article-like object in the page's JSON-LD (NewsArticle, BlogPosting, ...). */
function articleFromJsonLd(document: Doc): JsonLdArticle {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown
    try {
      data = JSON.parse(script.textContent ?? '')
    } catch {
      continue
    }
    const found = findArticleNode(data, 0)
    if (found) {
      const name = (value: unknown): string | undefined => {
        if (typeof value === 'string') return value.trim() || undefined
        if (Array.isArray(value)) {
          const names = value.map(name).filter(Boolean)
          return names.length ? names.join(', ') : undefined
        }
        if (value && typeof value === 'object') return name((value as Record<string, unknown>).name)
        return undefined
      }
      const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)
      const page = found.mainEntityOfPage
      return {
        headline: text(found.headline) ?? text(found.name),
        datePublished: text(found.datePublished) ?? text(found.dateCreated),
        author: name(found.author) ?? name(found.creator),
        publisher: name(found.publisher) ?? name((found.isPartOf as Record<string, unknown> | undefined)?.name),
        url: text(found.url) ?? text(page) ?? text((page as Record<string, unknown> | undefined)?.['@id']),
        inLanguage: text(found.inLanguage),
      }
    }
  }
  return {}
}

function findArticleNode(data: unknown, depth: number): Record<string, unknown> | undefined {
  if (!data || typeof data !== 'object' || depth > 4) return undefined
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticleNode(item, depth + 1)
      if (found) return found
    }
    return undefined
  }
  const node = data as Record<string, unknown>
  const types = ([] as unknown[]).concat(node['@type'] ?? [])
  if (types.some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type))) return node
  return findArticleNode(node['@graph'], depth + 1)
}

/** "Short piece | Example News" -> "Short piece", when the cut-off part names the site. */
function stripSiteName(title: string, siteNames: (string | undefined)[]): string {
  const names = siteNames.filter((name): name is string => Boolean(name)).map((name) => name.toLowerCase())
  const parts = title.split(/\s+[|–—·:-]{1,2}\s+/)
  if (parts.length < 2) return title
  const fold = (text: string) => text.toLowerCase().replace(/^www\./, '')
  if (names.some((name) => fold(parts[parts.length - 1]) === fold(name))) return title.slice(0, title.lastIndexOf(parts[parts.length - 1])).replace(/\s+[|–—·:-]{1,2}\s*$/, '')
  if (names.some((name) => fold(parts[0]) === fold(name))) return title.slice(parts[0].length).replace(/^\s*[|–—·:-]{1,2}\s+/, '')
  return title
}

/** "By Jane Doe | 3 March 2025" -> "Jane Doe"; anything that does not read as names is dropped. */
function bylineName(byline: string): string | undefined {
  const name = byline
    .replace(/\s+/g, ' ')
    .replace(/^\s*(by|written by|words by)\s+/i, '')
    .split(/\s+[|•·]\s+|\s+-\s+|,\s*(?=\d)|\s+(?:on|updated|published)\s+/i)[0]
    .trim()
  if (!name || name.length > 80 || /\d|@|https?:/.test(name) || name.split(' ').length > 8) return undefined
  return name
}

// ---------------------------------------------------------------------------------------------
// Body

const HEADING_TAG = /^H([1-6])$/
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'UL', 'OL', 'LI', 'BLOCKQUOTE',
  'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'FIGURE', 'FIGCAPTION', 'DL', 'DT', 'DD', 'HR', 'BR', 'ADDRESS',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DETAILS', 'SUMMARY', 'FORM', 'CENTER',
])
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'IFRAME', 'OBJECT', 'SELECT'])

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/**
 * Writes an HTML fragment as text, one block a paragraph separated by blank lines: headings as `## `,
 * list items as `- `, quotations as `> `, table rows with cells joined by ` | `. Inline markup is dropped.
 */
export function htmlToBlockText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  const blocks: string[] = []
  let inline = ''
  const flush = (prefix: string) => {
    const text = inline.replace(/\s+/g, ' ').trim()
    if (text) blocks.push(prefix + text)
    inline = ''
  }
  const walk = (node: DomNode, prefix: string, inPre: boolean) => {
    if (node.nodeType === 3) {
      inline += inPre ? node.textContent ?? '' : (node.textContent ?? '').replace(/\s+/g, ' ')
      return
    }
    if (node.nodeType !== 1) return
    const tag = node.nodeName.toUpperCase()
    if (SKIPPED_TAGS.has(tag)) return
    if (tag === 'PRE') {
      flush(prefix)
      inline = ''
      for (const child of Array.from(node.childNodes)) walk(child, prefix, true)
      const text = inline.replace(/\n+$/, '').trim()
      if (text) blocks.push(text)
      inline = ''
      return
    }
    if (!BLOCK_TAGS.has(tag)) {
      for (const child of Array.from(node.childNodes)) walk(child, prefix, inPre)
      if (tag === 'TD' || tag === 'TH') inline += ' | '
      return
    }
    flush(prefix)
    const heading = tag.match(HEADING_TAG)
    const childPrefix = heading ? `${'#'.repeat(+heading[1])} ` : tag === 'LI' ? '- ' : tag === 'BLOCKQUOTE' ? '> ' : prefix
    for (const child of Array.from(node.childNodes)) walk(child, childPrefix, inPre)
    if (tag === 'TR') inline = inline.replace(/\s*\|\s*$/, '')
    flush(childPrefix)
  }
  walk(document.body as unknown as DomNode, '', false)
  flush('')
  return blocks.join('\n\n')
}
