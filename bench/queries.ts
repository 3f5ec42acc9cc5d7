// The fixed query mix: words drawn from the corpus itself with a seeded generator, so every run and every
// system sees the same queries. Multi-word queries and filters come from one seed passage, so they match.
import type { Passage } from '../src/model.ts'

export type QueryKind = 'words' | 'phrase' | 'prefix'

/** One query of the mix, independent of any system's syntax. */
export interface BenchQuery {
  kind: QueryKind
  /** Lowercase words; for `prefix` the last one is the typed prefix; for `phrase` consecutive words. */
  words: string[]
  /** Two active facets, values taken from a passage that matches the words. */
  filters?: { source: string; topic: string }
}

export interface QueryMixOptions {
  /** How many queries. Default 300. */
  count?: number
  /** Seed of the generator. Default 20250101. */
  seed?: number
}

/** Mulberry32: a small, fast, seedable generator; the same seed gives the same mix on any machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Words no system is expected to index (the engine's stop list and a few more): never picked as query words. */
const SKIPPED = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
  'has', 'have', 'had', 'from', 'its', 'were', 'which', 'been', 'would', 'also', 'who', 'than', 'we', 'he', 'she',
])

/** Plain lowercase words of 3+ letters: a form every system tokenizes the same way. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 3 && !SKIPPED.has(w))
}

/** Words in corpus order (consecutive pairs are phrases), letters only, stop words kept out. */
function wordSequence(text: string): string[] {
  return text.toLowerCase().split(/[^a-z]+/).filter(Boolean)
}

/** The most frequent content words by passage count: the "common words" of the mix. */
export function commonWords(passages: readonly Passage[], limit: number, sample = 20_000): string[] {
  const counts = new Map<string, number>()
  const step = Math.max(1, Math.floor(passages.length / sample))
  for (let i = 0; i < passages.length; i += step) {
    for (const word of new Set(contentWords(passages[i].text))) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([w]) => w)
}

/**
 * The mix: of every 12 queries, 3 one-word (one of them a common word), 3 two-word (one with a common
 * word), 2 three-word, 2 phrases of two consecutive words and 2 prefixes (the last word cut to 4-5
 * letters); every third query also filters by the seed passage's source and first topic.
 */
export function makeQueryMix(passages: readonly Passage[], options: QueryMixOptions = {}): BenchQuery[] {
  const count = options.count ?? 300
  const random = seededRandom(options.seed ?? 20250101)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const common = commonWords(passages, 50)
  const plan: { kind: QueryKind; words: number; common?: boolean }[] = [
    { kind: 'words', words: 1 },
    { kind: 'words', words: 1 },
    { kind: 'words', words: 1, common: true },
    { kind: 'words', words: 2 },
    { kind: 'words', words: 2 },
    { kind: 'words', words: 2, common: true },
    { kind: 'words', words: 3 },
    { kind: 'words', words: 3 },
    { kind: 'phrase', words: 2 },
    { kind: 'phrase', words: 2 },
    { kind: 'prefix', words: 1 },
    { kind: 'prefix', words: 2 },
  ]
  const queries: BenchQuery[] = []
  let attempts = 0
  while (queries.length < count && attempts++ < count * 100) {
    const shape = plan[queries.length % plan.length]
    const filtered = queries.length % 3 === 2
    const passage = pick(passages)
    if (filtered && passage.topics.length === 0) continue
    const words = pickWords(passage, shape.kind, shape.words, shape.common ? common : undefined, pick)
    if (!words) continue
    const query: BenchQuery = { kind: shape.kind, words }
    if (filtered) query.filters = { source: passage.source, topic: passage.topics[0] }
    queries.push(query)
  }
  return queries
}

function pickWords(
  passage: Passage,
  kind: QueryKind,
  howMany: number,
  common: string[] | undefined,
  pick: <T>(items: readonly T[]) => T,
): string[] | undefined {
  if (kind === 'phrase') {
    const sequence = wordSequence(passage.text)
    const pairs: string[][] = []
    for (let i = 0; i + 1 < sequence.length; i++) {
      const [a, b] = [sequence[i], sequence[i + 1]]
      if (a.length >= 3 && b.length >= 3 && !SKIPPED.has(a) && !SKIPPED.has(b) && a !== b) pairs.push([a, b])
    }
    return pairs.length > 0 ? pick(pairs) : undefined
  }
  const available = [...new Set(contentWords(passage.text))]
  const inPassage = common ? available.filter((w) => common.includes(w)) : available
  if (available.length < howMany || inPassage.length === 0) return undefined
  const words = [pick(inPassage)]
  while (words.length < howMany) {
    const word = pick(available)
    if (!words.includes(word)) words.push(word)
  }
  if (kind === 'prefix') {
    const last = words[words.length - 1]
    if (last.length < 6) return undefined
    words[words.length - 1] = last.slice(0, last.length >= 8 ? 5 : 4)
  }
  return words
}

/** The query as a person types it into Clippings: `"a b"` for a phrase, `word*` for a prefix. */
export function clippingsQueryString(query: BenchQuery): string {
  if (query.kind === 'phrase') return `"${query.words.join(' ')}"`
  if (query.kind === 'prefix') return [...query.words.slice(0, -1), `${query.words.at(-1)}*`].join(' ')
  return query.words.join(' ')
}

/** A short label of the query for tables and logs. */
export function describeQuery(query: BenchQuery): string {
  const filters = query.filters ? ` [source=${query.filters.source}, topic=${query.filters.topic}]` : ''
  return `${clippingsQueryString(query)}${filters}`
}

// ---------------------------------------------------------------------------------------------
// The worst queries: built from the corpus's own commonest word pairs, initials and longest words, so
// they stay the most expensive things one can type whatever the corpus.

/** One expensive query, with a name for tables. */
export interface AttackQuery {
  name: string
  query: string
}

export interface AttackOptions {
  /** Longest query made, in characters. Default 980: the server's limit of 1,000 less room for a nonce. */
  maxLength?: number
  /** Passages looked at for word statistics. Default 20,000. */
  sample?: number
}

/** The most frequent consecutive word pairs (stop words included: they are what makes phrases costly). */
export function commonPairs(passages: readonly Passage[], limit: number, sample = 20_000): string[][] {
  const counts = new Map<string, number>()
  const step = Math.max(1, Math.floor(passages.length / sample))
  for (let i = 0; i < passages.length; i += step) {
    const words = wordSequence(passages[i].text)
    for (let w = 0; w + 1 < words.length; w++) {
      if (words[w] === words[w + 1]) continue
      const pair = `${words[w]} ${words[w + 1]}`
      counts.set(pair, (counts.get(pair) ?? 0) + 1)
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([pair]) => pair.split(' '))
}

/** Words by passage frequency, stop words included. */
function wordsByFrequency(passages: readonly Passage[], sample: number): string[] {
  const counts = new Map<string, number>()
  const step = Math.max(1, Math.floor(passages.length / sample))
  for (let i = 0; i < passages.length; i += step) {
    for (const word of new Set(wordSequence(passages[i].text))) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word)
}

/** Prefixes of `length` letters ordered by how many distinct words of the corpus they expand to. */
function productivePrefixes(words: readonly string[], length: number): string[] {
  const counts = new Map<string, number>()
  for (const word of words) if (word.length > length) counts.set(word.slice(0, length), (counts.get(word.slice(0, length)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([prefix]) => prefix)
}

/** A typo in the middle of a word: the letter there replaced by the next one of the alphabet. */
export function misspell(word: string): string {
  const at = Math.floor(word.length / 2)
  const next = word[at] === 'z' ? 'a' : String.fromCharCode(word.charCodeAt(at) + 1)
  return word.slice(0, at) + next + word.slice(at + 1)
}

/** `items` joined by `separator`, as many as fit in `maxLength` characters (at least one). */
function joinWithin(items: readonly string[], separator: string, maxLength: number): string {
  let text = ''
  for (const item of items) {
    const next = text ? `${text}${separator}${item}` : item
    if (next.length > maxLength && text) break
    text = next
  }
  return text
}

/**
 * The most expensive queries one can type, from the corpus's statistics: a phrase of a common pair with a
 * one-letter prefix, OR'ed (two such groups, then as many as fit), the commonest words alone, long OR chains
 * of common words and of common phrases, every one- and two-letter prefix, and misspelt long words (typo
 * tolerance expands each).
 */
export function makeAttackQueries(passages: readonly Passage[], options: AttackOptions = {}): AttackQuery[] {
  const maxLength = options.maxLength ?? 980
  const words = wordsByFrequency(passages, options.sample ?? 20_000)
  const pairs = commonPairs(passages, 200, options.sample ?? 20_000)
  const initials = productivePrefixes(words, 1)
  const twoLetters = productivePrefixes(words, 2)
  const group = (i: number, prefixes: string[]) => `("${pairs[i % pairs.length].join(' ')}" ${prefixes[i % Math.min(prefixes.length, 6)]}*)`
  const groups = pairs.map((_, i) => group(i, initials))
  const twoLetterGroups = pairs.map((_, i) => group(i, twoLetters))
  const longWords = words.filter((word) => word.length >= 10).slice(0, 200).map(misspell)
  const commonest = words[0]
  const oneLetter = words.find((word) => word.length === 1)
  const queries: AttackQuery[] = [
    { name: 'phrase+prefix ×2', query: joinWithin(groups.slice(0, 2), ' OR ', maxLength) },
    { name: 'phrase+prefix, max groups', query: joinWithin(groups, ' OR ', maxLength) },
    { name: 'phrase+2-letter prefix, max groups', query: joinWithin(twoLetterGroups, ' OR ', maxLength) },
    { name: 'commonest word', query: commonest },
    ...(oneLetter && oneLetter !== commonest ? [{ name: 'commonest one-letter word', query: oneLetter }] : []),
    { name: 'OR of common words', query: joinWithin(words, ' OR ', maxLength) },
    { name: 'OR of common phrases', query: joinWithin(pairs.map((pair) => `"${pair.join(' ')}"`), ' OR ', maxLength) },
    { name: 'AND of common phrases', query: joinWithin(pairs.map((pair) => `"${pair.join(' ')}"`), ' ', maxLength) },
    { name: 'OR of prefixes', query: joinWithin([...initials, ...twoLetters].map((prefix) => `${prefix}*`), ' OR ', maxLength) },
    { name: 'AND of prefixes', query: joinWithin(twoLetters.map((prefix) => `${prefix}*`), ' ', maxLength) },
    { name: 'OR of misspelt long words', query: joinWithin(longWords, ' OR ', maxLength) },
  ]
  return queries.filter((attack) => attack.query.length > 0)
}

/** Lowercase letters for a number: `0` → `a`, `26` → `ba`. */
function letters(n: number): string {
  let text = ''
  do {
    text = String.fromCharCode(97 + (n % 26)) + text
    n = Math.floor(n / 26)
  } while (n > 0)
  return text
}

/**
 * The query made unique by excluding a word no passage holds, so no result cache can answer it: an attacker
 * gets past a cache this way for free.
 */
export function withNonce(query: string, n: number): string {
  return `${query} -qzx${letters(n)}`
}

/**
 * `count` different queries of the mix's shapes (words of a random passage, phrases, prefixes, a third with two
 * facets), none repeated, for load that a result cache cannot answer.
 */
export function makeDistinctQueries(passages: readonly Passage[], count: number, seed = 7): BenchQuery[] {
  const seen = new Set<string>()
  const distinct: BenchQuery[] = []
  for (let round = 0; distinct.length < count && round < 20; round++) {
    for (const query of makeQueryMix(passages, { count: count - distinct.length, seed: seed + round })) {
      const key = describeQuery(query)
      if (seen.has(key)) continue
      seen.add(key)
      distinct.push(query)
    }
  }
  return distinct
}
