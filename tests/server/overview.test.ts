// The home page without a query: an overview of the collection, each figure a link into a search.
import { describe, expect, it } from 'vitest'
import { parseHTML } from 'linkedom'
import { createApp } from '../../src/server/app.tsx'
import { wireEngine } from './search-page-fixture.ts'

const app = createApp(wireEngine(), { log: () => {} })

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers })
  const text = await response.text()
  const html = text.startsWith('<!DOCTYPE') ? text : `<!DOCTYPE html><html><body>${text}</body></html>`
  return { response, text, document: parseHTML(html).document }
}

const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((element) => element.textContent?.trim().replace(/\s+/g, ' ') ?? '')
const hrefs = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((element) => element.getAttribute('href'))

describe('the overview', () => {
  it('is the home page without a query: counts, span of dates and a way to browse everything', async () => {
    const { response, document } = await page('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('vary')).toContain('HX-Request')
    expect(document.querySelector('main#search-page .overview')).not.toBeNull()
    expect(texts(document, '.overview h1')).toEqual(['The collection'])
    expect(texts(document, '.overview-summary')[0]).toBe(
      '8 articles in 10 passages from 1 source, dated from March 1987 to June 1987. Browse every passage, newest first',
    )
    expect(hrefs(document, '.overview-summary a')).toEqual(['/?sort=newest'])
    expect(document.querySelector('form#search-form')!.getAttribute('hx-target')).toBe('#search-page')
  })

  it('draws the collection’s timeline with each bar a link into the search', async () => {
    const { document } = await page('/')
    const bars = [...document.querySelectorAll('.overview svg a.timeline-bar')]
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual(['March 1987: 6 passages', 'April 1987: 2 passages', 'June 1987: 1 passage'])
    expect(bars[0]!.getAttribute('href')).toBe('/?month=1987-03')
    expect(texts(document, '.overview .timeline-summary')[0]).toContain('1 passage has no date.')
  })

  it('lists the leading values of every facet but the dates, topics as a tree, each a link to that search', async () => {
    const { document } = await page('/')
    expect(texts(document, '.overview-section h2')).toEqual(['Source', 'Topic', 'People', 'Tags', 'Orgs', 'Places'])
    const topic = document.querySelector('section[aria-labelledby="overview-topic-title"]')!
    expect(texts(topic, ':scope > ul > li > a .overview-label')).toEqual(['Economy, business and finance', 'Politics'])
    expect(texts(topic, '.overview-children .overview-label')).toEqual(['Commodity market', 'Energy and resource'])
    const places = document.querySelector('section[aria-labelledby="overview-places-title"]')!
    expect(hrefs(places, 'a.overview-value')[0]).toBe('/?places=luxembourg')
    expect(hrefs(document, 'section[aria-labelledby="overview-person-title"] a')).toEqual(['/?person=Ronald+Reagan'])
  })

  it('lists the latest articles, newest first, each once', async () => {
    const { document } = await page('/')
    expect(texts(document, '.overview-latest .overview-article')).toEqual([
      'SOVIET GRAIN SHIPMENTS RISE',
      'REAGAN KEEPS JAPAN SANCTIONS',
      'OIL PRICE OF 18 DLRS SOUGHT',
      'BRAZIL COFFEE EXPORTS RISE',
      'OPEC WANTS 18 DLR OIL PRICE - OFFICIAL',
      'OPEC WANTS 18 DLR OIL PRICE',
      'COFFEE TALKS FAIL',
      'A NOTE ON COCOA STOCKS',
    ])
    expect(hrefs(document, '.overview-latest .overview-article')[0]).toBe('/articles/soviet-grain')
  })

  it('comes back as a fragment when the search box is emptied', async () => {
    const { text, document } = await page('/?q=', { 'HX-Request': 'true' })
    expect(text.startsWith('<!DOCTYPE')).toBe(false)
    expect(document.querySelector('.overview')).not.toBeNull()
    expect(document.querySelector('#search-state[hx-swap-oob]')).not.toBeNull()
    expect(document.querySelector('title')!.textContent).toBe('Clippings')
  })

  it('gives way to the results as soon as the URL holds any search state', async () => {
    for (const path of ['/?q=coffee', '/?tag=coffee', '/?sort=newest', '/?from=1987', '/?page=2']) {
      const { document } = await page(path)
      expect(document.querySelector('.overview'), path).toBeNull()
      expect(document.querySelector('#results'), path).not.toBeNull()
    }
  })

  it('still refuses a malformed parameter', async () => {
    expect((await page('/?size=0')).response.status).toBe(400)
  })
})
