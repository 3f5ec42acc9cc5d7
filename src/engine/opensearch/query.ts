// The query AST (src/query/parse.ts) compiled to OpenSearch's query DSL through the same rules the embedded
// engine follows (src/engine/compile-query.ts): the clauses every match must satisfy score it, and the nodes
// those clauses only approximate (phrases, groups inside OR) are checked exactly, as filters. Words are sent
// as index terms already analysed (documents.ts), so a term query here meets exactly the terms indexed.
import type { FacetFilters } from '../../model.ts'
import type { QueryNode } from '../../query/parse.ts'
import { dateBounds } from '../../text/dates.ts'
import { compileQuery, fuzzyDistance, termSpecs } from '../compile-query.ts'
import type { RankingDefaults, SearchField } from '../ranking.ts'
import type { Clause, TermSpec } from '../embedded/scorer.ts'
import { sendablePhraseKey, sendableTerm } from './documents.ts'
import { PHRASE_FIELD, TERM_FIELDS, facetField } from './mapping.ts'

/** A piece of query DSL. */
export type Dsl = Record<string, unknown>

export const MATCH_ALL: Dsl = { match_all: {} }
const MATCH_NONE: Dsl = { match_none: {} }

/**
 * OpenSearch's fuzzy queries allow at most two edits. The embedded engine allows a fifth of the term's
 * length (three edits from 13 letters): such long words find fewer variants here.
 */
export const MAX_OPENSEARCH_FUZZINESS = 2

/** Most index terms one fuzzy word expands to, as in the embedded engine (its `ExpansionLimits.fuzzy`). */
const FUZZY_EXPANSIONS = 100

/** One word's alternatives in every search field, weighted as the ranking weighs fields and expansions. */
function specQueries(spec: TermSpec, ranking: RankingDefaults): Dsl[] {
  const queries: Dsl[] = []
  const term = sendableTerm(spec.term)
  const distance = Math.min(MAX_OPENSEARCH_FUZZINESS, fuzzyDistance(spec))
  for (const [field, name] of Object.entries(TERM_FIELDS) as [SearchField, string][]) {
    // As MiniSearch does, a missing or zero boost counts as 1.
    const boost = ranking.boost[field] || 1
    queries.push({ term: { [name]: { value: term, boost } } })
    if (spec.prefix) {
      // Every word starting so, at a constant weight below an exact match: while typing, the words are
      // many and the prefix short, and which of them scores best says little.
      queries.push({ prefix: { [name]: { value: term, boost: ranking.weights.prefix * boost, rewrite: 'constant_score' } } })
    }
    if (distance > 0) {
      queries.push({
        fuzzy: {
          [name]: { value: term, fuzziness: distance, transpositions: false, prefix_length: 0, max_expansions: FUZZY_EXPANSIONS, boost: ranking.weights.fuzzy * boost },
        },
      })
    }
  }
  return queries
}

/** A clause: a passage satisfies it by matching any of its words in any field; the matches' scores add up. */
export function clauseQuery(clause: Clause, ranking: RankingDefaults): Dsl {
  return { bool: { should: clause.flatMap((spec) => specQueries(spec, ranking)), minimum_should_match: 1 } }
}

/** A phrase as word keys, matched in the passage text with every word in place, stop words included. */
export function phraseQuery(keys: readonly string[]): Dsl {
  return { match_phrase: { [PHRASE_FIELD]: { query: keys.map((key) => (key === '' ? '_' : sendableTerm(key))).join(' '), analyzer: 'whitespace' } } }
}

/** Whether a passage satisfies a node exactly, as the embedded engine's `nodeMatches` decides. */
export function verifyQuery(node: QueryNode, ranking: RankingDefaults): Dsl {
  switch (node.type) {
    case 'term': {
      const specs = termSpecs(node, ranking)
      return specs.length === 0 ? MATCH_ALL : clauseQuery(specs, ranking)
    }
    case 'phrase':
      return { match_phrase: { [PHRASE_FIELD]: { query: node.words.map(sendablePhraseKey).join(' '), analyzer: 'whitespace' } } }
    case 'and':
      return { bool: { filter: node.children.map((child) => verifyQuery(child, ranking)) } }
    case 'or':
      return { bool: { should: node.children.map((child) => verifyQuery(child, ranking)), minimum_should_match: 1 } }
  }
}

export interface CompiledWords {
  /** Every word required (phrases and groups checked exactly); what a search tries first. */
  strict: Dsl
  /** Any of the words, when there is more than one clause: what a search falls back to when nothing has them all. */
  relaxed?: Dsl
  /** Passages to leave out: `-word`, `-"phrase"`, `-(group)`. */
  exclusions: Dsl[]
  /** The clauses that score a match (none for a browse or a query of stop words only: every match scores alike). */
  clauses: Clause[]
}

export interface WordsToCompile {
  must: QueryNode[]
  not: QueryNode[]
  /** Every phrase of the query, as word keys (for a query of stop words only). */
  phrases: string[][]
  /** Every word of the query as typed (likewise). */
  words: string[]
}

/** The query's words as DSL; `strict` is MATCH_ALL for a browse (no words). */
export function compileWords(query: WordsToCompile, ranking: RankingDefaults): CompiledWords {
  const exclusions = query.not.flatMap((node) => {
    const { clauses, toVerify } = compileQuery([node], ranking, true)
    // A `-the`, or a `-"…"` of stop words only, excludes nothing (nothing to look up).
    if (clauses.length === 0) return []
    return [{ bool: { must: clauses.map((clause) => clauseQuery(clause, ranking)), filter: toVerify.map((n) => verifyQuery(n, ranking)) } }]
  })
  if (query.must.length === 0) return { strict: MATCH_ALL, exclusions, clauses: [] }
  const { clauses, toVerify } = compileQuery(query.must, ranking)
  const checks = toVerify.map((node) => verifyQuery(node, ranking))
  if (clauses.length === 0) {
    // Stop words only: nothing the index holds as a term, so the words are matched as written, in order.
    const phrases = query.phrases.length > 0 ? query.phrases : [query.words.map((word) => sendablePhraseKey(word))]
    const filter = [...phrases.map((keys) => (keys.length === 0 ? MATCH_NONE : phraseQuery(keys))), ...checks]
    return { strict: { constant_score: { filter: { bool: { filter } }, boost: 1 } }, exclusions, clauses: [] }
  }
  const strict: Dsl = { bool: { must: clauses.map((clause) => clauseQuery(clause, ranking)), ...(checks.length > 0 ? { filter: checks } : {}) } }
  const relaxed = clauses.length > 1 ? { bool: { should: clauses.map((clause) => clauseQuery(clause, ranking)), minimum_should_match: 1 } } : undefined
  return { strict, relaxed, exclusions, clauses }
}

/** One facet's selection as a filter: any of the chosen values, none of the excluded ones. */
export function facetFilter(facet: string, include: readonly string[] | undefined, exclude: readonly string[] | undefined): Dsl | undefined {
  const bool: Record<string, Dsl[]> = {}
  if (include?.length) bool.filter = [{ terms: { [facetField(facet)]: [...include] } }]
  if (exclude?.length) bool.must_not = [{ terms: { [facetField(facet)]: [...exclude] } }]
  return Object.keys(bool).length > 0 ? { bool } : undefined
}

/** Every facet's filter by facet name. */
export function facetFilters(facets: readonly string[], filters: FacetFilters, exclude: FacetFilters): Map<string, Dsl> {
  const byFacet = new Map<string, Dsl>()
  for (const facet of facets) {
    const filter = facetFilter(facet, filters[facet], exclude[facet])
    if (filter) byFacet.set(facet, filter)
  }
  return byFacet
}

/** Passages whose date may fall within the bounds (a partial date spans its month or year); undated never do. */
export function dateFilter(from?: string, to?: string): Dsl | undefined {
  const bounds = dateBounds(from, to)
  if (!bounds) return undefined
  const filter: Dsl[] = [{ exists: { field: 'date_start' } }]
  if (from) filter.push({ range: { date_end: { gte: bounds.start } } })
  if (to) filter.push({ range: { date_start: { lte: bounds.end } } })
  return { bool: { filter } }
}
