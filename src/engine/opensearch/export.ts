// Every passage of a result set in the search's order, for exports of any size: a point in time keeps the
// index as it was when the export began (flushes meanwhile change nothing it reads), and `search_after`
// pages through it in the search's sort, which ends in the corpus order, so no passage is read twice. The
// order is the one the search's pages show (ordering.ts): a relevance export starts with the rescored
// window, a date-sorted one orders each date's passages by score.
import type { Passage } from '../../model.ts'
import type { SearchAnswer } from './answers.ts'
import { byRelevance, dateOf, scoreExactly, withinDate, type OrderedHit } from './ordering.ts'
import type { SearchContext } from './search.ts'
import { fullQuery, sortOf, wordsToUse } from './search.ts'
import type { SearchPlan } from './plan.ts'

/** Hits in the search's order, reordered as its pages are. */
export async function* exportPassages(ctx: SearchContext, plan: SearchPlan, signal?: AbortSignal): AsyncIterable<Passage> {
  const hits = exportHits(ctx, plan, signal)
  const clauses = plan.compiled.clauses
  const ordering = { http: ctx.http, index: ctx.index, statistics: ctx.statistics, ranking: ctx.ranking }
  if (ctx.rescoreWindow === 0 || clauses.length === 0) {
    for await (const hit of hits) yield hit._source.passage
    return
  }
  let held: OrderedHit[] = []
  const release = async (compare: (a: OrderedHit, b: OrderedHit) => number) => {
    await scoreExactly(ordering, clauses, held)
    const out = held.sort(compare).map((hit) => hit._source.passage)
    held = []
    return out
  }
  if (plan.sort === 'relevance') {
    let seen = 0
    for await (const hit of hits) {
      if (seen++ < ctx.rescoreWindow) {
        held.push(hit)
        if (held.length === ctx.rescoreWindow) yield* await release(byRelevance)
      } else yield hit._source.passage
    }
    yield* await release(byRelevance)
    return
  }
  for await (const hit of hits) {
    if (held.length > 0 && dateOf(held[0]) !== dateOf(hit)) yield* await release(withinDate)
    held.push(hit)
  }
  yield* await release(withinDate)
}

/** Passages per request. */
const EXPORT_PAGE = 1000

/** Every hit in OpenSearch's order. */
async function* exportHits(ctx: SearchContext, plan: SearchPlan, signal?: AbortSignal): AsyncIterable<OrderedHit> {
  const { words } = await wordsToUse(ctx, plan, signal)
  const { body: pit } = await ctx.http.request<{ pit_id: string }>('POST', `/${ctx.index}/_search/point_in_time?keep_alive=2m`, undefined, { signal })
  let pitId: string = pit.pit_id
  try {
    let after: unknown[] | undefined
    for (;;) {
      if (signal?.aborted) return
      const body: Record<string, unknown> = {
        size: EXPORT_PAGE,
        query: fullQuery(plan, words),
        sort: sortOf(plan.sort),
        pit: { id: pitId, keep_alive: '2m' },
        track_total_hits: false,
        track_scores: plan.sort !== 'relevance' && plan.compiled.clauses.length > 0,
        _source: ['passage', 'seq', 'date_start'],
      }
      if (after) body.search_after = after
      const { body: answer } = await ctx.http.request<SearchAnswer<OrderedHit['_source']>>('POST', '/_search', body, { signal })
      pitId = answer.pit_id ?? pitId
      const hits = answer.hits.hits
      for (const hit of hits) yield hit as OrderedHit
      if (hits.length < EXPORT_PAGE) return
      after = hits[hits.length - 1].sort ?? []
    }
  } finally {
    await ctx.http.request('DELETE', '/_search/point_in_time', { pit_id: [pitId] }, { ignore: [404] }).catch(() => {})
  }
}
