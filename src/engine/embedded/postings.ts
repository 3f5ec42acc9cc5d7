// Term postings as typed arrays. MiniSearch keeps, per term and field, a Map from document to frequency:
// at a million passages that is some forty-five million Map entries, which take most of a minute to load
// and gigabytes to hold. Here each term and field holds ascending passage numbers and their frequencies in
// typed arrays, in chunks: a build or a load makes one chunk, each later batch of added passages appends
// one (passage numbers only grow), and chunks are merged once there are several.
import { Buffer } from 'node:buffer'

/** One run of a term's postings in one field: passage numbers ascending, and the term's frequency in each. */
export interface FieldPostings {
  ids: Uint32Array
  frequencies: Uint16Array
}

/** Chunks past this many are merged into one, so a term read costs a few array walks, never hundreds. */
const MAX_CHUNKS = 8

/** A term's postings in one field: its chunks, and how many live passages hold it (for inverse document frequency). */
export class FieldChunks {
  chunks: FieldPostings[] = []
  /** Live passages carrying the term in this field: removals count down, so scores equal a fresh build's. */
  live = 0

  append(postings: FieldPostings): void {
    this.chunks.push(postings)
    this.live += postings.ids.length
    if (this.chunks.length > MAX_CHUNKS) this.chunks = [mergeChunks(this.chunks)]
  }

  /** Every posting in one run (dead passages included; readers check liveness). */
  merged(): FieldPostings {
    if (this.chunks.length !== 1) this.chunks = [mergeChunks(this.chunks)]
    return this.chunks[0]
  }

  includes(doc: number): boolean {
    for (const { ids } of this.chunks) {
      if (ids.length > 0 && doc >= ids[0] && doc <= ids[ids.length - 1] && includesDoc(ids, doc)) return true
    }
    return false
  }
}

/** A term's postings by field id (a sparse array: most terms occur in one or two fields). */
export type TermPostings = (FieldChunks | undefined)[]

/** Live passages carrying the term in any field, at most: the sum over fields. */
export function termWeight(postings: TermPostings): number {
  let weight = 0
  for (const field of postings) weight += field?.live ?? 0
  return weight
}

function mergeChunks(chunks: FieldPostings[]): FieldPostings {
  let length = 0
  for (const chunk of chunks) length += chunk.ids.length
  const ids = new Uint32Array(length)
  const frequencies = new Uint16Array(length)
  let at = 0
  for (const chunk of chunks) {
    ids.set(chunk.ids, at)
    frequencies.set(chunk.frequencies, at)
    at += chunk.ids.length
  }
  return { ids, frequencies }
}

/** Whether a passage number is in ascending postings (binary search). */
export function includesDoc(ids: Uint32Array, doc: number): boolean {
  let low = 0
  let high = ids.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const value = ids[middle]
    if (value === doc) return true
    if (value < doc) low = middle + 1
    else high = middle - 1
  }
  return false
}

/** Growable postings for one term and field while passages are indexed. */
export class PostingsBuilder {
  private ids = new Uint32Array(4)
  private frequencies = new Uint16Array(4)
  private length = 0

  /** Counts one occurrence in `doc`; documents arrive in ascending order. */
  add(doc: number): void {
    if (this.length > 0 && this.ids[this.length - 1] === doc) {
      if (this.frequencies[this.length - 1] < 0xffff) this.frequencies[this.length - 1]++
      return
    }
    if (this.length === this.ids.length) {
      const ids = new Uint32Array(this.length * 2)
      ids.set(this.ids)
      this.ids = ids
      const frequencies = new Uint16Array(this.length * 2)
      frequencies.set(this.frequencies)
      this.frequencies = frequencies
    }
    this.ids[this.length] = doc
    this.frequencies[this.length++] = 1
  }

  finish(): FieldPostings {
    return { ids: this.ids.slice(0, this.length), frequencies: this.frequencies.slice(0, this.length) }
  }
}

// ---------------------------------------------------------------------------------------------
// The terms' postings as bytes (the persisted `index.bin`). Parsing the same postings as JSON number
// arrays took seconds at a million passages; varints decode straight into the typed arrays.
//
// Layout: the 4 bytes "CLT1", then per term: its UTF-8 byte length (varint) and bytes, its field count,
// and per field: the field id, the posting count, the passage numbers as ascending deltas, then the
// frequencies, every number a varint (7 bits a byte, low first, high bit = more follows).

const TERMS_MAGIC = Buffer.from('CLT1', 'latin1')

/** The terms as `index.bin` bytes, in chunks of about `chunkSize` bytes. */
export function* encodeTerms(terms: Iterable<[string, Map<number, FieldPostings>]>, chunkSize = 1 << 20): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(Math.max(chunkSize, TERMS_MAGIC.length))
  let at = TERMS_MAGIC.copy(chunk, 0)
  const varint = (value: number) => {
    while (value >= 0x80) {
      chunk[at++] = (value & 0x7f) | 0x80
      value = Math.floor(value / 0x80)
    }
    chunk[at++] = value
  }
  for (const [term, postings] of terms) {
    // The most bytes this term can take: 5 per varint count or id, 3 per frequency (16 bits).
    let bound = 10 + term.length * 3
    for (const { ids } of postings.values()) bound += 10 + ids.length * 8
    if (at + bound > chunk.length) {
      if (at > 0) yield chunk.subarray(0, at)
      chunk = Buffer.allocUnsafe(Math.max(chunkSize, bound))
      at = 0
    }
    const length = Buffer.byteLength(term, 'utf8')
    varint(length)
    at += chunk.write(term, at, length, 'utf8')
    varint(postings.size)
    for (const [fieldId, { ids, frequencies }] of postings) {
      varint(fieldId)
      varint(ids.length)
      for (let i = 0; i < ids.length; i++) varint(ids[i] - (i > 0 ? ids[i - 1] : 0))
      for (let i = 0; i < frequencies.length; i++) varint(frequencies[i])
    }
  }
  if (at > 0) yield chunk.subarray(0, at)
}

/** The terms back from `index.bin` bytes, one at a time. Throws on bytes that are not such a file or are cut short. */
export function* decodeTerms(bytes: Buffer): Generator<[string, Map<number, FieldPostings>]> {
  if (bytes.length < TERMS_MAGIC.length || !TERMS_MAGIC.equals(bytes.subarray(0, TERMS_MAGIC.length))) {
    throw new Error('not a term index file')
  }
  let at = TERMS_MAGIC.length
  const varint = () => {
    let byte = bytes[at++]
    if (byte < 0x80) return byte
    let value = byte & 0x7f
    let scale = 0x80
    do {
      byte = bytes[at++]
      value += (byte & 0x7f) * scale
      scale *= 0x80
    } while (byte >= 0x80 && scale <= 0x800000000)
    return value
  }
  while (at < bytes.length) {
    const length = varint()
    const term = bytes.toString('utf8', at, at + length)
    at += length
    const fields = varint()
    const postings = new Map<number, FieldPostings>()
    for (let f = 0; f < fields; f++) {
      const fieldId = varint()
      const count = varint()
      if (at + count * 2 > bytes.length) throw new Error('term index file cut short')
      const ids = new Uint32Array(count)
      let doc = 0
      for (let i = 0; i < count; i++) ids[i] = doc += varint()
      const frequencies = new Uint16Array(count)
      for (let i = 0; i < count; i++) frequencies[i] = varint()
      postings.set(fieldId, { ids, frequencies })
    }
    if (at > bytes.length) throw new Error('term index file cut short')
    yield [term, postings]
  }
}
