import { describe, it, expect } from 'vitest'
import { BUILT_IN_FACETS } from '../src/facets/registry.ts'

describe('model', () => {
  it('names the built-in facets a search can count', () => {
    expect(BUILT_IN_FACETS).toEqual(['source', 'topic', 'person', 'tag', 'year', 'month'])
  })
})
