// Highlighting as character ranges, never HTML: which words of a passage matched the query (through
// stemming, prefix or typo tolerance too), where its phrases stand, and the best short window to show.
import type { Range, Snippet } from '../model.ts'
import { indexTerm, stemTerm, tokenize, type Token } from '../text/analyze.ts'

/** What to mark: the index terms a search matched, and the phrases it asked for. */
export interface HighlightSpec {
  terms: ReadonlySet<string>
  /** Each phrase as its words' keys (see `phraseKey`). */
  phrases: readonly (readonly string[])[]
}

/** Analysing a word is pure and words repeat endlessly: remember answers (bounded, for long-running servers). */
function memoize<T>(analyse: (word: string) => T): (word: string) => T {
  const cache = new Map<string, T>()
  return (word) => {
    let result = cache.get(word)
    if (result === undefined && !cache.has(word)) {
      if (cache.size >= 500_000) cache.clear()
      result = analyse(word)
      cache.set(word, result)
    }
    return result as T
  }
}

/** The comparison key of a word inside a phrase: its stem, stop words included. */
export const phraseKey = memoize(stemTerm)
/** The index term of a word, as the index analysed it. */
export const cachedIndexTerm = memoize(indexTerm)

/** Where a phrase's words stand consecutively in the tokens, as token index ranges. */
function phraseSpans(keys: readonly string[], phrase: readonly string[]): [number, number][] {
  const spans: [number, number][] = []
  if (phrase.length === 0) return spans
  for (let i = 0; i + phrase.length <= keys.length; i++) {
    let j = 0
    while (j < phrase.length && keys[i + j] === phrase[j]) j++
    if (j === phrase.length) spans.push([i, i + phrase.length - 1])
  }
  return spans
}

/** Whether the text holds the phrase's words next to each other. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  return phraseSpans(tokenize(text).map((t) => phraseKey(t.text)), phrase).length > 0
}

/** Letters that folding changes (accents, ß, Cyrillic…): where they occur the quick test is not safe. */
const NON_ASCII = /[^\x00-\x7F]/
const NON_ASCII_LETTER = /[\p{L}\p{M}](?<![A-Za-z])/u
const APOSTROPHES = /['’ʼ‛＇]/g

/**
 * A phrase test for many candidate passages: a regular expression over the raw text rejects most of them
 * cheaply, and only the rest are tokenised and stemmed. The expression is a necessary condition: each
 * Porter stem less its last letter begins the word it came from, so it asks for words starting so, in
 * order, separated only by non-word characters. It is skipped where folding could make that untrue:
 * keys with digits (digit groups fold), and texts with letters beyond ASCII.
 */
export function phraseMatcher(phrase: readonly string[]): (text: string) => boolean {
  if (phrase.length === 0 || phrase.some((key) => !/^[a-z]+$/.test(key))) return (text) => containsPhrase(text, phrase)
  const word = (key: string) => key.slice(0, Math.max(1, Math.min(6, key.length - 1)))
  const pattern = new RegExp(`(?<![A-Za-z0-9])${phrase.map(word).join('[A-Za-z0-9.]*[^A-Za-z0-9]+')}`, 'i')
  return (text) => {
    const plain = !NON_ASCII.test(text)
    if (plain || !NON_ASCII_LETTER.test(text)) {
      if (!pattern.test(plain && !text.includes("'") ? text : text.replace(APOSTROPHES, ''))) return false
    }
    return containsPhrase(text, phrase)
  }
}

export interface Highlight {
  ranges: Range[]
  /** The surface words that matched, as they are written in the text. */
  words: string[]
}

/** The ranges to mark in a text, merged and sorted, and the words they cover. */
export function highlight(text: string, spec: HighlightSpec): Highlight {
  const tokens: Token[] = tokenize(text)
  const ranges: Range[] = []
  const words = new Set<string>()
  for (const token of tokens) {
    const term = cachedIndexTerm(token.text)
    if (term !== null && spec.terms.has(term)) {
      ranges.push([token.start, token.end])
      words.add(token.text)
    }
  }
  if (spec.phrases.length > 0) {
    const keys = tokens.map((t) => phraseKey(t.text))
    for (const phrase of spec.phrases) {
      for (const [first, last] of phraseSpans(keys, phrase)) {
        ranges.push([tokens[first].start, tokens[last].end])
        for (let i = first; i <= last; i++) words.add(tokens[i].text)
      }
    }
  }
  return { ranges: mergeRanges(ranges), words: [...words] }
}

/** Sorts ranges and merges overlapping or touching ones, so marks never nest. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Range[] = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/**
 * A window of about `length` characters around the densest cluster of marks, cut at word boundaries,
 * with its ranges shifted into the window. Short texts come back whole.
 */
export function makeSnippet(text: string, ranges: readonly Range[], length: number): Snippet {
  if (text.length <= length) {
    return { text, ranges: [...ranges], truncatedStart: false, truncatedEnd: false }
  }
  // Pick the start that covers the most marks within the window; ties go to the earliest.
  let bestStart = 0
  let bestCount = 0
  for (let i = 0; i < ranges.length; i++) {
    let count = 0
    for (let j = i; j < ranges.length && ranges[j][1] <= ranges[i][0] + length; j++) count++
    if (count > bestCount) {
      bestCount = count
      bestStart = ranges[i][0]
    }
  }
  // Give the first mark some left context, then snap both ends to word boundaries.
  let start = Math.max(0, Math.min(bestStart - Math.floor(length / 4), text.length - length))
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space === -1 || space > bestStart ? start : space + 1
  }
  let end = Math.min(text.length, start + length)
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    if (space > start) end = space
  }
  const shifted: Range[] = []
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue
    shifted.push([Math.max(a, start) - start, Math.min(b, end) - start])
  }
  return { text: text.slice(start, end), ranges: shifted, truncatedStart: start > 0, truncatedEnd: end < text.length }
}

// ---------------------------------------------------------------------------------------------
// A query highlighted over any text, without an index: what every backend uses for `highlight`, and what
// a backend that cannot report matched terms per hit (OpenSearch) uses for its snippets.

/** A query's words as the text-side test sees them: exact index terms, prefixes, and terms with typo tolerance. */
export interface QueryTerms {
  exact: ReadonlySet<string>
  /** Index-term prefixes: a text term starting with one matches (`remit*`, the word being typed). */
  prefixes: readonly string[]
  /** Terms matched within an edit distance (typo tolerance), each with its distance. */
  fuzzy: readonly { term: string; distance: number }[]
  /** Phrases as word keys (see `phraseKey`). */
  phrases: readonly (readonly string[])[]
}

/** Whether `a` and `b` are within `max` edits (Levenshtein), in O(max × length). */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  if (a === b) return true
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      current.push(value)
      if (value < best) best = value
    }
    if (best > max) return false
    previous = current
  }
  return previous[b.length] <= max
}

/** The index terms of a text that the query's words match (exactly, by prefix, or within their typo distance). */
function matchingTerms(tokens: readonly Token[], query: QueryTerms): Set<string> {
  const matched = new Set<string>()
  for (const token of tokens) {
    const term = cachedIndexTerm(token.text)
    if (term === null || matched.has(term)) continue
    if (
      query.exact.has(term) ||
      query.prefixes.some((prefix) => term.startsWith(prefix)) ||
      query.fuzzy.some(({ term: wanted, distance }) => withinEditDistance(term, wanted, distance))
    ) {
      matched.add(term)
    }
  }
  return matched
}

/** Ranges of a query's matches in a text, and the words they cover. */
export function highlightQueryTerms(text: string, query: QueryTerms): Highlight {
  const terms = matchingTerms(tokenize(text), query)
  return highlight(text, { terms, phrases: query.phrases })
}
