// A reading thread: runs the read jobs the pool posts (see read-pool.ts), one at a time, and posts each
// result back with the job's id. It says when it is ready, so the pool can time jobs, not start-up.
import { parentPort } from 'node:worker_threads'
import { runReadJob, type ReadJob } from '../read-job.ts'

const port = parentPort
if (!port) throw new Error('Clippings: src/ingest/read/worker.ts runs as a worker thread')

port.on('message', async ({ id, job }: { id: number; job: ReadJob }) => {
  try {
    port.postMessage({ id, result: await runReadJob(job) })
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
port.postMessage({ ready: true })
