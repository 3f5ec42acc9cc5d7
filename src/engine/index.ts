// The engine's public face: build an engine from passages, or save and load one under `index/`.
export type { SearchEngine } from './engine.ts'
export { MiniSearchEngine, type IndexData, type EngineOptions } from './minisearch-engine.ts'
import { MiniSearchEngine, type IndexData, type EngineOptions } from './minisearch-engine.ts'
import type { SearchEngine } from './engine.ts'

/** An engine over passages held in memory: what tests, evaluations and benchmarks use. */
export function createMemoryEngine(
  data: Pick<IndexData, 'articles' | 'passages'> & Partial<IndexData>,
  options?: EngineOptions,
): SearchEngine {
  return MiniSearchEngine.build(
    { personAliases: {}, topicLabels: {}, builtAt: new Date().toISOString(), ...data },
    options,
  )
}
