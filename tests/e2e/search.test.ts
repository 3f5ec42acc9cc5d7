// The search page in a real headless Chromium: search as you type, facets, history, passage links, no-JS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/serve.ts'
import { fixtureEngine } from '../server/fixture-corpus.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, startServer, watchedPage, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

describe.skipIf(!hasChromium)('the search page in a browser', () => {
  let server: RunningServer
  let browser: BrowserSession
  const problems: string[] = []

  beforeAll(async () => {
    server = await startServer(fixtureEngine())
    browser = await openBrowser()
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  // Any script error or CSP violation (reported on the console) fails the suite at the end.
  const newPage = (): Promise<Page> => watchedPage(browser, problems)

  const countText = (page: Page) => page.locator('.result-count').first().textContent()

  it('focuses the search box on load and updates the results and the URL as the user types', async () => {
    const page = await newPage()
    await page.goto(server.url)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    await page.keyboard.type('remittances')
    await page.waitForURL(/\?q=remittances$/)
    await expect.poll(() => countText(page)).toMatch(/^4 passages/)
    expect(await page.locator('.snippet mark').count()).toBe(4)
    expect(await page.title()).toBe('remittances – Clippings')
    expect(await page.locator('#search-status').textContent()).toMatch(/^4 passages/)
    await page.close()
  })

  it('narrows the results and updates the counts when a facet value is clicked, and Back restores each state', async () => {
    const page = await newPage()
    await page.goto(`${server.url}?q=remittances`)
    await page.locator('section[aria-labelledby="facet-source-title"] .facet-link', { hasText: 'CABAR.asia' }).click()
    await page.waitForURL(/source=CABAR\.asia/)
    await expect.poll(() => countText(page)).toMatch(/^3 passages/)
    const putin = page.locator('section[aria-labelledby="facet-person-title"] .facet-link', { hasText: 'Vladimir Putin' })
    expect(await putin.locator('.facet-count').textContent()).toBe('1')
    await putin.click()
    await page.waitForURL(/person=Vladimir\+Putin/)
    await expect.poll(() => countText(page)).toMatch(/^1 passage /)
    expect(await page.locator('.chip').count()).toBe(2)

    // Typing keeps the active filters.
    await page.locator('#q').fill('remittances moscow')
    await page.waitForURL((url) => url.searchParams.get('q') === 'remittances moscow')
    const typed = new URL(page.url()).searchParams
    expect(typed.get('source')).toBe('CABAR.asia')
    expect(typed.get('person')).toBe('Vladimir Putin')

    await page.goBack()
    await page.waitForURL(/\?q=remittances&source=CABAR\.asia&person=Vladimir\+Putin$/)
    await expect.poll(() => countText(page)).toMatch(/^1 passage /)
    expect(await page.locator('#q').inputValue()).toBe('remittances')
    await page.goBack()
    await page.waitForURL(/\?q=remittances&source=CABAR\.asia$/)
    await expect.poll(() => countText(page)).toMatch(/^3 passages/)
    await page.goBack()
    await page.waitForURL(/\?q=remittances$/)
    await expect.poll(() => countText(page)).toMatch(/^4 passages/)
    await page.goForward()
    await page.waitForURL(/source=CABAR\.asia$/)
    await expect.poll(() => countText(page)).toMatch(/^3 passages/)
    await page.close()
  })

  it('focuses the search box when the user presses "/"', async () => {
    const page = await newPage()
    await page.goto(`${server.url}?q=water`)
    await page.locator('.result-title a').first().focus()
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    await page.close()
  })

  it('opens a passage link scrolled to that passage, highlighted, with the query marked', async () => {
    const page = await newPage()
    await page.setViewportSize({ width: 1200, height: 360 })
    await page.goto(`${server.url}?q=moscow`)
    await page.locator('.result', { hasText: 'migrant workers in Moscow' }).locator('.result-title a').click()
    await page.waitForURL(/\/articles\/migrants-send-money-home\?q=moscow#p-migrants-send-money-home-2$/)
    const target = page.locator('#p-migrants-send-money-home-2')
    expect(await target.evaluate((element) => element.matches(':target'))).toBe(true)
    const background = await target.evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).not.toBe('rgba(0, 0, 0, 0)')
    expect(await target.isVisible()).toBe(true)
    const box = (await target.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeLessThan(360)
    expect((await target.locator('mark').first().textContent())!.toLowerCase()).toBe('moscow')
    await page.close()
  })

  it('copies a passage link that opens the article scrolled to that passage', async () => {
    const page = await newPage()
    await page.setViewportSize({ width: 1200, height: 360 })
    await page.goto(`${server.url}articles/migrants-send-money-home`)
    const button = page.locator('#p-migrants-send-money-home-2 button.copy-link')
    await button.click()
    await expect.poll(() => button.textContent()).toBe('Link copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(`${server.url}articles/migrants-send-money-home#p-migrants-send-money-home-2`)
    const fresh = await newPage()
    await fresh.setViewportSize({ width: 1200, height: 360 })
    await fresh.goto(copied)
    const target = fresh.locator('#p-migrants-send-money-home-2')
    expect(await target.evaluate((element) => element.matches(':target'))).toBe(true)
    const box = (await target.boundingBox())!
    expect(box.y).toBeLessThan(360)
    await fresh.close()
    await page.close()
  })

  it('keeps keyboard focus on a facet value after toggling it', async () => {
    const page = await newPage()
    await page.goto(`${server.url}?q=remittances`)
    const link = page.locator('section[aria-labelledby="facet-source-title"] .facet-link', { hasText: 'CABAR.asia' })
    const id = await link.getAttribute('id')
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/source=CABAR\.asia/)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id)
    await page.close()
  })

  it('lists the people matching what the user types in the People box, counted within the search', async () => {
    const page = await newPage()
    await page.goto(`${server.url}?source=CABAR.asia`)
    await page.locator('#facet-person-contains').pressSequentially('emom')
    await expect.poll(() => page.locator('#facet-person-matches .facet-label').allTextContents()).toEqual(['Emomali Rahmon', 'Rustam Emomali'])
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('facet-person-contains')
    await page.locator('#facet-person-matches .facet-link', { hasText: 'Rustam Emomali' }).click()
    await page.waitForURL(/person=Rustam\+Emomali/)
    expect(await page.locator('.chip', { hasText: 'Rustam Emomali' }).count()).toBe(1)
    await page.close()
  })

  it('folds the filters away on a narrow screen behind a button', async () => {
    const page = await newPage()
    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto(`${server.url}?q=remittances`)
    const filters = page.locator('details.filters')
    expect(await filters.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false)
    await page.locator('details.filters > summary').click()
    expect(await page.locator('section[aria-labelledby="facet-source-title"]').isVisible()).toBe(true)
    await page.close()
  })

  it('never logs a script error or a Content-Security-Policy violation', () => {
    expect(problems).toEqual([])
  })
})

describe.skipIf(!hasChromium)('the search page without JavaScript', () => {
  let server: RunningServer
  let browser: BrowserSession

  beforeAll(async () => {
    server = await startServer(fixtureEngine())
    browser = await openBrowser({ javaScriptEnabled: false })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('works as a plain GET form and plain facet links', async () => {
    const page = await browser.context.newPage()
    await page.goto(server.url)
    await page.locator('#q').fill('remittances')
    await page.locator('#search-form button[type="submit"]').click()
    await page.waitForURL(/\?q=remittances$/)
    expect(await page.locator('.result-count').textContent()).toMatch(/^4 passages/)
    await page.locator('section[aria-labelledby="facet-source-title"] .facet-link', { hasText: 'CABAR.asia' }).click()
    await page.waitForURL(/source=CABAR\.asia/)
    expect(await page.locator('.result-count').textContent()).toMatch(/^3 passages/)
    // Typing a new query keeps the filter, through the form's hidden fields.
    await page.locator('#q').fill('moscow')
    await page.locator('#q').press('Enter')
    await page.waitForURL(/q=moscow/)
    expect(page.url()).toContain('source=CABAR.asia')
    await page.close()
  })
})
