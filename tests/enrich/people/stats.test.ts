import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addNameStats, findPeopleInArticle, mergePeople, type NameStats } from '../../../src/enrich/people/index.ts'

const articles: { passages: string[]; givenPeople?: string[] }[] = [
  { passages: ['President Ronald Reagan said he would veto the bill.', 'Reagan spoke later.'] },
  { passages: ['Reagan met congressional leaders.'], givenPeople: ['reagan'] },
  { passages: ['Treasury Secretary James Baker said the dollar was stable.', 'Baker added nothing.'] },
  { passages: ['White House chief of staff Howard Baker, who met reporters, declined to comment.'] },
  { passages: ['Merrill Lynch and Co said it would expand.', 'An economist at Merrill Lynch said rates would fall.'] },
  { passages: ['Merrill Lynch said the offer was fair.'] },
  { passages: ['Chancellor of the Exchequer Nigel Lawson said sterling was strong.', 'Lawson left.'] },
  { passages: ['Lawson said nothing new.'] },
  { passages: ['Mark Waugh scored 40.', 'Steve Waugh, who was out for 12, agreed.'] },
  { passages: ['Emomali Rahmon spoke.', 'E. Rahmon left.', 'Rakhmon returned.'] },
]
const perArticle = articles.map((a) => findPeopleInArticle(a.passages, { givenPeople: a.givenPeople }).stats)
const allNames = [...new Set(perArticle.flatMap((s) => Object.keys(s)))]

/** Everything a merge answers, for comparing two merges. */
function mergeView(stats: NameStats) {
  const merge = mergePeople(stats)
  return allNames.map((name) => {
    const canonical = merge.canonical(name)
    return [name, canonical, canonical === undefined ? [] : merge.aliasesOf(canonical)]
  })
}

function sum(parts: NameStats[]): NameStats {
  const total: NameStats = {}
  for (const part of parts) addNameStats(total, part)
  return total
}

describe('NameStats', () => {
  it('give the same merge whatever order the articles are added in', () => {
    const expected = mergeView(sum(perArticle))
    fc.assert(
      fc.property(fc.shuffledSubarray(perArticle.map((_, i) => i), { minLength: perArticle.length }), (order) => {
        expect(mergeView(sum(order.map((i) => perArticle[i])))).toEqual(expected)
      }),
      { numRuns: 50 },
    )
  })

  it('give, with one article’s stats removed, the merge computed without that article', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: perArticle.length - 1 }), fc.shuffledSubarray(perArticle.map((_, i) => i), { minLength: perArticle.length }), (removed, order) => {
        const total = sum(order.map((i) => perArticle[i]))
        addNameStats(total, perArticle[removed], -1)
        const fromScratch = sum(perArticle.filter((_, i) => i !== removed))
        expect(total).toEqual(fromScratch)
        expect(mergeView(total)).toEqual(mergeView(fromScratch))
      }),
      { numRuns: 50 },
    )
  })

  it('drop a name once no article gives any evidence for it', () => {
    const total = sum(perArticle)
    for (const stats of perArticle) addNameStats(total, stats, -1)
    expect(total).toEqual({})
  })

  it('are plain JSON that survives a round trip', () => {
    const total = sum(perArticle)
    expect(JSON.parse(JSON.stringify(total))).toEqual(total)
  })

  it('merge the corpus’s surname-only mentions and keep firms out (the articles above)', () => {
    const merge = mergePeople(sum(perArticle))
    expect(merge.canonical('Ronald Reagan')).toBe('Ronald Reagan')
    expect(merge.canonical('Nigel Lawson')).toBe('Nigel Lawson')
    expect(merge.canonical('Lawson')).toBe('Nigel Lawson')
    expect(merge.canonical('Merrill Lynch')).toBeUndefined()
    expect(merge.canonical('E. Rahmon')).toBe('Emomali Rahmon')
  })
})
