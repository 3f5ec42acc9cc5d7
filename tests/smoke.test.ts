import { describe, it, expect } from 'vitest'
import { FACET_NAMES } from '../src/model.ts'

describe('model', () => {
  it('names the five facets a search can count', () => {
    expect(FACET_NAMES).toEqual(['source', 'topic', 'person', 'year', 'month'])
  })
})
