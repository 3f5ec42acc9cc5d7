// Reusing searches and reading an article in a real headless Chromium: batch search pasted and downloaded with
// JavaScript off, uploaded from the keyboard, and jumping from match to match through an article without
// JavaScript, each match landing clear of the sticky header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/serve.ts'
import { fixtureEngine } from '../server/fixture-corpus.ts'
import { hasChromium, openBrowser, SKIP_MESSAGE, startServer, watchedPage, type BrowserSession } from './browser.ts'

if (!hasChromium) console.warn(SKIP_MESSAGE)

describe.skipIf(!hasChromium)('following and reusing searches in a browser', () => {
  let server: RunningServer
  let withScript: BrowserSession
  let withoutScript: BrowserSession
  const problems: string[] = []

  beforeAll(async () => {
    server = await startServer(fixtureEngine())
    withScript = await openBrowser()
    withoutScript = await openBrowser({ javaScriptEnabled: false })
  })

  afterAll(async () => {
    await withScript?.close()
    await withoutScript?.close()
    await server?.close()
    expect(problems).toEqual([])
  })

  const newPage = (session: BrowserSession): Promise<Page> => watchedPage(session, problems)

  /** How far below the sticky header an element's top sits (negative: hidden under it). */
  function clearOfHeader(page: Page, selector: string): Promise<number> {
    return page.evaluate((target) => {
      const header = document.querySelector('.site-header')!.getBoundingClientRect()
      const element = document.querySelector(target)!.getBoundingClientRect()
      return element.top - header.bottom
    }, selector)
  }

  it('runs a pasted batch without JavaScript and downloads it as CSV', async () => {
    const page = await newPage(withoutScript)
    await page.goto(`${server.url}batch?source=CABAR.asia`)
    await page.locator('#batch-queries').fill('remittances\nPutin\nnothing-like-this')
    await page.getByRole('button', { name: 'Run the batch' }).click()
    await page.waitForSelector('.batch-table')
    const rows = await page.locator('.batch-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]),
    )
    expect(rows).toEqual([
      ['remittances', '3'],
      ['Putin', '2'],
      ['nothing-like-this', '0'],
    ])
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/^clippings-batch-\d{4}-\d{2}-\d{2}\.csv$/)
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8').split('\r\n')[1]).toBe(`remittances,3,CABAR.asia (3),${server.url}?q=remittances&source=CABAR.asia&prefix=none,`)
    // Each query links to its results, with the batch's filter.
    await page.locator('.batch-table tbody th a', { hasText: 'Putin' }).click()
    await page.waitForURL(/\?q=Putin&source=CABAR\.asia&prefix=none$/)
    await page.close()
  })

  it('uploads a list from a file, driven from the keyboard', async () => {
    const page = await newPage(withScript)
    await page.goto(`${server.url}batch`)
    await page.locator('#batch-file').setInputFiles({ name: 'names.txt', mimeType: 'text/plain', buffer: Buffer.from('Emomali Rahmon\r\nSadyr Japarov\r\n') })
    await page.locator('#batch-file').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Run the batch')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.batch-table')
    const queries = await page.locator('.batch-table tbody th').allTextContents()
    expect(queries.map((text) => text.trim())).toEqual(['Emomali Rahmon', 'Sadyr Japarov'])
    await page.close()
  })

  for (const [label, session] of [
    ['without', () => withoutScript],
    ['with', () => withScript],
  ] as const) {
    it(`jumps from match to match through an article ${label} JavaScript, each clear of the sticky header`, async () => {
      const page = await newPage(session())
      await page.setViewportSize({ width: 1000, height: 500 })
      await page.goto(`${server.url}articles/migrants-send-money-home?q=remittances`)
      await page.getByRole('link', { name: /Go to the first/ }).click()
      await page.waitForURL(/#m-1$/)
      expect(await clearOfHeader(page, '#m-1')).toBeGreaterThan(0)
      await page.locator('#p-migrants-send-money-home-0 .match-nav a[rel="next"]').click()
      await page.waitForURL(/#m-2$/)
      expect(await clearOfHeader(page, '#m-2')).toBeGreaterThan(0)
      expect(await page.evaluate(() => document.querySelector('mark:target')?.id)).toBe('m-2')
      await page.locator('#p-migrants-send-money-home-1 .match-nav a[rel="prev"]').click()
      await page.waitForURL(/#m-1$/)
      await page.close()
    })
  }

  it('shows the status page and its skipped-files section', async () => {
    const page = await newPage(withScript)
    await page.goto(`${server.url}status`)
    expect(await page.locator('h1').textContent()).toBe('Status of the collection')
    expect(await page.locator('.data-table tbody tr').count()).toBe(3)
    await page.close()
  })
})
