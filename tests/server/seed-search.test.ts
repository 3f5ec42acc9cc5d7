// The acceptance path over the five seed articles, through the app: "remittances" finds highlighted passages
// from four articles; CABAR.asia and then a person narrow the results and the counts; a passage link lands on it.
import { beforeAll, describe, expect, it } from 'vitest'
import { parseHTML } from 'linkedom'
import type { Hono } from 'hono'
import { createApp } from '../../src/server/app.tsx'
import { seedEngine } from '../helpers/seed-engine.ts'

let app: Hono

beforeAll(async () => {
  app = createApp(await seedEngine(), { log: () => {} })
})

async function page(path: string) {
  return parseHTML(await (await app.request(path)).text()).document
}

const total = (document: Document) => Number(/^([\d,]+) passage/.exec(document.querySelector('.result-count')?.textContent ?? '')?.[1]?.replace(/,/g, '') ?? NaN)

describe('searching the seed articles', () => {
  it('finds highlighted passages about remittances in four articles', async () => {
    const body = (await (await app.request('/api/search?q=remittances&size=100')).json()) as { results: Array<{ articleId: string; snippet: string }> }
    expect(new Set(body.results.map((result) => result.articleId)).size).toBe(4)
    expect(body.results.every((result) => /<mark>remittance/i.test(result.snippet))).toBe(true)
    const document = await page('/?q=remittances')
    expect(document.querySelectorAll('.result .snippet mark').length).toBeGreaterThanOrEqual(4)
  })

  it('narrows by the source CABAR.asia and then by a person, with the counts following', async () => {
    const all = await page('/?q=remittances')
    const cabar = [...all.querySelectorAll('section[aria-labelledby="facet-source-title"] .facet-link')].find((link) => link.textContent!.includes('CABAR.asia'))!
    const bySource = await page(cabar.getAttribute('href')!)
    expect(total(bySource)).toBeLessThan(total(all))
    expect([...bySource.querySelectorAll('.result-meta .result-source')].every((source) => source.textContent === 'CABAR.asia')).toBe(true)
    const sourceCount = Number(bySource.querySelector('section[aria-labelledby="facet-source-title"] a[aria-current="true"] .facet-count')!.textContent)
    expect(sourceCount).toBe(total(bySource))

    const person = bySource.querySelector('section[aria-labelledby="facet-person-title"] .facet-link')!
    const personCount = Number(person.querySelector('.facet-count')!.textContent)
    const byPerson = await page(person.getAttribute('href')!)
    expect(total(byPerson)).toBe(personCount)
    expect(total(byPerson)).toBeLessThanOrEqual(total(bySource))
    expect(byPerson.querySelectorAll('.chip')).toHaveLength(2)
  })

  it('links each result to its passage inside the article', async () => {
    const document = await page('/?q=remittances')
    const href = document.querySelector('.result .result-title a')!.getAttribute('href')!
    const [path, anchor] = href.split('#')
    const article = await page(path!)
    expect(article.getElementById(anchor!)).not.toBeNull()
    expect(article.querySelectorAll('.passage mark').length).toBeGreaterThan(0)
  })
})
