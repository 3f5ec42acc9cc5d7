// Turns a corpus of passages into a sparse word-count matrix over the corpus's own stemmed vocabulary, the
// input the self-trained topic model learns from. Typed arrays throughout so 100k passages stay cheap.
import { STOPWORDS, stem, tokenize } from './text.ts'

/** Passages × stems, compressed by row: passage p's stems are `stems[rowStart[p] .. rowStart[p + 1])`. */
export interface FeatureMatrix {
  /** Stem of each vocabulary id. */
  vocabulary: string[]
  /** Vocabulary id of a stem. */
  idOf: Map<string, number>
  rowStart: Int32Array
  stems: Int32Array
  /** Count of the stem in the passage (title and section words at context weight). */
  counts: Float32Array
  /** Same as `counts` but from the passage's own text only. */
  ownCounts: Float32Array
  /** Total count of each stem over the corpus. */
  corpusCounts: Float64Array
}

export interface FeatureOptions {
  /** Weight of a title or section word relative to a word of the passage itself. */
  contextWeight: number
  /** A stem must occur in at least this many passages to be a feature: rarer ones cannot generalise. */
  minPassages: number
  /** Also count pairs of adjacent content stems ("interest rate", "world cup") as features. */
  bigrams: boolean
  /** Count a stem repeated in a passage as log(1 + n) rather than n: the first mention says the most. */
  dampRepeats: boolean
  /**
   * A vocabulary fixed beforehand (a stored model's): exactly these stems are features, with these ids, and
   * `minPassages` is not applied. Absent: the corpus's own stems in at least `minPassages` passages.
   */
  vocabulary?: string[]
}

export interface FeatureInput {
  text: string
  title?: string
  section?: string
}

/**
 * Content stems of a text (no function words, numbers or single letters), then, with `bigrams`, each pair of
 * stems that stood side by side in the text, written "first second" like the lexicon's phrase keys.
 */
function contentStems(text: string, bigrams: boolean): string[] {
  const stems: string[] = []
  const pairs: string[] = []
  let previous: string | undefined
  for (const token of tokenize(text)) {
    if (token.length < 2 || STOPWORDS.has(token) || /^\d/.test(token)) {
      previous = undefined
      continue
    }
    const word = stem(token)
    stems.push(word)
    if (bigrams && previous !== undefined) pairs.push(`${previous} ${word}`)
    previous = word
  }
  return bigrams ? stems.concat(pairs) : stems
}

/** An Int32Array that grows by doubling, for token streams of unknown length. */
class IntBuffer {
  data = new Int32Array(1024)
  length = 0
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }
}

/**
 * Builds the matrix in two passes: the first reads every passage into one token stream (a context token is
 * stored as its id's bitwise complement) while counting passages per stem; the second keeps the stems that
 * recur and sums each passage's counts.
 */
export function buildFeatureMatrix(items: FeatureInput[], options: FeatureOptions): FeatureMatrix {
  // Titles repeat across an article's passages: stem each distinct one once.
  const contextCache = new Map<string, string[]>()
  const contextStems = (text: string | undefined): string[] => {
    if (!text) return []
    let stems = contextCache.get(text)
    if (!stems) {
      stems = contentStems(text, options.bigrams)
      contextCache.set(text, stems)
    }
    return stems
  }

  const provisional = new Map<string, number>()
  let passageCount = new Int32Array(1024)
  let lastPassage = new Int32Array(1024).fill(-1)
  const tokens = new IntBuffer()
  const tokenStart = new Int32Array(items.length + 1)
  items.forEach((item, passage) => {
    tokenStart[passage] = tokens.length
    const add = (stems: string[], own: boolean) => {
      for (const word of stems) {
        let id = provisional.get(word)
        if (id === undefined) {
          id = provisional.size
          provisional.set(word, id)
          if (id === passageCount.length) {
            const count = new Int32Array(id * 2)
            count.set(passageCount)
            passageCount = count
            const last = new Int32Array(id * 2).fill(-1)
            last.set(lastPassage)
            lastPassage = last
          }
        }
        if (lastPassage[id] !== passage) {
          lastPassage[id] = passage
          passageCount[id]++
        }
        tokens.push(own ? id : ~id)
      }
    }
    add(contentStems(item.text, options.bigrams), true)
    add(contextStems(item.title), false)
    add(contextStems(item.section), false)
  })
  tokenStart[items.length] = tokens.length

  const remap = new Int32Array(provisional.size).fill(-1)
  const vocabulary: string[] = []
  const idOf = new Map<string, number>()
  if (options.vocabulary) {
    options.vocabulary.forEach((word, id) => {
      vocabulary.push(word)
      idOf.set(word, id)
      const seen = provisional.get(word)
      if (seen !== undefined) remap[seen] = id
    })
  } else {
    for (const [word, id] of provisional) {
      if (passageCount[id] < options.minPassages) continue
      remap[id] = vocabulary.length
      idOf.set(word, vocabulary.length)
      vocabulary.push(word)
    }
  }

  // Per passage, sum counts into scratch arrays indexed by stem, remembering which stems were touched.
  const scratchAll = new Float32Array(vocabulary.length)
  const scratchOwn = new Float32Array(vocabulary.length)
  const touched = new Int32Array(vocabulary.length)
  const touchedBy = new Int32Array(vocabulary.length).fill(-1)
  const rowStart = new Int32Array(items.length + 1)
  const stems = new IntBuffer()
  const counts: number[] = []
  const ownCounts: number[] = []
  const corpusCounts = new Float64Array(vocabulary.length)
  for (let passage = 0; passage < items.length; passage++) {
    rowStart[passage] = stems.length
    let touchedCount = 0
    for (let t = tokenStart[passage]; t < tokenStart[passage + 1]; t++) {
      const raw = tokens.data[t]
      const own = raw >= 0
      const kept = remap[own ? raw : ~raw]
      if (kept < 0) continue
      if (touchedBy[kept] !== passage) {
        touchedBy[kept] = passage
        touched[touchedCount++] = kept
      }
      const weight = own ? 1 : options.contextWeight
      scratchAll[kept] += weight
      if (own) scratchOwn[kept] += weight
    }
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i]
      const all = options.dampRepeats ? Math.log1p(scratchAll[id]) : scratchAll[id]
      stems.push(id)
      counts.push(all)
      ownCounts.push(options.dampRepeats ? Math.log1p(scratchOwn[id]) : scratchOwn[id])
      corpusCounts[id] += all
      scratchAll[id] = 0
      scratchOwn[id] = 0
    }
  }
  rowStart[items.length] = stems.length
  return {
    vocabulary,
    idOf,
    rowStart,
    stems: stems.data.slice(0, stems.length),
    counts: Float32Array.from(counts),
    ownCounts: Float32Array.from(ownCounts),
    corpusCounts,
  }
}

/**
 * The matrix of some passages only (`rows`, in the order given), over the stems that occur in at least
 * `minPassages` of them; `globalIds[i]` is the id in `matrix` of the sub-matrix's stem `i`.
 */
export function selectRows(matrix: FeatureMatrix, rows: number[], minPassages: number): FeatureMatrix & { globalIds: Int32Array } {
  const passageCount = new Int32Array(matrix.vocabulary.length)
  for (const p of rows) for (let c = matrix.rowStart[p]; c < matrix.rowStart[p + 1]; c++) passageCount[matrix.stems[c]]++
  const local = new Int32Array(matrix.vocabulary.length).fill(-1)
  const globalIds: number[] = []
  const vocabulary: string[] = []
  const idOf = new Map<string, number>()
  for (let w = 0; w < matrix.vocabulary.length; w++) {
    if (passageCount[w] < minPassages) continue
    local[w] = globalIds.length
    idOf.set(matrix.vocabulary[w], globalIds.length)
    globalIds.push(w)
    vocabulary.push(matrix.vocabulary[w])
  }
  const rowStart = new Int32Array(rows.length + 1)
  const stems: number[] = []
  const counts: number[] = []
  const ownCounts: number[] = []
  const corpusCounts = new Float64Array(vocabulary.length)
  rows.forEach((p, i) => {
    rowStart[i] = stems.length
    for (let c = matrix.rowStart[p]; c < matrix.rowStart[p + 1]; c++) {
      const w = local[matrix.stems[c]]
      if (w < 0) continue
      stems.push(w)
      counts.push(matrix.counts[c])
      ownCounts.push(matrix.ownCounts[c])
      corpusCounts[w] += matrix.counts[c]
    }
  })
  rowStart[rows.length] = stems.length
  return {
    vocabulary,
    idOf,
    rowStart,
    stems: Int32Array.from(stems),
    counts: Float32Array.from(counts),
    ownCounts: Float32Array.from(ownCounts),
    corpusCounts,
    globalIds: Int32Array.from(globalIds),
  }
}
