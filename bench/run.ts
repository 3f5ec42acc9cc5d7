// `npm run bench [-- --scale 100k|1m|<n>] [--systems clippings,sqlite] [--runs 3] [--rounds 3] [--no-http]`:
// builds every system on the same passages, measures build, size on disk, cold load, heap, query latency
// and (for Clippings) HTTP, prints one table with ratios to Clippings and writes bench/results/.
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH_DATA_DIR, BENCH_DIR, CORPORA_DIR, corporaAvailable, loadBaseCorpus, scaleCorpus, type BenchCorpus } from './corpus.ts'
import { describeQuery, makeQueryMix, type BenchQuery } from './queries.ts'
import { SYSTEMS, systemByKey } from './systems/index.ts'
import type { BenchSystem, BuiltIndex } from './systems/system.ts'
import { clippingsSearchPath } from './systems/clippings.ts'
import { nodeArgs, runHelperForJson } from './child.ts'
import type { ColdLoadResult } from './load-child.ts'
import { runHttpBench } from './http.ts'
import { spread, summarizeLatencies } from './stats.ts'
import type { BenchResult, QueryLatency, SystemResult } from './results.ts'
import { resultMarkdown, resultTable, replaceLatest, formatMs } from './report.ts'

const SEED = 20250101

interface Options {
  scale: string
  passages?: number
  systems: BenchSystem[]
  runs: number
  rounds: number
  queries: number
  http: boolean
  httpSeconds: number
  connections: number
  maxOldSpaceMb: number
  write: boolean
}

function parseOptions(argv: string[]): Options {
  const args = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new Error(`bench: unexpected argument "${arg}"`)
    const [name, inline] = arg.slice(2).split('=', 2)
    if (inline !== undefined) args.set(name, inline)
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.set(name, argv[++i])
    else args.set(name, 'true')
  }
  const scale = args.get('scale') ?? '100k'
  const passages = scale === '100k' ? undefined : scale === '1m' ? 1_000_000 : Number(scale)
  if (passages !== undefined && !(passages > 0)) throw new Error(`bench: --scale is 100k, 1m or a number of passages, got "${scale}"`)
  const big = (passages ?? 0) > 500_000
  // Orama takes minutes and many GiB past a few hundred thousand passages: asked for by name only.
  const defaultSystems = big ? ['clippings', 'minisearch', 'flexsearch', 'sqlite'] : SYSTEMS.map((s) => s.key)
  const systems = (args.get('systems')?.split(',') ?? defaultSystems).map((key) => systemByKey(key.trim()))
  return {
    scale,
    passages,
    systems,
    runs: Number(args.get('runs') ?? (big ? 1 : 3)),
    rounds: Number(args.get('rounds') ?? 3),
    queries: Number(args.get('queries') ?? 300),
    http: args.get('no-http') !== 'true',
    httpSeconds: Number(args.get('http-seconds') ?? 10),
    connections: Number(args.get('connections') ?? 50),
    maxOldSpaceMb: Number(args.get('max-old-space') ?? 12288),
    write: args.get('no-write') !== 'true',
  }
}

const gc = (globalThis as { gc?: () => void }).gc
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)

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
async function buildAndQuery(system: BenchSystem, corpus: BenchCorpus, queries: BenchQuery[], options: Options, workDir: string): Promise<{ result: SystemResult; savedDir?: string }> {
  const result: SystemResult = { key: system.key, name: system.name, notes: system.notes, errors: [] }
  const systemDir = join(workDir, system.key)
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

/**
 * The figures taken in fresh processes from the saved index: cold loads and, for Clippings, HTTP. Run
 * once the parent has let go of the corpus: a cold load timed beside a process holding a million
 * passages measured 11-12 s against 7.5-9 s alone (even with that process idle).
 */
async function measureFromDisk(system: BenchSystem, result: SystemResult, savedDir: string, queries: BenchQuery[], options: Options): Promise<void> {
  try {
    const loads: ColdLoadResult[] = []
    for (let run = 0; run < options.runs; run++) {
      loads.push(await runHelperForJson<ColdLoadResult>('load-child.ts', [system.key, savedDir, JSON.stringify(queries[0])], options.maxOldSpaceMb))
      log(`${system.name}: cold load ${run + 1}/${options.runs} ${formatMs(loads.at(-1)!.loadMs)}, heap ${(loads.at(-1)!.heapUsed / 1024 ** 2).toFixed(0)} MiB`)
    }
    result.coldLoad = {
      loadMs: spread(loads.map((l) => l.loadMs)),
      readyMs: spread(loads.map((l) => l.readyMs)),
      firstSearchMs: spread(loads.map((l) => l.firstSearchMs)),
      heapUsed: spread(loads.map((l) => l.heapUsed)),
      rss: spread(loads.map((l) => l.rss)),
    }
  } catch (error) {
    result.errors.push(`cold load: ${(error as Error).message}`)
    log(`${system.name}: cold load failed: ${(error as Error).message}`)
  }
  if (system.key === 'clippings' && options.http) {
    for (const cache of [true, false]) {
      const label = cache ? 'HTTP' : 'HTTP without the result cache'
      try {
        log(`${system.name}: ${label}, ${options.connections} clients for ${options.httpSeconds} s`)
        const http = await runHttpBench({
          indexDir: savedDir,
          paths: queries.map(clippingsSearchPath),
          connections: options.connections,
          seconds: options.httpSeconds,
          warmupSeconds: 3,
          maxOldSpaceMb: options.maxOldSpaceMb,
          cache,
        })
        if (cache) result.http = http
        else result.httpUncached = http
        log(`${system.name}: ${label} ${http.requestsPerSecond.toFixed(0)} req/s, p99 ${formatMs(http.latencyMs.p99)}, ${http.errors} errors, ${http.non2xx} non-2xx`)
      } catch (error) {
        result.errors.push(`${label}: ${(error as Error).message}`)
        log(`${system.name}: ${label} failed: ${(error as Error).stack}`)
      }
    }
  }
  // Only Clippings' saved index is kept (for serving by hand); the others can be large.
  if (system.key !== 'clippings') await rm(dirname(savedDir), { recursive: true, force: true })
}

function codeVersion(): { commit: string; srcDirty: boolean } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: BENCH_DIR, encoding: 'utf8' }).stdout?.trim() ?? ''
  return { commit: git('rev-parse', '--short', 'HEAD') || 'unknown', srcDirty: git('status', '--porcelain', '--', '../src') !== '' }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!corporaAvailable()) {
    console.log(`bench: the corpora are not in ${CORPORA_DIR}; nothing to measure (set CLIPPINGS_CORPORA to their folder).`)
    return
  }
  const loadAverageAtStart = loadavg()[0]
  log(`corpus: reading ${CORPORA_DIR}`)
  let base: BenchCorpus | undefined = await loadBaseCorpus()
  let corpus: BenchCorpus | undefined = options.passages ? scaleCorpus(base, options.passages) : base
  const queries = makeQueryMix(corpus.passages, { count: options.queries, seed: SEED })
  const [passages, articles, basePassages] = [corpus.passages.length, corpus.articles.length, base.passages.length]
  log(`corpus: ${passages} passages, ${articles} articles; ${queries.length} queries`)
  const workDir = join(BENCH_DATA_DIR, 'work', options.scale)
  const built: { system: BenchSystem; result: SystemResult; savedDir?: string }[] = []
  for (const system of options.systems) built.push({ system, ...(await buildAndQuery(system, corpus, queries, options, workDir)) })
  // Let go of the corpus before anything is timed in another process (see measureFromDisk).
  base = corpus = undefined
  collect()
  for (const { system, result, savedDir } of built) if (savedDir) await measureFromDisk(system, result, savedDir, queries, options)
  const systems = built.map(({ result }) => result)

  const cpu = cpus()
  const result: BenchResult = {
    date: new Date().toISOString(),
    scale: options.scale,
    passages,
    articles,
    corpus:
      'Reuters-21578 bodies split into paragraphs (real dates, topics and people tags), AG News test items as one passage each (synthetic dates 2004–2005, category as topic), SciFact abstracts in 3-sentence passages (synthetic dates 1995–2017, topic "science")' +
      (options.passages && options.passages > basePassages ? `, repeated: copy k has ids suffixed ~k, source "<source>-k" and dates k years later` : ''),
    machine: {
      os: `${platform()} ${release()}`,
      cpu: cpu[0]?.model.trim() ?? 'unknown',
      cores: cpu.length,
      memoryBytes: totalmem(),
      node: process.version,
      loadAverageAtStart,
    },
    code: codeVersion(),
    settings: { runs: options.runs, rounds: options.rounds, queries: queries.length, seed: SEED, httpSeconds: options.httpSeconds, connections: options.connections },
    systems,
  }
  console.log(`\n${result.passages.toLocaleString('en-US')} passages, medians, ratios to Clippings in brackets:\n`)
  console.log(resultTable(result))
  if (!options.write) return
  const resultsDir = join(BENCH_DIR, 'results')
  await mkdir(resultsDir, { recursive: true })
  const name = `${result.date.slice(0, 10)}-${options.scale}`
  await writeFile(join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n')
  await writeFile(join(resultsDir, `${name}.md`), resultMarkdown(result))
  const readmePath = join(BENCH_DIR, 'README.md')
  const readme = existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '# Benchmark\n'
  await writeFile(readmePath, replaceLatest(readme, result, `${name}.md`))
  console.log(`\nWritten: bench/results/${name}.json, bench/results/${name}.md, bench/README.md`)
}

// `npm run bench` starts tsx without --expose-gc or a heap cap: start again with them, once.
if (!gc && process.env.CLIPPINGS_BENCH_CHILD !== '1') {
  const maxOldSpace = parseOptions(process.argv.slice(2)).maxOldSpaceMb
  const child = spawnSync(process.execPath, [...nodeArgs(maxOldSpace), fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CLIPPINGS_BENCH_CHILD: '1' },
  })
  process.exitCode = child.status ?? 1
} else {
  await main()
}
