// A small hand-made corpus for the server tests: four articles from three sources, with people, topics,
// dates, sections, a derived title, an unsafe URL and markup in the text, served by the real memory engine.
import { createMemoryEngine } from '../../src/engine/index.ts'
import type { SearchEngine } from '../../src/engine/engine.ts'
import type { ArticleRecord, Passage, PartialDate } from '../../src/model.ts'

interface ArticleSpec {
  id: string
  title: string
  titleOrigin?: ArticleRecord['titleOrigin']
  source: string
  url?: string
  author?: string
  date?: string
  passages: Array<{ text: string; section?: string; people?: string[]; topics?: string[] }>
}

function partialDate(iso: string): PartialDate {
  return { iso, precision: iso.length === 10 ? 'day' : iso.length === 7 ? 'month' : 'year' }
}

export const FIXTURE_ARTICLES: ArticleSpec[] = [
  {
    id: 'migrants-send-money-home',
    title: 'Migrants send money home',
    source: 'CABAR.asia',
    url: 'https://cabar.asia/en/migrants-send-money-home',
    author: 'Aziza Karimova',
    date: '2025-10-28',
    passages: [
      { text: 'Remittances from labour migrants in Russia make up a third of the economy of Tajikistan.', section: 'Money', people: ['Emomali Rahmon'], topics: ['migration', 'economy'] },
      { text: 'Families in Khatlon depend on remittances to pay for food, schooling and weddings.', section: 'Money', people: [], topics: ['migration'] },
      { text: 'Vladimir Putin and Emomali Rahmon discussed the rights of migrant workers in Moscow.', section: 'Politics', people: ['Vladimir Putin', 'Emomali Rahmon'], topics: ['migration', 'politics'] },
    ],
  },
  {
    id: 'power-transition-in-tajikistan',
    title: 'Power transition in Tajikistan',
    source: 'CABAR.asia',
    date: '2025-10',
    passages: [
      { text: 'Rustam Emomali is expected to succeed his father as president of Tajikistan.', people: ['Rustam Emomali', 'Emomali Rahmon'], topics: ['politics'] },
      { text: 'The Kremlin considers the succession a risk, and remittances give Moscow leverage.', people: ['Vladimir Putin'], topics: ['politics', 'economy'] },
    ],
  },
  {
    id: 'a-derived-title',
    title: 'Water shortages across the Fergana valley',
    titleOrigin: 'derived',
    source: 'Asia Times',
    url: 'javascript:alert(1)',
    date: '2024-03-02',
    passages: [
      { text: 'Water shortages across the Fergana valley strain relations between Kyrgyzstan and Uzbekistan.', topics: ['environment'] },
      { text: 'Farmers say <script>alert("x")</script> is what the ministry sent instead of water.', people: ['Sadyr Japarov'], topics: ['environment'] },
    ],
  },
  {
    id: 'undated-remittance-note',
    title: 'A note on remittance costs',
    source: 'The Diplomat',
    passages: [{ text: 'Sending remittances through banks costs migrants more than informal channels.', topics: ['economy'] }],
  },
]

export const FIXTURE_TOPIC_LABELS: Record<string, string> = {
  migration: 'Migration',
  economy: 'Economy & trade',
  politics: 'Politics',
  environment: 'Environment',
}

export function fixtureData(): { articles: ArticleRecord[]; passages: Passage[] } {
  const articles: ArticleRecord[] = []
  const passages: Passage[] = []
  for (const spec of FIXTURE_ARTICLES) {
    const own: Passage[] = spec.passages.map((p, position) => ({
      id: `${spec.id}-${position}`,
      articleId: spec.id,
      position,
      text: p.text,
      section: p.section,
      title: spec.title,
      source: spec.source,
      author: spec.author,
      date: spec.date ? partialDate(spec.date) : undefined,
      url: spec.url,
      people: p.people ?? [],
      topics: p.topics ?? [],
    }))
    passages.push(...own)
    articles.push({
      id: spec.id,
      title: spec.title,
      titleOrigin: spec.titleOrigin ?? 'metadata',
      source: spec.source,
      url: spec.url,
      author: spec.author,
      date: spec.date ? partialDate(spec.date) : undefined,
      language: 'en',
      file: `${spec.id}.txt`,
      passageIds: own.map((p) => p.id),
      people: [...new Set(own.flatMap((p) => p.people))],
      topics: [...new Set(own.flatMap((p) => p.topics))],
    })
  }
  return { articles, passages }
}

export function fixtureEngine(): SearchEngine {
  return createMemoryEngine({ ...fixtureData(), topicLabels: FIXTURE_TOPIC_LABELS })
}
