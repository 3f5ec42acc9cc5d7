import { describe, expect, it } from 'vitest'
import { ClippingsError } from '../../src/errors.ts'
import { BUILT_IN_REGISTRY, FacetRegistry } from '../../src/facets/registry.ts'
import { parsePageOptions, parseSearchParams, SEARCH_PARAMS, searchParamNames } from '../../src/server/params.ts'
import { isIsoPartialDate } from '../../src/text/dates.ts'

function parse(query: string, registry: FacetRegistry = BUILT_IN_REGISTRY, prefix?: 'last' | 'none') {
  return parseSearchParams(new URLSearchParams(query), registry, { prefix })
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
    ['collapse=no', 'collapse'],
    ['prefix=first', 'prefix'],
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

  it('reads every facet of the registry, the corpus fields included, with its exclude parameter', () => {
    const registry = new FacetRegistry(['places', 'orgs'])
    expect(parse('places=usa&places=uk&exclude_orgs=opec&tag=grain&exclude_tag=oil', registry)).toEqual({
      filters: { tag: ['grain'], places: ['usa', 'uk'] },
      exclude: { tag: ['oil'], orgs: ['opec'] },
    })
    expect(parse('places=usa').filters).toBeUndefined()
  })

  it('lists the search parameters from the registry, every built-in facet in the fixed list', () => {
    expect(searchParamNames(new FacetRegistry(['places']))).toEqual([
      'q', 'source', 'topic', 'person', 'tag', 'year', 'month', 'places',
      'exclude_source', 'exclude_topic', 'exclude_person', 'exclude_tag', 'exclude_year', 'exclude_month', 'exclude_places',
      'from', 'to', 'sort', 'group', 'collapse', 'prefix', 'page', 'size',
    ])
    expect(SEARCH_PARAMS).not.toContain('places')
  })

  it('reads the last word as a prefix only when asked or by the caller’s default, and only while it is being typed', () => {
    expect(parse('q=coff').prefixLastWord).toBeUndefined()
    expect(parse('q=coff&prefix=last').prefixLastWord).toBe(true)
    expect(parse('q=coff', BUILT_IN_REGISTRY, 'last').prefixLastWord).toBe(true)
    expect(parse('q=coff&prefix=none', BUILT_IN_REGISTRY, 'last').prefixLastWord).toBeUndefined()
    expect(parse('q=coffee+', BUILT_IN_REGISTRY, 'last')).toEqual({ query: 'coffee' })
    expect(parse('q=', BUILT_IN_REGISTRY, 'last').prefixLastWord).toBeUndefined()
  })

  it('folds repeats unless collapse=0', () => {
    expect(parse('collapse=0').collapse).toBe(false)
    expect(parse('collapse=1').collapse).toBeUndefined()
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
  const options = (query: string, registry: FacetRegistry = BUILT_IN_REGISTRY) => parsePageOptions(new URLSearchParams(query), registry)

  it('reads which facets were expanded and the text of a facet’s search box', () => {
    expect(options('more=person&more=topic&facet=person&contains=rah')).toEqual({ expanded: ['person', 'topic'], facetSearch: { facet: 'person', contains: 'rah' } })
    expect(options('more=places&facet=places&contains=us', new FacetRegistry(['places']))).toEqual({ expanded: ['places'], facetSearch: { facet: 'places', contains: 'us' } })
  })

  it('still reads the People box’s old parameter, person_contains', () => {
    expect(options('person_contains=rah').facetSearch).toEqual({ facet: 'person', contains: 'rah' })
  })

  it('rejects "show more" or a search box for a facet that does not exist, and a search box without its facet', () => {
    expect(() => options('more=colour')).toThrow(/more/)
    expect(() => options('facet=colour&contains=red')).toThrow(/facet/)
    expect(() => options('contains=red')).toThrow(/facet/)
    expect(() => options(`facet=person&contains=${'a'.repeat(201)}`)).toThrow(/contains/)
  })
})
