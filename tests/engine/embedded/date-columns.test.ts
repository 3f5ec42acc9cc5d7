import { describe, it, expect } from 'vitest'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import { makeCorpus } from '../../helpers/passages.ts'

const engine = createMemoryEngine(
  makeCorpus([
    { text: 'One.', date: '2020-05' },
    { text: 'Two.' },
    { text: 'Three.', date: '2019' },
    { text: 'Four.', date: '2020-05' },
    { text: 'Five.', date: '2021-01-15' },
    { text: 'Six.' },
    { text: 'Seven.', date: '2020-05' },
  ]),
)
const order = async (sort: 'newest' | 'oldest') => (await engine.search({ sort, size: 100 })).results.map((hit) => hit.passage.id)

describe('date columns', () => {
  it('sorts oldest first with equal dates in passage order and undated passages last', async () => {
    expect(await order('oldest')).toEqual(['p2', 'p0', 'p3', 'p6', 'p4', 'p1', 'p5'])
  })

  it('sorts newest first with equal dates in passage order and undated passages last', async () => {
    expect(await order('newest')).toEqual(['p4', 'p0', 'p3', 'p6', 'p2', 'p1', 'p5'])
  })

  it('gives year and month facet values as the dates spell them, a year-only date having no month', async () => {
    const { facets } = await engine.search({ size: 1 })
    const counts = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]))
    expect(counts(facets.year.values)).toEqual({ '2021': 1, '2020': 3, '2019': 1, undated: 2 })
    const { facets: byYear } = await engine.search({ size: 1, filters: { year: ['2019', '2020', '2021'] } })
    expect(counts(byYear.month.values)).toEqual({ '2021-01': 1, '2020-05': 3, undated: 1 })
  })
})
