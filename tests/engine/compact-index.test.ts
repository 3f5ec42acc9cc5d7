import { describe, it, expect } from 'vitest'
import { CompactTermData, FieldLengthMap, IdentityMap, PostingsBuilder, includesDoc } from '../../src/engine/compact-index.ts'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { makeCorpus } from '../helpers/passages.ts'

describe('compact index structures', () => {
  it('count occurrences per passage in ascending order', () => {
    const builder = new PostingsBuilder()
    for (const doc of [0, 0, 3, 7, 7, 7]) builder.add(doc)
    const { ids, frequencies } = builder.finish()
    expect([...ids]).toEqual([0, 3, 7])
    expect([...frequencies]).toEqual([2, 1, 3])
    expect(includesDoc(ids, 3)).toBe(true)
    expect(includesDoc(ids, 4)).toBe(false)
  })

  it('turn a term into MiniSearch maps only when asked, with the same content', () => {
    const data = new CompactTermData(new Map([[1, { ids: Uint32Array.from([2, 5]), frequencies: Uint16Array.from([1, 4]) }]]))
    expect(data.size).toBe(1)
    expect(data.has(1)).toBe(true)
    expect([...data.get(1)!]).toEqual([[2, 1], [5, 4]])
    expect([...data.keys()]).toEqual([1])
  })

  it('stand in for MiniSearch id and field-length maps', () => {
    const ids = new IdentityMap(3)
    expect([ids.has(2), ids.has(3), ids.get(1), ids.size]).toEqual([true, false, 1, 3])
    expect([...ids]).toEqual([[0, 0], [1, 1], [2, 2]])
    const lengths = new FieldLengthMap([Float32Array.from([4, 5]), Float32Array.from([1, 0])])
    expect(lengths.get(1)).toEqual([5, 0])
    expect(lengths.get(2)).toBeUndefined()
  })

  it("leave MiniSearch's own search working on the compact index", async () => {
    const engine = createMemoryEngine(makeCorpus([{ text: 'Rahmon met Putin.' }, { text: 'Rakhmon spoke.' }]))
    // Two edits away: too far for the search, near enough for a suggestion, which MiniSearch's own
    // search finds by reading the stand-in maps.
    const response = await engine.search({ query: 'Putxyn' })
    expect(response.total).toBe(0)
    expect(response.suggestions).toEqual(['Putin'])
  })
})
