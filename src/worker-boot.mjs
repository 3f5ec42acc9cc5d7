// A worker thread starts here (the reading threads of ingest/read-pool.ts, the search threads of
// engine/embedded/threads.ts): plain JavaScript, so it can register tsx (as scripts/clippings.mjs does for the
// main thread) before loading the TypeScript module that does the work (`workerData.entry`).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
