// The search page in Debian's Chromium over a small newswire: the word being typed as a prefix, clicks that
// leave the page where it was, focus after paging, the timeline's links and the search inside a facet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/serve.ts'
import { wireEngine } from '../server/search-page-fixture.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, startServer, watchedPage, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

describe.skipIf(!hasChromium)('the search page in a browser, on a newswire', () => {
  let server: RunningServer
  let browser: BrowserSession
  const problems: string[] = []

  beforeAll(async () => {
    server = await startServer(wireEngine())
    browser = await openBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function newPage(width = 1200, height = 800): Promise<Page> {
    const page = await watchedPage(browser, problems)
    await page.setViewportSize({ width, height })
    return page
  }

  const countText = (page: Page) => page.locator('.result-count').first().textContent()
  /** A mark set on the window: still there after a click means htmx swapped the page rather than reloading it. */
  const markWindow = (page: Page) => page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true))
  const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { marked?: boolean }).marked === true)

  it('finds whole words while the last one is still being typed, and says it reads it as a prefix', async () => {
    const page = await newPage()
    await page.goto(server.url)
    await page.keyboard.type('coff')
    await page.waitForURL(/\?q=coff$/)
    await expect.poll(() => countText(page)).toMatch(/^3 passages/)
    expect((await page.locator('.snippet mark').allTextContents()).map((word) => word.toLowerCase())).toContain('coffee')
    expect(await page.locator('.reading').textContent()).toContain('coff… (words starting with)')
    // Submitting the half word keeps reading it as a prefix.
    await page.keyboard.press('Enter')
    await expect.poll(() => countText(page)).toMatch(/^3 passages/)
    await page.close()
  })

  it('leaves the page where it was when a facet value or its exclude link is clicked', async () => {
    const page = await newPage(1200, 420)
    await page.goto(`${server.url}?q=coffee+OR+opec+OR+grain+OR+cocoa`)
    const luxembourg = page.locator('section[aria-labelledby="facet-places-title"] .facet-link', { hasText: 'luxembourg' })
    await luxembourg.scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 60))
    const id = await luxembourg.getAttribute('id')
    const before = await page.evaluate(() => window.scrollY)
    expect(before).toBeGreaterThan(100)
    const top = (await luxembourg.boundingBox())!.y
    await markWindow(page)
    await luxembourg.click()
    await page.waitForURL(/places=luxembourg/)
    await expect.poll(() => page.locator('.chip').count()).toBe(1)
    expect(await stillMarked(page)).toBe(true)
    // The value clicked stays where it was in the window, though the facets above it shrank.
    expect(Math.abs((await page.locator(`#${id}`).boundingBox())!.y - top)).toBeLessThanOrEqual(1)
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before)

    const brazil = page.locator('section[aria-labelledby="facet-places-title"] .facet-value', { hasText: 'brazil' })
    const brazilTop = (await brazil.boundingBox())!.y
    await brazil.locator('.facet-exclude').click()
    await page.waitForURL(/exclude_places=brazil/)
    await expect.poll(() => page.locator('.chip.is-excluded').count()).toBe(1)
    expect(Math.abs((await page.locator('section[aria-labelledby="facet-places-title"] .facet-value', { hasText: 'brazil' }).boundingBox())!.y - brazilTop)).toBeLessThanOrEqual(1)
    await page.close()
  })

  it('moves the focus to the results heading after paging, so Tab goes on to the results', async () => {
    const page = await newPage(1200, 600)
    await page.goto(`${server.url}?size=2&sort=oldest`)
    await page.locator('.pagination a[rel="next"]').click()
    await page.waitForURL(/page=2/)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-title')
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.keyboard.press('Tab')
    const next = await page.evaluate(() => ({ cls: document.activeElement?.className, inResults: Boolean(document.activeElement?.closest('#results')) }))
    expect(next.cls).not.toContain('skip-link')
    expect(next.inResults).toBe(true)
    await page.close()
  })

  it('narrows the search to a period when a timeline bar is clicked, without reloading the page', async () => {
    const page = await newPage()
    await page.goto(`${server.url}?q=coffee+OR+opec+OR+grain`)
    await markWindow(page)
    await page.locator('svg a.timeline-bar[aria-label^="March 1987"]').click()
    await page.waitForURL(/month=1987-03/)
    await expect.poll(() => page.locator('.chip').first().textContent()).toContain('March 1987')
    expect(await stillMarked(page)).toBe(true)
    await expect.poll(() => page.locator('.timeline-summary').textContent()).toMatch(/by day\./)
    // The bars are links for the keyboard too.
    await page.locator('svg a.timeline-bar').first().focus()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/March 1987: \d+ passages?$/)
    await page.close()
  })

  it('searches every value of a facet as the user types in its box, listing the matches apart, focus kept in the box', async () => {
    const page = await newPage()
    // Places lists every value here ("show more"), so it has a search box.
    await page.goto(`${server.url}?q=coffee+OR+opec+OR+grain&more=places`)
    const box = page.locator('#facet-places-contains')
    await box.pressSequentially('lux')
    await expect.poll(() => page.locator('#facet-places-matches .facet-label').allTextContents()).toEqual(['luxembourg'])
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('facet-places-contains')
    expect(page.url()).toContain('facet=places&contains=lux')
    await page.locator('#facet-places-matches .facet-link').click()
    await page.waitForURL(/places=luxembourg/)
    expect(await page.locator('.chip').first().textContent()).toContain('luxembourg')
    await page.close()
  })

  it('opens the overview at the home page and swaps results in as the user types', async () => {
    const page = await newPage()
    await page.goto(server.url)
    expect(await page.locator('.overview h1').textContent()).toBe('The collection')
    await page.keyboard.type('brazil')
    await page.waitForURL(/\?q=brazil$/)
    await expect.poll(() => countText(page)).toMatch(/^2 passages/)
    await page.locator('#q').fill('')
    await expect.poll(() => page.locator('.overview').count()).toBe(1)
    await page.close()
  })

  it('gives every facet value and its labelled exclude button a 44 px touch target on a phone', async () => {
    const page = await newPage(390, 800)
    await page.goto(`${server.url}?q=coffee+OR+opec`)
    await page.locator('details.filters > summary').click()
    const row = page.locator('section[aria-labelledby="facet-places-title"] .facet-value').first()
    const exclude = row.locator('.facet-exclude')
    expect(await exclude.textContent()).toContain('Exclude')
    expect(await exclude.isVisible()).toBe(true)
    for (const target of [exclude, row.locator('.facet-link')]) {
      const box = (await target.boundingBox())!
      expect(box.height).toBeGreaterThanOrEqual(44)
    }
    expect((await exclude.boundingBox())!.width).toBeGreaterThanOrEqual(44)
    await page.close()
  })

  it('never logs a script error or a Content-Security-Policy violation', () => {
    expect(problems).toEqual([])
  })
})
