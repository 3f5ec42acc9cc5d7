// Topic id → display label, asked of the engine once per app: results carry topic ids, pages show names.
// Labels are shown capitalised like every other facet value (the IPTC names are written in lower case).
import type { SearchEngine } from '../engine/engine.ts'

export type TopicLabels = () => Promise<ReadonlyMap<string, string>>

/** "economy, business and finance" → "Economy, business and finance"; anything else as it is. */
export function capitalised(label: string): string {
  const first = label.charAt(0)
  return first === first.toLocaleLowerCase('en') && first !== first.toLocaleUpperCase('en') ? first.toLocaleUpperCase('en') + label.slice(1) : label
}

export function topicLabelLoader(engine: SearchEngine): TopicLabels {
  let cached: Promise<ReadonlyMap<string, string>> | undefined
  return () => {
    cached ??= engine
      .facetValues('topic', { limit: 10_000 })
      .then(({ values }) => new Map(values.map((value) => [value.value, capitalised(value.label || value.value)])))
      .catch((error: unknown) => {
        cached = undefined
        throw error
      })
    return cached
  }
}

export type TopicParents = () => Promise<ReadonlyMap<string, string>>

/** Second-level topic id → its parent's id, asked of the engine once: a search's facet values may not say. */
export function topicParentLoader(engine: SearchEngine): TopicParents {
  let cached: Promise<ReadonlyMap<string, string>> | undefined
  return () => {
    cached ??= engine
      .facetValues('topic', { limit: 10_000 })
      .then(({ values }) => new Map(values.flatMap((value) => (value.parent ? [[value.value, value.parent] as const] : []))))
      .catch((error: unknown) => {
        cached = undefined
        throw error
      })
    return cached
  }
}
