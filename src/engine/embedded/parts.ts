// The parts of an embedded index that a search reads, in one object the search modules (plan, match,
// count, rank, hits) take as their first argument. They are replaced or grown in place by updates, which
// run between searches, never during one.
import type { FacetRegistry } from '../../facets/registry.ts'
import type { IndexMeta } from '../engine.ts'
import type { RankingDefaults } from '../ranking.ts'
import type { FacetColumn } from './columns.ts'
import type { DateColumns } from './date-columns.ts'
import type { PostingScorer } from './scorer.ts'
import type { PassageStore } from './store.ts'
import type { TermIndex } from './terms.ts'

export interface IndexParts {
  store: PassageStore
  terms: TermIndex
  /** One column per facet of the registry, by facet name. */
  columns: Map<string, FacetColumn>
  dates: DateColumns
  scorer: PostingScorer
  ranking: RankingDefaults
  registry: FacetRegistry
  meta: IndexMeta
  /** Folded alias → canonical person, for `person:` query terms. */
  personByAlias: Map<string, string>
  /** Per facet, folded value → values, built on first use and dropped by updates. */
  foldedValues: Map<string, Map<string, string[]>>
}
