// The update row, in a process of its own: `update-child.ts writer|live <options-json>` copies the saved
// Clippings index to a scratch folder and changes it there, timing each kind of change.
//
// - `writer`: through the backend's writer, without loading the index (what `clippings index` does for an
//   update): ask for a writer, stage, flush (a delta written, fsync'd and committed), close. Then what a
//   flush pays once the deltas are due to be merged: a full load and a new base.
// - `live`: through a live engine (what the server does in watch mode and for the ingestion API): open the
//   index, then the same changes through its writer, with the longest event-loop stall of each; then the
//   query mix at a steady rate, first alone, then while an article arrives every ~100 ms.
//
// Prints one JSON line: the part of an UpdateResult its mode measures.
import { cp, readFile, rm } from 'node:fs/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import type { IndexedArticle, IndexWriter, SearchEngine } from '../src/engine/engine.ts'
import { takingTurns } from '../src/server/search-turns.ts'
import { searchInThreads } from '../src/engine/embedded/threads.ts'
import { loadBaseCorpus, type BenchCorpus } from './corpus.ts'
import { clippingsRequest } from './systems/clippings.ts'
import type { RowQueries } from './queries-child.ts'
import { latencyFigures as latencies, spread, summarizeLatencies } from './stats.ts'
import type { StreamPhase, UpdateOp, UpdateResult, UpdateStreaming } from './results.ts'
import { formatMs } from './report.ts'
import { log } from './child.ts'

export interface UpdateOptions {
  /** The saved index; never changed (the changes are made to a copy). */
  indexDir: string
  /** Where the copy is made; removed afterwards. */
  scratchDir: string
  /** The queries file (for the mix run while updates stream in). */
  queriesFile: string
  /** Runs of each one-article change. Default 5. */
  runs?: number
  /** Articles in the bulk change. Default 1,000. */
  bulk?: number
  /** Seconds of each streaming phase (0: none). Default 20. */
  streamSeconds?: number
  /** Searches a second in the streaming phases. Default 50. */
  searchesPerSecond?: number
  /** An article every this many milliseconds while streaming. Default 100. */
  updateEveryMs?: number
  /** Searches in this many threads (`clippings serve --search-threads`); 0 or undefined: in process. */
  searchThreads?: number
}

/**
 * Articles made from the bench corpus under new ids (`<id>~u<n>`, never one the scaled corpora use), and
 * changed or removed versions of articles every scale holds (the corpus's first ones).
 */
export class ArticleSupply {
  private nextNew = 0
  private nextChanged = 0
  private nextRemoved = 0
  private readonly passagesOf: Map<string, BenchCorpus['passages']>

  constructor(private readonly corpus: BenchCorpus) {
    this.passagesOf = new Map()
    for (const passage of corpus.passages) {
      const list = this.passagesOf.get(passage.articleId)
      if (list) list.push(passage)
      else this.passagesOf.set(passage.articleId, [passage])
    }
  }

  /** The article at `index` of the corpus as `id`, its passages numbered under `passagePrefix`, texts edited. */
  private copy(index: number, id: string | undefined, passagePrefix: string, edit = (text: string) => text): IndexedArticle {
    const article = this.corpus.articles[index % this.corpus.articles.length]
    const articleId = id ?? article.id
    const passages = (this.passagesOf.get(article.id) ?? []).map((passage) => ({
      ...passage,
      id: `${passagePrefix}-${passage.position}`,
      articleId,
      text: edit(passage.text),
    }))
    return { article: { ...article, id: articleId, passageIds: passages.map((p) => p.id) }, passages }
  }

  /** A new article, spread across the corpus (Reuters, AG News and SciFact in turn). */
  fresh(): IndexedArticle {
    const n = this.nextNew++
    // A stride that is prime to the article count visits them all, in a mixed order.
    const index = (n * 7919) % this.corpus.articles.length
    const id = `${this.corpus.articles[index].id}~u${n}`
    return this.copy(index, id, id)
  }

  /** How many of the corpus's first articles are changed (and as many after them removed): 500 at most. */
  private get share(): number {
    return Math.max(1, Math.min(500, Math.floor(this.corpus.articles.length / 2)))
  }

  /** A new version of an indexed article (among the first 500, which every scale holds): its text edited. */
  changed(): IndexedArticle {
    const n = this.nextChanged++
    const index = n % this.share
    return this.copy(index, undefined, `${this.corpus.articles[index].id}-v${n}`, (text) => `${text} Updated ${n}.`)
  }

  /** The id of an indexed article to remove (after those changed). */
  removedId(): string {
    return this.corpus.articles[(this.share + (this.nextRemoved++ % this.share)) % this.corpus.articles.length].id
  }
}

function passagesIn(articles: readonly IndexedArticle[]): number {
  return articles.reduce((sum, entry) => sum + entry.passages.length, 0)
}

/** One kind of change: what to stage on a writer. */
interface Change {
  name: string
  runs: number
  make(): { add: IndexedArticle[]; remove: string[] }
}

function changes(supply: ArticleSupply, runs: number, bulk: number): Change[] {
  return [
    { name: 'add 1 article', runs, make: () => ({ add: [supply.fresh()], remove: [] }) },
    { name: `add ${bulk.toLocaleString('en-US')} articles`, runs: 1, make: () => ({ add: Array.from({ length: bulk }, () => supply.fresh()), remove: [] }) },
    { name: 'change 1 article', runs, make: () => ({ add: [supply.changed()], remove: [] }) },
    { name: 'remove 1 article', runs, make: () => ({ add: [], remove: [supply.removedId()] }) },
  ]
}

/** Counts the merges a backend reports in its log. */
function mergeCounter(): { log: (line: string) => void; count: () => number } {
  let merges = 0
  return {
    log: (line) => {
      if (/merged \d+ deltas/.test(line)) merges++
      else if (/fail/i.test(line)) process.stderr.write(`${line}\n`)
    },
    count: () => merges,
  }
}

export async function measureWriterPath(options: UpdateOptions, supply: ArticleSupply): Promise<Pick<UpdateResult, 'writer' | 'passages'>> {
  const merges = mergeCounter()
  const backend = createEmbeddedBackend(options.scratchDir, { log: merges.log })
  const passages = (await backend.commitInForce()).counts.passages
  const ops: UpdateOp[] = []
  for (const change of changes(supply, options.runs ?? 5, options.bulk ?? 1000)) {
    const totals: number[] = []
    const flushes: number[] = []
    const mergesBefore = merges.count()
    let staged = { add: [] as IndexedArticle[], remove: [] as string[] }
    for (let run = 0; run < change.runs; run++) {
      staged = change.make()
      const started = performance.now()
      const writer = await backend.openWriter()
      writer.remove(staged.remove)
      writer.add(staged.add)
      const flushStarted = performance.now()
      await writer.flush()
      flushes.push(performance.now() - flushStarted)
      await writer.close()
      totals.push(performance.now() - started)
    }
    ops.push({ name: change.name, runs: change.runs, articles: staged.add.length + staged.remove.length, passages: passagesIn(staged.add), totalMs: spread(totals), flushMs: spread(flushes), merges: merges.count() - mergesBefore })
    log(`update, writer: ${change.name} ${formatMs(spread(totals).median)} (flush ${formatMs(spread(flushes).median)})`)
  }
  const deltas = (await backend.commitInForce()).deltas.length
  const loadStarted = performance.now()
  const engine = await backend.loadEngine()
  const loadMs = performance.now() - loadStarted
  const mergeStarted = performance.now()
  await backend.merge(engine)
  const mergeMs = performance.now() - mergeStarted
  log(`update, writer: merging ${deltas} deltas: load ${formatMs(loadMs)}, new base ${formatMs(mergeMs)}`)
  return { passages, writer: { ops, merge: { deltas, loadMs, mergeMs } } }
}

/** Runs `task` with the event loop's delay recorded; the longest delay in milliseconds. */
async function withLoopDelay<T>(task: () => Promise<T>): Promise<[T, number]> {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  try {
    const value = await task()
    histogram.disable()
    return [value, histogram.max / 1e6]
  } finally {
    histogram.disable()
  }
}

/**
 * `search(i)` issued every 1/rate seconds for `seconds`, each timed from when it was due, not from when it
 * could start, so time spent behind an update (or another search) counts.
 */
async function steadySearches(seconds: number, rate: number, search: (i: number) => Promise<unknown>): Promise<number[]> {
  const interval = 1000 / rate
  const start = performance.now()
  const times: number[] = []
  const pending: Promise<unknown>[] = []
  for (let i = 0; ; i++) {
    const due = start + i * interval
    if (due > start + seconds * 1000) break
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    pending.push(search(i).then(() => times.push(performance.now() - due)))
  }
  await Promise.all(pending)
  return times
}

export async function measureLivePath(options: UpdateOptions, supply: ArticleSupply): Promise<Pick<UpdateResult, 'live'>> {
  const merges = mergeCounter()
  const backend = createEmbeddedBackend(options.scratchDir, { cacheBytes: 0, log: merges.log })
  const openStarted = performance.now()
  const live = await backend.open()
  const openMs = performance.now() - openStarted
  log(`update, live: opened in ${formatMs(openMs)}`)
  const { mix } = JSON.parse(await readFile(options.queriesFile, 'utf8')) as RowQueries
  const threaded = options.searchThreads ? await searchInThreads(live, options.scratchDir, { threads: options.searchThreads, cacheBytes: 0 }) : undefined
  const engine = takingTurns(threaded ?? live)
  for (const query of mix) await engine.search(clippingsRequest(query))
  const writer: IndexWriter = await live.openWriter()
  const ops: UpdateOp[] = []
  try {
    for (const change of changes(supply, options.runs ?? 5, options.bulk ?? 1000)) {
      const totals: number[] = []
      const flushes: number[] = []
      const stalls: number[] = []
      const mergesBefore = merges.count()
      let staged = { add: [] as IndexedArticle[], remove: [] as string[] }
      for (let run = 0; run < change.runs; run++) {
        staged = change.make()
        const [, stall] = await withLoopDelay(async () => {
          const started = performance.now()
          writer.remove(staged.remove)
          writer.add(staged.add)
          await writer.flush()
          flushes.push(performance.now() - started)
          totals.push(performance.now() - started)
        })
        // A merge a flush sets off runs in the background, in this process: its stalls and the next flush's
        // wait for it are counted where they fall, as a server would see them.
        stalls.push(stall)
      }
      ops.push({ name: change.name, runs: change.runs, articles: staged.add.length + staged.remove.length, passages: passagesIn(staged.add), totalMs: spread(totals), flushMs: spread(flushes), stallMs: spread(stalls), merges: merges.count() - mergesBefore })
      log(`update, live: ${change.name} ${formatMs(spread(totals).median)}, longest stall ${formatMs(spread(stalls).max)}`)
    }
    const streaming = (options.streamSeconds ?? 20) > 0 ? await measureStreaming(options, engine, writer, supply, merges.count, mix) : undefined
    return { live: { openMs, ops, streaming } }
  } finally {
    await writer.close()
    await threaded?.close()
    await live.close()
  }
}

async function measureStreaming(
  options: UpdateOptions,
  engine: SearchEngine,
  writer: IndexWriter,
  supply: ArticleSupply,
  mergeCount: () => number,
  mix: RowQueries['mix'],
): Promise<UpdateStreaming> {
  const seconds = options.streamSeconds ?? 20
  const rate = options.searchesPerSecond ?? 50
  const everyMs = options.updateEveryMs ?? 100
  const search = (i: number) => engine.search(clippingsRequest(mix[i % mix.length]))

  const [without, withoutDelay] = await withLoopDelay(() => steadySearches(seconds, rate, search))
  log(`update, live: the mix alone at ${rate}/s: p50 ${formatMs(summarizeLatencies(without).p50)}, p99 ${formatMs(summarizeLatencies(without).p99)}`)

  let streaming = true
  const flushes: number[] = []
  const mergesBefore = mergeCount()
  const updating = (async () => {
    while (streaming) {
      const started = performance.now()
      writer.add([supply.fresh()])
      await writer.flush()
      flushes.push(performance.now() - started)
      const rest = everyMs - (performance.now() - started)
      if (rest > 0) await sleep(rest)
    }
  })()
  const [withUpdates, withDelay] = await withLoopDelay(async () => {
    try {
      return await steadySearches(seconds, rate, search)
    } finally {
      streaming = false
      await updating
    }
  })
  const phase = (times: number[], delay: number): StreamPhase => ({ ...latencies(times), loopDelayMaxMs: delay })
  const result: UpdateStreaming = {
    seconds,
    searchesPerSecond: rate,
    updateEveryMs: everyMs,
    without: phase(without, withoutDelay),
    with: { ...phase(withUpdates, withDelay), updates: flushes.length, flushMs: latencies(flushes), merges: mergeCount() - mergesBefore },
  }
  log(`update, live: the mix with ${flushes.length} updates: p50 ${formatMs(result.with.p50)}, p99 ${formatMs(result.with.p99)}, max ${formatMs(result.with.max)}`)
  return result
}

const [mode, optionsJson] = process.argv.slice(2)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if ((mode !== 'writer' && mode !== 'live') || !optionsJson) throw new Error('usage: update-child.ts writer|live <options-json>')
  const options = JSON.parse(optionsJson) as UpdateOptions
  const supply = new ArticleSupply(await loadBaseCorpus())
  await rm(options.scratchDir, { recursive: true, force: true })
  await cp(options.indexDir, options.scratchDir, { recursive: true })
  try {
    const result = mode === 'writer' ? await measureWriterPath(options, supply) : await measureLivePath(options, supply)
    process.stdout.write(JSON.stringify(result) + '\n')
  } finally {
    await rm(options.scratchDir, { recursive: true, force: true })
  }
}
