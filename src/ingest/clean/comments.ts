// Reader comment sections under an article: an opener ("Join the Conversation", "12 Comments",
// "Comments (3)", "Leave a comment", "3 thoughts on “…”"), the comments themselves and the comment
// form. Comments read like article sentences, so the section is recognised by its opener and cut from
// there to the end of the body, unless more text follows the opener than precedes it (then the opener
// is a widget at the top of the page and only it goes).
import type { Unit } from './segment.ts'
import { countWords } from './shape.ts'

const OPENER =
  /^(?:join the (?:conversation|discussion|debate)|(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts? on\b.*|responses? to\b.*)|comments?(?:\s*\(\d+\))?|reader comments|readers['’]? comments|(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)(?:\s+(?:below|here))?|show comments|view comments|load comments|comments are closed|have your say|комментарии)\W*$/iu

/** Removes a comment section (opener to end) closing the body; a lone opener elsewhere. */
export function removeCommentSection(units: Unit[], removed: string[]): Unit[] {
  // a lowercase "comment." is the tail of a wrapped sentence, not a section opener
  const opener = units.findIndex((unit) => countWords(unit.text) <= 12 && /^[\p{Lu}\p{N}]/u.test(unit.text) && OPENER.test(unit.text))
  if (opener < 0) return units
  const wordsIn = (part: Unit[]) => part.reduce((sum, unit) => sum + countWords(unit.text), 0)
  if (wordsIn(units.slice(opener + 1)) <= wordsIn(units.slice(0, opener))) {
    removed.push(`removed comment section (${units.length - opener} lines): ${units[opener]!.text}`)
    return removeCommentSection(units.slice(0, opener), removed)
  }
  removed.push(`removed comment opener: ${units[opener]!.text}`)
  return removeCommentSection([...units.slice(0, opener), ...units.slice(opener + 1)], removed)
}
