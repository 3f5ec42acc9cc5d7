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

// ---------------------------------------------------------------------------------------------
// The rows beyond the comparison (`--rows update,pipeline,attack,load`), Clippings only.

/** A latency distribution in milliseconds. */
export interface Latencies {
  count: number
  p50: number
  p99: number
  max: number
}

/** One kind of change, timed over `runs` runs. */
export interface UpdateOp {
  name: string
  runs: number
  /** Articles and passages of one run's change. */
  articles: number
  passages: number
  /** From asking for the writer (the CLI's path) or from staging the change (the live path) to its flush resolving. */
  totalMs: Spread
  /** The flush alone: the delta written and fsync'd, committed, and (live) applied to the engine. */
  flushMs: Spread
  /** Longest the event loop was held at once while the change was made (live path, no searches running). */
  stallMs?: Spread
  /** Merges of the deltas into a new base that these runs set off. */
  merges: number
}

/** Searches issued at a steady rate, latency from when each was due (so a blocked loop counts). */
export interface StreamPhase extends Latencies {
  /** Longest event-loop delay seen in the phase (searches' own time included). */
  loopDelayMaxMs: number
}

export interface UpdateStreaming {
  seconds: number
  searchesPerSecond: number
  updateEveryMs: number
  without: StreamPhase
  with: StreamPhase & { updates: number; flushMs: Latencies; merges: number }
}

export interface UpdateResult {
  /** Passages in the index before the changes. */
  passages: number
  /** Through the backend's writer without loading the index (`clippings index`'s path). */
  writer?: {
    ops: UpdateOp[]
    /** What a flush pays once the deltas pass a quarter of the base or 24 deltas: a full load and a new base. */
    merge?: { deltas: number; loadMs: number; mergeMs: number }
  }
  /** Through a live engine's writer (the server's path: watch mode, the ingestion API). */
  live?: { openMs: number; ops: UpdateOp[]; streaming?: UpdateStreaming }
  errors: string[]
}

/** `clippings index` on a folder of Reuters stories, one Markdown file each. */
export interface PipelineResult {
  articles: number
  passages: number
  /** The first build (syncIndex in process, as the CLI calls it). */
  fullMs: number
  /** Each incremental change, timed in process; runs on different files; what each run added, changed, removed. */
  ops: { name: string; runs: number; ms: Spread; articles?: { added: number; changed: number; removed: number }[] }[]
  /** The slowest incremental median over the full build: the bar is 0.1. */
  worstShareOfFull: number
  /** The real command, wall clock, process start and module loading included. */
  cli?: { fullMs: number; addOneMs: number; unchangedMs: number }
  errors: string[]
}

/** The engine's figures for each worst query (result cache off). */
export interface AttackEngineResult {
  budgetMs: number
  rounds: number
  queries: {
    name: string
    length: number
    query: string
    ms: Spread
    partial: boolean
    total: number
    notices: string[]
    /** With a budget of a minute instead, once: what the budget saves. */
    unbounded?: { ms: number; partial: boolean; total: number }
  }[]
}

/** What the attacking clients got. */
export interface AttackerFigures {
  clients: number
  /** Attackers that hang up this long after sending (undefined: they wait for every answer). */
  hangUpMs?: number
  sent: number
  answered: number
  /** Answers marked `"partial": true` (the search stopped at its budget). */
  partial: number
  hungUp: number
  errors: number
  statuses: Record<string, number>
  latencyMs: Latencies
}

export interface AttackPhase {
  name: string
  seconds: number
  loadAverage: { start: number; end: number }
  /** The normal clients (the mix, through autocannon). */
  normal: HttpResult
  attackers?: AttackerFigures
}

export interface AttackResult {
  engine?: AttackEngineResult
  http?: { normalClients: number; attackClients: number; searchThreads?: number; phases: AttackPhase[] }
  errors: string[]
}

/** One stretch of the load row, back to back with the previous on the same server. */
export interface LoadRound {
  seconds: number
  http: HttpResult
  rssEndMiB: number
  rssMaxMiB: number
}

export interface LoadResult {
  connections: number
  /** Searches in this many threads; undefined: in process. */
  searchThreads?: number
  /** Different queries available; requests beyond this many repeat one (and may be answered from the cache). */
  distinctQueries: number
  rssBeforeMiB: number
  rounds: LoadRound[]
  /** The server's resident memory every few seconds: seconds since the load began, MiB. */
  rssSeries: [seconds: number, mib: number][]
  loadAverage: { start: number; end: number }
  errors: string[]
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
  /** The comparison of systems (empty when the run measured other rows only). */
  systems: SystemResult[]
  /** Which rows the run measured: `compare`, `update`, `pipeline`, `attack`, `load`. */
  rows?: string[]
  update?: UpdateResult
  pipeline?: PipelineResult
  attack?: AttackResult
  load?: LoadResult
}
