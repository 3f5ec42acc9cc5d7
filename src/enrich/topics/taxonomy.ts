// The topic taxonomy: an editable JSON file of topics in two levels (id, label, description, example terms, and
// for a second-level topic its parent), read and checked here so a mistake in a hand-edited file is reported
// by name instead of silently ignored.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ClippingsError } from '../../errors.ts'

export interface Topic {
  /** Slug stored on passages, e.g. "economy-business-finance". */
  id: string
  /** What the UI shows, e.g. "economy, business and finance". */
  label: string
  description: string
  /** Example words and phrases; the classifier's vocabulary is grown from them. */
  terms: string[]
  /** For a second-level topic, the id of its top-level topic; absent for a top-level topic. */
  parent?: string
}

export interface Taxonomy {
  topics: Topic[]
}

/** The taxonomy Clippings ships: IPTC Media Topics, the top level and the level below it. */
export const DEFAULT_TAXONOMY_PATH = fileURLToPath(new URL('./taxonomy.json', import.meta.url))

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Checks a parsed taxonomy, naming the first thing wrong; `file` is only used in messages. */
export function validateTaxonomy(value: unknown, file: string): Taxonomy {
  const fail = (problem: string): never => {
    throw new ClippingsError('unreadable-file', `Clippings: cannot use taxonomy "${file}": ${problem}`)
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { topics?: unknown }).topics)) {
    fail('expected an object with a "topics" array')
  }
  const topics: Topic[] = []
  const seen = new Set<string>()
  ;((value as { topics: unknown[] }).topics).forEach((entry, index) => {
    const where = `topic ${index + 1}`
    if (typeof entry !== 'object' || entry === null) fail(`${where} is not an object`)
    const { id, label, description, terms, iptcSubjects, parent } = entry as Record<string, unknown>
    if (typeof id !== 'string' || !SLUG.test(id)) fail(`${where} needs an "id" slug of lower-case letters, digits and hyphens`)
    const name = `topic "${id as string}"`
    if (seen.has(id as string)) fail(`${name} appears twice`)
    if (typeof label !== 'string' || label.trim() === '') fail(`${name} needs a non-empty "label"`)
    if (typeof description !== 'string') fail(`${name} needs a "description" string`)
    if (!Array.isArray(terms) || terms.some((term) => typeof term !== 'string' || term.trim() === '')) {
      fail(`${name} needs "terms": an array of non-empty strings`)
    }
    const subjects = iptcSubjects ?? []
    if (!Array.isArray(subjects) || subjects.some((term) => typeof term !== 'string' || term.trim() === '')) {
      fail(`${name} has "iptcSubjects" that are not an array of non-empty strings`)
    }
    if (parent !== undefined && (typeof parent !== 'string' || !SLUG.test(parent))) fail(`${name} has a "parent" that is not a topic id`)
    seen.add(id as string)
    // IPTC's own subject names under the topic are kept apart in the file (their source differs) but are
    // example terms like any other.
    const allTerms = [...new Set([...(terms as string[]), ...(subjects as string[])])]
    const topic: Topic = { id: id as string, label: label as string, description: description as string, terms: allTerms }
    if (parent !== undefined) topic.parent = parent as string
    topics.push(topic)
  })
  if (topics.length === 0) fail('"topics" is empty')
  // Two levels only: a parent is a top-level topic of the same file.
  const byId = new Map(topics.map((topic) => [topic.id, topic]))
  for (const topic of topics) {
    if (topic.parent === undefined) continue
    const parent = byId.get(topic.parent)
    if (!parent) fail(`topic "${topic.id}" has parent "${topic.parent}", which is not a topic of the file`)
    else if (parent.parent !== undefined) fail(`topic "${topic.id}" has parent "${topic.parent}", which is itself a second-level topic (two levels only)`)
  }
  return { topics }
}

/** Reads a taxonomy file (default: the shipped one); a missing or malformed file throws a ClippingsError. */
export function loadTaxonomy(path: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ClippingsError('unreadable-file', `Clippings: cannot read taxonomy "${path}": ${(error as Error).message}`, { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ClippingsError('unreadable-file', `Clippings: cannot use taxonomy "${path}": invalid JSON (${(error as Error).message})`, { cause: error })
  }
  return validateTaxonomy(parsed, path)
}

/** Each second-level topic's parent: `{ childId: parentId }`. */
export function topicParents(taxonomy: Taxonomy): Record<string, string> {
  const parents: Record<string, string> = {}
  for (const topic of taxonomy.topics) if (topic.parent !== undefined) parents[topic.id] = topic.parent
  return parents
}

/** Every topic's label, both levels: `{ id: label }`. */
export function topicLabels(taxonomy: Taxonomy): Record<string, string> {
  return Object.fromEntries(taxonomy.topics.map((topic) => [topic.id, topic.label]))
}

/** The top-level topics, and each top-level topic's second-level topics, in file order. */
export function taxonomyLevels(taxonomy: Taxonomy): { top: Taxonomy; children: Map<string, Taxonomy> } {
  const top = taxonomy.topics.filter((topic) => topic.parent === undefined)
  const children = new Map<string, Taxonomy>()
  for (const parent of top) {
    const own = taxonomy.topics.filter((topic) => topic.parent === parent.id)
    if (own.length > 0) children.set(parent.id, { topics: own })
  }
  return { top: { topics: top }, children }
}
