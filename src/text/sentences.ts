// Sentences, for every stage that needs them (splitting long paragraphs into passages, finding names at a
// sentence's start): the Unicode sentence rules (Intl.Segmenter), then the breaks they make after a title,
// an initial or an abbreviation ("Mr. Smith", "J. Doe", "Jan. 5", "U.S. officials") taken back, since news
// text is full of them.

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

/** Abbreviations whose full stop ends no sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms dr prof st gen sen rep gov lt col maj capt sgt cpl adm jr sr rev hon pres inc ltd co corp plc llc ' +
    'vs etc e.g i.e cf al no nos jan feb mar apr jun jul aug sep sept oct nov dec fig figs approx dept univ est ' +
    'ave blvd mt ft pp vol vols ed eds ca op cit art para sec ch'
  ).split(' '),
)

/** Where a sentence after the first starts, and whether that point is inside a quotation. */
export interface SentenceBoundary {
  at: number
  insideQuote: boolean
}

/** Whether a break after `segment` is a false one: it ends with a title, an initial or an abbreviation. */
function endsWithAbbreviation(segment: string): boolean {
  const word = /([\p{L}.]+)\.["'”’»)\]]*\s*$/u.exec(segment)?.[1]
  if (!word) return false
  return /^(?:\p{L}\.)+\p{L}?$/u.test(word) || /^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase())
}

/** The sentence boundaries of a text (none for a single sentence). */
export function sentenceBoundaries(text: string): SentenceBoundary[] {
  const starts: number[] = []
  let previous = ''
  for (const { segment, index } of segmenter.segment(text)) {
    if (index > 0 && !endsWithAbbreviation(previous)) starts.push(index)
    previous = endsWithAbbreviation(previous) ? previous + segment : segment
  }
  // Quotation depth at each boundary: a sentence that ends inside a quotation is part of the quote.
  const boundaries: SentenceBoundary[] = []
  let depth = 0
  let straightOpen = false
  let next = 0
  for (let i = 0; i < text.length && next < starts.length; i++) {
    if (i === starts[next]) {
      boundaries.push({ at: i, insideQuote: depth > 0 || straightOpen })
      next++
    }
    const char = text[i]
    if (char === '“' || char === '«') depth++
    else if ((char === '”' || char === '»') && depth > 0) depth--
    else if (char === '"') straightOpen = !straightOpen
  }
  return boundaries
}

/** The sentences of a text, each with its trailing space trimmed. */
export function splitSentences(text: string): string[] {
  const cuts = [0, ...sentenceBoundaries(text).map((boundary) => boundary.at), text.length]
  const sentences: string[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const sentence = text.slice(cuts[i], cuts[i + 1]).trim()
    if (sentence) sentences.push(sentence)
  }
  return sentences
}
