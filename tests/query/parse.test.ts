import { describe, expect, it } from 'vitest'
import { describeReading, parseQuery, type QueryNode } from '../../src/query/parse.ts'

const term = (word: string, prefix = false): QueryNode => ({ type: 'term', word, prefix })
const phrase = (...words: string[]): QueryNode => ({ type: 'phrase', words })
const read = (input: string, prefixLastWord = false): string => describeReading(parseQuery(input, { prefixLastWord }).reading)

describe('parseQuery: words and phrases', () => {
  it('combines words with AND', () => {
    expect(parseQuery('migrant remittance').must).toEqual([term('migrant'), term('remittance')])
  })

  it('reads a quoted phrase', () => {
    expect(parseQuery('"special military operation"').must).toEqual([phrase('special', 'military', 'operation')])
  })

  it('accepts typographic quotes around a phrase', () => {
    expect(parseQuery('“special military operation”').must).toEqual([phrase('special', 'military', 'operation')])
  })

  it('reads a one-word phrase as the word', () => {
    expect(parseQuery('"Rogun"').must).toEqual([term('Rogun')])
  })

  it('reads a hyphenated word as a phrase of its parts', () => {
    expect(parseQuery('pro-Russian').must).toEqual([phrase('pro', 'Russian')])
    expect(parseQuery('Russia–Ukraine').must).toEqual([phrase('Russia', 'Ukraine')])
  })

  it('strips punctuation around words', () => {
    expect(parseQuery('migrant, remittance!').must).toEqual([term('migrant'), term('remittance')])
  })

  it('keeps words as typed, leaving folding and stemming to the engine', () => {
    expect(parseQuery('Rahmon’s Türkiye').must).toEqual([term('Rahmon’s'), term('Türkiye')])
  })

  it('gives nothing to match for an empty query', () => {
    expect(parseQuery('')).toMatchObject({ must: [], not: [], filters: {}, exclude: {}, reading: [] })
    expect(parseQuery('   ').must).toEqual([])
  })
})

describe('parseQuery: exclusion', () => {
  it('excludes a word with a minus', () => {
    expect(parseQuery('Tajikistan -Ukraine')).toMatchObject({ must: [term('Tajikistan')], not: [term('Ukraine')] })
  })

  it('excludes a phrase with a minus', () => {
    expect(parseQuery('-"special military operation" war').not).toEqual([phrase('special', 'military', 'operation')])
  })

  it('excludes a group with a minus', () => {
    expect(parseQuery('Russia -(Putin Lavrov)').not).toEqual([{ type: 'and', children: [term('Putin'), term('Lavrov')] }])
  })

  it('excludes with NOT as with a minus', () => {
    expect(parseQuery('Russia NOT Ukraine').not).toEqual([term('Ukraine')])
  })

  it('does not read a hyphen inside a word as an exclusion', () => {
    expect(parseQuery('pro-Russian').not).toEqual([])
  })

  it('reads a lone minus as nothing', () => {
    expect(parseQuery('Russia - Ukraine')).toMatchObject({ must: [term('Russia'), term('Ukraine')], not: [] })
  })
})

describe('parseQuery: OR and groups', () => {
  it('reads OR between words as either', () => {
    expect(parseQuery('Putin OR Lavrov').must).toEqual([{ type: 'or', children: [term('Putin'), term('Lavrov')] }])
  })

  it('binds OR tighter than the implicit AND', () => {
    expect(parseQuery('sanctions Putin OR Lavrov gas').must).toEqual([
      term('sanctions'),
      { type: 'or', children: [term('Putin'), term('Lavrov')] },
      term('gas'),
    ])
  })

  it('chains several ORs into one group', () => {
    expect(parseQuery('a1 OR b1 OR "c d"').must).toEqual([{ type: 'or', children: [term('a1'), term('b1'), phrase('c', 'd')] }])
  })

  it('reads OR between parenthesised groups', () => {
    expect(parseQuery('(gas pipeline) OR electricity').must).toEqual([
      { type: 'or', children: [{ type: 'and', children: [term('gas'), term('pipeline')] }, term('electricity')] },
    ])
  })

  it('reads a lowercase "or" as a word', () => {
    expect(parseQuery('war or peace').must).toEqual([term('war'), term('or'), term('peace')])
  })

  it('reads AND as the default it already is', () => {
    expect(parseQuery('war AND peace').must).toEqual([term('war'), term('peace')])
  })

  it('flattens a group that stands alone', () => {
    expect(parseQuery('(gas pipeline)').must).toEqual([term('gas'), term('pipeline')])
  })
})

describe('parseQuery: prefixes', () => {
  it('reads word* as a prefix', () => {
    expect(parseQuery('migra*').must).toEqual([term('migra', true)])
  })

  it('treats the last word as a prefix while typing', () => {
    expect(parseQuery('migrant remitt', { prefixLastWord: true }).must).toEqual([term('migrant'), term('remitt', true)])
  })

  it('does not treat a finished word as a prefix', () => {
    expect(parseQuery('migrant remitt ', { prefixLastWord: true }).must).toEqual([term('migrant'), term('remitt')])
    expect(parseQuery('"special military"', { prefixLastWord: true }).must).toEqual([phrase('special', 'military')])
    expect(parseQuery('migrant remitt,', { prefixLastWord: true }).must).toEqual([term('migrant'), term('remitt')])
  })

  it('does not treat an excluded or field word as a prefix', () => {
    expect(parseQuery('gas -Ukr', { prefixLastWord: true }).not).toEqual([term('Ukr')])
    expect(parseQuery('gas person:Put', { prefixLastWord: true }).must).toEqual([term('gas')])
  })

  it('does not expand a one-letter word while typing', () => {
    expect(parseQuery('vitamin d', { prefixLastWord: true }).must).toEqual([term('vitamin'), term('d')])
  })

  it('lets the last part of a hyphenated word being typed be a prefix', () => {
    expect(parseQuery('pro-Rus', { prefixLastWord: true }).must).toEqual([term('pro'), term('Rus', true)])
  })

  it('treats no word as a prefix unless asked', () => {
    expect(parseQuery('migrant remitt').must).toEqual([term('migrant'), term('remitt')])
  })
})

describe('parseQuery: field terms', () => {
  it('maps person, source and topic onto facet filters, quoted or bare', () => {
    const parsed = parseQuery('person:"Rustam Emomali" person:Putin source:"Asia Times" topic:economy')
    expect(parsed.filters).toEqual({ person: ['Rustam Emomali', 'Putin'], source: ['Asia Times'], topic: ['economy'] })
    expect(parsed.must).toEqual([])
  })

  it('maps an excluded field onto the excluded facet values', () => {
    expect(parseQuery('gas -person:"Vladimir Putin" -source:RT').exclude).toEqual({ person: ['Vladimir Putin'], source: ['RT'] })
  })

  it('reads field names case-insensitively', () => {
    expect(parseQuery('Person:Putin').filters).toEqual({ person: ['Putin'] })
  })

  it('reads after: as an inclusive lower bound', () => {
    expect(parseQuery('after:2019')).toMatchObject({ from: '2019' })
    expect(parseQuery('after:2019-03-05')).toMatchObject({ from: '2019-03-05' })
  })

  it('reads before: as a strict bound, giving the period just before as the inclusive upper bound', () => {
    expect(parseQuery('before:2020-01-01').to).toBe('2019-12-31')
    expect(parseQuery('before:2020').to).toBe('2019')
    expect(parseQuery('before:2020-03').to).toBe('2020-02')
    expect(parseQuery('before:2020-03-01').to).toBe('2020-02-29')
  })

  it('normalises a date typed with slashes or single digits', () => {
    expect(parseQuery('after:2020/1/5').from).toBe('2020-01-05')
  })

  it('keeps the narrowest bounds when a bound is given twice', () => {
    expect(parseQuery('after:2018 after:2019 before:2022 before:2021')).toMatchObject({ from: '2019', to: '2020' })
  })

  it('reads an excluded date bound as the opposite bound', () => {
    expect(parseQuery('-after:2019')).toMatchObject({ to: '2018' })
    expect(parseQuery('-before:2019').from).toBe('2019')
  })

  it('reads an impossible date as words', () => {
    const parsed = parseQuery('before:2019-13-45')
    expect(parsed.to).toBeUndefined()
    expect(parsed.must).toEqual([term('before'), term('2019'), term('13'), term('45')])
    expect(parseQuery('after:soon').must).toEqual([term('after'), term('soon')])
    expect(parseQuery('after:2019-02-29').from).toBeUndefined()
  })

  it('reads an unknown field or a URL as words', () => {
    expect(parseQuery('foo:bar').must).toEqual([term('foo'), term('bar')])
    expect(parseQuery('http://example.com/a').must).toEqual([term('http'), term('example'), term('com'), term('a')])
  })

  it('reads a field with no value as nothing', () => {
    expect(parseQuery('person:')).toMatchObject({ must: [], filters: {} })
    expect(parseQuery('gas person: ')).toMatchObject({ must: [term('gas')], filters: {} })
  })
})

describe('parseQuery: malformed input', () => {
  it.each([
    ['an unbalanced quote', '"special military', [term('special'), term('military')]],
    ['a lone minus', '-', []],
    ['stray operators', 'OR OR', []],
    ['a lone AND', 'AND', []],
    ['open parentheses', '(((', []],
    ['a closing parenthesis', ')', []],
    ['a minus and a quote', '-"', []],
    ['a field with nothing', 'person:', []],
    ['a trailing OR', 'gas OR', [term('gas')]],
    ['a leading OR', 'OR gas', [term('gas')]],
    ['a doubled OR', 'gas OR OR oil', [{ type: 'or', children: [term('gas'), term('oil')] }]],
    ['an unclosed group', '(gas oil', [term('gas'), term('oil')]],
    ['a stray closing parenthesis', 'gas) oil', [term('gas'), term('oil')]],
  ])('reads %s as words or nothing', (_name, input, must) => {
    expect(parseQuery(input).must).toEqual(must)
  })

  it('reads a thousand characters of punctuation as nothing', () => {
    const parsed = parseQuery('!@#$%^&*()_+=-[]{};:,./<>?\\|`~'.repeat(34))
    expect(parsed.must).toEqual([])
  })

  it('survives deep nesting', () => {
    expect(parseQuery(`${'('.repeat(5000)}gas${')'.repeat(5000)}`).must).toEqual([term('gas')])
    expect(parseQuery(`${'('.repeat(10)}gas${')'.repeat(10)}`).must).toEqual([term('gas')])
  })
})

describe('the reading', () => {
  it('reads the example from the issue clause by clause', () => {
    expect(read('migrant remittance "special military operation" -Ukraine person:"Rustam Emomali"')).toBe(
      'all of: migrant, remittance · phrase: special military operation · not: Ukraine · person: Rustam Emomali',
    )
  })

  it('gives the clauses as data for the page', () => {
    expect(parseQuery('migrant "special military operation" -Ukraine person:"Rustam Emomali"').reading).toEqual([
      { kind: 'all', terms: ['migrant'] },
      { kind: 'phrase', terms: ['special military operation'] },
      { kind: 'not', terms: ['Ukraine'] },
      { kind: 'field', field: 'person', terms: ['Rustam Emomali'] },
    ])
  })

  it('reads OR groups as "any of"', () => {
    expect(read('gas Putin OR Lavrov OR "foreign minister"')).toBe('all of: gas · any of: Putin, Lavrov, "foreign minister"')
    expect(read('(gas pipeline) OR electricity')).toBe('any of: (gas pipeline), electricity')
  })

  it('reads prefixes as "starts with"', () => {
    expect(read('migrant remitt', true)).toBe('all of: migrant · starts with: remitt*')
  })

  it('leaves stop words out of "all of", unless there is nothing else', () => {
    expect(read('the migrants of Tajikistan')).toBe('all of: migrants, Tajikistan')
    expect(read('to be or not to be')).toBe('all of: to, be, or, not')
  })

  it('reads date bounds as typed, and excluded fields as "not"', () => {
    expect(read('after:2019 before:2020-01-01 -person:Putin -source:RT')).toBe(
      'after: 2019 · before: 2020-01-01 · not person: Putin · not source: RT',
    )
  })

  it('reads several values of a field as alternatives', () => {
    expect(read('person:Putin person:Lavrov')).toBe('person: Putin or Lavrov')
  })

  it('is empty for an empty query', () => {
    expect(read('')).toBe('')
  })
})
