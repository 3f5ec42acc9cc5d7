// A brute-force reference for the randomized contract check: the query language's core (words with AND, one
// phrase, one OR, one exclusion, facet filters and exclusions, date bounds, relaxation) decided passage by
// passage from the definitions, with no index at all, and facets counted and listed by the rules the
// product states (disjunctive counts; by count then name, dates newest first with "undated" last).
import { BUILT_IN_REGISTRY, type FacetDefinition } from '../../../src/facets/registry.ts'
import type { FacetFilters, Passage } from '../../../src/model.ts'
import { indexTerm, tokenizeForIndex } from '../../../src/text/analyze.ts'
import { dateBounds } from '../../../src/text/dates.ts'
import { containsPhrase, phraseKey } from '../../../src/engine/highlight.ts'
import { packedDateBounds } from '../../../src/engine/embedded/date-columns.ts'

export interface ReferenceQuery {
  words: string[]
  phrase?: [string, string]
  either?: [string, string]
  without?: string
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
}

/** The query as a user types it. */
export function queryText(query: ReferenceQuery): string {
  const parts = [...query.words]
  if (query.phrase) parts.push(`"${query.phrase.join(' ')}"`)
  if (query.either) parts.push(`${query.either[0]} OR ${query.either[1]}`)
  if (query.without) parts.push(`-${query.without}`)
  return parts.join(' ')
}

function termsOf(passage: Passage): Set<string> {
  const terms = new Set<string>()
  for (const text of [passage.text, passage.title, passage.section ?? '', passage.people.join(' ; ')]) {
    for (const word of tokenizeForIndex(text)) {
      const term = indexTerm(word)
      if (term !== null) terms.add(term)
    }
  }
  return terms
}

const FACETS = ['source', 'topic', 'person', 'year'] as const

function passesFacet(passage: Passage, facet: FacetDefinition, include?: string[], exclude?: string[]): boolean {
  const found = facet.valuesOf(passage)
  const values = typeof found === 'string' ? [found] : [...(found ?? [])]
  if (include?.length && !values.some((v) => include.includes(v))) return false
  if (exclude?.length && values.some((v) => exclude.includes(v))) return false
  return true
}

export interface ReferenceAnswer {
  /** Matching passage ids, in corpus order. */
  ids: string[]
  relaxed: boolean
  /** Per facet, [value, count] as listed with `facetSize` values. */
  facets: Record<string, [string, number][]>
}

export function referenceSearch(passages: Passage[], query: ReferenceQuery, facetSize: number): ReferenceAnswer {
  const term = (word: string) => indexTerm(word)
  const clauses: string[][] = []
  for (const word of query.words) {
    const t = term(word)
    if (t !== null) clauses.push([t])
  }
  if (query.phrase) for (const word of query.phrase) if (term(word) !== null) clauses.push([term(word)!])
  if (query.either) clauses.push(query.either.map(term).filter((t): t is string => t !== null))
  const bounds = dateBounds(query.from, query.to)
  const excludedTerm = query.without ? term(query.without) : null
  const facetOf = (name: string) => BUILT_IN_REGISTRY.get(name)!

  const matchesWords = (passage: Passage, relaxed: boolean): boolean => {
    const terms = termsOf(passage)
    if (excludedTerm !== null && terms.has(excludedTerm)) return false
    if (clauses.length === 0) return true
    if (relaxed) return clauses.some((clause) => clause.some((t) => terms.has(t)))
    if (!clauses.every((clause) => clause.some((t) => terms.has(t)))) return false
    return !query.phrase || containsPhrase(passage.text, query.phrase.map((w) => phraseKey(w)))
  }
  const withinDates = (passage: Passage) => {
    if (!bounds) return true
    const [start, end] = packedDateBounds(passage.date)
    return start >= 0 && end >= bounds.start && start <= bounds.end
  }
  const passesAll = (passage: Passage, except?: string) =>
    FACETS.every((name) => name === except || passesFacet(passage, facetOf(name), query.filters[name], query.exclude[name]))

  let relaxed = false
  let base = passages.filter((p) => withinDates(p) && matchesWords(p, false))
  if (base.filter((p) => passesAll(p)).length === 0 && clauses.length > 1) {
    relaxed = true
    base = passages.filter((p) => withinDates(p) && matchesWords(p, true))
  }
  const facets: Record<string, [string, number][]> = {}
  for (const name of FACETS) {
    const facet = facetOf(name)
    const counts = new Map<string, number>()
    for (const passage of base) {
      if (!passesAll(passage, name)) continue
      const found = facet.valuesOf(passage)
      for (const value of new Set(typeof found === 'string' ? [found] : (found ?? []))) counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    const ranked = [...counts].sort((a, b) =>
      facet.order === 'newest'
        ? a[0] === 'undated' || b[0] === 'undated'
          ? Number(a[0] === 'undated') - Number(b[0] === 'undated')
          : b[0].localeCompare(a[0])
        : b[1] - a[1] || a[0].localeCompare(b[0]),
    )
    const listed = ranked.slice(0, facetSize)
    const shown = new Set(listed.map(([value]) => value))
    const known = new Set(passages.flatMap((p) => {
      const found = facet.valuesOf(p)
      return typeof found === 'string' ? [found] : [...(found ?? [])]
    }))
    const unknown: [string, number][] = []
    for (const value of [...(query.filters[name] ?? []), ...(query.exclude[name] ?? [])]) {
      if (shown.has(value)) continue
      shown.add(value)
      if (known.has(value)) listed.push([value, counts.get(value) ?? 0])
      else unknown.push([value, 0])
    }
    facets[name] = [...listed, ...unknown]
  }
  return { ids: base.filter((p) => passesAll(p)).map((p) => p.id), relaxed, facets }
}
