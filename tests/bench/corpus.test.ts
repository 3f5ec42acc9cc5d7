import { describe, expect, it } from 'vitest'
import { cleanAgText, groupsOf, personFromTag, scaleCorpus, splitReutersBody, splitSentences, type BenchCorpus } from '../../bench/corpus.ts'
import { clippingsQueryString, makeQueryMix, seededRandom } from '../../bench/queries.ts'
import { ftsMatch } from '../../bench/systems/fts-match.ts'
import { percentile, spread } from '../../bench/stats.ts'
import { makeCorpus } from '../helpers/passages.ts'

describe('splitReutersBody', () => {
  it('starts a paragraph at each indented line and joins hard-wrapped lines', () => {
    const body = 'Showers continued in\nthe cocoa zone.\n    The dry period means\nlate arrivals.\n Reuter\n&#3;'
    expect(splitReutersBody(body)).toEqual(['Showers continued in the cocoa zone.', 'The dry period means late arrivals.'])
  })

  it('starts a paragraph after a blank line too', () => {
    expect(splitReutersBody('One line.\n\nAnother line.')).toEqual(['One line.', 'Another line.'])
  })
})

describe('corpus helpers', () => {
  it('splits an abstract into sentences and groups them by three', () => {
    const sentences = splitSentences('A is one. B is two! C is three? D is four. E is five.')
    expect(sentences).toHaveLength(5)
    expect(groupsOf(sentences, 3).map((g) => g.length)).toEqual([3, 2])
  })

  it('title-cases Reuters people tags and unescapes AG News text', () => {
    expect(personFromTag('james-baker')).toBe('James Baker')
    expect(cleanAgText('the #36;10 million\\prize')).toBe('the $10 million prize')
  })
})

describe('scaleCorpus', () => {
  it('repeats passages with distinct ids, numbered sources and dates shifted by whole years', () => {
    const base: BenchCorpus = { ...makeCorpus([{ text: 'One.', date: '1987-03-01' }, { text: 'Two.', date: '1987-04-01' }]), topicLabels: {} }
    const scaled = scaleCorpus(base, 5)
    expect(scaled.passages.map((p) => p.id)).toEqual(['p0', 'p1', 'p0~1', 'p1~1', 'p0~2'])
    expect(scaled.passages[3]).toMatchObject({ articleId: 'a1~1', source: 'Daily-1', date: { iso: '1988-04-01' } })
    expect(scaled.articles.map((a) => a.id)).toEqual(['a0', 'a1', 'a0~1', 'a1~1', 'a0~2'])
  })
})

describe('the query mix', () => {
  const { passages } = makeCorpus(
    Array.from({ length: 60 }, (_, i) => ({ text: `Coffee exporters raised prices ${i} while cocoa growers waited for rainfall`, topics: ['coffee'], source: i % 2 ? 'Reuters' : 'AP' })),
  )

  it('is the same for the same seed', () => {
    expect(makeQueryMix(passages, { count: 24, seed: 3 })).toEqual(makeQueryMix(passages, { count: 24, seed: 3 }))
    const random = seededRandom(1)
    expect(random()).toBeGreaterThanOrEqual(0)
  })

  it('mixes words, phrases and prefixes, a third of them with two facets', () => {
    const mix = makeQueryMix(passages, { count: 24 })
    expect(mix).toHaveLength(24)
    expect(new Set(mix.map((q) => q.kind))).toEqual(new Set(['words', 'phrase', 'prefix']))
    expect(mix.filter((q) => q.filters)).toHaveLength(8)
  })

  it('writes each query in the syntax of Clippings and of FTS5', () => {
    expect(clippingsQueryString({ kind: 'phrase', words: ['cocoa', 'growers'] })).toBe('"cocoa growers"')
    expect(clippingsQueryString({ kind: 'prefix', words: ['coffee', 'expo'] })).toBe('coffee expo*')
    expect(ftsMatch({ kind: 'prefix', words: ['coffee', 'expo'] })).toBe('"coffee" "expo"*')
    expect(ftsMatch({ kind: 'phrase', words: ['cocoa', 'growers'] })).toBe('"cocoa growers"')
  })
})

describe('stats', () => {
  it('takes nearest-rank percentiles and min / median / max', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([50, 95, 99])
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 })
  })
})
