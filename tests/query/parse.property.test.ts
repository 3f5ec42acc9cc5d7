import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { describeReading, parseQuery, type QueryNode } from '../../src/query/parse.ts'

/** Pieces of the query language, so generated inputs are mostly near-valid queries rather than noise. */
const operatorAlphabet = fc.constantFrom(
  '"', '“', '”', '-', '*', '(', ')', ' ', ' ', ' ', 'OR', 'AND', 'NOT', 'or', ':', 'person:', 'source:', 'topic:',
  'after:', 'before:', '2019', '2020-01-01', '2019-13-45', 'migrant', 'Rahmon’s', 'pro-Russian', 'Türkiye', 'http://x',
  'a', 'the', 'Путин', "'", '.', ',', '\t', '\n',
)
const operatorQueries = fc.array(operatorAlphabet, { maxLength: 40 }).map((pieces) => pieces.join(''))
const anyText = fc.string({ unit: 'grapheme', maxLength: 300 })

function everyNode(nodes: QueryNode[], visit: (node: QueryNode) => void): void {
  for (const node of nodes) {
    visit(node)
    if (node.type === 'and' || node.type === 'or') everyNode(node.children, visit)
  }
}

function assertWellFormed(input: string, prefixLastWord: boolean): void {
  const parsed = parseQuery(input, { prefixLastWord })
  everyNode([...parsed.must, ...parsed.not], (node) => {
    if (node.type === 'term') expect(node.word.trim().length).toBeGreaterThan(0)
    if (node.type === 'phrase') {
      expect(node.words.length).toBeGreaterThan(1)
      for (const word of node.words) expect(word.trim().length).toBeGreaterThan(0)
    }
    if (node.type === 'and' || node.type === 'or') expect(node.children.length).toBeGreaterThan(1)
  })
  for (const values of [...Object.values(parsed.filters), ...Object.values(parsed.exclude)]) {
    for (const value of values ?? []) expect(value.trim().length).toBeGreaterThan(0)
  }
  for (const clause of parsed.reading) expect(clause.terms.length).toBeGreaterThan(0)
  expect(typeof describeReading(parsed.reading)).toBe('string')
}

describe('parseQuery on any input', () => {
  it('never throws on arbitrary text and gives non-empty words', () => {
    fc.assert(fc.property(anyText, fc.boolean(), (input, prefix) => assertWellFormed(input, prefix)), { numRuns: 500 })
  })

  it('never throws on strings built from the operator alphabet and gives non-empty words', () => {
    fc.assert(fc.property(operatorQueries, fc.boolean(), (input, prefix) => assertWellFormed(input, prefix)), { numRuns: 2000 })
  })

  it('gives valid ISO bounds whenever it gives a bound', () => {
    fc.assert(
      fc.property(operatorQueries, (input) => {
        const { from, to } = parseQuery(input)
        for (const bound of [from, to]) {
          if (bound !== undefined) expect(bound).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('reads the same query the same way twice', () => {
    fc.assert(fc.property(operatorQueries, (input) => {
      expect(parseQuery(input)).toEqual(parseQuery(input))
    }), { numRuns: 300 })
  })
})
