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

  describe('with two levels', () => {
    const parents = { 'business-finance': 'economy', 'strategy-and-marketing': 'economy', election: 'politics' }

    it('chooses top-level topics among top-level topics only, each followed by its own second-level topics', () => {
      const passages = [
        ['economy', 'business-finance'],
        ['economy', 'business-finance', 'politics', 'election'],
        ['economy', 'strategy-and-marketing'],
        ['economy', 'business-finance'],
      ]
      expect(articleTopics(passages, { parents })).toEqual(['economy', 'business-finance', 'strategy-and-marketing', 'politics', 'election'])
    })

    it('votes on second-level topics among the passages carrying the parent', () => {
      const passages = [['economy', 'business-finance'], ['economy'], ['economy'], ['economy'], ['economy']]
      expect(articleTopics(passages, { parents })).toEqual(['economy', 'business-finance'])
      expect(articleTopics([['economy'], ['economy']], { parents })).toEqual(['economy'])
    })
  })
})

