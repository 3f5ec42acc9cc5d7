// MiniSearch's index state, stored compactly. MiniSearch keeps, per term and field, a Map from document
// to term frequency, and per document a field-length array and two id maps: at a million passages that
// is some forty-five million Map entries, which take most of a minute to load and gigabytes to hold.
// Here the same state lives in typed arrays behind Map subclasses with MiniSearch's exact interface:
// the engine's scorer reads the arrays directly, and MiniSearch's own code (its search, used for
// suggestions) still works, turning a term's arrays into Maps only when it touches that term.
import { Buffer } from 'node:buffer'

/** One term's postings in one field: passage numbers ascending, and the term's frequency in each. */
export interface FieldPostings {
  ids: Uint32Array
  frequencies: Uint16Array
}

/** A term's postings by field id, in MiniSearch's shape (field id → (short id → frequency)). */
export class CompactTermData extends Map<number, Map<number, number>> {
  readonly postings: Map<number, FieldPostings>
  private materialized = false

  constructor(postings: Map<number, FieldPostings>) {
    super()
    this.postings = postings
  }

  private materialize(): void {
    if (this.materialized) return
    this.materialized = true
    for (const [fieldId, { ids, frequencies }] of this.postings) {
      const byDoc = new Map<number, number>()
      for (let i = 0; i < ids.length; i++) byDoc.set(ids[i], frequencies[i])
      super.set(fieldId, byDoc)
    }
  }

  override get(fieldId: number) {
    this.materialize()
    return super.get(fieldId)
  }
  override has(fieldId: number) {
    return this.postings.has(fieldId)
  }
  override get size() {
    return this.postings.size
  }
  override set(fieldId: number, value: Map<number, number>) {
    this.materialize()
    return super.set(fieldId, value)
  }
  override delete(fieldId: number) {
    this.materialize()
    return super.delete(fieldId)
  }
  override keys() {
    this.materialize()
    return super.keys()
  }
  override values() {
    this.materialize()
    return super.values()
  }
  override entries() {
    this.materialize()
    return super.entries()
  }
  override forEach(callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void) {
    this.materialize()
    super.forEach(callback)
  }
  override [Symbol.iterator]() {
    return this.entries()
  }
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

/** An iterator over `item(0) … item(count - 1)`, typed as the Map iterator it stands in for. */
function sequence<T>(count: number, item: (i: number) => T): MapIterator<T> {
  function* generate() {
    for (let i = 0; i < count; i++) yield item(i)
  }
  return generate() as unknown as MapIterator<T>
}

/** A read-only Map over the keys 0 … count-1 whose values are computed on demand, not stored. */
abstract class ComputedMap<V> extends Map<number, V> {
  protected abstract valueAt(key: number): V
  protected abstract get count(): number

  override has(key: number) {
    return Number.isInteger(key) && key >= 0 && key < this.count
  }
  override get(key: number) {
    return this.has(key) ? this.valueAt(key) : undefined
  }
  override get size() {
    return this.count
  }
  override keys() {
    return sequence(this.count, (key) => key)
  }
  override values() {
    return sequence(this.count, (key) => this.valueAt(key))
  }
  override entries() {
    return sequence(this.count, (key): [number, V] => [key, this.valueAt(key)])
  }
  override forEach(callback: (value: V, key: number, map: Map<number, V>) => void) {
    for (let key = 0; key < this.count; key++) callback(this.valueAt(key), key, this)
  }
  override [Symbol.iterator]() {
    return this.entries()
  }
  override set(): this {
    throw new Error('Clippings: the index is read-only once built')
  }
  override delete(): boolean {
    throw new Error('Clippings: the index is read-only once built')
  }
}

/** The map 0 → 0, 1 → 1, …, n-1 → n-1 without storing it: MiniSearch's id maps when ids are passage numbers. */
export class IdentityMap extends ComputedMap<number> {
  private readonly passages: number

  constructor(passages: number) {
    super()
    this.passages = passages
  }

  protected get count() {
    return this.passages
  }
  protected valueAt(key: number) {
    return key
  }
}

/** MiniSearch's per-document field lengths (`doc → [length per field id]`) read from one array per field. */
export class FieldLengthMap extends ComputedMap<number[]> {
  readonly lengths: Float32Array[]

  constructor(lengths: Float32Array[]) {
    super()
    this.lengths = lengths
  }

  protected get count() {
    return this.lengths[0]?.length ?? 0
  }
  protected valueAt(doc: number) {
    return this.lengths.map((field) => field[doc])
  }
}

/** Growable postings for one term and field while an index is built. */
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
