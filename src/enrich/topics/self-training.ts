// Adapts the topic model to the corpus being indexed, without labels: multinomial naive Bayes fitted by EM
// (Nigam et al. 2000) to the passages the lexicon is most sure of, with the lexicon as a Dirichlet prior and
// the corpus's own word frequencies as the smoothing background. Words that only ever appear beside sport
// words become sport words, for this corpus only; the fitted word distributions are returned for the caller to
// keep as a model.
import type { FeatureMatrix } from './features.ts'

export interface SelfTrainingOptions {
  /** Share of each topic's seed passages (those the lexicon puts first) trusted as first training data, most confident first. */
  seedShare: number
  /** Most EM rounds after the first fit; stops earlier when almost no passage changes its best topic. */
  maxIterations: number
  /** Share of passages that may change best topic in a round and still count as converged. */
  convergedShare: number
  /** Dirichlet smoothing toward the corpus word distribution, in pseudo-words per topic. */
  backgroundStrength: number
  /**
   * Pseudo-words per unit of lexicon weight: each topic's lexicon prior is worth this many times the average
   * topic's lexicon weight among the corpus's words, spread over the topic's own lexicon words by weight.
   */
  lexiconStrength: number
  /** Least lexicon evidence (in clear topic words) a passage needs to seed its best topic. */
  minSeedEvidence: number
  /** Most a topic may grow beyond its share of the seeds, as a factor: the guard against one topic taking over. */
  maxGrowth: number
  /** Most balancing rounds per EM step when a topic takes more than its share. */
  balancingRounds: number
  /** Passages a topic must lead among the seeds to be in the model at all. */
  minSeedPassages: number
}

export const defaultSelfTrainingOptions: SelfTrainingOptions = {
  seedShare: 0.5,
  maxIterations: 5,
  convergedShare: 0.005,
  backgroundStrength: 100,
  lexiconStrength: 500,
  minSeedEvidence: 1,
  maxGrowth: 2,
  balancingRounds: 20,
  minSeedPassages: 3,
}

/** What the model makes of every passage. */
export interface SelfTrainedScores {
  /** Topic count K; topic k of passage p is at `p * K + k` in the arrays below. */
  topicCount: number
  /** Whether topic k is in the model (led enough seed passages). */
  modelled: Uint8Array
  /** Log posterior up to a per-passage constant: log prior + log likelihood of the passage's words. */
  logPosterior: Float64Array
  /** Log-likelihood gain over an even mixture of the modelled topics from all the passage's words (title at context weight). */
  gain: Float64Array
  /** The same gain from the passage's own words only: how much its text itself says about the topic. */
  ownGain: Float64Array
  /** EM rounds run after the first fit. */
  iterations: number
  /** Word log-probabilities per topic, stem-major (`w * K + k`); rows of unmodelled topics are unset. */
  logTheta: Float64Array
  /** Each topic's log prior with its balancing offset: what a passage's word log-likelihoods are added to. */
  logPrior: Float64Array
}

/**
 * Fits the model and scores every passage. `seedScores` holds the lexicon's evidence (passage-major, K per
 * passage), `seedOwn` each passage's own-text lexicon evidence, `lexiconPrior` per topic the weight of each
 * vocabulary stem in the topic's lexicon.
 */
export function selfTrain(
  matrix: FeatureMatrix,
  seedScores: Float64Array,
  seedOwn: Float64Array,
  lexiconPrior: Array<Map<number, number>>,
  options: SelfTrainingOptions,
): SelfTrainedScores {
  const K = lexiconPrior.length
  const N = matrix.rowStart.length - 1
  const V = matrix.vocabulary.length
  const { rowStart, stems, counts, ownCounts } = matrix

  // 1. Seeds: each passage's lexicon best topic and its relative margin over the runner-up.
  const seedTop = new Int32Array(N).fill(-1)
  const margin = new Float64Array(N)
  const seedCount = new Int32Array(K)
  for (let p = 0; p < N; p++) {
    let best = -1
    let first = 0
    let second = 0
    for (let k = 0; k < K; k++) {
      const score = seedScores[p * K + k]
      if (score > first) {
        second = first
        first = score
        best = k
      } else if (score > second) second = score
    }
    if (best < 0 || first < options.minSeedEvidence || seedOwn[p] < options.minSeedEvidence / 2) continue
    seedTop[p] = best
    margin[p] = (first - second) / first
    seedCount[best]++
  }
  const modelled = new Uint8Array(K)
  let seeded = 0
  for (let k = 0; k < K; k++) {
    if (seedCount[k] >= options.minSeedPassages) {
      modelled[k] = 1
      seeded += seedCount[k]
    }
  }
  // Class priors stay at the seed distribution (smoothed), which keeps EM from letting one topic swallow the rest.
  const logPrior = new Float64Array(K).fill(-Infinity)
  let modelledCount = 0
  for (let k = 0; k < K; k++) if (modelled[k]) modelledCount++
  for (let k = 0; k < K; k++) if (modelled[k]) logPrior[k] = Math.log((seedCount[k] + 1) / (seeded + modelledCount))

  // 2. The trusted share of each topic's seeds, most confident first (ties by passage order, so runs repeat).
  const byTopic: number[][] = Array.from({ length: K }, () => [])
  for (let p = 0; p < N; p++) if (seedTop[p] >= 0 && modelled[seedTop[p]]) byTopic[seedTop[p]].push(p)
  const responsibility = new Float32Array(N * K)
  for (let k = 0; k < K; k++) {
    const passages = byTopic[k].sort((a, b) => margin[b] - margin[a] || a - b)
    const take = Math.max(1, Math.ceil(passages.length * options.seedShare))
    for (let i = 0; i < take && i < passages.length; i++) responsibility[passages[i] * K + k] = 1
  }

  // Background word distribution of the corpus, and the lexicon prior's mass per topic.
  let total = 0
  for (let w = 0; w < V; w++) total += matrix.corpusCounts[w]
  const background = new Float64Array(V)
  for (let w = 0; w < V; w++) background[w] = (matrix.corpusCounts[w] + 0.5) / (total + 0.5 * V)

  // The lexicon prior's scale per topic. A Dirichlet prior's total mass is what it is worth in observations,
  // and a fixed strength per unit of weight would make it worth more to a topic whose word list happens to be
  // longer (WordNet files more hyponyms under some topics): that topic's model would leave less probability
  // to the corpus's own words and lose every passage made mostly of words in no lexicon to topics with
  // shorter lists (technology-company news going to the economy). So every topic's prior weighs the same:
  // the strength times the average topic's lexicon weight among the corpus's words.
  const lexiconWeight = new Float64Array(K)
  let weighted = 0
  let weightSum = 0
  for (let k = 0; k < K; k++) {
    for (const weight of lexiconPrior[k].values()) lexiconWeight[k] += weight
    if (modelled[k] && lexiconWeight[k] > 0) {
      weightSum += lexiconWeight[k]
      weighted++
    }
  }
  const lexiconMass = weighted > 0 ? (options.lexiconStrength * weightSum) / weighted : 0
  const lexiconScale = lexiconWeight.map((weight) => (weight > 0 ? lexiconMass / weight : 0))

  // Word log-probabilities, stem-major (K per stem) so scoring a passage reads memory in order.
  const logTheta = new Float64Array(V * K)
  const wordMass = new Float64Array(V * K)
  const topicMass = new Float64Array(K)
  const fit = () => {
    wordMass.fill(0)
    topicMass.fill(0)
    for (let p = 0; p < N; p++) {
      const base = p * K
      for (let c = rowStart[p]; c < rowStart[p + 1]; c++) {
        const w = stems[c] * K
        const count = counts[c]
        for (let k = 0; k < K; k++) {
          const r = responsibility[base + k]
          if (r > 0) wordMass[w + k] += r * count
        }
      }
    }
    for (let w = 0; w < V; w++) for (let k = 0; k < K; k++) topicMass[k] += wordMass[w * K + k]
    for (let k = 0; k < K; k++) {
      if (!modelled[k]) continue
      const denominator = Math.log(topicMass[k] + options.backgroundStrength + (lexiconWeight[k] > 0 ? lexiconMass : 0))
      for (let w = 0; w < V; w++) {
        const mass = wordMass[w * K + k] + options.backgroundStrength * background[w] + lexiconScale[k] * (lexiconPrior[k].get(w) ?? 0)
        logTheta[w * K + k] = Math.log(mass) - denominator
      }
    }
  }

  // How much of the corpus each topic may take: its seed share grown by `maxGrowth`, over passages with words.
  let informative = 0
  for (let p = 0; p < N; p++) if (rowStart[p] < rowStart[p + 1]) informative++
  const capacity = new Float64Array(K)
  for (let k = 0; k < K; k++) capacity[k] = modelled[k] ? Math.exp(logPrior[k]) * informative * options.maxGrowth : 0

  const logPosterior = new Float64Array(N * K)
  const offset = new Float64Array(K)
  const bestTopic = new Int32Array(N).fill(-1)
  const previousBest = new Int32Array(N).fill(-1)
  const mass = new Float64Array(K)
  /** The passage's best modelled topic after offsets. */
  const bestOf = (p: number): number => {
    let best = -1
    for (let k = 0; k < K; k++) {
      if (modelled[k] && (best < 0 || logPosterior[p * K + k] + offset[k] > logPosterior[p * K + best] + offset[best])) best = k
    }
    return best
  }
  /** Soft responsibilities from the log posteriors shifted by each topic's offset; fills `mass`. */
  const distribute = () => {
    mass.fill(0)
    for (let p = 0; p < N; p++) {
      const base = p * K
      // A passage without features carries no information: it adds nothing to the next fit.
      if (rowStart[p] === rowStart[p + 1]) {
        for (let k = 0; k < K; k++) responsibility[base + k] = 0
        continue
      }
      let top = -Infinity
      for (let k = 0; k < K; k++) if (modelled[k]) top = Math.max(top, logPosterior[base + k] + offset[k])
      let sum = 0
      for (let k = 0; k < K; k++) {
        const r = modelled[k] ? Math.exp(logPosterior[base + k] + offset[k] - top) : 0
        responsibility[base + k] = r
        sum += r
      }
      for (let k = 0; k < K; k++) {
        responsibility[base + k] /= sum
        mass[k] += responsibility[base + k]
      }
    }
  }
  /**
   * Scores every passage and sets responsibilities, pushing down any topic that takes more than its capacity
   * (a one-sided Sinkhorn balancing, as in self-labelling): EM with naive Bayes otherwise lets a small topic
   * swallow a whole cluster of the corpus (weather taking every crop report). Returns how many passages
   * changed best topic.
   */
  const assign = (): number => {
    for (let p = 0; p < N; p++) {
      const base = p * K
      for (let k = 0; k < K; k++) logPosterior[base + k] = logPrior[k]
      for (let c = rowStart[p]; c < rowStart[p + 1]; c++) {
        const w = stems[c] * K
        const count = counts[c]
        for (let k = 0; k < K; k++) if (modelled[k]) logPosterior[base + k] += count * logTheta[w + k]
      }
    }
    // Near-hard posteriors make proportional updates crawl, so each over-full topic's offset drops just far
    // enough for its least sure passages to move to their runner-up.
    offset.fill(0)
    const assigned = new Int32Array(K)
    for (let round = 0; round < options.balancingRounds; round++) {
      assigned.fill(0)
      for (let p = 0; p < N; p++) {
        if (rowStart[p] === rowStart[p + 1]) continue
        bestTopic[p] = bestOf(p)
        assigned[bestTopic[p]]++
      }
      let over = false
      for (let k = 0; k < K; k++) {
        const excess = assigned[k] - Math.floor(capacity[k])
        if (excess <= Math.max(1, capacity[k] * 0.01)) continue
        over = true
        const margins = new Float64Array(assigned[k])
        let at = 0
        for (let p = 0; p < N; p++) {
          if (bestTopic[p] !== k || rowStart[p] === rowStart[p + 1]) continue
          let runnerUp = -Infinity
          for (let j = 0; j < K; j++) if (j !== k && modelled[j]) runnerUp = Math.max(runnerUp, logPosterior[p * K + j] + offset[j])
          margins[at++] = logPosterior[p * K + k] + offset[k] - runnerUp
        }
        margins.sort()
        offset[k] -= margins[excess - 1] + 1e-9
      }
      if (!over) break
    }
    distribute()
    let changed = 0
    for (let p = 0; p < N; p++) {
      const best = bestOf(p)
      if (best !== previousBest[p]) changed++
      previousBest[p] = best
    }
    return changed
  }

  fit()
  assign()
  let iterations = 0
  while (iterations < options.maxIterations) {
    fit()
    iterations++
    if (assign() <= options.convergedShare * N) break
  }

  for (let p = 0; p < N; p++) for (let k = 0; k < K; k++) logPosterior[p * K + k] += offset[k]
  for (let k = 0; k < K; k++) logPrior[k] += offset[k]
  // Evidence is measured against an even mixture of the modelled topics rather than the corpus, so that in a
  // corpus all about business a business word still counts as evidence.
  const logMixture = new Float64Array(V)
  for (let w = 0; w < V; w++) {
    let sum = 0
    for (let k = 0; k < K; k++) if (modelled[k]) sum += Math.exp(logTheta[w * K + k])
    logMixture[w] = Math.log(sum / modelledCount)
  }
  const gain = new Float64Array(N * K)
  const ownGain = new Float64Array(N * K)
  for (let p = 0; p < N; p++) {
    const base = p * K
    for (let c = rowStart[p]; c < rowStart[p + 1]; c++) {
      const w = stems[c]
      for (let k = 0; k < K; k++) {
        if (!modelled[k]) continue
        const lift = logTheta[w * K + k] - logMixture[w]
        gain[base + k] += counts[c] * lift
        ownGain[base + k] += ownCounts[c] * lift
      }
    }
  }
  return { topicCount: K, modelled, logPosterior, gain, ownGain, iterations, logTheta, logPrior }
}
