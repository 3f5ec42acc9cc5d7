// Turns results into the table printed at the end of a run, the results' Markdown file, and the latest
// table in bench/README.md (between its markers).
import type { AttackResult, BenchResult, LoadResult, PipelineResult, SystemResult, UpdateOp, UpdateResult } from './results.ts'
import type { Spread } from './stats.ts'

/** Each scale keeps its own latest table in the README, between markers like these. */
export function readmeMarkers(scale: string): [start: string, end: string] {
  return [`<!-- bench:latest:${scale}:start -->`, `<!-- bench:latest:${scale}:end -->`]
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–'
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`
  return `${(bytes / 1024 ** 2).toFixed(bytes >= 100 * 1024 ** 2 ? 0 : 1)} MiB`
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–'
  return perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(0)}k/s` : `${perSecond.toFixed(0)}/s`
}

/** `value (ratio×)` against Clippings' value, ratio > 1 meaning this system's number is larger. */
function withRatio(text: string, value: number | undefined, reference: number | undefined, isReference: boolean): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  if (isReference || reference === undefined || !Number.isFinite(reference) || reference === 0) return text
  const ratio = value / reference
  return `${text} (${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(1)}×)`
}

interface Column {
  title: string
  value: (s: SystemResult) => number | undefined
  format: (v: number) => string
}

const COLUMNS: Column[] = [
  { title: 'build', value: (s) => s.build?.passagesPerSecond.median, format: formatRate },
  { title: 'on disk', value: (s) => s.save?.bytes, format: formatBytes },
  { title: 'cold load', value: (s) => s.coldLoad?.loadMs.median, format: formatMs },
  { title: 'heap after load', value: (s) => s.coldLoad?.heapUsed.median, format: formatBytes },
  { title: 'p50', value: (s) => s.query?.p50.median, format: formatMs },
  { title: 'p95', value: (s) => s.query?.p95.median, format: formatMs },
  { title: 'p99', value: (s) => s.query?.p99.median, format: formatMs },
  { title: 'HTTP req/s', value: (s) => s.http?.requestsPerSecond, format: (v) => v.toFixed(0) },
  { title: 'HTTP p99', value: (s) => s.http?.latencyMs.p99, format: formatMs },
  { title: 'HTTP req/s, no cache', value: (s) => s.httpUncached?.requestsPerSecond, format: (v) => v.toFixed(0) },
  { title: 'HTTP p99, no cache', value: (s) => s.httpUncached?.latencyMs.p99, format: formatMs },
]

/** The comparison table (medians; ratios to Clippings in brackets). */
export function resultTable(result: BenchResult): string {
  const reference = result.systems.find((s) => s.key === 'clippings')
  const header = `| system | ${COLUMNS.map((c) => c.title).join(' | ')} |`
  const rule = `|---|${COLUMNS.map(() => '---:').join('|')}|`
  const rows = result.systems.map((system) => {
    const cells = COLUMNS.map((column) => {
      const value = column.value(system)
      return value === undefined ? '–' : withRatio(column.format(value), value, reference && column.value(reference), system === reference)
    })
    return `| ${system.name} | ${cells.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}

function spreadLine(label: string, s: { min: number; median: number; max: number } | undefined, format: (v: number) => string): string {
  return s ? `${label} ${format(s.min)} / ${format(s.median)} / ${format(s.max)}` : `${label} –`
}

/** Everything about one run, as Markdown: machine, corpus, the table, min/median/max details, notes, errors. */
export function resultMarkdown(result: BenchResult): string {
  const m = result.machine
  const lines = [
    `# Benchmark ${result.date}, ${result.scale}`,
    '',
    ...(result.passages > 0 ? [`${result.passages.toLocaleString('en-US')} passages (${result.articles.toLocaleString('en-US')} articles): ${result.corpus}`, ''] : []),
    `Machine: ${m.cpu}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}, ${m.os}, Node ${m.node}; load average ${m.loadAverageAtStart.toFixed(2)} at the start.`,
    `Code: commit ${result.code?.commit ?? 'unknown'}${result.code?.srcDirty ? ' with uncommitted changes in src/' : ''}.`,
    '',
  ]
  if (result.systems.length > 0) {
    lines.push(
      `Settings: ${result.settings.runs} build/load runs, ${result.settings.queries} queries × ${result.settings.rounds} rounds (after one warm-up round), seed ${result.settings.seed}; HTTP ${result.settings.connections} clients for ${result.settings.httpSeconds} s.`,
      '',
      'Medians; ratios to Clippings in brackets.',
      '',
      resultTable(result),
      '',
      '## Spread (min / median / max)',
      '',
    )
  }
  for (const s of result.systems) {
    lines.push(`**${s.name}**: ${[
      spreadLine('build s', s.build?.seconds, (v) => v.toFixed(2)),
      spreadLine('cold load', s.coldLoad?.loadMs, formatMs),
      spreadLine('ready from process start', s.coldLoad?.readyMs, formatMs),
      spreadLine('first search', s.coldLoad?.firstSearchMs, formatMs),
      spreadLine('heap', s.coldLoad?.heapUsed, formatBytes),
      spreadLine('rss', s.coldLoad?.rss, formatBytes),
      spreadLine('p50', s.query?.p50, formatMs),
      spreadLine('p95', s.query?.p95, formatMs),
      spreadLine('p99', s.query?.p99, formatMs),
    ].join('; ')}.`)
    if (s.build) lines.push(`Heap after build: ${formatBytes(s.build.heapAfterBuild)}; save: ${s.save ? `${s.save.seconds.toFixed(1)} s` : '–'}.`)
    if (s.query) {
      lines.push(`Empty results: ${s.query.empty} of ${result.settings.queries}. By shape (p50 / p95): ${Object.entries(s.query.byShape).map(([shape, v]) => `${shape} ${formatMs(v.p50)} / ${formatMs(v.p95)} (${v.count})`).join(', ')}.`)
    }
    for (const [label, http] of [['HTTP', s.http], ['HTTP without the result cache', s.httpUncached]] as const) {
      if (http) lines.push(`${label}: ${http.requests} requests, ${http.errors} errors, ${http.timeouts} timeouts, ${http.non2xx} non-2xx; latency p50 ${formatMs(http.latencyMs.p50)}, p90 ${formatMs(http.latencyMs.p90)}, p99 ${formatMs(http.latencyMs.p99)}, max ${formatMs(http.latencyMs.max)}.`)
    }
    if (s.errors.length) lines.push(`Errors: ${s.errors.join('; ')}`)
    lines.push('')
  }
  const clippings = result.systems.find((s) => s.key === 'clippings')
  if (clippings?.query) {
    lines.push('## Slowest Clippings queries (median ms)', '')
    for (const q of clippings.query.slowest) lines.push(`- ${formatMs(q.ms)}: \`${q.query}\` (${q.total ?? '?'} matches)`)
    lines.push('')
  }
  if (result.systems.length > 0) {
    lines.push('## What each system does here', '')
    for (const s of result.systems) lines.push(`- **${s.name}**: ${s.notes}.`)
    lines.push('')
  }
  if (result.update) lines.push('## Updates', '', updateMarkdown(result.update, true), '')
  if (result.pipeline) lines.push('## Indexing a folder: full and incremental', '', pipelineMarkdown(result.pipeline), '')
  if (result.attack) lines.push('## The worst queries', '', attackMarkdown(result.attack, true), '')
  if (result.load) lines.push('## Load held', '', loadMarkdown(result.load, true), '')
  return lines.join('\n').trimEnd() + '\n'
}

// ---------------------------------------------------------------------------------------------
// The rows beyond the comparison

/** `median (min–max)` of a spread of milliseconds; the median alone when they agree or there was one run. */
function formatSpread(s: Spread | undefined): string {
  if (!s || !Number.isFinite(s.median)) return '–'
  return s.min === s.max ? formatMs(s.median) : `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`
}

const count = (n: number) => n.toLocaleString('en-US')

/** The update row: each change through both paths, the merge, and searches while articles stream in. */
export function updateMarkdown(update: UpdateResult, detailed = false): string {
  const lines: string[] = []
  const names = [...new Set([...(update.writer?.ops ?? []), ...(update.live?.ops ?? [])].map((op) => op.name))]
  const find = (ops: UpdateOp[] | undefined, name: string) => ops?.find((op) => op.name === name)
  lines.push(
    `Into ${count(update.passages)} passages. Median (min–max) over the runs, from asking for the change to its flush resolving (on disk and, live, searchable).`,
    '',
    '| change | passages | writer, no load (`clippings index`) | live engine (server) | longest stall, live |',
    '|---|---:|---:|---:|---:|',
  )
  for (const name of names) {
    const writer = find(update.writer?.ops, name)
    const live = find(update.live?.ops, name)
    const merges = (writer?.merges ?? 0) + (live?.merges ?? 0)
    lines.push(`| ${name}${merges ? ` (${merges} merge${merges > 1 ? 's' : ''} set off)` : ''} | ${count((writer ?? live)!.passages)} | ${formatSpread(writer?.totalMs)} | ${formatSpread(live?.totalMs)} | ${live?.stallMs ? formatMs(live.stallMs.max) : '–'} |`)
  }
  const merge = update.writer?.merge
  if (merge) lines.push('', `A writer's flush once the deltas are due to be merged (past a quarter of the base, or 24 deltas; here ${merge.deltas}): a full load ${formatMs(merge.loadMs)}, then a new base ${formatMs(merge.mergeMs)}. A live engine merges in the background instead.`)
  if (update.live) lines.push('', `Opening the live engine (loading the index): ${formatMs(update.live.openMs)}.`)
  const stream = update.live?.streaming
  if (stream) {
    lines.push(
      '',
      `The query mix at ${stream.searchesPerSecond} searches a second for ${stream.seconds} s through the server's search turns, each timed from when it was due, first alone, then while an article arrives every ~${stream.updateEveryMs} ms (${count(stream.with.updates)} updates, flush p50 ${formatMs(stream.with.flushMs.p50)}, p99 ${formatMs(stream.with.flushMs.p99)}, max ${formatMs(stream.with.flushMs.max)}; ${stream.with.merges} background merge${stream.with.merges === 1 ? '' : 's'}):`,
      '',
      '| searches | count | p50 | p99 | max | longest event-loop delay |',
      '|---|---:|---:|---:|---:|---:|',
      `| alone | ${count(stream.without.count)} | ${formatMs(stream.without.p50)} | ${formatMs(stream.without.p99)} | ${formatMs(stream.without.max)} | ${formatMs(stream.without.loopDelayMaxMs)} |`,
      `| with updates | ${count(stream.with.count)} | ${formatMs(stream.with.p50)} | ${formatMs(stream.with.p99)} | ${formatMs(stream.with.max)} | ${formatMs(stream.with.loopDelayMaxMs)} |`,
    )
  }
  if (detailed) {
    lines.push('')
    for (const [path, ops] of [['writer', update.writer?.ops], ['live', update.live?.ops]] as const) {
      for (const op of ops ?? []) lines.push(`- ${path}, ${op.name}: ${op.runs} runs, total ${formatSpread(op.totalMs)}, flush ${formatSpread(op.flushMs)}${op.stallMs ? `, stalls ${formatSpread(op.stallMs)}` : ''}, merges ${op.merges}`)
    }
  }
  if (update.errors.length) lines.push('', `Errors: ${update.errors.join('; ')}`)
  return lines.join('\n')
}

/** The pipeline row: a full build of the folder against each incremental change. */
export function pipelineMarkdown(pipeline: PipelineResult): string {
  const lines = [
    `${count(pipeline.articles)} Reuters stories (${count(pipeline.passages)} passages), one \`.md\` file each; \`syncIndex\` as \`clippings index\` calls it, timed in process. Full build: ${formatMs(pipeline.fullMs)}.`,
    '',
    '| change | time, median (min–max) | share of the full build | articles added / changed / removed, each run |',
    '|---|---:|---:|---|',
    ...pipeline.ops.map((op) => `| ${op.name} | ${formatSpread(op.ms)} | ${(op.ms.median / pipeline.fullMs).toFixed(3)} | ${op.articles?.map((a) => `${a.added}/${a.changed}/${a.removed}`).join(', ') ?? '–'} |`),
    '',
    `Slowest change over the full build: ${pipeline.worstShareOfFull.toFixed(3)} (the bar: at most 0.1).`,
  ]
  if (pipeline.cli) lines.push('', `The command itself, wall clock (process start and module loading included): \`--full\` ${formatMs(pipeline.cli.fullMs)}, one story added ${formatMs(pipeline.cli.addOneMs)}, nothing changed ${formatMs(pipeline.cli.unchangedMs)}.`)
  if (pipeline.errors.length) lines.push('', `Errors: ${pipeline.errors.join('; ')}`)
  return lines.join('\n')
}

/** The attack row: each worst query through the engine, and normal clients beside attackers over HTTP. */
export function attackMarkdown(attack: AttackResult, detailed = false): string {
  const lines: string[] = []
  if (attack.engine) {
    const unbounded = attack.engine.queries.some((q) => q.unbounded)
    lines.push(
      `Through the engine, result cache off, budget ${attack.engine.budgetMs} ms, median (min–max) of ${attack.engine.rounds} runs:`,
      '',
      `| query | characters | time | partial | matches |${unbounded ? ' without the budget |' : ''}`,
      `|---|---:|---:|---|---:|${unbounded ? '---:|' : ''}`,
      ...attack.engine.queries.map((q) => `| ${q.name} | ${q.length} | ${formatSpread(q.ms)} | ${q.partial ? 'yes' : 'no'} | ${count(q.total)} |${unbounded ? ` ${q.unbounded ? `${formatMs(q.unbounded.ms)}${q.unbounded.partial ? ' (partial at 60 s)' : ''}` : '–'} |` : ''}`),
    )
    if (detailed) {
      lines.push('', 'The queries (built from the corpus: its commonest word pairs, initials and long words; over HTTP each is made unique with a `-qzx…` word no passage holds):', '')
      for (const q of attack.engine.queries) lines.push(`- ${q.name}: \`${q.query.length > 160 ? `${q.query.slice(0, 160)}…` : q.query}\`${q.notices.length ? ` — ${q.notices.join(' ')}` : ''}`)
    }
  }
  if (attack.http) {
    const { http } = attack
    if (lines.length) lines.push('')
    lines.push(
      `Over HTTP, the server as \`clippings serve${http.searchThreads ? ` --search-threads ${http.searchThreads}` : ''}\` runs it (result cache on): ${http.normalClients} clients sending the mix, beside ${http.attackClients} sending the worst queries in turn, each made unique.`,
      '',
      '| phase | normal req/s | normal p50 | normal p99 | normal max | normal errors | attackers: sent / answered / partial / hung up | load average |',
      '|---|---:|---:|---:|---:|---:|---|---|',
      ...http.phases.map((phase) => {
        const n = phase.normal
        const a = phase.attackers
        return `| ${phase.name} | ${n.requestsPerSecond.toFixed(0)} | ${formatMs(n.latencyMs.p50)} | ${formatMs(n.latencyMs.p99)} | ${formatMs(n.latencyMs.max)} | ${n.errors + n.timeouts + n.non2xx} | ${a ? `${a.sent} / ${a.answered} / ${a.partial} / ${a.hungUp}` : '–'} | ${phase.loadAverage.start.toFixed(1)} → ${phase.loadAverage.end.toFixed(1)} |`
      }),
    )
    if (detailed) {
      for (const phase of http.phases) {
        const a = phase.attackers
        lines.push('', `${phase.name}: normal ${phase.normal.requests} requests, ${phase.normal.errors} errors, ${phase.normal.timeouts} timeouts, ${phase.normal.non2xx} non-2xx${a ? `; attackers' answers p50 ${formatMs(a.latencyMs.p50)}, p99 ${formatMs(a.latencyMs.p99)}, max ${formatMs(a.latencyMs.max)}, statuses ${JSON.stringify(a.statuses)}, ${a.errors} errors` : ''}.`)
      }
    }
  }
  if (attack.errors.length) lines.push('', `Errors: ${attack.errors.join('; ')}`)
  return lines.join('\n')
}

/** The load row: each stretch's throughput and latency, and the server's memory over time. */
export function loadMarkdown(load: LoadResult, detailed = false): string {
  const first = load.rounds[0]
  const lines = [
    `${load.connections} clients, each request a query not asked before (${count(load.distinctQueries)} distinct), against the server as \`clippings serve${load.searchThreads ? ` --search-threads ${load.searchThreads}` : ''}\` runs it; ${load.rounds.length} stretches of ${first?.seconds ?? '?'} s back to back on one server. RSS ${load.rssBeforeMiB.toFixed(0)} MiB once loaded; load average ${load.loadAverage.start.toFixed(1)} → ${load.loadAverage.end.toFixed(1)}.`,
    '',
    '| stretch | req/s | p50 | p99 | max | errors | timeouts | non-2xx | RSS at the end | RSS max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...load.rounds.map((round, i) => `| ${i * round.seconds}–${(i + 1) * round.seconds} s | ${round.http.requestsPerSecond.toFixed(0)} | ${formatMs(round.http.latencyMs.p50)} | ${formatMs(round.http.latencyMs.p99)} | ${formatMs(round.http.latencyMs.max)} | ${round.http.errors} | ${round.http.timeouts} | ${round.http.non2xx} | ${round.rssEndMiB.toFixed(0)} MiB | ${round.rssMaxMiB.toFixed(0)} MiB |`),
  ]
  const requests = load.rounds.reduce((sum, round) => sum + round.http.requests, 0)
  if (requests > load.distinctQueries) lines.push('', `${count(requests - load.distinctQueries)} requests repeated a query (more requests than distinct queries): those may have been answered from the cache.`)
  if (detailed && load.rssSeries.length) lines.push('', `RSS over time (s: MiB): ${load.rssSeries.map(([second, mib]) => `${second}: ${mib}`).join(', ')}.`)
  if (load.errors.length) lines.push('', `Errors: ${load.errors.join('; ')}`)
  return lines.join('\n')
}

/** The README's latest block for one row of one scale (the pipeline row has one block for every scale). */
export function replaceLatestRow(readme: string, row: string, result: BenchResult, resultFile: string, body: string): string {
  const key = row === 'pipeline' ? 'pipeline' : `${result.scale}:${row}`
  const [start, end] = [`<!-- bench:latest:${key}:start -->`, `<!-- bench:latest:${key}:end -->`]
  const block = [start, `Latest: ${result.date}, ${row === 'pipeline' ? '' : `${result.scale} (${count(result.passages)} passages), `}${result.machine.cpu} × ${result.machine.cores}, load average ${result.machine.loadAverageAtStart.toFixed(2)} at the start. Full results: [${resultFile}](results/${resultFile}).`, '', body, end].join('\n')
  const at = readme.indexOf(start)
  const until = readme.indexOf(end)
  if (at === -1 || until === -1) return `${readme.trimEnd()}\n\n${block}\n`
  return readme.slice(0, at) + block + readme.slice(until + end.length)
}

/** README text with the latest table (and its caption) replaced between the markers. */
export function replaceLatest(readme: string, result: BenchResult, resultFile: string): string {
  const [README_START, README_END] = readmeMarkers(result.scale)
  const block = [
    README_START,
    `Latest: ${result.date}, ${result.scale} (${result.passages.toLocaleString('en-US')} passages), ${result.machine.cpu} × ${result.machine.cores}, Node ${result.machine.node}, load average ${result.machine.loadAverageAtStart.toFixed(2)} at the start. Full results: [${resultFile}](results/${resultFile}).`,
    '',
    resultTable(result),
    README_END,
  ].join('\n')
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n${block}\n`
  return readme.slice(0, start) + block + readme.slice(end + README_END.length)
}
