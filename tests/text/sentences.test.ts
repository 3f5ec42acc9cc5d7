import { describe, it, expect } from 'vitest'
import { decodeHtmlEntities } from '../../src/text/entities.ts'
import { sentenceBoundaries, splitSentences } from '../../src/text/sentences.ts'

describe('sentences', () => {
  it('splits where a sentence ends, not after titles, initials, dates or dotted abbreviations', () => {
    expect(splitSentences('Mr. Smith went to Washington. He met U.S. officials, e.g. Dr. Jones, on Jan. 5. They agreed!')).toEqual([
      'Mr. Smith went to Washington.',
      'He met U.S. officials, e.g. Dr. Jones, on Jan. 5.',
      'They agreed!',
    ])
  })

  it('says which boundaries fall inside a quotation', () => {
    const text = 'He spoke. “We will build it. It will take years.” Then he left.'
    expect(sentenceBoundaries(text).map((b) => [text.slice(b.at, b.at + 5), b.insideQuote])).toEqual([
      ['“We w', false],
      ['It wi', true],
      ['Then ', false],
    ])
  })
})

describe('HTML entities in text', () => {
  it('decodes references closed by a semicolon and leaves ordinary ampersands', () => {
    expect(decodeHtmlEntities('AT&T &amp; Sons &rsquo;s &#8220;fine&#8221; &copy 2024&nbsp;ok')).toBe('AT&T & Sons ’s “fine” &copy 2024 ok')
  })

  it('drops control and invisible characters', () => {
    expect(decodeHtmlEntities('a\u0000b\u200bc\ufeffd')).toBe('abcd')
  })
})
