// The contract suite's corpus: a dozen passages in seven articles with every facet, partial dates, an
// undated article, a corpus field, person aliases and topic labels, small enough to know each answer by hand.
import type { IndexData } from '../../../src/engine/engine.ts'
import type { ArticleRecord, Passage, PartialDate } from '../../../src/model.ts'

interface Spec {
  article: string
  text: string
  title: string
  source: string
  date?: string
  people?: string[]
  topics?: string[]
  section?: string
  region?: string[]
}

const date = (iso: string): PartialDate => ({ iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' })

/** The passages in corpus order: p0, p1, … (ids are what the cases name). */
export const SPECS: Spec[] = [
  // a0: remittances, two passages, March 2024
  { article: 'a0', title: 'Remittances from Russia', source: 'Daily', date: '2024-03-05', people: ['Vladimir Putin'], topics: ['economy'], region: ['Asia'],
    text: 'Migrant workers send remittances home from Moscow, and the money keeps families afloat.' },
  { article: 'a0', title: 'Remittances from Russia', source: 'Daily', date: '2024-03-05', people: ['Emomali Rahmon'], topics: ['economy'], region: ['Asia'], section: 'Dushanbe',
    text: 'In Dushanbe, President Rahmon praised the migrants while the remittance figures fell.' },
  // a1: war, three passages, 2024-02 (month precision)
  { article: 'a1', title: 'The war and the economy', source: 'Weekly', date: '2024-02', people: ['Vladimir Putin'], topics: ['politics'],
    text: 'The Kremlin still calls it a special military operation rather than a war.' },
  { article: 'a1', title: 'The war and the economy', source: 'Weekly', date: '2024-02', topics: ['politics', 'economy'],
    text: 'Sanctions hit the economy hard, and the state of emergency was extended again.' },
  { article: 'a1', title: 'The war and the economy', source: 'Weekly', date: '2024-02', people: ['Sergey Lavrov'], topics: ['politics'],
    text: 'Lavrov said the state would not bow to sanctions from Ukraine or anyone else.' },
  // a2: hydropower, 2023 (year precision)
  { article: 'a2', title: 'The Rogun dam', source: 'CABAR.asia', date: '2023', people: ['Emomali Rahmon'], topics: ['environment'], region: ['Asia'],
    text: 'The Rogun dam on the Vakhsh river will produce hydropower for the region.' },
  { article: 'a2', title: 'The Rogun dam', source: 'CABAR.asia', date: '2023', topics: ['environment', 'economy'], region: ['Asia'],
    text: 'Critics of the dam point to costs: to be or not to be built is still the question.' },
  // a3: Türkiye, day precision, 2025
  { article: 'a3', title: 'Türkiye and the gas pipeline', source: 'Daily', date: '2025-10-28', people: ['Recep Erdogan'], topics: ['economy'], region: ['Europe'],
    text: 'Türkiye signed a gas pipeline deal, and Erdogan’s ministers celebrated in Ankara.' },
  // a4: undated
  { article: 'a4', title: 'Notes without a date', source: 'Blog', topics: ['culture'],
    text: 'A state emergency drill was held; the remittances office of the Rogan family stayed open.' },
  // a5: same day as a0, for date ties
  { article: 'a5', title: 'Moscow markets', source: 'Weekly', date: '2024-03-05', people: ['Vladimir Putin'], topics: ['economy'], region: ['Europe'],
    text: 'Moscow markets rose as remittances and gas revenue grew.' },
  // a6: electricity, 2019, typo target words
  { article: 'a6', title: 'Electricity exports', source: 'CABAR.asia', date: '2019-06-01', people: ['Emomali Rahmon'], topics: ['environment'], region: ['Asia'],
    text: 'Electricity exports to Afghanistan doubled, President Rahmon announced.' },
  { article: 'a6', title: 'Electricity exports', source: 'CABAR.asia', date: '2019-06-01', topics: ['environment'], region: ['Asia'],
    text: 'Hydropower from the Nurek plant carries most of the electricity load.' },
]

export const TOPIC_LABELS: Record<string, string> = {
  economy: 'Economy, business and finance',
  politics: 'Politics',
  environment: 'Environment',
  culture: 'Arts, culture and entertainment',
}

export const PERSON_ALIASES: Record<string, string[]> = { 'Emomali Rahmon': ['Emomalii Rahmon', 'E. Rahmon'] }

export function contractData(): IndexData {
  const passages: Passage[] = SPECS.map((spec, i) => ({
    id: `p${i}`,
    articleId: spec.article,
    position: 0,
    text: spec.text,
    section: spec.section,
    title: spec.title,
    source: spec.source,
    date: spec.date ? date(spec.date) : undefined,
    people: spec.people ?? [],
    topics: spec.topics ?? [],
    ...(spec.region ? { fields: { region: spec.region } } : {}),
  }))
  const articles: ArticleRecord[] = []
  for (const passage of passages) {
    let article = articles.find((a) => a.id === passage.articleId)
    if (!article) {
      article = {
        id: passage.articleId,
        title: passage.title,
        titleOrigin: 'metadata',
        source: passage.source,
        date: passage.date,
        language: 'en',
        file: `${passage.articleId}.md`,
        passageIds: [],
        people: [],
        topics: [],
        ...(passage.fields ? { fields: passage.fields } : {}),
      }
      articles.push(article)
    }
    passage.position = article.passageIds.length
    article.passageIds.push(passage.id)
    article.people = [...new Set([...article.people, ...passage.people])]
    article.topics = [...new Set([...article.topics, ...passage.topics])]
  }
  const now = '2026-01-01T00:00:00.000Z'
  return {
    articles,
    passages,
    personAliases: PERSON_ALIASES,
    topicLabels: TOPIC_LABELS,
    topicParents: {},
    fieldFacets: ['region'],
    builtAt: now,
    updatedAt: now,
  }
}

/** An article to add through a writer, with its passages. */
export function extraArticle(id: string, texts: string[], options: { source?: string; date?: string; people?: string[] } = {}) {
  const passages: Passage[] = texts.map((text, position) => ({
    id: `${id}-p${position}`,
    articleId: id,
    position,
    text,
    title: `Article ${id}`,
    source: options.source ?? 'Daily',
    date: options.date ? date(options.date) : undefined,
    people: options.people ?? [],
    topics: ['economy'],
  }))
  const article: ArticleRecord = {
    id,
    title: `Article ${id}`,
    titleOrigin: 'metadata',
    source: options.source ?? 'Daily',
    date: options.date ? date(options.date) : undefined,
    language: 'en',
    file: `${id}.md`,
    passageIds: passages.map((p) => p.id),
    people: options.people ?? [],
    topics: ['economy'],
  }
  return { article, passages }
}
