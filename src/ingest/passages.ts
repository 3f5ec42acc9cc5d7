// toPassages: an article's blocks become paragraph-level passages of roughly 40 to 250 words, each with a
// stable id. A short fragment joins a neighbour in its section (a lead-in ending with ":" joins what it
// introduces, anything else the paragraph before); a long paragraph is split between sentences, never
// inside a quotation or after an abbreviation such as "U.S." or "Dr.".
import { createHash } from 'node:crypto'
import { defaults } from '../defaults.ts'
import type { Article, Passage } from '../model.ts'
import { countWords, endsWithColon, normaliseSpace } from './clean/shape.ts'
import { ingestLimits } from './limits.ts'
import { sentenceBoundaries } from '../text/sentences.ts'

export type PassageDraft = Omit<Passage, 'people' | 'topics'>

export interface ChunkOptions {
  /** Fragments shorter than this join a neighbour. Default `defaults.passageMinWords` (40). */
  minWords?: number
  /** Paragraphs longer than this are split between sentences. Default `defaults.passageMaxWords` (250). */
  maxWords?: number
  /**
   * Passages one article may become; the rest is dropped. Default `ingestLimits.maxPassagesPerArticle`
   * (1,000). Reading already cuts an article to `ingestLimits.maxArticleWords` with a warning, which keeps
   * real articles below this; it bounds what any article handed in may cost.
   */
  maxPassages?: number
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

function hashId(input: string): string {
  const digest = createHash('sha1').update(input, 'utf8').digest()
  let id = ''
  // 12 base32 characters = 60 bits of the digest: url-safe, short, collisions negligible per corpus
  let bits = 0
  let value = 0
  for (const byte of digest) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5 && id.length < 12) {
      id += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
    if (id.length === 12) break
  }
  return id
}

/**
 * A passage's stable id: derived from its article and its whitespace-normalised text only, so it
 * survives re-indexing when paragraphs elsewhere in the article are added, removed or edited.
 */
export function passageId(articleId: string, text: string): string {
  return hashId(`${articleId}\n${normaliseSpace(text.normalize('NFC'))}`)
}

function cutAt(text: string, cuts: number[]): string[] {
  const pieces: string[] = []
  let start = 0
  for (const cut of cuts) {
    pieces.push(text.slice(start, cut).trim())
    start = cut
  }
  pieces.push(text.slice(start).trim())
  return pieces.filter((piece) => piece.length > 0)
}

/** Splits a sentence too long for any passage into windows of words, as a last resort. */
function splitByWords(text: string, maxWords: number): string[] {
  const words = text.split(/\s+/u)
  const count = Math.ceil(words.length / maxWords)
  const size = Math.ceil(words.length / count)
  const pieces: string[] = []
  for (let start = 0; start < words.length; start += size) pieces.push(words.slice(start, start + size).join(' '))
  return pieces
}

/** Groups consecutive sentences into pieces of about equal length, none above `maxWords` if avoidable. */
function packSentences(sentences: string[], maxWords: number): string[] {
  const sizes = sentences.map(countWords)
  let remaining = sizes.reduce((sum, size) => sum + size, 0)
  let piecesLeft = Math.ceil(remaining / maxWords)
  // the target is recomputed after each piece, so the pieces left share what is left evenly
  let target = remaining / piecesLeft
  const pieces: string[] = []
  let current: string[] = []
  let currentWords = 0
  sentences.forEach((sentence, index) => {
    const words = sizes[index]!
    const overflows = currentWords + words > maxWords
    const movesAwayFromTarget = Math.abs(currentWords + words - target) > Math.abs(currentWords - target)
    if (current.length > 0 && (overflows || movesAwayFromTarget)) {
      pieces.push(current.join(' '))
      remaining -= currentWords
      piecesLeft = Math.max(1, Math.max(piecesLeft - 1, Math.ceil(remaining / maxWords)))
      target = remaining / piecesLeft
      current = []
      currentWords = 0
    }
    current.push(sentence)
    currentWords += words
  })
  if (current.length > 0) pieces.push(current.join(' '))
  return pieces
}

/**
 * Splits a paragraph longer than `maxWords` between sentences into pieces of about equal length.
 * Quotations stay whole unless one alone is far too long for a passage.
 */
export function splitLongParagraph(text: string, maxWords: number): string[] {
  if (countWords(text) <= maxWords) return [text]
  const outside = sentenceBoundaries(text).filter((boundary) => !boundary.insideQuote)
  const sentences = cutAt(text, outside.map((boundary) => boundary.at)).flatMap((sentence) => {
    if (countWords(sentence) <= maxWords * 1.5) return [sentence]
    const inner = cutAt(sentence, sentenceBoundaries(sentence).map((boundary) => boundary.at))
    return inner.flatMap((piece) => (countWords(piece) > maxWords ? splitByWords(piece, maxWords) : [piece]))
  })
  return packSentences(sentences, maxWords)
}

interface Piece {
  text: string
  words: number
  section?: string
}

const joinPieces = (first: Piece, second: Piece): Piece => ({
  text: `${first.text}\n\n${second.text}`,
  words: first.words + second.words,
  // the passage belongs to the section most of its words come from
  section: first.words >= second.words ? first.section : second.section,
})

/** Merges the short pieces of one section into neighbours, within the section. */
function mergeShortPieces(pieces: Piece[], minWords: number, maxWords: number): Piece[] {
  const merged: Piece[] = []
  let carried: Piece | undefined
  // a merge may run a little over the maximum rather than leave a fragment on its own
  const roomFor = (a: Piece, b: Piece) => a.words + b.words <= maxWords * 1.2
  pieces.forEach((original, index) => {
    const piece = carried ? joinPieces(carried, original) : original
    carried = undefined
    const hasNext = index < pieces.length - 1
    if (piece.words >= minWords) {
      merged.push(piece)
      return
    }
    const previous = merged.at(-1)
    const isLeadIn = endsWithColon(piece.text)
    if (isLeadIn && hasNext) carried = piece
    else if (previous && roomFor(previous, piece)) merged[merged.length - 1] = joinPieces(previous, piece)
    else if (hasNext) carried = piece
    else merged.push(piece)
  })
  if (carried) {
    const previous = merged.at(-1)
    if (previous) merged[merged.length - 1] = joinPieces(previous, carried)
    else merged.push(carried)
  }
  return merged
}

/** Splits an article's blocks into passage drafts with stable ids, in order. Pure. */
export function toPassages(article: Article, options: ChunkOptions = {}): PassageDraft[] {
  const minWords = options.minWords ?? defaults.passageMinWords
  const maxWords = options.maxWords ?? defaults.passageMaxWords
  const maxPassages = options.maxPassages ?? ingestLimits.maxPassagesPerArticle

  // Sections in order; a section is a run of blocks under the same heading.
  const sections: Piece[][] = []
  let previousSection: string | undefined | null = null
  for (const block of article.blocks) {
    const text = block.text.trim()
    if (text === '') continue
    if (block.section !== previousSection || sections.length === 0) sections.push([])
    previousSection = block.section
    for (const part of splitLongParagraph(text, maxWords)) {
      sections.at(-1)!.push({ text: part, words: countWords(part), section: block.section })
    }
  }

  // Within sections first; then a fragment too small to stand alone (a section of one line) joins the
  // passage before it, or after it when it opens the article: crossing a section is the lesser evil.
  const withinSections = sections.flatMap((pieces) => mergeShortPieces(pieces, minWords, maxWords))
  const tiny = Math.max(1, Math.floor(minWords / 4))
  const pieces: Piece[] = []
  for (const piece of withinSections) {
    const previous = pieces.at(-1)
    if (previous && previous.words < tiny) pieces[pieces.length - 1] = joinPieces(previous, piece)
    else if (previous && piece.words < tiny) pieces[pieces.length - 1] = joinPieces(previous, piece)
    else pieces.push(piece)
  }

  const occurrences = new Map<string, number>()
  return pieces.slice(0, maxPassages).map((piece, position) => {
    // the same text twice in one article (rare after de-duplication) gets a second, still stable, id
    const key = normaliseSpace(piece.text)
    const seen = occurrences.get(key) ?? 0
    occurrences.set(key, seen + 1)
    const id = seen === 0 ? passageId(article.id, piece.text) : passageId(article.id, `${piece.text}\u0000${seen + 1}`)
    const draft: PassageDraft = {
      id,
      articleId: article.id,
      position,
      text: piece.text,
      title: article.title,
      source: article.source,
    }
    if (piece.section !== undefined) draft.section = piece.section
    if (article.author !== undefined) draft.author = article.author
    if (article.date !== undefined) draft.date = article.date
    if (article.url !== undefined) draft.url = article.url
    return draft
  })
}
