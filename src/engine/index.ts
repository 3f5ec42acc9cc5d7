// The engines' public face: the seam (engine.ts) and the backends behind it, chosen by configuration
// (backends.ts). Tests, evaluations and benchmarks that want an index in memory use `createMemoryEngine`.
export type { SearchEngine, Backend, IndexWriter, LiveEngine, IndexData, IndexMeta, IndexedArticle } from './engine.ts'
export { EmbeddedEngine, type EngineOptions } from './embedded/engine.ts'
import { EmbeddedEngine, type EngineOptions } from './embedded/engine.ts'
import type { IndexData } from './engine.ts'

/** An embedded engine over articles and passages held in memory; meta left out takes empty defaults. */
export function createMemoryEngine(
  data: Pick<IndexData, 'articles' | 'passages'> & Partial<IndexData>,
  options?: EngineOptions,
): EmbeddedEngine {
  const now = new Date().toISOString()
  return EmbeddedEngine.build({ personAliases: {}, topicLabels: {}, topicParents: {}, fieldFacets: [], builtAt: now, updatedAt: now, ...data }, options)
}
