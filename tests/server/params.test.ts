import { describe, expect, it } from 'vitest'
import { ClippingsError } from '../../src/errors.ts'
import { parsePageOptions, parseSearchParams } from '../../src/server/params.ts'
import { isIsoPartialDate } from '../../src/text/dates.ts'

function parse(query: string) {
  return parseSearchParams(new URLSearchParams(query))
}

function rejection(query: string): ClippingsError {
  try {
    parse(query)
  } catch (error) {
    if (error instanceof ClippingsError) return error
    throw error
  }
  throw new Error(`expected "${query}" to be rejected`)
}

describe('parseSearchParams', () => {
  it('reads an empty query string as a browse of everything with the defaults', () => {
    expect(parse('')).toEqual({})
  })

  it('reads the query, repeated facet values, exclusions, dates, sort, page, size and grouping', () => {
    expect(
      parse('q=+remittances+&source=CABAR.asia&source=Asia+Times&person=Emomali+Rahmon&exclude_topic=politics&year=2025&from=2024-03&to=2025-10-28&sort=newest&page=2&size=20&group=article'),
    ).toEqual({
      query: 'remittances',
      filters: { source: ['CABAR.asia', 'Asia Times'], person: ['Emomali Rahmon'], year: ['2025'] },
      exclude: { topic: ['politics'] },
      from: '2024-03',
      to: '2025-10-28',
      sort: 'newest',
      page: 2,
      size: 20,
      groupByArticle: true,
    })
  })

  it('treats empty values from untouched form fields as absent', () => {
    expect(parse('q=&source=&from=&to=&page=&sort=&group=')).toEqual({})
  })

  it('drops a facet value given twice', () => {
    expect(parse('source=A&source=A').filters).toEqual({ source: ['A'] })
  })

  it.each([
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=two', 'page'],
    ['page=99999999999999999999', 'page'],
    ['size=0', 'size'],
    ['size=101', 'size'],
    ['size=ten', 'size'],
    ['from=2025-02-30', 'from'],
    ['to=2025-13', 'to'],
    ['from=yesterday', 'from'],
    ['sort=random', 'sort'],
    ['group=source', 'group'],
  ])('rejects %s naming the parameter', (query, parameter) => {
    const error = rejection(query)
    expect(error.code).toBe('bad-parameter')
    expect(error.status).toBe(400)
    expect(error.parameter).toBe(parameter)
    expect(error.message).toContain(parameter)
  })

  it('rejects a query over 1,000 characters and accepts one of exactly 1,000', () => {
    expect(rejection(`q=${'a'.repeat(1001)}`).parameter).toBe('q')
    expect(parse(`q=${'a'.repeat(1000)}`).query).toHaveLength(1000)
  })

  it('accepts the largest page size', () => {
    expect(parse('size=100').size).toBe(100)
  })
})

describe('isIsoPartialDate', () => {
  it('accepts a year, a month and a real day, including 29 February of a leap year', () => {
    expect(['2025', '2025-10', '2025-10-28', '2024-02-29'].every(isIsoPartialDate)).toBe(true)
  })

  it('rejects impossible days and months and other spellings', () => {
    expect(['2025-02-29', '2025-02-30', '2025-04-31', '2025-00', '2025-13-01', '25-10-28', '2025/10/28', ''].some(isIsoPartialDate)).toBe(false)
  })
})

describe('parsePageOptions', () => {
  it('reads which facets were expanded and the People filter text', () => {
    expect(parsePageOptions(new URLSearchParams('more=person&more=topic&person_contains=rah'))).toEqual({ expanded: ['person', 'topic'], personContains: 'rah' })
  })

  it('rejects "show more" for a facet that does not exist', () => {
    expect(() => parsePageOptions(new URLSearchParams('more=colour'))).toThrow(/more/)
  })
})
