// How two spellings of a name compare word by word: the surname must be the same word (up to romanisation),
// a given name may be a one-letter slip or an initial of the other. Shared by the article resolver and the
// corpus merge, so both hold the same line: different surnames are different people.
import { NAME_PARTICLES, NAME_SUFFIXES } from './cues.ts'
import { withinOneEdit } from './edit-distance.ts'
import { foldName } from './fold.ts'

/** Folded words of a name without particles and generational suffixes: "Martin Luther King Jr." -> martin luther king. */
export function nameWords(name: string): string[] {
  const words = foldName(name)
    .split(/\s+/)
    .filter((w) => w.length > 0 && !NAME_PARTICLES.has(w))
  while (words.length > 1 && NAME_SUFFIXES.has(words.at(-1)!)) words.pop()
  return words
}

/** "C." or "F.W.": a word that only gives initials. */
export function isInitialWord(word: string): boolean {
  return /^(?:\p{L}\.)+$/u.test(word) || /^\p{L}$/u.test(word)
}

/** Collapses common romanisation differences (kh/h, y/i, doubled letters) so "Rakhmon" keys like "Rahmon". */
export function transliterationKey(word: string): string {
  let key = transliterationKeys.get(word)
  if (key === undefined) {
    key = transliterate(word)
    // Names repeat endlessly across a corpus: remembered, bounded for long-running servers.
    if (transliterationKeys.size >= 100_000) transliterationKeys.clear()
    transliterationKeys.set(word, key)
  }
  return key
}

const transliterationKeys = new Map<string, string>()

function transliterate(word: string): string {
  return word
    .replace(/['’\-.]/g, '')
    .replace(/kh/g, 'h')
    .replace(/dzh|dj/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
}

/** Two folded surnames are one when they are the same word or the same word romanised differently; never by a slip. */
export function sameSurname(a: string, b: string): boolean {
  return a === b || surnameKey(a) === surnameKey(b)
}

/** What two surnames share exactly when `sameSurname` says they are one: an index key for finding them. */
export function surnameKey(word: string): string {
  return isInitialWord(word) ? `initial:${word}` : transliterationKey(word)
}

export type WordMatch = 'none' | 'initial' | 'near' | 'exact'

/** How two folded given names (or middle names) agree: the same, a one-letter slip, or one is the other's initial. */
export function givenNamesMatch(a: string, b: string): WordMatch {
  if (a === b) return 'exact'
  const ia = isInitialWord(a)
  const ib = isInitialWord(b)
  if (ia && ib) return 'none'
  if (ia || ib) return a[0] === b[0] ? 'initial' : 'none'
  if (transliterationKey(a) === transliterationKey(b)) return 'exact'
  if (Math.min(a.length, b.length) >= 5 && withinOneEdit(a, b)) return 'near'
  return 'none'
}
