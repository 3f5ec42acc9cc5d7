// Keeping a served index current: watching the corpus folders for added, changed and deleted files, and taking
// articles pushed through the API. Both go through one writer on the live engine, one change at a time, so
// searches see each change whole, and each change is on disk before it is answered or shown.
import { createHash } from 'node:crypto'
import { watch, type FSWatcher } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { IndexWriter, LiveEngine } from '../engine/engine.ts'
import type { Backend } from '../engine/engine.ts'
import { syncDir } from '../durable.ts'
import { ClippingsError } from '../errors.ts'
import type { CorpusState } from './state.ts'
import { syncIndex, type SyncSummary } from './sync.ts'

export interface LiveIndexerOptions {
  /** Where pushed articles are kept: a folder under the index folder, read with the corpus by every build. */
  pushedDir: string
  log?: (line: string) => void
  /** How often the corpus folders are looked at (milliseconds), besides the system's change notices. Default 2000. */
  pollMs?: number
  /** Reading threads for the files that changed. */
  threads?: number
}

/** What one pushed article became. */
export interface PushedArticle {
  /** The key it replaces earlier versions by: its `id`, else its `url`. */
  key?: string
  /** The Clippings article id(s) it became (one, or none when it was a duplicate or unreadable). */
  articleIds: string[]
  passages: number
  /** Why nothing was indexed, when nothing was. */
  skipped?: string
}

export class LiveIndexer {
  private queue: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private watchers: FSWatcher[] = []
  private pending = false
  private closed = false
  private readonly log: (line: string) => void

  private constructor(
    private readonly backend: Backend,
    private readonly engine: LiveEngine,
    private readonly writer: IndexWriter,
    private state: CorpusState,
    private readonly options: LiveIndexerOptions,
  ) {
    this.log = options.log ?? (() => {})
  }

  /** Takes the index's writer (held until `close`). */
  static async start(backend: Backend, engine: LiveEngine, state: CorpusState | undefined, options: LiveIndexerOptions): Promise<LiveIndexer> {
    if (!state) throw new ClippingsError('usage', 'Clippings: this index keeps no record of its corpus; rebuild it with `clippings index <folder>` to update it while serving')
    const writer = await engine.openWriter()
    return new LiveIndexer(backend, engine, writer, state, { ...options, pushedDir: resolve(options.pushedDir) })
  }

  get corpus(): readonly string[] {
    return this.state.corpus
  }

  /** The indexer's state as of the last change. */
  get currentState(): CorpusState {
    return this.state
  }

  /** Runs one change at a time, in the order asked. */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Brings the index up to date with the corpus folders (and the pushed articles), reading only what changed. */
  sync(scope?: string[]): Promise<SyncSummary> {
    return this.serially(async () => {
      const { summary, state } = await syncIndex(
        this.backend,
        { pushedDir: this.options.pushedDir, scope, threads: this.options.threads, log: this.log },
        { writer: this.writer, state: this.state },
      )
      this.state = state
      return summary
    })
  }

  /**
   * Watches the corpus folders: a change the system reports is picked up at once (after a short pause that
   * gathers a burst of changes), and every `pollMs` the folders are looked at anyway, since notices are not
   * delivered on every file system.
   */
  watch(): void {
    const trigger = () => {
      if (this.pending || this.closed) return
      this.pending = true
      setTimeout(() => {
        this.pending = false
        if (this.closed) return
        this.sync().then(
          (summary) => {
            if (summary.mode !== 'unchanged') {
              const { added, changed, removed } = summary.articles
              this.log(`Clippings: picked up ${added} added, ${changed} changed, ${removed} removed articles in ${(summary.tookMs / 1000).toFixed(1)} s`)
            }
          },
          (error: unknown) => this.log(`Clippings: could not update the index: ${(error as Error).message}`),
        )
      }, 250).unref()
    }
    for (const folder of this.state.corpus) {
      try {
        const watcher = watch(folder, { recursive: true, persistent: false }, trigger)
        watcher.on('error', () => watcher.close())
        this.watchers.push(watcher)
      } catch {
        // A folder that cannot be watched (or gone) is still polled.
      }
    }
    this.timer = setInterval(trigger, this.options.pollMs ?? 2000)
    this.timer.unref()
  }

  /**
   * Stores articles pushed through the API, durably (one file each under the pushed folder, flushed to disk,
   * replacing an earlier version with the same id or url), then indexes them. Resolves once they are searchable.
   */
  push(records: readonly Record<string, unknown>[]): Promise<PushedArticle[]> {
    return this.serially(async () => {
      await mkdir(this.options.pushedDir, { recursive: true })
      const paths: string[] = []
      for (const record of records) {
        const path = join(this.options.pushedDir, `${pushedFileName(record)}.jsonl`)
        await writeDurably(path, JSON.stringify(record) + '\n')
        paths.push(path)
      }
      await syncDir(this.options.pushedDir)
      await this.syncNow(paths)
      return records.map((record, i) => {
        const file = this.state.files[resolve(paths[i])]
        const key = recordKey(record)
        return {
          ...(key ? { key } : {}),
          articleIds: file?.articles.map((article) => article.id) ?? [],
          passages: file?.articles.reduce((sum, article) => sum + article.passages, 0) ?? 0,
          ...(file && file.articles.length === 0 ? { skipped: file.skipped[0]?.reason ?? (file.duplicates.length > 0 ? `a duplicate of ${file.duplicates[0].duplicateOf}` : 'no article text') } : {}),
        }
      })
    })
  }

  /** Removes a pushed article by its Clippings id: false when no pushed article has that id. */
  remove(articleId: string): Promise<'removed' | 'unknown' | 'not-pushed'> {
    return this.serially(async () => {
      const pushed = resolve(this.options.pushedDir)
      const entry = Object.entries(this.state.files).find(([, file]) => file.articles.some((article) => article.id === articleId))
      if (!entry) return 'unknown'
      const [path] = entry
      if (!path.startsWith(pushed)) return 'not-pushed'
      await rm(path, { force: true })
      await syncDir(pushed)
      await this.syncNow([path])
      return 'removed'
    })
  }

  /** `sync` from inside a queued task (already serial). */
  private async syncNow(scope: string[]): Promise<void> {
    const { state } = await syncIndex(
      this.backend,
      { pushedDir: this.options.pushedDir, scope, threads: this.options.threads, log: this.log },
      { writer: this.writer, state: this.state },
    )
    this.state = state
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    for (const watcher of this.watchers) watcher.close()
    await this.queue
    await this.writer.close()
  }
}

function recordKey(record: Record<string, unknown>): string | undefined {
  const id = record.id
  if (typeof id === 'string' || typeof id === 'number') return `id:${id}`
  return typeof record.url === 'string' && record.url ? `url:${record.url}` : undefined
}

/** A pushed article's file name: from its id or url, so a new version replaces the old; else from its content. */
function pushedFileName(record: Record<string, unknown>): string {
  const key = recordKey(record) ?? `text:${JSON.stringify(record)}`
  return createHash('sha256').update(key).digest('hex').slice(0, 24)
}

/** Writes a file so that it is whole or absent after a crash: a temporary file, flushed, then renamed. */
async function writeDurably(path: string, text: string): Promise<void> {
  // Hidden (a leading dot), so a crash's leftover is never read as an article.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
}
