// Folding repeated passages in results: a newswire files the same story many times (updates, corrections,
// regional editions), and ten copies of one paragraph crowd out everything else. Among the top results, a
// passage identical to a better-ranked one once case, accents and punctuation are set aside, or sharing most
// of its word sequences with it, is folded into it. Only the results up to the page shown are compared, so
// the cost is bounded by the page, not by the number of matches; totals still count every passage.
import { foldTerm, tokenize } from '../text/analyze.ts'

/** Word sequences compared: near-duplicates share most runs of this many words. */
const SHINGLE_WORDS = 3
/**
 * Share of word sequences (Jaccard) from which two passages are the same story: one word changed in a
 * twenty-word paragraph leaves about 0.7, two different paragraphs on one subject rarely share a tenth.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.6
/** Texts shorter than this many word sequences fold only when they are the same words. */
const MIN_SHINGLES = 8

interface Fingerprint {
  /** The words, folded: equal for texts that differ only in case, accents, spacing and punctuation. */
  exact: string
  /** Hashes of the word sequences. */
  shingles: Set<number>
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

export function fingerprint(text: string): Fingerprint {
  const words = tokenize(text).map((token) => foldTerm(token.text))
  const shingles = new Set<number>()
  if (words.length < SHINGLE_WORDS) shingles.add(hash(words.join(' ')))
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(hash(words.slice(i, i + SHINGLE_WORDS).join(' ')))
  return { exact: words.join(' '), shingles }
}

export function similarity(a: Fingerprint, b: Fingerprint): number {
  if (a.exact === b.exact) return 1
  if (a.shingles.size < MIN_SHINGLES || b.shingles.size < MIN_SHINGLES) return 0
  const [small, large] = a.shingles.size <= b.shingles.size ? [a.shingles, b.shingles] : [b.shingles, a.shingles]
  // Sizes too far apart cannot reach the threshold: skip the count.
  if (small.size < large.size * NEAR_DUPLICATE_SIMILARITY) return 0
  let shared = 0
  for (const shingle of small) if (large.has(shingle)) shared++
  return shared / (small.size + large.size - shared)
}

export interface Folded<T> {
  item: T
  duplicates: T[]
}

/**
 * Folds items (best first) into the first item each repeats; stops once `keep` items stand (the rest are not
 * looked at). Items of the same article are never folded together: an article repeating itself is the
 * article's business.
 */
export function foldDuplicates<T>(items: readonly T[], textOf: (item: T) => string, articleOf: (item: T) => string, keep = Number.POSITIVE_INFINITY): Folded<T>[] {
  const kept: (Folded<T> & { print: Fingerprint; article: string })[] = []
  const byExact = new Map<string, number>()
  for (const item of items) {
    const print = fingerprint(textOf(item))
    const article = articleOf(item)
    let into = byExact.get(print.exact)
    if (into !== undefined && kept[into].article === article) into = undefined
    if (into === undefined) {
      into = kept.findIndex((candidate) => candidate.article !== article && similarity(candidate.print, print) >= NEAR_DUPLICATE_SIMILARITY)
      if (into === -1) into = undefined
    }
    if (into !== undefined) {
      kept[into].duplicates.push(item)
      continue
    }
    if (kept.length >= keep) break
    byExact.set(print.exact, kept.length)
    kept.push({ item, duplicates: [], print, article })
  }
  return kept.map(({ item, duplicates }) => ({ item, duplicates }))
}
