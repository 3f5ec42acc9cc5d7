import { describe, it, expect } from 'vitest'
import { chooseFieldFacets, collectFields, fieldLabels } from '../../src/facets/fields.ts'
import { BUILT_IN_FACETS, FacetRegistry, facetNameForField, facetValueLabel, facetValueParent } from '../../src/facets/registry.ts'

describe('the facet registry', () => {
  it('holds the built-in facets, then the corpus fields, each once, with its exclude parameter', () => {
    const registry = new FacetRegistry(['places', 'orgs', 'places', 'source'])
    expect(registry.names).toEqual([...BUILT_IN_FACETS, 'places', 'orgs'])
    expect(registry.get('places')).toMatchObject({ title: 'Places', kind: 'field', excludeParam: 'exclude_places' })
    expect(registry.params).toContain('exclude_orgs')
    expect(registry.fieldFacets).toEqual(['places', 'orgs'])
  })

  it('names a field facet so it never takes a parameter or a built-in facet', () => {
    expect(facetNameForField('Places')).toBe('places')
    expect(facetNameForField('Source File')).toBe('source_file')
    expect(facetNameForField('keywords')).toBe('tag')
    expect(facetNameForField('sort')).toBe('f_sort')
    expect(facetNameForField('person')).toBe('f_person')
    expect(facetNameForField('exclude_x')).toBe('f_exclude_x')
    expect(facetNameForField('…')).toBeUndefined()
  })

  it('labels topics by the taxonomy, months by name, the undated as such, and knows a topic’s parent', () => {
    const registry = new FacetRegistry()
    const labels = { topicLabels: { econ: 'Economy', 'econ-trade': 'Trade' }, topicParents: { 'econ-trade': 'econ' } }
    expect(facetValueLabel(registry.get('topic')!, 'econ-trade', labels)).toBe('Trade')
    expect(facetValueLabel(registry.get('month')!, '2025-10', labels)).toBe('October 2025')
    expect(facetValueLabel(registry.get('year')!, 'undated', labels)).toBe('Undated')
    expect(facetValueParent(registry.get('topic')!, 'econ-trade', labels)).toBe('econ')
    expect(facetValueParent(registry.get('source')!, 'econ-trade', labels)).toBeUndefined()
  })

  it('labels a value named like a member of every object (constructor, __proto__) as the value itself', () => {
    const registry = new FacetRegistry()
    const labels = { topicLabels: { econ: 'Economy' }, topicParents: {} }
    for (const value of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(facetValueLabel(registry.get('topic')!, value, labels)).toBe(value)
      expect(facetValueParent(registry.get('topic')!, value, labels)).toBeUndefined()
    }
  })
})

describe('a corpus’s own fields', () => {
  it('keeps short labels and lists of them, never free text, numbers or flags', () => {
    expect(fieldLabels(['usa', ' uk ', 'usa'])).toEqual(['usa', 'uk'])
    expect(fieldLabels('Business desk')).toEqual(['Business desk'])
    expect(fieldLabels('x'.repeat(200))).toBeUndefined()
    expect(fieldLabels('line one\nline two')).toBeUndefined()
    expect(fieldLabels(42)).toBeUndefined()
    expect(fieldLabels(true)).toBeUndefined()
    expect(collectFields({ title: 'T', places: ['usa'], topics: ['grain'], tags: 'wheat', id: 7 }, new Set(['title']))).toEqual({ places: ['usa'], tag: ['grain', 'wheat'] })
  })

  it('takes a field named like a member of every object for a field like any other', () => {
    const record = JSON.parse('{"constructor": ["bridges"], "__proto__": ["x"], "places": ["usa"]}') as Record<string, unknown>
    expect(collectFields(record, new Set())).toEqual({ constructor: ['bridges'], proto: ['x'], places: ['usa'] })
    const registry = new FacetRegistry(['constructor'])
    const valuesOf = registry.get('constructor')!.valuesOf
    expect(valuesOf({ fields: { constructor: ['bridges'] } } as never)).toEqual(['bridges'])
    expect(valuesOf({ fields: {} } as never)).toBeUndefined()
  })

  it('makes facets of categories, not of identifiers, the most varied first', () => {
    const articles = Array.from({ length: 40 }, (_, i) => ({
      fields: { places: [`place-${i % 6}`], split: [i % 2 ? 'TRAIN' : 'TEST'], dateline: [`CITY, day ${i}`], tag: ['x'] },
    }))
    expect(chooseFieldFacets(articles)).toEqual(['places', 'split'])
    // Too few articles to tell an identifier from a category: kept.
    expect(chooseFieldFacets([{ fields: { desk: ['Business'] } }, { fields: { desk: ['Sport'] } }])).toEqual(['desk'])
  })
})
