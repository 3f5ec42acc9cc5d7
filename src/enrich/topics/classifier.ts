// Scores a passage against every topic of one level by the weighted topic vocabulary it contains, and keeps the
// topics with enough evidence that come close to the best one (so a passage can carry several topics, or none).
import { lexiconsFor } from './lexicon-store.ts'
import { defaultLexiconOptions, type LexiconOptions, type TopicLexicon } from './lexicon.ts'
import type { Taxonomy } from './taxonomy.ts'
import { EXACT_PREFIX, isVerbForm, STOPWORDS, stem, tokenizeCased, VERB_FORM_PREFIX } from './text.ts'

export interface TopicScore {
  topic: string
  /** Evidence: about 1 per clear topic word in the passage (lexicon), or nats of evidence (learnt model). */
  score: number
  /** For a second-level topic, its parent (which comes before it in a passage's list). */
  parent?: string
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

/** One step of a phrase trie: the key ending here (if any) with its (topic index, weight) pairs, and what follows. */
interface TrieNode {
  key?: string
  /** Number of words in `key`. */
  length?: number
  pairs?: Array<[number, number]>
  next?: Map<string, TrieNode>
}

/**
 * Every topic's keys in two tries for one scan: names by their tokens as written (the exact-prefixed keys) and
 * everything else by stems; `entries` keeps each key's pairs, for verb-form keys.
 */
interface CombinedLexicon {
  entries: Map<string, Array<[number, number]>>
  exact: TrieNode
  stemmed: TrieNode
}

function combine(lexicons: TopicLexicon[]): CombinedLexicon {
  const entries = new Map<string, Array<[number, number]>>()
  lexicons.forEach((lexicon, topicIndex) => {
    for (const [key, weight] of Object.entries(lexicon.entries)) {
      const pairs = entries.get(key)
      if (pairs) pairs.push([topicIndex, weight])
      else entries.set(key, [[topicIndex, weight]])
    }
  })
  // A verb-form entry overrides its word's weight only for the topics that have one.
  for (const [key, pairs] of entries) {
    if (!key.startsWith(VERB_FORM_PREFIX)) continue
    for (const pair of entries.get(key.slice(VERB_FORM_PREFIX.length)) ?? []) {
      if (!pairs.some(([topicIndex]) => topicIndex === pair[0])) pairs.push(pair)
    }
  }
  const exact: TrieNode = {}
  const stemmed: TrieNode = {}
  for (const [key, pairs] of entries) {
    if (key.startsWith(VERB_FORM_PREFIX)) continue
    const isName = key.startsWith(EXACT_PREFIX)
    const words = (isName ? key.slice(EXACT_PREFIX.length) : key).split(' ')
    let node = isName ? exact : stemmed
    for (const word of words) {
      node.next ??= new Map()
      let child = node.next.get(word)
      if (!child) node.next.set(word, (child = {}))
      node = child
    }
    node.key = key
    node.length = words.length
    node.pairs = pairs
  }
  return { entries, exact, stemmed }
}

// Scorers are created again for every stored model loaded; their tries are built once per set of lexicons.
const combinedCache = new Map<string, CombinedLexicon>()

function combinedFor(lexicons: TopicLexicon[]): CombinedLexicon {
  const key = lexicons.map((lexicon) => lexicon.fingerprint).join(' ')
  let combined = combinedCache.get(key)
  if (!combined) {
    combined = combine(lexicons)
    if (combinedCache.size >= 64) combinedCache.clear()
    combinedCache.set(key, combined)
  }
  return combined
}

/** The longest key of `trie` that starts at token `i` of `words`, or undefined. */
function longestMatch(trie: TrieNode, words: string[], i: number): TrieNode | undefined {
  let found: TrieNode | undefined
  let node: TrieNode | undefined = trie
  for (let j = i; j < words.length && node.next; j++) {
    node = node.next.get(words[j])
    if (!node) break
    if (node.pairs) found = node
  }
  return found
}

/**
 * Which tokens are inner parts of a capitalised name ("Lynch" in "Merrill Lynch", "York" in "New York"): a
 * capitalised word right after another, in running text. Their everyday meaning is weak evidence. Headlines
 * in title case capitalise every word, so there nothing is treated as a name part.
 */
function innerNameParts(cased: string[]): boolean[] {
  const capitalised = cased.map(startsUpperCase)
  let long = 0
  let longCapitalised = 0
  cased.forEach((token, i) => {
    if (token.length <= 3) return
    long++
    if (capitalised[i]) longCapitalised++
  })
  const titleCase = long > 0 && longCapitalised / long > 0.5
  return cased.map((_, i) => !titleCase && i > 0 && capitalised[i] && capitalised[i - 1])
}

function startsUpperCase(token: string): boolean {
  const code = token.charCodeAt(0)
  if (code < 128) return code >= 65 && code <= 90
  return /^\p{Lu}/u.test(token)
}

/** A text read for scoring: its tokens as written, lower-cased and stemmed, and which are inner name parts. */
interface AnalysedText {
  cased: string[]
  tokens: string[]
  stems: string[]
  nameParts: boolean[]
}

// The top level's scorer and a parent's second-level scorer read the same passage, and an article's passages
// share a title: the last few texts read are kept.
const recentlyAnalysed = new Map<string, AnalysedText>()

function analyse(text: string): AnalysedText {
  let analysed = recentlyAnalysed.get(text)
  if (!analysed) {
    const cased = tokenizeCased(text)
    const tokens = cased.map((token) => token.toLowerCase())
    analysed = { cased, tokens, stems: tokens.map(stem), nameParts: innerNameParts(cased) }
    if (recentlyAnalysed.size >= 8) recentlyAnalysed.delete(recentlyAnalysed.keys().next().value!)
    recentlyAnalysed.set(text, analysed)
  }
  return analysed
}

/**
 * Adds the evidence in `text` to `scores`. Phrases win over their words ("interest rate" is economy, not
 * "interest"), and a name written as in the taxonomy ("Real Madrid") over the same words read as words; a word
 * repeated counts with diminishing returns so one word cannot carry a long passage.
 */
function accumulate(lexicon: CombinedLexicon, text: string, factor: number, scores: Float64Array): number {
  const { cased, tokens, stems, nameParts } = analyse(text)
  const counts = new Map<string, number>()
  let evidence = 0
  for (let i = 0; i < stems.length; ) {
    const name = longestMatch(lexicon.exact, cased, i)
    let word = longestMatch(lexicon.stemmed, stems, i)
    // A function word is no evidence on its own (it may still start a phrase).
    if (word?.length === 1 && STOPWORDS.has(tokens[i])) word = undefined
    const chosen = name && (!word || name.length! >= word.length!) ? name : word
    if (!chosen) {
      i++
      continue
    }
    const key = chosen.key!
    const length = chosen.length!
    let pairs = chosen.pairs!
    if (chosen === word && length === 1 && isVerbForm(tokens[i])) pairs = lexicon.entries.get(VERB_FORM_PREFIX + key) ?? pairs
    const seen = (counts.get(key) ?? 0) + 1
    counts.set(key, seen)
    const repeat = Math.sqrt(seen) - Math.sqrt(seen - 1)
    const shape = chosen === word && length === 1 && nameParts[i] ? NAME_PART_WEIGHT : 1
    for (const [topicIndex, weight] of pairs) {
      scores[topicIndex] += weight * repeat * factor * shape
      evidence += weight * repeat * factor * shape
    }
    i += length
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
  const lexicon = combinedFor(lexicons)
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
