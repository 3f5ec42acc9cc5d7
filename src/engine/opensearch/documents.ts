// Passages and articles as OpenSearch documents, and back. A passage document carries the passage itself
// (returned as it was given), its facet values (read through the facet registry's definitions), its date as
// a day range, its place in the corpus order, and its words analysed by Clippings' own analyzer.
import { BUILT_IN_REGISTRY, fieldFacet } from '../../facets/registry.ts'
import type { ArticleRecord, Passage } from '../../model.ts'
import { tokenizeForIndex } from '../../text/analyze.ts'
import { packedDateBounds } from '../embedded/date-columns.ts'
import { cachedIndexTerm, phraseKey } from '../highlight.ts'
import { searchFieldText, type SearchField } from '../ranking.ts'
import { LENGTH_FIELDS, PHRASE_FIELD, TERM_FIELDS } from './mapping.ts'

/**
 * OpenSearch's whitespace tokenizer cuts words longer than this into pieces; terms are cut to it on both
 * sides (documents and queries), so such a word still matches itself and positions stay one per word.
 */
const MAX_TOKEN_LENGTH = 255

/** A term as sent: cut to the tokenizer's limit without splitting a surrogate pair. */
export function sendableTerm(term: string): string {
  if (term.length <= MAX_TOKEN_LENGTH) return term
  const cut = /[\uD800-\uDBFF]/.test(term[MAX_TOKEN_LENGTH - 1]) ? MAX_TOKEN_LENGTH - 1 : MAX_TOKEN_LENGTH
  return term.slice(0, cut)
}

/**
 * A word's phrase key as sent. A word whose key is empty (combining marks alone) still takes a position,
 * so it is sent as "_", which no real key can be (the tokenizer never makes a word of "_").
 */
export function sendablePhraseKey(word: string): string {
  const key = phraseKey(word)
  return key === '' ? '_' : sendableTerm(key)
}

/** The index terms of a text in order, stop words left out, joined by spaces. */
export function analysedTerms(text: string): string {
  const terms: string[] = []
  for (const word of tokenizeForIndex(text)) {
    const term = cachedIndexTerm(word)
    if (term !== null) terms.push(sendableTerm(term))
  }
  return terms.join(' ')
}

/** Every word's phrase key in order, stop words included. */
export function phraseKeys(text: string): string {
  return tokenizeForIndex(text).map(sendablePhraseKey).join(' ')
}

/** A passage's facet values by facet name: the built-in facets and every corpus field. */
export function facetValues(passage: Passage): Record<string, string[]> {
  const values: Record<string, string[]> = {}
  const put = (name: string, found: string | readonly string[] | undefined) => {
    const list = typeof found === 'string' ? [found] : [...new Set(found ?? [])]
    if (list.length > 0) values[name] = list
  }
  for (const facet of BUILT_IN_REGISTRY.facets) put(facet.name, facet.valuesOf(passage))
  for (const name of Object.keys(passage.fields ?? {})) {
    if (!(name in values) && !BUILT_IN_REGISTRY.has(name)) put(name, fieldFacet(name).valuesOf(passage))
  }
  return values
}

export interface PassageDocument {
  passage: Passage
  seq: number
  article_id: string
  position: number
  date_start?: number
  date_end?: number
  facets: Record<string, string[]>
  [field: string]: unknown
}

/** The document of a passage; `seq` is its place in the corpus order (ties in every sort go by it). */
export function passageDocument(passage: Passage, seq: number): PassageDocument {
  const [start, end] = packedDateBounds(passage.date)
  const document: PassageDocument = {
    passage,
    seq,
    article_id: passage.articleId,
    position: passage.position,
    facets: facetValues(passage),
  }
  if (start >= 0) {
    document.date_start = start
    document.date_end = end
  }
  for (const [field, name] of Object.entries(TERM_FIELDS) as [SearchField, string][]) {
    const text = searchFieldText(passage, field)
    document[name] = analysedTerms(text)
    document[LENGTH_FIELDS[field]] = new Set(tokenizeForIndex(text)).size
  }
  document[PHRASE_FIELD] = phraseKeys(passage.text)
  return document
}

export function articleDocument(article: ArticleRecord): { article: ArticleRecord } {
  return { article }
}

/** The passage a search hit or a get returns. */
export function passageOf(source: { passage?: Passage } | undefined): Passage | undefined {
  return source?.passage
}
