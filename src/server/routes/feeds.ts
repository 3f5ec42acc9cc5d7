// `/feeds/search.atom?<a search page's parameters>`: the newest passages matching a search as an Atom 1.0
// feed, so a subject can be followed in any feed reader without an account. Entries are identified by the
// passages' absolute permalinks (stable across re-indexing while the text is unchanged) and dated by
// publication; an ETag lets readers poll for free.
import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import type { SearchHit, SearchRequest } from '../../model.ts'
import { escapeHtml, splitByRanges } from '../../../views/highlight.tsx'
import { describeSearch } from '../describe-search.ts'
import { passagePath } from '../export-format.ts'
import { atomTimestamp, FEED_PATH, feedStateParams, renderAtom, type Feed, type FeedEntry } from '../feed-format.ts'
import { safeExternalUrl } from '../page-views.ts'
import { parseSearchParams } from '../params.ts'
import { absoluteUrl, baseUrlFor } from '../public-url.ts'
import { articleHref } from '../search-view-model.ts'
import { pathWithPairs, searchStatePairs } from '../url-state.ts'

/** Entries in a feed unless `size` asks for another number (at most the page size limit). */
export const FEED_ENTRIES = 30

export interface FeedRouteOptions {
  /** Makes the feed's links absolute; default: the request's origin. */
  baseUrl?: string
}

/** The passage's text as HTML, its matches in <mark>, then where it is from, with links to read on. */
function entryHtml(hit: SearchHit, links: { article: string; original?: string }): string {
  const { passage } = hit
  const text = splitByRanges(passage.text, hit.ranges)
    .map((piece) => (piece.marked ? `<mark>${escapeHtml(piece.text)}</mark>` : escapeHtml(piece.text)))
    .join('')
  const where = [escapeHtml(passage.source), passage.date ? escapeHtml(passage.date.iso) : 'undated', passage.section ? escapeHtml(passage.section) : '']
    .filter(Boolean)
    .join(' · ')
  const original = links.original ? ` · <a href="${escapeHtml(links.original)}">original</a>` : ''
  return `<p>${text}</p><p><small>${where} · <a href="${escapeHtml(links.article)}">Read it in the article</a>${original}</small></p>`
}

function feedEntry(hit: SearchHit, base: string, query: string, topicLabels: ReadonlyMap<string, string>, undatedAt: string): FeedEntry {
  const { passage } = hit
  const permalink = absoluteUrl(base, passagePath(passage.id))
  const article = absoluteUrl(base, articleHref(passage.articleId, passage.id, query))
  const original = safeExternalUrl(passage.url)
  const updated = atomTimestamp(passage.date, undatedAt)
  return {
    id: permalink,
    title: passage.title,
    updated,
    ...(passage.date ? { published: updated } : {}),
    author: passage.author ?? passage.source,
    links: [
      { rel: 'alternate', type: 'text/html', href: permalink },
      ...(original ? [{ rel: 'related' as const, type: 'text/html', href: original, title: 'The original article' }] : []),
    ],
    contentHtml: entryHtml(hit, { article, original }),
    categories: passage.topics.map((id) => ({ term: id, label: topicLabels.get(id) ?? id, scheme: absoluteUrl(base, '/?topic=') })),
  }
}

export function feedRoutes(engine: SearchEngine, options: FeedRouteOptions = {}): Hono {
  const routes = new Hono()

  routes.get(FEED_PATH, async (c) => {
    const params = new URL(c.req.url).searchParams
    // Read as the search page reads it, so the feed holds what the page it is linked from shows.
    const parsed = parseSearchParams(params, engine.facets(), { prefix: 'last' })
    const request: SearchRequest = { ...parsed, sort: 'newest', page: 1, size: parsed.size ?? FEED_ENTRIES, groupByArticle: false, facetSize: 1 }
    const base = baseUrlFor(options.baseUrl, c.req.url)
    const state = searchStatePairs(params, feedStateParams(engine.facets().params))
    const [response, stats, title] = await Promise.all([engine.search(request), engine.stats(), describeSearch(engine, request)])
    const topicIds = [...new Set(response.results.flatMap((hit) => hit.passage.topics))]
    const topicLabels = await engine.labels('topic', topicIds)
    // An undated passage is dated by the index's last full build: stable between fetches, unlike "now".
    const entries = response.results.map((hit) => feedEntry(hit, base, response.query, topicLabels, stats.builtAt))
    const feed: Feed = {
      id: absoluteUrl(base, pathWithPairs(FEED_PATH, state)),
      title: `Clippings: ${title}`,
      subtitle: `The newest passages matching ${title}: ${response.total.toLocaleString('en-US')} in all.`,
      // The newest entry's date: the feed changes when a newer passage joins it.
      updated: entries.length > 0 ? entries.map((entry) => entry.updated).reduce((latest, next) => (next > latest ? next : latest)) : atomTimestamp(undefined, stats.builtAt),
      links: [
        { rel: 'self', type: 'application/atom+xml', href: absoluteUrl(base, pathWithPairs(FEED_PATH, state)) },
        { rel: 'alternate', type: 'text/html', href: absoluteUrl(base, pathWithPairs('/', state)) },
      ],
      generator: 'Clippings',
      entries,
    }
    const body = renderAtom(feed)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, max-age=300')
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304)
    c.header('Content-Type', 'application/atom+xml; charset=utf-8')
    return c.body(body)
  })

  return routes
}
