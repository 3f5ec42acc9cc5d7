// What a line of scraped text looks like: sentence, heading, name, list item, script. Every cleaning rule
// asks these questions, so they are answered once, here.

/** Counts words: whitespace-separated tokens holding at least one letter or digit. */
export function countWords(text: string): number {
  let count = 0
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++
  return count
}

/** Collapses runs of whitespace (newlines included) to one space and trims. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// Closing quotes and brackets may follow the full stop: `…Russia.”` still ends a sentence.
const TERMINAL = /[.!?…](?:["'”’»)\]]|\*)*$/u
/** Whether the text ends like a finished sentence (full stop, ?, !, …, optionally inside quotes). */
export function endsSentence(text: string): boolean {
  return TERMINAL.test(text.trimEnd())
}

/** Whether the text ends with a colon: a lead-in to what follows. */
export function endsWithColon(text: string): boolean {
  return /:\s*$/.test(text)
}

/** Whether the first letter-ish character is a lowercase letter (a sentence carrying on). */
export function startsLowercase(text: string): boolean {
  const first = text.trimStart().replace(/^["'“‘«(\[—–-]+\s*/u, '')
  return /^\p{Ll}/u.test(first)
}

/** Whether the text starts with a capital letter, a digit or an opening quote. */
export function startsLikeSentence(text: string): boolean {
  return /^["'“‘«(]?[\p{Lu}\p{N}]/u.test(text.trimStart())
}

// Bullets people and converters use: "- ", "* ", "• ", "– ", and numbers or letters: "1. ", "2) ", "a) ".
const LIST_ITEM = /^\s*(?:[-*•·▪◦‣–]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)/u
/** Whether the line is an item of a bulleted or numbered list. */
export function isListItem(text: string): boolean {
  return LIST_ITEM.test(text)
}

/** The list item's text without its bullet or number. */
export function stripListMarker(text: string): string {
  return text.replace(LIST_ITEM, '').trim()
}

// Small words that start no name: "By The Book" is a heading, "By John Smith" a byline.
const NOT_IN_NAMES = new Set(
  (
    'the a an of and or in on for to with by at from our your my his her their its this that these those ' +
    'why how what who when where which is are was were be not no new all more most some every any about ' +
    'after before over under into out up down amid against between past future next last first second ' +
    'part chapter section update updated editor staff news ' +
    // organisations look like names too: "Morgan Stanley" cannot be told apart, "ANZ Securities Ltd" can
    'ltd inc corp co llc plc ag sa nv gmbh group bank securities holdings partners capital international ' +
    'systems services publications company corporation association institute university ministry agency ' +
    'times post press media center centre council committee'
  ).split(' '),
)
// Particles that may sit lowercase inside a name: "Ursula von der Leyen", "Osama bin Laden".
const NAME_PARTICLES = new Set('van von der den de da del della di du dos la le bin ibn al el ul ter'.split(' '))

/**
 * Whether the text is a person's name and nothing else: two to five capitalised words (initials and
 * hyphenated or apostrophised parts allowed), optionally followed by a parenthesised alias.
 */
export function isPersonName(text: string): boolean {
  const withoutAlias = text.trim().replace(/\s*\([^()]{1,40}\)$/u, '')
  const tokens = withoutAlias.split(/\s+/)
  if (tokens.length < 2 || tokens.length > 5) return false
  let capitalised = 0
  for (const token of tokens) {
    if (NAME_PARTICLES.has(token)) continue
    if (NOT_IN_NAMES.has(token.toLowerCase())) return false
    // "J.", "J.R.", "Jean-Luc", "O'Brien", "Al-Farabi", "MAKHMUTOVA" (some sites capitalise bylines)
    if (!/^(?:\p{Lu}\.){1,3}$|^\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*\.?$/u.test(token)) return false
    capitalised++
  }
  return capitalised >= 2
}

/** Splits "A, B and C" / "A & B" into names; undefined unless every part is a person's name. */
export function splitPersonNames(text: string): string[] | undefined {
  const parts = text
    .split(/\s*(?:,|;|\band\b|&)\s*/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
  if (parts.length === 0 || !parts.every(isPersonName)) return undefined
  return parts
}

// Headings rarely end in a reporting verb; a short line that does is a quote's attribution.
const DANGLING_END = /\b(?:the|a|an|of|and|or|but|to|with|in|on|for|from|by|at|as|that|which|whose|than|its|their|his|her|our)$/iu
const countOf = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0
const ATTRIBUTION_END = /\b(?:said|says|told|added|noted|stated|explained|asked|wrote|writes|argued|argues)$/iu

/**
 * Whether the line could be a section heading: short, starts with a capital, and does not end like a
 * sentence or clause (a heading may end with "?" or "!", never with "." "," ";" ":").
 */
export function isHeadingLike(text: string, maxWords = 14): boolean {
  const line = text.trim()
  const words = countWords(line)
  if (words === 0 || words > maxWords || line.length > 110) return false
  if (isListItem(line)) return false
  if (!/^["'“‘«]?[\p{Lu}\p{N}]/u.test(line)) return false
  if (/[.,;:…—–-](?:["'”’»)])?$/u.test(line)) return false
  if (ATTRIBUTION_END.test(line)) return false
  // A heading does not stop on a function word or leave a quotation open: such a line is a fragment
  // of a sentence that a line break cut ("…closer contacts with the" / "“We welcome … the Eurasian").
  if (DANGLING_END.test(line)) return false
  if (countOf(line, /[“«]/gu) > countOf(line, /[”»]/gu)) return false
  // A heading is words, not figures: "Net 807,000 vs 2,858,000" is a table row.
  if (!/\p{L}{2}/u.test(line)) return false
  const numbers = line.split(/\s+/u).filter((token) => /\d/u.test(token)).length
  if (numbers > 1 && numbers * 3 >= words) return false
  return true
}

/** A row of a table or of an unbulleted list: a few words that do not make a sentence. */
export function isShortLine(text: string): boolean {
  return countWords(text) <= 14 && !endsSentence(text) && !/[:;,]$/u.test(text.trim()) && !isListItem(text)
}

export type Script = 'latin' | 'cyrillic' | 'other' | 'none'

/** The writing system most of the text's letters belong to. */
export function dominantScript(text: string): Script {
  let latin = 0
  let cyrillic = 0
  let other = 0
  for (const char of text) {
    if (/\p{Script=Latin}/u.test(char)) latin++
    else if (/\p{Script=Cyrillic}/u.test(char)) cyrillic++
    else if (/\p{L}/u.test(char)) other++
  }
  const most = Math.max(latin, cyrillic, other)
  if (most === 0) return 'none'
  return most === latin ? 'latin' : most === cyrillic ? 'cyrillic' : 'other'
}

/** Lowercased letters and digits only: two texts with this key say the same thing. */
export function comparisonKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
