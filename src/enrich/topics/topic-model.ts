// The stored topic model and its decision rule. A model is plain JSON (it is kept in the index): the taxonomy it
// decides among, the settings of the rule, and for each level that adapted to its corpus the learnt word
// weights. The same rule labels the passages a model was trained on and any passage added later, so a
// passage's topics do not move when other articles are indexed.
import { createLexiconScorer, topicsFromLexicon, type ClassifierOptions, type LexiconEvidence, type LexiconScorer, type TopicScore } from './classifier.ts'
import { buildFeatureMatrix, type FeatureMatrix } from './features.ts'
import { taxonomyLevels, type Taxonomy } from './taxonomy.ts'

/** Bump when the shape or the meaning of a stored model changes; older models are then refused. */
export const TOPIC_MODEL_FORMAT = 1

/** Stored weights are whole multiples of 1/WEIGHT_SCALE nats (int16: about ±64 nats). */
const WEIGHT_SCALE = 512

/** What one level (the top level, or one parent's second level) learnt from its corpus. */
export interface LevelModel {
  /** Ids of the topics the model tells apart (those that led enough seed passages), in taxonomy order. */
  topics: string[]
  /** The stems it weighs, as ids into `TopicModel.vocabulary`, ascending. */
  stems: number[]
  /** Per topic: log prior, including the balancing offset that kept any topic from taking over. */
  logPrior: number[]
  /**
   * Word log-probabilities, stem-major (stem i, topic k at i × topics.length + k), in 1/512 nats as
   * little-endian int16, base64.
   */
  logTheta: string
}

/** Settings of the decision rule, stored with the model so it is applied the same way later. */
export interface TopicDecisionOptions {
  /** Least evidence (nats over an even mix of the modelled top-level topics) from a passage's own words for a topic, lacking lexicon evidence. */
  minGain: number
  /** Least evidence (nats over an even mix of the parent's modelled second-level topics) for a second-level topic. */
  childMinGain: number
  /** Most second-level topics under one parent. */
  maxChildTopics: number
  /** Weight of title and section words in the learnt models' features. */
  modelContextWeight: number
  bigrams: boolean
  dampRepeats: boolean
  /** The lexicon classifier's settings (thresholds, context weight, lexicon derivation). */
  classifier: ClassifierOptions
}

/** A trained topic model: plain JSON. */
export interface TopicModel {
  format: typeof TOPIC_MODEL_FORMAT
  /** The taxonomy the model decides among (lexicons are derived from it again on load). */
  taxonomy: Taxonomy
  options: TopicDecisionOptions
  /** Stems the learnt models weigh; a stored model's feature ids index this list. */
  vocabulary: string[]
  /** The top level's learnt model; absent when the corpus was too small to learn from (lexicon only). */
  top?: LevelModel
  /** Each parent's second-level model, by parent id; a parent without one uses its children's lexicons. */
  children: Record<string, LevelModel>
}

/** Quantises a fitted level for storage: `logTheta` is stem-major over `stemIds` (local) × `topicIndexes`. */
export function encodeLevel(
  topicIds: string[],
  modelled: Uint8Array,
  logPrior: Float64Array,
  logTheta: Float64Array,
  globalStemIds: ArrayLike<number>,
): LevelModel {
  const K = topicIds.length
  const kept: number[] = []
  for (let k = 0; k < K; k++) if (modelled[k]) kept.push(k)
  const V = globalStemIds.length
  const buffer = Buffer.alloc(V * kept.length * 2)
  let at = 0
  for (let w = 0; w < V; w++) {
    for (const k of kept) {
      const value = Math.round(logTheta[w * K + k] * WEIGHT_SCALE)
      buffer.writeInt16LE(Math.max(-32768, Math.min(32767, value)), at)
      at += 2
    }
  }
  return {
    topics: kept.map((k) => topicIds[k]),
    stems: Array.from(globalStemIds),
    logPrior: kept.map((k) => logPrior[k]),
    logTheta: buffer.toString('base64'),
  }
}

/** A level decoded for scoring. */
interface ReadyLevel {
  topics: string[]
  logPrior: Float64Array
  /** Global stem id → local row, or -1 for a stem the level does not weigh. */
  localOf: Int32Array
  /** Word log-probabilities, local stem-major. */
  logTheta: Float64Array
  /** Log of the even mixture of the level's topics, per local stem: the baseline evidence is measured against. */
  logMixture: Float64Array
  /** Per-topic sums of the passage being decided, reused from passage to passage. */
  scratch: { posterior: Float64Array; gain: Float64Array; ownGain: Float64Array }
}

function decodeLevel(level: LevelModel, vocabularySize: number): ReadyLevel {
  const K = level.topics.length
  const bytes = Buffer.from(level.logTheta, 'base64')
  if (bytes.length !== level.stems.length * K * 2) throw new Error('Clippings: topic model weights do not match its stems and topics')
  const logTheta = new Float64Array(level.stems.length * K)
  for (let i = 0; i < logTheta.length; i++) logTheta[i] = bytes.readInt16LE(i * 2) / WEIGHT_SCALE
  const localOf = new Int32Array(vocabularySize).fill(-1)
  level.stems.forEach((stem, i) => (localOf[stem] = i))
  const logMixture = new Float64Array(level.stems.length)
  for (let w = 0; w < level.stems.length; w++) {
    let sum = 0
    for (let k = 0; k < K; k++) sum += Math.exp(logTheta[w * K + k])
    logMixture[w] = Math.log(sum / K)
  }
  const scratch = { posterior: new Float64Array(K), gain: new Float64Array(K), ownGain: new Float64Array(K) }
  return { topics: level.topics, logPrior: Float64Array.from(level.logPrior), localOf, logTheta, logMixture, scratch }
}

/** A model ready to classify: decoded levels and the lexicon scorers of both levels. */
export interface PreparedModel {
  model: TopicModel
  topScorer: LexiconScorer
  childScorers: Map<string, LexiconScorer>
  top?: ReadyLevel
  children: Map<string, ReadyLevel>
}

const prepared = new WeakMap<TopicModel, PreparedModel>()

/** Decodes a model once per model object (lexicons come from the shipped cache or WordNet). */
export function prepareModel(model: TopicModel): PreparedModel {
  let ready = prepared.get(model)
  if (ready) return ready
  if (model.format !== TOPIC_MODEL_FORMAT) {
    throw new Error(`Clippings: topic model format ${String(model.format)} is not ${TOPIC_MODEL_FORMAT}; re-index to rebuild it`)
  }
  const levels = taxonomyLevels(model.taxonomy)
  const childScorers = new Map<string, LexiconScorer>()
  for (const [parent, children] of levels.children) childScorers.set(parent, createLexiconScorer(children, model.options.classifier))
  const V = model.vocabulary.length
  ready = {
    model,
    topScorer: createLexiconScorer(levels.top, model.options.classifier),
    childScorers,
    top: model.top ? decodeLevel(model.top, V) : undefined,
    children: new Map(Object.entries(model.children).map(([parent, level]) => [parent, decodeLevel(level, V)])),
  }
  prepared.set(model, ready)
  return ready
}

/** One passage's features over the model's vocabulary: matrix row `row` of `matrix`. */
interface Row {
  matrix: FeatureMatrix
  row: number
}

/**
 * The learnt decision for one level: the best topic by posterior; no topic when neither the passage's own text
 * has lexicon evidence nor its own words give the best topic `minGain` nats, or when the best topic's evidence is
 * below `minBestGain`; then every other topic whose evidence reaches the relative threshold of the best's.
 */
function decideLevel(
  level: ReadyLevel,
  { matrix, row }: Row,
  lexiconOwn: number,
  rule: { minGain: number; minBestGain: number; minEvidence: number; relativeThreshold: number; maxTopics: number },
): TopicScore[] {
  const K = level.topics.length
  const { posterior, gain, ownGain } = level.scratch
  posterior.set(level.logPrior)
  gain.fill(0)
  ownGain.fill(0)
  for (let c = matrix.rowStart[row]; c < matrix.rowStart[row + 1]; c++) {
    const w = level.localOf[matrix.stems[c]]
    if (w < 0) continue
    const count = matrix.counts[c]
    const own = matrix.ownCounts[c]
    for (let k = 0; k < K; k++) {
      const theta = level.logTheta[w * K + k]
      const lift = theta - level.logMixture[w]
      posterior[k] += count * theta
      gain[k] += count * lift
      ownGain[k] += own * lift
    }
  }
  let best = 0
  for (let k = 1; k < K; k++) if (posterior[k] > posterior[best]) best = k
  // No evidence of its own, from the lexicon or from the corpus's words: no topic.
  if (lexiconOwn < rule.minEvidence / 2 && ownGain[best] < rule.minGain) return []
  if (gain[best] < rule.minBestGain) return []
  const floor = Math.max(rule.minGain, gain[best] * rule.relativeThreshold)
  const others: TopicScore[] = []
  for (let k = 0; k < K; k++) if (k !== best && gain[k] >= floor) others.push({ topic: level.topics[k], score: round(gain[k]) })
  others.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
  return [{ topic: level.topics[best], score: round(gain[best]) }, ...others].slice(0, rule.maxTopics)
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** What the decision needs of a passage besides its features: its text (for the lexicons). */
export interface DecisionInput {
  text: string
  title?: string
  section?: string
}

/**
 * Topics of passages under a prepared model, both levels, each second-level topic right after its parent.
 * Features over the model's vocabulary and lexicon evidence may be passed when already computed (training).
 */
export function decideTopics(
  ready: PreparedModel,
  items: DecisionInput[],
  computed: {
    features?: FeatureMatrix
    topEvidence?: LexiconEvidence[]
    childEvidence?: (parent: string, passage: number) => LexiconEvidence | undefined
  } = {},
): TopicScore[][] {
  const { options } = ready.model
  const features =
    computed.features ??
    (ready.top
      ? buildFeatureMatrix(items, {
          contextWeight: options.modelContextWeight,
          minPassages: 1,
          bigrams: options.bigrams,
          dampRepeats: options.dampRepeats,
          vocabulary: ready.model.vocabulary,
        })
      : undefined)
  const classifier = options.classifier
  const topIds = ready.topScorer.topicIds
  return items.map((item, p) => {
    const context = { title: item.title, section: item.section }
    const evidence = computed.topEvidence?.[p] ?? ready.topScorer.score(item.text, context)
    const parents = ready.top
      ? decideLevel(ready.top, { matrix: features!, row: p }, evidence.own, { ...classifier, minGain: options.minGain, minBestGain: -Infinity })
      : topicsFromLexicon(evidence, topIds, classifier)
    const result: TopicScore[] = []
    for (const parent of parents) {
      result.push(parent)
      const scorer = ready.childScorers.get(parent.topic)
      if (!scorer) continue
      const childEvidence = computed.childEvidence?.(parent.topic, p) ?? scorer.score(item.text, context)
      const level = ready.children.get(parent.topic)
      const children = level
        ? decideLevel(level, { matrix: features!, row: p }, childEvidence.own, {
            ...classifier,
            minGain: options.childMinGain,
            minBestGain: options.childMinGain,
            maxTopics: options.maxChildTopics,
          })
        : topicsFromLexicon(childEvidence, scorer.topicIds, { ...classifier, maxTopics: options.maxChildTopics })
      for (const child of children) result.push({ ...child, parent: parent.topic })
    }
    return result
  })
}
