// Command-line options, parsed with node:util's parseArgs; a mistake becomes a UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { engineConfig, type EngineConfig } from '../engine/backends.ts'
import { openForReading, type OpenedIndex } from '../indexer/open.ts'
import { progressReporter } from './progress.ts'

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>

export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''))
  }
}

/** A whole number option within bounds, or a UsageError naming it. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`)
  return number
}

export const indexDirOption = { index: { type: 'string' } } as const

/** Options every command that opens an index takes: where it is and which engine holds it. */
export const engineOptions = {
  ...indexDirOption,
  engine: { type: 'string' },
  'opensearch-url': { type: 'string' },
  'opensearch-index': { type: 'string' },
} as const

export const engineOptionsUsage = `  --index DIR              the index folder (default: index/)
  --engine NAME            embedded (default) or opensearch (or $CLIPPINGS_ENGINE)
  --opensearch-url URL     the OpenSearch cluster (or $OPENSEARCH_URL)
  --opensearch-index NAME  the index alias in it (default: clippings)`

/** The engine configuration from parsed command-line values (and the environment). */
export function engineConfigOf(values: { index?: string; engine?: string; 'opensearch-url'?: string; 'opensearch-index'?: string; 'search-budget'?: string }): EngineConfig {
  return engineConfig({ index: values.index, engine: values.engine, opensearchUrl: values['opensearch-url'], opensearchIndex: values['opensearch-index'], searchBudget: values['search-budget'] })
}

/**
 * The index a reading command (search, export, people, serve) works on. Reading never writes: a missing
 * index is an error naming the command that builds one (except npm start's first run, `firstRun`).
 */
export async function openIndexForReading(
  values: { index?: string; engine?: string; 'opensearch-url'?: string; 'opensearch-index'?: string; 'search-budget'?: string },
  options: { firstRun?: boolean } = {},
): Promise<OpenedIndex> {
  const progress = progressReporter()
  try {
    return await openForReading(engineConfigOf(values), {
      buildSeedsIfMissing: options.firstRun,
      log: (line) => console.error(line),
      onProgress: progress.update,
    })
  } finally {
    progress.done()
  }
}
