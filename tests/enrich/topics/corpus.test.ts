import { describe, expect, it } from 'vitest'
import {
  classifyCorpus,
  createTopicClassifier,
  loadTaxonomy,
  trainTopics,
  type TopicInput,
} from '../../../src/enrich/topics/index.ts'

const taxonomy = loadTaxonomy()
const topicIds = new Set(taxonomy.topics.map((topic) => topic.id))
const isTopLevel = (id: string) => !taxonomy.topics.find((topic) => topic.id === id)?.parent

const VOCABULARY: Record<string, string[]> = {
  sport: ['striker', 'goal', 'match', 'league', 'coach', 'stadium', 'season', 'tournament', 'champion', 'referee', 'midfielder', 'penalty'],
  'economy-business-finance': ['shares', 'profit', 'investors', 'market', 'bank', 'inflation', 'earnings', 'quarterly', 'dividend', 'stock', 'revenue', 'merger'],
  politics: ['election', 'parliament', 'minister', 'vote', 'opposition', 'party', 'government', 'senator', 'campaign', 'ballot', 'cabinet', 'coalition'],
  'science-technology': ['scientists', 'research', 'laboratory', 'experiment', 'telescope', 'physics', 'molecule', 'genome', 'astronomers', 'study', 'software', 'computer'],
}
const FILLER = ['yesterday', 'people', 'city', 'week', 'group', 'plans', 'officials', 'morning', 'later', 'area']

/** A deterministic pseudo-random sequence (LCG), so fixtures are the same on every run. */
function randomSequence(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** `count` passages per topic, each five topic words and three filler words; `extra` adds words to a topic's passages. */
function syntheticCorpus(count: number, extra: Record<string, { word: string; share: number }> = {}): Array<TopicInput & { topic: string }> {
  const random = randomSequence(42)
  const pick = (words: string[]) => words[Math.floor(random() * words.length)]
  const items: Array<TopicInput & { topic: string }> = []
  for (let i = 0; i < count; i++) {
    for (const [topic, words] of Object.entries(VOCABULARY)) {
      const chosen = [pick(words), pick(FILLER), pick(words), pick(words), pick(FILLER), pick(words), pick(FILLER), pick(words)]
      const added = extra[topic]
      if (added && random() < added.share) chosen.splice(3, 0, added.word)
      items.push({ text: `The ${chosen.join(' ')}.`, topic })
    }
  }
  return items
}

describe('classifyCorpus', () => {
  it('learns from the corpus that a word seen only beside sport words is sport', () => {
    // "zorblat" is in no lexicon; in this corpus it only ever appears in sport passages.
    const corpus = syntheticCorpus(60, { sport: { word: 'zorblat', share: 0.7 } })
    const probe = 'The zorblat and the zorblat met again, and the zorblat won the bank.'
    const lexiconTop = createTopicClassifier(taxonomy).classify(probe)[0]?.topic
    expect(lexiconTop).toBe('economy-business-finance')
    const topics = classifyCorpus([...corpus, { text: probe }], taxonomy)
    expect(topics[topics.length - 1][0]).toBe('sport')
  })

  it('learns a word from the titles of a topic\'s passages, as the model weighs titles', () => {
    // "zorblat" is in no lexicon and appears only in the titles of sport passages.
    const corpus = syntheticCorpus(60).map((item) => (item.topic === 'sport' ? { ...item, title: 'Zorblat weekly' } : item))
    const probe = 'The zorblat and the zorblat met again, and the zorblat won the bank.'
    const withTitles = classifyCorpus([...corpus, { text: probe }], taxonomy)
    expect(withTitles[withTitles.length - 1][0]).toBe('sport')
    const withoutTitles = classifyCorpus([...corpus, { text: probe }], taxonomy, { modelContextWeight: 0 })
    expect(withoutTitles[withoutTitles.length - 1][0]).toBe('economy-business-finance')
  })

  it('gives a corpus too small to learn from exactly the lexicon classifier’s topics', () => {
    const corpus = syntheticCorpus(10)
    expect(corpus.length).toBeLessThan(200)
    const classifier = createTopicClassifier(taxonomy)
    const expected = corpus.map((item) => classifier.classify(item.text, { title: item.title, section: item.section }).map((t) => t.topic))
    expect(classifyCorpus(corpus, taxonomy)).toEqual(expected)
    expect(trainTopics(corpus, taxonomy).model.top).toBeUndefined()
  })

  it('keeps a mixed corpus mixed instead of collapsing into one topic', () => {
    const corpus = syntheticCorpus(75)
    const result = trainTopics(corpus, taxonomy)
    expect(result.model.top).toBeDefined()
    const topFor = new Map<string, Map<string, number>>()
    result.topics.forEach((topics, i) => {
      const counts = topFor.get(corpus[i].topic) ?? new Map<string, number>()
      const top = topics[0] ?? '(none)'
      counts.set(top, (counts.get(top) ?? 0) + 1)
      topFor.set(corpus[i].topic, counts)
    })
    for (const [topic, counts] of topFor) expect(counts.get(topic) ?? 0).toBeGreaterThanOrEqual(0.8 * 75)
  })

  it('returns one list of known topic ids per passage, at most three top-level, none for text without evidence', () => {
    const corpus: TopicInput[] = [...syntheticCorpus(60), { text: '' }, { text: 'It was there, and then it was not.' }, { text: 'Yes, of course.', title: 'Election campaign enters final week' }]
    const topics = classifyCorpus(corpus, taxonomy)
    expect(topics).toHaveLength(corpus.length)
    for (const list of topics) {
      expect(list.filter(isTopLevel).length).toBeLessThanOrEqual(3)
      expect(new Set(list).size).toBe(list.length)
      for (const topic of list) expect(topicIds.has(topic)).toBe(true)
    }
    expect(topics.slice(-3)).toEqual([[], [], []])
  })

  it('gives the same topics on every run', () => {
    const corpus = syntheticCorpus(60, { sport: { word: 'zorblat', share: 0.5 } })
    expect(classifyCorpus(corpus, taxonomy)).toEqual(classifyCorpus(corpus, taxonomy))
  })

  it('accepts an empty corpus', () => {
    expect(classifyCorpus([], taxonomy)).toEqual([])
  })
})
