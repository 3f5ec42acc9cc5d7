// Where read jobs run. The worker pool keeps one or two long-lived threads and gives each job a time and a
// memory budget: a thread that overruns is stopped (and replaced for the next job), so one hostile file
// costs its budget and a reason in the summary, never the run. The in-thread pool runs jobs here, without
// a budget (for tests and embedding), and is what the worker pool falls back to if no thread can start.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { formatBytes, ingestLimits } from './limits.ts'
import type { ReadJob, ReadJobResult } from './read-job.ts'

/** A job's end: its result, or why it has none (it overran its time or memory, or failed). */
export type JobOutcome = { result: ReadJobResult } | { failed: string }

export interface ReadPool {
  run(job: ReadJob): Promise<JobOutcome>
  /**
   * How many bytes the jobs to come will read, so a second thread (which takes a second or two of CPU to
   * load the readers) is started only when there is enough work to repay it.
   */
  expectWork(bytes: number): void
  /** Notes for the run's summary (a pool that had to fall back to reading without a budget). */
  readonly warnings: string[]
  /** Stops the threads; jobs still running end as failed. */
  close(): Promise<void>
}

export interface WorkerPoolOptions {
  /**
   * Threads reading in parallel, at most. Default 2 on a machine with 4 or more cores, else 1 (the main
   * thread is busy too, resolving what the threads read). One until `expectWork` says there is work for more.
   */
  threads?: number
  /** Time one job may take. Default `ingestLimits.fileTimeBudgetMs` (30 s). */
  timeBudgetMs?: number
  /** Heap one thread may use. Default `ingestLimits.readerMemoryMb` (1,024 MB). */
  memoryMb?: number
  /** The module a thread runs (default `./read/worker.ts`); tests give one that misbehaves on cue. */
  entry?: URL
}

/** Runs jobs in this thread, one at a time, without a time budget. */
export function createInThreadPool(): ReadPool {
  return {
    warnings: [],
    expectWork() {},
    async run(job) {
      try {
        // Loaded when first needed: with reading threads, this thread never loads the readers and cleaners.
        const { runReadJob } = await import('./read-job.ts')
        return { result: await runReadJob(job) }
      } catch (error) {
        return { failed: failureReason(error) }
      }
    },
    async close() {},
  }
}

/** Bytes to read below which one thread is enough: about ten seconds of reading and cleaning. */
const BYTES_FOR_MORE_THREADS = 4 * 1024 * 1024

const BOOT = new URL('../worker-boot.mjs', import.meta.url)
const DEFAULT_ENTRY = new URL('./read/worker.ts', import.meta.url)

/** A thread and the job it is running, if any. */
interface Slot {
  worker: Worker
  ready: Promise<boolean>
  busy: boolean
}

/** Messages from a reading thread. */
type WorkerMessage = { ready: true } | { id: number; result: ReadJobResult } | { id: number; error: string }

/** Runs jobs in worker threads with a time and memory budget per job; see the module comment. */
export function createWorkerPool(options: WorkerPoolOptions = {}): ReadPool {
  const threads = Math.max(1, options.threads ?? (availableParallelism() >= 4 ? 2 : 1))
  const budgetMs = options.timeBudgetMs ?? ingestLimits.fileTimeBudgetMs
  const memoryMb = options.memoryMb ?? ingestLimits.readerMemoryMb
  const entry = options.entry ?? DEFAULT_ENTRY
  const slots: (Slot | undefined)[] = new Array(threads).fill(undefined)
  const waiting: (() => void)[] = []
  const warnings: string[] = []
  let fallback: ReadPool | undefined
  let allowed = 1
  let nextId = 0
  let closed = false

  const start = (): Slot => {
    const worker = new Worker(BOOT, {
      workerData: { entry: entry.href },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    })
    // A thread keeps the process alive only while a job waits on it.
    worker.unref()
    const ready = new Promise<boolean>((resolve) => {
      const onMessage = (message: WorkerMessage) => {
        if ('ready' in message) {
          cleanup()
          resolve(true)
        }
      }
      const onError = (error: Error) => {
        cleanup()
        if (!fallback) {
          fallback = createInThreadPool()
          warnings.push(`files were read without a time budget: a reading thread could not start (${failureReason(error)})`)
        }
        resolve(false)
      }
      const cleanup = () => {
        worker.off('message', onMessage)
        worker.off('error', onError)
      }
      worker.on('message', onMessage)
      worker.on('error', onError)
    })
    return { worker, ready, busy: false }
  }

  /** A free slot, starting its thread if needed; waits while every thread is busy. */
  const acquire = async (): Promise<{ index: number; slot: Slot }> => {
    for (;;) {
      const index = slots.findIndex((slot, i) => i < allowed && !slot?.busy)
      if (index !== -1) {
        const slot = slots[index] ?? (slots[index] = start())
        slot.busy = true
        return { index, slot }
      }
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
  }

  const release = (index: number, slot: Slot, keep: boolean) => {
    slot.busy = false
    if (!keep) {
      slots[index] = undefined
      void slot.worker.terminate()
    }
    waiting.shift()?.()
  }

  // Start the first thread now: it boots while the corpus is walked.
  if (threads > 0) slots[0] = start()

  return {
    warnings,
    expectWork(bytes) {
      allowed = bytes >= BYTES_FOR_MORE_THREADS ? threads : 1
      while (waiting.length > 0) waiting.shift()!()
    },
    async run(job) {
      if (closed) return { failed: 'the reading pool was closed' }
      const { index, slot } = await acquire()
      slot.worker.ref()
      if (!(await slot.ready) || fallback) {
        release(index, slot, false)
        return (fallback ?? createInThreadPool()).run(job)
      }
      const id = nextId++
      return new Promise<JobOutcome>((resolve) => {
        let finished = false
        const finish = (outcome: JobOutcome, keep: boolean) => {
          if (finished) return
          finished = true
          clearTimeout(timer)
          slot.worker.off('message', onMessage)
          slot.worker.off('error', onError)
          slot.worker.off('exit', onExit)
          slot.worker.unref()
          release(index, slot, keep)
          resolve(outcome)
        }
        const onMessage = (message: WorkerMessage) => {
          if (!('id' in message) || message.id !== id) return
          if ('error' in message) finish({ failed: failureReason(message.error) }, true)
          else finish({ result: message.result }, true)
        }
        const onError = (error: Error & { code?: string }) => {
          const reason =
            error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needs more than ${formatBytes(memoryMb * 1024 * 1024)} of memory to read` : failureReason(error)
          finish({ failed: reason }, false)
        }
        const onExit = () => finish({ failed: 'reading failed (the reading thread stopped)' }, false)
        const timer = setTimeout(() => finish({ failed: `took longer than ${seconds(budgetMs)} to read` }, false), budgetMs)
        slot.worker.on('message', onMessage)
        slot.worker.on('error', onError)
        slot.worker.on('exit', onExit)
        slot.worker.postMessage({ id, job })
      })
    },
    async close() {
      closed = true
      await Promise.all(slots.map((slot) => slot?.worker.terminate()))
      slots.fill(undefined)
    },
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/** The first line of an error's message: what a summary line can hold. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `reading failed (${message.split('\n')[0]!.slice(0, 200)})`
}
