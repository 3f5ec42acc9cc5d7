// Batch search: /batch and /batch.csv through HTTP (GET with the list in the URL, POST pasted or uploaded),
// their limits and errors, and the runner's turns, time limit and departure of its client.
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { withSearch, type SearchEngine } from '../../src/engine/engine.ts'
import type { SearchRequest } from '../../src/model.ts'
import { createApp } from '../../src/server/app.tsx'
import { batchCsv, batchHref, MAX_BATCH_QUERIES, parseQueryList, runBatch } from '../../src/server/batch.ts'
import { ClippingsError } from '../../src/errors.ts'
import { fixtureEngine } from './fixture-corpus.ts'
import { activeContent } from './hostile-corpus.ts'

const engine = fixtureEngine()
const app = createApp(engine, { log: () => {} })

function documentOf(html: string) {
  return parseHTML(html).document
}

async function page(path: string, init?: RequestInit) {
  const response = await app.request(path, init)
  const html = await response.text()
  return { response, html, document: documentOf(html) }
}

/** The results table as rows of cell texts (query, passages, top sources) with the query's link. */
function tableRows(document: Document) {
  return [...document.querySelectorAll('.batch-table tbody tr')].map((row) => ({
    query: row.querySelector('th')!.textContent!.trim(),
    href: row.querySelector('th a')!.getAttribute('href'),
    total: row.querySelectorAll('td')[0]!.textContent!.trim(),
    sources: [...row.querySelectorAll('td')[1]!.querySelectorAll('li')].map((li) => li.textContent!.trim()),
  }))
}

const queryString = (queries: string[], extra = '') => `queries=${encodeURIComponent(queries.join('\n'))}${extra}`

describe('GET /batch', () => {
  it('without queries is a form for a list, pasted or uploaded, that posts without JavaScript', async () => {
    const { response, document } = await page('/batch')
    expect(response.status).toBe(200)
    const form = document.querySelector('form.batch-form')!
    expect(form.getAttribute('method')).toBe('post')
    expect(form.getAttribute('action')).toBe('/batch')
    expect(form.getAttribute('enctype')).toBe('multipart/form-data')
    expect(document.querySelector('label[for="batch-queries"]')).not.toBeNull()
    expect(form.querySelector('textarea#batch-queries')!.getAttribute('name')).toBe('queries')
    expect(form.querySelector('input[type="file"]#batch-file')!.getAttribute('name')).toBe('file')
    expect(document.querySelector('.batch-table')).toBeNull()
  })

  it('keeps the search page’s filters as hidden fields and names them', async () => {
    const { document } = await page('/batch?source=CABAR.asia&exclude_topic=politics&from=2025&page=2&sort=oldest')
    const hidden = [...document.querySelectorAll('form.batch-form input[type="hidden"]')].map((input) => [input.getAttribute('name'), input.getAttribute('value')])
    expect(hidden).toEqual([
      ['source', 'CABAR.asia'],
      ['exclude_topic', 'politics'],
      ['from', '2025'],
    ])
    expect([...document.querySelectorAll('.filter-list li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Source: CABAR.asia',
      'Not topic: Politics',
      'Dates: from 2025',
    ])
  })

  it('answers each query’s total, top sources and a link to its results, in the order given', async () => {
    const { document } = await page(`/batch?${queryString(['remittances', 'Rahmon', 'zzzqqq', 'water'])}`)
    const rows = tableRows(document)
    expect(rows.map((row) => row.query)).toEqual(['remittances', 'Rahmon', 'zzzqqq', 'water'])
    for (const row of rows) {
      const expected = await engine.search({ query: row.query })
      expect(row.total).toBe(String(expected.total))
    }
    expect(rows[0]!.sources).toEqual(['CABAR.asia 3', 'The Diplomat 1'])
    expect(rows[0]!.href).toBe('/?q=remittances&prefix=none')
    expect(rows[2]!.sources).toEqual([])
    expect(document.querySelector('.batch-summary')!.textContent).toMatch(/^4 queries, 3 with matches/)
  })

  it('lists as top sources only those the filters allow', async () => {
    const only = tableRows((await page(`/batch?${queryString(['remittances'])}&source=CABAR.asia`)).document)
    expect(only[0]!.sources).toEqual(['CABAR.asia 3'])
    const without = tableRows((await page(`/batch?${queryString(['remittances'])}&exclude_source=CABAR.asia`)).document)
    expect(without[0]!.sources).toEqual(['The Diplomat 1'])
  })

  it('searches every query with the filters, and links to results with them', async () => {
    const { document } = await page(`/batch?${queryString(['remittances', 'Putin'])}&source=CABAR.asia&exclude_person=Rustam+Emomali&from=2025-10-15`)
    const rows = tableRows(document)
    const within = { filters: { source: ['CABAR.asia'] }, exclude: { person: ['Rustam Emomali'] }, from: '2025-10-15' }
    expect(rows.map((row) => row.total)).toEqual([
      String((await engine.search({ ...within, query: 'remittances' })).total),
      String((await engine.search({ ...within, query: 'Putin' })).total),
    ])
    expect(rows[0]!.href).toBe('/?q=remittances&source=CABAR.asia&exclude_person=Rustam+Emomali&from=2025-10-15&prefix=none')
  })

  it('runs a repeated line once and ignores blank lines, saying so', async () => {
    const { document } = await page(`/batch?${queryString(['water', '', '  water  ', 'Putin', '\r'])}`)
    expect(tableRows(document).map((row) => row.query)).toEqual(['water', 'Putin'])
    expect(document.querySelector('.batch-summary')!.textContent).toContain('1 repeated line run once')
  })

  it('offers the table as CSV and a link that runs the batch again', async () => {
    const { document } = await page(`/batch?${queryString(['water', 'Putin'])}&source=CABAR.asia`)
    const download = document.querySelector('.batch-actions form')!
    expect(download.getAttribute('method')).toBe('post')
    expect(download.getAttribute('action')).toBe('/batch.csv')
    expect(download.querySelector('textarea[name="queries"]')!.textContent).toBe('water\nPutin')
    expect(download.querySelector('input[name="source"]')!.getAttribute('value')).toBe('CABAR.asia')
    expect(document.querySelector('.batch-actions a')!.getAttribute('href')).toBe('/batch?queries=water%0APutin&source=CABAR.asia')
  })

  it('shows queries and corpus text as text, never as markup', async () => {
    const { html, document } = await page(`/batch?${queryString(['<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>'])}`)
    expect(activeContent(html)).toEqual([])
    expect(tableRows(document).map((row) => row.query)).toEqual(['<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>'])
  })

  it('refuses a filter it cannot read with a 400 naming it', async () => {
    const { response, html } = await page(`/batch?${queryString(['water'])}&from=2025-13`)
    expect(response.status).toBe(400)
    expect(html).toContain('from')
  })
})

describe('POST /batch', () => {
  it('takes a pasted list as a form', async () => {
    const body = new URLSearchParams([['queries', 'water\nremittances'], ['source', 'CABAR.asia']])
    const { response, document } = await page('/batch', { method: 'POST', body })
    expect(response.status).toBe(200)
    expect(tableRows(document).map((row) => [row.query, row.total])).toEqual([
      ['water', '0'],
      ['remittances', '3'],
    ])
  })

  it('takes an uploaded file, after any pasted queries, as multipart', async () => {
    const form = new FormData()
    form.append('queries', 'Putin')
    form.append('file', new Blob(['\uFEFFwater\r\nremittances\r\n'], { type: 'text/plain' }), 'names.txt')
    const { document } = await page('/batch', { method: 'POST', body: form })
    expect(tableRows(document).map((row) => row.query)).toEqual(['Putin', 'water', 'remittances'])
  })

  it('answers an empty list with the form again and a 400', async () => {
    const { response, document } = await page('/batch', { method: 'POST', body: new URLSearchParams([['queries', ' \n ']]) })
    expect(response.status).toBe(400)
    expect(document.querySelector('.form-error')!.textContent).toContain('at least one query')
    expect(document.querySelector('form.batch-form')).not.toBeNull()
  })

  it('refuses more than 1,000 queries, with the form and the reason', async () => {
    const queries = Array.from({ length: MAX_BATCH_QUERIES + 1 }, (_, i) => `word${i}`)
    const { response, document } = await page('/batch', { method: 'POST', body: new URLSearchParams([['queries', queries.join('\n')]]) })
    expect(response.status).toBe(400)
    expect(document.querySelector('.form-error')!.textContent).toContain('at most 1,000 queries')
  })

  it('refuses a file that is not UTF-8 text, and a body over the limit', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x41])]), 'names.xls')
    const binary = await page('/batch', { method: 'POST', body: form })
    expect(binary.response.status).toBe(400)
    expect(binary.document.querySelector('.form-error')!.textContent).toContain('not UTF-8 text')
    const huge = await app.request('/batch', { method: 'POST', body: new URLSearchParams([['queries', 'x'.repeat(3 * 1024 * 1024)]]) })
    expect(huge.status).toBe(400)
  })

  it('runs a list of 1,000 queries', async () => {
    const queries = Array.from({ length: MAX_BATCH_QUERIES }, (_, i) => (i % 2 === 0 ? `remittances${i}` : `water${i}`))
    const { response, document } = await page('/batch', { method: 'POST', body: new URLSearchParams([['queries', queries.join('\n')]]) })
    expect(response.status).toBe(200)
    expect(tableRows(document)).toHaveLength(MAX_BATCH_QUERIES)
    // Too long to fit in an address: no link, but the CSV form carries the list.
    expect(document.querySelector('.batch-actions a')).toBeNull()
  }, 60_000)
})

describe('/batch.csv', () => {
  it('is CSV for a spreadsheet: byte order mark, header, one line per query, absolute links, formulas defused', async () => {
    const response = await app.request(`/batch.csv?${queryString(['remittances', '-Ukraine water', '=cmd'])}&source=CABAR.asia`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="clippings-batch-\d{4}-\d{2}-\d{2}\.csv"$/)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n')
    expect(lines).toEqual([
      'query,total,top_sources,results_url,note',
      'remittances,3,CABAR.asia (3),http://localhost/?q=remittances&source=CABAR.asia&prefix=none,',
      "'-Ukraine water,0,,http://localhost/?q=-Ukraine+water&source=CABAR.asia&prefix=none,",
      "'=cmd,0,,http://localhost/?q=%3Dcmd&source=CABAR.asia&prefix=none,",
    ])
  })

  it('takes the list by POST as the page’s download button sends it', async () => {
    const response = await app.request('/batch.csv', { method: 'POST', body: new URLSearchParams([['queries', 'water\r\nPutin']]) })
    const lines = (await response.text()).trimEnd().split('\r\n')
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['water,2', 'Putin,2'])
  })

  it('refuses an empty list with a 400 naming the parameter', async () => {
    const response = await app.request('/batch.csv')
    expect(response.status).toBe(400)
  })
})

describe('batchHref', () => {
  it('carries a search page’s filters and dates to the batch page, not its query, order or paging', () => {
    const current = new URLSearchParams('q=grain&source=A&places=usa&exclude_topic=t&from=2024&sort=oldest&page=2&more=person')
    expect(batchHref(current, [...engine.facets().params, 'places'])).toBe('/batch?source=A&exclude_topic=t&places=usa&from=2024')
    expect(batchHref(new URLSearchParams('q=grain'), engine.facets().params)).toBe('/batch')
  })
})

describe('parseQueryList', () => {
  it('reads one query a line, any line ending, trimmed, blanks and repeats dropped', () => {
    expect(parseQueryList('\uFEFFa\r\nb\rc\n\n a \n"d e"')).toEqual({ queries: ['a', 'b', 'c', '"d e"'], repeated: 1 })
  })

  it('refuses a query longer than the search box takes, naming its line', () => {
    expect(() => parseQueryList(`a\n${'x'.repeat(1001)}`)).toThrow(/line 2 is 1,001 characters long/)
  })
})

/** The fixture engine whose searches are recorded and, for `slow`, take `ms` of a fake clock. */
function recordingEngine(log: SearchRequest[]): SearchEngine {
  return withSearch(engine, (request, options) => {
    log.push(request)
    return engine.search(request, options)
  })
}

describe('runBatch', () => {
  it('reports the queries left when the time limit passes as not run', async () => {
    let clock = 0
    const searched: SearchRequest[] = []
    const result = await runBatch(recordingEngine(searched), ['a', 'b', 'c', 'd'], {}, {
      resultsHref: (query) => `/?q=${query}`,
      timeLimitMs: 25,
      now: () => (clock += 10),
    })
    expect(searched.map((request) => request.query)).toEqual(['a', 'b'])
    expect(result.rows.map((row) => row.total === undefined)).toEqual([false, false, true, true])
    expect(result.notRun).toBe(2)
    expect(batchCsv(result, 'https://x.example').split('\r\n')[3]).toBe('c,,,https://x.example/?q=c,not run: the batch ran out of time')
  })

  it('stops once its client has left', async () => {
    const controller = new AbortController()
    const searched: SearchRequest[] = []
    const leaving = withSearch(engine, async (request, options) => {
      searched.push(request)
      if (searched.length === 2) controller.abort()
      return engine.search(request, options)
    })
    const result = await runBatch(leaving, ['a', 'b', 'c', 'd'], {}, { resultsHref: () => '/', signal: controller.signal })
    expect(searched).toHaveLength(2)
    expect(result.notRun).toBe(2)
  })

  it('runs its queries one at a time, so a visitor’s search is answered while a long batch runs', async () => {
    const finished: string[] = []
    const queries = Array.from({ length: 300 }, (_, i) => `remittances${i}`)
    const batch = Promise.resolve(app.request('/batch', { method: 'POST', body: new URLSearchParams([['queries', queries.join('\n')]]) })).then(() => finished.push('batch'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const visitor = Promise.resolve(app.request('/api/search?q=water')).then(() => finished.push('visitor'))
    await Promise.all([batch, visitor])
    expect(finished).toEqual(['visitor', 'batch'])
  }, 60_000)

  it('passes only the filters and dates of its base search on to each query', async () => {
    const searched: SearchRequest[] = []
    await runBatch(recordingEngine(searched), ['x'], { query: 'ignored', filters: { source: ['A'] }, from: '2024', sort: 'oldest', page: 3 }, { resultsHref: () => '/' })
    expect(searched[0]).toMatchObject({ query: 'x', filters: { source: ['A'] }, from: '2024', size: 1 })
    expect(searched[0]!.page).toBeUndefined()
    expect(searched[0]!.sort).toBeUndefined()
  })

  it('throws a bad-parameter error for too many queries', () => {
    const many = Array.from({ length: MAX_BATCH_QUERIES + 1 }, (_, i) => `q${i}`).join('\n')
    expect(() => parseQueryList(many)).toThrow(ClippingsError)
  })
})
