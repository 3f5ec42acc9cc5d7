// Turns the cleaned lines into blocks: short title-like lines inside the body ("Past Frictions",
// "Stability restored", "No Hard Feelings?") are section headings and become the `section` of the
// blocks under them, and a bulleted or numbered list becomes one block with the sentence introducing it.
import type { Block } from '../../model.ts'
import type { Unit } from './segment.ts'
import { endsWithColon, isHeadingLike, isShortLine, isListItem, startsLowercase, stripListMarker } from './shape.ts'

/**
 * Whether the unit heads a section: marked as a heading, or heading-like with body text after it. A
 * heading-like line followed by another short line is one row of a run of short lines (a table, a
 * list without bullets), which stays text.
 */
export function isSectionHeading(unit: Unit, next: Unit | undefined): boolean {
  if (unit.markedHeading) return true
  if (!isHeadingLike(unit.text) || next === undefined || startsLowercase(next.text)) return false
  return next.markedHeading === true || isListItem(next.text) || !isHeadingLike(next.text)
}

// A sentence that announces a list: ends with ":" or with "including", "the following", "as follows".
const INTRODUCES_LIST = /(?:\b(?:including|include|includes|following|as follows|are|were|namely))\W*$/iu

/** Writes a list item with a uniform marker: "- item" for bullets, the number kept for numbered items. */
function formatListItem(text: string): string {
  const numbered = /^\s*(\d{1,3}|[a-z])[.)]\s+/u.exec(text)
  return numbered ? `${numbered[1]}. ${stripListMarker(text)}` : `- ${stripListMarker(text)}`
}

/** Assembles blocks with their sections, lists joined to their introducing sentence. */
export function assembleBlocks(units: Unit[], removed: string[]): Block[] {
  const blocks: Block[] = []
  let section: string | undefined
  let sectionHasBlocks = true
  let previousWasParagraph = false
  let previousShortLine = false
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!
    if (isSectionHeading(unit, units[index + 1])) {
      if (!sectionHasBlocks && section) removed.push(`removed heading without text: ${section}`)
      section = unit.text
      sectionHasBlocks = false
      previousWasParagraph = false
      previousShortLine = false
      continue
    }
    if (isListItem(unit.text)) {
      const items: string[] = []
      while (index < units.length && isListItem(units[index]!.text)) items.push(formatListItem(units[index++]!.text))
      index--
      const intro = blocks.at(-1)
      if (previousWasParagraph && intro && (endsWithColon(intro.text) || INTRODUCES_LIST.test(intro.text))) {
        intro.text = `${intro.text}\n${items.join('\n')}`
      } else blocks.push(section ? { text: items.join('\n'), section } : { text: items.join('\n') })
      sectionHasBlocks = true
      previousWasParagraph = false
      previousShortLine = false
      continue
    }
    // consecutive short lines (table rows, an unbulleted list) stay together as one block
    const previousBlock = blocks.at(-1)
    if (previousBlock && previousShortLine && isShortLine(unit.text)) previousBlock.text += `\n${unit.text}`
    else blocks.push(section ? { text: unit.text, section } : { text: unit.text })
    previousShortLine = isShortLine(unit.text)
    sectionHasBlocks = true
    previousWasParagraph = true
  }
  if (!sectionHasBlocks && section) removed.push(`removed heading without text: ${section}`)
  return blocks
}
