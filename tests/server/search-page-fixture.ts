// A small newswire for the search page's tests: one source, dates over four months of 1987 and one undated
// story, the corpus's own fields (places, orgs, tags), two-level topics, and one story filed three times, so
// folding, field facets, the topic tree and the timeline all have something to show.
import { createMemoryEngine } from '../../src/engine/index.ts'
import type { EmbeddedEngine } from '../../src/engine/embedded/engine.ts'
import type { ArticleRecord, Passage } from '../../src/model.ts'

interface WireStory {
  id: string
  title: string
  date?: string
  passages: string[]
  people?: string[]
  topics: string[]
  fields: Record<string, string[]>
}

const OPEC_PRICE = 'OPEC wants an oil price of 18 dlrs a barrel, an official said in Luxembourg on Tuesday.'

export const WIRE_STORIES: WireStory[] = [
  {
    id: 'coffee-talks-fail',
    title: 'COFFEE TALKS FAIL',
    date: '1987-03-09',
    passages: ['Coffee producers failed to agree on export quotas at the London talks.', 'Brazil said coffee prices would fall further without quotas.'],
    topics: ['economy', 'commodity-market'],
    fields: { places: ['brazil', 'uk'], orgs: ['ico-coffee'], tag: ['coffee'] },
  },
  {
    id: 'brazil-coffee-exports',
    title: 'BRAZIL COFFEE EXPORTS RISE',
    date: '1987-03-20',
    passages: ['Brazil coffee exports rose in March, the institute said.'],
    topics: ['economy', 'commodity-market'],
    fields: { places: ['brazil'], tag: ['coffee'] },
  },
  {
    id: 'opec-price-first',
    title: 'OPEC WANTS 18 DLR OIL PRICE',
    date: '1987-03-17',
    passages: [OPEC_PRICE],
    topics: ['economy', 'energy'],
    fields: { places: ['luxembourg'], orgs: ['opec'], tag: ['crude'] },
  },
  {
    id: 'opec-price-again',
    title: 'OPEC WANTS 18 DLR OIL PRICE - OFFICIAL',
    date: '1987-03-18',
    passages: [OPEC_PRICE, 'Ministers of the oil producers meet again in June.'],
    topics: ['economy', 'energy'],
    fields: { places: ['luxembourg'], orgs: ['opec'], tag: ['crude'] },
  },
  {
    id: 'opec-price-third',
    title: 'OIL PRICE OF 18 DLRS SOUGHT',
    date: '1987-04-02',
    passages: [OPEC_PRICE],
    topics: ['economy', 'energy'],
    fields: { places: ['luxembourg'], orgs: ['opec'], tag: ['crude'] },
  },
  {
    id: 'reagan-trade',
    title: 'REAGAN KEEPS JAPAN SANCTIONS',
    date: '1987-04-10',
    passages: ['Ronald Reagan said trade sanctions on Japan would stay until its chip makers open their market.'],
    people: ['Ronald Reagan'],
    topics: ['politics'],
    fields: { places: ['usa', 'japan'], tag: ['trade'] },
  },
  {
    id: 'soviet-grain',
    title: 'SOVIET GRAIN SHIPMENTS RISE',
    date: '1987-06-01',
    passages: ['Wheat and grain shipments to the Soviet Union rose sharply in May.'],
    topics: ['economy', 'commodity-market'],
    fields: { places: ['ussr', 'usa'], tag: ['grain', 'wheat'] },
  },
  {
    id: 'cocoa-note',
    title: 'A NOTE ON COCOA STOCKS',
    passages: ['Cocoa stocks in the warehouses grew, traders said, without giving a date.'],
    topics: ['economy', 'commodity-market'],
    fields: { places: ['ivory-coast'], tag: ['cocoa'] },
  },
]

export const WIRE_TOPIC_LABELS: Record<string, string> = {
  economy: 'economy, business and finance',
  'commodity-market': 'commodity market',
  energy: 'energy and resource',
  politics: 'politics',
}

export const WIRE_TOPIC_PARENTS: Record<string, string> = { 'commodity-market': 'economy', energy: 'economy' }

function partialDate(iso: string) {
  return { iso, precision: iso.length === 10 ? ('day' as const) : iso.length === 7 ? ('month' as const) : ('year' as const) }
}

export function wireData(): { articles: ArticleRecord[]; passages: Passage[] } {
  const articles: ArticleRecord[] = []
  const passages: Passage[] = []
  for (const story of WIRE_STORIES) {
    const own: Passage[] = story.passages.map((text, position) => ({
      id: `${story.id}-${position}`,
      articleId: story.id,
      position,
      text,
      title: story.title,
      source: 'Wire',
      date: story.date ? partialDate(story.date) : undefined,
      people: story.people ?? [],
      topics: story.topics,
      fields: story.fields,
    }))
    passages.push(...own)
    articles.push({
      id: story.id,
      title: story.title,
      titleOrigin: 'metadata',
      source: 'Wire',
      date: story.date ? partialDate(story.date) : undefined,
      language: 'en',
      file: 'wire.jsonl',
      passageIds: own.map((passage) => passage.id),
      people: story.people ?? [],
      topics: story.topics,
      fields: story.fields,
    })
  }
  return { articles, passages }
}

export function wireEngine(): EmbeddedEngine {
  return createMemoryEngine({ ...wireData(), topicLabels: WIRE_TOPIC_LABELS, topicParents: WIRE_TOPIC_PARENTS, fieldFacets: ['orgs', 'places'] })
}
