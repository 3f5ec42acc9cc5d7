// cleanArticle: scraped body text in, article blocks and the metadata the text states out. The rules
// run in a fixed order, each in its own module: markup first (so patterns see plain words), then page
// chrome and captions, then bylines and the title, and only then paragraph repair, de-duplication and
// sectioning, which must not be fooled by chrome lines sitting between two halves of a paragraph.
import type { ArticleMeta, Block } from '../../model.ts'
import { extractBylines, extractDateline } from './byline.ts'
import { removeCaptions } from './captions.ts'
import { removeChromeLines, removeDateStamps, removeTrailingFooter, removeWireSignoff } from './chrome.ts'
import { removeCommentSection } from './comments.ts'
import { assembleBlocks } from './headings.ts'
import { removeLinkLists, removeRelatedTeasers } from './link-lists.ts'
import { cleanMarkdown } from './markdown.ts'
import { dropRepeatedParagraphs, rejoinBrokenParagraphs } from './paragraphs.ts'
import { removePolls } from './polls.ts'
import { segment } from './segment.ts'
import { detectLanguage } from './language.ts'
import { isHeadingLike } from './shape.ts'
import { dropTitleRepeats, extractTitle } from './title.ts'

export interface CleanedText {
  /** Body blocks in order: paragraphs (a bulleted list stays one block with the sentence introducing it), each with the heading of its section. */
  blocks: Block[]
  /** What the text itself states about the article: a title-like first line (titleOrigin 'text'), byline / "Original Author: X" / signature-block author (+ authorRole), date and place from a signature block or dateline (PartialDate with precision), and the language its words are in (language.ts). Leave fields undefined when the text does not state them. */
  meta: ArticleMeta
  /** Human-readable notes of what was removed, for debugging (e.g. "removed photo credit: Photo: kremlin.ru"). */
  removed: string[]
}

export interface CleanOptions {
  /** The title known from metadata, so a first line repeating it is not a passage. */
  knownTitle?: string
}

/** Strips page chrome from a scraped article body and splits it into sectioned blocks. Pure. */
export function cleanArticle(body: string, options: CleanOptions = {}): CleanedText {
  const removed: string[] = []
  const meta: ArticleMeta = {}

  let units = segment(body)
  units = cleanMarkdown(units, removed)
  // the comment section first: its opener ("12 Comments") must not be taken for a lone widget line
  units = removeCommentSection(units, removed)
  units = removeWireSignoff(units, removed)
  units = removeTrailingFooter(units, removed)
  units = removeChromeLines(units, removed)
  units = removeCaptions(units, removed)
  units = removePolls(units, removed)
  units = removeLinkLists(units, removed)
  units = removeRelatedTeasers(units, removed)

  units = extractBylines(units, meta, removed)
  units = extractTitle(units, meta, removed, options.knownTitle)
  units = dropTitleRepeats(units, removed, options.knownTitle)
  const opening = units[0]
  if (opening && !isHeadingLike(opening.text)) {
    const rest = extractDateline(opening.text, meta, removed)
    if (rest !== undefined) units = [{ ...opening, text: rest }, ...units.slice(1)]
  }
  // after the bylines and the dateline, which read a date at the top before it goes
  units = removeDateStamps(units, removed)

  units = rejoinBrokenParagraphs(units)
  units = dropRepeatedParagraphs(units, removed)
  const blocks = assembleBlocks(units, removed)
  const language = detectLanguage(blocks.map((block) => block.text).join('\n'))
  if (language?.confident) meta.language = language.language
  return { blocks, meta, removed }
}
