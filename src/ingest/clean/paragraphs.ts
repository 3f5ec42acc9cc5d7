// Paragraph repair after the chrome is gone: scrapers break paragraphs mid-sentence with a blank line
// ("the Eurasian\n\nEconomic Union") and split a quote from its attribution ("…individually,\nRahmon
// said, …"); some pages repeat a paragraph (a summary shown again at the end). Broken paragraphs are
// joined, repeats are kept once.
import type { Unit } from './segment.ts'
import {
  comparisonKey,
  countWords,
  endsSentence,
  endsWithColon,
  isHeadingLike,
  isListItem,
  isShortLine,
  startsLowercase,
} from './shape.ts'

/**
 * Whether `next` carries on the sentence `previous` left unfinished. A heading never continues into the
 * paragraph under it: a short heading-like line joins only a next line that starts lowercase.
 */
export function continuesParagraph(previous: Unit, next: Unit): boolean {
  if (previous.markedHeading || next.markedHeading) return false
  if (isListItem(previous.text) || isListItem(next.text)) return false
  const text = previous.text
  if (endsSentence(text) || endsWithColon(text) || /;$/u.test(text)) return false
  if (startsLowercase(next.text)) return true
  if (isHeadingLike(next.text)) return false
  // a clause left open: a quote before its attribution, a dash before an aside
  if (/[,—–-]["”’]?$/u.test(text)) return true
  // consecutive short lines are rows of a table or list, not one sentence
  if (isShortLine(text) && isShortLine(next.text)) return false
  // a long line that stops without punctuation was cut mid-sentence; a short one is a heading
  return !isHeadingLike(text)
}

/** Joins paragraphs that a line break cut mid-sentence. */
export function rejoinBrokenParagraphs(units: Unit[]): Unit[] {
  const joined: Unit[] = []
  for (const unit of units) {
    const previous = joined.at(-1)
    if (previous && continuesParagraph(previous, unit)) {
      joined[joined.length - 1] = { ...previous, text: `${previous.text} ${unit.text}` }
    } else joined.push(unit)
  }
  return joined
}

/** Keeps the first of paragraphs that say the same thing (same words, ignoring case and punctuation). */
export function dropRepeatedParagraphs(units: Unit[], removed: string[]): Unit[] {
  const seen = new Set<string>()
  return units.filter((unit) => {
    // short lines (headings, list items) may legitimately repeat
    if (countWords(unit.text) < 8) return true
    const key = comparisonKey(unit.text)
    if (seen.has(key)) {
      removed.push(`removed repeated paragraph: ${unit.text.slice(0, 80)}`)
      return false
    }
    seen.add(key)
    return true
  })
}
