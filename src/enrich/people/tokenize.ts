// Splits a passage into word and punctuation tokens with the facts name finding needs: capitalisation,
// initials, possessive endings and sentence starts.
import { ABBREVIATIONS } from './cues.ts'
import { foldName } from './fold.ts'
import { nameLexicon } from './lexicon.ts'

export interface Token {
  /** The token as written, possessive ending removed ("Rahmon’s" -> "Rahmon"). */
  text: string
  /** Folded form for lookups. */
  folded: string
  isWord: boolean
  /** Starts with a capital letter ("Putin", "al-Assad" counts through its capital after the hyphen). */
  isCapitalised: boolean
  /** Every letter a capital and more than one letter ("NATO", "SOCCER"). */
  isAllCaps: boolean
  /** A single capital with a full stop ("M.") or a run of them ("F.W."). */
  isInitial: boolean
  /** The word carried a possessive ending ("’s" or "'s"). */
  possessive: boolean
  /** The name part of an adjective compound ("Icahn" of "Icahn-led"): it ends a run of name words. */
  adjectiveStem?: boolean
  /** First word of a sentence, where capitalisation says nothing. */
  sentenceStart: boolean
}

// Initials ("F.W."), words with inner apostrophes or hyphens ("O'Neill", "Inzamam-ul-Haq"), numbers and ordinals
// ("24th"), or one other character.
const TOKEN_PATTERN = /(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*(?:-\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*)*\.?|\d[\d.,:/-]*(?:st|nd|rd|th)?|\S/gu
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '•', '|', '–', '—'])
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«', '*', '-'])
const POSSESSIVE = /['’]s$/i

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let atSentenceStart = true
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    let raw = match[0]
    const isWordLike = /^\p{L}/u.test(raw)
    if (isWordLike) {
      let trailingStop = false
      if (raw.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(raw) && !ABBREVIATIONS.has(raw.slice(0, -1).toLowerCase())) {
        raw = raw.slice(0, -1)
        trailingStop = true
      }
      let possessive = false
      if (POSSESSIVE.test(raw) && raw.length > 3) {
        raw = raw.slice(0, -2)
        possessive = true
      }
      // "Moscow-based", "Icahn-led": a capitalised compound ending in an ordinary lower-case word is an adjective
      // built on a name; the name part is kept as a word that ends any run ("Carl C. Icahn-led TWA").
      const adjective = raw.includes('-') ? /^(\p{Lu}[\p{L}\p{M}'’-]*?)-(\p{Ll}{3,})$/u.exec(raw) : null
      // Only when the tail is an ordinary word or a participle: "Silpa-archa" is a surname.
      const adjectiveStem = adjective !== null && (adjective[2].endsWith('ed') || nameLexicon.commonWords.has(adjective[2]))
      if (adjectiveStem) raw = adjective[1]
      const firstCapital = /^\p{Lu}/u.test(raw) || /^(?:al|el|ul|bin|ibn|ben|abu|de|van|von|di|da|du|le|la)-\p{Lu}/u.test(raw)
      const letters = raw.replace(/[^\p{L}]/gu, '')
      tokens.push({
        text: raw,
        folded: foldName(raw),
        isWord: true,
        isCapitalised: firstCapital,
        isAllCaps: letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
        isInitial: /^(?:\p{Lu}\.)+$/u.test(raw),
        possessive,
        adjectiveStem,
        sentenceStart: atSentenceStart,
      })
      atSentenceStart = false
      if (trailingStop) {
        tokens.push(punctuation('.', false))
        atSentenceStart = true
      }
      continue
    }
    tokens.push(punctuation(raw, atSentenceStart))
    if (SENTENCE_END.has(raw)) atSentenceStart = true
    else if (!OPENERS.has(raw)) atSentenceStart = false
  }
  return tokens
}

function punctuation(text: string, sentenceStart: boolean): Token {
  return { text, folded: text, isWord: false, isCapitalised: false, isAllCaps: false, isInitial: false, possessive: false, sentenceStart }
}
