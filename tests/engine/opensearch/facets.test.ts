// Reading OpenSearch's terms aggregations exactly: a listing is trusted only when the error bounds OpenSearch
// reports cannot change which values are shown or their counts; otherwise the facet is asked again.
import { describe, expect, it } from 'vitest'
import { BUILT_IN_REGISTRY } from '../../../src/facets/registry.ts'
import { readValues } from '../../../src/engine/opensearch/facets.ts'

const person = BUILT_IN_REGISTRY.get('person')!
const year = BUILT_IN_REGISTRY.get('year')!
const bucket = (key: string, doc_count: number, error = 0) => ({ key, doc_count, doc_count_error_upper_bound: error })

describe('readValues', () => {
  it('trusts a complete answer and orders ties by name', () => {
    const read = readValues(person, { buckets: [bucket('Zoe', 3), bucket('Ann', 3), bucket('Bob', 1)], doc_count_error_upper_bound: 0, sum_other_doc_count: 0 }, 2, 12)
    expect(read).toEqual({ values: [{ value: 'Ann', count: 3 }, { value: 'Zoe', count: 3 }, { value: 'Bob', count: 1 }], more: true, exact: true })
  })

  it('doubts an answer cut by its size when a value cut there could still reach the last one shown', () => {
    // Shown: 9, 9; cut at size 3 with 7 listed last, and 2 passages the other shard may hold: 7 + 2 = 9.
    const answer = { buckets: [bucket('A', 9), bucket('B', 9), bucket('C', 7)], doc_count_error_upper_bound: 2, sum_other_doc_count: 40 }
    expect(readValues(person, answer, 2, 3).exact).toBe(false)
    expect(readValues(person, { ...answer, doc_count_error_upper_bound: 1 }, 2, 3).exact).toBe(true)
  })

  it('doubts a shown count that may be short', () => {
    const answer = { buckets: [bucket('A', 9, 1), bucket('B', 8), bucket('C', 1)], doc_count_error_upper_bound: 0, sum_other_doc_count: 0 }
    expect(readValues(person, answer, 2, 12).exact).toBe(false)
  })

  it('lists dates newest first with undated last, trusting only a complete answer', () => {
    const read = readValues(year, { buckets: [bucket('undated', 5), bucket('2024', 1), bucket('2025', 2)], sum_other_doc_count: 0 }, 10, 10_000)
    expect(read.values.map((v) => v.value)).toEqual(['2025', '2024', 'undated'])
    expect(read.exact).toBe(true)
    expect(readValues(year, { buckets: [bucket('2024', 1)], sum_other_doc_count: 3 }, 10, 10_000).exact).toBe(false)
  })
})
