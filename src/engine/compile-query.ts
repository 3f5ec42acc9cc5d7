// Turns a parsed query into what the scorer runs: clauses of alternative terms that every match must
// satisfy, plus the nodes a clause can only approximate (phrases, groups inside OR), which are then
// verified passage by passage.
import { indexTerm, prefixTerms } from '../text/analyze.ts'
import type { RankingDefaults } from './ranking.ts'
import type { QueryNode } from '../query/parse.ts'
import type { Clause, TermSpec } from './embedded/scorer.ts'
import { phraseKey, type QueryTerms } from './highlight.ts'

export interface CompiledQuery {
  /** Every match satisfies each clause; empty when the query holds only stop words. */
  clauses: Clause[]
  /** Nodes the clauses over-approximate, checked on each candidate with `nodeMatches`. */
  toVerify: QueryNode[]
}

/** The term specs of one word: exact with typo tolerance, or the prefixes of a partly typed word. */
export function termSpecs(node: Extract<QueryNode, { type: 'term' }>, ranking: RankingDefaults, exact = false): TermSpec[] {
  if (node.prefix && !exact) return prefixTerms(node.word).map((term) => ({ term, prefix: true }))
  const term = indexTerm(node.word)
  if (term === null) return []
  const fuzzy = !exact && term.length >= ranking.fuzzyMinLength ? ranking.fuzzy : false
  return [{ term, fuzzy }]
}

/** Each top-level node becomes one or more clauses; exact=true turns off fuzzy and prefix (exclusions). */
export function compileQuery(nodes: QueryNode[], ranking: RankingDefaults, exact = false): CompiledQuery {
  const clauses: Clause[] = []
  const toVerify: QueryNode[] = []
  for (const node of nodes) {
    const compiled = compileNode(node, ranking, exact)
    clauses.push(...compiled.clauses)
    if (!compiled.exact) toVerify.push(node)
  }
  return { clauses, toVerify }
}

function compileNode(node: QueryNode, ranking: RankingDefaults, exact: boolean): { clauses: Clause[]; exact: boolean } {
  switch (node.type) {
    case 'term': {
      const specs = termSpecs(node, ranking, exact)
      return { clauses: specs.length > 0 ? [specs] : [], exact: true }
    }
    case 'phrase': {
      // Each word is required; the phrase's order is verified on the text.
      const clauses = node.words.map(indexTerm).filter((t): t is string => t !== null).map((term) => [{ term }])
      return { clauses, exact: false }
    }
    case 'and': {
      const parts = node.children.map((child) => compileNode(child, ranking, exact))
      return { clauses: parts.flatMap((p) => p.clauses), exact: parts.every((p) => p.exact) }
    }
    case 'or': {
      // Any term inside qualifies a passage as a candidate; anything beyond plain words is verified.
      const parts = node.children.map((child) => compileNode(child, ranking, exact))
      const specs = parts.flatMap((p) => p.clauses.flat())
      const plainWords = node.children.every((child) => child.type === 'term')
      // A child made only of stop words matches anything, so the OR does too: no clause.
      const anyEmpty = parts.some((p) => p.clauses.length === 0)
      return { clauses: anyEmpty || specs.length === 0 ? [] : [specs], exact: plainWords || anyEmpty }
    }
  }
}

/** Most edits typo tolerance allows, whatever the term's length (MiniSearch's `maxFuzzy`). */
export const MAX_FUZZY_DISTANCE = 6

/** The edit distance a fuzzy spec allows for its term. */
export function fuzzyDistance(spec: TermSpec): number {
  if (!spec.fuzzy) return 0
  return spec.fuzzy < 1 ? Math.min(MAX_FUZZY_DISTANCE, Math.round(spec.term.length * spec.fuzzy)) : spec.fuzzy
}

/** What a query asks to find, as the text-side highlighter tests it (see `highlightQueryTerms`). */
export function queryTerms(nodes: QueryNode[], ranking: RankingDefaults): QueryTerms {
  const exact = new Set<string>()
  const prefixes: string[] = []
  const fuzzy: { term: string; distance: number }[] = []
  const phrases: string[][] = []
  const visit = (node: QueryNode) => {
    if (node.type === 'term') {
      for (const spec of termSpecs(node, ranking)) {
        exact.add(spec.term)
        if (spec.prefix) prefixes.push(spec.term)
        const distance = fuzzyDistance(spec)
        if (distance > 0) fuzzy.push({ term: spec.term, distance })
      }
    } else if (node.type === 'phrase') {
      phrases.push(node.words.map(phraseKey))
      for (const word of node.words) {
        const term = indexTerm(word)
        if (term !== null) exact.add(term)
      }
    } else node.children.forEach(visit)
  }
  nodes.forEach(visit)
  return { exact, prefixes, fuzzy, phrases }
}
