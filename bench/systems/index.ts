// The systems the benchmark compares, Clippings first (the ratios are to it).
import type { BenchSystem } from './system.ts'
import { clippingsSystem } from './clippings.ts'
import { miniSearchSystem } from './minisearch.ts'
import { flexSearchSystem } from './flexsearch.ts'
import { oramaSystem } from './orama.ts'
import { sqliteSystem } from './sqlite.ts'
import { openSearchSystem } from './opensearch.ts'

export const SYSTEMS: readonly BenchSystem[] = [clippingsSystem, miniSearchSystem, flexSearchSystem, oramaSystem, sqliteSystem]

/** Systems measured only when named (`--systems clippings,opensearch`): OpenSearch needs a running cluster. */
export const NAMED_ONLY_SYSTEMS: readonly BenchSystem[] = [openSearchSystem]

export function systemByKey(key: string): BenchSystem {
  const known = [...SYSTEMS, ...NAMED_ONLY_SYSTEMS]
  const system = known.find((s) => s.key === key)
  if (!system) throw new Error(`bench: unknown system "${key}"; known: ${known.map((s) => s.key).join(', ')}`)
  return system
}
