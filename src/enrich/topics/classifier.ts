// Scores a passage against every topic by the weighted topic vocabulary it contains, and keeps the topics
// with enough evidence that come close to the best one (so a passage can carry several topics, or none).
import { lexiconsFor } from './lexicon-store.ts'
import { defaultLexiconOptions, type LexiconOptions, type TopicLexicon } from './lexicon.ts'
import type { Taxonomy } from './taxonomy.ts'
import { EXACT_PREFIX, isVerbForm, STOPWORDS, stem, tokenizeCased, VERB_FORM_PREFIX } from './text.ts'

export interface TopicScore {
  topic: string
  /** Summed evidence: about 1 per clear topic word in the passage. */
  score: number
}

export interface TopicClassifier {
  /** Topics for one passage, best first, zero or more (multi-label). */
  classify(text: string, context?: { title?: string; section?: string }): TopicScore[]
}

export interface ClassifierOptions {
  /** Least evidence a topic needs, in units of one clear topic word. */
  minEvidence: number
  /** A topic is kept when its score reaches this share of the best topic's score. */
  relativeThreshold: number
  /** Most topics returned for one passage. */
  maxTopics: number
  /** Weight of the title's and section heading's words relative to the passage's own. */
  contextWeight: number
  /** How topic vocabularies are derived; the shipped lexicon is reused only with the defaults. */
  lexicon: LexiconOptions
}

export const defaultClassifierOptions: ClassifierOptions = {
  minEvidence: 0.5,
  relativeThreshold: 0.6,
  maxTopics: 3,
  contextWeight: 0.5,
  lexicon: defaultLexiconOptions,
}

/** Weight of a word read inside a capitalised name, relative to the same word in running text. */
const NAME_PART_WEIGHT = 0.3

/** Key → (topic index, weight) pairs, and how far a phrase can reach from each first word, for one scan. */
interface CombinedLexicon {
  entries: Map<string, Array<[number, number]>>
  /** First word of a key (a stem, or an exact name word with its prefix) → longest key starting with it. */
  longestFrom: Map<string, number>
}

function combine(lexicons: TopicLexicon[]): CombinedLexicon {
  const entries = new Map<string, Array<[number, number]>>()
  const longestFrom = new Map<string, number>()
  lexicons.forEach((lexicon, topicIndex) => {
    for (const [key, weight] of Object.entries(lexicon.entries)) {
      const pairs = entries.get(key)
      if (pairs) pairs.push([topicIndex, weight])
      else entries.set(key, [[topicIndex, weight]])
      const words = key.split(' ')
      longestFrom.set(words[0], Math.max(longestFrom.get(words[0]) ?? 0, words.length))
    }
  })
  // A verb-form entry overrides its word's weight only for the topics that have one.
  for (const [key, pairs] of entries) {
    if (!key.startsWith(VERB_FORM_PREFIX)) continue
    for (const pair of entries.get(key.slice(VERB_FORM_PREFIX.length)) ?? []) {
      if (!pairs.some(([topicIndex]) => topicIndex === pair[0])) pairs.push(pair)
    }
  }
  return { entries, longestFrom }
}

/**
 * Adds the evidence in `text` to `scores`. Phrases win over their words ("interest rate" is economy, not
 * "interest"); a word repeated counts with diminishing returns so one word cannot carry a long passage.
 */
/**
 * Which tokens are inner parts of a capitalised name ("Lynch" in "Merrill Lynch", "York" in "New York"): a
 * capitalised word right after another, in running text. Their everyday meaning is weak evidence. Headlines
 * in title case capitalise every word, so there nothing is treated as a name part.
 */
function innerNameParts(cased: string[]): boolean[] {
  const capitalised = cased.map((token) => /^\p{Lu}/u.test(token))
  const long = cased.filter((token) => token.length > 3)
  const titleCase = long.length > 0 && long.filter((token) => /^\p{Lu}/u.test(token)).length / long.length > 0.5
  return cased.map((_, i) => !titleCase && i > 0 && capitalised[i] && capitalised[i - 1])
}

function accumulate(lexicon: CombinedLexicon, text: string, factor: number, scores: Float64Array): number {
  const cased = tokenizeCased(text)
  const nameParts = innerNameParts(cased)
  const tokens = cased.map((token) => token.toLowerCase())
  const stems = tokens.map(stem)
  const counts = new Map<string, number>()
  let evidence = 0
  for (let i = 0; i < stems.length; ) {
    let matched = 0
    const longest = Math.max(lexicon.longestFrom.get(EXACT_PREFIX + cased[i]) ?? 0, lexicon.longestFrom.get(stems[i]) ?? 0)
    for (let length = Math.min(longest, stems.length - i); length >= 1; length--) {
      // A name written as in the taxonomy ("Real Madrid") wins over the same words read as words.
      let key = EXACT_PREFIX + cased.slice(i, i + length).join(' ')
      let pairs = lexicon.entries.get(key)
      if (!pairs) {
        if (length === 1 && STOPWORDS.has(tokens[i])) break
        key = length === 1 ? stems[i] : stems.slice(i, i + length).join(' ')
        pairs = lexicon.entries.get(key)
        if (pairs && length === 1 && isVerbForm(tokens[i])) pairs = lexicon.entries.get(VERB_FORM_PREFIX + key) ?? pairs
      }
      if (!pairs) continue
      const seen = (counts.get(key) ?? 0) + 1
      counts.set(key, seen)
      const repeat = Math.sqrt(seen) - Math.sqrt(seen - 1)
      const shape = !key.startsWith(EXACT_PREFIX) && length === 1 && nameParts[i] ? NAME_PART_WEIGHT : 1
      for (const [topicIndex, weight] of pairs) {
        scores[topicIndex] += weight * repeat * factor * shape
        evidence += weight * repeat * factor * shape
      }
      matched = length
      break
    }
    i += Math.max(matched, 1)
  }
  return evidence
}

/** Raw lexicon evidence for one passage: every topic's score, and how much evidence the text itself holds. */
export interface LexiconEvidence {
  /** Per topic, in taxonomy order: summed evidence from the text and (at context weight) title and section. */
  scores: Float64Array
  /** Evidence from the passage's own text alone, before title and section are read. */
  own: number
}

/** Scores passages against every topic's lexicon, without choosing topics. */
export interface LexiconScorer {
  /** Topic ids in taxonomy order: the index of each entry of `scores`. */
  topicIds: string[]
  /** The topics' lexicons in taxonomy order (stem, phrase, name and verb-form keys to weights). */
  lexicons: TopicLexicon[]
  score(text: string, context?: { title?: string; section?: string }): LexiconEvidence
}

/** Builds the lexicon scorer behind the classifier; the corpus classifier uses its raw scores as seeds. */
export function createLexiconScorer(taxonomy: Taxonomy, options: Partial<ClassifierOptions> = {}): LexiconScorer {
  const settings = { ...defaultClassifierOptions, ...options }
  const lexicons = lexiconsFor(taxonomy, settings.lexicon)
  const lexicon = combine(lexicons)
  return {
    topicIds: taxonomy.topics.map((topic) => topic.id),
    lexicons,
    score(text, context = {}) {
      const scores = new Float64Array(lexicons.length)
      const own = accumulate(lexicon, text, 1, scores)
      // Context can only tip the balance of a passage that has evidence of its own.
      if (own >= settings.minEvidence / 2) {
        for (const extra of [context.title, context.section]) {
          if (extra) accumulate(lexicon, extra, settings.contextWeight, scores)
        }
      }
      return { scores, own }
    },
  }
}

/** The topics a lexicon score vector supports: enough evidence and close to the best, best first. */
export function topicsFromLexicon(evidence: LexiconEvidence, topicIds: string[], settings: ClassifierOptions): TopicScore[] {
  if (evidence.own < settings.minEvidence / 2) return []
  let best = 0
  for (const score of evidence.scores) best = Math.max(best, score)
  const floor = Math.max(settings.minEvidence, best * settings.relativeThreshold)
  const result: TopicScore[] = []
  evidence.scores.forEach((score, index) => {
    if (score >= floor) result.push({ topic: topicIds[index], score: Math.round(score * 1000) / 1000 })
  })
  result.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
  return result.slice(0, settings.maxTopics)
}

/** Builds a classifier from a taxonomy, using its topics' lexicons (shipped, cached or derived now). */
export function createTopicClassifier(taxonomy: Taxonomy, options: Partial<ClassifierOptions> = {}): TopicClassifier {
  const settings = { ...defaultClassifierOptions, ...options }
  const scorer = createLexiconScorer(taxonomy, settings)
  return {
    classify(text, context = {}) {
      return topicsFromLexicon(scorer.score(text, context), scorer.topicIds, settings)
    },
  }
}
