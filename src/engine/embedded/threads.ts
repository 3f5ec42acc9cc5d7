// Searches in worker threads. An in-process search holds the event loop while it runs, so one core answers
// every search however many the machine has, and the server reads no socket meanwhile. With search threads,
// each thread loads a copy of the index (thread.ts) and answers searches one at a time; the server's own
// thread parses requests, renders pages, keeps whole answers for repeated searches, and answers everything
// else (articles, facet lists, exports) from its own copy. Memory grows by one index per thread.
//
// Only for an index nothing changes while it is served (no --watch, no ingestion API): the threads' copies
// would fall behind the server's.
import { Worker } from 'node:worker_threads'
import { ClippingsError } from '../../errors.ts'
import type { SearchRequest, SearchResponse } from '../../model.ts'
import { withSearch, type SearchEngine, type SearchOptions } from '../engine.ts'
import { ResultCache } from './result-cache.ts'
import { defaults } from '../../defaults.ts'

/** What a search thread is started with. */
export interface ThreadSetup {
  indexDir: string
  searchBudgetMs?: number
  /** Shared with the thread: see ABORTED_ID and CONTENDED. */
  flags: SharedArrayBuffer
}
export interface ThreadRequest {
  id: number
  request: SearchRequest
  sliceMs?: number
}
export type ThreadReply = { ready: true; passages: number; updatedAt: string } | { id: number; response: SearchResponse } | { id: number; error: string }

/** Index of the shared flag holding the id of a search whose client has gone. */
export const ABORTED_ID = 0
/** Index of the shared flag set while other searches wait (the search gives way after its slice). */
export const CONTENDED = 1
/** How often the flags of running searches are brought up to date, in milliseconds. */
const FLAG_INTERVAL_MS = 5

const BOOT = new URL('../../worker-boot.mjs', import.meta.url)
const ENTRY = new URL('./thread.ts', import.meta.url)

export interface SearchThreadsOptions {
  /** How many threads (each with its own copy of the index). */
  threads: number
  searchBudgetMs?: number
}

export interface ThreadedEngine extends SearchEngine {
  readonly searchThreads: number
  /** Stops the threads. */
  close(): Promise<void>
}

interface Running {
  id: number
  options: SearchOptions
  resolve: (response: SearchResponse) => void
  reject: (error: Error) => void
  stopListening: () => void
}

interface Slot {
  worker: Worker
  flags: Int32Array
  running?: Running
}

interface Waiting {
  request: SearchRequest
  options: SearchOptions
  resolve: (response: SearchResponse) => void
  reject: (error: Error) => void
}

/**
 * `engine` (the server's copy of the index at `indexDir`) with its searches answered by `threads` worker
 * threads. Resolves once every thread has loaded the index, and fails if a thread's copy differs from the
 * server's (the index changed meanwhile) or cannot be loaded.
 */
export async function searchInThreads(engine: SearchEngine, indexDir: string, options: SearchThreadsOptions): Promise<ThreadedEngine> {
  const expected = await engine.stats()
  const slots: Slot[] = []
  const queue: Waiting[] = []
  const answers = new ResultCache(defaults.searchCacheBytes)
  let nextId = 1
  let closed = false
  let flagTimer: NodeJS.Timeout | undefined

  const start = async (): Promise<Slot> => {
    const flags = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)
    const setup: ThreadSetup = { indexDir, searchBudgetMs: options.searchBudgetMs, flags }
    const worker = new Worker(BOOT, { workerData: { ...setup, entry: ENTRY.href } })
    worker.unref()
    const slot: Slot = { worker, flags: new Int32Array(flags) }
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: ThreadReply) => {
        if (!('ready' in reply)) return
        worker.off('error', onError)
        if (reply.passages !== expected.passages || reply.updatedAt !== expected.updatedAt) {
          reject(new ClippingsError('corrupt-index', `Clippings: the index at ${indexDir} changed while the search threads loaded it; start again`))
        } else resolve()
      }
      const onError = (error: Error) => reject(new ClippingsError('corrupt-index', `Clippings: a search thread could not load the index at ${indexDir}: ${error.message}`, { cause: error }))
      worker.on('message', onMessage)
      worker.once('error', onError)
    })
    worker.on('message', (reply: ThreadReply) => {
      if ('ready' in reply || !slot.running || reply.id !== slot.running.id) return
      const running = slot.running
      finish(slot)
      if ('error' in reply) running.reject(new Error(reply.error))
      else running.resolve(reply.response)
    })
    worker.on('exit', () => {
      // A thread that died (out of memory, say) fails its search only, and is replaced.
      const running = slot.running
      if (running) {
        finish(slot)
        running.reject(new Error('the search thread stopped'))
      }
      const index = slots.indexOf(slot)
      if (index >= 0) slots.splice(index, 1)
      if (!closed) void start().then((replacement) => slots.push(replacement) && dispatch(), () => undefined)
    })
    return slot
  }

  const finish = (slot: Slot) => {
    slot.running?.stopListening()
    slot.running = undefined
    Atomics.store(slot.flags, ABORTED_ID, 0)
    Atomics.store(slot.flags, CONTENDED, 0)
    queueMicrotask(dispatch)
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
      slot.running = { id, options: next.options, resolve: next.resolve, reject: next.reject, stopListening: () => signal?.removeEventListener('abort', onAbort) }
      if (signal?.aborted) onAbort()
      refreshFlags()
      flagTimer ??= setInterval(refreshFlags, FLAG_INTERVAL_MS).unref()
      slot.worker.postMessage({ id, request: next.request, sliceMs: next.options.sliceMs } satisfies ThreadRequest)
    }
  }

  try {
    slots.push(...(await Promise.all(Array.from({ length: options.threads }, start))))
  } catch (error) {
    closed = true
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
    throw error
  }

  const search = (request: SearchRequest, searchOptions: SearchOptions = {}): Promise<SearchResponse> => {
    if (closed) return Promise.reject(new Error('Clippings: the search threads are stopped'))
    const started = performance.now()
    const key = JSON.stringify(request)
    const kept = answers.answer(key)
    if (kept) return Promise.resolve({ ...kept, tookMs: Math.round((performance.now() - started) * 100) / 100 })
    return new Promise<SearchResponse>((resolve, reject) => {
      queue.push({
        request,
        options: searchOptions,
        resolve: (response) => {
          if (!response.partial) answers.keepAnswer(key, response)
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
      if (flagTimer) clearInterval(flagTimer)
      for (const waiting of queue.splice(0)) waiting.reject(new Error('Clippings: the search threads are stopped'))
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    },
  }
}
