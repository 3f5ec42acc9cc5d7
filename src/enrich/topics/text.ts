// Turns text into the stemmed word sequence the topic lexicon is keyed by, so "elections", "Election" and
// "elected" meet "election" in the taxonomy. Words are the shared analyzer's (src/text/analyze.ts: the same
// tokens, folding and Porter stems as the search index); what is the topics' own is which words carry no topic.
import { foldTerm, stemTerm, tokenize as tokenizeWords } from '../../text/analyze.ts'

/**
 * Words that carry no topic, skipped as single-word evidence (phrases may still contain them): function words
 * and the words of news reporting itself. Not the search index's stop words, which are far fewer (a word no
 * topic hangs on can still be searched for).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'said says say one two three new year years also may might must shall us mr mrs ms its it\'s s t ' +
    'according among around per via yet still well since across another many much even ever every first last ' +
    'like made make makes including however whether without within upon ' +
    // News-genre words: every kind of story is reported, announced and commented on.
    'report reported reports announced announcement statement statements told added noted quoted cited ' +
    'source sources comment comments news media press'
  ).split(/\s+/),
)

/** Word tokens of `text` in their original case, possessive endings dropped ("Rahmon’s" → "Rahmon"). */
export function tokenizeCased(text: string): string[] {
  const tokens: string[] = []
  for (const { text: token } of tokenizeWords(text)) {
    // Most tokens have no apostrophe: skip the two replacements for them.
    tokens.push(token.includes("'") || token.includes('’') ? token.replace(/['’][sS]$/, '').replace(/’/g, "'") : token)
  }
  return tokens
}

/** Folded word tokens of `text` (lower case, accents off), possessive endings dropped. */
export function tokenize(text: string): string[] {
  return tokenizeCased(text).map(foldTerm)
}

/** Marks the weight a stem has when read in a verb form (-ed, -ing), where that differs from the word's. */
export const VERB_FORM_PREFIX = '~'

/** Whether a lower-case token looks like a verb form: "weathered", "booking" (not "red" or "king"). */
export function isVerbForm(token: string): boolean {
  return token.length > 5 && (token.endsWith('ed') || token.endsWith('ing'))
}

/** Marks a key that matches text exactly as written (a name like "NASA"), not by stem. */
export const EXACT_PREFIX = '='

/** A term written with capitals ("Real Madrid", "NASA") is a name: it matches only text written the same way. */
export function isNameTerm(term: string): boolean {
  return /\p{Lu}/u.test(term)
}

/** The lexicon key of a name term: its tokens as written, marked as exact. */
export function nameKey(term: string): string {
  return EXACT_PREFIX + tokenizeCased(term).join(' ')
}

/** Porter stem of one folded token: the search index's stem (memoised there). */
export function stem(token: string): string {
  return stemTerm(token)
}

/** The lexicon key of a word or phrase: its tokens' stems joined by single spaces. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).map(stem).join(' ')
}

/** Stems of the content words of `text`, for overlap measures. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>()
  for (const token of tokenize(text)) if (!STOPWORDS.has(token) && token.length > 1) stems.add(stem(token))
  return stems
}
