// The indexing pipeline end to end: read and clean articles, split them into passages, attach people and
// topics, and hand the result to the engine. Pure apart from reading the corpus and its settings files.
import type { Article, ArticleRecord, Passage, SkippedFile } from '../model.ts'
import { readCorpus } from '../ingest/read-corpus.ts'
import { toPassages, type PassageDraft } from '../ingest/passages.ts'
import { findPeopleInArticle, mergePeople, type Aliases } from '../enrich/people/index.ts'
import { articleTopics, classifyCorpus, topicParents, type Taxonomy } from '../enrich/topics/index.ts'
import type { IndexData } from '../engine/index.ts'

export interface BuildOptions {
  aliases: Aliases
  taxonomy: Taxonomy
  /** Progress of the slow steps, for the CLI's progress bar. */
  onProgress?: (step: 'read' | 'enrich', done: number, total: number) => void
}

export interface BuildResult {
  data: IndexData
  skipped: SkippedFile[]
  duplicates: { file: string; duplicateOf: string }[]
}

/** Reads the corpus folders and builds everything the engine indexes. */
export async function buildIndexData(paths: string[], options: BuildOptions): Promise<BuildResult> {
  const { articles, skipped, duplicates } = await readCorpus(paths, {
    onProgress: (done, total) => options.onProgress?.('read', done, total),
  })
  return { data: enrichArticles(articles, options), skipped, duplicates }
}

/**
 * Splits articles into passages and attaches people (resolved per article, merged corpus-wide) and topics
 * (classified over the whole corpus at once, which lets the classifier adapt to it).
 */
function enrichArticles(articles: Article[], options: BuildOptions): IndexData {
  const drafts: PassageDraft[][] = []
  const namesPerPassage: string[][][] = []
  const nameCounts = new Map<string, number>()
  articles.forEach((article, i) => {
    const passages = toPassages(article)
    const names = findPeopleInArticle(passages.map((p) => p.text), { title: article.title, aliases: options.aliases })
    for (const list of names) for (const name of list) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1)
    drafts.push(passages)
    namesPerPassage.push(names)
    options.onProgress?.('enrich', i + 1, articles.length)
  })
  const merge = mergePeople(nameCounts, options.aliases)
  const topics = classifyCorpus(
    articles.flatMap((article, i) => drafts[i].map((draft) => ({ text: draft.text, title: article.title, section: draft.section }))),
    options.taxonomy,
  )
  let next = 0

  const passages: Passage[] = []
  const records: ArticleRecord[] = []
  articles.forEach((article, i) => {
    const own = drafts[i].map((draft, j): Passage => ({
      ...draft,
      people: canonicalPeople(namesPerPassage[i][j] ?? [], merge.canonical),
      topics: topics[next++],
    }))
    passages.push(...own)
    const { blocks: _blocks, ...meta } = article
    records.push({
      ...meta,
      passageIds: own.map((p) => p.id),
      people: [...new Set(own.flatMap((p) => p.people))],
      topics: articleTopics(own.map((p) => p.topics), { parents: topicParents(options.taxonomy) }),
    })
  })

  const personAliases: Record<string, string[]> = {}
  for (const name of new Set(passages.flatMap((p) => p.people))) {
    const aliases = merge.aliasesOf(name).filter((alias) => alias !== name)
    if (aliases.length > 0) personAliases[name] = aliases
  }
  const topicLabels = Object.fromEntries(options.taxonomy.topics.map((topic) => [topic.id, topic.label]))
  return { articles: records, passages, personAliases, topicLabels, builtAt: new Date().toISOString() }
}

/** Names mapped to their canonical form, people the aliases file rules out dropped, each listed once. */
function canonicalPeople(names: string[], canonical: (name: string) => string | undefined): string[] {
  const people = new Set<string>()
  for (const name of names) {
    const resolved = canonical(name)
    if (resolved) people.add(resolved)
  }
  return [...people]
}
