// Finds where a search's matched words occur in a text, as character ranges, so an article page can highlight
// the query everywhere in the article (the engine returns ranges only for the passages it ranked).
import type { Range } from '../model.ts'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Ranges of whole-word, case-insensitive occurrences of any of `terms` in `text`, sorted and merged.
 * "Whole word" means no letter or digit right before or after, so "rem" does not light up "remittances".
 */
export function rangesForTerms(text: string, terms: readonly string[]): Range[] {
  const words = [...new Set(terms.map((term) => term.trim()).filter((term) => term !== ''))]
  if (words.length === 0 || text === '') return []
  // Longest first, so "remittances" wins over "remittance" at the same position.
  words.sort((a, b) => b.length - a.length)
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
  const ranges: Range[] = []
  for (const match of text.matchAll(pattern)) {
    const start = match.index
    const end = start + match[0].length
    const last = ranges.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else ranges.push([start, end])
  }
  return ranges
}
