// From clean articles to what the engine indexes. Each article is split into passages and its names found on
// its own (articleFacts); the corpus-wide steps then decide who each name is (a pure function of the summed
// people evidence) and the topics (a model trained on the corpus, or the stored one applied to new
// passages); `assemble` puts an article's passages together with both.
import type { Article, ArticleRecord, Passage } from '../model.ts'
import { toPassages, type PassageDraft } from '../ingest/passages.ts'
import { addNameStats, findPeopleInArticle, mergePeople, type Aliases, type NameStats, type PeopleMerge } from '../enrich/people/index.ts'
import { articleTopics, topicLabels, topicParents, trainTopics, type Taxonomy, type TopicInput, type TopicModel } from '../enrich/topics/index.ts'
import type { IndexedArticle, IndexMeta } from '../engine/engine.ts'
import { chooseFieldFacets } from '../facets/fields.ts'

export interface EnrichSettings {
  aliases: Aliases
  taxonomy: Taxonomy
}

/** What one article yields on its own, whatever else is in the corpus. */
export interface ArticleFacts {
  article: Article
  /** Duplicate key of its text (see read-corpus.ts). */
  fingerprint: string
  drafts: PassageDraft[]
  /** Names each passage gives, before the corpus-wide merge. */
  names: string[][]
  stats: NameStats
}

export function articleFacts(article: Article, fingerprint: string, settings: EnrichSettings): ArticleFacts {
  const drafts = toPassages(article)
  const people = findPeopleInArticle(
    drafts.map((draft) => draft.text),
    { title: article.title, aliases: settings.aliases, givenPeople: article.givenPeople, orgHints: article.fields?.orgs },
  )
  return { article, fingerprint, drafts, names: people.passages, stats: people.stats }
}

/** The topic classifier's view of each passage, in order. */
export function topicInputs(facts: readonly ArticleFacts[]): TopicInput[] {
  return facts.flatMap(({ article, drafts }) => drafts.map((draft) => ({ text: draft.text, title: article.title, section: draft.section })))
}

/** Names mapped to their canonical form, names that are not people dropped, each listed once per passage. */
export function canonicalPeople(names: readonly string[][], merge: PeopleMerge): string[][] {
  return names.map((list) => {
    const people = new Set<string>()
    for (const name of list) {
      const resolved = merge.canonical(name)
      if (resolved) people.add(resolved)
    }
    return [...people]
  })
}

/** An article ready to index: its passages with their people and topics, and its record. */
export function assemble(facts: ArticleFacts, people: string[][], topics: string[][], topicParents: Record<string, string>): IndexedArticle {
  const { article, drafts } = facts
  const passages: Passage[] = drafts.map((draft, j) => ({
    ...draft,
    people: people[j] ?? [],
    topics: topics[j] ?? [],
    ...(article.fields ? { fields: article.fields } : {}),
  }))
  const { blocks: _blocks, ...meta } = article
  const record: ArticleRecord = {
    ...meta,
    passageIds: passages.map((p) => p.id),
    people: [...new Set(passages.flatMap((p) => p.people))],
    topics: articleTopics(passages.map((p) => p.topics), { parents: topicParents }),
  }
  return { article: record, passages }
}

/** Canonical person → the variants merged into them, for the people the index holds. */
export function personAliases(people: Iterable<string>, merge: PeopleMerge): Record<string, string[]> {
  const aliases: [string, string[]][] = []
  for (const name of new Set(people)) {
    const variants = merge.aliasesOf(name).filter((alias) => alias !== name)
    if (variants.length > 0) aliases.push([name, variants])
  }
  // Own entries whatever the names (an assignment to `__proto__` would set the record's prototype instead).
  return Object.fromEntries(aliases)
}

/** The corpus-wide steps over every article's facts: people merged, topics trained, each article assembled. */
export function enrichCorpus(facts: readonly ArticleFacts[], settings: EnrichSettings): {
  indexed: IndexedArticle[]
  /** The people each article's passages were given (parallel to `facts`). */
  people: string[][][]
  stats: NameStats
  merge: PeopleMerge
  model: TopicModel
} {
  const stats: NameStats = {}
  for (const fact of facts) addNameStats(stats, fact.stats)
  const merge = mergePeople(stats, settings.aliases)
  const trained = trainTopics(topicInputs(facts), settings.taxonomy)
  const parents = topicParents(settings.taxonomy)
  const people: string[][][] = []
  const indexed: IndexedArticle[] = []
  let next = 0
  for (const fact of facts) {
    const own = canonicalPeople(fact.names, merge)
    people.push(own)
    indexed.push(assemble(fact, own, trained.topics.slice(next, next + fact.drafts.length), parents))
    next += fact.drafts.length
  }
  return { indexed, people, stats, merge, model: trained.model }
}

/** What an index of these articles holds besides them: aliases, topic labels and tree, field facets, times. */
export function indexMeta(indexed: readonly IndexedArticle[], articles: readonly Article[], merge: PeopleMerge, taxonomy: Taxonomy, now: string): IndexMeta {
  return {
    personAliases: personAliases(indexed.flatMap((entry) => entry.article.people), merge),
    topicLabels: topicLabels(taxonomy),
    topicParents: topicParents(taxonomy),
    fieldFacets: chooseFieldFacets(articles),
    builtAt: now,
    updatedAt: now,
  }
}
