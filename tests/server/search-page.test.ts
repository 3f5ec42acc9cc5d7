// The search page over a newswire with the corpus's own fields: facets from the registry, the word being typed
// as a prefix, the timeline, folded repeats, the empty page and the small wording fixes, through HTTP.
import { describe, expect, it } from 'vitest'
import { parseHTML } from 'linkedom'
import { createApp } from '../../src/server/app.tsx'
import { withSearch, type SearchEngine } from '../../src/engine/engine.ts'
import type { SearchResponse } from '../../src/model.ts'
import { wireEngine } from './search-page-fixture.ts'
import { fixtureEngine } from './fixture-corpus.ts'
import { axisTicks } from '../../src/server/timeline-view-model.ts'

const engine = wireEngine()
const app = createApp(engine, { log: () => {} })

async function page(path: string, headers: Record<string, string> = {}, on = app) {
  const response = await on.request(path, { headers })
  const text = await response.text()
  const html = text.startsWith('<!DOCTYPE') ? text : `<!DOCTYPE html><html><body>${text}</body></html>`
  return { response, text, document: parseHTML(html).document }
}

const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '')
const hrefs = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((element) => element.getAttribute('href'))
const section = (document: Document, facet: string) => document.querySelector(`section[aria-labelledby="facet-${facet}-title"]`)!

/** The fixture engine with its search response changed. */
function changing(change: (response: SearchResponse) => SearchResponse): ReturnType<typeof createApp> {
  const base: SearchEngine = wireEngine()
  return createApp(withSearch(base, async (request, options) => change(await base.search(request, options))), { log: () => {} })
}

describe('the word being typed', () => {
  it('is read as a prefix on the page, so a half-typed word finds whole words, and the reading says so', async () => {
    const { document } = await page('/?q=coff')
    expect(texts(document, '.result-count')[0]).toMatch(/^3 passages/)
    expect(texts(document, '.snippet mark').map((word) => word.toLowerCase())).toContain('coffee')
    expect(texts(document, '.reading')[0]).toBe('Searching for passages containing coff… (words starting with).')
  })

  it('is read the same way by the downloads of the page’s results', async () => {
    const { document } = await page('/?q=coff')
    const csv = document.querySelector('.downloads a')!.getAttribute('href')!
    expect(csv).toBe('/api/export?q=coff&prefix=last&format=csv')
    const rows = (await (await app.request(csv)).text()).trim().split(/\r?\n/)
    expect(rows.length).toBeGreaterThan(1)
  })

  it('is read as typed once a space follows it', async () => {
    const { document } = await page('/?q=coff+')
    expect(texts(document, '.empty h2')[0]).toContain('No passages match')
  })

  it('is read as typed by the JSON API unless it asks with prefix=last', async () => {
    const exact = (await (await app.request('/api/search?q=coff')).json()) as any
    expect(exact.total).toBe(0)
    const prefixed = (await (await app.request('/api/search?q=coff&prefix=last')).json()) as any
    expect(prefixed.total).toBe(3)
    expect(prefixed.reading).toEqual([{ kind: 'prefix', terms: ['coff*'] }])
  })

  it('can be read as typed on the page with prefix=none', async () => {
    const { document } = await page('/?q=coff&prefix=none')
    expect(document.querySelector('.result')).toBeNull()
  })
})

describe('the reading', () => {
  it('says how the query was read in plain words', async () => {
    const { document } = await page('/?q=%22oil+price%22+opec+-luxembourg+person%3A%22Ronald+Reagan%22+after%3A1987-03')
    expect(texts(document, '.reading')[0]).toBe(
      'Searching for passages containing opec and the phrase “oil price”, but not luxembourg, naming Ronald Reagan, dated 1987-03 or later.',
    )
  })
})

describe('facets from the registry', () => {
  it('gives every sidebar facet of the index a section, the corpus fields after the built-in ones and Date last', async () => {
    const { document } = await page('/?q=brazil+OR+opec+OR+grain+OR+cocoa+OR+reagan')
    const titles = texts(document, '.facets > section > h2')
    expect(titles).toEqual(['Source', 'Topic', 'People', 'Tags', 'Orgs', 'Places', 'Date'])
    expect(texts(section(document, 'places'), '.facet-label')).toContain('luxembourg')
  })

  it('filters and excludes by a corpus field, with a chip titled by the facet and the API key named after it', async () => {
    const { document } = await page('/?places=brazil&exclude_orgs=ico-coffee')
    expect(texts(document, '.result-count')[0]).toMatch(/^1 passage /)
    expect(texts(document, '.chip').map((chip) => chip.replace(/\s+/g, ' '))).toEqual(['Not orgs: ico-coffee×', 'Places: brazil×'])
    const brazil = section(document, 'places').querySelector('.is-selected .facet-link')!
    expect(brazil.getAttribute('href')).toBe('/?exclude_orgs=ico-coffee')
    const api = (await (await app.request('/api/search?places=brazil&exclude_orgs=ico-coffee')).json()) as any
    expect(api.total).toBe(1)
    expect(api.facets.places.values.find((value: any) => value.value === 'brazil')).toMatchObject({ selected: true, excluded: false })
    expect(api.facets.orgs.values.find((value: any) => value.value === 'ico-coffee')).toMatchObject({ selected: false, excluded: true, excludeHref: null })
  })

  it('lists the Tags facet with tag and exclude_tag', async () => {
    const tagged = await page('/?tag=crude')
    expect(texts(tagged.document, '.result-count')[0]).toMatch(/^4 passages/)
    const excluded = await page('/?exclude_tag=crude&exclude_tag=coffee')
    expect(texts(excluded.document, '.chip s')).toEqual(['crude', 'coffee'])
  })

  it('shows topics as a two-level list, second-level topics under their parent, every label capitalised', async () => {
    const { document } = await page('/?q=brazil+OR+opec+OR+reagan')
    const topic = section(document, 'topic')
    const top = [...topic.querySelectorAll(':scope > ul > li > .facet-row .facet-label')].map((label) => label.textContent)
    expect(top).toEqual(['Economy, business and finance', 'Politics'])
    const economy = [...topic.querySelectorAll(':scope > ul > li')].find((item) => item.textContent!.includes('Economy'))!
    expect(texts(economy, '.facet-children .facet-label')).toEqual(['Energy and resource', 'Commodity market'])
  })

  it('names a second-level topic listed without its parent after the parent', async () => {
    const { document } = await page('/?q=opec&exclude_topic=economy&more=topic')
    expect(texts(section(document, 'topic'), '.facet-label')).toContain('Economy, business and finance')
    const chips = texts(document, '.chip')
    expect(chips[0]).toContain('Economy, business and finance')
  })

  it('says "Show more" in the plural of the facet', async () => {
    const many = createApp(
      withSearch(engine, async (request) => {
        const response = await engine.search(request)
        return { ...response, facets: { ...response.facets, places: { ...response.facets.places!, truncated: true } } }
      }),
      { log: () => {} },
    )
    const { document } = await page('/?q=brazil', {}, many)
    expect(texts(section(document, 'places'), '.facet-more')).toEqual(['Show more places'])
  })

  it('labels each exclude link with the value it excludes', async () => {
    const { document } = await page('/?q=brazil')
    const exclude = section(document, 'places').querySelector('.facet-exclude')!
    expect(exclude.getAttribute('aria-label')).toMatch(/^Exclude (brazil|uk)$/)
    expect(exclude.textContent).toContain('Exclude')
  })

  it('keeps the scroll position on facet, chip, sort and group links (htmx swaps with show:none)', async () => {
    const { document } = await page('/?q=opec&places=luxembourg')
    for (const selector of ['nav.facets', '.chips', 'nav.sort']) {
      expect(document.querySelector(selector)!.getAttribute('hx-swap')).toBe('innerHTML show:none')
    }
    const pagination = await page('/?size=2')
    const pages = pagination.document.querySelector('nav.pagination')!
    expect(pages.getAttribute('hx-swap')).toBe('innerHTML show:window:top')
    expect(pages.getAttribute('data-focus-after')).toBe('results-title')
    expect(pagination.document.querySelector('#results-title')!.getAttribute('tabindex')).toBe('-1')
  })
})

describe('search inside a facet', () => {
  it('lists every value of a facet whose name contains the text, counted within the search, apart from the top values', async () => {
    const { document } = await page('/?q=brazil+OR+opec+OR+grain&facet=places&contains=lux')
    const places = section(document, 'places')
    const box = places.querySelector('form.facet-search')!
    expect(box.getAttribute('hx-target')).toBe('#facet-places-matches')
    expect(box.querySelector('input[name="facet"]')!.getAttribute('value')).toBe('places')
    expect(box.querySelector('input[name="contains"]')!.getAttribute('value')).toBe('lux')
    expect(texts(places, '#facet-places-matches h3')).toEqual(['Matching “lux”'])
    expect(texts(places, '#facet-places-matches .facet-label')).toEqual(['luxembourg'])
    expect(texts(places, '#facet-places-matches .facet-count')).toEqual(['4'])
    expect(texts(places, 'h3.facet-subtitle')).toContain('Most frequent')
  })

  it('says so when nothing matches the text', async () => {
    const { document } = await page('/?q=opec&facet=person&contains=zzz')
    expect(texts(document, '#facet-person-matches')[0]).toContain('No people matching “zzz”')
  })

  it('answers a box naming an unknown facet with a 400', async () => {
    const { response } = await page('/?facet=colour&contains=red')
    expect(response.status).toBe(400)
  })
})

describe('the timeline', () => {
  it('draws the matching passages per period as SVG bars, each a link to its period, said in words too', async () => {
    const { document } = await page('/?q=opec')
    const figure = document.querySelector('figure.timeline')!
    expect(texts(figure, '.timeline-summary')[0]).toBe('4 passages dated from 17 March 1987 to 2 April 1987, by day. Most on 18 March 1987 (2).')
    const bars = [...figure.querySelectorAll('svg a.timeline-bar')]
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual(['17 March 1987: 1 passage', '18 March 1987: 2 passages', '2 April 1987: 1 passage'])
    expect(bars[1]!.getAttribute('href')).toBe('/?q=opec&from=1987-03-18&to=1987-03-18')
    expect(bars[1]!.getAttribute('hx-get')).toBe('/?q=opec&from=1987-03-18&to=1987-03-18')
    expect(figure.querySelectorAll('svg rect.timeline-empty')).toHaveLength(14)
    expect(document.querySelectorAll('[style]')).toHaveLength(0)
  })

  it('links a month bar to that month and marks it when it is the search’s period', async () => {
    const { document } = await page('/?q=coffee+OR+opec+OR+grain')
    const march = document.querySelector('svg a.timeline-bar[aria-label^="March 1987"]')!
    expect(march.getAttribute('href')).toBe('/?q=coffee+OR+opec+OR+grain&month=1987-03')
    const narrowed = await page(march.getAttribute('href')!)
    expect(texts(narrowed.document, '.chip')[0]).toContain('March 1987')
    expect(texts(narrowed.document, '.timeline-summary')[0]).toMatch(/by day\./)
  })

  it('gives one day as a single chip and links the undated passages', async () => {
    const day = await page('/?from=1987-03-18&to=1987-03-18')
    expect(texts(day.document, '.chip')[0]).toMatch(/^Date:\s*18 March 1987/)
    expect(day.document.querySelector('svg a.timeline-bar.is-current')!.getAttribute('aria-current')).toBe('true')
    const all = await page('/?q=cocoa+OR+coffee')
    expect(texts(all.document, '.timeline-summary')[0]).toContain('1 passage has no date.')
    expect(all.document.querySelector('a.timeline-undated')!.getAttribute('href')).toBe('/?q=cocoa+OR+coffee&year=undated')
  })

  it('labels the axis sparsely, naming the larger unit where it changes', () => {
    const months = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `${2019 + Math.floor((from - 1 + i) / 12)}-${String(((from - 1 + i) % 12) + 1).padStart(2, '0')}`)
    expect(axisTicks('month', months(2, 9))).toEqual(['Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct'])
    expect(axisTicks('month', months(11, 4))).toEqual(['Nov', 'Dec', '2020', 'Feb'])
    const long = axisTicks('month', months(4, 79))
    expect(long.filter(Boolean)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025'])
    expect(long[9]).toBe('2020')
    expect(axisTicks('month', months(11, 30)).filter(Boolean)).toEqual(['2020', '2021', '2022'])
    const days = Array.from({ length: 17 }, (_, i) => (i < 15 ? `1987-03-${String(17 + i).padStart(2, '0')}` : `1987-04-0${i - 14}`))
    expect(axisTicks('day', days)).toEqual(['17', '', '19', '', '21', '', '23', '', '25', '', '27', '', '29', '', '31', 'Apr', '2'])
  })

  it('is in the JSON API as `timeline`', async () => {
    const body = (await (await app.request('/api/search?q=opec')).json()) as any
    expect(body.timeline.unit).toBe('day')
    expect(body.timeline.buckets[0]).toEqual({ period: '1987-03-17', count: 1 })
    expect(body.timeline.undated).toBe(0)
  })
})

describe('repeats', () => {
  it('folds a story filed three times into its first copy, linking the others, and says what the total counts', async () => {
    const { document } = await page('/?q=opec+price')
    expect(texts(document, '.result-count')[0]).toMatch(/^4 passages/)
    expect(document.querySelectorAll('.result')).toHaveLength(2)
    const duplicates = document.querySelector('.result details.duplicates')!
    expect(texts(duplicates, 'summary')).toEqual(['Also in 2 other articles'])
    expect(hrefs(duplicates, 'a')).toEqual(['/articles/opec-price-again?q=opec+price#p-opec-price-again-0', '/articles/opec-price-third?q=opec+price#p-opec-price-third-0'])
    expect(texts(document, '.folding')[0]).toMatch(/^2 passages repeating results are folded into them \(the count of 4 passages includes them\)\. Show repeats$/)
    expect(hrefs(document, '.folding a')).toEqual(['/?q=opec+price&collapse=0'])
  })

  it('lists every passage with collapse=0, with a link to fold them again', async () => {
    const { document } = await page('/?q=opec+price&collapse=0')
    expect(document.querySelectorAll('.result')).toHaveLength(4)
    expect(document.querySelector('.result details.duplicates')).toBeNull()
    expect(hrefs(document, '.folding a')).toEqual(['/?q=opec+price'])
  })

  it('lists the folded passages in the JSON API', async () => {
    const body = (await (await app.request('/api/search?q=opec+price')).json()) as any
    expect(body.collapsed).toBe(2)
    expect(body.results[0].duplicates.map((duplicate: any) => duplicate.id)).toEqual(['opec-price-again-0', 'opec-price-third-0'])
    const all = (await (await app.request('/api/search?q=opec+price&collapse=0')).json()) as any
    expect(all.results).toHaveLength(4)
  })
})

describe('an empty result', () => {
  it('says what was searched, which filter to drop with what it would find, and offers no download', async () => {
    const { document } = await page('/?q=coffee&places=luxembourg&tag=coffee')
    expect(texts(document, '.empty h2')).toEqual(['No passages match “coffee”'])
    expect(texts(document, '.reading')[0]).toContain('coffee')
    const loosen = [...document.querySelectorAll('.loosen li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim())
    expect(loosen).toEqual(['Remove Places: luxembourg — 3 passages', 'Remove Tags: coffee — still no passages'])
    expect(document.querySelector('.downloads')).toBeNull()
    expect(document.querySelector('.timeline')).toBeNull()
    expect(document.querySelector('.notice')).toBeNull()
    expect(document.querySelector('.pagination')).toBeNull()
  })

  it('never shows an empty Date list or the relaxed-match notice', async () => {
    const relaxed = changing((response) => ({ ...response, relaxed: true }))
    const { document } = await page('/?q=coffee&places=luxembourg', {}, relaxed)
    expect(document.querySelector('.notice')).toBeNull()
    expect(texts(document, 'section[aria-labelledby="facet-date-title"] .facet-empty')).toEqual([])
    expect(document.querySelector('section[aria-labelledby="facet-date-title"] .facet-values')).toBeNull()
  })

  it('suggests a spelling only in place of the typed word it is close to, keeping the other words', async () => {
    const suggesting = changing((response) => ({ ...response, total: 0, results: [], suggestions: ['coffee', 'Zeya'] }))
    const { document } = await page('/?q=cofee+exports+', {}, suggesting)
    expect(texts(document, '.empty p a')).toEqual(['coffee exports'])
    expect(hrefs(document, '.empty p a')).toEqual(['/?q=coffee+exports'])
  })

  it('never suggests replacing a word the collection holds', async () => {
    const { document } = await page('/?q=coffee+&places=luxembourg')
    expect(texts(document, '.empty h2')).toEqual(['No passages match “coffee”'])
    expect(document.querySelector('.empty p a')).toBeNull()
  })

  it('says a search stopped by its time budget was stopped, not that nothing matches', async () => {
    const stopped = changing((response) => ({ ...response, total: 0, results: [], partial: true }))
    const { document } = await page('/?q=opec', {}, stopped)
    expect(texts(document, '.empty h2')).toEqual(['The search was stopped before it found anything'])
    expect(hrefs(document, '.empty a')).toEqual(['/?q=opec'])
  })
})

describe('notices', () => {
  it('shows a search cut short and what the engine limited, and says so in the API', async () => {
    const limited = changing((response) => ({ ...response, partial: true, notices: ['“c*” matches 4,000 words; using the 500 most frequent.'] }))
    const { document } = await page('/?q=opec', {}, limited)
    expect(texts(document, '.notice')).toEqual([
      'This search took too long and was stopped early: the results and counts cover only what was matched by then.',
      '“c*” matches 4,000 words; using the 500 most frequent.',
    ])
    const body = (await (await limited.request('/api/search?q=opec')).json()) as any
    expect(body.partial).toBe(true)
    expect(body.notices).toEqual(['“c*” matches 4,000 words; using the 500 most frequent.'])
  })
})

describe('the results', () => {
  it('show the count with the timing apart and discreet', async () => {
    const { document } = await page('/?q=brazil')
    const count = document.querySelector('.result-count')!
    expect(count.textContent).toMatch(/^2 passages · [\d.]+ ms$/)
    expect(count.querySelector('.took')!.textContent).toMatch(/ms$/)
    expect(document.querySelector('#search-status')!.textContent).toBe('2 passages')
  })

  it('show the source and date once per article when grouped, not under every passage', async () => {
    const { document } = await page('/?q=coffee+OR+brazil&group=article')
    const group = [...document.querySelectorAll('.group')].find((item) => item.textContent!.includes('COFFEE TALKS FAIL'))!
    expect(group.querySelectorAll('.result')).toHaveLength(2)
    expect(texts(group, '.group-meta')[0]).toMatch(/^Wire\s*·\s*9 Mar 1987$/)
    expect(group.querySelectorAll('.result .result-source, .result time')).toHaveLength(0)
  })
})

describe('the person page', () => {
  const seeds = createApp(fixtureEngine(), { log: () => {} })

  it('says how often the person is named when there is no search, and how many passages match when there is', async () => {
    const plain = await page('/people/Emomali%20Rahmon', {}, seeds)
    expect(texts(plain.document, '.person-intro .doc-meta')).toEqual(['Named in 3 passages.'])
    const searching = await page('/people/Emomali%20Rahmon?q=remittances', {}, seeds)
    expect(texts(searching.document, '.person-intro .doc-meta')).toEqual(['1 passage naming them matches this search.'])
  })
})

describe('the search box', () => {
  it('keeps the "/" hint inside the box’s own wrapper, clear of its border', async () => {
    const { document } = await page('/?q=opec')
    const hint = document.querySelector('.search-field > kbd.shortcut-hint')!
    expect(hint.previousElementSibling!.id).toBe('q')
  })
})
