// Splits a scraped body into line units, the working material of every cleaning rule. Scraped text puts
// one paragraph on a line (sometimes with blank lines between, sometimes mid-sentence); wire copy is
// hard-wrapped at ~70 columns with an indent opening each paragraph, so such text is unwrapped first.
import { countWords, endsSentence, isListItem } from './shape.ts'
import { decodeHtmlEntities } from '../../text/entities.ts'

/** One line of the body as the rules see it: usually a paragraph, a heading, a list item or chrome. */
export interface Unit {
  text: string
  /** A blank line came before it in the source (a paragraph break, not just a line break). */
  blankBefore: boolean
  /** The source marked it as a heading (markdown `#`), so it is one whatever its length. */
  markedHeading?: boolean
}

/** Decodes the HTML entities scrapers leave behind and drops control characters (see src/text/entities.ts). */
export const decodeEntities = decodeHtmlEntities

/**
 * Whether the text is hard-wrapped: most lines fill a narrow column and almost none run long. Scraped
 * web text has long paragraph lines, so it never passes this test.
 */
export function isHardWrapped(lines: string[]): boolean {
  const filled = lines.map((line) => line.trim()).filter((line) => line.length > 0)
  if (filled.length < 3) return false
  const inColumn = filled.filter((line) => line.length >= 35 && line.length <= 85).length
  const long = filled.filter((line) => line.length > 100).length
  const unfinished = filled.filter((line) => !endsSentence(line)).length
  return inColumn / filled.length >= 0.6 && long / filled.length <= 0.03 && unfinished / filled.length >= 0.4
}

/** Joins the lines of one hard-wrapped paragraph, mending words hyphenated across the break. */
function unwrap(lines: string[]): string {
  let text = ''
  for (const line of lines) {
    const piece = line.trim()
    if (text === '') text = piece
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(piece)) text += piece
    else text += ' ' + piece
  }
  return text
}

/** Splits the body into units: one per non-blank line, or per paragraph when the text is hard-wrapped. */
export function segment(body: string): Unit[] {
  const lines = decodeEntities(body).replace(/\r\n?/g, '\n').split('\n')
  const units: Unit[] = []
  if (!isHardWrapped(lines)) {
    let blankBefore = false
    for (const line of lines) {
      const text = line.replace(/\s+/g, ' ').trim()
      if (text === '') {
        blankBefore = true
        continue
      }
      units.push({ text, blankBefore })
      blankBefore = false
    }
    return units
  }

  // Hard-wrapped: a paragraph ends at a blank line, at an indented line (when the text indents paragraph
  // starts), before a list item, or after a short line that ends a sentence (the ragged last line).
  const indentsParagraphs = lines.some((line) => /^\s+\S/.test(line)) && lines.some((line) => /^\S/.test(line))
  const lengths = lines.map((line) => line.trim().length).filter((length) => length > 0).sort((a, b) => a - b)
  const typicalLength = lengths[Math.floor(lengths.length * 0.8)] ?? 70
  let current: string[] = []
  let currentBlankBefore = false
  let sawBlank = false
  const flush = () => {
    if (current.length > 0) units.push({ text: unwrap(current), blankBefore: currentBlankBefore })
    current = []
  }
  for (const line of lines) {
    if (line.trim() === '') {
      flush()
      sawBlank = true
      continue
    }
    const startsParagraph = (indentsParagraphs && /^\s+\S/.test(line)) || isListItem(line)
    if (startsParagraph) flush()
    if (current.length === 0) {
      currentBlankBefore = sawBlank
      sawBlank = false
    }
    current.push(line)
    const trimmed = line.trim()
    if (endsSentence(trimmed) && trimmed.length < typicalLength * 0.6 && countWords(trimmed) > 0) flush()
  }
  flush()
  return units
}
