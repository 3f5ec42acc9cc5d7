// Bulk writes with backpressure and retries: operations are packed into requests of a few megabytes, at most
// `concurrency` requests are in flight (the producer waits for one to finish before packing more), and what
// the cluster turns away because it is busy (429, or a node going away) is sent again after a growing pause.
import type { BulkAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import { OpenSearchError } from './client.ts'

/** One bulk operation: index a document under an id, or delete one. */
export type BulkOperation = { index: string; id: string; document: unknown } | { index: string; id: string; delete: true }

export interface BulkOptions {
  /** Called after each request with the operations done so far. */
  onProgress?: (done: number) => void
  /** Bytes of NDJSON per request. Default 8 MiB. */
  requestBytes?: number
  /** Requests in flight at once. Default 2. */
  concurrency?: number
  /** Attempts per operation the cluster turns away for being busy. Default 8. */
  attempts?: number
  log?: (line: string) => void
}

export interface BulkResult {
  done: number
  /** Attempts beyond the first, over all operations. */
  retried: number
}

/** Statuses that mean "busy or going away, try later". */
const RETRYABLE = new Set([429, 502, 503, 504])

function line(operation: BulkOperation): string {
  const action = 'delete' in operation ? 'delete' : 'index'
  const head = JSON.stringify({ [action]: { _index: operation.index, _id: operation.id } })
  return 'delete' in operation ? `${head}\n` : `${head}\n${JSON.stringify(operation.document)}\n`
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Writes every operation; throws, naming the first failures, when any fails for a reason other than being busy. */
export async function bulkWrite(http: OpenSearchHttp, operations: Iterable<BulkOperation>, options: BulkOptions = {}): Promise<BulkResult> {
  const requestBytes = options.requestBytes ?? 8 * 1024 * 1024
  const concurrency = options.concurrency ?? 2
  const attempts = options.attempts ?? 8
  const failures: string[] = []
  let done = 0
  let retried = 0
  const inFlight = new Set<Promise<void>>()
  let fatal: unknown

  const send = async (batch: string[]): Promise<void> => {
    let pending = batch
    for (let attempt = 1; pending.length > 0; attempt++) {
      let again: string[] = []
      try {
        const { body } = await http.request<BulkAnswer>('POST', '/_bulk', undefined, { lines: pending.join(''), retries: 0 })
        if (!body.errors) {
          done += pending.length
        } else {
          body.items.forEach((item, i) => {
            const result = Object.values(item)[0]
            if (result.status < 300 || (result.status === 404 && 'delete' in item)) done++
            else if (RETRYABLE.has(result.status)) again.push(pending[i])
            else failures.push(`${result.error?.type ?? result.status}: ${result.error?.reason ?? ''}`)
          })
        }
      } catch (error) {
        const status = error instanceof OpenSearchError ? error.status : undefined
        // A whole request turned away or lost (busy, timed out, connection dropped): all of it again.
        if (status !== undefined && !RETRYABLE.has(status)) throw error
        again = pending
        if (attempt >= attempts) throw error
      }
      if (again.length === 0) break
      if (attempt >= attempts) {
        failures.push(`${again.length} operations still turned away after ${attempts} attempts`)
        break
      }
      retried += again.length
      const wait = Math.min(30_000, 200 * 2 ** (attempt - 1))
      options.log?.(`Clippings: OpenSearch is busy; sending ${again.length} operations again in ${wait} ms`)
      await pause(wait)
      pending = again
    }
    options.onProgress?.(done)
  }

  const launch = async (batch: string[]) => {
    // Backpressure: no more than `concurrency` requests at once; the producer waits here.
    while (inFlight.size >= concurrency) await Promise.race(inFlight)
    if (fatal) throw fatal
    const request: Promise<void> = send(batch)
      .catch((error: unknown) => {
        fatal ??= error
      })
      .finally(() => inFlight.delete(request))
    inFlight.add(request)
  }

  let batch: string[] = []
  let bytes = 0
  for (const operation of operations) {
    const text = line(operation)
    batch.push(text)
    bytes += Buffer.byteLength(text)
    if (bytes >= requestBytes || batch.length >= 10_000) {
      await launch(batch)
      batch = []
      bytes = 0
    }
  }
  if (batch.length > 0) await launch(batch)
  await Promise.all(inFlight)
  if (fatal) throw fatal
  if (failures.length > 0) {
    throw new Error(`Clippings: ${failures.length} OpenSearch bulk operations failed, first: ${failures.slice(0, 3).join('; ')}`)
  }
  return { done, retried }
}
