import { describe, it, expect } from 'vitest'
import { foldDuplicates, fingerprint, similarity } from '../../src/engine/collapse.ts'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { timelineOf } from '../../src/engine/timeline.ts'
import { makeCorpus } from '../helpers/passages.ts'

const STORY = 'OPEC wants an 18 dlr oil price, its president said on Tuesday, and will defend it with output cuts if needed.'

describe('folding repeated passages', () => {
  it('takes texts that differ only in case, spacing and punctuation for the same', () => {
    expect(similarity(fingerprint(STORY), fingerprint(STORY.toUpperCase().replace(/,/g, '')))).toBe(1)
  })

  it('takes a lightly edited copy for a near-duplicate, and a different story for another', () => {
    const edited = STORY.replace('on Tuesday', 'on Tuesday in Vienna')
    expect(similarity(fingerprint(STORY), fingerprint(edited))).toBeGreaterThanOrEqual(0.6)
    expect(similarity(fingerprint(STORY), fingerprint('Coffee prices fell on the London market as Brazil sold more of its harvest abroad.'))).toBe(0)
  })

  it('folds later copies into the first, never within one article, and stops once enough stand', () => {
    const items = [
      { text: STORY, article: 'a' },
      { text: 'Something else entirely about the weather in the mountains this week.', article: 'b' },
      { text: STORY, article: 'c' },
      { text: STORY, article: 'a' },
      { text: 'A third story on the harvest of cotton in the south.', article: 'd' },
    ]
    const folded = foldDuplicates(items, (item) => item.text, (item) => item.article)
    expect(folded.map(({ item, duplicates }) => [item.article, duplicates.map((d) => d.article)])).toEqual([
      ['a', ['c']],
      ['b', []],
      ['a', []],
      ['d', []],
    ])
    expect(foldDuplicates(items, (item) => item.text, (item) => item.article, 2).length).toBe(2)
  })

  it('shows each story once in results by default, listing the copies, and every copy when asked', async () => {
    const corpus = makeCorpus([
      { text: STORY, article: 'wire-1', date: '1987-03-02' },
      { text: STORY, article: 'wire-2', date: '1987-03-02' },
      { text: STORY.replace('Tuesday', 'Monday'), article: 'wire-3', date: '1987-03-01' },
      { text: 'Oil prices rose in New York after OPEC ministers met in Geneva to discuss quotas.', article: 'wire-4', date: '1987-03-03' },
    ])
    const engine = createMemoryEngine(corpus)
    const folded = await engine.search({ query: 'opec oil price' })
    expect(folded.total).toBe(4)
    expect(folded.results.length).toBe(2)
    expect(folded.collapsed).toBe(2)
    expect(folded.results.flatMap((hit) => hit.duplicates ?? []).map((d) => d.articleId).sort()).toEqual(expect.arrayContaining(['wire-2']))
    const all = await engine.search({ query: 'opec oil price', collapse: false })
    expect(all.results.length).toBe(4)
    expect(all.collapsed).toBeUndefined()
  })
})

describe('the timeline', () => {
  it('counts by day over a short span, by month over a longer one, by year over a decade, with empty periods', () => {
    expect(timelineOf([20240301, 20240301, 20240303, -1])).toEqual({
      unit: 'day',
      buckets: [
        { period: '2024-03-01', count: 2 },
        { period: '2024-03-02', count: 0 },
        { period: '2024-03-03', count: 1 },
      ],
      undated: 1,
    })
    expect(timelineOf([20231115, 20240201]).buckets.map((b) => b.period)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
    expect(timelineOf([20010101, 20240101]).unit).toBe('year')
    expect(timelineOf([-1])).toEqual({ unit: 'year', buckets: [], undated: 1 })
  })

  it('comes with a search that asks for it, counting every match', async () => {
    const engine = createMemoryEngine(
      makeCorpus([
        { text: 'Dam news one.', date: '2024-01-05' },
        { text: 'Dam news two.', date: '2024-04' },
        { text: 'Dam news three.' },
        { text: 'Cotton news.', date: '2024-02-01' },
      ]),
    )
    const response = await engine.search({ query: 'dam', timeline: true })
    expect(response.timeline).toEqual({ unit: 'month', buckets: [{ period: '2024-01', count: 1 }, { period: '2024-02', count: 0 }, { period: '2024-03', count: 0 }, { period: '2024-04', count: 1 }], undated: 1 })
    expect((await engine.search({ query: 'dam' })).timeline).toBeUndefined()
  })
})
