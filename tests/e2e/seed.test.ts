// The acceptance path in a real browser over the seed articles: type "remittances", choose CABAR.asia, then a
// person, and open a copied passage link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/serve.ts'
import { seedEngine } from '../helpers/seed-engine.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, startServer, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

describe.skipIf(!hasChromium)('the seed articles in a browser', () => {
  let server: RunningServer
  let browser: BrowserSession

  beforeAll(async () => {
    server = await startServer(await seedEngine())
    browser = await openBrowser({ height: 500 })
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows highlighted passages from four articles for "remittances", narrowed by CABAR.asia and then a person', async () => {
    const page = await browser.context.newPage()
    await page.goto(server.url)
    await page.locator('#q').pressSequentially('remittances')
    await page.waitForURL(/\?q=remittances$/)
    await expect.poll(async () => new Set(await page.locator('.result-title').allTextContents()).size).toBe(4)
    expect(await page.locator('.snippet mark').count()).toBeGreaterThanOrEqual(4)
    const count = async () => Number(/^(\d+)/.exec((await page.locator('.result-count').textContent()) ?? '')?.[1])
    const before = await count()

    await page.locator('section[aria-labelledby="facet-source-title"] .facet-link', { hasText: 'CABAR.asia' }).click()
    await page.waitForURL(/source=CABAR\.asia/)
    await expect.poll(count).toBeLessThan(before)
    const bySource = await count()
    const person = page.locator('section[aria-labelledby="facet-person-title"] .facet-link').first()
    const personCount = Number(await person.locator('.facet-count').textContent())
    await person.click()
    await page.waitForURL(/person=/)
    await expect.poll(count).toBe(personCount)
    expect(personCount).toBeLessThanOrEqual(bySource)
    await page.close()
  })

  it('opens a copied passage link with the article scrolled to that passage', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.url}?q=remittances`)
    await page.locator('.result .result-title a').last().click()
    await page.waitForURL(/#p-/)
    const anchor = new URL(page.url()).hash.slice(1)
    const button = page.locator(`[id="${anchor}"] button.copy-link`)
    await button.click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toMatch(new RegExp(`/articles/[^#?]+#${anchor}$`))

    const fresh = await browser.context.newPage()
    await fresh.goto(copied)
    const target = fresh.locator(`[id="${anchor}"]`)
    expect(await target.evaluate((element) => element.matches(':target'))).toBe(true)
    const box = (await target.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeLessThan(500)
    expect(await target.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
    await fresh.close()
    await page.close()
  })
})
