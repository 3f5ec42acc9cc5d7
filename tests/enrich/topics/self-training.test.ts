import { describe, expect, it } from 'vitest'
import { buildFeatureMatrix } from '../../../src/enrich/topics/features.ts'
import { defaultSelfTrainingOptions, selfTrain } from '../../../src/enrich/topics/self-training.ts'
import { stem } from '../../../src/enrich/topics/text.ts'

describe('selfTrain', () => {
  it('leaves a word outside every lexicon as likely in a topic with a long word list as in one with a short list', () => {
    // Two topics with the same training text: twenty passages each, all with "common". Topic 0's lexicon is
    // one word of the corpus, topic 1's eleven; the ten extra words sit in passages that do not seed anything.
    const extra = Array.from({ length: 10 }, (_, i) => `extra${String.fromCharCode(97 + i)}`)
    const texts = [
      ...Array.from({ length: 20 }, () => 'alpha common'),
      ...Array.from({ length: 20 }, () => 'beta common'),
      ...extra.map((word) => `${word} ${word}`),
      ...extra.map((word) => `${word} filler`),
      'common',
    ]
    const matrix = buildFeatureMatrix(texts.map((text) => ({ text })), { contextWeight: 1, minPassages: 2, bigrams: false, dampRepeats: false })
    const idOf = (word: string) => matrix.idOf.get(stem(word))!
    const seedScores = new Float64Array(texts.length * 2)
    const seedOwn = new Float64Array(texts.length)
    for (let p = 0; p < 40; p++) {
      seedScores[p * 2 + (p < 20 ? 0 : 1)] = 2
      seedOwn[p] = 2
    }
    const lexiconPrior = [new Map([[idOf('alpha'), 1]]), new Map([[idOf('beta'), 1], ...extra.map((word): [number, number] => [idOf(word), 1])])]
    const result = selfTrain(matrix, seedScores, seedOwn, lexiconPrior, { ...defaultSelfTrainingOptions, maxIterations: 0 })

    const probe = (texts.length - 1) * 2
    expect(result.gain[probe]).toBeCloseTo(result.gain[probe + 1], 6)
  })
})
