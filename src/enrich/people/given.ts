// People an article's own metadata lists (a JSON Lines `people` field; Reuters writes them lowercase and
// hyphenated: "james-baker", "reagan", "leigh-pemberton"). Each joins the people the text names:
// - its display name is the text's own full name when one fits ("reagan" -> "Ronald Reagan" when the story
//   names him so), else the words as the text spells them ("Leigh-Pemberton"), else the words capitalised;
// - it is attached to the passages that name it (by that full name, or by its words written out), else, when the
//   text never names it, to the article's first passage, so a filter on the person still finds the article.
import { NAME_PARTICLES } from './cues.ts'
import { foldName } from './fold.ts'

export interface GivenPerson {
  /** The name shown in the People facet. */
  display: string
  /** Passages (indexes) the person is attached to. */
  passages: number[]
}

/**
 * Resolves each given person against the names found in the text (`found`: passage -> names) and the text
 * itself. `title` is searched for spellings only; people are attached to body passages.
 */
export function resolveGivenPeople(given: readonly string[], passageTexts: readonly string[], found: readonly string[][], title?: string): GivenPerson[] {
  const people = new Map<string, GivenPerson>()
  const mentionCounts = new Map<string, number>()
  for (const names of found) for (const name of names) mentionCounts.set(name, (mentionCounts.get(name) ?? 0) + 1)
  for (const tag of given) {
    const words = tagWords(tag)
    if (words.length === 0) continue
    const fullName = bestTextName(words, mentionCounts)
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'iu')
    const display = fullName ?? spelledInText(pattern, [...passageTexts, title ?? '']) ?? capitalise(words)
    let passages = fullName === undefined ? [] : found.flatMap((names, at) => (names.includes(fullName) ? [at] : []))
    if (passages.length === 0) passages = passageTexts.flatMap((text, at) => (pattern.test(text) ? [at] : []))
    if (passages.length === 0 && passageTexts.length > 0) passages = [0]
    const known = people.get(display)
    if (known) known.passages = [...new Set([...known.passages, ...passages])].sort((a, b) => a - b)
    else people.set(display, { display, passages })
  }
  return [...people.values()]
}

/** "james-baker" -> james, baker; "James_Baker" and "James Baker" alike. */
function tagWords(tag: string): string[] {
  return foldName(tag).split(/[\s_-]+/).filter(Boolean)
}

/**
 * The name the text gives that this tag names: its words end the name ("reagan" in "Ronald Reagan",
 * "leigh-pemberton" in "Robin Leigh-Pemberton"), or open and close it ("james-baker" in "James A. Baker").
 * The most mentioned one when several fit.
 */
function bestTextName(words: string[], mentionCounts: Map<string, number>): string | undefined {
  let best: string | undefined
  let bestCount = 0
  for (const [name, count] of mentionCounts) {
    const nameWords = foldName(name).split(/[\s-]+/).filter(Boolean)
    const endsWithTag = nameWords.length >= words.length && words.every((w, at) => nameWords[nameWords.length - words.length + at] === w)
    const framesTag = words.length >= 2 && nameWords[0] === words[0] && nameWords.at(-1) === words.at(-1)
    if ((endsWithTag || framesTag) && (count > bestCount || (count === bestCount && best !== undefined && name.length > best.length))) {
      best = name
      bestCount = count
    }
  }
  return best
}

/** The tag's words as the text writes them ("Leigh-Pemberton"), unless only in capitals ("LEIGH-PEMBERTON SAYS"). */
function spelledInText(pattern: RegExp, texts: string[]): string | undefined {
  for (const text of texts) {
    const match = pattern.exec(text)
    if (match && match[0] !== match[0].toUpperCase() && /^\p{Lu}/u.test(match[0])) return match[0].replace(/\s+/g, ' ')
  }
  return undefined
}

/** "perez de cuellar" -> "Perez de Cuellar": each word capitalised, particles inside the name kept lower case. */
function capitalise(words: string[]): string {
  return words.map((w, at) => (at > 0 && NAME_PARTICLES.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
