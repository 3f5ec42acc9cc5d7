// Clippings itself: the engine the server runs, measured through its full call (page of results with
// snippets and highlight ranges, exact total, disjunctive counts for all five facets). The result cache is
// off here: the mix repeats every round, and a remembered answer would measure the cache, not the engine.
import { createMemoryEngine, type EmbeddedEngine } from '../../src/engine/index.ts'
import { createEmbeddedBackend } from '../../src/engine/embedded/backend.ts'
import type { SearchRequest } from '../../src/model.ts'
import { clippingsQueryString, type BenchQuery } from '../queries.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'

/** Every search matched and counted afresh (see the file comment). */
const UNCACHED = { cacheBytes: 0 }


/** The request the server makes for a query of the mix (`/api/search?q=…&source=…&topic=…`). */
export function clippingsRequest(query: BenchQuery): SearchRequest {
  // Repeats unfolded, as every other system lists them.
  const request: SearchRequest = { query: clippingsQueryString(query), size: 10, page: 1, collapse: false }
  if (query.filters) request.filters = { source: [query.filters.source], topic: [query.filters.topic] }
  return request
}

/** The same request as URL parameters for `/api/search`. */
export function clippingsSearchPath(query: BenchQuery): string {
  const params = new URLSearchParams({ q: clippingsQueryString(query) })
  if (query.filters) {
    params.append('source', query.filters.source)
    params.append('topic', query.filters.topic)
  }
  return `/api/search?${params}`
}

class ClippingsIndex implements BuiltIndex {
  /** Passage id → passage number, for the outcome's ids (bookkeeping: see `prepare`). */
  private docOf: Map<string, number> | undefined

  constructor(readonly engine: EmbeddedEngine) {}

  prepare(): Map<string, number> {
    if (!this.docOf) {
      this.docOf = new Map()
      this.engine.index.store.passages.forEach((passage, doc) => {
        if (passage) this.docOf!.set(passage.id, doc)
      })
    }
    return this.docOf
  }

  async search(query: BenchQuery): Promise<SearchOutcome> {
    const docOf = this.prepare()
    const response = await this.engine.search(clippingsRequest(query))
    return { ids: response.results.map((hit) => docOf.get(hit.passage.id)!), total: response.total }
  }

  async save(dir: string): Promise<void> {
    await createEmbeddedBackend(dir).save(this.engine, {})
  }
}

export const clippingsSystem: BenchSystem = {
  name: 'Clippings',
  key: 'clippings',
  notes: 'full engine call: AND with stemming, stop words and typo tolerance, phrases verified on the text, top 10 with snippets and highlight ranges, exact total, disjunctive counts for source, topic, person, year and month',
  async build(corpus) {
    return new ClippingsIndex(createMemoryEngine({ articles: corpus.articles, passages: corpus.passages, topicLabels: corpus.topicLabels }, UNCACHED))
  },
  async load(dir) {
    return new ClippingsIndex(await createEmbeddedBackend(dir, UNCACHED).loadEngine())
  },
}
