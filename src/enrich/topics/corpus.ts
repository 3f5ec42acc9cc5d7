// Topics for a whole corpus: the lexicon classifier seeds a naive Bayes model that self-trains on the corpus in
// hand (unlabelled), so the corpus's own vocabulary ("Yankees", "Opteron") counts as evidence; then, under each
// top-level topic, a second model does the same among its second-level topics over the passages it leads. The
// result is a stored model (topic-model.ts) and every passage's topics under it. Small corpora, with too little
// text to fit anything, get the lexicon classifier's topics.
import {
  createLexiconScorer,
  defaultClassifierOptions,
  type ClassifierOptions,
  type LexiconEvidence,
  type TopicScore,
} from './classifier.ts'
import { buildFeatureMatrix, selectRows, type FeatureMatrix } from './features.ts'
import { defaultSelfTrainingOptions, selfTrain, type SelfTrainingOptions } from './self-training.ts'
import { taxonomyLevels, type Taxonomy } from './taxonomy.ts'
import { EXACT_PREFIX, VERB_FORM_PREFIX, stem } from './text.ts'
import type { TopicLexicon } from './lexicon.ts'
import { decideTopics, encodeLevel, prepareModel, TOPIC_MODEL_FORMAT, type LevelModel, type TopicModel } from './topic-model.ts'

/** One passage to classify: its text, and the title and section heading it sits under. */
export interface TopicInput {
  text: string
  title?: string
  section?: string
}

/** How second-level topics are learnt and assigned. */
export interface SecondLevelOptions {
  /**
   * Least evidence, in nats, a second-level topic needs over an even mix of its parent's modelled second-level
   * topics (3 ≈ twenty times likelier); its parent's passages without that much get the parent alone.
   */
  minGain: number
  /** Most second-level topics under one parent. */
  maxTopics: number
  /** Self-training of each parent's second-level model, over the passages whose first topic is the parent. */
  selfTraining: SelfTrainingOptions
}

export interface CorpusClassifierOptions {
  /** Fewer passages than this (in the corpus, or led by one parent) are classified by the lexicon alone: too little text to learn from. */
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
  secondLevel: SecondLevelOptions
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
  secondLevel: { minGain: 3, maxTopics: 1, selfTraining: defaultSelfTrainingOptions },
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
  secondLevel?: { minGain?: number; maxTopics?: number; selfTraining?: Partial<SelfTrainingOptions> }
}

function resolveOptions(settings: CorpusClassifierSettings): CorpusClassifierOptions {
  const defaults = defaultCorpusClassifierOptions
  return {
    ...defaults,
    ...settings,
    classifier: { ...defaults.classifier, ...settings.classifier },
    selfTraining: { ...defaults.selfTraining, ...settings.selfTraining },
    secondLevel: {
      ...defaults.secondLevel,
      ...settings.secondLevel,
      selfTraining: { ...defaults.secondLevel.selfTraining, ...settings.secondLevel?.selfTraining },
    },
  }
}

/** Each topic's lexicon weight per vocabulary entry: single words, one-word names read as words, two-word phrases. */
function lexiconPriors(lexicons: TopicLexicon[], matrix: FeatureMatrix): Array<Map<number, number>> {
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

/**
 * Fits one level by self-training: seeds from the lexicon evidence, then EM. Undefined when no topic led
 * enough seed passages to be modelled.
 */
function trainLevel(
  matrix: FeatureMatrix,
  globalStemIds: ArrayLike<number>,
  evidence: LexiconEvidence[],
  topicIds: string[],
  lexicons: TopicLexicon[],
  options: SelfTrainingOptions,
): LevelModel | undefined {
  const K = topicIds.length
  const seedScores = new Float64Array(evidence.length * K)
  const seedOwn = new Float64Array(evidence.length)
  evidence.forEach((one, p) => {
    seedScores.set(one.scores, p * K)
    seedOwn[p] = one.own
  })
  const fitted = selfTrain(matrix, seedScores, seedOwn, lexiconPriors(lexicons, matrix), options)
  if (!fitted.modelled.some(Boolean)) return undefined
  return encodeLevel(topicIds, fitted.modelled, fitted.logPrior, fitted.logTheta, globalStemIds)
}

/**
 * Learns topics from a corpus and labels it: the lexicon labels the passages it is sure of, a naive Bayes model
 * learns the corpus's words from them and relabels everything (top level); then each top-level topic's
 * passages are relabelled among its second-level topics the same way. Returns every passage's topics (a
 * second-level topic right after its parent) and the model, which `classifyWithModel` applies to the same
 * passages with the same result, and to new ones. Deterministic.
 */
export function trainTopics(
  items: TopicInput[],
  taxonomy: Taxonomy,
  settings: CorpusClassifierSettings = {},
): { topics: string[][]; model: TopicModel } {
  const { topics, model } = trainScoredTopics(items, taxonomy, settings)
  return { topics: topics.map((list) => list.map((topic) => topic.topic)), model }
}

/** `trainTopics` with each topic's score (nats of evidence; lexicon units where the lexicon decided). */
export function trainScoredTopics(
  items: TopicInput[],
  taxonomy: Taxonomy,
  settings: CorpusClassifierSettings = {},
): { topics: TopicScore[][]; model: TopicModel } {
  const options = resolveOptions(settings)
  const model: TopicModel = {
    format: TOPIC_MODEL_FORMAT,
    taxonomy,
    options: {
      minGain: options.minGain,
      childMinGain: options.secondLevel.minGain,
      maxChildTopics: options.secondLevel.maxTopics,
      modelContextWeight: options.modelContextWeight,
      bigrams: options.bigrams,
      dampRepeats: options.dampRepeats,
      classifier: options.classifier,
    },
    vocabulary: [],
    children: {},
  }
  if (items.length < options.minCorpusSize) return { topics: decideTopics(prepareModel(model), items), model }

  const levels = taxonomyLevels(taxonomy)
  const topScorer = createLexiconScorer(levels.top, options.classifier)
  const evidence = items.map((item) => topScorer.score(item.text, { title: item.title, section: item.section }))
  const matrix = buildFeatureMatrix(items, {
    contextWeight: options.modelContextWeight,
    minPassages: options.minPassagesPerStem,
    bigrams: options.bigrams,
    dampRepeats: options.dampRepeats,
  })
  const allStems = Array.from({ length: matrix.vocabulary.length }, (_, i) => i)
  const top = trainLevel(matrix, allStems, evidence, topScorer.topicIds, topScorer.lexicons, options.selfTraining)
  if (!top) return { topics: decideTopics(prepareModel(model), items, { topEvidence: evidence }), model }
  model.vocabulary = matrix.vocabulary
  model.top = top
  if (levels.children.size === 0) return { topics: decideTopics(prepareModel(model), items, { features: matrix, topEvidence: evidence }), model }

  // Each parent's second level learns from the passages the stored top-level model gives that parent first.
  const childEvidence = new Map<string, Map<number, LexiconEvidence>>()
  const firstTopics = decideTopics(prepareModel({ ...model, children: {}, taxonomy: levels.top }), items, { features: matrix, topEvidence: evidence })
  for (const [parent, children] of levels.children) {
    const rows: number[] = []
    firstTopics.forEach((topics, p) => {
      if (topics[0]?.topic === parent) rows.push(p)
    })
    if (rows.length < options.minCorpusSize) continue
    const childScorer = createLexiconScorer(children, options.classifier)
    const sub = selectRows(matrix, rows, options.minPassagesPerStem)
    const scored = rows.map((p) => childScorer.score(items[p].text, { title: items[p].title, section: items[p].section }))
    childEvidence.set(parent, new Map(rows.map((p, i) => [p, scored[i]])))
    const level = trainLevel(sub, sub.globalIds, scored, childScorer.topicIds, childScorer.lexicons, options.secondLevel.selfTraining)
    if (level) model.children[parent] = level
  }
  return {
    topics: decideTopics(prepareModel(model), items, {
      features: matrix,
      topEvidence: evidence,
      childEvidence: (parent, p) => childEvidence.get(parent)?.get(p),
    }),
    model,
  }
}

/**
 * Topics of passages under a trained model, by the same rule `trainTopics` applied: on the passages it was
 * trained on this gives exactly the topics it returned, and a new passage is labelled without the corpus.
 */
export function classifyWithModel(model: TopicModel, items: TopicInput[]): string[][] {
  return decideTopics(prepareModel(model), items).map((list) => list.map((topic) => topic.topic))
}

/** Topics for every passage of a corpus at once: `trainTopics` without keeping the model. */
export function classifyCorpus(items: TopicInput[], taxonomy: Taxonomy, settings: CorpusClassifierSettings = {}): string[][] {
  return trainTopics(items, taxonomy, settings).topics
}

/** Classifies one passage at a time by the lexicons alone (both levels). */
export interface TopicClassifier {
  /** Topics for one passage: top-level topics best first, each followed by its second-level topics. */
  classify(text: string, context?: { title?: string; section?: string }): TopicScore[]
}

/** The lexicon classifier: what a corpus too small to learn from gets, one passage at a time. */
export function createTopicClassifier(taxonomy: Taxonomy, settings: CorpusClassifierSettings = {}): TopicClassifier {
  const { model } = trainScoredTopics([], taxonomy, settings)
  const ready = prepareModel(model)
  return {
    classify(text, context = {}) {
      return decideTopics(ready, [{ text, title: context.title, section: context.section }])[0]
    },
  }
}
