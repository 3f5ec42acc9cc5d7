// The article's title when the body opens with it, as plain-text and converted pages usually do: a
// short line that does not end like a sentence (a first line that is a sentence, a caption or chrome
// is body or has already been removed). A first line repeating the title known from metadata is
// dropped whatever its shape.
import type { ArticleMeta } from '../../model.ts'
import type { Unit } from './segment.ts'
import { comparisonKey, countWords, endsSentence, isHeadingLike, startsLowercase } from './shape.ts'

/** Whether the line reads as a headline: 2 to 25 words, capitalised start, no sentence ending. */
export function isTitleLike(text: string): boolean {
  const words = countWords(text)
  if (words < 2 || words > 25 || text.length > 200) return false
  if (endsSentence(text) && !/[?!]["”’]?$/u.test(text)) return false
  return isHeadingLike(text, 25)
}

function sameTitle(line: string, knownTitle: string): boolean {
  const a = comparisonKey(line)
  const b = comparisonKey(knownTitle)
  if (a === '' || b === '') return false
  if (a === b) return true
  // sites append their name ("Title | Site") or drop a subtitle, so a headline-shaped line containing
  // most of the title, or contained in it, counts as the same; a sentence merely starting with it does not
  if (!isTitleLike(line)) return false
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a]
  return longer.includes(shorter) && shorter.length >= longer.length * 0.5
}

/**
 * Takes the title off the front of the body. With a known title, only a line repeating it (among the
 * first three) is taken; without one, the first line is taken when it reads as a headline and the
 * line after it does not continue it.
 */
export function extractTitle(units: Unit[], meta: ArticleMeta, removed: string[], knownTitle?: string): Unit[] {
  if (knownTitle) {
    // a line the next one carries on ("… is" + "issuing …") is the start of a sentence, not the title
    const index = units
      .slice(0, 3)
      .findIndex((unit, at) => sameTitle(unit.text, knownTitle) && !startsLowercase(units[at + 1]?.text ?? ''))
    if (index < 0) return units
    meta.title ??= units[index]!.text
    meta.titleOrigin ??= 'text'
    removed.push(`removed title line repeating the known title: ${units[index]!.text}`)
    return [...units.slice(0, index), ...units.slice(index + 1)]
  }
  const first = units[0]
  const next = units[1]
  if (!first || !next || !isTitleLike(first.text)) return units
  if (startsLowercase(next.text)) return units
  meta.title = first.text
  meta.titleOrigin = 'text'
  removed.push(`took title line: ${first.text}`)
  return units.slice(1)
}

/** Removes later lines that only repeat the known title (a page's footer or share box often does). */
export function dropTitleRepeats(units: Unit[], removed: string[], knownTitle?: string): Unit[] {
  if (!knownTitle) return units
  const key = comparisonKey(knownTitle)
  if (key === '') return units
  const kept = units.filter((unit) => {
    if (comparisonKey(unit.text) !== key) return true
    removed.push(`removed title repeated in the body: ${unit.text}`)
    return false
  })
  return kept.length > 0 ? kept : units
}
