import { describe, expect, it } from 'vitest'
import { rangesForTerms } from '../../src/server/term-ranges.ts'

describe('rangesForTerms', () => {
  it('finds whole-word occurrences regardless of case', () => {
    expect(rangesForTerms('Remittances and remittances, not remittancesX', ['remittances'])).toEqual([
      [0, 11],
      [16, 27],
    ])
  })

  it('does not light up a word inside a longer one', () => {
    expect(rangesForTerms('remittances', ['rem'])).toEqual([])
  })

  it('prefers the longest term at a position and merges touching matches', () => {
    expect(rangesForTerms('migrant migrants', ['migrant', 'migrants'])).toEqual([
      [0, 7],
      [8, 16],
    ])
  })

  it('treats regular-expression characters in terms literally', () => {
    expect(rangesForTerms('C++ (and C#) a.b', ['a.b', '(and'])).toEqual([
      [4, 8],
      [13, 16],
    ])
  })

  it('handles letters beyond ASCII', () => {
    expect(rangesForTerms('Душанбе и Душанбе-2', ['душанбе'])).toEqual([
      [0, 7],
      [10, 17],
    ])
  })

  it('returns nothing without terms', () => {
    expect(rangesForTerms('text', [])).toEqual([])
  })
})
