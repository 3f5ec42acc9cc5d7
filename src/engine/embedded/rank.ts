// Ordering matches: only the first k in the requested order are picked (a bounded heap, see top-k.ts), and
// browsing the unfiltered corpus reads the date order kept ready.
import type { SortOrder } from '../../model.ts'
import type { MatchList } from './match.ts'
import type { IndexParts } from './parts.ts'
import type { ScoredDocs } from './scorer.ts'
import { topK, type Compare } from './top-k.ts'

/** The best matches of one order, best first. */
export interface RankedTop {
  docs: Uint32Array
  scores: Float64Array
}

/** The first `k` matches in the requested order. */
export function rankMatches(parts: IndexParts, matches: MatchList | ScoredDocs, order: SortOrder, k: number): RankedTop {
  if ('isEverything' in matches && matches.isEverything) {
    const sequence = order === 'oldest' ? parts.dates.oldest : parts.dates.newest
    const docs = sequence.slice(0, Math.min(k, sequence.length))
    return { docs, scores: new Float64Array(docs.length) }
  }
  const positions = topK(matches.count, k, comparator(parts, matches, order))
  return {
    docs: Uint32Array.from(positions, (i) => matches.docs[i]),
    scores: Float64Array.from(positions, (i) => matches.scores[i]),
  }
}

/** Relevance: score, then newer, then corpus order. Dates: newer or older first, undated last either way. */
function comparator(parts: IndexParts, matches: ScoredDocs, order: SortOrder): Compare {
  const { docs, scores } = matches
  const start = parts.dates.dateStart
  if (order === 'relevance') {
    return (a, b) => scores[b] - scores[a] || start[docs[b]] - start[docs[a]] || docs[a] - docs[b]
  }
  const direction = order === 'newest' ? -1 : 1
  return (a, b) => {
    const da = start[docs[a]]
    const db = start[docs[b]]
    if (da !== db) {
      if (da < 0 || db < 0) return da < 0 ? 1 : -1
      return direction * (da - db)
    }
    return scores[b] - scores[a] || docs[a] - docs[b]
  }
}

/** Articles in the order of their best passage, each with its matching passages in that order. */
export function groupByArticle(parts: IndexParts, matches: MatchList, order: SortOrder): { articleId: string; members: RankedTop }[] {
  const ranked = rankMatches(parts, matches, order, matches.count)
  const groups = new Map<string, number[]>()
  ranked.docs.forEach((doc, i) => {
    const articleId = parts.store.passage(doc).articleId
    const members = groups.get(articleId)
    if (members) members.push(i)
    else groups.set(articleId, [i])
  })
  return [...groups].map(([articleId, members]) => ({
    articleId,
    members: { docs: Uint32Array.from(members, (i) => ranked.docs[i]), scores: Float64Array.from(members, (i) => ranked.scores[i]) },
  }))
}
