// Finding the passages a query's words match: the scorer over the postings for words, exact checks on the
// text for phrases and groups, exclusions, and a scan for queries of stop words only. Every loop that can
// run long looks at the search's budget.
import type { QueryNode } from '../../query/parse.ts'
import { compileQuery, termSpecs } from '../compile-query.ts'
import { phraseKey, phraseMatcher } from '../highlight.ts'
import type { Budget } from './budget.ts'
import type { IndexParts } from './parts.ts'
import type { SearchPlan } from './plan.ts'
import type { ScoredDocs } from './scorer.ts'

const zeroScores = new WeakMap<Uint32Array, Float64Array>()

/** Matching passages and their scores in growable typed arrays: no object per match. */
export class MatchList implements ScoredDocs {
  docs: Uint32Array = new Uint32Array(64)
  scores: Float64Array = new Float64Array(64)
  count = 0
  /** Set for the unfiltered corpus, whose order is kept ready and needs no list at all. */
  isEverything = false
  partial = false

  /** Every live passage, ascending, with zero scores (shared, never written: browsing scores nothing). */
  static everything(docs: Uint32Array): MatchList {
    const list = new MatchList()
    list.docs = docs
    let zeros = zeroScores.get(docs)
    if (!zeros) zeroScores.set(docs, (zeros = new Float64Array(docs.length)))
    list.scores = zeros
    list.count = docs.length
    list.isEverything = true
    return list
  }

  push(doc: number, score: number): void {
    if (this.count === this.docs.length) {
      const docs = new Uint32Array(this.docs.length * 2)
      docs.set(this.docs)
      this.docs = docs
      const scores = new Float64Array(this.scores.length * 2)
      scores.set(this.scores)
      this.scores = scores
    }
    this.docs[this.count] = doc
    this.scores[this.count++] = score
  }
}

/** Phrase tests per parsed phrase node, built once per node. */
const phraseMatchers = new WeakMap<QueryNode, (text: string) => boolean>()

/**
 * The passages the query's words match (among `within`, when given), scored, exclusions removed;
 * phrases and groups are verified later.
 */
export function matchWords(parts: IndexParts, plan: SearchPlan, relaxed: boolean, budget: Budget, within?: Uint32Array): ScoredDocs {
  const excluded = excludedByWords(parts, plan, budget)
  if (plan.clauses.length === 0) {
    // Only stop words: nothing the index can look up, so the words are checked on the text directly.
    return scan(parts, plan.phrases.length > 0 ? plan.phrases : [plan.words.map(phraseKey)], excluded, budget, within)
  }
  const found = parts.scorer.score(plan.clauses, relaxed ? 'any' : 'all', within, budget)
  let kept = 0
  for (let i = 0; i < found.count; i++) {
    const doc = found.docs[i]
    if (excluded.has(doc)) continue
    found.docs[kept] = doc
    found.scores[kept++] = found.scores[i]
  }
  found.count = kept
  return found
}

/** Whether a passage satisfies a query node exactly: words as indexed, phrases on the text. */
export function nodeMatches(parts: IndexParts, node: QueryNode, doc: number): boolean {
  switch (node.type) {
    case 'term': {
      const specs = termSpecs(node, parts.ranking)
      return specs.length === 0 || parts.scorer.matchesAny(specs, doc)
    }
    case 'phrase': {
      let matches = phraseMatchers.get(node)
      if (!matches) phraseMatchers.set(node, (matches = phraseMatcher(node.words.map(phraseKey))))
      return matches(parts.store.passage(doc).text)
    }
    case 'and':
      return node.children.every((child) => nodeMatches(parts, child, doc))
    case 'or':
      return node.children.some((child) => nodeMatches(parts, child, doc))
  }
}

/** A linear scan for queries made only of stop words ("to be or not to be"): rare, exact, and within the budget. */
function scan(parts: IndexParts, phrases: string[][], excluded: Set<number>, budget: Budget, within?: ArrayLike<number>): ScoredDocs {
  const list = new MatchList()
  const matchers = phrases.map(phraseMatcher)
  const { store } = parts
  const check = (doc: number) => {
    if (store.isLive(doc) && !excluded.has(doc) && matchers.every((matches) => matches(store.passage(doc).text))) list.push(doc, 1)
  }
  const count = within ? within.length : store.count
  for (let i = 0; i < count; i++) {
    if ((i & 0x3f) === 0x3f && budget.exceeded()) {
      list.partial = true
      break
    }
    check(within ? within[i] : i)
  }
  return list
}

/** Passages the query excludes: any matching a `-word`, `-"phrase"` or `-(group)` exactly. */
function excludedByWords(parts: IndexParts, plan: SearchPlan, budget: Budget): Set<number> {
  const excluded = new Set<number>()
  for (const node of plan.parsed.not) {
    const { clauses, toVerify } = compileQuery([node], parts.ranking, true)
    if (clauses.length === 0) continue
    const found = parts.scorer.score(clauses, 'all', undefined, budget)
    for (let i = 0; i < found.count; i++) {
      if ((i & 0xff) === 0xff && budget.exceeded()) break
      const doc = found.docs[i]
      if (toVerify.every((n) => nodeMatches(parts, n, doc))) excluded.add(doc)
    }
  }
  return excluded
}

/** Passages excluded by the query's words, for browsing (no words to match but `-word` given). */
export function excludedForBrowsing(parts: IndexParts, plan: SearchPlan, budget: Budget): Set<number> {
  return excludedByWords(parts, plan, budget)
}
