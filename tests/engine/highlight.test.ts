import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { containsPhrase, highlight, makeSnippet, mergeRanges, phraseKey, phraseMatcher } from '../../src/engine/highlight.ts'
import { tokenize } from '../../src/text/analyze.ts'
import { PROJECT_ROOT } from '../../src/defaults.ts'

const keys = (phrase: string) => tokenize(phrase).map((t) => phraseKey(t.text))

describe('phraseMatcher', () => {
  it.each([
    ['The U.S. economy grew.', 'U.S. economy', true],
    ['O’Brien said so.', "O'Brien said", true],
    ['Türkiye suspended visas.', 'Turkiye suspended', true],
    ['More than 1,000 people came.', '1000 people', true],
    ['the pro-Russian course', 'pro Russian course', true],
    ['The companies said nothing.', 'company said', true],
    ['The company, it said, grew.', 'company said', false],
    ['Rahmon’s regime', 'Rahmons regime', true],
  ])('agrees with the exact test on %s', (text, phrase, expected) => {
    expect(containsPhrase(text, keys(phrase))).toBe(expected)
    expect(phraseMatcher(keys(phrase))(text)).toBe(expected)
  })

  it('never rejects what the exact test accepts, on every two- and three-word phrase of the seeds', () => {
    const dir = join(PROJECT_ROOT, 'seeds')
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((line) => line.length > 40)
    let checked = 0
    for (const line of lines.slice(0, 60)) {
      const words = tokenize(line).map((t) => t.text)
      for (let i = 0; i + 3 <= words.length; i += 2) {
        for (const size of [2, 3]) {
          const phrase = keys(words.slice(i, i + size).join(' '))
          const matches = phraseMatcher(phrase)
          for (const text of lines.slice(0, 60)) {
            if (containsPhrase(text, phrase)) {
              expect(matches(text), `${words.slice(i, i + size).join(' ')} in ${text.slice(0, 60)}`).toBe(true)
              checked++
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500)
  })
})

describe('highlight', () => {
  it('marks stemmed matches and whole phrases, merging overlaps', () => {
    const text = 'Migrants sent remittances; the migrant workers said so.'
    const { ranges, words } = highlight(text, { terms: new Set(['remitt']), phrases: [keys('migrant workers')] })
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['remittances', 'migrant workers'])
    expect(words).toEqual(['remittances', 'migrant', 'workers'])
  })

  it('merges touching ranges so marks never nest', () => {
    expect(mergeRanges([[5, 8], [0, 3], [2, 6]])).toEqual([[0, 8]])
  })
})

describe('makeSnippet', () => {
  it('returns a short text whole', () => {
    expect(makeSnippet('Short text.', [[0, 5]], 100)).toEqual({ text: 'Short text.', ranges: [[0, 5]], truncatedStart: false, truncatedEnd: false })
  })

  it('centres a long text on its marks and shifts the ranges into the window', () => {
    const text = `${'filler '.repeat(60)}the remittances fell ${'filler '.repeat(60)}`
    const start = text.indexOf('remittances')
    const snippet = makeSnippet(text, [[start, start + 11]], 80)
    expect(snippet.truncatedStart && snippet.truncatedEnd).toBe(true)
    const [[a, b]] = snippet.ranges
    expect(snippet.text.slice(a, b)).toBe('remittances')
    expect(snippet.text.length).toBeLessThanOrEqual(80)
  })
})
