// The facet, date and field-length columns as bytes (`columns.bin`), so a load reads them instead of deriving
// them from a million passages (value lookups, date parsing, a sort: over a second at that scale). Layout: a
// 4-byte little-endian length, a JSON header (facet dictionaries, then each array's name, type and length),
// then the arrays in header order, each starting on an 8-byte boundary.
import type { FacetColumnData } from './columns.ts'
import type { SavedDates } from './date-columns.ts'

/** The columns persistence keeps; everything else about them is derived at load. */
export interface SavedColumns {
  facets: Record<string, FacetColumnData>
  dates: SavedDates
  /** Per search field id, each passage's field length. */
  lengths: Float32Array[]
}

type ArrayType = 'Uint32' | 'Int32' | 'Float32'
type StoredArray = Uint32Array | Int32Array | Float32Array
interface ArrayEntry {
  name: string
  type: ArrayType
  length: number
}
interface Header {
  facetValues: Record<string, string[]>
  fields: number
  arrays: ArrayEntry[]
}

const padding = (bytes: number) => (8 - (bytes % 8)) % 8

function typeOf(array: StoredArray): ArrayType {
  return array instanceof Int32Array ? 'Int32' : array instanceof Float32Array ? 'Float32' : 'Uint32'
}

export function encodeColumns(columns: SavedColumns): Uint8Array[] {
  const arrays: [string, StoredArray][] = [
    ['dateStart', columns.dates.dateStart],
    ['dateEnd', columns.dates.dateEnd],
    ['newest', columns.dates.newest],
    ...columns.lengths.map((field, fieldId): [string, StoredArray] => [`length.${fieldId}`, field]),
  ]
  const facetValues: Record<string, string[]> = {}
  for (const [name, facet] of Object.entries(columns.facets)) {
    facetValues[name] = facet.values
    arrays.push([`${name}.docOffsets`, facet.docOffsets], [`${name}.docValues`, facet.docValues])
  }
  const header: Header = {
    facetValues,
    fields: columns.lengths.length,
    arrays: arrays.map(([name, array]) => ({ name, type: typeOf(array), length: array.length })),
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(headerBytes.length)
  const chunks: Uint8Array[] = [length, headerBytes, new Uint8Array(padding(4 + headerBytes.length))]
  for (const [, array] of arrays) {
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), new Uint8Array(padding(array.byteLength)))
  }
  return chunks
}

/** Reads `columns.bin`; throws on a truncated file or one whose arrays do not fit `passages` or lack a facet. */
export function decodeColumns(bytes: Uint8Array, passages: number, facets: readonly string[]): SavedColumns {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.length < 4) throw new Error('columns file is truncated')
  const headerLength = view.readUInt32LE(0)
  if (4 + headerLength > view.length) throw new Error('columns file is truncated in its header')
  const header = JSON.parse(view.toString('utf8', 4, 4 + headerLength)) as Header
  let offset = 4 + headerLength
  offset += padding(offset)
  const arrays = new Map<string, StoredArray>()
  for (const { name, type, length } of header.arrays) {
    const byteLength = length * 4
    if (offset + byteLength > view.length) throw new Error(`columns file is truncated at ${name}`)
    // Copied out rather than viewed in place: the file's buffer need not be 4-byte aligned.
    const copy = new Uint8Array(byteLength)
    copy.set(view.subarray(offset, offset + byteLength))
    arrays.set(name, type === 'Int32' ? new Int32Array(copy.buffer) : type === 'Float32' ? new Float32Array(copy.buffer) : new Uint32Array(copy.buffer))
    offset += byteLength + padding(byteLength)
  }
  const take = <T extends StoredArray>(name: string, expectedLength?: number): T => {
    const array = arrays.get(name)
    if (!array) throw new Error(`columns file has no ${name}`)
    if (expectedLength !== undefined && array.length !== expectedLength) throw new Error(`columns file: ${name} has ${array.length} entries, expected ${expectedLength}`)
    return array as T
  }
  const saved: SavedColumns['facets'] = {}
  for (const name of facets) {
    const values = header.facetValues[name]
    if (!values) throw new Error(`columns file has no ${name} facet`)
    const docOffsets = take<Uint32Array>(`${name}.docOffsets`, passages + 1)
    const docValues = take<Uint32Array>(`${name}.docValues`, docOffsets[passages])
    for (let i = 0; i < docValues.length; i++) {
      if (docValues[i] >= values.length) throw new Error(`columns file: ${name} names value ${docValues[i]} of ${values.length}`)
    }
    saved[name] = { values, docOffsets, docValues }
  }
  const newest = take<Uint32Array>('newest', passages)
  for (let i = 0; i < newest.length; i++) if (newest[i] >= passages) throw new Error('columns file: the date order names a passage out of range')
  return {
    facets: saved,
    dates: { dateStart: take<Int32Array>('dateStart', passages), dateEnd: take<Int32Array>('dateEnd', passages), newest },
    lengths: Array.from({ length: header.fields }, (_, fieldId) => take<Float32Array>(`length.${fieldId}`, passages)),
  }
}
