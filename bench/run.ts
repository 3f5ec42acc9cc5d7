// `npm run bench [-- --scale 100k|1m|<n>] [--systems clippings,sqlite] [--runs 3] [--rounds 3] [--no-http]`:
// builds every system on the same passages, measures build, size on disk, cold load, heap, query latency
// and (for Clippings) HTTP, prints one table with ratios to Clippings and writes bench/results/.
// `--rows update,pipeline,attack,load` (or `all`) measures Clippings' other rows: updates, indexing a folder
// full and incrementally, the worst queries, and load held (see bench/README.md).
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
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
import { runAttackHttp, runHttpBench, runLoadHeld } from './http.ts'
import { spread } from './stats.ts'
import type { AttackEngineResult, AttackResult, BenchResult, LoadResult, PipelineResult, SystemResult, UpdateResult } from './results.ts'
import { attackMarkdown, loadMarkdown, pipelineMarkdown, replaceLatestRow, resultMarkdown, resultTable, replaceLatest, formatMs, updateMarkdown } from './report.ts'
import type { QueriesOptions, QueriesOutcome, RowQueries } from './queries-child.ts'
import type { UpdateOptions } from './update-child.ts'
import type { PipelineOptions } from './pipeline-child.ts'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'

const SEED = 20250101

/** What a run can measure: the comparison of systems, and Clippings' own rows. */
const ROWS = ['compare', 'update', 'pipeline', 'attack', 'load'] as const
type Row = (typeof ROWS)[number]

interface Options {
  rows: Set<Row>
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
  /** The attack and load rows' server answers searches from this many threads (0: in process). */
  searchThreads: number
  /** Build the Clippings index for the rows even when one is saved from an earlier run. */
  rebuild: boolean
  update: { runs: number; bulk: number; streamSeconds: number; streamRate: number }
  pipeline: { articles: number[]; runs: number; cli: boolean }
  attack: { seconds: number; normalClients: number; attackClients: number; hangUpMs: number; rounds: number; unbounded: boolean; http: boolean }
  load: { connections: number; seconds: number; rounds: number }
}

function parseRows(text: string | undefined): Set<Row> {
  if (!text) return new Set(['compare'])
  if (text === 'all') return new Set(ROWS)
  const rows = text.split(',').map((row) => row.trim())
  for (const row of rows) if (!(ROWS as readonly string[]).includes(row)) throw new Error(`bench: unknown row "${row}"; known: ${ROWS.join(', ')}, all`)
  return new Set(rows as Row[])
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
  const number = (name: string, fallback: number) => {
    const value = Number(args.get(name) ?? fallback)
    if (!(value >= 0)) throw new Error(`bench: --${name} takes a number, got "${args.get(name)}"`)
    return value
  }
  return {
    rows: parseRows(args.get('rows')),
    rebuild: args.get('rebuild') === 'true',
    update: { runs: number('update-runs', 5), bulk: number('update-bulk', 1000), streamSeconds: number('stream-seconds', 20), streamRate: number('stream-rate', 50) },
    pipeline: { articles: (args.get('pipeline-articles') ?? '2000').split(',').map(Number), runs: number('pipeline-runs', 3), cli: args.get('no-cli') !== 'true' },
    attack: {
      seconds: number('attack-seconds', 20),
      normalClients: number('normal-clients', 20),
      attackClients: number('attack-clients', 5),
      hangUpMs: number('hang-up-ms', 1000),
      rounds: number('attack-rounds', 3),
      unbounded: args.get('attack-unbounded') === 'true',
      http: args.get('no-http') !== 'true',
    },
    load: { connections: number('load-connections', 200), seconds: number('load-seconds', 60), rounds: number('load-rounds', 2) },
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
    searchThreads: number('search-threads', 0),
  }
}

/** The figures taken in fresh processes from the saved index: cold loads and, for Clippings on either engine, HTTP. */
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
  if ((system.key === 'clippings' || system.key === 'opensearch') && options.http) {
    // OpenSearch's backend keeps no result cache: its one run is the uncached one.
    for (const cache of system.key === 'opensearch' ? [false] : [true, false]) {
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

/** The Clippings index a previous run saved for this scale, when one is there and whole. */
async function savedClippingsIndex(workDir: string): Promise<string | undefined> {
  const dir = join(workDir, 'clippings')
  if (!existsSync(dir)) return undefined
  const runs = (await readdir(dir)).filter((name) => /^run-\d+$/.test(name)).sort((a, b) => Number(b.slice(4)) - Number(a.slice(4)))
  for (const run of runs) if (await createEmbeddedBackend(join(dir, run)).exists()) return join(dir, run)
  return undefined
}

/** Runs the comparison of systems; the saved Clippings index, the mix and the corpus's counts come with it. */
async function compareSystems(options: Options, workDir: string) {
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
  const clippingsDir = built.find(({ system }) => system.key === 'clippings')?.outcome?.savedDir
  return { systems: built.map(({ result }) => result), queries, corpus, clippingsDir }
}

/** The rows' Clippings index: the one the comparison saved, one saved earlier, or a new build. */
async function clippingsIndexForRows(options: Options, workDir: string, fromCompare: string | undefined): Promise<string> {
  if (fromCompare) return fromCompare
  const saved = options.rebuild ? undefined : await savedClippingsIndex(workDir)
  if (saved) {
    log(`rows: using the Clippings index saved at ${saved} (--rebuild to build it anew)`)
    return saved
  }
  const buildOptions: BuildOptions = { passages: options.passages, queries: options.queries, seed: SEED, runs: 1, rounds: 1, workDir }
  const outcome = await runHelperForJson<BuildOutcome>('build-child.ts', ['clippings', JSON.stringify(buildOptions)], options.maxOldSpaceMb)
  if (!outcome.savedDir) throw new Error(`bench: the Clippings index could not be built: ${outcome.result.errors.join('; ')}`)
  return outcome.savedDir
}

async function measureUpdates(options: Options, indexDir: string, queriesFile: string, workDir: string): Promise<UpdateResult> {
  const result: UpdateResult = { passages: 0, errors: [] }
  const base: Omit<UpdateOptions, 'scratchDir'> = {
    indexDir,
    queriesFile,
    runs: options.update.runs,
    bulk: options.update.bulk,
    streamSeconds: options.update.streamSeconds,
    searchesPerSecond: options.update.streamRate,
    searchThreads: options.searchThreads,
  }
  for (const mode of ['writer', 'live'] as const) {
    try {
      const part = await runHelperForJson<Partial<UpdateResult>>('update-child.ts', [mode, JSON.stringify({ ...base, scratchDir: join(workDir, `update-${mode}`) })], options.maxOldSpaceMb)
      Object.assign(result, part)
    } catch (error) {
      result.errors.push(`${mode}: ${(error as Error).message}`)
      log(`update, ${mode} failed: ${(error as Error).message}`)
    }
  }
  if (!result.passages) result.passages = (await createEmbeddedBackend(indexDir).commitInForce()).counts.passages
  return result
}

async function measurePipeline(options: Options): Promise<PipelineResult[]> {
  const results: PipelineResult[] = []
  for (const articles of options.pipeline.articles) {
    const pipelineOptions: PipelineOptions = { articles, workDir: join(BENCH_DATA_DIR, 'work', `pipeline-${articles}`), runs: options.pipeline.runs, cli: options.pipeline.cli }
    try {
      results.push(await runHelperForJson<PipelineResult>('pipeline-child.ts', [JSON.stringify(pipelineOptions)], options.maxOldSpaceMb))
    } catch (error) {
      log(`pipeline, ${articles} articles, failed: ${(error as Error).message}`)
      results.push({ articles, passages: 0, fullMs: NaN, ops: [], worstShareOfFull: NaN, errors: [(error as Error).message] })
    }
  }
  return results
}

async function measureAttacks(options: Options, indexDir: string, queries: RowQueries, queriesFile: string): Promise<AttackResult> {
  const result: AttackResult = { errors: [] }
  try {
    const args = [indexDir, queriesFile, String(options.attack.rounds), ...(options.attack.unbounded ? ['unbounded'] : [])]
    result.engine = await runHelperForJson<AttackEngineResult>('attack-child.ts', args, options.maxOldSpaceMb)
  } catch (error) {
    result.errors.push(`engine: ${(error as Error).message}`)
    log(`attack, engine failed: ${(error as Error).message}`)
  }
  if (options.attack.http) {
    try {
      result.http = await runAttackHttp({
        indexDir,
        normalPaths: queries.mix.map(clippingsSearchPath),
        attacks: queries.attacks,
        normalClients: options.attack.normalClients,
        attackClients: options.attack.attackClients,
        seconds: options.attack.seconds,
        hangUpMs: options.attack.hangUpMs,
        maxOldSpaceMb: options.maxOldSpaceMb,
        searchThreads: options.searchThreads,
      })
    } catch (error) {
      result.errors.push(`HTTP: ${(error as Error).message}`)
      log(`attack, HTTP failed: ${(error as Error).stack}`)
    }
  }
  return result
}

async function measureLoad(options: Options, indexDir: string, queries: RowQueries): Promise<LoadResult> {
  try {
    return await runLoadHeld({
      indexDir,
      paths: queries.distinct.map(clippingsSearchPath),
      warmupPaths: queries.mix.map(clippingsSearchPath),
      connections: options.load.connections,
      seconds: options.load.seconds,
      rounds: options.load.rounds,
      maxOldSpaceMb: options.maxOldSpaceMb,
      searchThreads: options.searchThreads,
    })
  } catch (error) {
    log(`load failed: ${(error as Error).stack}`)
    return { connections: options.load.connections, distinctQueries: queries.distinct.length, rssBeforeMiB: NaN, rounds: [], rssSeries: [], loadAverage: { start: NaN, end: NaN }, errors: [(error as Error).message] }
  }
}

/** Distinct queries enough for the load row at a generous rate, within what is quick to make. */
function distinctNeeded(options: Options): number {
  return options.rows.has('load') ? Math.min(200_000, Math.max(20_000, options.load.seconds * options.load.rounds * 1000)) : 0
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!corporaAvailable()) {
    console.log(`bench: the corpora are not in ${CORPORA_DIR}; nothing to measure (set CLIPPINGS_CORPORA to their folder).`)
    return
  }
  const loadAverageAtStart = loadavg()[0]
  const workDir = join(BENCH_DATA_DIR, 'work', options.scale)
  const compared = options.rows.has('compare') ? await compareSystems(options, workDir) : undefined
  let corpus = compared?.corpus
  let queries = compared?.queries ?? []
  let update: UpdateResult | undefined
  let pipeline: PipelineResult[] | undefined
  let attack: AttackResult | undefined
  let load: LoadResult | undefined
  if (['update', 'attack', 'load'].some((row) => options.rows.has(row as Row))) {
    const indexDir = await clippingsIndexForRows(options, workDir, compared?.clippingsDir)
    const queriesOptions: QueriesOptions = { passages: options.passages, queries: options.queries, seed: SEED, distinct: distinctNeeded(options), file: join(workDir, 'row-queries.json') }
    const made = await runHelperForJson<QueriesOutcome>('queries-child.ts', [JSON.stringify(queriesOptions)], options.maxOldSpaceMb)
    corpus ??= made.corpus
    const rowQueries = JSON.parse(await readFile(made.file, 'utf8')) as RowQueries
    queries = queries.length ? queries : rowQueries.mix
    if (options.rows.has('update')) update = await measureUpdates(options, indexDir, made.file, workDir)
    if (options.rows.has('attack')) attack = await measureAttacks(options, indexDir, rowQueries, made.file)
    if (options.rows.has('load')) load = await measureLoad(options, indexDir, rowQueries)
  }
  if (options.rows.has('pipeline')) pipeline = await measurePipeline(options)
  const systems = compared?.systems ?? []

  const cpu = cpus()
  const result: BenchResult = {
    date: new Date().toISOString(),
    scale: options.scale,
    passages: corpus?.passages ?? 0,
    articles: corpus?.articles ?? 0,
    corpus:
      'Reuters-21578 bodies split into paragraphs (real dates, topics and people tags), AG News test items as one passage each (synthetic dates 2004–2005, category as topic), SciFact abstracts in 3-sentence passages (synthetic dates 1995–2017, topic "science")' +
      (corpus && options.passages && options.passages > corpus.basePassages ? `, repeated: copy k has ids suffixed ~k, source "<source>-k" and dates k years later` : ''),
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
    rows: [...options.rows],
    update,
    // The first folder size is the row; further sizes are kept in the JSON as `pipelineSizes`.
    pipeline: pipeline?.[0],
    attack,
    load,
  }
  const extra = pipeline && pipeline.length > 1 ? { pipelineSizes: pipeline } : {}
  if (systems.length > 0) {
    console.log(`\n${result.passages.toLocaleString('en-US')} passages, medians, ratios to Clippings in brackets:\n`)
    console.log(resultTable(result))
  }
  if (update) console.log(`\nUpdates:\n\n${updateMarkdown(update)}`)
  for (const size of pipeline ?? []) console.log(`\nIndexing a folder:\n\n${pipelineMarkdown(size)}`)
  if (attack) console.log(`\nThe worst queries:\n\n${attackMarkdown(attack)}`)
  if (load) console.log(`\nLoad held:\n\n${loadMarkdown(load)}`)
  if (!options.write) return
  const resultsDir = join(BENCH_DIR, 'results')
  await mkdir(resultsDir, { recursive: true })
  const threads = options.searchThreads > 0 ? `-threads${options.searchThreads}` : ''
  const name = `${result.date.slice(0, 10)}-${options.scale}${options.rows.has('compare') ? '' : `-${[...options.rows].join('-')}`}${threads}`
  await writeFile(join(resultsDir, `${name}.json`), JSON.stringify({ ...result, ...extra }, null, 2) + '\n')
  let markdown = resultMarkdown(result)
  for (const size of pipeline?.slice(1) ?? []) markdown += `\n### ${size.articles.toLocaleString('en-US')} stories\n\n${pipelineMarkdown(size)}\n`
  await writeFile(join(resultsDir, `${name}.md`), markdown)
  const readmePath = join(BENCH_DIR, 'README.md')
  let readme = existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '# Benchmark\n'
  if (systems.length > 0) readme = replaceLatest(readme, result, `${name}.md`)
  if (update) readme = replaceLatestRow(readme, `update${threads}`, result, `${name}.md`, updateMarkdown(update))
  if (pipeline) readme = replaceLatestRow(readme, 'pipeline', result, `${name}.md`, pipeline.map(pipelineMarkdown).join('\n\n'))
  if (attack) readme = replaceLatestRow(readme, `attack${threads}`, result, `${name}.md`, attackMarkdown(attack))
  if (load) readme = replaceLatestRow(readme, `load${threads}`, result, `${name}.md`, loadMarkdown(load))
  await writeFile(readmePath, readme)
  console.log(`\nWritten: bench/results/${name}.json, bench/results/${name}.md, bench/README.md`)
}

await main()
