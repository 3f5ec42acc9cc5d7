import { describe, expect, it } from 'vitest'
import { parseHTML } from 'linkedom'
import { createApp } from '../../src/server/app.tsx'
import { withSearch, type SearchEngine } from '../../src/engine/engine.ts'
import type { SearchResponse } from '../../src/model.ts'
import { fixtureEngine } from './fixture-corpus.ts'

const engine = fixtureEngine()
const app = createApp(engine, { log: () => {} })

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers })
  const text = await response.text()
  return { response, text, document: parseHTML(text.startsWith('<!DOCTYPE') ? text : `<!DOCTYPE html><html><body>${text}</body></html>`).document }
}

async function getJson(path: string) {
  const response = await app.request(path)
  return { response, body: (await response.json()) as any }
}

/** An engine that answers like the fixture engine, with the search response changed. */
function changingSearch(base: SearchEngine, change: (response: SearchResponse) => SearchResponse | Promise<SearchResponse>): SearchEngine {
  return withSearch(base, async (request) => change(await base.search(request)))
}

const texts = (document: ParentNode, selector: string) => [...document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '')

describe('the search page', () => {
  it('is a full page with a focused, labelled search box that works as a plain GET form', async () => {
    const { response, document } = await get('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const form = document.querySelector('form#search-form')!
    expect(form.getAttribute('action')).toBe('/')
    expect(form.getAttribute('method')).toBe('get')
    const box = document.querySelector('input#q')!
    expect(box.getAttribute('name')).toBe('q')
    expect(box.hasAttribute('autofocus')).toBe(true)
    expect(document.querySelector('label[for="q"]')).not.toBeNull()
    expect(form.querySelector('button[type="submit"]')).not.toBeNull()
  })

  it('searches as the user types through htmx, replacing stale requests and pushing the URL', async () => {
    const { document } = await get('/')
    const form = document.querySelector('form#search-form')!
    expect(form.getAttribute('hx-get')).toBe('/')
    expect(form.getAttribute('hx-trigger')).toContain('input changed delay:250ms')
    expect(form.getAttribute('hx-trigger')).toContain('submit')
    expect(form.getAttribute('hx-sync')).toBe('this:replace')
    expect(form.getAttribute('hx-push-url')).toBe('true')
    expect(document.querySelector(form.getAttribute('hx-target')!)).not.toBeNull()
  })

  it('loads htmx and the site script from the site itself and has no inline script or style', async () => {
    const { document } = await get('/?q=remittances')
    const scripts = [...document.querySelectorAll('script')]
    expect(scripts.map((script) => script.getAttribute('src'))).toEqual(['/static/htmx.min.js', '/static/app.js'])
    expect(scripts.every((script) => script.textContent === '')).toBe(true)
    expect(document.querySelectorAll('style, [style]')).toHaveLength(0)
    expect([...document.querySelectorAll('*')].some((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on')))).toBe(false)
    const config = JSON.parse(document.querySelector('meta[name="htmx-config"]')!.getAttribute('content')!)
    expect(config.includeIndicatorStyles).toBe(false)
    expect(config.historyCacheSize).toBe(0)
    expect(config.refreshOnHistoryMiss).toBe(true)
  })

  it('browses the whole corpus newest first when asked to without a query, with facet counts', async () => {
    const { document } = await get('/?sort=newest')
    expect(texts(document, '.result-count')[0]).toMatch(/^8 passages/)
    const dates = [...document.querySelectorAll('.result-meta time')].map((time) => time.getAttribute('datetime'))
    expect(dates[0]).toBe('2025-10-28')
    expect(texts(document, '#facet-source-title')).toEqual(['Source'])
    const sources = [...document.querySelectorAll('section[aria-labelledby="facet-source-title"] .facet-value')].map((item) => [
      item.querySelector('.facet-label')!.textContent,
      item.querySelector('.facet-count')!.textContent,
    ])
    expect(sources).toEqual([
      ['CABAR.asia', '5'],
      ['Asia Times', '2'],
      ['The Diplomat', '1'],
    ])
  })

  it('shows each result with highlighted snippet, title, source, date, section, people, topics and links', async () => {
    const { document } = await get('/?q=remittances')
    const results = [...document.querySelectorAll('.result')]
    expect(results).toHaveLength(4)
    expect(new Set(texts(document, '.result-title')).size).toBe(3)
    for (const result of results) {
      expect(result.querySelector('.snippet mark')!.textContent!.toLowerCase()).toBe('remittances')
      expect(result.querySelector('a.permalink')!.getAttribute('href')).toMatch(/^\/passages\//)
      expect(result.querySelector('.result-title a')!.getAttribute('href')).toMatch(/^\/articles\/[^?#]+\?q=remittances#p-/)
    }
    const first = document.querySelector('#result-migrants-send-money-home-0')!
    expect(first.querySelector('.result-meta')!.textContent).toContain('CABAR.asia')
    expect(first.querySelector('.result-meta time')!.textContent).toBe('28 Oct 2025')
    expect(first.querySelector('.result-section')!.textContent).toBe('Money')
    expect(first.querySelector('a.tag-person')!.getAttribute('href')).toBe('/?q=remittances&person=Emomali+Rahmon')
    expect(texts(first, '.tag-topic')).toEqual(['Migration', 'Economy & trade'])
  })

  it('states the exact total and the time taken, and announces the count in a live region', async () => {
    const { document } = await get('/?q=remittances')
    expect(texts(document, '.result-count')[0]).toMatch(/^4 passages · [\d.]+ ms$/)
    const status = document.querySelector('#search-status')!
    expect(status.getAttribute('aria-live')).toBe('polite')
    expect(status.textContent).toMatch(/^4 passages/)
  })

  it('says how the query was read', async () => {
    const { document } = await get('/?q=remittances')
    expect(texts(document, '.reading')[0]).toContain('remittances')
  })

  it('narrows by a source, then by a person, with counts and chips to match', async () => {
    const bySource = await get('/?q=remittances&source=CABAR.asia')
    expect(texts(bySource.document, '.result-count')[0]).toMatch(/^3 passages/)
    const cabar = bySource.document.querySelector('section[aria-labelledby="facet-source-title"] a[aria-current="true"]')!
    expect(cabar.querySelector('.facet-label')!.textContent).toBe('CABAR.asia')
    expect(cabar.getAttribute('href')).toBe('/?q=remittances')
    const putin = [...bySource.document.querySelectorAll('section[aria-labelledby="facet-person-title"] .facet-link')].find((link) =>
      link.textContent!.includes('Vladimir Putin'),
    )!
    expect(putin.getAttribute('href')).toBe('/?q=remittances&source=CABAR.asia&person=Vladimir+Putin')

    const byBoth = await get(putin.getAttribute('href')!)
    expect(texts(byBoth.document, '.result-count')[0]).toMatch(/^1 passage /)
    expect(texts(byBoth.document, '.chip')).toHaveLength(2)
    const clear = byBoth.document.querySelector('a.chips-clear')!
    expect(clear.getAttribute('href')).toBe('/?q=remittances')
  })

  it('combines values of one facet with OR and keeps the form state so typing keeps the filters', async () => {
    const { document } = await get('/?source=CABAR.asia&source=The+Diplomat')
    expect(texts(document, '.result-count')[0]).toMatch(/^6 passages/)
    const hidden = [...document.querySelectorAll('#search-state input[type="hidden"]')].map((input) => [input.getAttribute('name'), input.getAttribute('value')])
    expect(hidden).toEqual([
      ['source', 'CABAR.asia'],
      ['source', 'The Diplomat'],
    ])
  })

  it('excludes a value and shows it as a struck-through chip', async () => {
    const { document } = await get('/?exclude_source=CABAR.asia')
    expect(texts(document, '.result-count')[0]).toMatch(/^3 passages/)
    const chip = document.querySelector('.chip.is-excluded')!
    expect(chip.querySelector('s')!.textContent).toBe('CABAR.asia')
    expect(chip.querySelector('a.chip-remove')!.getAttribute('href')).toBe('/')
    const facetLink = document.querySelector('section[aria-labelledby="facet-source-title"] .is-excluded .facet-link')!
    expect(facetLink.getAttribute('href')).toBe('/')
  })

  it('offers an exclude link for each facet value', async () => {
    const { document } = await get('/?q=remittances')
    const exclude = document.querySelector('section[aria-labelledby="facet-source-title"] a.facet-exclude')!
    expect(exclude.getAttribute('href')).toBe('/?q=remittances&exclude_source=CABAR.asia')
    expect(exclude.getAttribute('aria-label')).toBe('Exclude CABAR.asia')
  })

  it('lists months inside a selected year, and filters by a date range', async () => {
    const byYear = await get('/?year=2025')
    expect(texts(byYear.document, '.facet-months .facet-label')).toEqual(['October 2025'])
    const range = await get('/?from=2025-01-01&to=2025-12-31')
    expect(texts(range.document, '.result-count')[0]).toMatch(/^5 passages/)
    expect(range.document.querySelector('.date-range input[name="from"]')!.getAttribute('value')).toBe('2025-01-01')
    expect(texts(range.document, '.chip-facet')).toEqual(['From:', 'To:'])
  })

  it('searches every person server-side from the People filter box', async () => {
    const { document } = await get('/?q=water&person_contains=japar')
    const matches = texts(document, '#facet-person-matches .facet-label')
    expect(matches).toEqual(['Sadyr Japarov'])
    const form = document.querySelector('section[aria-labelledby="facet-person-title"] form.facet-search')!
    expect(form.getAttribute('hx-target')).toBe('#facet-person-matches')
    expect([...form.querySelectorAll('input[type="hidden"]')].map((input) => input.getAttribute('name'))).toContain('q')
  })

  it('groups results by article with how many more passages matched', async () => {
    const { document } = await get('/?q=remittances&group=article')
    expect(document.querySelectorAll('.group')).toHaveLength(3)
    expect(texts(document, '.result-count')[0]).toMatch(/^4 passages in 3 articles/)
    expect(document.querySelector('.sort a[href="/?q=remittances"]')!.textContent).toBe('Show every passage')
  })

  it('pages through results ten at a time, or by the size asked', async () => {
    const { document } = await get('/?size=3&sort=oldest')
    const pages = [...document.querySelectorAll('.pagination ol a')].map((link) => [link.textContent, link.getAttribute('href')])
    expect(pages).toEqual([
      ['1', '/?sort=oldest&size=3'],
      ['2', '/?sort=oldest&size=3&page=2'],
      ['3', '/?sort=oldest&size=3&page=3'],
    ])
    const second = await get('/?size=3&sort=oldest&page=2')
    expect(second.document.querySelector('.pagination a[aria-current="page"]')!.textContent).toBe('2')
    expect(second.document.querySelectorAll('.result')).toHaveLength(3)
  })

  it('offers the three sort orders as links, marking the current one', async () => {
    const { document } = await get('/?q=remittances&sort=newest')
    expect(texts(document, '.sort a.is-current')).toEqual(['Newest'])
    expect(document.querySelector('.sort a')!.getAttribute('href')).toBe('/?q=remittances&sort=relevance')
  })

  it('suggests removing a filter when nothing matches', async () => {
    const { document } = await get('/?q=remittances&source=Asia+Times')
    expect(texts(document, '.empty h2')[0]).toContain('No passages match')
    expect([...document.querySelectorAll('.loosen a')].map((link) => link.getAttribute('href'))).toEqual(['/?q=remittances'])
  })

  it('shows near matches and the relaxed-match notice when the engine offers them', async () => {
    const suggesting = createApp(changingSearch(engine, (response) => ({ ...response, total: 0, results: [], suggestions: ['remittances'] })), { log: () => {} })
    const none = parseHTML(await (await suggesting.request('/?q=remitances')).text()).document
    expect(none.querySelector('.empty a')!.getAttribute('href')).toBe('/?q=remittances')
    const relaxed = createApp(changingSearch(engine, (response) => ({ ...response, relaxed: true })), { log: () => {} })
    const page = parseHTML(await (await relaxed.request('/?q=remittances')).text()).document
    expect(page.querySelector('.notice')!.textContent).toContain('No passage has every word')
  })

  it('shows filters written in the query as chips', async () => {
    const querying = createApp(changingSearch(engine, (response) => ({ ...response, effectiveFilters: { person: ['Vladimir Putin'] } })), { log: () => {} })
    const { document } = parseHTML(await (await querying.request('/?q=person%3A%22Vladimir+Putin%22')).text())
    const chip = document.querySelector('.chip')!
    expect(chip.textContent).toContain('Vladimir Putin')
    expect(chip.textContent).toContain('in query')
    expect(chip.querySelector('a')).toBeNull()
  })

  it('lists the top ten values of a long facet with a link to show more', async () => {
    const { createMemoryEngine } = await import('../../src/engine/index.ts')
    const passages = Array.from({ length: 14 }, (_, i) => ({
      id: `p${i}`,
      articleId: `a${i}`,
      position: 0,
      text: `A passage about rivers number ${i}.`,
      title: `Article ${i}`,
      source: `Source ${String(i).padStart(2, '0')}`,
      people: [],
      topics: [],
    }))
    const articles = passages.map((p) => ({
      id: p.articleId,
      title: p.title,
      titleOrigin: 'metadata' as const,
      source: p.source,
      language: 'en',
      file: `${p.articleId}.txt`,
      passageIds: [p.id],
      people: [],
      topics: [],
    }))
    const wide = createApp(createMemoryEngine({ articles, passages }), { log: () => {} })
    const top = parseHTML(await (await wide.request('/?q=rivers')).text()).document
    expect(top.querySelectorAll('section[aria-labelledby="facet-source-title"] .facet-value')).toHaveLength(10)
    const more = top.querySelector('section[aria-labelledby="facet-source-title"] a.facet-more')!
    expect(more.getAttribute('href')).toBe('/?q=rivers&more=source')
    expect(more.textContent).toBe('Show more sources')
    const all = parseHTML(await (await wide.request('/?q=rivers&more=source')).text()).document
    expect(all.querySelectorAll('section[aria-labelledby="facet-source-title"] .facet-value')).toHaveLength(14)
    expect(all.querySelector('section[aria-labelledby="facet-source-title"] a.facet-more')!.textContent).toBe('Show fewer')
  })
})

describe('htmx requests', () => {
  it('get a fragment with the new title and the out-of-band form state, and every answer varies on HX-Request', async () => {
    const full = await get('/?q=remittances&source=CABAR.asia')
    const fragment = await get('/?q=remittances&source=CABAR.asia', { 'HX-Request': 'true' })
    expect(full.response.headers.get('vary')).toContain('HX-Request')
    expect(fragment.response.headers.get('vary')).toContain('HX-Request')
    expect(full.text.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(fragment.text).not.toContain('<html')
    expect(fragment.text).not.toContain('<head')
    expect(fragment.document.querySelector('title')!.textContent).toBe('remittances – Clippings')
    expect(fragment.document.querySelector('#search-state')!.getAttribute('hx-swap-oob')).toBe('true')
    expect(fragment.document.querySelector('#search-status')!.getAttribute('hx-swap-oob')).toBe('innerHTML')
    expect(fragment.document.querySelectorAll('.result')).toHaveLength(3)
    expect(full.document.querySelector('#search-page .search-layout')).not.toBeNull()
  })

  it('get the full page when htmx restores history', async () => {
    const { text } = await get('/?q=remittances', { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' })
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true)
  })
})

describe('escaping', () => {
  it('never echoes a query as markup, in the page, the fragment or the API', async () => {
    const query = encodeURIComponent('<script>alert(1)</script>')
    for (const headers of [{}, { 'HX-Request': 'true' }] as Array<Record<string, string>>) {
      const { text } = await get(`/?q=${query}`, headers)
      expect(text).not.toContain('<script>alert(1)</script>')
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    }
    // JSON carries the query as data (served as application/json with nosniff); only the snippet is HTML.
    const api = await getJson(`/api/search?q=${query}`)
    expect(api.response.headers.get('content-type')).toMatch(/application\/json/)
    for (const result of api.body.results) expect(result.snippet).not.toContain('<script>')
  })

  it('escapes markup in the corpus text and marks only escaped pieces', async () => {
    const { text, document } = await get('/?q=farmers')
    expect(text).not.toContain('<script>alert("x")</script>')
    expect(document.querySelector('.snippet')!.textContent).toContain('<script>alert("x")</script>')
    const api = await getJson('/api/search?q=farmers')
    expect(api.body.results[0].snippet).toContain('&lt;script&gt;')
    expect(api.body.results[0].snippet).toContain('<mark>Farmers</mark>')
  })

  it('escapes facet values and attribute values', async () => {
    const { text } = await get(`/?source=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
    expect(text).not.toContain('<img src=x')
  })
})

describe('security headers', () => {
  it('sends a Content-Security-Policy allowing only the site’s own scripts and styles, and the usual hardening headers', async () => {
    for (const path of ['/', '/api/search', '/passages/none', '/static/app.css']) {
      const response = await app.request(path)
      const csp = response.headers.get('content-security-policy')!
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    }
  })
})

describe('static files', () => {
  it('serves htmx from the installed package, the stylesheet and the site script', async () => {
    const htmx = await app.request('/static/htmx.min.js')
    expect(htmx.status).toBe(200)
    expect(htmx.headers.get('content-type')).toMatch(/javascript/)
    expect(await htmx.text()).toContain('htmx')
    expect((await app.request('/static/app.css')).headers.get('content-type')).toMatch(/text\/css/)
    expect((await app.request('/static/app.js')).status).toBe(200)
  })

  it('answers 304 to a matching ETag and 404 to an unknown file', async () => {
    const first = await app.request('/static/app.css')
    const again = await app.request('/static/app.css', { headers: { 'If-None-Match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    expect((await app.request('/static/secret.txt')).status).toBe(404)
    expect((await app.request('/static/..%2Fpackage.json')).status).toBe(404)
  })
})

describe('the article page', () => {
  it('shows the metadata header, the sections and every passage addressable by id', async () => {
    const { document } = await get('/articles/migrants-send-money-home')
    expect(document.querySelector('h1')!.textContent).toBe('Migrants send money home')
    const meta = document.querySelector('.doc-meta')!
    expect(meta.textContent).toContain('CABAR.asia')
    expect(meta.textContent).toContain('Aziza Karimova')
    expect(meta.querySelector('time')!.getAttribute('datetime')).toBe('2025-10-28')
    expect(meta.querySelector('a.external')!.getAttribute('href')).toBe('https://cabar.asia/en/migrants-send-money-home')
    expect(texts(document, '.article-section h2')).toEqual(['Money', 'Politics'])
    expect([...document.querySelectorAll('.passage')].map((passage) => passage.id)).toEqual([
      'p-migrants-send-money-home-0',
      'p-migrants-send-money-home-1',
      'p-migrants-send-money-home-2',
    ])
  })

  it('marks the words of the query the reader came with throughout the article', async () => {
    const { document } = await get('/articles/migrants-send-money-home?q=remittances')
    expect(texts(document, '.passage mark').map((text) => text.toLowerCase())).toEqual(['remittances', 'remittances'])
    expect(document.querySelector('.breadcrumbs a')!.getAttribute('href')).toBe('/?q=remittances')
  })

  it('gives each passage a permalink and a copy-link control', async () => {
    const { document } = await get('/articles/migrants-send-money-home')
    const passage = document.querySelector('#p-migrants-send-money-home-1')!
    expect(passage.querySelector('a.permalink')!.getAttribute('href')).toBe('/passages/migrants-send-money-home-1')
    expect(passage.querySelector('button.copy-link')!.getAttribute('data-copy-path')).toBe('/articles/migrants-send-money-home#p-migrants-send-money-home-1')
  })

  it('links the article’s people, topics and source to filtered searches', async () => {
    const { document } = await get('/articles/migrants-send-money-home')
    const people = [...document.querySelectorAll('.tag-person')].map((link) => link.getAttribute('href'))
    expect(people).toContain('/?person=Emomali+Rahmon')
    expect([...document.querySelectorAll('.tag-topic')].map((link) => link.getAttribute('href'))).toContain('/?topic=migration')
    expect(document.querySelector('.doc-meta a')!.getAttribute('href')).toBe('/?source=CABAR.asia')
  })

  it('marks a derived title as such and never links a non-http source URL', async () => {
    const { document } = await get('/articles/a-derived-title')
    expect(document.querySelector('.doc-note')!.textContent).toContain('derived')
    expect(document.querySelector('a.external')).toBeNull()
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull()
  })
})

describe('the passage page', () => {
  it('shows the passage with the ones before and after it, its facets and a link into the article', async () => {
    const { document } = await get('/passages/migrants-send-money-home-1')
    expect(document.querySelector('.passage-current')!.textContent).toContain('Families in Khatlon')
    expect(document.querySelector('.passage-before')!.id).toBe('p-migrants-send-money-home-0')
    expect(document.querySelector('.passage-after')!.id).toBe('p-migrants-send-money-home-2')
    expect(document.querySelector('a.button-link')!.getAttribute('href')).toBe('/articles/migrants-send-money-home#p-migrants-send-money-home-1')
    expect(texts(document, '.tag-topic')).toEqual(['Migration'])
    expect(texts(document, '.doc-kicker')[0]).toMatch(/^Passage 2 of 3, from$/)
  })
})

describe('the person page', () => {
  it('lists the passages naming them, who they are mentioned with and the sources that name them', async () => {
    const { response, document } = await get('/people/Emomali%20Rahmon')
    expect(response.status).toBe(200)
    expect(document.querySelector('.person-intro h1')!.textContent).toBe('Emomali Rahmon')
    expect(texts(document, '.result-count')[0]).toMatch(/^3 passages/)
    const coMentioned = [...document.querySelectorAll('#co-mentioned-title + ul a')].map((link) => link.getAttribute('href'))
    expect(coMentioned).toEqual(expect.arrayContaining(['/people/Vladimir%20Putin', '/people/Rustam%20Emomali']))
    expect(document.querySelector('#person-sources-title + ul')!.textContent).toContain('CABAR.asia')
    expect(document.querySelector('section[aria-labelledby="facet-person-title"]')).toBeNull()
    expect(document.querySelectorAll('.chip')).toHaveLength(0)
    expect(document.querySelector('form#search-form')!.getAttribute('action')).toBe('/people/Emomali%20Rahmon')
  })

  it('is a 404 for someone the collection never names', async () => {
    expect((await app.request('/people/Nobody%20Known')).status).toBe(404)
  })
})

describe('errors', () => {
  it.each([
    ['/?page=0', 'page'],
    ['/?size=500', 'size'],
    ['/?from=2025-02-30', 'from'],
    ['/?sort=best', 'sort'],
    ['/?q=(1,001 characters)', 'q'],
  ])('answers %s with a 400 page naming the parameter', async (path, parameter) => {
    const { response, document } = await get(path.replace('(1,001 characters)', 'a'.repeat(1001)))
    expect(response.status).toBe(400)
    expect(document.querySelector('.error-message')!.textContent).toContain(`"${parameter}"`)
    expect(document.querySelector('input#q')).not.toBeNull()
  })

  it('answers an unknown passage or article with a 404 page that has a search box', async () => {
    for (const path of ['/passages/no-such-passage', '/articles/no-such-article', '/no/such/page']) {
      const { response, document, text } = await get(path)
      expect(response.status).toBe(404)
      expect(document.querySelector('input#q')).not.toBeNull()
      expect(text).not.toMatch(/at .*\.ts:\d+/)
    }
  })

  it('answers a failure inside the engine with a generic 500, logging the error and never showing the stack', async () => {
    const logged: string[] = []
    const failing = createApp(
      changingSearch(engine, () => {
        throw new Error('disk on fire')
      }),
      { log: (line) => logged.push(line) },
    )
    const page = await failing.request('/?q=x')
    expect(page.status).toBe(500)
    const body = await page.text()
    expect(body).not.toContain('disk on fire')
    expect(body).toContain('Something went wrong')
    const api = await failing.request('/api/search?q=x')
    expect(api.status).toBe(500)
    expect(await api.json()).toEqual({ error: 'Something went wrong on our side; the error has been logged.' })
    expect(logged.join('\n')).toContain('disk on fire')
  })

  it('finds an unknown facet value matches nothing rather than failing', async () => {
    const { body } = await getJson('/api/search?source=Nowhere+Gazette&year=abcd')
    expect(body.total).toBe(0)
  })
})

describe('GET /api/search', () => {
  it('answers with exactly the documented fields', async () => {
    const { response, body } = await getJson('/api/search?q=remittances')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(Object.keys(body).sort()).toEqual([
      'collapsed', 'facets', 'notices', 'page', 'partial', 'query', 'reading', 'relaxed', 'results', 'size', 'suggestions', 'timeline', 'tookMs', 'total',
    ])
    expect(body).toMatchObject({ query: 'remittances', total: 4, page: 1, size: 10 })
    expect(typeof body.tookMs).toBe('number')
    for (const result of body.results) {
      expect(Object.keys(result).sort()).toEqual(['articleId', 'date', 'duplicates', 'fields', 'id', 'people', 'section', 'snippet', 'source', 'text', 'title', 'topics', 'url'])
      expect(result.url).toBe(`/passages/${result.id}`)
      expect(result.snippet).toMatch(/<mark>[^<]+<\/mark>/)
    }
    expect(Object.keys(body.facets)).toEqual(['source', 'topic', 'person', 'tag', 'year', 'month'])
    for (const facet of Object.values(body.facets) as any[]) {
      expect(Object.keys(facet).sort()).toEqual(['title', 'truncated', 'values'])
      for (const value of facet.values) {
        expect(Object.keys(value).filter((key) => key !== 'parent').sort()).toEqual(['count', 'excludeHref', 'excluded', 'href', 'label', 'selected', 'value'])
      }
    }
    expect(body.timeline).toMatchObject({ unit: expect.any(String), undated: 1 })
    const undated = body.results.find((result: any) => result.articleId === 'undated-remittance-note')
    expect(undated.date).toBeNull()
    expect(undated.section).toBeNull()
  })

  it('takes the same filters as the page, repeated for several values, and marks the selected ones', async () => {
    const { body } = await getJson('/api/search?q=remittances&source=CABAR.asia&source=The+Diplomat&exclude_person=Vladimir+Putin&size=2&page=2&sort=oldest')
    expect(body.total).toBe(3)
    expect(body.page).toBe(2)
    expect(body.results).toHaveLength(1)
    expect(body.facets.source.values.filter((value: any) => value.selected).map((value: any) => value.value).sort()).toEqual(['CABAR.asia', 'The Diplomat'])
  })

  it('groups by article when asked', async () => {
    const { body } = await getJson('/api/search?q=remittances&group=article')
    expect(body.groups).toHaveLength(3)
    expect(body.totalArticles).toBe(3)
  })

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['size=101', 'size'],
    ['size=-5', 'size'],
    ['from=2025-02-30', 'from'],
    ['to=2025-1-1', 'to'],
    ['sort=popular', 'sort'],
    ['q=(1,001 characters)', 'q'],
    ['group=year', 'group'],
  ])('answers %s with a 400 and an error naming the parameter', async (query, parameter) => {
    const { response, body } = await getJson(`/api/search?${query.replace('(1,001 characters)', 'x'.repeat(1001))}`)
    expect(response.status).toBe(400)
    expect(body.error).toContain(`"${parameter}"`)
    expect(body.parameter).toBe(parameter)
  })
})

describe('the other API routes', () => {
  it('GET /api/passages/:id answers the passage, or a JSON 404', async () => {
    const { body } = await getJson('/api/passages/migrants-send-money-home-0')
    expect(body).toMatchObject({ id: 'migrants-send-money-home-0', articleId: 'migrants-send-money-home', date: '2025-10-28', url: '/passages/migrants-send-money-home-0' })
    const missing = await getJson('/api/passages/nope')
    expect(missing.response.status).toBe(404)
    expect(missing.body.error).toContain('nope')
  })

  it('GET /api/articles/:id answers the article with its passages in order, or a JSON 404', async () => {
    const { body } = await getJson('/api/articles/migrants-send-money-home')
    expect(body.title).toBe('Migrants send money home')
    expect(body.passages.map((passage: any) => passage.id)).toEqual(['migrants-send-money-home-0', 'migrants-send-money-home-1', 'migrants-send-money-home-2'])
    expect((await getJson('/api/articles/nope')).response.status).toBe(404)
  })

  it('GET /healthz answers the index statistics', async () => {
    const { response, body } = await getJson('/healthz')
    expect(response.status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', articles: 4, passages: 8 })
  })

  it('answers an unknown API path with a JSON 404', async () => {
    const { response, body } = await getJson('/api/nothing')
    expect(response.status).toBe(404)
    expect(body.error).toBeTruthy()
  })
})

describe('GET /api/export', () => {
  it('streams the whole result set as CSV with the export fields', async () => {
    const response = await app.request('/api/export?q=remittances&source=CABAR.asia&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/csv/)
    expect(response.headers.get('content-disposition')).toContain('attachment')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,articleId,title,source,date,author,section,text,people,topics,url,sourceUrl,tags')
    expect(lines).toHaveLength(4)
    expect(lines.slice(1).every((line) => line.includes(',CABAR.asia,'))).toBe(true)
    expect(lines.find((line) => line.startsWith('migrants-send-money-home-2,'))).toBeUndefined()
    expect(lines.find((line) => line.startsWith('power-transition-in-tajikistan-1,'))).toContain('http://localhost/passages/power-transition-in-tajikistan-1')
  })

  it('streams JSON Lines with lists as arrays, ignoring paging', async () => {
    const response = await app.request('/api/export?format=jsonl&page=2&size=1')
    const rows = (await response.text()).trim().split('\n').map((line) => JSON.parse(line))
    expect(rows).toHaveLength(8)
    expect(Object.keys(rows[0])).toEqual(['id', 'articleId', 'title', 'source', 'date', 'author', 'section', 'text', 'people', 'topics', 'url', 'sourceUrl', 'tags'])
    expect(Array.isArray(rows[0].people)).toBe(true)
  })

  it('rejects an unknown format or a bad filter with a 400', async () => {
    expect((await getJson('/api/export?format=xml')).body.parameter).toBe('format')
    expect((await getJson('/api/export?format=csv&from=2025-02-30')).response.status).toBe(400)
  })
})
