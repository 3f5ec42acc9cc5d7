// The term index: MiniSearch's radix tree (`SearchableMap`, its public API) as the term dictionary, for exact,
// prefix and typo-tolerant lookups, holding each term's postings as typed-array chunks (postings.ts); and
// each passage's field lengths for BM25. Passages are added in batches and removed one by one; a removal
// keeps the passage's postings (readers skip dead passages) but takes it out of every statistic, so scores
// equal those of an index built fresh from the live passages.
import SearchableMap from 'minisearch/SearchableMap'
import type { Passage } from '../../model.ts'
import { tokenizeForIndex } from '../../text/analyze.ts'
import { cachedIndexTerm } from '../highlight.ts'
import { SEARCH_FIELDS, searchFieldText } from '../ranking.ts'
import { FieldChunks, PostingsBuilder, type FieldPostings, type TermPostings } from './postings.ts'

/** A passage's field length as MiniSearch counts it: its distinct words. */
function fieldLength(tokens: readonly string[]): number {
  return new Set(tokens).size
}

/** The term index's state as persistence stores it. */
export interface SavedTerms {
  /** Per field id, each passage's field length. */
  lengths: Float32Array[]
  terms: Iterable<[string, Map<number, FieldPostings>]>
}

/** A batch of passages analysed for the term index: lengths and postings, numbered from `first`. */
export interface PreparedBatch {
  first: number
  count: number
  /** Per field id, each passage's field length. */
  lengths: Float32Array[]
  /** Per term, its postings by field id. */
  postings: Map<string, (FieldPostings | undefined)[]>
}

/** Tokenises and counts a batch of passages, numbered from `first`: the costly part of adding them. */
export function prepareBatch(first: number, passages: readonly Passage[]): PreparedBatch {
  const lengths = SEARCH_FIELDS.map(() => new Float32Array(passages.length))
  const builders = new Map<string, PostingsBuilder[]>()
  passages.forEach((passage, i) => {
    const doc = first + i
    SEARCH_FIELDS.forEach((field, fieldId) => {
      const tokens = tokenizeForIndex(searchFieldText(passage, field))
      lengths[fieldId][i] = fieldLength(tokens)
      for (const token of tokens) {
        const term = cachedIndexTerm(token)
        if (term === null) continue
        let byField = builders.get(term)
        if (!byField) builders.set(term, (byField = []))
        ;(byField[fieldId] ??= new PostingsBuilder()).add(doc)
      }
    })
  })
  const postings = new Map<string, (FieldPostings | undefined)[]>()
  for (const [term, byField] of builders) postings.set(term, byField.map((builder) => builder?.finish()))
  return { first, count: passages.length, lengths, postings }
}

/** Per term, by field id, how many of the passages hold it: what their removal takes off. */
export type PreparedRemoval = Map<string, number[]>

export function prepareRemoval(passages: readonly Passage[]): PreparedRemoval {
  const counts: PreparedRemoval = new Map()
  for (const passage of passages) {
    SEARCH_FIELDS.forEach((field, fieldId) => {
      const seen = new Set<string>()
      for (const token of tokenizeForIndex(searchFieldText(passage, field))) {
        const term = cachedIndexTerm(token)
        if (term === null || seen.has(term)) continue
        seen.add(term)
        let byField = counts.get(term)
        if (!byField) counts.set(term, (byField = []))
        byField[fieldId] = (byField[fieldId] ?? 0) + 1
      }
    })
  }
  return counts
}

export class TermIndex {
  readonly dictionary = new SearchableMap<TermPostings>()
  /** Per field id, each passage's field length (0 for removed passages); grown as passages are added. */
  lengths: Float32Array[]
  /** Per field id, the sum of live passages' lengths. */
  private readonly totalLength: number[]
  /** Passages numbered so far, live or not. */
  private count = 0
  /** Live passages. */
  private liveCount = 0

  constructor(capacity = 0) {
    this.lengths = SEARCH_FIELDS.map(() => new Float32Array(Math.max(16, capacity)))
    this.totalLength = SEARCH_FIELDS.map(() => 0)
  }

  /** Restores a saved index (every passage in it live). */
  static fromSaved({ lengths, terms }: SavedTerms, passages: number): TermIndex {
    const index = new TermIndex(passages)
    lengths.forEach((field, fieldId) => {
      index.lengths[fieldId].set(field.subarray(0, passages))
      for (let doc = 0; doc < passages; doc++) index.totalLength[fieldId] += field[doc]
    })
    index.count = passages
    index.liveCount = passages
    for (const [term, byField] of terms) {
      const postings: TermPostings = []
      for (const [fieldId, field] of byField) {
        const chunks = new FieldChunks()
        chunks.append(field)
        postings[fieldId] = chunks
      }
      index.dictionary.set(term, postings)
    }
    return index
  }

  get documentCount(): number {
    return this.liveCount
  }

  averageFieldLength(fieldId: number): number {
    return this.liveCount > 0 ? this.totalLength[fieldId] / this.liveCount : 0
  }

  /**
   * Indexes passages numbered `first`, `first + 1`, …: each term's occurrences are counted into typed arrays,
   * and each term enters the tree once per batch.
   */
  addBatch(first: number, passages: readonly Passage[]): void {
    this.commitBatch(prepareBatch(first, passages))
  }

  /** Adds a batch analysed by `prepareBatch` (the costly part, which can run in slices beforehand). */
  commitBatch(batch: PreparedBatch): void {
    const { first, count, lengths, postings } = batch
    if (first !== this.count) throw new Error(`Clippings: passages must be added in order (expected ${this.count}, got ${first})`)
    this.ensureCapacity(first + count)
    lengths.forEach((field, fieldId) => {
      this.lengths[fieldId].set(field, first)
      for (let i = 0; i < field.length; i++) this.totalLength[fieldId] += field[i]
    })
    for (const [term, byField] of postings) {
      let entry = this.dictionary.get(term)
      if (!entry) this.dictionary.set(term, (entry = []))
      byField.forEach((field, fieldId) => {
        if (field) (entry[fieldId] ??= new FieldChunks()).append(field)
      })
    }
    this.count += count
    this.liveCount += count
  }

  /** Takes a passage out of every statistic; its postings stay, and readers skip it as dead. */
  remove(doc: number, passage: Passage): void {
    this.commitRemoval([doc], prepareRemoval([passage]))
  }

  /** Takes passages out of every statistic with the term counts `prepareRemoval` worked out. */
  commitRemoval(docs: readonly number[], removal: PreparedRemoval): void {
    for (const [term, byField] of removal) {
      const entry = this.dictionary.get(term)
      if (!entry) continue
      byField.forEach((count, fieldId) => {
        const chunks = entry[fieldId]
        if (chunks && count) chunks.live -= count
      })
    }
    for (const doc of docs) {
      SEARCH_FIELDS.forEach((_, fieldId) => {
        this.totalLength[fieldId] -= this.lengths[fieldId][doc]
        this.lengths[fieldId][doc] = 0
      })
    }
    this.liveCount -= docs.length
  }

  get(term: string): TermPostings | undefined {
    return this.dictionary.get(term)
  }

  fuzzyGet(term: string, maxDistance: number): Map<string, [TermPostings, number]> {
    return this.dictionary.fuzzyGet(term, maxDistance)
  }

  atPrefix(prefix: string): Iterable<[string, TermPostings]> {
    return this.dictionary.atPrefix(prefix).entries()
  }

  /** Each term's postings by field id, every chunk merged, for persistence. */
  *entries(): Generator<[string, Map<number, FieldPostings>]> {
    for (const [term, postings] of this.dictionary) {
      const byField = new Map<number, FieldPostings>()
      postings.forEach((chunks, fieldId) => {
        if (chunks) byField.set(fieldId, chunks.merged())
      })
      yield [term, byField]
    }
  }

  private ensureCapacity(passages: number): void {
    if (passages <= this.lengths[0].length) return
    const capacity = Math.max(passages, Math.ceil(this.lengths[0].length * 1.5))
    this.lengths = this.lengths.map((field) => {
      const grown = new Float32Array(capacity)
      grown.set(field)
      return grown
    })
  }
}
