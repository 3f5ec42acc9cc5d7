import fc from 'fast-check'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { capNesting, DEFAULT_HTML_BOUNDS, measureTree, type WalkNode } from '../../src/ingest/read/html-bounds.ts'
import { readHtml } from '../../src/ingest/read/html.ts'
import { htmlToBlockText } from '../../src/ingest/read/html-text.ts'

const PARAGRAPH = `<p>${'Migrants sent home more money this year than the year before, the central bank said. '.repeat(4)}</p>`
const page = (body: string) => `<!doctype html><html><head><title>A page</title></head><body>${body}</body></html>`
const depthOf = (html: string) => measureTree(parseHTML(html).document as unknown as WalkNode).depth

/** Reads a page and says how long it took. */
function timedRead(html: string) {
  const started = performance.now()
  const outcome = readHtml(html, 'hostile.html')
  return { outcome, ms: performance.now() - started }
}

// Generous for a shared, loaded machine: unbounded, these inputs took from 30 s to over 10 minutes.
const FEW_SECONDS = 5_000

describe('readHtml on hostile nesting', () => {
  it('reads a page nested 2,000 levels deep without overflowing the stack, within a few seconds', () => {
    const { outcome, ms } = timedRead(page('<div>'.repeat(2_000) + PARAGRAPH + '</div>'.repeat(2_000)))
    expect('article' in outcome && outcome.article.body).toContain('Migrants sent home more money')
    expect(ms).toBeLessThan(FEW_SECONDS)
  })

  it('reads a page nested 4,000 levels deep within a few seconds', () => {
    const { outcome, ms } = timedRead(page('<div>'.repeat(4_000) + PARAGRAPH + '</div>'.repeat(4_000)))
    expect('article' in outcome && outcome.article.body).toContain('Migrants sent home more money')
    expect(ms).toBeLessThan(FEW_SECONDS)
  })

  it('reads 30,000 unclosed <div><span> pairs within a few seconds', () => {
    const { outcome, ms } = timedRead(page('<div><span>'.repeat(30_000) + PARAGRAPH))
    expect('article' in outcome && outcome.article.body).toContain('Migrants sent home more money')
    expect(ms).toBeLessThan(FEW_SECONDS)
  })

  it('keeps the paragraphs of deeply nested text apart', () => {
    const deep = '<div>'.repeat(500) + '<p>First paragraph of the deep part, long enough to read as one.</p><p>Second paragraph of the deep part, also long enough.</p>' + '</div>'.repeat(500)
    const outcome = readHtml(page(deep + PARAGRAPH), 'deep.html')
    const body = 'article' in outcome ? outcome.article.body : ''
    expect(body).toMatch(/First paragraph of the deep part, long enough to read as one\.\n\nSecond paragraph/)
  })

  it('skips a page with more elements than the limit, saying why', () => {
    const crowded = page('<p>word</p>'.repeat(DEFAULT_HTML_BOUNDS.maxElements + 10))
    const { outcome, ms } = timedRead(crowded)
    expect(outcome).toEqual({ skip: expect.stringMatching(/^HTML page too complex \([\d,]+ elements; pages over 60,000 are skipped\)$/) })
    expect(ms).toBeLessThan(FEW_SECONDS)
  })

  it('skips a page larger than the size limit, saying why', () => {
    const outcome = readHtml(page(PARAGRAPH), 'big.html', { ...DEFAULT_HTML_BOUNDS, maxChars: 100 })
    expect(outcome).toEqual({ skip: expect.stringMatching(/^HTML page too large \(0\.0 MB; pages over 0\.0 MB are skipped\)$/) })
  })

  it('takes the text of a page too large for Readability from its article, without navigation', () => {
    const bounds = { ...DEFAULT_HTML_BOUNDS, maxReadabilityElements: 5 }
    const outcome = readHtml(page(`<nav><a href="/">Home</a> <a href="/x">World</a></nav><article>${PARAGRAPH}${PARAGRAPH}</article><footer>Footer text</footer>`), 'long.html', bounds)
    const body = 'article' in outcome ? outcome.article.body : ''
    expect(body).toContain('Migrants sent home more money')
    expect(body).not.toMatch(/Home|World|Footer/)
  })
})

describe('capNesting', () => {
  it('leaves a page within the cap untouched', () => {
    const html = page(`<article><header><h1>Title</h1></header>${PARAGRAPH}<ul><li>one<li>two</ul><img src="x.png"><br></article>`)
    expect(capNesting(html, 96)).toMatchObject({ html, droppedTags: 0 })
  })

  it('does not count unclosed paragraphs and list items, void elements or stray closing tags as nesting', () => {
    const html = page('<p>one'.repeat(200) + '<ul>' + '<li>item'.repeat(200) + '</ul>' + '<br><img src="a.png">'.repeat(200) + '</span>'.repeat(200))
    expect(capNesting(html, 10).droppedTags).toBe(0)
  })

  it('reads no markup inside scripts, styles and comments', () => {
    const html = page(`<script>const s = "${'<div>'.repeat(50)}"</script><style>/* <div> */</style><!-- ${'<div>'.repeat(50)} -->${PARAGRAPH}`)
    expect(capNesting(html, 10).droppedTags).toBe(0)
  })

  it('caps the depth the parser builds, whatever the nesting', () => {
    const tags = ['div', 'span', 'p', 'li', 'ul', 'b', 'section', 'td', 'tr', 'table']
    const token = fc.oneof(
      fc.constantFrom(...tags).map((tag) => `<${tag}>`),
      fc.constantFrom(...tags).map((tag) => `</${tag}>`),
      fc.constantFrom('<br>', '<img src="a">', '<div/>', 'text ', '<!-- c -->'),
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 400 }), (tokens) => {
        const capped = capNesting(`<html><body>${tokens.join('')}</body></html>`, 12)
        expect(depthOf(capped.html)).toBeLessThanOrEqual(12)
      }),
      { numRuns: 200 },
    )
  })

  it('runs in time linear in the markup: ten times the input takes about ten times as long', () => {
    const time = (n: number) => {
      const html = page('<div><span>'.repeat(n) + PARAGRAPH)
      const started = performance.now()
      capNesting(html, 96)
      return performance.now() - started
    }
    time(2_000)
    const small = Math.max(1, time(5_000))
    const large = time(50_000)
    expect(large / small).toBeLessThan(40)
  })
})

describe('htmlToBlockText', () => {
  it('writes 20,000 levels of nesting without overflowing the stack', () => {
    const text = htmlToBlockText('<div>'.repeat(20_000) + '<p>Deep text.</p>' + '</div>'.repeat(20_000))
    expect(text).toBe('Deep text.')
  })

  it('writes headings, list items, quotations and table rows as blocks', () => {
    const text = htmlToBlockText('<h2>Section</h2><p>Para <b>bold</b> text.</p><ul><li>One</li><li>Two</li></ul><blockquote>Quoted.</blockquote><table><tr><td>a</td><td>b</td></tr></table><pre>line 1\n  line 2</pre>')
    expect(text.split('\n\n')).toEqual(['## Section', 'Para bold text.', '- One', '- Two', '> Quoted.', 'a | b', 'line 1\n  line 2'])
  })

  it('drops the credit marked inside a figure caption and keeps its description', () => {
    const text = htmlToBlockText('<figure><img src="a.jpg"><figcaption>Workers hold flags at the dam. <span class="image-credit">Jane Doe/Agency</span></figcaption></figure>')
    expect(text).toBe('Workers hold flags at the dam.')
  })
})
