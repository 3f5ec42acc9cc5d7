// Every passage of a result set in the search's order, for exports of any size: a point in time keeps the
// index as it was when the export began (flushes meanwhile change nothing it reads), and `search_after`
// pages through it in the search's sort, which ends in the corpus order, so no passage is read twice.
import type { Passage } from '../../model.ts'
import type { SearchAnswer } from './answers.ts'
import type { SearchContext } from './search.ts'
import { fullQuery, sortOf, wordsToUse } from './search.ts'
import type { SearchPlan } from './plan.ts'

/** Passages per request. */
const EXPORT_PAGE = 1000

export async function* exportPassages(ctx: SearchContext, plan: SearchPlan, signal?: AbortSignal): AsyncIterable<Passage> {
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
        track_scores: plan.sort !== 'relevance',
        _source: ['passage'],
      }
      if (after) body.search_after = after
      const { body: answer } = await ctx.http.request<SearchAnswer>('POST', '/_search', body, { signal })
      pitId = answer.pit_id ?? pitId
      const hits = answer.hits.hits
      for (const hit of hits) yield hit._source.passage
      if (hits.length < EXPORT_PAGE) return
      after = hits[hits.length - 1].sort ?? []
    }
  } finally {
    await ctx.http.request('DELETE', '/_search/point_in_time', { pit_id: [pitId] }, { ignore: [404] }).catch(() => {})
  }
}
