// Resolves the mentions of one article to its full names: "Rahmon" and "Emomali Rahmon" are one person when
// the article names him in full, "Te Kaurinui" and "Te Kaurinui Robert" are "Te Kaurinui Robert Parata" when
// that is the only longer name they begin. A surname is matched as the same word (up to romanisation), never by
// a one-letter slip, since "Regan" and "Reagan" can be two people of one story.
import { SURNAME_ENDINGS } from './cues.ts'
import type { Mention } from './mentions.ts'
import { sameSurname } from './name-words.ts'
import type { Token } from './tokenize.ts'
import { isCommon, isGiven, isPlaceLike, isSurname } from './word-classes.ts'

export interface Resolver {
  /** The canonical form of an accepted full-name mention (its longest variant in the article). */
  fullName(mention: Mention): string
  /** The full name a single word refers to, nearest before the mention, else the first after it. */
  byWord(word: string, mention: Mention): string | undefined
}

export function displayName(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ')
}

interface ArticleName {
  keys: string[]
  display: string
  order: number[]
}

export function buildResolver(fullNames: Mention[]): Resolver {
  // Distinct full names in order of first appearance, keyed by their folded words.
  const names: ArticleName[] = []
  const byKey = new Map<string, number>()
  fullNames.forEach((mention, index) => {
    const key = mention.tokens.map((t) => t.folded).join(' ')
    let at = byKey.get(key)
    if (at === undefined) {
      at = names.length
      byKey.set(key, at)
      names.push({ keys: mention.keys, display: displayName(mention.tokens), order: [] })
    }
    names[at].order.push(mentionOrder(mention, index))
  })
  const longer = names.map((name) => longestVariant(name, names).display)

  function pick(candidates: number[], mention: Mention): string | undefined {
    if (candidates.length === 0) return undefined
    const here = mention.passage
    let bestBefore: { at: number; order: number } | undefined
    let firstAfter: { at: number; order: number } | undefined
    for (const at of candidates) {
      for (const order of names[at].order) {
        const passage = Math.floor(order / 1e6) - 1
        if (passage <= here) { if (!bestBefore || order > bestBefore.order) bestBefore = { at, order } }
        else if (!firstAfter || order < firstAfter.order) firstAfter = { at, order }
      }
    }
    const chosen = bestBefore ?? firstAfter
    return chosen ? longer[chosen.at] : undefined
  }

  return {
    fullName(mention) {
      return longer[byKey.get(mention.tokens.map((t) => t.folded).join(' '))!]
    },
    byWord(word, mention) {
      const bySurname = names.flatMap((n, at) => (n.keys.length > 0 && n.keys.at(-1) === word ? [at] : []))
      if (bySurname.length > 0) return pick(bySurname, mention)
      const byGiven = names.flatMap((n, at) => (n.keys[0] === word ? [at] : []))
      if (byGiven.length > 0) return pick(byGiven, mention)
      const byAny = names.flatMap((n, at) => (n.keys.includes(word) ? [at] : []))
      if (byAny.length > 0) return pick(byAny, mention)
      // The same surname romanised differently ("Rakhmon" for "Rahmon").
      if (word.length >= 4 && !isCommon(word) && !isPlaceLike(word)) {
        const variants = names.flatMap((n, at) => (n.keys.length >= 2 && sameSurname(n.keys.at(-1)!, word) ? [at] : []))
        if (variants.length > 0) return pick(variants, mention)
      }
      return undefined
    },
  }
}

/**
 * The longest name of the article this one is a shorter form of: the same first and last word with fewer
 * middle words ("Vladimir Putin" in "Vladimir Vladimirovich Putin"), or its opening words ("Te Kaurinui Robert"
 * of "Te Kaurinui Robert Parata"). When two longer names disagree, the name stays as it is.
 */
function longestVariant(name: ArticleName, names: ArticleName[]): ArticleName {
  // "Bra Kanon" of "Denis Bra Kanon": closing words that do not open with a given name are a surname form.
  const surnameForm = name.keys.length >= 2 && !isGiven(name.keys[0])
  const containing = names.filter((other) => other.keys.length > name.keys.length && name.keys.length > 0 && (isPrefix(name.keys, other.keys) || (surnameForm && isSuffix(name.keys, other.keys) && other.keys.slice(0, other.keys.length - name.keys.length).every(isGiven)) || (other.keys[0] === name.keys[0] && other.keys.at(-1) === name.keys.at(-1) && isSubsequence(name.keys, other.keys))))
  if (containing.length === 0) return name
  const longest = containing.reduce((a, b) => (b.keys.length > a.keys.length ? b : a))
  // Every longer candidate must be a form of the longest one, else the short name is ambiguous.
  const agree = containing.every((other) => other === longest || isPrefix(other.keys, longest.keys) || isSuffix(other.keys, longest.keys) || (other.keys[0] === longest.keys[0] && other.keys.at(-1) === longest.keys.at(-1) && isSubsequence(other.keys, longest.keys)))
  return agree ? longest : name
}

/** A short mention is a person when it matches a full name in the article, or when its context says so. */
export function resolveShortMention(mention: Mention, resolver: Resolver): string | undefined {
  if (mention.shouted) {
    // Headlines and datelines in capitals: only words the article already uses for a person.
    for (const key of mention.keys) {
      const found = resolver.byWord(key, mention)
      if (found) return found
    }
    return undefined
  }
  // "the West" is not Thomas West.
  if (mention.determined) return undefined
  const found = resolver.byWord(mention.keys[0], mention)
  if (found) return found
  const word = mention.keys[0]
  if (!mention.strongCue || !mention.clean || mention.score < 0 || isPlaceLike(word) || isCommon(word)) return undefined
  // A lone word after a title is a person ("President Putin", "Mr Smith"); before "said" it must also look like a
  // name, since outlets and companies say things too ("Eurasianet said").
  if (mention.titled || isGiven(word) || isSurname(word) || SURNAME_ENDINGS.test(word)) return displayName(mention.tokens)
  return undefined
}

/** Orders mentions by passage (title first) then by position; passage -1 (title) sorts before passage 0. */
function mentionOrder(mention: Mention, index: number): number {
  return (mention.passage + 1) * 1e6 + index
}

function isPrefix(short: string[], long: string[]): boolean {
  return short.length <= long.length && short.every((word, at) => long[at] === word)
}

function isSuffix(short: string[], long: string[]): boolean {
  return short.length <= long.length && short.every((word, at) => long[long.length - short.length + at] === word)
}

function isSubsequence(short: string[], long: string[]): boolean {
  let j = 0
  for (const word of long) if (j < short.length && short[j] === word) j++
  return j === short.length
}
