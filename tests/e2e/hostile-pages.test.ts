// The hostile corpus (tests/fixtures/hostile) in Chromium, with the Content-Security-Policy on and switched off:
// on every page kind, and after htmx swaps, no dialog opens, no payload script runs or fetches, and the live DOM
// holds no injected element or attribute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { SearchEngine } from '../../src/engine/engine.ts'
import type { Passage } from '../../src/model.ts'
import { serve, type RunningServer } from '../../src/server/serve.ts'
import { activeContent, hostileEngine, MARKER } from '../server/hostile-corpus.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

const enc = encodeURIComponent

/** What a payload did if it ran: a dialog, a call the page's canary saw, a request to the payloads' addresses. */
interface Tripwires {
  fired: string[]
}

/** Page paths of every kind over the corpus: search, facets, people, articles, passages, errors. */
async function hostilePaths(engine: SearchEngine): Promise<string[]> {
  const passages: Passage[] = []
  for await (const passage of engine.searchAll({})) passages.push(passage)
  const paths = ['/', `/?q=${enc("<script>alert('xss')</script>")}`, '/?q=alert&group=article', `/?person_contains=${enc('<script')}`]
  for (const facet of ['source', 'person', 'places', 'tag']) {
    for (const { value } of (await engine.facetValues(facet, { limit: 3 })).values) paths.push(`/?${facet}=${enc(value)}`)
  }
  for (const person of new Set(passages.flatMap((p) => p.people).slice(0, 4))) paths.push(`/people/${enc(person)}`)
  for (const articleId of new Set(passages.map((p) => p.articleId))) paths.push(`/articles/${enc(articleId)}?q=alert`)
  for (const passage of passages.filter((p) => !p.articleId.startsWith('hostile-url-') || p.position === 0).slice(0, 14)) paths.push(`/passages/${enc(passage.id)}`)
  paths.push(`/articles/${enc("<script>alert('xss')</script>")}`, `/?sort=${enc(`"><img src=x onerror=alert('xss')>`)}`)
  // The JSON twins, opened as a page: served as JSON with nosniff, never rendered as HTML.
  const passage = passages.find((p) => p.text.includes('<script>'))!
  paths.push('/api/search?q=alert', `/api/passages/${enc(passage.id)}`, `/api/articles/${enc(passage.articleId)}`)
  return paths
}

describe.skipIf(!hasChromium)('the hostile corpus in a browser', () => {
  let engine: SearchEngine
  let paths: string[]
  let browser: BrowserSession
  const servers: RunningServer[] = []

  beforeAll(async () => {
    engine = await hostileEngine()
    paths = await hostilePaths(engine)
    browser = await openBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await Promise.all(servers.map((server) => server.close()))
  })

  async function start(contentSecurityPolicy: boolean): Promise<RunningServer> {
    const server = await serve({ engine, port: 0, handleSignals: false, log: () => {}, contentSecurityPolicy })
    servers.push(server)
    return server
  }

  /** A page whose alert, confirm, prompt, dialogs and requests to the payloads' addresses are all recorded. */
  async function watchedPage(tripwires: Tripwires, cspOn: boolean): Promise<Page> {
    const page = await browser.context.newPage()
    await page.addInitScript(() => {
      const record = (name: string) => (...args: unknown[]) => {
        ;(window as unknown as { __fired: string[] }).__fired.push(`${name}(${args.map(String).join(', ')})`)
      }
      ;(window as unknown as { __fired: string[] }).__fired = []
      window.alert = record('alert')
      window.confirm = record('confirm') as () => boolean
      window.prompt = record('prompt') as () => string
    })
    page.on('dialog', (dialog) => {
      tripwires.fired.push(`a ${dialog.type()} dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('request', (request) => {
      if (request.url().includes(`/${MARKER}`) || request.url().includes(`${MARKER}.example`)) tripwires.fired.push(`a request to ${request.url()}`)
    })
    page.on('console', (message) => {
      // With the policy on, an injected inline script or handler would show up as a refusal.
      if (cspOn && /Content Security Policy/i.test(message.text())) tripwires.fired.push(`a CSP refusal: ${message.text().slice(0, 200)}`)
    })
    return page
  }

  async function check(page: Page, where: string, tripwires: Tripwires): Promise<void> {
    // htmx processes the page on DOMContentLoaded, so a `load`-triggered payload would have asked by now.
    await page.waitForLoadState('load')
    const fired = await page.evaluate(() => (window as unknown as { __fired?: string[] }).__fired ?? [])
    for (const call of fired) tripwires.fired.push(`${where}: ${call}`)
    for (const problem of activeContent(await page.content())) tripwires.fired.push(`${where}: ${problem}`)
  }

  it('notices a payload that does run (the tripwires work)', async () => {
    const tripwires: Tripwires = { fired: [] }
    const page = await watchedPage(tripwires, false)
    await page.setContent(`<p>x</p><img src="data:," onerror="alert('xss')"><div data-hx-get="/xss-hx">y</div>`)
    await check(page, 'a page made to fail', tripwires)
    await page.close()
    expect(tripwires.fired.some((line) => line.includes("alert(xss)") || line.includes('alert dialog'))).toBe(true)
    expect(tripwires.fired.some((line) => line.includes('data-hx-get'))).toBe(true)
  })

  for (const cspOn of [true, false]) {
    it(`opens every page kind with nothing running${cspOn ? '' : ', the Content-Security-Policy switched off'}`, async () => {
      const server = await start(cspOn)
      const tripwires: Tripwires = { fired: [] }
      const page = await watchedPage(tripwires, cspOn)
      const response = await page.goto(server.url)
      expect(response?.headers()['content-security-policy'] !== undefined).toBe(cspOn)
      for (const path of paths) {
        await page.goto(new URL(path, server.url).href)
        await check(page, path, tripwires)
      }
      await page.close()
      expect(tripwires.fired).toEqual([])
    }, 180_000)

    it(`swaps in search results and facets through htmx with nothing running${cspOn ? '' : ', the policy switched off'}`, async () => {
      const server = await start(cspOn)
      const tripwires: Tripwires = { fired: [] }
      const page = await watchedPage(tripwires, cspOn)
      await page.goto(server.url)
      await page.locator('#q').pressSequentially('alert xss')
      await page.waitForURL(/q=alert/)
      await check(page, 'search as you type', tripwires)
      await page.locator('#q').fill(`"><img src=x onerror=alert('xss')><script>alert('xss')</script>`)
      await page.locator('#q').press('Enter')
      await page.waitForURL(/q=%22/)
      await check(page, 'a hostile query', tripwires)
      await page.goto(`${server.url}?q=alert`)
      const facetLink = page.locator('section[aria-labelledby="facet-source-title"] .facet-link').first()
      await facetLink.click()
      await page.waitForURL(/source=/)
      await check(page, 'a source facet chosen', tripwires)
      expect(await page.locator('.chips').textContent()).toContain('<')
      await page.close()
      expect(tripwires.fired).toEqual([])
    }, 120_000)
  }
})
