// Batch search: a list of queries (a list of names, say) checked against the collection under the same filters,
// each answered with its total and top sources, as Aleph's and Datashare's users do. The queries run one after
// another through the engine the app shares, so each waits its turn behind other visitors' searches (see
// search-turns.ts) and has the engine's time budget; the whole batch has a time limit of its own, and stops
// when its client leaves.
import type { SearchEngine } from '../engine/engine.ts'
import { defaults } from '../defaults.ts'
import { ClippingsError } from '../errors.ts'
import type { SearchRequest } from '../model.ts'
import { csvCell, CSV_BOM } from './export-format.ts'
import { absoluteUrl } from './public-url.ts'
import { pathWithPairs, searchStatePairs } from './url-state.ts'

/** The batch search page; `/batch.csv` is its table as CSV. */
export const BATCH_PATH = '/batch'

/** The most queries one batch runs. */
export const MAX_BATCH_QUERIES = 1000
/** The largest uploaded or posted list read, in bytes. */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024
/** How long one batch may run before the queries left are reported as not run. */
export const BATCH_TIME_LIMIT_MS = 120_000
/** Sources listed per query. */
export const BATCH_TOP_SOURCES = 3

export interface QueryList {
  /** The queries, trimmed, blank lines and repeats dropped, in the order given. */
  queries: string[]
  /** Lines dropped as repeats of an earlier one. */
  repeated: number
}

/**
 * The batch page with the filters of a search page (`current`): its "Batch search with these filters".
 * `facetParams`: the registry's facet parameters (`registry.params`), which are kept with the dates.
 */
export function batchHref(current: URLSearchParams, facetParams: readonly string[]): string {
  return pathWithPairs(BATCH_PATH, searchStatePairs(current, [...facetParams, 'from', 'to']))
}

function badQueries(message: string): ClippingsError {
  return new ClippingsError('bad-parameter', `Invalid parameter "queries": ${message}`, { parameter: 'queries' })
}

/** Reads a list of queries, one a line (from a text box, a file, or both joined); a list too long is an error. */
export function parseQueryList(text: string): QueryList {
  const seen = new Set<string>()
  const queries: string[] = []
  let repeated = 0
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  for (const [index, line] of lines.entries()) {
    const query = line.trim()
    if (query === '') continue
    if (query.length > defaults.maxQueryLength) {
      throw badQueries(`line ${index + 1} is ${query.length.toLocaleString('en-US')} characters long; a query may have at most ${defaults.maxQueryLength.toLocaleString('en-US')}`)
    }
    if (seen.has(query)) {
      repeated++
      continue
    }
    seen.add(query)
    queries.push(query)
    if (queries.length > MAX_BATCH_QUERIES) throw badQueries(`at most ${MAX_BATCH_QUERIES.toLocaleString('en-US')} queries are run at once`)
  }
  return { queries, repeated }
}

/** An uploaded list as text; a file that is not UTF-8 text is an error naming the parameter. */
export function decodeQueryFile(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ClippingsError('bad-parameter', 'Invalid parameter "file": the file is not UTF-8 text; save the list as plain text, one query a line', { parameter: 'file' })
  }
  if (text.includes('\u0000')) throw new ClippingsError('bad-parameter', 'Invalid parameter "file": the file is binary, not a list of queries', { parameter: 'file' })
  return text
}

export interface BatchRow {
  query: string
  /** Matching passages; undefined when the query was not run (the batch ran out of time or was stopped). */
  total?: number
  /** The search stopped at its time budget: the total is at least this. */
  partial: boolean
  topSources: Array<{ name: string; count: number }>
  /** The query's results page, with the batch's filters. */
  href: string
}

export interface BatchResult {
  rows: BatchRow[]
  /** Queries with at least one match. */
  matched: number
  /** Queries not run because the batch's time ran out or its client left. */
  notRun: number
  tookMs: number
}

export interface BatchOptions {
  /** The link to one query's results (the search page with the batch's filters). */
  resultsHref: (query: string) => string
  /** Stops the batch: the client left. */
  signal?: AbortSignal
  /** Default BATCH_TIME_LIMIT_MS. */
  timeLimitMs?: number
  /** Default: Date.now, for tests. */
  now?: () => number
}

/** Runs each query with the filters of `base`, one after another; what is left when time runs out is not run. */
export async function runBatch(engine: SearchEngine, queries: readonly string[], base: SearchRequest, options: BatchOptions): Promise<BatchResult> {
  const now = options.now ?? Date.now
  const started = now()
  const deadline = started + (options.timeLimitMs ?? BATCH_TIME_LIMIT_MS)
  const chosen = base.filters?.source
  const excluded = base.exclude?.source
  const withinSources = (source: string) => (!chosen || chosen.includes(source)) && !excluded?.includes(source)
  const rows: BatchRow[] = []
  for (const query of queries) {
    const row: BatchRow = { query, partial: false, topSources: [], href: options.resultsHref(query) }
    rows.push(row)
    if (options.signal?.aborted || now() > deadline) continue
    const response = await engine.search({
      filters: base.filters,
      exclude: base.exclude,
      from: base.from,
      to: base.to,
      query,
      size: 1,
      facetSize: BATCH_TOP_SOURCES,
    })
    row.total = response.total
    row.partial = response.partial === true
    // Facet counts are disjunctive (a facet ignores its own filter), so a source the batch filters out is dropped here.
    row.topSources = (response.facets.source?.values ?? [])
      .filter((value) => value.count > 0 && withinSources(value.value))
      .slice(0, BATCH_TOP_SOURCES)
      .map((value) => ({ name: value.label || value.value, count: value.count }))
  }
  return {
    rows,
    matched: rows.filter((row) => (row.total ?? 0) > 0).length,
    notRun: rows.filter((row) => row.total === undefined).length,
    tookMs: now() - started,
  }
}

/** The columns of a batch's CSV. */
export const BATCH_CSV_COLUMNS = ['query', 'total', 'top_sources', 'results_url', 'note'] as const

function rowNote(row: BatchRow): string {
  if (row.total === undefined) return 'not run: the batch ran out of time'
  return row.partial ? 'stopped at its time budget: at least this many' : ''
}

/** The batch as CSV for a spreadsheet: byte order mark, header, one line per query, links absolute against `base`. */
export function batchCsv(result: BatchResult, base: string | undefined): string {
  const lines = [BATCH_CSV_COLUMNS.join(',')]
  for (const row of result.rows) {
    lines.push(
      [
        csvCell(row.query),
        row.total === undefined ? '' : String(row.total),
        csvCell(row.topSources.map((source) => `${source.name} (${source.count})`)),
        csvCell(absoluteUrl(base, row.href)),
        csvCell(rowNote(row)),
      ].join(','),
    )
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}
