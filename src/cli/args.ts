// Command-line options, parsed with node:util's parseArgs; a mistake becomes a UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { resolve } from 'node:path'
import { defaults } from '../defaults.ts'
import { readManifest } from '../engine/persist.ts'
import { openIndex, type OpenedIndex } from '../indexer/open.ts'
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

/**
 * The index a reading command (search, export, people, serve) works on: the one in `--index` (default
 * `index/`), kept current with the corpus it was built from (the seeds when there is none yet).
 */
export async function openIndexForReading(indexDir: string | undefined, corpus?: string[]): Promise<OpenedIndex> {
  const dir = resolve(indexDir ?? defaults.indexDir)
  const manifest = await readManifest(dir)
  const progress = progressReporter()
  try {
    return await openIndex({
      corpus: corpus?.length ? corpus : (manifest?.corpus ?? [...defaults.corpusDirs]),
      indexDir: dir,
      log: (line) => console.error(line),
      onProgress: progress.update,
    })
  } finally {
    progress.done()
  }
}
