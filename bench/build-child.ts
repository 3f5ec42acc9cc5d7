// The in-memory half of a system's benchmark, in a process of its own: builds the index (timed), runs the
// query mix against it (timed) and saves it. `build-child.ts <system> <options-json>` prints one JSON line,
// a BuildOutcome. The parent (run.ts) then times what is measured from the saved index, in fresh
// processes, without ever having held a corpus or an index itself: a cold load timed beside a process
// holding a million passages measured 11-12 s against 7.5-9 s alone, even with that process idle.
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { loadBaseCorpus, scaleCorpus, type BenchCorpus } from './corpus.ts'
import { describeQuery, makeQueryMix, type BenchQuery } from './queries.ts'
import { systemByKey } from './systems/index.ts'
import type { BenchSystem, BuiltIndex } from './systems/system.ts'
import { spread, summarizeLatencies } from './stats.ts'
import type { QueryLatency, SystemResult } from './results.ts'
import { formatMs } from './report.ts'
import { log } from './child.ts'

export interface BuildOptions {
  /** Passages to scale the corpus to; the base corpus when absent. */
  passages?: number
  queries: number
  seed: number
  runs: number
  rounds: number
  workDir: string
}

export interface BuildOutcome {
  result: SystemResult
  /** Where the index was saved, when it was. */
  savedDir?: string
  /** What the parent needs of the corpus without loading it. */
  corpus: { passages: number; articles: number; basePassages: number }
  queries: BenchQuery[]
}

const gc = (globalThis as { gc?: () => void }).gc

async function directoryBytes(dir: string): Promise<number> {
  let bytes = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    bytes += entry.isDirectory() ? await directoryBytes(path) : (await stat(path)).size
  }
  return bytes
}

function collect(): number {
  gc?.()
  gc?.()
  return process.memoryUsage().heapUsed
}

function shapeOf(query: BenchQuery): string {
  return `${query.kind}${query.filters ? '+facets' : ''}`
}

async function measureQueries(index: BuiltIndex, queries: BenchQuery[], rounds: number): Promise<QueryLatency> {
  const perQuery: number[][] = queries.map(() => [])
  const totals: (number | undefined)[] = []
  let empty = 0
  // One unrecorded round first: compiles the code paths and fills lazy caches, as a running server has.
  for (const query of queries) {
    const outcome = await index.search(query)
    totals.push(outcome.total)
    if (outcome.ids.length === 0) empty++
  }
  const roundSummaries = []
  for (let round = 0; round < rounds; round++) {
    const times: number[] = []
    for (let q = 0; q < queries.length; q++) {
      const started = performance.now()
      await index.search(queries[q])
      const ms = performance.now() - started
      times.push(ms)
      perQuery[q].push(ms)
    }
    roundSummaries.push(summarizeLatencies(times))
  }
  const medians = perQuery.map((times) => spread(times).median)
  const byShape: QueryLatency['byShape'] = {}
  const shapes = [...new Set(queries.map(shapeOf))]
  for (const shape of shapes) {
    const times = medians.filter((_, q) => shapeOf(queries[q]) === shape)
    const summary = summarizeLatencies(times)
    byShape[shape] = { count: times.length, p50: summary.p50, p95: summary.p95 }
  }
  const slowest = medians
    .map((ms, q) => ({ query: describeQuery(queries[q]), ms, total: totals[q] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
  return {
    p50: spread(roundSummaries.map((s) => s.p50)),
    p95: spread(roundSummaries.map((s) => s.p95)),
    p99: spread(roundSummaries.map((s) => s.p99)),
    mean: spread(roundSummaries.map((s) => s.mean)),
    byShape,
    slowest,
    empty,
  }
}

/** Build (in this process), query latency and save; what is measured from the saved index comes later. */
async function buildAndQuery(system: BenchSystem, corpus: BenchCorpus, queries: BenchQuery[], options: BuildOptions): Promise<Pick<BuildOutcome, 'result' | 'savedDir'>> {
  const result: SystemResult = { key: system.key, name: system.name, notes: system.notes, errors: [] }
  const systemDir = join(options.workDir, system.key)
  await rm(systemDir, { recursive: true, force: true })
  const n = corpus.passages.length
  let index: BuiltIndex | undefined
  let savedDir: string | undefined
  try {
    const seconds: number[] = []
    for (let run = 0; run < options.runs; run++) {
      index?.close?.()
      index = undefined
      collect()
      const dir = join(systemDir, `run-${run}`)
      await mkdir(dir, { recursive: true })
      const started = performance.now()
      index = await system.build(corpus, dir)
      seconds.push((performance.now() - started) / 1000)
      log(`${system.name}: build ${run + 1}/${options.runs} ${seconds.at(-1)!.toFixed(1)} s`)
      savedDir = dir
      if (run > 0) await rm(join(systemDir, `run-${run - 1}`), { recursive: true, force: true })
    }
    result.build = { seconds: spread(seconds), passagesPerSecond: spread(seconds.map((s) => n / s)), heapAfterBuild: collect() }
  } catch (error) {
    result.errors.push(`build: ${(error as Error).message}`)
    log(`${system.name}: build failed: ${(error as Error).stack}`)
    return { result }
  }
  try {
    result.query = await measureQueries(index!, queries, options.rounds)
    log(`${system.name}: p50 ${formatMs(result.query.p50.median)}, p95 ${formatMs(result.query.p95.median)}, p99 ${formatMs(result.query.p99.median)}`)
  } catch (error) {
    result.errors.push(`query: ${(error as Error).message}`)
    log(`${system.name}: queries failed: ${(error as Error).stack}`)
  }
  try {
    const started = performance.now()
    await index!.save(savedDir!)
    result.save = { seconds: (performance.now() - started) / 1000, bytes: await directoryBytes(savedDir!) }
    log(`${system.name}: saved ${(result.save.bytes / 1024 ** 2).toFixed(0)} MiB in ${result.save.seconds.toFixed(1)} s`)
  } catch (error) {
    result.errors.push(`save: ${(error as Error).message}`)
    log(`${system.name}: save failed: ${(error as Error).stack}`)
  }
  index!.close?.()
  index = undefined
  collect()
  if (result.save) return { result, savedDir }
  if (system.key !== 'clippings') await rm(systemDir, { recursive: true, force: true })
  return { result }
}

const [key, optionsJson] = process.argv.slice(2)
if (key && optionsJson) {
  const options = JSON.parse(optionsJson) as BuildOptions
  const base = await loadBaseCorpus()
  const corpus = options.passages ? scaleCorpus(base, options.passages) : base
  const queries = makeQueryMix(corpus.passages, { count: options.queries, seed: options.seed })
  log(`corpus: ${corpus.passages.length} passages, ${corpus.articles.length} articles; ${queries.length} queries`)
  const counts = { passages: corpus.passages.length, articles: corpus.articles.length, basePassages: base.passages.length }
  const built = await buildAndQuery(systemByKey(key), corpus, queries, options)
  const outcome: BuildOutcome = { ...built, corpus: counts, queries }
  process.stdout.write(JSON.stringify(outcome) + '\n')
}
