// The Atom feed of a search: read by a real feed parser (rss-parser, over xml2js in strict mode), with stable
// absolute entry ids, publication times, the page's filters, and a well-formed document whatever the corpus holds.
import Parser from 'rss-parser'
import { parseHTML } from 'linkedom'
import { beforeAll, describe, expect, it } from 'vitest'
import { createMemoryEngine, type SearchEngine } from '../../src/engine/index.ts'
import type { Passage } from '../../src/model.ts'
import { createApp } from '../../src/server/app.tsx'
import { atomTimestamp, escapeXml, feedHref, renderAtom } from '../../src/server/feed-format.ts'
import { fixtureData, fixtureEngine, FIXTURE_TOPIC_LABELS } from './fixture-corpus.ts'
import { hostileEngine } from './hostile-corpus.ts'

type Entry = { id: string; title: string; link: string; isoDate: string; content: string; author?: string }
const parser = new Parser<Record<string, unknown>, Entry>({ customFields: { item: ['id', 'author'] } })

const BUILT_AT = '2026-01-15T09:30:00.000Z'
const engine = createMemoryEngine({ ...fixtureData(), topicLabels: FIXTURE_TOPIC_LABELS, builtAt: BUILT_AT, updatedAt: BUILT_AT })
const app = createApp(engine, { log: () => {} })

async function feed(path: string, target = app) {
  const response = await target.request(path)
  const xml = await response.text()
  return { response, xml, parsed: response.status === 200 ? await parser.parseString(xml) : undefined }
}

describe('GET /feeds/search.atom', () => {
  it('is an Atom feed a feed parser reads, one entry per matching passage, newest first', async () => {
    const { response, parsed } = await feed('/feeds/search.atom?q=remittances')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(parsed!.title).toBe('Clippings: “remittances”')
    const items = parsed!.items
    expect(items.map((item) => item.id).sort()).toEqual([
      'http://localhost/passages/migrants-send-money-home-0',
      'http://localhost/passages/migrants-send-money-home-1',
      'http://localhost/passages/power-transition-in-tajikistan-1',
      'http://localhost/passages/undated-remittance-note-0',
    ])
    expect(items.map((item) => item.isoDate)).toEqual(['2025-10-28T00:00:00.000Z', '2025-10-28T00:00:00.000Z', '2025-10-01T00:00:00.000Z', BUILT_AT])
    expect(items[0]!.link).toBe(items[0]!.id)
    expect(items[0]!.title).toBe('Migrants send money home')
  })

  it('dates an undated passage by the index’s last full build, so it stays the same between fetches', async () => {
    const { parsed } = await feed('/feeds/search.atom?source=The+Diplomat')
    expect(parsed!.items.map((item) => item.isoDate)).toEqual([BUILT_AT])
  })

  it('keeps the search’s filters and names them in its title, whatever the page, sort or grouping', async () => {
    const { parsed, xml } = await feed('/feeds/search.atom?q=remittances&source=CABAR.asia&topic=economy&sort=oldest&page=3&group=article')
    expect(parsed!.title).toBe('Clippings: “remittances” · Source: CABAR.asia · Topic: Economy & trade')
    expect(parsed!.items.map((item) => item.id)).toEqual([
      'http://localhost/passages/migrants-send-money-home-0',
      'http://localhost/passages/power-transition-in-tajikistan-1',
    ])
    const document = parseHTML(`<html><body>${xml.replace(/^<\?xml[^>]*>/, '')}</body></html>`).document
    const links = Object.fromEntries([...document.querySelectorAll('feed > link')].map((link) => [link.getAttribute('rel'), link.getAttribute('href')]))
    expect(links.self).toBe('http://localhost/feeds/search.atom?q=remittances&source=CABAR.asia&topic=economy')
    expect(links.alternate).toBe('http://localhost/?q=remittances&source=CABAR.asia&topic=economy')
  })

  it('holds the passage’s text with its matches marked, its source and links to the article and the original', async () => {
    const { parsed } = await feed('/feeds/search.atom?q=remittances&source=CABAR.asia')
    const first = parsed!.items.find((item) => item.id.endsWith('/passages/migrants-send-money-home-0'))!
    const html = parseHTML(`<html><body>${first.content}</body></html>`).document
    expect([...html.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Remittances'])
    const hrefs = [...html.querySelectorAll('a')].map((link) => link.getAttribute('href'))
    expect(hrefs).toEqual(['http://localhost/articles/migrants-send-money-home?q=remittances#p-migrants-send-money-home-0', 'https://cabar.asia/en/migrants-send-money-home'])
    expect(first.author).toBe('Aziza Karimova')
  })

  it('never links an original address that is not http(s)', async () => {
    const { xml } = await feed('/feeds/search.atom?source=Asia+Times')
    expect(xml).not.toContain('javascript:')
  })

  it('answers an empty feed, still valid, when nothing matches', async () => {
    const { response, parsed } = await feed('/feeds/search.atom?q=zzzzqqq')
    expect(response.status).toBe(200)
    expect(parsed!.items).toEqual([])
  })

  it('makes its links absolute against the configured base URL', async () => {
    const behindProxy = createApp(engine, { log: () => {}, baseUrl: 'https://news.example.org/clippings/' })
    const { parsed } = await feed('/feeds/search.atom?q=Khatlon', behindProxy)
    expect(parsed!.items.map((item) => item.id)).toEqual(['https://news.example.org/clippings/passages/migrants-send-money-home-1'])
  })

  it('answers the same document twice, and 304 to a reader that has it', async () => {
    const first = await app.request('/feeds/search.atom?q=remittances')
    const second = await app.request('/feeds/search.atom?q=remittances')
    expect(await second.text()).toBe(await first.text())
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await app.request('/feeds/search.atom?q=remittances', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })

  it('takes the number of entries from size, and rejects a bad parameter with a 400 naming it', async () => {
    expect((await feed('/feeds/search.atom?size=2')).parsed!.items).toHaveLength(2)
    const bad = await app.request('/feeds/search.atom?from=2025-13')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('from')
  })
})

describe('a feed over a hostile corpus', () => {
  let hostile: SearchEngine
  let passages: Passage[]
  beforeAll(async () => {
    hostile = await hostileEngine()
    passages = []
    for await (const passage of hostile.searchAll({})) passages.push(passage)
  }, 120_000)

  it('is well-formed XML that a strict parser reads, every title exactly as the corpus has it', async () => {
    const target = createApp(hostile, { log: () => {} })
    const { response, parsed, xml } = await feed('/feeds/search.atom?size=100', target)
    expect(response.status).toBe(200)
    // Every passage, less the repeats folded into others.
    expect(parsed!.items.length).toBeGreaterThan(passages.length / 2)
    const byId = new Map(passages.map((passage) => [`http://localhost/passages/${encodeURIComponent(passage.id)}`, passage]))
    for (const item of parsed!.items) expect(byId.has(item.id), item.id).toBe(true)
    for (const item of parsed!.items) expect(item.title).toBe(byId.get(item.id)!.title.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''))
    // Markup in the corpus is text inside the feed: no element but Atom's own.
    const atom = ['feed', 'entry', 'id', 'title', 'subtitle', 'updated', 'published', 'author', 'name', 'generator', 'link', 'category', 'content']
    const elements = new Set([...xml.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((match) => match[1]!))
    expect([...elements].filter((name) => !atom.includes(name))).toEqual([])
  })
})

describe('feed-format', () => {
  it('drops characters XML 1.0 cannot carry and escapes the five it must', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\uD800e\uFFFEf <&>"\' \t\n\u{1F600}')).toBe('abcdef &lt;&amp;&gt;&quot;&apos; \t\n\u{1F600}')
  })

  it('renders a document a parser reads even with control characters and lone surrogates in every field', async () => {
    const nasty = 'Bad \u0001\u001f\uDC00 <b>bold</b> & ]]> "q"'
    const xml = renderAtom({
      id: 'https://x.example/feed',
      title: nasty,
      updated: '2025-01-01T00:00:00Z',
      links: [{ rel: 'self', href: 'https://x.example/feed?a=1&b="2"' }],
      generator: 'Clippings',
      entries: [
        {
          id: 'https://x.example/p/1',
          title: nasty,
          updated: '2025-01-01T00:00:00Z',
          author: nasty,
          links: [{ rel: 'alternate', href: 'https://x.example/p/1' }],
          contentHtml: `<p>${nasty}</p>`,
          categories: [{ term: nasty, label: nasty }],
        },
      ],
    })
    const parsed = await parser.parseString(xml)
    expect(parsed.title).toBe('Bad  <b>bold</b> & ]]> "q"')
    expect(parsed.items[0]!.title).toBe('Bad  <b>bold</b> & ]]> "q"')
  })

  it('gives a partial date its first moment in UTC, and an undated passage the fallback', () => {
    expect(atomTimestamp({ iso: '2025-10-28', precision: 'day' }, BUILT_AT)).toBe('2025-10-28T00:00:00Z')
    expect(atomTimestamp({ iso: '2025-10', precision: 'month' }, BUILT_AT)).toBe('2025-10-01T00:00:00Z')
    expect(atomTimestamp({ iso: '2025', precision: 'year' }, BUILT_AT)).toBe('2025-01-01T00:00:00Z')
    expect(atomTimestamp(undefined, BUILT_AT)).toBe(BUILT_AT)
  })

  it('links a search page to its feed: the search’s state in order, without page, sort, size or page-only options', () => {
    const page = new URLSearchParams('more=topic&page=3&sort=oldest&source=CABAR.asia&q=remittances&size=50&group=article&exclude_person=X&to=2025')
    expect(feedHref(page)).toBe('/feeds/search.atom?q=remittances&source=CABAR.asia&exclude_person=X&to=2025')
    expect(feedHref(new URLSearchParams('places=usa&q=grain'), [...fixtureEngine().facets().params, 'places'])).toBe('/feeds/search.atom?q=grain&places=usa')
    expect(feedHref(new URLSearchParams())).toBe('/feeds/search.atom')
  })
})
