// Turns results into the table printed at the end of a run, the results' Markdown file, and the latest
// table in bench/README.md (between its markers).
import type { BenchResult, SystemResult } from './results.ts'

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
    `${result.passages.toLocaleString('en-US')} passages (${result.articles.toLocaleString('en-US')} articles): ${result.corpus}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}, ${m.os}, Node ${m.node}; load average ${m.loadAverageAtStart.toFixed(2)} at the start.`,
    `Code: commit ${result.code?.commit ?? 'unknown'}${result.code?.srcDirty ? ' with uncommitted changes in src/' : ''}.`,
    `Settings: ${result.settings.runs} build/load runs, ${result.settings.queries} queries × ${result.settings.rounds} rounds (after one warm-up round), seed ${result.settings.seed}; HTTP ${result.settings.connections} clients for ${result.settings.httpSeconds} s.`,
    '',
    'Medians; ratios to Clippings in brackets.',
    '',
    resultTable(result),
    '',
    '## Spread (min / median / max)',
    '',
  ]
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
  lines.push('## What each system does here', '')
  for (const s of result.systems) lines.push(`- **${s.name}**: ${s.notes}.`)
  return lines.join('\n') + '\n'
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
