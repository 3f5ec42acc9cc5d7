// A search page announces its Atom feed to feed readers (<link rel="alternate"> in the head) and to people (a
// visible link), in a real headless Chromium; the feed it names answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/serve.ts'
import { fixtureEngine } from '../server/fixture-corpus.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, startServer, watchedPage, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

describe.skipIf(!hasChromium)('a search’s feed in a browser', () => {
  let server: RunningServer
  let withScript: BrowserSession
  const problems: string[] = []

  beforeAll(async () => {
    server = await startServer(fixtureEngine())
    withScript = await openBrowser()
  })

  afterAll(async () => {
    await withScript?.close()
    await server?.close()
    expect(problems).toEqual([])
  })

  const newPage = (session: BrowserSession): Promise<Page> => watchedPage(session, problems)

  it('announces a search’s Atom feed in the head and links to it visibly, and the feed answers', async () => {
    const page = await newPage(withScript)
    await page.goto(`${server.url}?q=remittances&source=CABAR.asia`)
    const announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(await announced.count()).toBe(1)
    const href = (await announced.getAttribute('href'))!
    expect(href).toBe('/feeds/search.atom?q=remittances&source=CABAR.asia')
    expect(await page.locator(`a[href="${href}"]`).count()).toBeGreaterThan(0)
    const feed = await page.request.get(new URL(href, server.url).href)
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    await page.close()
  })

  it('keeps the announced feed in step with the search as the user types', async () => {
    const page = await newPage(withScript)
    await page.goto(`${server.url}?q=remittances`)
    await page.locator('#q').fill('')
    await page.keyboard.type('Khatlon')
    await page.waitForURL(/\?q=Khatlon$/)
    await expect.poll(() => page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/feeds/search.atom?q=Khatlon')
    expect(await page.locator('link#search-feed').count()).toBe(1)
    expect(await page.locator('.follow-links a[type="application/atom+xml"]').getAttribute('href')).toBe('/feeds/search.atom?q=Khatlon')
    await page.close()
  })

  it('takes a search’s filters to batch search', async () => {
    const page = await newPage(withScript)
    await page.goto(`${server.url}?q=remittances&source=CABAR.asia`)
    await page.getByRole('link', { name: 'Batch search with these filters' }).click()
    await page.waitForURL(/\/batch\?source=CABAR\.asia$/)
    expect(await page.locator('.filter-list li').allTextContents()).toEqual(['Source: CABAR.asia'])
    await page.close()
  })
})
