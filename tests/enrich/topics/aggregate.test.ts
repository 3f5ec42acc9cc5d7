import { describe, expect, it } from 'vitest'
import { articleTopics } from '../../../src/enrich/topics/index.ts'

describe('articleTopics', () => {
  it('keeps the topics a meaningful share of passages carry, best first', () => {
    const passages = [['politics'], ['politics', 'economy-business-finance'], ['economy-business-finance'], ['politics'], ['sport']]
    expect(articleTopics(passages)).toEqual(['politics', 'economy-business-finance'])
  })

  it('ignores a topic only one passage in many mentions', () => {
    const passages = [['politics'], ['politics'], ['politics'], ['politics'], ['politics', 'weather']]
    expect(articleTopics(passages)).toEqual(['politics'])
  })

  it('counts only passages that have a topic', () => {
    expect(articleTopics([[], [], ['health'], []])).toEqual(['health'])
  })

  it('gives an article without topical passages no topic', () => {
    expect(articleTopics([])).toEqual([])
    expect(articleTopics([[], []])).toEqual([])
  })

  it('still names the most voted topic when every topic is scattered', () => {
    const passages = [['politics'], ['sport'], ['health'], ['religion'], ['education'], ['politics', 'labour']]
    expect(articleTopics(passages, { minShare: 0.5 })).toEqual(['politics'])
  })
})
