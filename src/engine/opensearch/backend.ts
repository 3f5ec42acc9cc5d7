// The OpenSearch backend: where a Clippings index lives on a cluster, how it is built whole (new concrete
// indices, filled in bulk, then both aliases swapped in one atomic request, so searches never see a half-built
// index), changed (a writer's flush: bulk, refresh, then the meta and indexer state committed) and opened.
import { applyMergePatch, type Backend, type BuildProgress, type FlushResult, type IndexData, type IndexedArticle, type IndexerState, type IndexMeta, type IndexWriter, type LiveEngine } from '../engine.ts'
import type { ArticleRecord, Passage } from '../../model.ts'
import type { RankingDefaults } from '../ranking.ts'
import type { CountAnswer, SearchAnswer } from './answers.ts'
import { bulkWrite, type BulkOperation } from './bulk.ts'

/** `GET /_alias/<name>`: concrete index → its aliases. */
type AliasAnswer = Record<string, unknown>
import { connect, resolveOptions, type OpenSearchHttp, type OpenSearchOptions, type ResolvedOptions } from './client.ts'
import { articleDocument, passageDocument } from './documents.ts'
import { OpenSearchEngine, loadView, type EngineHost } from './engine.ts'
import { articlesIndexBody, concreteNames, indexNames, isBuildIndex, passagesIndexBody, servingSettings, type IndexNames } from './mapping.ts'
import { MetaStore, VIEW_FORMAT, type IndexView } from './state.ts'
import { WriterLease } from './lease.ts'

export interface OpenSearchBackendOptions extends OpenSearchOptions {
  ranking?: RankingDefaults
}

export function createOpenSearchBackend(options: OpenSearchBackendOptions, extra: { log?: (line: string) => void } = {}): OpenSearchBackend {
  return new OpenSearchBackend({ ...options, log: options.log ?? extra.log })
}

/** The meta fields of an index's data. */
function metaOf(data: IndexMeta): IndexMeta {
  const { personAliases, topicLabels, topicParents, fieldFacets, builtAt, updatedAt } = data
  return { personAliases, topicLabels, topicParents: topicParents ?? {}, fieldFacets: fieldFacets ?? [], builtAt, updatedAt: updatedAt ?? builtAt }
}

/** Each article's passages in the order given, as the embedded engine numbers them: article by article. */
function passagesByArticle(data: Pick<IndexData, 'articles' | 'passages'>): IndexedArticle[] {
  const byArticle = new Map<string, Passage[]>()
  for (const passage of data.passages) {
    const list = byArticle.get(passage.articleId)
    if (list) list.push(passage)
    else byArticle.set(passage.articleId, [passage])
  }
  return data.articles.map((article) => ({ article, passages: byArticle.get(article.id) ?? [] }))
}

export class OpenSearchBackend implements Backend, EngineHost {
  readonly name = 'opensearch'
  readonly http: OpenSearchHttp
  readonly options: ResolvedOptions
  readonly names: IndexNames
  readonly meta: MetaStore
  private readonly ranking?: RankingDefaults

  constructor(options: OpenSearchBackendOptions) {
    this.options = resolveOptions(options)
    this.http = connect(this.options)
    this.names = indexNames(this.options.alias)
    this.meta = new MetaStore(this.http, this.names.meta, this.options.replicas)
    this.ranking = options.ranking
  }

  get location(): string {
    return `${this.options.nodes.join(',')} ${this.options.alias}`
  }

  get alias(): string {
    return this.names.passages
  }

  get articlesAlias(): string {
    return this.names.articles
  }

  get searchTimeoutMs(): number {
    return this.options.searchTimeoutMs
  }

  get rescoreWindow(): number {
    return this.options.rescoreWindow
  }

  /**
   * The concrete passages index the alias points to, if any, from the node's own copy of the cluster state
   * (`local`): it answers while no cluster manager is elected (one of two nodes died), as searches do.
   */
  async aliasTarget(): Promise<string | undefined> {
    const { status, body } = await this.http.request<AliasAnswer>('GET', `/_alias/${this.names.passages}?local=true`, undefined, { ignore: [404] })
    if (status === 404) return undefined
    const targets = Object.keys(body).sort()
    return targets.at(-1)
  }

  async currentView(): Promise<{ passages: string; view: IndexView } | undefined> {
    const passages = await this.aliasTarget()
    if (!passages) return undefined
    const view = await this.meta.readView(passages)
    return view ? { passages, view } : undefined
  }

  async exists(): Promise<boolean> {
    return (await this.currentView()) !== undefined
  }

  async readState(): Promise<IndexerState | undefined> {
    const current = await this.currentView()
    return current ? this.meta.readState(current.passages, current.view) : undefined
  }

  async build(data: IndexData, state: IndexerState, options: { onProgress?: BuildProgress } = {}): Promise<void> {
    await this.refuseIndexNamedAsAlias()
    await this.meta.ensure()
    const lease = await WriterLease.acquire(this.http, this.names.meta, this.options.alias)
    const names = concreteNames(this.options.alias)
    try {
      await this.http.request('PUT', `/${names.passages}`, passagesIndexBody(this.options.shards))
      await this.http.request('PUT', `/${names.articles}`, articlesIndexBody())
      const entries = passagesByArticle(data)
      const total = entries.reduce((sum, entry) => sum + entry.passages.length, 0)
      options.onProgress?.('index', 0, total)
      let seq = 0
      const passageOperations = function* (): Generator<BulkOperation> {
        for (const { passages } of entries) for (const passage of passages) yield { index: names.passages, id: passage.id, document: passageDocument(passage, seq++) }
      }
      await bulkWrite(this.http, passageOperations(), { onProgress: (done) => options.onProgress?.('index', done, total), log: this.options.log })
      await bulkWrite(this.http, data.articles.map((article) => ({ index: names.articles, id: article.id, document: articleDocument(article) })), { log: this.options.log })
      const parts = await this.meta.writeState(names.passages, 1, state)
      const meta = metaOf(data)
      await this.meta.writeView(names.passages, { format: VIEW_FORMAT, articles: names.articles, meta, nextSeq: seq, stateGeneration: 1, stateParts: parts })
      options.onProgress?.('replicate', 0, 1)
      await this.makeServing([names.passages, names.articles])
      options.onProgress?.('replicate', 1, 1)
      await this.swapAliases(names)
      await this.removeOldBuilds()
    } catch (error) {
      if ((await this.aliasTarget().catch(() => undefined)) !== names.passages) {
        await this.deleteIndices([names.passages, names.articles]).catch(() => {})
        await this.meta.forget(names.passages).catch(() => {})
      }
      throw error
    } finally {
      await lease.release()
    }
  }

  /** Removes what interrupted builds left behind (indices no alias points to), when no writer is at work. */
  async tidy(): Promise<void> {
    if ((await this.http.request('HEAD', `/${this.names.meta}`, undefined, { ignore: [404] })).status === 404) return
    const lease = await WriterLease.acquire(this.http, this.names.meta, this.options.alias)
    try {
      await this.removeOldBuilds()
    } finally {
      await lease.release()
    }
  }

  /** An index (not an alias) by the alias's name would make the swap fail after all the work: said at once. */
  private async refuseIndexNamedAsAlias(): Promise<void> {
    for (const alias of [this.names.passages, this.names.articles]) {
      const { status } = await this.http.request('HEAD', `/${alias}`, undefined, { ignore: [404] })
      const isAlias = (await this.http.request('HEAD', `/_alias/${alias}`, undefined, { ignore: [404] })).status === 200
      if (status === 200 && !isAlias) {
        throw new Error(`Clippings: "${alias}" is an OpenSearch index, not an alias; choose another --opensearch-index or delete that index`)
      }
    }
  }

  /** Replicas out, changes visible, and the shards started before the alias moves onto them. */
  private async makeServing(indices: string[]): Promise<void> {
    const list = indices.join(',')
    await this.http.request('PUT', `/${list}/_settings`, servingSettings(this.options.replicas))
    await this.http.request('POST', `/${list}/_refresh`)
    // Every primary started; replicas too when the cluster has nodes for them (a one-node cluster has not).
    await this.http.request('GET', `/_cluster/health/${list}?wait_for_status=yellow&timeout=120s`)
    const { body } = await this.http.request<{ number_of_data_nodes: number }>('GET', '/_cluster/health')
    if (body.number_of_data_nodes > this.options.replicas) {
      await this.http.request('GET', `/_cluster/health/${list}?wait_for_status=green&timeout=120s`, undefined, { ignore: [408] })
    }
  }

  /** Moves both aliases onto the new indices in one request: searches see the old index or the new one. */
  private async swapAliases(names: { passages: string; articles: string }): Promise<void> {
    const actions: Record<string, unknown>[] = []
    for (const [alias, index] of [
      [this.names.passages, names.passages],
      [this.names.articles, names.articles],
    ] as const) {
      const { status, body } = await this.http.request<AliasAnswer>('GET', `/_alias/${alias}`, undefined, { ignore: [404] })
      if (status !== 404) for (const old of Object.keys(body)) actions.push({ remove: { index: old, alias } })
      actions.push({ add: { index, alias } })
    }
    await this.http.request('POST', '/_aliases', { actions })
  }

  /**
   * Deletes the indices of earlier (or interrupted) builds the aliases no longer point to, and what the meta
   * index kept of them. Only under the writer lease: another process's build in progress is never touched.
   */
  private async removeOldBuilds(): Promise<void> {
    const inForce = new Set<string>()
    for (const alias of [this.names.passages, this.names.articles]) {
      const { status, body } = await this.http.request<AliasAnswer>('GET', `/_alias/${alias}`, undefined, { ignore: [404] })
      if (status !== 404) for (const index of Object.keys(body)) inForce.add(index)
    }
    const { body } = await this.http.request<{ index: string }[]>('GET', `/_cat/indices/${this.options.alias}-*?format=json&h=index`, undefined, { ignore: [404] })
    const old = (Array.isArray(body) ? body : []).map((row) => row.index).filter((index) => isBuildIndex(this.options.alias, index) && !inForce.has(index))
    if (old.length > 0) {
      await this.deleteIndices(old)
      this.options.log(`Clippings: deleted the OpenSearch indices of earlier builds: ${old.join(', ')}`)
    }
    for (const viewed of await this.meta.viewedIndices()) if (!inForce.has(viewed)) await this.meta.forget(viewed)
  }

  private async deleteIndices(indices: string[]): Promise<void> {
    if (indices.length > 0) await this.http.request('DELETE', `/${indices.join(',')}`, undefined, { ignore: [404] })
  }

  async openWriter(): Promise<IndexWriter> {
    return this.writer(async () => {})
  }

  async writer(flushed: () => Promise<void>): Promise<IndexWriter> {
    const current = await this.currentView()
    if (!current) throw new Error(`Clippings: no Clippings index at ${this.location}; build one first`)
    const lease = await WriterLease.acquire(this.http, this.names.meta, this.options.alias)
    return new OpenSearchWriter(this, lease, flushed)
  }

  async open(): Promise<LiveEngine> {
    const current = await this.currentView()
    if (!current) throw new Error(`Clippings: no Clippings index at ${this.location}`)
    // Anything durable but not yet visible (a writer that died between its bulk and its refresh) shows now.
    await this.http.request('POST', `/${current.passages},${current.view.articles}/_refresh`)
    return new OpenSearchEngine(this, loadView(this.http, current.passages, current.view), { ranking: this.ranking })
  }

  /** Releases the connections (a CLI run ends with this). */
  async close(): Promise<void> {
    await this.http.close()
  }
}

/** Staged changes applied by `flush`: bulk writes, a refresh that makes them visible, then meta and state committed. */
class OpenSearchWriter implements IndexWriter {
  private adds = new Map<string, IndexedArticle>()
  private removes = new Set<string>()
  private metaPatch: Partial<IndexMeta> = {}
  private statePatches: IndexerState[] = []
  private closed = false

  constructor(
    private readonly backend: OpenSearchBackend,
    private readonly lease: WriterLease,
    private readonly flushed: () => Promise<void>,
  ) {}

  add(articles: readonly IndexedArticle[]): void {
    for (const entry of articles) {
      // The last entry for an id wins, at the place it was given last (the embedded engine numbers them so).
      this.adds.delete(entry.article.id)
      this.adds.set(entry.article.id, entry)
    }
  }

  remove(articleIds: readonly string[]): void {
    for (const id of articleIds) {
      // A removal after an addition of the same article within one flush undoes the addition.
      this.adds.delete(id)
      this.removes.add(id)
    }
  }

  setMeta(meta: Partial<IndexMeta>): void {
    this.metaPatch = { ...this.metaPatch, ...meta }
  }

  setState(patch: IndexerState): void {
    this.statePatches.push(patch)
  }

  async flush(): Promise<FlushResult> {
    if (this.closed) throw new Error('Clippings: the index writer is closed')
    const started = performance.now()
    await this.lease.check()
    const current = await this.backend.currentView()
    if (!current) throw new Error(`Clippings: the index at ${this.backend.location} is gone`)
    const { passages: index, view } = current
    const adds = [...this.adds.values()]
    const removes = new Set(this.removes)
    const metaPatch = this.metaPatch
    const statePatches = this.statePatches
    this.adds = new Map()
    this.removes = new Set()
    this.metaPatch = {}
    this.statePatches = []

    const touched = [...new Set([...removes, ...adds.map(({ article }) => article.id)])]
    const oldPassages = await this.passageIdsOf(index, touched)
    const newIds = new Set(adds.flatMap(({ passages }) => passages.map((passage) => passage.id)))
    let seq = view.nextSeq
    const operations: BulkOperation[] = []
    for (const id of oldPassages) if (!newIds.has(id)) operations.push({ index, id, delete: true })
    for (const { passages } of adds) for (const passage of passages) operations.push({ index, id: passage.id, document: passageDocument(passage, seq++) })
    const added = adds.map(({ article }) => article.id)
    for (const id of removes) if (!added.includes(id)) operations.push({ index: view.articles, id, delete: true })
    for (const { article } of adds) operations.push({ index: view.articles, id: article.id, document: articleDocument(article as ArticleRecord) })
    if (operations.length > 0) await bulkWrite(this.backend.http, operations, { log: this.backend.options.log })
    await this.backend.http.request('POST', `/${index},${view.articles}/_refresh`)

    const updatedAt = new Date().toISOString()
    const next: IndexView = { ...view, meta: { ...view.meta, ...metaPatch, updatedAt }, nextSeq: seq }
    if (statePatches.length > 0) {
      let state = await this.backend.meta.readState(index, view)
      for (const patch of statePatches) state = applyMergePatch(state, patch) as IndexerState
      next.stateGeneration = view.stateGeneration + 1
      next.stateParts = await this.backend.meta.writeState(index, next.stateGeneration, state)
    }
    await this.backend.meta.writeView(index, next)
    if (next.stateGeneration !== view.stateGeneration) await this.backend.meta.deleteState(index, view.stateGeneration, view.stateParts)
    await this.flushed()
    const { body } = await this.backend.http.request<CountAnswer>('GET', `/${index}/_count`)
    const addedPassages = adds.reduce((sum, { passages }) => sum + passages.length, 0)
    return { added: addedPassages, removed: oldPassages.length, passages: body.count, tookMs: performance.now() - started }
  }

  /** The ids of the passages the index holds for these articles. */
  private async passageIdsOf(index: string, articleIds: string[]): Promise<string[]> {
    const ids: string[] = []
    for (let start = 0; start < articleIds.length; start += 1000) {
      const chunk = articleIds.slice(start, start + 1000)
      let after: unknown[] | undefined
      for (;;) {
        const { body } = await this.backend.http.request<SearchAnswer<unknown>>('POST', `/${index}/_search`, {
          size: 5000,
          query: { terms: { article_id: chunk } },
          _source: false,
          sort: [{ seq: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        })
        const hits = body.hits.hits
        for (const hit of hits) ids.push(hit._id)
        if (hits.length < 5000) break
        after = hits[hits.length - 1].sort
      }
    }
    return ids
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.lease.release()
  }
}
