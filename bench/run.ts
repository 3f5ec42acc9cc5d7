// `npm run bench [-- --scale 100k|1m|<n>] [--systems clippings,sqlite] [--runs 3] [--rounds 3] [--no-http]`:
// builds every system on the same passages, measures build, size on disk, cold load, heap, query latency
// and (for Clippings) HTTP, prints one table with ratios to Clippings and writes bench/results/.
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { spawnSync } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BENCH_DATA_DIR, BENCH_DIR, CORPORA_DIR, corporaAvailable } from './corpus.ts'
import type { BuildOptions, BuildOutcome } from './build-child.ts'
import type { BenchQuery } from './queries.ts'
import { SYSTEMS, systemByKey } from './systems/index.ts'
import type { BenchSystem } from './systems/system.ts'
import { clippingsSearchPath } from './systems/clippings.ts'
import { log, runHelperForJson } from './child.ts'
import type { ColdLoadResult } from './load-child.ts'
import { runHttpBench } from './http.ts'
import { spread } from './stats.ts'
import type { BenchResult, SystemResult } from './results.ts'
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

/** The figures taken in fresh processes from the saved index: cold loads and, for Clippings, HTTP. */
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
  const workDir = join(BENCH_DATA_DIR, 'work', options.scale)
  const buildOptions: BuildOptions = { passages: options.passages, queries: options.queries, seed: SEED, runs: options.runs, rounds: options.rounds, workDir }
  const built: { system: BenchSystem; outcome: BuildOutcome | undefined; result: SystemResult }[] = []
  for (const system of options.systems) {
    try {
      const outcome = await runHelperForJson<BuildOutcome>('build-child.ts', [system.key, JSON.stringify(buildOptions)], options.maxOldSpaceMb)
      built.push({ system, outcome, result: outcome.result })
    } catch (error) {
      log(`${system.name}: ${(error as Error).message}`)
      built.push({ system, outcome: undefined, result: { key: system.key, name: system.name, notes: system.notes, errors: [`build: ${(error as Error).message}`] } })
    }
  }
  const reference = built.find(({ outcome }) => outcome)?.outcome
  if (!reference) throw new Error('bench: no system could be built')
  const { queries, corpus } = reference
  for (const { system, outcome, result } of built) if (outcome?.savedDir) await measureFromDisk(system, result, outcome.savedDir, queries, options)
  const systems = built.map(({ result }) => result)

  const cpu = cpus()
  const result: BenchResult = {
    date: new Date().toISOString(),
    scale: options.scale,
    passages: corpus.passages,
    articles: corpus.articles,
    corpus:
      'Reuters-21578 bodies split into paragraphs (real dates, topics and people tags), AG News test items as one passage each (synthetic dates 2004–2005, category as topic), SciFact abstracts in 3-sentence passages (synthetic dates 1995–2017, topic "science")' +
      (options.passages && options.passages > corpus.basePassages ? `, repeated: copy k has ids suffixed ~k, source "<source>-k" and dates k years later` : ''),
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

await main()
