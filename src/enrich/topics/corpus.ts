// Topics for a whole corpus at once: the lexicon classifier seeds a naive Bayes model that self-trains on the
// corpus in hand (unlabelled), so the corpus's own vocabulary ("Yankees", "Opteron") counts as evidence.
// Small corpora, with too little text to fit anything, get the lexicon classifier's topics unchanged.
import {
  createLexiconScorer,
  defaultClassifierOptions,
  topicsFromLexicon,
  type ClassifierOptions,
  type TopicScore,
} from './classifier.ts'
import { buildFeatureMatrix, type FeatureMatrix } from './features.ts'
import { defaultSelfTrainingOptions, selfTrain, type SelfTrainingOptions } from './self-training.ts'
import type { Taxonomy } from './taxonomy.ts'
import { EXACT_PREFIX, VERB_FORM_PREFIX, stem } from './text.ts'

/** One passage to classify: its text, and the title and section heading it sits under. */
export interface TopicInput {
  text: string
  title?: string
  section?: string
}

export interface CorpusClassifierOptions {
  /** Fewer passages than this are classified by the lexicon alone: too little text to learn from. */
  minCorpusSize: number
  /**
   * Least evidence, in nats, a passage's own words must give its best topic over an even mix of the modelled
   * topics to get any topic from the adapted model (3 ≈ twenty times likelier); a passage with lexicon
   * evidence passes too.
   */
  minGain: number
  /** A stem must occur in at least this many passages to be learnt from. */
  minPassagesPerStem: number
  /** Learn from pairs of adjacent words as well as single words. */
  bigrams: boolean
  /** Count a word repeated in a passage as log(1 + n) times (Rennie et al. 2003), not n. */
  dampRepeats: boolean
  /**
   * Weight of title and section words in the learnt model, relative to the passage's own (the lexicon seeding
   * keeps `classifier.contextWeight`): in a corpus, a heading's words are learnt together with its passages'.
   */
  modelContextWeight: number
  /** Settings of the lexicon classifier that seeds the model (and of the thresholds both share). */
  classifier: ClassifierOptions
  selfTraining: SelfTrainingOptions
}

export const defaultCorpusClassifierOptions: CorpusClassifierOptions = {
  minCorpusSize: 200,
  minGain: 3,
  minPassagesPerStem: 2,
  bigrams: false,
  dampRepeats: false,
  modelContextWeight: 1,
  classifier: defaultClassifierOptions,
  selfTraining: defaultSelfTrainingOptions,
}

/** Partial options, nested ones partial too. */
export interface CorpusClassifierSettings {
  minCorpusSize?: number
  minGain?: number
  minPassagesPerStem?: number
  bigrams?: boolean
  dampRepeats?: boolean
  modelContextWeight?: number
  classifier?: Partial<ClassifierOptions>
  selfTraining?: Partial<SelfTrainingOptions>
}

/** Topics of every passage with their scores, and how they were reached. */
export interface CorpusTopics {
  /** Per passage, in input order: topics best first, scored in nats of evidence (lexicon units when not adapted). */
  topics: TopicScore[][]
  /** Whether the model adapted to the corpus (false: the lexicon classifier's topics). */
  adapted: boolean
  /** EM rounds run after the first fit (0 when not adapted). */
  iterations: number
}

/** Each topic's lexicon weight per vocabulary entry: single words, one-word names read as words, two-word phrases. */
function lexiconPriors(lexicons: Array<{ entries: Record<string, number> }>, matrix: FeatureMatrix): Array<Map<number, number>> {
  return lexicons.map((lexicon) => {
    const prior = new Map<number, number>()
    for (const [key, weight] of Object.entries(lexicon.entries)) {
      if (key.startsWith(VERB_FORM_PREFIX)) continue
      const word = key.startsWith(EXACT_PREFIX) ? key.slice(EXACT_PREFIX.length).toLowerCase().split(' ').map(stem).join(' ') : key
      const id = matrix.idOf.get(word)
      if (id !== undefined) prior.set(id, Math.max(prior.get(id) ?? 0, weight))
    }
    return prior
  })
}

/** Topics for every passage of a corpus, with scores; see `classifyCorpus`. */
export function scoreCorpus(items: TopicInput[], taxonomy: Taxonomy, settings: CorpusClassifierSettings = {}): CorpusTopics {
  const options: CorpusClassifierOptions = {
    ...defaultCorpusClassifierOptions,
    ...settings,
    classifier: { ...defaultCorpusClassifierOptions.classifier, ...settings.classifier },
    selfTraining: { ...defaultCorpusClassifierOptions.selfTraining, ...settings.selfTraining },
  }
  const scorer = createLexiconScorer(taxonomy, options.classifier)
  const K = scorer.topicIds.length
  const evidence = items.map((item) => scorer.score(item.text, { title: item.title, section: item.section }))
  const lexiconTopics = () => evidence.map((one) => topicsFromLexicon(one, scorer.topicIds, options.classifier))
  if (items.length < options.minCorpusSize) return { topics: lexiconTopics(), adapted: false, iterations: 0 }

  const matrix = buildFeatureMatrix(items, { contextWeight: options.modelContextWeight, minPassages: options.minPassagesPerStem, bigrams: options.bigrams, dampRepeats: options.dampRepeats })
  const seedScores = new Float64Array(items.length * K)
  const seedOwn = new Float64Array(items.length)
  evidence.forEach((one, p) => {
    seedScores.set(one.scores, p * K)
    seedOwn[p] = one.own
  })
  const model = selfTrain(matrix, seedScores, seedOwn, lexiconPriors(scorer.lexicons, matrix), options.selfTraining)
  if (!model.modelled.some(Boolean)) return { topics: lexiconTopics(), adapted: false, iterations: 0 }

  const { minEvidence, relativeThreshold, maxTopics } = options.classifier
  const topics = items.map((_, p): TopicScore[] => {
    const base = p * K
    let best = -1
    for (let k = 0; k < K; k++) {
      if (model.modelled[k] && (best < 0 || model.logPosterior[base + k] > model.logPosterior[base + best])) best = k
    }
    // No evidence of its own, from the lexicon or from the corpus's words: no topic.
    if (evidence[p].own < minEvidence / 2 && model.ownGain[base + best] < options.minGain) return []
    const bestGain = model.gain[base + best]
    const floor = Math.max(options.minGain, bestGain * relativeThreshold)
    const others: TopicScore[] = []
    for (let k = 0; k < K; k++) {
      if (k !== best && model.modelled[k] && model.gain[base + k] >= floor) others.push({ topic: scorer.topicIds[k], score: round(model.gain[base + k]) })
    }
    others.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
    return [{ topic: scorer.topicIds[best], score: round(bestGain) }, ...others].slice(0, maxTopics)
  })
  return { topics, adapted: true, iterations: model.iterations }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/**
 * Topics for every passage of a corpus at once (best first), adapting to the corpus when it is large enough:
 * the lexicon labels the passages it is sure of, a naive Bayes model learns the corpus's words from them and
 * relabels everything. Deterministic; nothing learnt outlives the call.
 */
export function classifyCorpus(items: TopicInput[], taxonomy: Taxonomy, settings: CorpusClassifierSettings = {}): string[][] {
  return scoreCorpus(items, taxonomy, settings).topics.map((topics) => topics.map((topic) => topic.topic))
}
