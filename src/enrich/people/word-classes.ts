// Word classes for telling a person's name from other capitalised words: the shipped lexicon (given names,
// surnames, places, common words) and the hand-written cue lists, asked one word at a time.
import {
  NON_PERSON_HEADS,
  ROLE_WORDS,
  SPEECH_VERBS,
  TITLES,
  DOTTED_NON_NAMES,
  AFFILIATIONS,
  EXTRA_PLACES,
  NATIONALITY_NOUNS,
  CALENDAR_WORDS,
  NUMBER_WORDS,
  FOREIGN_ARTICLES,
} from './cues.ts'
import { nameLexicon as lexicon } from './lexicon.ts'
import type { Token } from './tokenize.ts'

/** A given name in the lexicon. */
export function isGiven(folded: string): boolean {
  // Given-name lists hold number words too ("Nine"), which open amounts and periods ("Nine Mths"), never names.
  return lexicon.givenNames.has(folded) && !NUMBER_WORDS.has(folded)
}
/** A surname in the lexicon. */
export function isSurname(folded: string): boolean {
  return lexicon.surnames.has(folded)
}
/** Last words of multi-word places ("lanka" of "sri lanka"), for telling nationality words. */
const PLACE_WORDS = new Set([...lexicon.places].map((p) => p.slice(p.lastIndexOf(' ') + 1)))

/** A place, nationality, faith or party word ("Europe", "Sri Lankans", "Catholic"), plurals included. */
export function isPlaceLike(folded: string): boolean {
  if (lexicon.places.has(folded) || lexicon.demonyms.has(folded) || DOTTED_NON_NAMES.has(folded) || AFFILIATIONS.has(folded) || EXTRA_PLACES.has(folded) || NATIONALITY_NOUNS.has(folded)) return true
  return looksLikeNationality(folded)
}

/** "Lankan", "Bosnians", "Kenyan": a place name with a nationality ending. */
export function looksLikeNationality(folded: string): boolean {
  const word = folded.endsWith('s') ? folded.slice(0, -1) : folded
  if (word !== folded && lexicon.demonyms.has(word)) return true
  const bases = word.endsWith('ian') ? [word.slice(0, -1), word.slice(0, -2)] : word.endsWith('an') ? [word.slice(0, -1), word.slice(0, -2) + 'a'] : word.endsWith('ese') ? [word.slice(0, -3) + 'a', word.slice(0, -3), word.slice(0, -3) + 'e'] : []
  if (bases.some((base) => base.length > 2 && (PLACE_WORDS.has(base) || EXTRA_PLACES.has(base)))) return true
  // "Yugoslav", "Serb", "Croat": the country's name less its "-ia" or "-a".
  if (word.length > 3 && !isGiven(word) && !isSurname(word) && (PLACE_WORDS.has(word + 'ia') || EXTRA_PLACES.has(word + 'ia'))) return true
  // "Tajik", "Uzbeks", "Afghan": the people of a "-stan".
  return word.length > 3 && (PLACE_WORDS.has(word + 'istan') || PLACE_WORDS.has(word + 'stan'))
}
/** An ordinary English word ("Market", "Cardinals"), plurals of ordinary words and titles included. */
export function isCommon(folded: string): boolean {
  if (lexicon.commonWords.has(folded)) return true
  if (!folded.endsWith("s") || folded.length <= 4) return false
  const stems = [folded.slice(0, -1), folded.endsWith('es') ? folded.slice(0, -2) : '', folded.endsWith('ies') ? folded.slice(0, -3) + 'y' : '']
  return stems.some((stem) => stem.length > 2 && (lexicon.commonWords.has(stem) || TITLES.has(stem) || lexicon.roles.has(stem)))
}
/** A word naming a role or office ("chief-of-staff" counts by its last part). */
export function isRoleWord(folded: string): boolean {
  const last = folded.includes('-') ? folded.slice(folded.lastIndexOf('-') + 1) : folded
  return ROLE_WORDS.has(folded) || TITLES.has(folded) || lexicon.roles.has(folded) || ROLE_WORDS.has(last) || TITLES.has(last) || lexicon.roles.has(last)
}
/** A word that can stand in a person's name: a known name, or a word no list claims for something else. */
export function canBeNamePart(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  const f = token.folded
  if (isCodeLabel(token) || isContraction(token) || NUMBER_WORDS.has(f) || FOREIGN_ARTICLES.has(f)) return false
  if (isGiven(f) || isSurname(f)) return !TITLES.has(f) && !NON_PERSON_HEADS.has(f)
  return !TITLES.has(f) && !NON_PERSON_HEADS.has(f) && !isPlaceLike(f) && !isCommon(f) && !isRoleWord(f) && !isPluralRole(f)
}

/** "Singer-guitarists": a compound ending in a plural role, which describes people without being a name. */
function isPluralRole(folded: string): boolean {
  if (!folded.includes('-') || !folded.endsWith('s')) return false
  return folded.slice(0, -1).split('-').some((part) => isRoleWord(part))
}

/** Looser test used when the context vouches for a person: anything but titles, head words and nationalities. */
export function canBeNamePartLoosely(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  const f = token.folded
  if (isCodeLabel(token) || isContraction(token) || NUMBER_WORDS.has(f) || FOREIGN_ARTICLES.has(f)) return false
  // "Director-General": a hyphenated title is no name even where the context vouches for one.
  return !TITLES.has(f) && !NON_PERSON_HEADS.has(f) && !lexicon.demonyms.has(f) && !AFFILIATIONS.has(f) && !lexicon.roles.has(f) && !SPEECH_VERBS.has(f) && !(f.includes('-') && isRoleWord(f))
}

/** "Cardinals", "Rangers", "Lankans": a plural of an ordinary word or nationality, which no person is called. */
export function isPluralOfWord(folded: string): boolean {
  if (isGiven(folded) || isSurname(folded) || !folded.endsWith('s') || folded.length < 5) return false
  return isCommon(folded) && !lexicon.commonWords.has(folded) || isPlaceLike(folded) && !lexicon.places.has(folded)
}

/** The run ends in a known multi-word place, organisation or nationality ("New Zealand", "Abu Dhabi"). */
export function endsWithKnownName(span: Token[]): boolean {
  for (let from = Math.max(0, span.length - 3); from < span.length; from++) {
    const tail = span.slice(from).map((t) => t.folded).join(' ')
    if (lexicon.places.has(tail) || lexicon.organisations.has(tail) || lexicon.demonyms.has(tail) || lexicon.demonyms.has(tail.replace(/s$/, ''))) {
      if (from < span.length - 1) return true
    }
  }
  return false
}

/** "German", "South African", "fellow-American": a singular nationality word (plurals name groups). */
export function isNationalityAdjective(folded: string): boolean {
  const word = folded.includes('-') ? folded.slice(folded.lastIndexOf('-') + 1) : folded
  return !word.endsWith('s') && (lexicon.demonyms.has(word) || looksLikeNationality(word))
}

/** A nationality, faith or party word, plural or not ("Lankan", "Catholic", "Serbs"). */
export function isNationalityWord(folded: string): boolean {
  return lexicon.demonyms.has(folded) || AFFILIATIONS.has(folded) || NATIONALITY_NOUNS.has(folded) || looksLikeNationality(folded)
}

/** A given name that is nothing else (not a place, title, head word or month), or an initial. */
export function isClearGivenName(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  // Many given names are also words ("Bob", "Mark", "Will"); before another capitalised word they are names.
  return isGiven(token.folded) && !isPlaceLike(token.folded) && !TITLES.has(token.folded) && !NON_PERSON_HEADS.has(token.folded) && !CALENDAR_WORDS.has(token.folded)
}

/** A word that can continue a capitalised run: a capitalised word or an initial (capitals in a shouted line). */
export function isRunWord(token: Token, shouted: boolean): boolean {
  if (!token.isWord) return false
  if (token.isInitial) return true
  // A lone capital without a full stop ("P", "Y") is a label, not an initial.
  if (!token.isCapitalised || token.text.length === 1) return false
  if (token.isAllCaps && !shouted) return false
  return true
}

/** "Expd-E", "Ttl-F": a table label with a footnote letter, never part of a name. */
export function isCodeLabel(token: Token): boolean {
  return /-\p{Lu}$/u.test(token.text)
}

/** "I’m", "We’ll", "Don’t": a contraction, never a name ("O’Neill" keeps a capital after the apostrophe). */
export function isContraction(token: Token): boolean {
  return /['’](?:m|re|ve|ll|d|t)$/u.test(token.text)
}
