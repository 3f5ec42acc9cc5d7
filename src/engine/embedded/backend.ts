// The embedded backend: an index folder (folder.ts) holding a base segment (persist.ts) and the delta segments
// written since (delta.ts), as Lucene keeps a base plus small segments. A build writes a new base; a
// writer appends a delta per flush; once the deltas grow past a share of the base they are merged into a new
// base (by the next writer, or in the background of a serving process). Every change is durable before it is
// visible, and the commit that makes it count is one atomic rename.
import { join } from 'node:path'
import { ClippingsError } from '../../errors.ts'
import { applyMergePatch, withSearch, type Backend, type BuildProgress, type FlushResult, type IndexData, type IndexedArticle, type IndexerState, type IndexMeta, type IndexWriter, type LiveEngine, type SearchEngine } from '../engine.ts'
import { readDelta, writeDelta, type DeltaOps } from './delta.ts'
import { EmbeddedEngine, type EngineOptions, type EngineUpdate } from './engine.ts'
import { forEachJsonLine, writeJsonLines } from './files.ts'
import { FORMAT_VERSION, IndexFolder, newName, type Commit, type WriterLock } from './folder.ts'
import { readBase, writeBase } from './persist.ts'

export interface EmbeddedBackendOptions extends EngineOptions {
  /** Where the backend says what it did (chose an older commit, merged deltas). Default: nowhere. */
  log?: (line: string) => void
  /** Deltas are merged into a new base once they hold more passages than this share of the base. Default 0.25. */
  mergeShare?: number
  /** …or once there are more deltas than this. Default 200 (a load replays each one; they are small). */
  mergeCount?: number
  /**
   * A serving process merges only after this many milliseconds without a change (a merge writes the whole
   * index, and changes wait for it to finish). Default 10,000.
   */
  mergeQuietMs?: number
  /** Test hook: called after a change's files are written and before its commit (a crash there loses nothing). */
  beforeCommit?: () => void | Promise<void>
}

export function createEmbeddedBackend(dir: string, options: EmbeddedBackendOptions = {}): EmbeddedBackend {
  return new EmbeddedBackend(dir, options)
}

export class EmbeddedBackend implements Backend {
  readonly name = 'embedded'
  readonly folder: IndexFolder
  readonly log: (line: string) => void

  constructor(
    dir: string,
    private readonly options: EmbeddedBackendOptions = {},
  ) {
    this.folder = new IndexFolder(dir)
    this.log = options.log ?? (() => {})
  }

  get location(): string {
    return this.folder.dir
  }

  get mergeQuietMs(): number {
    return this.options.mergeQuietMs ?? 10_000
  }

  async exists(): Promise<boolean> {
    return (await this.folder.chooseCommit()).commit !== undefined
  }

  /** The commit in force, or a ClippingsError saying why there is none that can be used. */
  async commitInForce(): Promise<Commit> {
    const choice = await this.folder.chooseCommit()
    if (choice.commit) {
      if (choice.problems.length > 0) this.log(`Clippings: using an earlier commit of ${this.location}: ${choice.problems.join('; ')}`)
      return choice.commit
    }
    if (choice.legacy || choice.otherFormat) {
      throw new ClippingsError('corrupt-index', `Clippings: the index at ${this.location} was written by another version of Clippings (format ${choice.otherFormat ?? 7}; this one reads ${FORMAT_VERSION})`)
    }
    if (choice.problems.length > 0) throw new ClippingsError('corrupt-index', `Clippings: the index at ${this.location} is damaged: ${choice.problems.join('; ')}`)
    throw new ClippingsError('not-found', `Clippings: no index at ${this.location}`)
  }

  /**
   * The corpus a damaged or older index was built from, when no commit can be used: from the newest state
   * file that still reads, else from an older format's manifest. Undefined when nothing says.
   */
  async salvageCorpus(): Promise<string[] | undefined> {
    for (const name of await this.folder.stateFiles()) {
      try {
        let state: IndexerState = {}
        await forEachJsonLine(this.folder.path(name), undefined, (item) => {
          state = item as IndexerState
        })
        if (Array.isArray(state.corpus)) return state.corpus as string[]
      } catch {
        // A damaged state file says nothing; try an older one.
      }
    }
    return this.folder.legacyCorpus()
  }

  async inspect(): Promise<{ unusable: boolean; corpus?: string[] }> {
    if (await this.exists()) return { unusable: false }
    if (!(await this.folder.holdsIndex())) return { unusable: false }
    return { unusable: true, corpus: await this.salvageCorpus() }
  }

  async readState(): Promise<IndexerState | undefined> {
    if (!(await this.exists())) return undefined
    const commit = await this.commitInForce()
    let state = await this.readBaseState(commit)
    for (const delta of commit.deltas) {
      const ops = await readDelta(join(this.location, delta.name), delta.check)
      if (ops.state) state = applyMergePatch(state, ops.state) as IndexerState
    }
    return state
  }

  private async readBaseState(commit: Commit): Promise<IndexerState> {
    let state: IndexerState = {}
    await forEachJsonLine(join(this.location, commit.state.name), commit.state.check, (item) => {
      state = item as IndexerState
    })
    return state
  }

  async build(data: IndexData, state: IndexerState, options: { onProgress?: BuildProgress } = {}): Promise<void> {
    await this.save(EmbeddedEngine.build(data, this.options), state, options)
  }

  /** Writes an engine built in memory as the index in force (a build whose engine the caller already has). */
  async save(engine: EmbeddedEngine, state: IndexerState, options: { onProgress?: BuildProgress } = {}): Promise<void> {
    const lock = await this.folder.lock()
    try {
      await this.folder.cleanup()
      options.onProgress?.('write', 0, 1)
      await this.commitBase(engine, state, await this.nextGeneration())
      options.onProgress?.('write', 1, 1)
      await this.folder.cleanup()
    } finally {
      await lock.release()
    }
  }

  private async nextGeneration(): Promise<number> {
    const { commit } = await this.folder.chooseCommit()
    return (commit?.generation ?? 0) + 1
  }

  /** Writes the engine as a new base with `state`, and commits it with no deltas. */
  private async commitBase(engine: EmbeddedEngine, state: IndexerState, generation: number): Promise<Commit> {
    const baseName = newName('base', generation)
    const stateName = newName('state', generation)
    await this.folder.own(baseName)
    await this.folder.own(stateName)
    const files = await writeBase(this.folder.path(baseName), engine)
    const stateCheck = await writeJsonLines(this.folder.path(stateName), [state])
    await this.options.beforeCommit?.()
    const stats = await engine.stats()
    const { meta } = engine.index
    return this.folder.writeCommit({
      clippings: 'index',
      format: FORMAT_VERSION,
      generation,
      base: { name: baseName, files, passages: stats.passages },
      state: { name: stateName, check: stateCheck },
      deltas: [],
      counts: { articles: stats.articles, passages: stats.passages },
      builtAt: meta.builtAt,
      updatedAt: meta.updatedAt,
      committedAt: new Date().toISOString(),
    })
  }

  /** Appends a delta with `ops` to the commit in force and commits it. */
  async commitDelta(ops: DeltaOps, counts: { articles: number; passages: number }, meta: Pick<IndexMeta, 'builtAt' | 'updatedAt'>): Promise<Commit> {
    const commit = await this.commitInForce()
    const generation = commit.generation + 1
    const name = newName('delta', generation)
    await this.folder.own(name)
    const check = await writeDelta(this.folder.path(name), ops)
    await this.options.beforeCommit?.()
    return this.folder.writeCommit({
      ...commit,
      generation,
      deltas: [...commit.deltas, { name, check, added: ops.add.length, removed: ops.remove.length, passages: ops.add.reduce((sum, a) => sum + a.passages.length, 0) }],
      counts,
      builtAt: meta.builtAt,
      updatedAt: meta.updatedAt,
      committedAt: new Date().toISOString(),
    })
  }

  /** Whether the commit's deltas should be merged into a new base. */
  needsMerge(commit: Commit): boolean {
    const deltaPassages = commit.deltas.reduce((sum, delta) => sum + delta.passages + delta.removed, 0)
    return commit.deltas.length > (this.options.mergeCount ?? 200) || deltaPassages > Math.max(1000, commit.base.passages * (this.options.mergeShare ?? 0.25))
  }

  /** Loads the index in force: its base, then each delta replayed in order. */
  async loadEngine(): Promise<EmbeddedEngine> {
    const commit = await this.commitInForce()
    let engine: EmbeddedEngine
    try {
      engine = EmbeddedEngine.fromSaved(await readBase(join(this.location, commit.base.name), commit.base.files), this.options)
      for (const delta of commit.deltas) {
        const ops = await readDelta(join(this.location, delta.name), delta.check)
        await engine.applyInSlices({ remove: ops.remove, add: ops.add, meta: ops.meta })
      }
    } catch (error) {
      if (error instanceof ClippingsError) throw error
      throw new ClippingsError('corrupt-index', `Clippings: cannot load the index at ${this.location}: ${(error as Error).message}`, { cause: error })
    }
    return engine
  }

  async tidy(): Promise<void> {
    if (!(await this.folder.holdsIndex())) return
    const lock = await this.folder.lock()
    try {
      await this.folder.cleanup()
    } finally {
      await lock.release()
    }
  }

  async openWriter(): Promise<IndexWriter> {
    const lock = await this.folder.lock()
    try {
      await this.folder.cleanup()
      const commit = await this.commitInForce()
      return new DeltaWriter(this, lock, commit, undefined)
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  async open(): Promise<LiveEngine> {
    return new EmbeddedLiveEngine(this, await this.loadEngine())
  }

  /** Merges the deltas: writes the engine's state as a new base with the whole indexer state. */
  async merge(engine: EmbeddedEngine): Promise<void> {
    const state = (await this.readState()) ?? {}
    const commit = await this.commitInForce()
    const started = performance.now()
    await this.commitBase(engine, state, commit.generation + 1)
    await this.folder.cleanup()
    this.log(`Clippings: merged ${commit.deltas.length} deltas into a new base in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
}

/**
 * A writer: stages changes, and on flush writes them as a delta and commits it, then (when an engine is open
 * on this index) applies them to the engine, so they are durable before they are visible.
 */
class DeltaWriter implements IndexWriter {
  private staged: DeltaOps = { remove: [], add: [] }
  private closed = false

  constructor(
    private readonly backend: EmbeddedBackend,
    private readonly lock: WriterLock,
    private commit: Commit,
    private readonly live: EmbeddedLiveEngine | undefined,
  ) {}

  add(articles: readonly IndexedArticle[]): void {
    this.staged.add.push(...articles)
  }

  remove(articleIds: readonly string[]): void {
    const ids = new Set(articleIds)
    // A removal after an addition of the same article within one flush undoes the addition.
    this.staged.add = this.staged.add.filter(({ article }) => !ids.has(article.id))
    this.staged.remove.push(...ids)
  }

  setMeta(meta: Partial<IndexMeta>): void {
    this.staged.meta = { ...this.staged.meta, ...meta }
  }

  setState(patch: IndexerState): void {
    this.staged.state = this.staged.state ? (applyMergePatchKeepingNulls(this.staged.state, patch) as IndexerState) : patch
  }

  async flush(): Promise<FlushResult> {
    if (this.closed) throw new Error('Clippings: the index writer is closed')
    const started = performance.now()
    // A merge still writing the previous state must finish first: it commits on top of the same commit.
    await this.live?.mergeDone()
    const ops = this.staged
    this.staged = { remove: [], add: [] }
    const updatedAt = new Date().toISOString()
    ops.meta = { ...ops.meta, updatedAt }
    const engine = this.live?.engine ?? (await this.backend.needsMerge(this.commit) ? await this.backend.loadEngine() : undefined)
    // Counts after the change, as the commit records them for display: estimated from the delta (the
    // passages of removed articles are not known without loading the index).
    const counts = this.commit.counts
    const removedArticles = new Set(ops.remove.filter((id) => !ops.add.some(({ article }) => article.id === id)))
    const estimate = {
      articles: Math.max(0, counts.articles + ops.add.length - removedArticles.size),
      passages: Math.max(0, counts.passages + ops.add.reduce((sum, a) => sum + a.passages.length, 0)),
    }
    this.commit = await this.backend.commitDelta(ops, estimate, { builtAt: this.commit.builtAt, updatedAt })
    let result = { added: 0, removed: 0 }
    if (engine) {
      const change = { remove: ops.remove, add: ops.add, meta: ops.meta }
      result = await engine.applyInSlices(change)
      await this.live?.applied(change)
      this.live?.notify()
    } else {
      result = { added: ops.add.reduce((sum, a) => sum + a.passages.length, 0), removed: 0 }
    }
    if (engine && this.backend.needsMerge(this.commit)) {
      if (this.live) this.live.mergeInBackground()
      else await this.backend.merge(engine)
      this.commit = await this.backend.commitInForce()
    }
    const passages = engine ? (await engine.stats()).passages : this.commit.counts.passages
    return { added: result.added, removed: result.removed, passages, tookMs: performance.now() - started }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.live?.writerClosed()
    await this.lock.release()
  }
}

/** Merge patches composed before they are written: a later patch's nulls must still delete at load. */
function applyMergePatchKeepingNulls(target: IndexerState, patch: IndexerState): IndexerState {
  const result: IndexerState = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key]
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object' && !Array.isArray(current)) {
      result[key] = applyMergePatchKeepingNulls(current as IndexerState, value as IndexerState)
    } else result[key] = value
  }
  return result
}

/** The engine open for searching, taking updates through its writer. */
class EmbeddedLiveEngine implements LiveEngine {
  readonly backend = 'embedded'
  private readonly listeners = new Set<() => void>()
  private readonly appliers = new Set<(change: EngineUpdate) => Promise<void>>()
  private writerOpen = false
  private merging: Promise<void> | undefined
  private mergeTimer: NodeJS.Timeout | undefined
  private readonly reader: SearchEngine

  constructor(
    private readonly owner: EmbeddedBackend,
    readonly engine: EmbeddedEngine,
  ) {
    this.reader = withSearch(engine, (request, options) => engine.search(request, options))
  }

  search: SearchEngine['search'] = (request, options) => this.reader.search(request, options)
  searchAll: SearchEngine['searchAll'] = (request, options) => this.reader.searchAll(request, options)
  getPassage: SearchEngine['getPassage'] = (id) => this.reader.getPassage(id)
  getArticle: SearchEngine['getArticle'] = (id) => this.reader.getArticle(id)
  getArticlePassages: SearchEngine['getArticlePassages'] = (id) => this.reader.getArticlePassages(id)
  facets: SearchEngine['facets'] = () => this.reader.facets()
  facetValues: SearchEngine['facetValues'] = (facet, options) => this.reader.facetValues(facet, options)
  countValues: SearchEngine['countValues'] = (facet, within, options) => this.reader.countValues(facet, within, options)
  labels: SearchEngine['labels'] = (facet, values) => this.reader.labels(facet, values)
  highlight: SearchEngine['highlight'] = (query, texts, options) => this.reader.highlight(query, texts, options)
  people: SearchEngine['people'] = () => this.reader.people()
  stats: SearchEngine['stats'] = () => this.reader.stats()

  async openWriter(): Promise<IndexWriter> {
    if (this.writerOpen) throw new ClippingsError('usage', 'Clippings: a writer is already open on this index')
    await this.merging
    const lock = await this.owner.folder.lock()
    try {
      await this.owner.folder.cleanup()
      const commit = await this.owner.commitInForce()
      this.writerOpen = true
      return new DeltaWriter(this.owner, lock, commit, this)
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  async mergeDone(): Promise<void> {
    await this.merging
  }

  writerClosed(): void {
    this.writerOpen = false
  }

  notify(): void {
    for (const listener of this.listeners) listener()
  }

  /** Hands a change just applied to the copies of the index kept elsewhere, and waits until they hold it. */
  async applied(change: EngineUpdate): Promise<void> {
    await Promise.all([...this.appliers].map((apply) => apply(change)))
  }

  /**
   * Called with each change as it is applied, and awaited before the flush resolves, so copies of the index
   * kept elsewhere (search threads, threads.ts) answer with it as soon as this engine does.
   */
  onApply(listener: (change: EngineUpdate) => Promise<void>): () => void {
    this.appliers.add(listener)
    return () => this.appliers.delete(listener)
  }

  /**
   * Merges the deltas into a new base once changes have paused (`mergeQuietMs` without a flush), while
   * searches go on: the base is written in slices between which the event loop runs. A flush arriving
   * meanwhile waits for the merge to finish.
   */
  mergeInBackground(): void {
    if (this.mergeTimer) clearTimeout(this.mergeTimer)
    this.mergeTimer = setTimeout(() => {
      this.mergeTimer = undefined
      this.merging ??= this.owner
        .merge(this.engine)
        .catch((error: unknown) => this.owner.log(`Clippings: merging the index's deltas failed (they stay in force): ${(error as Error).message}`))
        .finally(() => {
          this.merging = undefined
        })
    }, this.owner.mergeQuietMs)
    this.mergeTimer.unref()
  }

  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    if (this.mergeTimer) clearTimeout(this.mergeTimer)
    await this.merging
    this.listeners.clear()
    this.appliers.clear()
  }
}
