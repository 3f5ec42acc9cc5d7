import { describe, it, expect } from 'vitest'
import { Buffer } from 'node:buffer'
import { decodeTerms, encodeTerms, type FieldPostings } from '../../../src/engine/embedded/postings.ts'

const postings = (...fields: [number, number[], number[]][]) =>
  new Map<number, FieldPostings>(fields.map(([fieldId, ids, frequencies]) => [fieldId, { ids: Uint32Array.from(ids), frequencies: Uint16Array.from(frequencies) }]))

const terms: [string, Map<number, FieldPostings>][] = [
  ['market', postings([0, [0, 5, 127, 128, 16_384, 4_000_000_000], [1, 2, 3, 127, 128, 65_535]], [2, [3], [1]])],
  ['ṭoʻlov', postings([1, [7, 8], [2, 1]])],
  ['', postings()],
]

describe('the term index file', () => {
  it('decodes to the postings it encoded, whatever the chunk size', () => {
    for (const chunkSize of [1, 7, 1 << 20]) {
      const bytes = Buffer.concat([...encodeTerms(terms, chunkSize)])
      expect([...decodeTerms(bytes)]).toEqual(terms)
    }
  })

  it('refuses bytes that are not a term index file', () => {
    expect(() => [...decodeTerms(Buffer.from('garbage'))]).toThrow('not a term index file')
  })

  it('refuses a file cut short', () => {
    const bytes = Buffer.concat([...encodeTerms(terms)])
    expect(() => [...decodeTerms(bytes.subarray(0, 12))]).toThrow('cut short')
  })
})
