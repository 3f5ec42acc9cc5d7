// The text analyzer shared by indexing, querying and highlighting: words with offsets, folding, stemming.
// One analyzer on both sides keeps "Türkiye" and "Turkiye", "Rahmon’s" and "Rahmons", "migrant" and
// "migrants" comparable, and gives the engine offsets for highlight ranges without a second tokenizer.
import { stemmer } from 'stemmer'
import { isStopWord } from './stop-words.ts'

/** A word of the input: its surface form and `[start, end)` offsets into the text it came from. */
export interface Token {
  text: string
  start: number
  end: number
}

/**
 * One word. Alternatives, in order:
 * 1. Dotted abbreviations of single letters, "U.S.", "e.g.", "a.m.", kept with their final dot so a
 *    highlight covers the whole abbreviation; folding drops the dots ("U.S." → "us").
 * 2. A run of letters, digits and combining marks, joined by
 *    - an apostrophe followed by a letter: "Rahmon’s", "O'Brien", "don't" stay one word;
 *    - a point or comma between digits: "2.5", "1,000", "3.14" stay one number.
 * Everything else separates words: spaces, punctuation, hyphens and dashes ("Russia–Ukraine" and
 * "pro-Russian" are two words each, so "Russian" finds "pro-Russian"), "$" and "%" ("$893" → "893").
 */
const WORD_PATTERN =
  /(?<![\p{L}\p{N}\p{M}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}\p{M}])|[\p{L}\p{N}\p{M}]+(?:(?:['’ʼ‛＇](?=\p{L})|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu

/** Word tokens of `text`, with offsets for highlighting. Never throws; empty for text without words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index
    tokens.push({ text: match[0], start, end: start + match[0].length })
  }
  return tokens
}

/** MiniSearch's `tokenize` option: the surface words, which `processTerm` (`indexTerm`) then analyses. */
export function tokenizeForIndex(text: string): string[] {
  return text.match(WORD_PATTERN) ?? []
}

/** Letters that Unicode decomposition leaves alone but readers treat as plain Latin letters. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}
const LETTER_FOLD_PATTERN = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu')

const APOSTROPHES = /['’ʼ‛＇]/gu
const DOTTED_ABBREVIATION = /^\p{L}(?:\.\p{L})+\.?$/u

/** Most words are plain ASCII letters and digits, for which folding is just lowercasing. */
const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/

/**
 * Folding without stemming: lowercase, accents stripped ("Türkiye" → "turkiye", "ё" → "е", but the
 * Cyrillic "й" kept, as it is a letter of its own), possessives dropped ("Rahmon’s", "Rahmon's",
 * "Rahmons’" → "rahmon", "rahmon", "rahmons"), other apostrophes removed ("O’Brien" → "obrien"),
 * abbreviation dots removed ("U.S." → "us") and digit-group commas removed ("1,000" → "1000").
 */
export function foldTerm(word: string): string {
  if (PLAIN_ASCII_WORD.test(word)) return word.toLowerCase()
  let folded = word
    .toLowerCase()
    .normalize('NFKD')
    // Keep "й" (и + breve) whole before the accents go.
    .replace(/и\u0306/gu, 'й')
    .replace(/\p{M}/gu, '')
    .replace(LETTER_FOLD_PATTERN, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(APOSTROPHES, "'")
  if (DOTTED_ABBREVIATION.test(folded)) return folded.replaceAll('.', '')
  folded = folded.replace(/'s$/u, '').replace(/^'+|'+$/gu, '').replaceAll("'", '')
  return folded.replace(/(?<=\p{N}),(?=\p{N})/gu, '')
}

/** A term needs a letter or digit: anything else is punctuation that slipped past the tokenizer. */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u

/** Porter stemming applies to plain English-looking words only; numbers, Cyrillic and mixed words stay. */
const STEMMABLE = /^[a-z]+$/

/**
 * Stems of folded words already seen. Indexing and highlighting stem the same few tens of thousands of
 * words over and over, and Porter stemming is the analyzer's slowest step; cleared when it grows large.
 */
const stemCache = new Map<string, string>()
const STEM_CACHE_LIMIT = 200_000

function stemFolded(folded: string): string {
  let stem = stemCache.get(folded)
  if (stem === undefined) {
    stem = STEMMABLE.test(folded) ? stemmer(folded) : folded
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear()
    stemCache.set(folded, stem)
  }
  return stem
}

/**
 * Folding plus stemming, with no stop-word test: the form phrase checks and highlighting compare, so a
 * phrase with stop words ("state of emergency") can still be verified word by word against passage text.
 */
export function stemTerm(word: string): string {
  return stemFolded(foldTerm(word))
}

/**
 * The term indexed and searched for a word (MiniSearch's `processTerm`): `stemTerm`, or null for a stop
 * word, which is then neither indexed nor searched. Stop words still count inside phrases (checked on the
 * passage text with `stemTerm`), and an all-capitals or dotted abbreviation ("US", "U.S.", "IT", "WHO")
 * is never a stop word. See `stop-words.ts` for what the engine does with a query of stop words only.
 */
export function indexTerm(word: string): string | null {
  const folded = foldTerm(word)
  if (!HAS_WORD_CHARACTER.test(folded)) return null
  if (isStopWord(folded) && !isAbbreviation(word)) return null
  return stemFolded(folded)
}

/** "US", "IT", "U.S.": written as an abbreviation, so not the stop word spelled the same. */
function isAbbreviation(word: string): boolean {
  if (DOTTED_ABBREVIATION.test(word)) return true
  return word.length >= 2 && word.length <= 5 && /^\p{Lu}+$/u.test(word)
}

/**
 * Index terms a partly typed word may be the start of, for prefix search (`word*`, search as you type).
 * The index holds stems, and a stem can be shorter than the word typed so far ("migrati" is on its way
 * to "migration", indexed as "migrat"), so besides the stem and the folded word this offers the folded
 * word less its last two letters for words of six letters or more. Empty when the word has no letters.
 */
export function prefixTerms(word: string): string[] {
  const folded = foldTerm(word)
  if (!HAS_WORD_CHARACTER.test(folded)) return []
  const candidates = [stemFolded(folded), folded]
  if (folded.length >= 6 && STEMMABLE.test(folded)) candidates.push(folded.slice(0, -2))
  // A candidate that starts with another adds nothing but a second score for the same words.
  const unique = [...new Set(candidates)]
  return unique.filter((candidate) => !unique.some((other) => other !== candidate && candidate.startsWith(other)))
}
