// An article's topics from its passages' topics: the topics a meaningful share of its passages carry.

export interface ArticleTopicOptions {
  /** A topic must be carried by at least this share of the passages that have any topic. */
  minShare: number
  /** Most topics an article gets. */
  maxTopics: number
}

const defaults: ArticleTopicOptions = { minShare: 0.25, maxTopics: 4 }

/**
 * Each passage votes for its topics, its first topic counting fully and later ones half; topics carried by
 * at least `minShare` of the topical passages are kept, best first. An article whose topics are all
 * scattered still gets its most voted topic, and an article with no topical passage gets none.
 */
export function articleTopics(passageTopics: string[][], options: Partial<ArticleTopicOptions> = {}): string[] {
  const { minShare, maxTopics } = { ...defaults, ...options }
  const votes = new Map<string, number>()
  const carriers = new Map<string, number>()
  let topical = 0
  for (const topics of passageTopics) {
    if (topics.length === 0) continue
    topical++
    topics.forEach((topic, rank) => {
      votes.set(topic, (votes.get(topic) ?? 0) + (rank === 0 ? 1 : 0.5))
      carriers.set(topic, (carriers.get(topic) ?? 0) + 1)
    })
  }
  if (topical === 0) return []
  const ranked = [...votes.keys()].sort((a, b) => votes.get(b)! - votes.get(a)! || a.localeCompare(b))
  const kept = ranked.filter((topic) => carriers.get(topic)! / topical >= minShare)
  return (kept.length > 0 ? kept : ranked.slice(0, 1)).slice(0, maxTopics)
}
