import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import type { Article, Block } from '../../src/model.ts'
import { cleanArticle } from '../../src/ingest/clean/index.ts'
import { ingestLimits } from '../../src/ingest/limits.ts'
import { passageId, splitLongParagraph, toPassages } from '../../src/ingest/passages.ts'
import { sentenceBoundaries } from '../../src/text/sentences.ts'

const words = (count: number, word = 'word') => Array.from({ length: count }, (_, index) => `${word}${index}`).join(' ')
const sentence = (count: number, word = 'word') => `${words(count - 1, word)} end.`.replace(/^./, (first) => first.toUpperCase())
const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length

const article = (blocks: Block[], extra: Partial<Article> = {}): Article => ({
  id: 'roads-for-the-north',
  title: 'Roads for the North',
  titleOrigin: 'metadata',
  source: 'Example News',
  language: 'en',
  file: 'roads.txt',
  blocks,
  ...extra,
})

describe('toPassages', () => {
  it('makes one passage per paragraph of ordinary length, with the article facts on each', () => {
    const blocks = [{ text: sentence(60, 'alpha') }, { text: sentence(80, 'beta'), section: 'Costs' }]
    const passages = toPassages(
      article(blocks, { author: 'Jane Doe', date: { iso: '2024-03-03', precision: 'day' }, url: 'https://example.com/roads' }),
    )
    expect(passages).toHaveLength(2)
    expect(passages[1]).toEqual({
      id: passageId('roads-for-the-north', blocks[1]!.text),
      articleId: 'roads-for-the-north',
      position: 1,
      text: blocks[1]!.text,
      section: 'Costs',
      title: 'Roads for the North',
      source: 'Example News',
      author: 'Jane Doe',
      date: { iso: '2024-03-03', precision: 'day' },
      url: 'https://example.com/roads',
    })
    expect(passages[0]!.position).toBe(0)
    expect('section' in passages[0]!).toBe(false)
  })

  it('joins a short fragment to the paragraph before it', () => {
    const passages = toPassages(article([{ text: sentence(60, 'alpha') }, { text: 'He said so.' }, { text: sentence(60, 'beta') }]))
    expect(passages.map((passage) => passage.text)).toEqual([`${sentence(60, 'alpha')}\n\nHe said so.`, sentence(60, 'beta')])
  })

  it('joins a lead-in ending with a colon to what it introduces', () => {
    const passages = toPassages(
      article([{ text: sentence(60, 'alpha') }, { text: 'Banners around the capital read:' }, { text: `“${sentence(50, 'beta')}”` }]),
    )
    expect(passages.map((passage) => passage.text)).toEqual([sentence(60, 'alpha'), `Banners around the capital read:\n\n“${sentence(50, 'beta')}”`])
  })

  it('joins short paragraphs within their section, not across a section boundary', () => {
    const passages = toPassages(
      article([
        { text: sentence(60, 'alpha'), section: 'One' },
        { text: sentence(20, 'beta'), section: 'Two' },
        { text: sentence(25, 'gamma'), section: 'Two' },
        { text: sentence(60, 'delta'), section: 'Three' },
      ]),
    )
    expect(passages.map((passage) => [passage.section, countWords(passage.text)])).toEqual([
      ['One', 60],
      ['Two', 45],
      ['Three', 60],
    ])
  })

  it('keeps a short section on its own rather than crossing into another', () => {
    const passages = toPassages(article([{ text: sentence(60, 'alpha'), section: 'One' }, { text: sentence(25, 'beta'), section: 'Two' }]))
    expect(passages.map((passage) => passage.section)).toEqual(['One', 'Two'])
  })

  it('splits a long paragraph between sentences into pieces of similar size', () => {
    const paragraph = Array.from({ length: 20 }, (_, index) => sentence(30, `s${index}w`)).join(' ')
    const passages = toPassages(article([{ text: paragraph }]))
    expect(passages.length).toBe(3)
    for (const passage of passages) {
      expect(countWords(passage.text)).toBeLessThanOrEqual(250)
      expect(countWords(passage.text)).toBeGreaterThanOrEqual(150)
      expect(passage.text).toMatch(/end\.$/)
    }
    expect(passages.map((passage) => passage.text).join(' ')).toBe(paragraph)
  })

  it('honours custom minimum and maximum sizes', () => {
    const paragraph = Array.from({ length: 10 }, (_, index) => sentence(10, `s${index}w`)).join(' ')
    const passages = toPassages(article([{ text: paragraph }]), { minWords: 5, maxWords: 30 })
    expect(passages.map((passage) => countWords(passage.text))).toEqual([30, 20, 30, 20])
  })

  it('makes no more passages of one article than the limit allows', () => {
    const blocks = Array.from({ length: 30 }, (_, index) => ({ text: sentence(60, `w${index}x`) }))
    expect(toPassages(article(blocks))).toHaveLength(30)
    const capped = toPassages(article(blocks), { maxPassages: 12 })
    expect(capped.map((passage) => passage.text)).toEqual(blocks.slice(0, 12).map((block) => block.text))
    expect(ingestLimits.maxPassagesPerArticle).toBe(1_000)
  })

  it('keeps a bulleted list with the sentence introducing it', () => {
    const list = 'The two sides approved a package of agreements, including:\n- The status of offices\n- New medical rules\n- Changes to recruitment'
    const passages = toPassages(article([{ text: sentence(60) }, { text: list }, { text: sentence(60, 'beta') }]))
    expect(passages.some((passage) => passage.text.includes(list))).toBe(true)
  })

  it('does not lose or reorder any words', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }), (sizes) => {
        const blocks = sizes.map((size, index) => ({
          text: Array.from({ length: Math.ceil(size / 8) }, (_, s) => sentence(8, `b${index}s${s}w`)).join(' '),
          section: index % 3 === 0 ? undefined : `Section ${Math.floor(index / 3)}`,
        }))
        const passages = toPassages(article(blocks))
        const before = blocks.map((block) => block.text).join(' ').split(/\s+/)
        const after = passages.map((passage) => passage.text).join(' ').split(/\s+/)
        expect(after).toEqual(before)
        expect(passages.map((passage) => passage.position)).toEqual(passages.map((_, index) => index))
      }),
      { numRuns: 60 },
    )
  })
})

describe('sentence boundaries', () => {
  it('does not split after abbreviations or initials', () => {
    const text = 'The U.S. Treasury and Dr. Smith met Mr. J. Doe on Monday. They agreed on a plan.'
    expect(sentenceBoundaries(text).map((boundary) => text.slice(boundary.at))).toEqual(['They agreed on a plan.'])
  })

  it('marks boundaries inside a quotation so a long paragraph is not cut there', () => {
    const quote = `“${sentence(100, 'q1')} ${sentence(100, 'q2')}”`
    const paragraph = `${sentence(60, 'a')} ${quote} ${sentence(60, 'b')}`
    const pieces = splitLongParagraph(paragraph, 250)
    expect(pieces.some((piece) => piece.includes(quote))).toBe(true)
  })
})

describe('passageId', () => {
  it('is a short url-safe id that depends only on the article and the normalised text', () => {
    const id = passageId('roads-for-the-north', 'Officials  said\nso.')
    expect(id).toMatch(/^[a-z2-7]{12}$/)
    expect(passageId('roads-for-the-north', ' Officials said so. ')).toBe(id)
    expect(passageId('another-article', 'Officials said so.')).not.toBe(id)
    expect(passageId('roads-for-the-north', 'Officials said no.')).not.toBe(id)
  })

  it('keeps the ids of unchanged passages when a paragraph is inserted or removed elsewhere', () => {
    const blocks = [sentence(60, 'a'), sentence(70, 'b'), sentence(80, 'c'), sentence(90, 'd')].map((text) => ({ text }))
    const original = toPassages(article(blocks))
    const inserted = toPassages(article([blocks[0]!, { text: sentence(50, 'new') }, ...blocks.slice(1)]))
    const removed = toPassages(article([blocks[0]!, ...blocks.slice(2)]))
    const idOf = (passages: typeof original, text: string) => passages.find((passage) => passage.text === text)?.id
    for (const block of blocks) expect(idOf(inserted, block.text)).toBe(idOf(original, block.text))
    for (const block of [blocks[0]!, blocks[2]!, blocks[3]!]) expect(idOf(removed, block.text)).toBe(idOf(original, block.text))
    expect(inserted[2]!.position).toBe(2)
  })

  it('gives the same text twice in one article two different, stable ids', () => {
    const blocks = [{ text: sentence(60) }, { text: sentence(60, 'other') }, { text: sentence(60) }]
    const ids = toPassages(article(blocks)).map((passage) => passage.id)
    expect(new Set(ids).size).toBe(3)
    expect(toPassages(article(blocks)).map((passage) => passage.id)).toEqual(ids)
  })
})

describe('toPassages on the seed articles', () => {
  it('produces passages of about 40 to 250 words', () => {
    const seeds = join(PROJECT_ROOT, 'seeds')
    const sizes: number[] = []
    for (const file of readdirSync(seeds).filter((name) => name.endsWith('.txt'))) {
      const { blocks } = cleanArticle(readFileSync(join(seeds, file), 'utf8'))
      sizes.push(...toPassages(article(blocks, { id: file })).map((passage) => countWords(passage.text)))
    }
    expect(sizes.length).toBeGreaterThan(40)
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(40)
      expect(size).toBeLessThanOrEqual(300)
    }
  })
})
