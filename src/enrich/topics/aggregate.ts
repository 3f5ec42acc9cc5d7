// An article's topics from its passages' topics: the topics a meaningful share of its passages carry, level by
// level (second-level topics chosen among the passages that carry their parent).

export interface ArticleTopicOptions {
  /** A topic must be carried by at least this share of the passages that have any topic (of its level, under its parent). */
  minShare: number
  /** Most top-level topics an article gets. */
  maxTopics: number
  /** Most second-level topics an article gets under one parent. */
  maxChildTopics: number
  /** Each second-level topic's parent (`topicParents(taxonomy)`); without it every topic is read as top-level. */
  parents: Readonly<Record<string, string>>
}

const defaults: ArticleTopicOptions = { minShare: 0.25, maxTopics: 4, maxChildTopics: 2, parents: {} }

/**
 * Each passage votes for its topics, its first topic counting fully and later ones half; topics carried by
 * at least `minShare` of the topical passages are kept, best first. An article whose topics are all
 * scattered still gets its most voted topic, and an article with no topical passage gets none.
 */
function voteTopics(passageTopics: string[][], minShare: number, maxTopics: number): string[] {
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

/**
 * The article's top-level topics by the passages' votes, each followed by its second-level topics voted on by
 * the passages that carry that parent, as a passage's list is ordered.
 */
export function articleTopics(passageTopics: string[][], options: Partial<ArticleTopicOptions> = {}): string[] {
  const { minShare, maxTopics, maxChildTopics, parents } = { ...defaults, ...options }
  const topLevel = passageTopics.map((topics) => topics.filter((topic) => parents[topic] === undefined))
  const result: string[] = []
  for (const parent of voteTopics(topLevel, minShare, maxTopics)) {
    result.push(parent)
    const children = passageTopics.filter((topics) => topics.includes(parent)).map((topics) => topics.filter((topic) => parents[topic] === parent))
    result.push(...voteTopics(children, minShare, maxChildTopics))
  }
  return result
}
