// Clippings on OpenSearch: the same full engine call as the Clippings row (page with snippets and highlight
// ranges, exact total, disjunctive counts for every facet), answered by the OpenSearch backend against a
// running cluster (OPENSEARCH_URL, default http://127.0.0.1:9200; `npm run opensearch -- start`). The index
// lives in the cluster, so "on disk" is the few bytes naming it (the cluster's store size is logged) and a
// "cold load" only reopens the alias.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SearchEngine } from '../../src/engine/engine.ts'
import { createOpenSearchBackend, type OpenSearchBackend } from '../../src/engine/opensearch/index.ts'
import { log } from '../child.ts'
import type { BenchQuery } from '../queries.ts'
import { clippingsRequest } from './clippings.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'

const URL = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200'
/** One alias for the benchmark: each build replaces the last (the backend deletes the old indices). */
const ALIAS = process.env.OPENSEARCH_BENCH_INDEX ?? 'clippings-bench'

function backend(): OpenSearchBackend {
  return createOpenSearchBackend({
    url: URL,
    index: ALIAS,
    shards: Number(process.env.OPENSEARCH_SHARDS ?? 2),
    replicas: Number(process.env.OPENSEARCH_REPLICAS ?? 1),
    // OPENSEARCH_RESCORE=0 measures OpenSearch's own BM25 order, without the embedded engine's scores.
    ...(process.env.OPENSEARCH_RESCORE !== undefined ? { rescoreWindow: Number(process.env.OPENSEARCH_RESCORE) } : {}),
  })
}

class OpenSearchIndex implements BuiltIndex {
  constructor(
    private readonly owner: OpenSearchBackend,
    private readonly engine: SearchEngine,
    /** Passage id → passage number (the corpus is article by article, as the backend numbers it). */
    private readonly docOf?: Map<string, number>,
  ) {}

  async search(query: BenchQuery): Promise<SearchOutcome> {
    const response = await this.engine.search(clippingsRequest(query))
    return { ids: response.results.map((hit) => this.docOf?.get(hit.passage.id) ?? -1), total: response.total }
  }

  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true })
    const { body } = await this.owner.http.request<{ _all: { primaries: { store: { size_in_bytes: number } }; total: { store: { size_in_bytes: number } } } }>(
      'GET',
      `/${ALIAS}/_stats/store`,
    )
    const store = { primaries: body._all.primaries.store.size_in_bytes, total: body._all.total.store.size_in_bytes }
    log(`OpenSearch: store ${(store.primaries / 1024 ** 2).toFixed(0)} MiB in primaries, ${(store.total / 1024 ** 2).toFixed(0)} MiB with replicas`)
    await writeFile(join(dir, 'opensearch.json'), JSON.stringify({ url: URL, alias: ALIAS, store }))
  }

  close(): void {
    void this.owner.close()
  }
}

export const openSearchSystem: BenchSystem = {
  name: 'Clippings on OpenSearch',
  key: 'opensearch',
  notes:
    'the Clippings row\'s full call through the OpenSearch backend (2 shards, 1 replica unless OPENSEARCH_SHARDS/REPLICAS say) on the cluster at OPENSEARCH_URL; the build is bulk indexing plus replication; "on disk" names the index (its store size is logged), a cold load reopens the alias',
  async build(corpus) {
    const owner = backend()
    const now = new Date().toISOString()
    let last = 0
    await owner.build(
      { articles: corpus.articles, passages: corpus.passages, personAliases: {}, topicLabels: corpus.topicLabels, topicParents: {}, fieldFacets: [], builtAt: now, updatedAt: now },
      {},
      {
        onProgress: (step, done, total) => {
          if (step === 'index' && (done - last >= 100_000 || done === total)) {
            last = done
            log(`OpenSearch: indexed ${done} of ${total}`)
          }
        },
      },
    )
    const docOf = new Map(corpus.passages.map((passage, doc) => [passage.id, doc]))
    return new OpenSearchIndex(owner, await owner.open(), docOf)
  },
  async load(dir) {
    JSON.parse(await readFile(join(dir, 'opensearch.json'), 'utf8'))
    const owner = backend()
    return new OpenSearchIndex(owner, await owner.open())
  },
}
