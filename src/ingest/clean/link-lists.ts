// Lists of links to other articles that scrapers capture with the page: a "Latest news" / "Most read" /
// "Related articles" box followed by unrelated headlines, and a related-article teaser made of its
// authors' names ending in a colon followed by that article's title ("Name, Name, Name:" + title line).
import type { Unit } from './segment.ts'
import { countWords, isHeadingLike, isListItem, splitPersonNames } from './shape.ts'

const LIST_OPENER =
  /^(?:latest(?:\s+(?:news|stories|articles|posts|headlines|updates))?|most\s+(?:read|popular|viewed|shared|commented|discussed)|top\s+(?:stories|news|headlines)|trending(?:\s+(?:now|stories|news))?|related(?:\s+(?:news|articles?|stories|posts|coverage|content|reading|materials?|links))?|more\s+(?:news|stories|articles|headlines|from\s+.{1,40}|on\s+this\s+(?:topic|story))|recommended(?:\s+(?:for you|stories|articles|reading))?|editor['’]?s['’]?\s+picks?|you\s+(?:may|might)\s+also\s+(?:like|be interested in)|popular(?:\s+(?:news|stories|posts|now))?|(?:in\s+)?other\s+news|news\s+feed|recent\s+(?:posts|news|articles|stories)|(?:what\s+to\s+)?read\s+next|also\s+on\s+.{1,30}|последние новости|читайте также)\W*$/iu
// Timestamps that sit next to headlines in such boxes: "12:45", "2 hours ago", "Yesterday", "15.12.2025".
const TIMESTAMP = /^(?:\d{1,2}:\d{2}(?:\s*[ap]m)?|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago|yesterday|today|\d{1,2}[./]\d{1,2}[./]\d{2,4})$/iu

// A headline: a list item, or a short line that does not end with a full stop.
const isHeadline = (text: string) =>
  isListItem(text) || TIMESTAMP.test(text) || (countWords(text) <= 25 && !/[.:,;]["”’)]?$/u.test(text))

/** Removes link-list boxes: the opener and the headlines that follow it, up to the next paragraph. */
export function removeLinkLists(units: Unit[], removed: string[]): Unit[] {
  const kept: Unit[] = []
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!
    if (countWords(unit.text) > 6 || !LIST_OPENER.test(unit.text)) {
      kept.push(unit)
      continue
    }
    let end = index
    while (end + 1 < units.length && isHeadline(units[end + 1]!.text)) end++
    removed.push(`removed link list (${end - index} items): ${unit.text}`)
    index = end
  }
  return kept
}

/** Removes related-article teasers: a line of author names ending in ":" followed by a title line. */
export function removeRelatedTeasers(units: Unit[], removed: string[]): Unit[] {
  const kept: Unit[] = []
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!
    const next = units[index + 1]
    const names = /^(.+):$/u.exec(unit.text)?.[1]
    if (names && next && splitPersonNames(names) && isHeadingLike(next.text, 20)) {
      removed.push(`removed related-article teaser: ${unit.text} ${next.text}`)
      index++
      continue
    }
    kept.push(unit)
  }
  return kept
}
