// What a search shows of its matches: each hit with its highlight ranges and snippet, the facet listings
// with labels, and spelling suggestions when nothing matched.
import { facetValueLabel, facetValueParent } from '../../facets/registry.ts'
import type { FacetCounts, FacetName, SearchHit } from '../../model.ts'
import { indexTerm, foldTerm } from '../../text/analyze.ts'
import { defaults } from '../../defaults.ts'
import { highlight, highlightQueryTerms, makeSnippet, withinEditDistance } from '../highlight.ts'
import { FacetTally, listFacetValues } from './columns.ts'
import type { IndexParts } from './parts.ts'
import type { SearchPlan } from './plan.ts'
import { termWeight } from './postings.ts'

/**
 * A result with its highlight ranges and snippet. The query's words are found in the passage's own text
 * (see highlightQueryTerms) rather than looked up in the postings of every term a prefix or a typo stands
 * for, so marking a page costs the page's text, whatever the query expands to.
 */
export function toHit(parts: IndexParts, doc: number, score: number, plan: SearchPlan): SearchHit {
  const passage = parts.store.passage(doc)
  const { ranges, words } = highlightQueryTerms(passage.text, plan.highlight)
  return { passage, score, ranges, matchedTerms: words, snippet: makeSnippet(passage.text, ranges, defaults.snippetLength) }
}

/** A facet value's display label (topic names, months, "Undated"). */
export function labelOf(parts: IndexParts, facet: FacetName, value: string): string {
  const definition = parts.registry.get(facet)
  return definition ? facetValueLabel(definition, value, parts.meta) : value
}

/** Every facet of the registry listed from a run's tallies: top values plus every selected or excluded one. */
export function facetCounts(parts: IndexParts, tallies: Map<FacetName, FacetTally>, plan: SearchPlan, size: number): Record<FacetName, FacetCounts> {
  const counts: Record<FacetName, FacetCounts> = {}
  for (const facet of parts.registry.facets) {
    const column = parts.columns.get(facet.name)
    if (!column) continue
    const listed = listFacetValues(facet, column, tallies.get(facet.name) ?? new FacetTally(column.values.length), {
      // Values listed only within another facet's choice (a year's months) are few and listed whole.
      size: facet.onlyWithin ? Number.MAX_SAFE_INTEGER : size,
      selected: new Set(plan.filters[facet.name] ?? []),
      excluded: new Set(plan.exclude[facet.name] ?? []),
      label: (value) => labelOf(parts, facet.name, value),
    })
    // A two-level facet's values name their parents, as in `facetValues`.
    if (facet.hierarchical) {
      for (const value of listed.values) {
        const parent = facetValueParent(facet, value.value, parts.meta)
        if (parent) value.parent = parent
      }
    }
    counts[facet.name] = listed
  }
  return counts
}

const MAX_SUGGESTED_WORDS = 8

/**
 * Words in the index close to what was typed, offered when nothing matched: for each word of four letters
 * or more, the index term within one edit (two for words of six letters or more) held by the most
 * passages, shown as a word written in one of them.
 */
export function suggest(parts: IndexParts, words: string[]): string[] {
  const suggestions = new Set<string>()
  // A handful of words is enough to suggest from; a thousand-character query must not cost a lookup each.
  for (const word of [...new Set(words)].slice(0, MAX_SUGGESTED_WORDS)) {
    const term = indexTerm(word)
    if (term === null || term.length < 4) continue
    // A word the collection holds as typed is spelt right: other words, or the filters, leave nothing.
    const own = parts.terms.get(term)
    if (own && termWeight(own) > 0) continue
    const distance = term.length >= 6 ? 2 : 1
    let best: { term: string; weight: number } | undefined
    for (const [candidate, [postings, edits]] of parts.terms.fuzzyGet(term, distance)) {
      if (edits === 0) continue
      const weight = termWeight(postings)
      if (weight > 0 && (!best || weight > best.weight)) best = { term: candidate, weight }
    }
    if (!best) continue
    const surface = surfaceWord(parts, best.term)
    if (surface && foldTerm(surface) !== foldTerm(word) && withinEditDistance(foldTerm(surface), foldTerm(word), distance + 1)) suggestions.add(surface)
  }
  return [...suggestions]
}

/** A word as written in a passage that holds the index term (terms are stems: "remitt" reads "remittances"). */
function surfaceWord(parts: IndexParts, term: string): string | undefined {
  const postings = parts.terms.get(term)
  for (const chunks of postings ?? []) {
    for (const chunk of chunks?.chunks ?? []) {
      for (const doc of chunk.ids) {
        if (!parts.store.isLive(doc)) continue
        const passage = parts.store.passage(doc)
        for (const text of [passage.text, passage.title, passage.section ?? '']) {
          const { words } = highlight(text, { terms: new Set([term]), phrases: [] })
          if (words.length > 0) return words[0]
        }
      }
    }
  }
  return undefined
}
