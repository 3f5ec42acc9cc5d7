import { describe, expect, it } from 'vitest'
import {
  classifyWithModel,
  createTopicClassifier,
  loadTaxonomy,
  topicParents,
  trainTopics,
  type TopicInput,
} from '../../../src/enrich/topics/index.ts'

const taxonomy = loadTaxonomy()
const parents = topicParents(taxonomy)

/** A deterministic pseudo-random sequence (LCG), so fixtures are the same on every run. */
function randomSequence(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

// Business passages of three kinds, and sport and politics passages around them.
const KINDS: Record<string, string[]> = {
  results: ['profit', 'quarter', 'revenue', 'dividend', 'earnings', 'net', 'loss', 'results', 'shares'],
  deals: ['merger', 'takeover', 'acquire', 'bid', 'stake', 'tender', 'offer', 'shareholders', 'company'],
  currency: ['dollar', 'currency', 'yen', 'exchange', 'dealers', 'sterling', 'rates', 'market', 'franc'],
  sport: ['striker', 'goal', 'match', 'league', 'coach', 'stadium', 'season', 'tournament', 'champion'],
  politics: ['election', 'parliament', 'minister', 'vote', 'opposition', 'party', 'government', 'senator', 'campaign'],
}
const FILLER = ['yesterday', 'people', 'city', 'week', 'group', 'plans', 'officials', 'morning', 'later', 'area']

/** `count` passages of each kind, six kind words and three filler words each; `marker` joins the results passages. */
function corpus(count: number, marker?: string): Array<TopicInput & { kind: string }> {
  const random = randomSequence(7)
  const pick = (words: string[]) => words[Math.floor(random() * words.length)]
  const items: Array<TopicInput & { kind: string }> = []
  for (let i = 0; i < count; i++) {
    for (const [kind, words] of Object.entries(KINDS)) {
      const chosen = [pick(words), pick(FILLER), pick(words), pick(words), pick(FILLER), pick(words), pick(words), pick(FILLER), pick(words)]
      if (marker && kind === 'results' && random() < 0.7) chosen.splice(2, 0, marker)
      items.push({ text: `The ${chosen.join(' ')}.`, kind })
    }
  }
  return items
}

describe('trainTopics and classifyWithModel', () => {
  const items = corpus(80, 'zorblat')
  const trained = trainTopics(items, taxonomy)

  it('returns a model that is plain JSON', () => {
    const copy = JSON.parse(JSON.stringify(trained.model))
    expect(copy).toEqual(trained.model)
    expect(trained.model.top).toBeDefined()
  })

  it('gives the training passages exactly the topics training gave them, after a JSON round trip', () => {
    const model = JSON.parse(JSON.stringify(trained.model))
    expect(classifyWithModel(model, items)).toEqual(trained.topics)
  })

  it('labels a passage added later without moving the topics of the others', () => {
    const model = JSON.parse(JSON.stringify(trained.model))
    const added: TopicInput = { text: 'The zorblat and the zorblat rose again, the zorblat said.' }
    const topics = classifyWithModel(model, [...items, added])
    expect(topics.slice(0, items.length)).toEqual(trained.topics)
    expect(topics[items.length]).toEqual(['economy-business-finance', 'business-finance'])
  })

  it('splits the economy passages into their second-level topics, each right after its parent', () => {
    const landing = (kind: string) => {
      const counts = new Map<string, number>()
      items.forEach((item, i) => {
        if (item.kind !== kind) return
        const child = trained.topics[i].find((topic) => parents[topic] === 'economy-business-finance') ?? '(none)'
        counts.set(child, (counts.get(child) ?? 0) + 1)
      })
      return [...counts].sort((a, b) => b[1] - a[1])[0]
    }
    expect(landing('results')).toEqual(['business-finance', expect.any(Number)])
    expect(landing('deals')).toEqual(['strategy-and-marketing', expect.any(Number)])
    expect(landing('currency')).toEqual(['foreign-exchange-market', expect.any(Number)])
    for (const kind of ['results', 'deals', 'currency']) expect(landing(kind)[1]).toBeGreaterThanOrEqual(0.8 * 80)
    for (const topics of trained.topics) {
      topics.forEach((topic, i) => {
        if (parents[topic]) expect(topics.slice(0, i)).toContain(parents[topic])
      })
    }
  })

  it('learns a second-level word from the corpus: a word seen only in results passages means results', () => {
    // Among three modelled second-level topics a word can lift one at most ln 3 nats over their even mix, so
    // the probe needs the word several times to reach the 3 nats a second-level topic needs.
    const probe = { text: 'The zorblat, the zorblat and the zorblat met the zorblat this week.' }
    const lexiconOnly = createTopicClassifier(taxonomy).classify(probe.text).map((t) => t.topic)
    expect(lexiconOnly).not.toContain('business-finance')
    expect(classifyWithModel(trained.model, [probe])[0]).toContain('business-finance')
  })

  it('stores the lexicon classifier for a corpus too small to learn from, and applies it later', () => {
    const small = corpus(4)
    const { topics, model } = trainTopics(small, taxonomy)
    expect(model.top).toBeUndefined()
    expect(model.children).toEqual({})
    const lexicon = createTopicClassifier(taxonomy)
    expect(topics).toEqual(small.map((item) => lexicon.classify(item.text).map((t) => t.topic)))
    expect(classifyWithModel(JSON.parse(JSON.stringify(model)), small)).toEqual(topics)
  })

  it('refuses a model of another format', () => {
    expect(() => classifyWithModel({ ...trained.model, format: 99 as 1 }, items.slice(0, 1))).toThrow(/format/)
  })
})
