import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldTerm, indexTerm, prefixTerms, stemTerm, tokenize, tokenizeForIndex } from '../../src/text/analyze.ts'

const words = (text: string): string[] => tokenize(text).map((token) => token.text)

describe('tokenize', () => {
  it('gives offsets that slice the surface word out of the text', () => {
    const text = 'In Dushanbe, Rahmon’s “reforms” (2.5%) cost $893 million.'
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text)
    expect(words(text)).toEqual(['In', 'Dushanbe', 'Rahmon’s', 'reforms', '2.5', 'cost', '893', 'million'])
  })

  it('keeps a word with an internal apostrophe whole', () => {
    expect(words("Rahmon’s Rahmon's O'Brien don't")).toEqual(['Rahmon’s', "Rahmon's", "O'Brien", "don't"])
  })

  it('leaves quotes and trailing apostrophes out of the word', () => {
    expect(words("'quoted' the Rahmons’ palace ’90s")).toEqual(['quoted', 'the', 'Rahmons', 'palace', '90s'])
  })

  it('splits words joined by hyphens and dashes', () => {
    expect(words('Russia–Ukraine pro-Russian Covid-19 1990—2000')).toEqual(['Russia', 'Ukraine', 'pro', 'Russian', 'Covid', '19', '1990', '2000'])
  })

  it('keeps decimal numbers and digit groups whole but not a sentence-final point', () => {
    expect(words('2.5 percent of 1,000,000 in 2019. Next')).toEqual(['2.5', 'percent', 'of', '1,000,000', 'in', '2019', 'Next'])
  })

  it('keeps a dotted abbreviation whole, final dot included', () => {
    const tokens = tokenize('the U.S. and the U.K., e.g. Washington')
    expect(tokens.map((token) => token.text)).toEqual(['the', 'U.S.', 'and', 'the', 'U.K.', 'e.g.', 'Washington'])
  })

  it('keeps Cyrillic and accented words', () => {
    expect(words('Путин и Рахмон в Türkiye, São Paulo')).toEqual(['Путин', 'и', 'Рахмон', 'в', 'Türkiye', 'São', 'Paulo'])
  })

  it('returns nothing for text without letters or digits', () => {
    expect(tokenize('!!! -- ... ’’ “”')).toEqual([])
    expect(tokenize('')).toEqual([])
  })

  it('agrees with tokenizeForIndex', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(tokenizeForIndex(text)).toEqual(tokenize(text).map((token) => token.text))
      }),
    )
  })

  it('gives non-empty, ordered, non-overlapping tokens for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        let previousEnd = 0
        for (const token of tokenize(text)) {
          expect(token.text.length).toBeGreaterThan(0)
          expect(token.start).toBeGreaterThanOrEqual(previousEnd)
          expect(text.slice(token.start, token.end)).toBe(token.text)
          previousEnd = token.end
        }
      }),
    )
  })
})

describe('foldTerm', () => {
  it('lowercases and strips accents', () => {
    expect(foldTerm('Türkiye')).toBe('turkiye')
    expect(foldTerm('Turkiye')).toBe('turkiye')
    expect(foldTerm('SÃO')).toBe('sao')
    expect(foldTerm('Straße')).toBe('strasse')
  })

  it('drops possessives and unifies apostrophes', () => {
    expect(foldTerm('Rahmon’s')).toBe('rahmon')
    expect(foldTerm("Rahmon's")).toBe('rahmon')
    expect(foldTerm('O’Brien')).toBe(foldTerm("O'Brien"))
  })

  it('folds ё to е but keeps й', () => {
    expect(foldTerm('Ёлка')).toBe('елка')
    expect(foldTerm('Йемен')).toBe('йемен')
  })

  it('drops abbreviation dots and digit-group commas', () => {
    expect(foldTerm('U.S.')).toBe('us')
    expect(foldTerm('1,000')).toBe('1000')
    expect(foldTerm('2.5')).toBe('2.5')
  })
})

describe('indexTerm', () => {
  it('gives Rahmon’s, Rahmon\'s, Rahmons and Rahmon one term', () => {
    const terms = ['Rahmon’s', "Rahmon's", 'Rahmons', 'Rahmon', 'RAHMON'].map(indexTerm)
    expect(new Set(terms)).toEqual(new Set(['rahmon']))
  })

  it('stems plurals and inflections', () => {
    expect(indexTerm('migrants')).toBe(indexTerm('migrant'))
    expect(indexTerm('remittances')).toBe(indexTerm('remittance'))
  })

  it('folds Türkiye and Turkiye alike', () => {
    expect(indexTerm('Türkiye')).toBe(indexTerm('Turkiye'))
  })

  it('keeps Cyrillic words, unstemmed', () => {
    expect(indexTerm('Путин')).toBe('путин')
  })

  it('gives null for stop words', () => {
    expect(indexTerm('the')).toBeNull()
    expect(indexTerm('The')).toBeNull()
    expect(indexTerm('of')).toBeNull()
  })

  it('does not take an abbreviation for the stop word spelled the same', () => {
    expect(indexTerm('US')).toBe('us')
    expect(indexTerm('U.S.')).toBe('us')
    expect(indexTerm('IT')).toBe('it')
    expect(indexTerm('it')).toBeNull()
  })

  it('keeps typo variants comparable: fuzzy matching sees near-identical terms', () => {
    expect(indexTerm('Rakhmon')).toBe('rakhmon')
    expect(indexTerm('Roghun')).toBe('roghun')
    expect(indexTerm('Rogun')).toBe('rogun')
  })

  it('gives null for a word with no letters or digits left', () => {
    expect(indexTerm("'")).toBeNull()
  })
})

describe('stemTerm', () => {
  it('stems stop words too, for checking phrases word by word', () => {
    expect(stemTerm('the')).toBe('the')
    expect(stemTerm('States')).toBe('state')
  })
})

describe('prefixTerms', () => {
  it('offers a prefix that reaches the stem of the word being typed', () => {
    const stemOfMigration = indexTerm('migration')!
    expect(prefixTerms('migrati').some((prefix) => stemOfMigration.startsWith(prefix))).toBe(true)
    expect(prefixTerms('remitta').some((prefix) => indexTerm('remittances')!.startsWith(prefix))).toBe(true)
  })

  it('offers no candidate that merely extends another', () => {
    const candidates = prefixTerms('migrants')
    for (const candidate of candidates) {
      expect(candidates.filter((other) => other !== candidate && candidate.startsWith(other))).toEqual([])
    }
  })

  it('is empty for a word without letters', () => {
    expect(prefixTerms('--')).toEqual([])
  })
})
