// Rejoins text that was hard-wrapped at a fixed width (newswire, e-mail, plain-text archives), so that each
// paragraph is one line, as every reader hands bodies on. Text that is not clearly hard-wrapped is left alone.

/** Lines longer than this are not from a fixed-width wrap. */
const MAX_WRAP_WIDTH = 80
/** Share of line breaks between two unindented lines that must fall mid-sentence. */
const MIN_MID_SENTENCE_SHARE = 0.4

const LIST_ITEM = /^\s*(?:[-*•+]\s|\d{1,3}[.)]\s)/
/** A run of spaces inside a line lays out a table; such lines keep their own line. */
const TABLE_LIKE = /\S {3,}\S|\.{4,}/

function isIndented(line: string): boolean {
  return /^\s/.test(line)
}

/**
 * Whether a text is hard-wrapped: nearly all lines fit a terminal width, and most breaks between two
 * unindented lines fall mid-sentence (the next line starts lowercase, or the line ends on a comma or a
 * hyphenated word). A list of short headlines or a poem rarely breaks that way; wrapped prose mostly does.
 */
export function looksHardWrapped(text: string): boolean {
  const lines = text.split('\n')
  const lengths = lines.filter((line) => line.trim()).map((line) => line.trimEnd().length)
  if (lengths.length < 2) return false
  const sorted = [...lengths].sort((a, b) => a - b)
  const p90 = sorted[Math.floor((sorted.length - 1) * 0.9)]
  if (p90 > MAX_WRAP_WIDTH) return false

  let breaks = 0
  let midSentence = 0
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i].trimEnd()
    const next = lines[i + 1]
    if (!line.trim() || !next.trim() || isIndented(next) || LIST_ITEM.test(next) || TABLE_LIKE.test(line)) continue
    breaks++
    if (/^\s*[\p{Ll}(]/u.test(next) || /(?:,|\p{Ll}-)$/u.test(line)) midSentence++
  }
  return breaks > 0 && midSentence / breaks >= MIN_MID_SENTENCE_SHARE
}

/**
 * One paragraph a line. A paragraph starts after a blank line, at an indented line, at a list item, or at a
 * table-like line; other lines continue the paragraph before them. A word hyphenated across a break is
 * rejoined with its hyphen ("well-\nknown" -> "well-known"), since the hyphen may be real.
 */
export function unwrapHardWrappedText(text: string): string {
  if (!looksHardWrapped(text)) return text
  const paragraphs: string[] = []
  let current: string | undefined
  let currentIsTable = false
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trimEnd()
    if (!line.trim()) {
      if (current !== undefined) paragraphs.push(current)
      current = undefined
      continue
    }
    const isTable = TABLE_LIKE.test(line)
    const startsParagraph = current === undefined || isIndented(line) || LIST_ITEM.test(line) || isTable || currentIsTable
    if (startsParagraph) {
      if (current !== undefined) paragraphs.push(current)
      current = line.trim()
      currentIsTable = isTable
      continue
    }
    const joinsHyphenated = /\p{L}-$/u.test(current!) && /^\p{Ll}/u.test(line)
    current = joinsHyphenated ? current + line.trim() : `${current} ${line.trim()}`
  }
  if (current !== undefined) paragraphs.push(current)
  return paragraphs.join('\n')
}
