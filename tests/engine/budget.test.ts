import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { makeCorpus } from '../helpers/passages.ts'

// Many passages of common words with many distinct words starting with s and c: what makes
// `("of the" s*) OR ("in a" c*)` costly (thousands of prefix expansions, phrase checks on every candidate).
const passages = (count: number) => makeCorpus(
  Array.from({ length: count }, (_, i) => ({
    text: `Of the ${i} reports in a week, the s${i}word and c${i}term and sa${i % 500}x came in a hurry, said the clerk of the court.`,
  })),
)
const corpus = passages(6000)
const engine = createMemoryEngine(corpus, { cacheBytes: 0 })
/** Small enough for the costly query to finish quickly when it has all the time it wants. */
const small = passages(300)

describe('the cost of one search', () => {
  it('limits what a prefix may expand to, and says so', async () => {
    const response = await engine.search({ query: 's*' }, { budgetMs: 60_000 })
    expect(response.notices?.join(' ')).toMatch(/“s\*” matches [\d,]+ words; searched the 500 most frequent/)
    expect(response.total).toBeGreaterThan(0)
  })

  it('stops at its time budget and answers what it has, marked partial', async () => {
    const query = Array.from({ length: 40 }, () => '("of the" s*) OR ("in a" c*)').join(' ')
    const response = await engine.search({ query }, { budgetMs: 1 })
    expect(response.partial).toBe(true)
    const whole = await createMemoryEngine(small).search({ query: '("of the" s*) OR ("in a" c*)' }, { budgetMs: 60_000 })
    expect(whole.partial).toBeUndefined()
  })

  it('stops a search whose client has gone', async () => {
    const controller = new AbortController()
    controller.abort()
    const response = await engine.search({ query: '"of the" OR "in a"' }, { signal: controller.signal, budgetMs: 60_000 })
    expect(response.partial).toBe(true)
  })

  it('never remembers a partial answer', async () => {
    const cached = createMemoryEngine(small)
    const query = '("of the" s*) OR ("in a" c*)'
    expect((await cached.search({ query }, { budgetMs: 1 })).partial).toBe(true)
    expect((await cached.search({ query }, { budgetMs: 60_000 })).partial).toBeUndefined()
  })
})
