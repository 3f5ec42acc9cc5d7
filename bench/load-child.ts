// Cold load in a fresh process: `node --expose-gc --import tsx bench/load-child.ts <system> <dir>` loads a
// saved index, collects garbage and prints one JSON line with the load time and the heap it holds.
import { systemByKey } from './systems/index.ts'
import type { BenchQuery } from './queries.ts'

export interface ColdLoadResult {
  /** Time inside the system's load call (reading and restoring the index). */
  loadMs: number
  /** From process start (runtime and module loading included) to the index ready. */
  readyMs: number
  /** The first search after loading, which pays for lazy work left by the load. */
  firstSearchMs: number
  heapUsed: number
  rss: number
}

const [key, dir, firstQuery] = process.argv.slice(2)
if (!key || !dir) throw new Error('usage: load-child.ts <system> <dir> [query-json]')
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('bench: run load-child.ts with --expose-gc')
const system = systemByKey(key)
const started = performance.now()
const index = await system.load(dir)
const loadMs = performance.now() - started
const readyMs = performance.now()
index.prepare?.()
const query: BenchQuery = firstQuery ? JSON.parse(firstQuery) : { kind: 'words', words: ['market'] }
const searchStarted = performance.now()
await index.search(query)
const firstSearchMs = performance.now() - searchStarted
gc()
const memory = process.memoryUsage()
const result: ColdLoadResult = { loadMs, readyMs, firstSearchMs, heapUsed: memory.heapUsed, rss: memory.rss }
process.stdout.write(JSON.stringify(result) + '\n')
index.close?.()
