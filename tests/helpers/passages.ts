// Small hand-made passages and articles for engine tests: enough variety for every facet and sort.
import type { ArticleRecord, Passage, PartialDate } from '../../src/model.ts'

interface PassageSpec {
  text: string
  source?: string
  date?: string
  people?: string[]
  topics?: string[]
  article?: string
  section?: string
  title?: string
}

function partialDate(iso: string): PartialDate {
  return { iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' }
}

/** Passages numbered in order of the specs, grouped into articles by `article` (default: one each). */
export function makeCorpus(specs: PassageSpec[]): { articles: ArticleRecord[]; passages: Passage[] } {
  const passages: Passage[] = specs.map((spec, i) => ({
    id: `p${i}`,
    articleId: spec.article ?? `a${i}`,
    position: 0,
    text: spec.text,
    section: spec.section,
    title: spec.title ?? `Article ${spec.article ?? i}`,
    source: spec.source ?? 'Daily',
    date: spec.date ? partialDate(spec.date) : undefined,
    people: spec.people ?? [],
    topics: spec.topics ?? [],
  }))
  const byArticle = new Map<string, Passage[]>()
  for (const p of passages) byArticle.set(p.articleId, [...(byArticle.get(p.articleId) ?? []), p])
  const articles: ArticleRecord[] = [...byArticle].map(([id, members]) => {
    members.forEach((p, position) => (p.position = position))
    return {
      id,
      title: members[0].title,
      titleOrigin: 'metadata',
      source: members[0].source,
      date: members[0].date,
      language: 'en',
      file: `${id}.txt`,
      passageIds: members.map((p) => p.id),
      people: [...new Set(members.flatMap((p) => p.people))],
      topics: [...new Set(members.flatMap((p) => p.topics))],
    }
  })
  return { articles, passages }
}
