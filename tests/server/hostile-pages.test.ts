// A corpus with markup in every field (tests/fixtures/hostile, every format) stays inert on every page kind,
// in the JSON API and in the exports: payloads are shown as text, never run.
import { parseHTML } from 'linkedom'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { SearchEngine } from '../../src/engine/engine.ts'
import type { Passage } from '../../src/model.ts'
import { createApp } from '../../src/server/app.tsx'
import { activeContent, hostileEngine, MARKER, SAFE_URLS, UNSAFE_URLS } from './hostile-corpus.ts'

const enc = encodeURIComponent

/** Reads RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += char
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

async function allPassages(engine: SearchEngine): Promise<Passage[]> {
  const passages: Passage[] = []
  for await (const passage of engine.searchAll({})) passages.push(passage)
  return passages
}

describe('a hostile corpus', () => {
  let engine: SearchEngine
  let app: Hono
  let passages: Passage[]
  let facetValues: Array<[string, string]>

  beforeAll(async () => {
    engine = await hostileEngine()
    app = createApp(engine, { log: () => {} })
    passages = await allPassages(engine)
    facetValues = []
    for (const facet of engine.facets().names) {
      for (const { value } of (await engine.facetValues(facet)).values) facetValues.push([facet, value])
    }
  })

  /** Every URL of every page kind over this corpus: searches, facets, people, articles, passages, errors. */
  function pageUrls(): string[] {
    const queries = ['alert', "<script>alert('xss')</script>", `"><img src=x onerror=alert('xss')>`, 'hx-get', 'javascript:alert']
    const urls = ['/', '/?group=article', '/?sort=oldest&size=100', `/?person_contains=${enc('<script')}`, `/?person_contains=${enc('"><img')}`]
    urls.push(...queries.map((q) => `/?q=${enc(q)}`))
    for (const [facet, value] of facetValues) {
      urls.push(`/?${facet}=${enc(value)}`, `/?exclude_${facet}=${enc(value)}&q=remittances`)
    }
    for (const facet of engine.facets().names) urls.push(`/?more=${enc(facet)}`)
    const people = new Set(passages.flatMap((passage) => passage.people))
    for (const person of people) urls.push(`/people/${enc(person)}`)
    for (const articleId of new Set(passages.map((passage) => passage.articleId))) {
      urls.push(`/articles/${enc(articleId)}`, `/articles/${enc(articleId)}?q=${enc('alert xss script')}`)
    }
    for (const passage of passages) urls.push(`/passages/${enc(passage.id)}`)
    // Error pages repeat what was asked for.
    urls.push(
      `/articles/${enc("<script>alert('xss')</script>")}`,
      `/passages/${enc(`"><img src=x onerror=alert('xss')>`)}`,
      `/people/${enc(`<svg onload=alert('xss')>`)}`,
      `/?sort=${enc("<script>alert('xss')</script>")}`,
      `/?from=${enc(`"><img src=x onerror=alert('xss')>`)}`,
      `/${enc("<script>alert('xss')</script>")}`,
    )
    return urls
  }

  it('carries a payload in every field the pages show', () => {
    const has = (values: Array<string | undefined>) => values.some((value) => value?.includes('<') && value.includes(MARKER))
    expect(has(passages.map((p) => p.title))).toBe(true)
    expect(has(passages.map((p) => p.author))).toBe(true)
    expect(has(passages.map((p) => p.source))).toBe(true)
    expect(has(passages.map((p) => p.section))).toBe(true)
    expect(has(passages.map((p) => p.text))).toBe(true)
    expect(has(passages.flatMap((p) => p.people))).toBe(true)
    expect(has(passages.flatMap((p) => p.fields?.places ?? []))).toBe(true)
    expect(new Set(passages.map((p) => p.articleId)).size).toBeGreaterThan(10)
  })

  it('renders every page and fragment with no script, handler, htmx attribute or unsafe URL of its own', async () => {
    const urls = pageUrls()
    expect(urls.length).toBeGreaterThan(100)
    const problems: string[] = []
    for (const url of urls) {
      // Search pages have an htmx fragment form too; documents and errors do not.
      const isSearch = url.startsWith('/?') || url === '/' || url.startsWith('/people/')
      for (const fragment of isSearch ? [false, true] : [false]) {
        const response = await app.request(url, { headers: fragment ? { 'HX-Request': 'true' } : {} })
        if (response.status >= 500) problems.push(`${url}: status ${response.status}`)
        expect(response.headers.get('Content-Type') ?? '').toMatch(/^text\/html/)
        for (const problem of activeContent(await response.text())) problems.push(`${url}${fragment ? ' (fragment)' : ''}: ${problem}`)
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  it('shows the payloads as text rather than dropping them', async () => {
    const article = passages.find((p) => p.title.includes('xss-title-md'))!
    const { document } = parseHTML(await (await app.request(`/articles/${enc(article.articleId)}`)).text())
    expect(document.querySelector('h1')?.textContent).toContain("</title><script>alert('xss-title-md')</script>")
    expect(document.body.textContent).toContain("<script>alert('xss-section-md')</script>")
    const search = parseHTML(await (await app.request(`/?q=${enc("<script>alert('xss')</script>")}`)).text()).document
    expect(search.querySelector('input[name="q"]')?.getAttribute('value')).toBe("<script>alert('xss')</script>")
  })

  it('links a source URL only when it is http or https, and then exactly', async () => {
    for (const url of [...UNSAFE_URLS, ...SAFE_URLS]) {
      const passage = passages.find((p) => p.url === url)!
      for (const path of [`/articles/${enc(passage.articleId)}`, `/passages/${enc(passage.id)}`]) {
        const { document } = parseHTML(await (await app.request(path)).text())
        const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
        if (SAFE_URLS.includes(url)) expect(hrefs, path).toContain(new URL(url).href)
        else expect(hrefs.filter((href) => href === url || href?.trim().toLowerCase() === url.trim().toLowerCase()), path).toEqual([])
      }
    }
  })

  it('answers the JSON API as JSON, with snippets whose only markup is <mark>', async () => {
    for (const path of ['/api/search?q=alert&size=100', `/api/search?q=${enc('script xss')}&size=100`, '/api/search?size=100']) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      const body = (await response.json()) as { results: Array<{ snippet: string }> }
      expect(body.results.length).toBeGreaterThan(0)
      for (const { snippet } of body.results) expect(snippet.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/)
    }
    const passage = passages.find((p) => p.text.includes('<script>'))!
    for (const path of [`/api/passages/${enc(passage.id)}`, `/api/articles/${enc(passage.articleId)}`]) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    }
  })

  it('exports CSV whose cells never start a spreadsheet formula, the payloads kept behind a quote', async () => {
    const response = await app.request('/api/export?format=csv')
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const rows = parseCsv(await response.text())
    expect(rows.length).toBe(passages.length + 1)
    const cells = rows.slice(1).flat()
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([])
    for (const prefix of ["'=", "'+", "'-", "'@"]) expect(cells.some((cell) => cell.startsWith(prefix)), prefix).toBe(true)
    expect(cells.some((cell) => cell.includes("<script>alert('xss')</script>"))).toBe(true)
  })

  it('exports JSON Lines, one passage a line, each valid JSON', async () => {
    const response = await app.request('/api/export?format=jsonl')
    expect(response.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/)
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment/)
    const lines = (await response.text()).trimEnd().split('\n')
    expect(lines).toHaveLength(passages.length)
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('stays inert with the Content-Security-Policy switched off', async () => {
    const bare = createApp(engine, { log: () => {}, contentSecurityPolicy: false })
    const article = passages.find((p) => p.title.includes('xss-title-md'))!
    const place = passages.find((p) => p.fields?.places)!.fields!.places![0]
    for (const url of ['/', `/articles/${enc(article.articleId)}`, `/passages/${enc(article.id)}`, `/?places=${enc(place)}`]) {
      const response = await bare.request(url)
      expect(response.headers.get('Content-Security-Policy')).toBeNull()
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(activeContent(await response.text())).toEqual([])
    }
  })
})

describe('activeContent', () => {
  it('finds what a payload would leave behind if it were not escaped', () => {
    const page = (body: string) => `<!DOCTYPE html><html><head><script src="/static/app.js"></script></head><body>${body}</body></html>`
    expect(activeContent(page('<p>plain &lt;script&gt; text</p><a href="/articles/x">x</a><a href="https://e.org/">e</a>'))).toEqual([])
    expect(activeContent(page("<script>alert('xss')</script>"))).not.toEqual([])
    expect(activeContent(page('<img src=x onerror=alert(1)>'))).not.toEqual([])
    expect(activeContent(page('<b onmouseover="alert(1)">x</b>'))).not.toEqual([])
    expect(activeContent(page('<div hx-get="/xss-hx" hx-trigger="load">x</div>'))).not.toEqual([])
    expect(activeContent(page('<button hx-on:click="alert(1)" data-hx-get="/">x</button>'))).not.toEqual([])
    expect(activeContent(page(`<a href="javascript:alert('xss')">x</a>`))).not.toEqual([])
    expect(activeContent(page('<a href=" data:text/html,x">x</a>'))).not.toEqual([])
    expect(activeContent(page('<a href="//evil.example/">x</a>'))).not.toEqual([])
  })
})
