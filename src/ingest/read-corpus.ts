// Reads folders and files of articles into clean, resolved articles: picks the reader by extension, applies
// sidecar metadata, has each file read and cleaned within its budget (read-pool.ts), resolves metadata and
// ids, and drops duplicates. A file that cannot be used is reported with a one-line reason; nothing
// aborts the run, and no one file can stall it.
import { basename, dirname, extname, join } from 'node:path'
import type { Article, SkippedFile } from '../model.ts'
import { capMetaFields, formatBytes, ingestLimits } from './limits.ts'
import { resolveArticle } from './metadata.ts'
import type { ReadJob, ReadUnit, SidecarLayers } from './read-job.ts'
import { readBounded } from './read/file-bytes.ts'
import { createInThreadPool, createWorkerPool, failureReason, type JobOutcome, type ReadPool } from './read-pool.ts'
import { jsonlLines, JsonlVerdicts } from './read/jsonl.ts'
import { parseSidecar, SIDECAR_FILE_NAME, type Sidecar } from './read/sidecar.ts'
import type { ArticleFormat } from './read/types.ts'
import { walkCorpus, type CorpusFileInfo } from './walk.ts'

export type { CorpusFileInfo } from './walk.ts'

export interface ReadCorpusResult {
  articles: Article[]
  skipped: SkippedFile[]
  /** Articles whose text (normalized) repeats an earlier one: indexed once, under the first file. */
  duplicates: { file: string; duplicateOf: string }[]
  /**
   * Metadata that was stated but could not be used (bad front matter, an unreadable date), and limits that
   * cut something (a title, an over-long article); each names its file.
   */
  warnings: string[]
  /** Paths given that do not exist (`readCorpus` only; empty from `readCorpusFiles`). */
  missing: string[]
}

/** What one file became: its articles and the duplicate keys of their texts (`textFingerprints[i]` is `articles[i]`'s). */
export interface FileReadResult {
  articles: Article[]
  textFingerprints: string[]
}

export interface ReadCorpusOptions {
  /** Called after each file (a JSON Lines file counts once), in the order files are read. */
  onProgress?: (done: number, total: number, file: string) => void
  /** The source of articles that state none (in metadata, text or URL); a JSON Lines line's own `source` wins. */
  defaultSource?: string
  /** Threads reading files in parallel. Default 2 with 4 or more cores, else 1; 0 reads in this thread, without a time budget. */
  threads?: number
  /** Time one file, or one JSON Lines line, may take to read and clean. Default `ingestLimits.fileTimeBudgetMs` (30 s). */
  fileTimeBudgetMs?: number
  /** Where the reading runs; by default a pool made from `threads` and `fileTimeBudgetMs`, closed when done. */
  pool?: ReadPool
}

/** What must be shared across calls of `readCorpusFiles` for one index: ids given and texts seen. */
export interface ReadContext {
  takenIds: Set<string>
  /** Duplicate key of each article's text → the file it was first read from. */
  firstFileByText: Map<string, string>
}

export function createReadContext(): ReadContext {
  return { takenIds: new Set(), firstFileByText: new Map() }
}

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
}

/** JSON Lines lines go to a reading thread in batches of at most this many lines and bytes. */
const BATCH_LINES = 64
const BATCH_BYTES = 512 * 1024
/** Jobs handed out ahead of the one whose result is awaited, so every thread has work. */
const JOBS_AHEAD = 4

/**
 * Reads every article under `paths`: folders recursively (see `walkCorpus`: sorted, hidden entries and
 * settings files passed over), or single files.
 */
export async function readCorpus(paths: string[], options: ReadCorpusOptions = {}): Promise<ReadCorpusResult & { byFile: Map<string, FileReadResult> }> {
  // The pool starts its first thread now, so it boots while the corpus is walked.
  const pool = options.pool ?? createPool(options)
  try {
    const walk = await walkCorpus(paths)
    const result = await readCorpusFiles(walk.files, createReadContext(), { ...options, pool })
    return { ...result, skipped: [...walk.skipped, ...result.skipped], missing: walk.missing }
  } finally {
    if (!options.pool) await pool.close()
  }
}

function createPool(options: ReadCorpusOptions): ReadPool {
  if (options.threads === 0) return createInThreadPool()
  return createWorkerPool({ threads: options.threads, timeBudgetMs: options.fileTimeBudgetMs })
}

/** One thing to handle, in file order: a reason known without reading, a job under way, or a file's end. */
type Step =
  /** `wholeFile`: nothing more of the file is read (a JSON Lines file that cannot be opened, or is binary). */
  | { kind: 'skip'; info: CorpusFileInfo; file: string; reason: string; line?: number; badLine?: boolean; wholeFile?: boolean }
  | { kind: 'job'; info: CorpusFileInfo; job: ReadJob; outcome: Promise<JobOutcome> }
  | { kind: 'end'; info: CorpusFileInfo; jsonl: boolean }

/**
 * Reads the files given (as `walkCorpus` lists them), in order. `context` carries the ids given and texts
 * seen across calls, so a caller can read just the files that changed; `byFile` says, per absolute path,
 * what each file became.
 */
export async function readCorpusFiles(
  files: CorpusFileInfo[],
  context: ReadContext,
  options: ReadCorpusOptions = {},
): Promise<ReadCorpusResult & { byFile: Map<string, FileReadResult> }> {
  const result: ReadCorpusResult = { articles: [], skipped: [], duplicates: [], warnings: [], missing: [] }
  const byFile = new Map<string, FileReadResult>()
  const pool = options.pool ?? createPool(options)
  const abandoned = new Set<string>()
  const sidecars = new Map<string, Promise<Sidecar | undefined>>()
  pool.expectWork(files.reduce((sum, info) => sum + info.size, 0))

  /** The steps of every file, in order; jobs are handed to the pool as they are made. */
  async function* steps(): AsyncGenerator<{ step: Step }> {
    for (const info of files) {
      const name = basename(info.path)
      const format = FORMAT_BY_EXTENSION[extname(name).toLowerCase()]
      if (/^readme(\.[a-z]+)?$/i.test(name)) yield { step: { kind: 'skip', info, file: info.file, reason: 'not an article (README)' } }
      else if (!format) yield { step: { kind: 'skip', info, file: info.file, reason: `unsupported format (${extname(name) || 'no extension'})` } }
      else {
        const sidecar = await sidecarFor(info, sidecars, result)
        const layers: SidecarLayers = { entry: sidecar?.files.get(name), defaults: sidecar?.defaults }
        if (format === 'jsonl') yield* jsonlSteps(info, layers)
        else if (info.size > ingestLimits.maxArticleBytes) {
          const reason = `too large: ${formatBytes(info.size)} (at most ${formatBytes(ingestLimits.maxArticleBytes)} for one article)`
          yield { step: { kind: 'skip', info, file: info.file, reason } }
        } else yield { step: jobStep(info, { kind: 'file', path: info.path, file: info.file, format, sidecar: layers }) }
      }
      yield { step: { kind: 'end', info, jsonl: format === 'jsonl' } }
    }
  }

  function jobStep(info: CorpusFileInfo, job: ReadJob): Step {
    return { kind: 'job', info, job, outcome: pool.run(job) }
  }

  async function* jsonlSteps(info: CorpusFileInfo, sidecar: SidecarLayers): AsyncGenerator<{ step: Step }> {
    let batch: { number: number; text: string }[] = []
    let batchBytes = 0
    const flush = () => {
      const step = jobStep(info, { kind: 'lines', file: info.file, lines: batch, sidecar })
      batch = []
      batchBytes = 0
      return { step }
    }
    for await (const line of jsonlLines(info.path, info.file)) {
      if (abandoned.has(info.path)) return
      if ('text' in line) {
        batch.push(line)
        batchBytes += line.text.length
        if (batch.length >= BATCH_LINES || batchBytes >= BATCH_BYTES) yield flush()
        continue
      }
      if (batch.length > 0) yield flush()
      if ('wholeFile' in line) {
        yield { step: { kind: 'skip', info, file: line.file, reason: line.skip, wholeFile: true } }
        return
      }
      yield { step: { kind: 'skip', info, file: line.file, reason: line.skip, line: line.number, badLine: true } }
    }
    if (batch.length > 0) yield flush()
  }

  // Per file, as its steps are handled.
  let current: { info: CorpusFileInfo; read: FileReadResult; verdicts?: JsonlVerdicts<ReadUnit>; failures: number } | undefined
  let done = 0

  const accept = (unit: Extract<ReadUnit, { kind: 'article' }>) => {
    const { raw, cleaned, fingerprint } = unit
    const duplicateOf = context.firstFileByText.get(fingerprint)
    if (duplicateOf !== undefined) {
      result.duplicates.push({ file: raw.file, duplicateOf })
      return
    }
    const resolved = resolveArticle(raw, cleaned, { takenIds: context.takenIds })
    const article = capMetaFields(resolved, raw.file, result.warnings)
    // Every article has a source: the default stands in when none was stated (or an over-long one was dropped).
    const statesSource = raw.meta.source !== undefined || cleaned.meta.source !== undefined
    if (!article.source || (article.source === 'unknown' && !statesSource)) article.source = options.defaultSource ?? 'unknown'
    if (raw.meta.people && !article.givenPeople) article.givenPeople = raw.meta.people
    if (raw.meta.fields && !article.fields) article.fields = raw.meta.fields
    context.firstFileByText.set(fingerprint, raw.file)
    result.articles.push(article)
    current!.read.articles.push(article)
    current!.read.textFingerprints.push(fingerprint)
  }

  const report = (unit: ReadUnit) => {
    if (unit.kind === 'skip') result.skipped.push({ file: unit.file, reason: unit.reason })
    else {
      try {
        accept(unit)
      } catch (error) {
        // Resolving runs here, outside the reading threads' budget: it must not stop the run either.
        result.skipped.push({ file: unit.raw.file, reason: failureReason(error) })
      }
    }
  }

  /** A JSON Lines line's verdict, through the check that the file is JSON Lines at all. */
  const reportLine = (unit: ReadUnit) => {
    const verdicts = (current!.verdicts ??= new JsonlVerdicts<ReadUnit>(current!.info.file))
    const { report: ready, giveUp } = verdicts.add(unit, unit.kind === 'skip' && unit.badLine ? unit.reason : undefined)
    ready.forEach(report)
    if (giveUp) {
      result.skipped.push({ file: giveUp.file, reason: giveUp.skip })
      abandoned.add(current!.info.path)
    }
  }

  /** A batch of lines that overran its budget is read again line by line, to find the line at fault. */
  const retryLines = async (job: Extract<ReadJob, { kind: 'lines' }>) => {
    for (const line of job.lines) {
      if (abandoned.has(current!.info.path)) return
      const outcome = await pool.run({ ...job, lines: [line] })
      if ('result' in outcome) {
        result.warnings.push(...outcome.result.warnings)
        outcome.result.units.forEach(reportLine)
        continue
      }
      reportLine({ kind: 'skip', file: `${job.file}#L${line.number}`, reason: `line ${line.number}: ${outcome.failed}`, line: line.number })
      if (++current!.failures >= ingestLimits.maxTimeoutsPerFile) {
        result.skipped.push({ file: job.file, reason: `the rest of the file was not read: ${current!.failures} lines could not be read within the limits` })
        abandoned.add(current!.info.path)
      }
    }
  }

  const handle = async (step: Step) => {
    if (!current || current.info !== step.info) {
      current = { info: step.info, read: { articles: [], textFingerprints: [] }, failures: 0 }
      byFile.set(step.info.path, current.read)
    }
    if (step.kind === 'end') {
      if (step.jsonl && !abandoned.has(step.info.path)) {
        const { report: rest, empty } = (current.verdicts ?? new JsonlVerdicts<ReadUnit>(step.info.file)).finish()
        rest.forEach(report)
        if (empty) result.skipped.push({ file: empty.file, reason: empty.skip })
      }
      options.onProgress?.(++done, files.length, step.info.file)
      return
    }
    if (abandoned.has(step.info.path)) return
    if (step.kind === 'skip') {
      const unit: ReadUnit = { kind: 'skip', file: step.file, reason: step.reason, line: step.line, badLine: step.badLine }
      if (step.line !== undefined) reportLine(unit)
      else result.skipped.push({ file: step.file, reason: step.reason })
      if (step.wholeFile) abandoned.add(step.info.path)
      return
    }
    const outcome = await step.outcome
    if ('result' in outcome) {
      result.warnings.push(...outcome.result.warnings)
      outcome.result.units.forEach(step.job.kind === 'lines' ? reportLine : report)
    } else if (step.job.kind === 'lines') await retryLines(step.job)
    else result.skipped.push({ file: step.info.file, reason: outcome.failed })
  }

  try {
    const ahead: Step[] = []
    for await (const { step } of steps()) {
      ahead.push(step)
      if (ahead.filter((waiting) => waiting.kind === 'job').length > JOBS_AHEAD) await handle(ahead.shift()!)
    }
    while (ahead.length > 0) await handle(ahead.shift()!)
  } finally {
    if (!options.pool) await pool.close()
  }
  result.warnings.push(...pool.warnings)
  return { ...result, byFile }
}

/** The sidecar of the file's folder, read once; a broken one is reported and the folder read without it. */
function sidecarFor(info: CorpusFileInfo, cache: Map<string, Promise<Sidecar | undefined>>, result: ReadCorpusResult): Promise<Sidecar | undefined> {
  const folder = dirname(info.path)
  let sidecar = cache.get(folder)
  if (!sidecar) {
    const reported = join(dirname(info.file), SIDECAR_FILE_NAME).split('\\').join('/').replace(/^\.\//, '')
    sidecar = readSidecar(join(folder, SIDECAR_FILE_NAME), reported, result)
    cache.set(folder, sidecar)
  }
  return sidecar
}

async function readSidecar(path: string, reported: string, result: ReadCorpusResult): Promise<Sidecar | undefined> {
  const ignored = (reason: string) => {
    result.skipped.push({ file: reported, reason: `sidecar metadata ignored: ${reason}` })
    return undefined
  }
  const read = await readBounded(path, ingestLimits.maxSidecarBytes)
  if ('skip' in read) return read.code === 'ENOENT' ? undefined : ignored(read.skip)
  const parsed = parseSidecar(new TextDecoder().decode(read.bytes))
  if ('error' in parsed) return ignored(parsed.error)
  result.warnings.push(...parsed.sidecar.warnings.map((warning) => `${reported}: ${warning}`))
  return parsed.sidecar
}
