// One pass over a search's candidates: filters applied, phrases verified, and every facet counted
// disjunctively (a passage failing only facet f's filter still counts for f's values), so the page's counts
// say what each other choice would give.
import type { FacetName } from '../../model.ts'
import { dateBounds } from '../../text/dates.ts'
import type { Budget } from './budget.ts'
import { FacetTally, failedFilter, type ColumnFilter } from './columns.ts'
import { MatchList, excludedForBrowsing, matchWords, nodeMatches } from './match.ts'
import type { IndexParts } from './parts.ts'
import type { SearchPlan } from './plan.ts'

export interface SearchRun {
  matches: MatchList
  /** Per facet name, counts by value id. */
  tallies: Map<FacetName, FacetTally>
  relaxed: boolean
  /** Set when the budget stopped the search before every candidate was looked at. */
  partial: boolean
}

/** All the words if any passage has them, else most of them. */
export function runWithRelaxation(parts: IndexParts, plan: SearchPlan, budget: Budget): SearchRun {
  const run = runSearch(parts, plan, false, budget)
  return run.matches.count === 0 && plan.relaxable && !run.partial ? runSearch(parts, plan, true, budget) : run
}

/** The column filters of a plan: for each facet with a selection, its included and excluded value ids. */
export function columnFilters(parts: IndexParts, plan: SearchPlan): ColumnFilter[] {
  const filters: ColumnFilter[] = []
  for (const name of parts.registry.names) {
    const column = parts.columns.get(name)
    const include = plan.filters[name]
    const exclude = plan.exclude[name]
    if (!column || (!include?.length && !exclude?.length)) continue
    const ids = (values: string[]) => values.map((v) => column.ids.get(v)).filter((id): id is number => id !== undefined)
    const filter: ColumnFilter = { column }
    if (include?.length) filter.includeMask = column.mask((filter.include = ids(include)))
    if (exclude?.length) filter.excludeMask = column.mask(ids(exclude))
    filters.push(filter)
  }
  return filters
}

/** Finds the candidates, applies filters and counts facets in one pass over them. */
export function runSearch(parts: IndexParts, plan: SearchPlan, relaxed: boolean, budget: Budget): SearchRun {
  const { store, dates } = parts
  const filters = columnFilters(parts, plan)
  const bounds = dateBounds(plan.from, plan.to)
  const tallies = new Map<FacetName, FacetTally>()
  for (const [name, column] of parts.columns) tallies.set(name, new FacetTally(column.values.length))
  const passing = new MatchList()
  let partial = false

  const counted = plan.countedFacets.filter((name) => parts.columns.has(name))
  const countedTallies = counted.map((name) => tallies.get(name)!)
  const countedColumns = counted.map((name) => parts.columns.get(name)!)
  // A passage failing only filter f counts for f's facet alone (if that facet is counted at all).
  const failingTally = filters.map(({ column }) => (counted.includes(column.name) ? tallies.get(column.name) : undefined))
  // Phrases and groups are checked on the text, the costly part, so only for passages that count.
  const verify = plan.parsed.must.length > 0 && !relaxed && plan.toVerify.length > 0
  let visited = 0
  let seen = 0
  const visit = (doc: number, score: number) => {
    // Counting is cheap per passage but a match set can be the whole corpus: the budget is looked at here too.
    if ((++seen & 0xfff) === 0 && budget.exceeded()) partial = true
    if (partial || store.live[doc] !== 1) return
    if (bounds && !dates.within(doc, bounds)) return
    const failed = failedFilter(filters, doc)
    if (failed === -2) return
    if (verify) {
      // Verifying reads the text, the costly part: the budget is looked at every few passages.
      if ((++visited & 0xf) === 0 && budget.exceeded()) partial = true
      if (partial || !plan.toVerify.every((node) => nodeMatches(parts, node, doc))) return
    }
    if (failed === -1) {
      passing.push(doc, score)
      for (let f = 0; f < countedTallies.length; f++) countedTallies[f].addDoc(countedColumns[f], doc)
    } else {
      failingTally[failed]?.addDoc(filters[failed].column, doc)
    }
  }

  const includes = filters.filter((f) => f.include)
  // A passage that counts fails at most one filter, so it passes at least one of any two: with two or
  // more facets chosen, the two smallest ones' passages hold every passage that counts. A date range
  // is no facet: every passage that counts is in it. The smaller of the two candidate sets is looked at.
  const byFacets = includes.length >= 2 ? eitherOfSmallestTwo(includes) : undefined
  const byDate = bounds ? dates.datedWithin(bounds) : undefined
  const within = byFacets && byDate ? (byFacets.length <= byDate.length ? byFacets : byDate) : (byFacets ?? byDate)
  if (plan.parsed.must.length > 0) {
    const found = matchWords(parts, plan, relaxed, budget, within)
    for (let i = 0; i < found.count; i++) visit(found.docs[i], found.scores[i])
    return { matches: passing, tallies, relaxed, partial: partial || Boolean(found.partial) }
  }
  // Browsing: no words to match, so the candidates come from the filters themselves.
  const excluded = excludedForBrowsing(parts, plan, budget)
  const unconstrained = !bounds && excluded.size === 0
  if (unconstrained && filters.length === 0) {
    // The whole corpus: counts are the corpus totals, and the order is kept ready.
    for (const name of counted) tallies.set(name, FacetTally.fromTotals(parts.columns.get(name)!))
    return { matches: MatchList.everything(store.liveDocs()), tallies, relaxed, partial: budget.wasExceeded }
  }
  const visitDoc = (doc: number) => {
    if (!excluded.has(doc)) visit(doc, 0)
  }
  if (unconstrained && includes.length === 1 && filters.length === 1) {
    // One facet narrows: its own counts are the corpus totals, every other count comes from its passages.
    const only = includes[0]
    for (const doc of only.column.union(only.include!)) visitDoc(doc)
    tallies.set(only.column.name, FacetTally.fromTotals(only.column))
  } else if (within) {
    for (const doc of within) visitDoc(doc)
  } else {
    for (let doc = 0; doc < store.count; doc++) visitDoc(doc)
  }
  return { matches: passing, tallies, relaxed, partial: partial || budget.wasExceeded }
}

/** The passages carrying a value of either of the two most selective facet filters, ascending. */
function eitherOfSmallestTwo(includes: ColumnFilter[]): Uint32Array {
  const [first, second] = includes.map((f) => f.column.union(f.include!)).sort((a, b) => a.length - b.length)
  return unionSorted(first, second)
}

/** Ascending merge of two ascending lists without duplicates. */
function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[n++] = a[i++]
    else if (b[j] < a[i]) out[n++] = b[j++]
    else {
      out[n++] = a[i++]
      j++
    }
  }
  while (i < a.length) out[n++] = a[i++]
  while (j < b.length) out[n++] = b[j++]
  return out.subarray(0, n)
}
