// Derives one topic's weighted vocabulary from its taxonomy entry: its own example terms, expanded through
// WordNet (the senses of each term that fit the topic's description, their hyponyms, the words WordNet files
// under them as a topic domain, and their derived forms), each word weighted by how likely it is to be used
// in a sense that belongs to the topic.
import { createHash } from 'node:crypto'
import type { Topic } from './taxonomy.ts'
import { contentStems, EXACT_PREFIX, isNameTerm, nameKey, phraseKey, STOPWORDS, tokenize, VERB_FORM_PREFIX } from './text.ts'
import type { Synset, WordNet } from './wordnet.ts'

/** A topic's vocabulary: lexicon key (stemmed word or phrase) → evidence weight in (0, 1]. */
export interface TopicLexicon {
  /** Hash of the topic's label, description and terms (and the builder version) it was built from. */
  fingerprint: string
  entries: Record<string, number>
}

export interface LexiconOptions {
  /** How many hyponym/domain steps below a chosen sense are followed. */
  maxDepth: number
  /** Weight of a word reached only through WordNet, times its probability of being used in a topic sense. */
  expansionWeight: number
  /** Shared topic words a term's most frequent sense needs to be taken as the topic's (rarer senses one more). */
  senseOverlap: number
  /** Least weight of an example term, whatever WordNet says about its other senses. */
  termFloor: number
  /** Words whose topic probability falls below this are dropped: too ambiguous to count. */
  minProbability: number
  /** A chosen sense whose subtree exceeds this many synsets is too general to expand (e.g. "person"). */
  maxSubtree: number
  /** Share of a word's weight that depends on its rarity (0: none). */
  specificityShare: number
  /** Tagged-corpus count at which a word's rarity factor falls to one half. */
  specificityHalf: number
}

export const defaultLexiconOptions: LexiconOptions = {
  maxDepth: 4,
  expansionWeight: 0.6,
  senseOverlap: 1,
  termFloor: 0.5,
  minProbability: 0.25,
  maxSubtree: 300,
  specificityShare: 0.5,
  specificityHalf: 50,
}

/** Bump when the derivation changes, so shipped lexicons built the old way are rebuilt. */
const BUILDER_VERSION = 4

/** The fingerprint a topic's lexicon is stored under: changes whenever the topic's definition does. */
export function topicFingerprint(topic: Topic, options: LexiconOptions = defaultLexiconOptions): string {
  const source = JSON.stringify([BUILDER_VERSION, options, topic.label, topic.description, topic.terms])
  return createHash('sha256').update(source).digest('hex').slice(0, 16)
}

/** A sense's prior: how often WordNet's tagged corpus used the word in that sense, smoothed by sense rank. */
function sensePrior(synset: Synset, word: string, rank: number): number {
  const index = synset.words.indexOf(word)
  const tagged = index >= 0 ? synset.tagCounts[index] : 0
  return tagged + 1 / (rank + 1)
}

/** Content stems describing a sense: its lemmas, gloss, and the lemmas of its hypernyms and domains. */
function senseStems(wordnet: WordNet, synset: Synset): Set<string> {
  const parts = [synset.gloss.replace(/"[^"]*"/g, ' '), ...synset.words]
  for (const id of synset.domains) parts.push(...wordnet.synsets[id].words)
  let level = synset.hypernyms
  for (let depth = 0; depth < 2 && level.length > 0; depth++) {
    const next: number[] = []
    for (const id of level) {
      parts.push(...wordnet.synsets[id].words)
      next.push(...wordnet.synsets[id].hypernyms)
    }
    level = next
  }
  return contentStems(parts.join(' '))
}

/** Senses of `term` whose description shares content words with the topic's own definition. */
function chooseSenses(wordnet: WordNet, term: string, topicStems: Set<string>, options: LexiconOptions): number[] {
  const ids = wordnet.senses.get(term.toLowerCase()) ?? []
  const own = new Set(tokenize(term).map((token) => phraseKey(token)))
  const chosen: number[] = []
  ids.forEach((id, rank) => {
    let overlap = 0
    for (const s of senseStems(wordnet, wordnet.synsets[id])) {
      if (!own.has(s) && topicStems.has(s)) overlap++
    }
    // A word's usual sense needs some shared words with the topic; a rarer sense needs more, so "stock"
    // the shares does not drag in "stock" the livestock ("animals kept for use or profit").
    if (overlap >= (rank === 0 ? options.senseOverlap : options.senseOverlap + 1)) chosen.push(id)
  })
  // A short topic definition may share no words with any sense; then a term's dominant sense (the one
  // WordNet's tagged corpus uses at least half the time, e.g. "bee" the insect) stands for it.
  if (chosen.length === 0 && ids.length > 0) {
    const lemma = term.toLowerCase()
    const priors = ids.map((id, rank) => sensePrior(wordnet.synsets[id], lemma, rank))
    if (priors[0] >= 0.5 * priors.reduce((a, b) => a + b, 0)) chosen.push(ids[0])
  }
  return chosen
}

/** Number of synsets below `id` (hyponyms and domain members), counted up to `limit`. */
function subtreeSize(wordnet: WordNet, id: number, limit: number): number {
  const seen = new Set<number>([id])
  const stack = [id]
  while (stack.length > 0 && seen.size <= limit) {
    const synset = wordnet.synsets[stack.pop()!]
    for (const next of [...synset.hyponyms, ...synset.domainMembers]) {
      if (!seen.has(next)) {
        seen.add(next)
        stack.push(next)
      }
    }
  }
  return seen.size
}

/** The synsets that belong to the topic: chosen senses and what lies below them, with derived forms. */
function topicSynsets(wordnet: WordNet, seeds: number[], options: LexiconOptions): Set<number> {
  const inTopic = new Set<number>(seeds)
  const near = new Set<number>(seeds)
  for (const seed of seeds) {
    // A general seed ("commodity": every article of commerce) only lends its direct children.
    const depthLimit = subtreeSize(wordnet, seed, options.maxSubtree) <= options.maxSubtree ? options.maxDepth : 1
    let frontier = [seed]
    for (let depth = 0; depth < depthLimit && frontier.length > 0; depth++) {
      const next: number[] = []
      for (const id of frontier) {
        const synset = wordnet.synsets[id]
        for (const child of [...synset.hyponyms, ...synset.domainMembers]) {
          if (depth === 0) near.add(child)
          if (!inTopic.has(child)) {
            inTopic.add(child)
            next.push(child)
          }
        }
      }
      frontier = next
    }
  }
  // Derived forms ("elect" from "election", "economic" from "economy") and similar adjectives, one step
  // from the seeds and their children only: further down, derivation wanders off the topic.
  for (const id of near) {
    const synset = wordnet.synsets[id]
    for (const other of [...synset.related, ...synset.similar]) inTopic.add(other)
  }
  return inTopic
}

/** Every WordNet lemma grouped by lexicon key, since the classifier only sees stems ("calling" and "call"). */
const lemmasByKeyCache = new WeakMap<WordNet, Map<string, string[]>>()

function lemmasByKey(wordnet: WordNet): Map<string, string[]> {
  let index = lemmasByKeyCache.get(wordnet)
  if (!index) {
    index = new Map()
    for (const lemma of wordnet.senses.keys()) {
      const key = phraseKey(lemma)
      const lemmas = index.get(key)
      if (lemmas) lemmas.push(lemma)
      else index.set(key, [lemma])
    }
    lemmasByKeyCache.set(wordnet, index)
  }
  return index
}

/**
 * Probability that a stemmed key is used in one of the topic's senses: the sense frequencies of every lemma
 * sharing the key, pooled, so a rare lemma cannot lend its one topical sense to a common word's stem.
 */
function topicProbability(wordnet: WordNet, key: string, inTopic: Set<number>, onlyVerbs = false): number {
  const lemmas = lemmasByKey(wordnet).get(key) ?? []
  let inside = 0
  let total = 0
  for (const lemma of lemmas) {
    const ids = wordnet.senses.get(lemma) ?? []
    ids.forEach((id, rank) => {
      if (onlyVerbs && wordnet.synsets[id].pos !== 'v') return
      const prior = sensePrior(wordnet.synsets[id], lemma, rank)
      total += prior
      if (inTopic.has(id)) inside += prior
    })
  }
  return total === 0 ? 1 : inside / total
}

/**
 * A word read in a verb form ("weathered", "shared", "booked") can only mean one of its verb senses. Where
 * those fit the topic less than the word overall, a separate, lower weight is stored under VERB_FORM_PREFIX.
 */
function addVerbFormEntries(wordnet: WordNet, entries: Record<string, number>, inTopic: Set<number>): void {
  const keys = lemmasByKey(wordnet)
  for (const key of Object.keys(entries)) {
    if (key.includes(' ') || key.startsWith(EXACT_PREFIX) || !keys.has(key)) continue
    const hasVerb = keys.get(key)!.some((lemma) => (wordnet.senses.get(lemma) ?? []).some((id) => wordnet.synsets[id].pos === 'v'))
    if (!hasVerb) continue
    const overall = topicProbability(wordnet, key, inTopic)
    const asVerb = topicProbability(wordnet, key, inTopic, true)
    if (asVerb < overall * 0.95) entries[VERB_FORM_PREFIX + key] = entries[key] * (overall > 0 ? asVerb / overall : 0)
  }
}

/**
 * How specific a key is, from how often its lemmas occur in WordNet's sense-tagged corpus: "touchdown"
 * (rare) says more about a topic than "company" (everywhere), as inverse document frequency would.
 */
function specificity(wordnet: WordNet, key: string, halfAt: number): number {
  let tagged = 0
  for (const lemma of lemmasByKey(wordnet).get(key) ?? []) {
    for (const id of wordnet.senses.get(lemma) ?? []) {
      const synset = wordnet.synsets[id]
      const index = synset.words.indexOf(lemma)
      if (index >= 0) tagged += synset.tagCounts[index]
    }
  }
  return halfAt / (halfAt + tagged)
}

/** Named people and places are left out: their names ("Morgan", "Lincoln") are mostly someone else's. */
function isNamedPersonOrPlace(synset: Synset): boolean {
  return synset.instance && (synset.lexFile === 18 || synset.lexFile === 15)
}

/** Builds one topic's lexicon from its definition, expanded through WordNet when given. */
export function buildTopicLexicon(topic: Topic, wordnet: WordNet | undefined, options: LexiconOptions = defaultLexiconOptions): TopicLexicon {
  const entries: Record<string, number> = {}
  const put = (phrase: string, weight: number) => {
    const key = isNameTerm(phrase) ? nameKey(phrase) : phraseKey(phrase)
    if (key.length === 0) return
    entries[key] = Math.max(entries[key] ?? 0, weight)
  }

  if (!wordnet) {
    for (const term of topic.terms) put(term, 1)
    return { fingerprint: topicFingerprint(topic, options), entries }
  }

  const topicStems = contentStems([topic.label, topic.description, ...topic.terms].join(' '))
  const seeds = new Set<number>()
  for (const term of topic.terms) for (const id of chooseSenses(wordnet, term, topicStems, options)) seeds.add(id)
  const inTopic = topicSynsets(wordnet, [...seeds], options)

  const rarity = (key: string) => 1 - options.specificityShare + options.specificityShare * specificity(wordnet, key, options.specificityHalf)

  // Example terms always count; WordNet only says how often they mean something else. A name is
  // unambiguous once matched by its capitals ("Apple" is not the fruit), so it keeps full weight.
  const keys = lemmasByKey(wordnet)
  for (const term of topic.terms) {
    if (isNameTerm(term)) {
      put(term, 1)
      continue
    }
    const key = phraseKey(term)
    const probability = keys.has(key) ? topicProbability(wordnet, key, inTopic) : 1
    put(term, (options.termFloor + (1 - options.termFloor) * probability) * rarity(key))
  }

  const expandedKeys = new Set<string>()
  for (const id of inTopic) {
    const synset = wordnet.synsets[id]
    if (isNamedPersonOrPlace(synset)) continue
    for (const word of synset.words) {
      const key = phraseKey(word)
      // Short keys ("an", "san", "inc") are mostly abbreviations and name parts that collide with
      // ordinary text; the taxonomy's own terms may still be short.
      if (key.length < 4 || STOPWORDS.has(word)) continue
      expandedKeys.add(key)
    }
  }
  for (const key of expandedKeys) {
    if (key in entries) continue
    const probability = topicProbability(wordnet, key, inTopic)
    if (probability < options.minProbability) continue
    entries[key] = options.expansionWeight * probability * rarity(key)
  }

  addVerbFormEntries(wordnet, entries, inTopic)

  return { fingerprint: topicFingerprint(topic, options), entries }
}


