// Searches in worker threads. An in-process search holds the event loop while it runs, so one core answers
// every search however many the machine has, and the server reads no socket meanwhile. With search threads,
// each thread loads a copy of the index (thread.ts) and answers searches one at a time; the server's own
// thread parses requests, renders pages, keeps whole answers for repeated searches, and answers everything
// else (articles, facet lists, exports) from its own copy. Memory grows by one index per thread.
//
// A served index that changes (--watch, the ingestion API) hands each change to the threads as it applies
// it, and a flush resolves only once every thread holds it: what a writer was told is searchable is, in
// every thread. A thread that dies is replaced by one that loads the index as it then is.
import { Worker } from 'node:worker_threads'
import { ClippingsError } from '../../errors.ts'
import type { SearchRequest, SearchResponse } from '../../model.ts'
import { withSearch, type SearchEngine, type SearchOptions } from '../engine.ts'
import type { EngineUpdate } from './engine.ts'
import { ResultCache } from './result-cache.ts'
import { defaults } from '../../defaults.ts'

/** What a search thread is started with. */
export interface ThreadSetup {
  indexDir: string
  searchBudgetMs?: number
  cacheBytes?: number
  /** Shared with the thread: see ABORTED_ID and CONTENDED. */
  flags: SharedArrayBuffer
}
/** What the server sends a thread: a search, or a change to apply. */
export type ThreadMessage = { id: number; request: SearchRequest; budgetMs?: number; sliceMs?: number } | { id: number; change: EngineUpdate }
export type ThreadReply =
  | { ready: true; passages: number; updatedAt: string }
  | { id: number; response: SearchResponse }
  | { id: number; applied: true }
  | { id: number; error: string }

/** Index of the shared flag holding the id of a search whose client has gone. */
export const ABORTED_ID = 0
/** Index of the shared flag set while other searches wait (the search gives way after its slice). */
export const CONTENDED = 1
/** How often the flags of running searches are brought up to date, in milliseconds. */
const FLAG_INTERVAL_MS = 5
/** Attempts at starting a thread whose copy came out older than the server's (changes arrived meanwhile). */
const START_ATTEMPTS = 5

const BOOT = new URL('../../worker-boot.mjs', import.meta.url)
const ENTRY = new URL('./thread.ts', import.meta.url)

export interface SearchThreadsOptions {
  /** How many threads (each with its own copy of the index). */
  threads: number
  searchBudgetMs?: number
  /** Memory for remembered searches, in the server's thread and in each search thread; 0 remembers none. */
  cacheBytes?: number
}

export interface ThreadedEngine extends SearchEngine {
  readonly searchThreads: number
  /** Stops the threads. */
  close(): Promise<void>
}

/** An engine that tells of its changes (the embedded live engine): the threads' copies follow it. */
interface ChangingEngine extends SearchEngine {
  onApply(listener: (change: EngineUpdate) => Promise<void>): () => void
  onUpdate(listener: () => void): () => void
}

interface Pending {
  resolve: (reply: ThreadReply) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  flags: Int32Array
  /** Replies awaited from this thread, by message id. */
  pending: Map<number, Pending>
  /** The search it is running, if any (changes are not counted: a thread applies them between searches). */
  running?: { id: number; options: SearchOptions; stopListening: () => void }
}

interface Waiting {
  request: SearchRequest
  options: SearchOptions
  resolve: (response: SearchResponse) => void
  reject: (error: Error) => void
}

/**
 * `engine` (the server's copy of the index at `indexDir`) with its searches answered by `threads` worker
 * threads. Resolves once every thread has loaded the index, and fails if a thread cannot load it.
 */
export async function searchInThreads(engine: SearchEngine, indexDir: string, options: SearchThreadsOptions): Promise<ThreadedEngine> {
  const slots: Slot[] = []
  const queue: Waiting[] = []
  const answers = new ResultCache(options.cacheBytes ?? defaults.searchCacheBytes)
  const changing = 'onApply' in engine ? (engine as ChangingEngine) : undefined
  let nextId = 1
  let closed = false
  let flagTimer: NodeJS.Timeout | undefined

  const send = (slot: Slot, message: ThreadMessage) =>
    new Promise<ThreadReply>((resolve, reject) => {
      slot.pending.set(message.id, { resolve, reject })
      slot.worker.postMessage(message)
    })

  /**
   * One thread, loaded with the index as the server holds it now, and in `slots` from then on (at once, so
   * no change applied after the comparison can miss it).
   */
  const startOnce = async (): Promise<Slot | 'behind'> => {
    const flags = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)
    const setup: ThreadSetup = { indexDir, searchBudgetMs: options.searchBudgetMs, cacheBytes: options.cacheBytes, flags }
    const worker = new Worker(BOOT, { workerData: { ...setup, entry: ENTRY.href } })
    worker.unref()
    const slot: Slot = { worker, flags: new Int32Array(flags), pending: new Map() }
    const ready = await new Promise<Extract<ThreadReply, { ready: true }>>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', (error: Error) => reject(new ClippingsError('corrupt-index', `Clippings: a search thread could not load the index at ${indexDir}: ${error.message}`, { cause: error })))
    })
    const current = await engine.stats()
    if (ready.passages !== current.passages || ready.updatedAt !== current.updatedAt) {
      await worker.terminate()
      return 'behind'
    }
    worker.on('message', (reply: ThreadReply) => {
      if ('ready' in reply) return
      const pending = slot.pending.get(reply.id)
      slot.pending.delete(reply.id)
      pending?.resolve(reply)
    })
    worker.on('exit', () => {
      // A thread that died (out of memory, say) fails what it was doing, and is replaced.
      for (const pending of slot.pending.values()) pending.reject(new Error('the search thread stopped'))
      slot.pending.clear()
      const index = slots.indexOf(slot)
      if (index >= 0) slots.splice(index, 1)
      if (!closed) void start().then(dispatch, (error: Error) => console.error(error.message))
    })
    slots.push(slot)
    return slot
  }

  const start = async (): Promise<Slot> => {
    for (let attempt = 1; ; attempt++) {
      const slot = await startOnce()
      if (slot !== 'behind') return slot
      if (attempt === START_ATTEMPTS) throw new ClippingsError('corrupt-index', `Clippings: the index at ${indexDir} kept changing while a search thread loaded it`)
    }
  }

  // The thread cannot read messages while it searches, so the flags are its only news from here.
  const refreshFlags = () => {
    let busy = false
    for (const slot of slots) {
      if (!slot.running) continue
      busy = true
      Atomics.store(slot.flags, CONTENDED, queue.length > 0 || slot.running.options.contended?.() ? 1 : 0)
    }
    if (!busy && flagTimer) {
      clearInterval(flagTimer)
      flagTimer = undefined
    }
  }

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.running) continue
      const next = queue.shift()
      if (!next) return
      const id = nextId++
      const { signal } = next.options
      const onAbort = () => Atomics.store(slot.flags, ABORTED_ID, id)
      signal?.addEventListener('abort', onAbort, { once: true })
      slot.running = { id, options: next.options, stopListening: () => signal?.removeEventListener('abort', onAbort) }
      if (signal?.aborted) onAbort()
      refreshFlags()
      flagTimer ??= setInterval(refreshFlags, FLAG_INTERVAL_MS).unref()
      const settle = () => {
        slot.running?.stopListening()
        slot.running = undefined
        Atomics.store(slot.flags, ABORTED_ID, 0)
        Atomics.store(slot.flags, CONTENDED, 0)
        queueMicrotask(dispatch)
      }
      send(slot, { id, request: next.request, budgetMs: next.options.budgetMs, sliceMs: next.options.sliceMs }).then(
        (reply) => {
          settle()
          if ('response' in reply) next.resolve(reply.response)
          else next.reject(new Error('error' in reply ? reply.error : 'the search thread answered something else'))
        },
        (error: Error) => {
          settle()
          next.reject(error)
        },
      )
    }
  }

  try {
    await Promise.all(Array.from({ length: options.threads }, start))
  } catch (error) {
    closed = true
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
    throw error
  }

  const stopFollowing = [
    changing?.onApply(async (change) => {
      const replies = await Promise.all(slots.map((slot) => send(slot, { id: nextId++, change }).catch((error: Error) => ({ id: 0, error: error.message }))))
      // A thread that could not apply the change would answer from an older index: it is replaced by one
      // that loads the index as it now is.
      replies.forEach((reply, i) => 'error' in reply && void slots[i]?.worker.terminate())
    }),
    changing?.onUpdate(() => answers.clear()),
  ]

  const search = (request: SearchRequest, searchOptions: SearchOptions = {}): Promise<SearchResponse> => {
    if (closed) return Promise.reject(new Error('Clippings: the search threads are stopped'))
    // With every thread gone and none yet replaced, the server's own copy answers.
    if (slots.length === 0) return engine.search(request, searchOptions)
    const started = performance.now()
    const key = answers.maxBytes > 0 ? JSON.stringify(request) : undefined
    const kept = key === undefined ? undefined : answers.answer(key)
    if (kept) return Promise.resolve({ ...kept, tookMs: Math.round((performance.now() - started) * 100) / 100 })
    return new Promise<SearchResponse>((resolve, reject) => {
      queue.push({
        request,
        options: searchOptions,
        resolve: (response) => {
          if (key !== undefined && !response.partial) answers.keepAnswer(key, response)
          resolve(response)
        },
        reject,
      })
      dispatch()
    })
  }

  return {
    ...withSearch(engine, search),
    searchThreads: options.threads,
    async close() {
      closed = true
      for (const stop of stopFollowing) stop?.()
      if (flagTimer) clearInterval(flagTimer)
      for (const waiting of queue.splice(0)) waiting.reject(new Error('Clippings: the search threads are stopped'))
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    },
  }
}
