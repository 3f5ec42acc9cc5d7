// The shape of a benchmark run's results, as written to bench/results/<date>-<scale>.json.
import type { Spread } from './stats.ts'
import type { HttpResult } from './http.ts'

export interface QueryLatency {
  p50: Spread
  p95: Spread
  p99: Spread
  mean: Spread
  /** Median over rounds of each query's time, grouped by query shape (`words`, `phrase+facets`, ...). */
  byShape: Record<string, { count: number; p50: number; p95: number }>
  /** The slowest queries (median over rounds), to find hot spots. */
  slowest: { query: string; ms: number; total?: number }[]
  /** Queries that found nothing. */
  empty: number
}

export interface SystemResult {
  key: string
  name: string
  notes: string
  build?: { seconds: Spread; passagesPerSecond: Spread; heapAfterBuild: number }
  save?: { seconds: number; bytes: number }
  coldLoad?: { loadMs: Spread; readyMs: Spread; firstSearchMs: Spread; heapUsed: Spread; rss: Spread }
  query?: QueryLatency
  /** The server as shipped: the repeating mix is answered from the result cache after its first pass. */
  http?: HttpResult
  /** The same with the result cache off: every request matched and counted afresh. */
  httpUncached?: HttpResult
  /** What failed, phase by phase; a failure never stops the other systems. */
  errors: string[]
}

export interface Machine {
  os: string
  cpu: string
  cores: number
  memoryBytes: number
  node: string
  /** 1-minute load average when the run started: anything near the core count means noisy timings. */
  loadAverageAtStart: number
}

export interface BenchResult {
  date: string
  scale: string
  passages: number
  articles: number
  corpus: string
  machine: Machine
  /** The commit measured, and whether src/ had uncommitted changes (the engine moves fast). */
  code: { commit: string; srcDirty: boolean }
  settings: { runs: number; rounds: number; queries: number; seed: number; httpSeconds: number; connections: number }
  systems: SystemResult[]
}
