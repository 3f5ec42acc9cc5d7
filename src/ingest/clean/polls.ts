// Reader polls embedded in an article page: a marker ("Poll conducted", "Poll", "Quick poll", "Survey"),
// a question ending in "?", answer options and their results ("33 (31%)", "31%", "Total votes: 108"),
// and the "Vote" / "View results" buttons. The whole widget goes, the article text around it stays.
import type { Unit } from './segment.ts'
import { countWords, endsSentence, stripListMarker } from './shape.ts'

const MARKER = /^(?:poll(?:\s+(?:conducted|results?|closed|archive))?|opinion poll|quick poll|reader poll|online poll|survey|take (?:our|the) (?:poll|survey)|previous polls?|опрос)\W*$/iu
// "33 (31%)", "31%", "31 % (33 votes)", "33 votes (31%)", "Total votes: 108", "Voters: 108"
const RESULT =
  /^(?:\d[\d,. ]*\s*(?:votes?\s*)?\(\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\)|\d{1,3}(?:[.,]\d+)?\s*%(?:\s*\(\s*\d[\d,. ]*(?:\s*votes?)?\s*\))?|(?:total\s+)?(?:votes?|voters|respondents|answers)\s*[:：]\s*\d[\d,. ]*)$/iu
const BUTTON = /^(?:vote|view results|show results|results|see results|back to (?:the )?poll|submit)\W*$/iu

const isQuestion = (text: string) => /\?["”’)]?$/u.test(text) && countWords(text) <= 40
// An answer option is a short line that is not a finished sentence ending in a full stop.
const isOption = (text: string) => countWords(text) <= 25 && !/[.]["”’)]?$/u.test(text)

function isPollLine(text: string): boolean {
  const bare = stripListMarker(text)
  return RESULT.test(bare) || BUTTON.test(bare) || isQuestion(bare) || isOption(bare) || MARKER.test(bare)
}

/** Removes poll widgets: from their marker or question through options, results and buttons. */
export function removePolls(units: Unit[], removed: string[]): Unit[] {
  const drop = new Set<number>()
  const text = (index: number) => stripListMarker(units[index]?.text ?? '')
  for (let index = 0; index < units.length; index++) {
    if (drop.has(index)) continue
    let start = -1
    const line = text(index)
    if (MARKER.test(line) && (isQuestion(text(index + 1)) || RESULT.test(text(index + 2)))) start = index
    else if (RESULT.test(line) && (RESULT.test(text(index + 2)) || RESULT.test(text(index + 1)))) {
      // the first result: step back over its option, the question and the marker
      start = index
      if (start > 0 && isOption(text(start - 1)) && !RESULT.test(text(start - 1))) start--
      if (start > 0 && isQuestion(text(start - 1))) start--
      if (start > 0 && MARKER.test(text(start - 1))) start--
    }
    if (start < 0) continue
    let end = Math.max(start, index)
    let sawResult = RESULT.test(line)
    while (end + 1 < units.length && isPollLine(units[end + 1]!.text)) {
      const next = text(end + 1)
      if (RESULT.test(next)) sawResult = true
      else if (isOption(next) && !BUTTON.test(next) && !isQuestion(next) && !MARKER.test(next)) {
        // an option is followed by its result, or (in a poll showing no results) by more options
        const after = text(end + 2)
        const resultFollows = RESULT.test(after) || BUTTON.test(after)
        const moreOptions = !sawResult && !endsSentence(next) && (isOption(after) || after === '')
        if (!resultFollows && !moreOptions) break
      }
      end++
    }
    for (let dropped = start; dropped <= end; dropped++) drop.add(dropped)
    index = end
  }
  if (drop.size === 0) return units
  removed.push(`removed poll: ${[...drop].map((index) => units[index]!.text).join(' | ')}`)
  return units.filter((_, index) => !drop.has(index))
}
