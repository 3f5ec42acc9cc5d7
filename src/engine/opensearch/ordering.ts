// The embedded engine's order on OpenSearch's candidates. Relevance: the first results (a window of the
// best by OpenSearch's BM25) are ordered by the embedded engine's scores (rescore.ts), ties by date, then
// corpus order. Dates: OpenSearch orders by date exactly; passages sharing a date are ordered by those
// scores too, so a date group cut by the page's edge is read whole to know which of its passages fall on the
// page. Browsing and queries of stop words only score every passage alike, so OpenSearch's order is the order.
import type { Passage, SortOrder } from '../../model.ts'
import type { Clause } from '../embedded/scorer.ts'
import type { RankingDefaults } from '../ranking.ts'
import type { CountAnswer, Hit, SearchAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import type { Dsl } from './query.ts'
import { ExactScorer, type StatisticsSource } from './rescore.ts'

/** A hit with the fields ordering reads. */
export type OrderedHit = Hit<{ passage: Passage; seq: number; date_start?: number }>

export interface OrderingContext {
  http: OpenSearchHttp
  index: string
  statistics: StatisticsSource
  ranking: RankingDefaults
}

/** A date group larger than this keeps OpenSearch's order within it (reading it whole would cost too much). */
const MAX_GROUP = 2000

export const dateOf = (hit: OrderedHit): number => hit._source.date_start ?? -1

/** Scores hits as the embedded engine would, in place of OpenSearch's scores. */
export async function scoreExactly(ctx: OrderingContext, clauses: Clause[], hits: OrderedHit[]): Promise<void> {
  if (hits.length === 0) return
  const scorer = new ExactScorer(clauses, ctx.ranking)
  const passages = hits.map((hit) => hit._source.passage)
  const statistics = await ctx.statistics.statistics(scorer.termsReached(passages))
  for (const hit of hits) hit._score = scorer.score(hit._source.passage, statistics)
}

/** Relevance as the embedded engine orders it: score, then newer, then corpus order. */
export function byRelevance(a: OrderedHit, b: OrderedHit): number {
  return (b._score ?? 0) - (a._score ?? 0) || dateOf(b) - dateOf(a) || a._source.seq - b._source.seq
}

/** Within one date: score, then corpus order. */
export function withinDate(a: OrderedHit, b: OrderedHit): number {
  return (b._score ?? 0) - (a._score ?? 0) || a._source.seq - b._source.seq
}

export interface DatePage {
  hits: OrderedHit[]
  offset: number
  total: number
  sort: Exclude<SortOrder, 'relevance'>
  /** The query the page's hits satisfy (words, dates, exclusions and facet selections). */
  query: Dsl
}

/** A date-sorted page with the passages of each date ordered by the embedded engine's scores. */
export async function orderDatePage(ctx: OrderingContext, clauses: Clause[], page: DatePage): Promise<OrderedHit[]> {
  const { hits, offset, total } = page
  if (hits.length === 0) return hits
  await scoreExactly(ctx, clauses, hits)
  // Runs of one date on the page, in order.
  const runs: OrderedHit[][] = []
  for (const hit of hits) {
    const last = runs.at(-1)
    if (last && dateOf(last[0]) === dateOf(hit)) last.push(hit)
    else runs.push([hit])
  }
  const pageIsLast = offset + hits.length >= total
  const ordered: OrderedHit[] = []
  for (const [i, run] of runs.entries()) {
    const cutAtStart = i === 0 && offset > 0
    const cutAtEnd = i === runs.length - 1 && !pageIsLast
    if (!cutAtStart && !cutAtEnd) {
      ordered.push(...run.sort(withinDate))
      continue
    }
    // The run continues beyond the page: the whole date group decides which of its passages are here.
    const start = offset + ordered.length
    const group = await dateGroup(ctx, page, dateOf(run[0]))
    if (!group) {
      ordered.push(...run)
      continue
    }
    await scoreExactly(ctx, clauses, group)
    group.sort(withinDate)
    const groupStart = cutAtStart ? await countBefore(ctx, page, dateOf(run[0])) : start
    ordered.push(...group.slice(start - groupStart, start - groupStart + run.length))
  }
  return ordered
}

/** Every passage of the page's query on one date (undated: -1), or undefined when there are too many. */
async function dateGroup(ctx: OrderingContext, page: DatePage, date: number): Promise<OrderedHit[] | undefined> {
  const onDate = date < 0 ? { bool: { must_not: [{ exists: { field: 'date_start' } }] } } : { term: { date_start: date } }
  const { body } = await ctx.http.request<SearchAnswer<OrderedHit['_source']>>('POST', `/${ctx.index}/_search`, {
    size: MAX_GROUP,
    track_total_hits: MAX_GROUP + 1,
    query: { bool: { must: [page.query], filter: [onDate] } },
    sort: [{ seq: 'asc' }],
    _source: ['passage', 'seq', 'date_start'],
  })
  if ((body.hits.total?.value ?? 0) > MAX_GROUP) return undefined
  return body.hits.hits as OrderedHit[]
}

/** How many of the query's passages come before a date in the page's order. */
async function countBefore(ctx: OrderingContext, page: DatePage, date: number): Promise<number> {
  let before: Dsl
  if (date < 0) before = { exists: { field: 'date_start' } }
  else before = { range: { date_start: page.sort === 'newest' ? { gt: date } : { lt: date } } }
  const { body } = await ctx.http.request<CountAnswer>('POST', `/${ctx.index}/_count`, { query: { bool: { must: [page.query], filter: [before] } } })
  return body.count
}
