// Reading an article with the query one came with: every match marked and numbered (#m-1, #m-2, …), a count
// per passage with links to the matches either side (plain anchors: no JavaScript needed), and a passage's
// paragraphs drawn as paragraphs.
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { withSearch } from '../../src/engine/engine.ts'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { createApp } from '../../src/server/app.tsx'
import { paragraphsOf } from '../../src/server/page-views.ts'
import { makeCorpus } from '../helpers/passages.ts'
import { fixtureEngine } from './fixture-corpus.ts'

const app = createApp(fixtureEngine(), { log: () => {} })

async function article(path: string, target = app) {
  const response = await target.request(path)
  const html = await response.text()
  return { response, html, document: parseHTML(html).document }
}

const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((element) => element.textContent!.replace(/\s+/g, ' ').trim())

describe('the article page with a query', () => {
  it('numbers every match through the article and says how many, with a link to the first', async () => {
    const { document } = await article('/articles/migrants-send-money-home?q=remittances')
    const marks = [...document.querySelectorAll('mark')]
    expect(marks.map((mark) => mark.id)).toEqual(['m-1', 'm-2'])
    expect(marks.map((mark) => mark.closest('.passage')!.id)).toEqual(['p-migrants-send-money-home-0', 'p-migrants-send-money-home-1'])
    const summary = document.querySelector('.match-summary')!
    expect(summary.textContent!.replace(/\s+/g, ' ')).toMatch(/^2 matches for “remittances” \(Remittances\) marked below\. Go to the first/)
    expect(summary.querySelector('a')!.getAttribute('href')).toBe('#m-1')
  })

  it('gives each passage with matches its count and links to the matches before and after it', async () => {
    const { document } = await article('/articles/migrants-send-money-home?q=remittances')
    const navs = [...document.querySelectorAll('.match-nav')]
    expect(navs.map((nav) => nav.closest('.passage')!.id)).toEqual(['p-migrants-send-money-home-0', 'p-migrants-send-money-home-1'])
    expect(navs.map((nav) => texts(nav, '.match-count')[0])).toEqual(['1 match (1 of 2)', '1 match (2 of 2)'])
    const links = navs.map((nav) => [...nav.querySelectorAll('a')].map((link) => [link.getAttribute('rel'), link.getAttribute('href')]))
    expect(links).toEqual([[['next', '#m-2']], [['prev', '#m-1']]])
    expect(document.querySelector('#p-migrants-send-money-home-2 .match-nav')).toBeNull()
  })

  it('links every match anchor to a mark that exists, across many matches in one passage', async () => {
    const { articles, passages } = makeCorpus([
      { article: 'a', text: 'Grain and more grain. Then grain again.' },
      { article: 'a', text: 'No match here.' },
      { article: 'a', text: 'Grain once.' },
      { article: 'a', text: 'And grain twice, grain.' },
    ])
    const target = createApp(createMemoryEngine({ articles, passages }), { log: () => {} })
    const { document } = await article('/articles/a?q=grain', target)
    const ids = [...document.querySelectorAll('mark')].map((mark) => mark.id)
    expect(ids).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6'])
    const hrefs = [...document.querySelectorAll('.match-nav a')].map((link) => link.getAttribute('href')!.slice(1))
    expect(hrefs).toEqual(['m-4', 'm-3', 'm-5', 'm-4'])
    for (const id of hrefs) expect(document.getElementById(id)).not.toBeNull()
    expect(texts(document, '.match-count')).toEqual(['3 matches (1–3 of 6)', '1 match (4 of 6)', '2 matches (5–6 of 6)'])
  })

  it('reads the last word as a prefix, as the search page does, unless told not to', async () => {
    const typed = await article('/articles/migrants-send-money-home?q=Khatl')
    expect(texts(typed.document, 'mark')).toEqual(['Khatlon'])
    const exact = await article('/articles/migrants-send-money-home?q=Khatl&prefix=none')
    expect(exact.document.querySelectorAll('mark')).toHaveLength(0)
    expect(texts(exact.document, '.match-summary')[0]).toBe('No words of “Khatl” in this article.')
  })

  it('marks other forms of a word the search matched', async () => {
    const { document } = await article('/articles/migrants-send-money-home?q=remittance+families&prefix=none')
    expect(texts(document, 'mark')).toEqual(['Remittances', 'Families', 'remittances'])
  })

  it('has no marks, counts or navigation without a query', async () => {
    const { document } = await article('/articles/migrants-send-money-home')
    expect(document.querySelectorAll('mark, .match-nav, .match-summary')).toHaveLength(0)
  })

  it('shows a query as text and keeps the article when highlighting fails', async () => {
    const { html, document } = await article('/articles/migrants-send-money-home?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(html).not.toContain('<script>alert(1)')
    expect(texts(document, '.match-summary')[0]).toContain('<script>alert(1)</script>')
    const lines: string[] = []
    const base = fixtureEngine()
    const failing = { ...withSearch(base, (request, options) => base.search(request, options)), highlight: () => Promise.reject(new Error('boom')) }
    const broken = await article('/articles/migrants-send-money-home?q=remittances', createApp(failing, { log: (line) => lines.push(line) }))
    expect(broken.response.status).toBe(200)
    expect(broken.document.querySelectorAll('.passage')).toHaveLength(3)
    expect(lines.join('\n')).toContain('boom')
  })
})

describe('a passage of several paragraphs', () => {
  it('is drawn as several paragraphs, its matches numbered across them', async () => {
    const { articles, passages } = makeCorpus([
      { article: 'b', text: 'First grain paragraph.\n\nSecond paragraph,\nwith a line break and grain.' },
      { article: 'b', text: 'Grain in the next passage.' },
    ])
    const target = createApp(createMemoryEngine({ articles, passages }), { log: () => {} })
    const { document } = await article('/articles/b?q=grain', target)
    const first = document.querySelectorAll('.passage')[0]!
    expect(texts(first, '.passage-text')).toEqual(['First grain paragraph.', 'Second paragraph, with a line break and grain.'])
    expect([...document.querySelectorAll('mark')].map((mark) => mark.id)).toEqual(['m-1', 'm-2', 'm-3'])
    expect(texts(first, '.match-count')).toEqual(['2 matches (1–2 of 3)'])
  })
})

describe('paragraphsOf', () => {
  it('splits at blank lines, trims, drops empty paragraphs and moves each range into its paragraph', () => {
    const text = '  Alpha beta.\n \n\nGamma delta\nepsilon.\n\n\n'
    expect(
      paragraphsOf(text, [
        [2, 7],
        [17, 22],
        [29, 37],
      ]),
    ).toEqual([
      { text: 'Alpha beta.', ranges: [[0, 5]] },
      { text: 'Gamma delta\nepsilon.', ranges: [[0, 5], [12, 20]] },
    ])
  })

  it('cuts a range that spans a paragraph break into one per paragraph', () => {
    expect(paragraphsOf('ab\n\ncd', [[1, 5]])).toEqual([
      { text: 'ab', ranges: [[1, 2]] },
      { text: 'cd', ranges: [[0, 1]] },
    ])
  })

  it('gives a text without breaks as one paragraph, untouched', () => {
    expect(paragraphsOf('One line', [[0, 3]])).toEqual([{ text: 'One line', ranges: [[0, 3]] }])
  })
})
