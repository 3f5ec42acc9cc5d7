// Topic id → display label, asked of the engine once per app: results carry topic ids, pages show names.
import type { SearchEngine } from '../engine/engine.ts'

export type TopicLabels = () => Promise<ReadonlyMap<string, string>>

export function topicLabelLoader(engine: SearchEngine): TopicLabels {
  let cached: Promise<ReadonlyMap<string, string>> | undefined
  return () => {
    cached ??= engine
      .facetValues('topic', { limit: 10_000 })
      .then(({ values }) => new Map(values.map((value) => [value.value, value.label || value.value])))
      .catch((error: unknown) => {
        cached = undefined
        throw error
      })
    return cached
  }
}
