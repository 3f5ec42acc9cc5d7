import { describe, expect, it } from 'vitest'
import {
  facetExcludeHref,
  facetOnlyHref,
  facetToggleHref,
  pathWithAddedArgs,
  pathWithChangedArgs,
  pathWithPairs,
  pathWithRemovedArgs,
} from '../../src/server/url-state.ts'

const current = new URLSearchParams('q=remittances&source=CABAR.asia&page=3')
const facet = (name: string) => ({ name, excludeParam: `exclude_${name}` })

describe('url state helpers', () => {
  it('adds a parameter and keeps the others in order', () => {
    expect(pathWithAddedArgs('/', current, [['person', 'Emomali Rahmon']])).toBe('/?q=remittances&source=CABAR.asia&page=3&person=Emomali+Rahmon')
  })

  it('does not add the same pair twice', () => {
    expect(pathWithAddedArgs('/', current, [['source', 'CABAR.asia']])).toBe('/?q=remittances&source=CABAR.asia&page=3')
  })

  it('removes every value of a name, or one name=value pair', () => {
    const many = new URLSearchParams('source=A&source=B&q=x')
    expect(pathWithRemovedArgs('/', many, ['source'])).toBe('/?q=x')
    expect(pathWithRemovedArgs('/', many, [['source', 'A']])).toBe('/?source=B&q=x')
  })

  it('drops empty values and gives the bare path when nothing is left', () => {
    expect(pathWithPairs('/', [['q', ''], ['from', '']])).toBe('/')
    expect(pathWithChangedArgs('/people/A%20B', new URLSearchParams('page=2'), { remove: ['page'] })).toBe('/people/A%20B')
  })

  it('encodes values so a crafted value cannot break out of the query string', () => {
    expect(pathWithPairs('/', [['q', 'a&b=c#"<x>']])).toBe('/?q=a%26b%3Dc%23%22%3Cx%3E')
  })
})

describe('facet toggles', () => {
  it('selects an unselected value and returns to the first page', () => {
    expect(facetToggleHref('/', current, facet('person'), 'Vladimir Putin')).toBe('/?q=remittances&source=CABAR.asia&person=Vladimir+Putin')
  })

  it('unselects a selected value', () => {
    expect(facetToggleHref('/', current, facet('source'), 'CABAR.asia')).toBe('/?q=remittances')
  })

  it('lifts an exclusion instead of selecting the excluded value', () => {
    const excluded = new URLSearchParams('exclude_topic=politics')
    expect(facetToggleHref('/', excluded, facet('topic'), 'politics')).toBe('/')
  })

  it('excludes a value, replacing its selection', () => {
    expect(facetExcludeHref('/', current, facet('source'), 'CABAR.asia')).toBe('/?q=remittances&exclude_source=CABAR.asia')
  })

  it('narrows to one value of a facet, dropping its other values and any exclusion of it', () => {
    const years = new URLSearchParams('q=oil&year=1986&year=1987&exclude_year=1985&page=2')
    expect(facetOnlyHref('/', years, facet('year'), '1985')).toBe('/?q=oil&year=1985')
  })
})
