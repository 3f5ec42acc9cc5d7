// The systems the benchmark compares, Clippings first (the ratios are to it).
import type { BenchSystem } from './system.ts'
import { clippingsSystem } from './clippings.ts'
import { miniSearchSystem } from './minisearch.ts'
import { flexSearchSystem } from './flexsearch.ts'
import { oramaSystem } from './orama.ts'
import { sqliteSystem } from './sqlite.ts'

export const SYSTEMS: readonly BenchSystem[] = [clippingsSystem, miniSearchSystem, flexSearchSystem, oramaSystem, sqliteSystem]

export function systemByKey(key: string): BenchSystem {
  const system = SYSTEMS.find((s) => s.key === key)
  if (!system) throw new Error(`bench: unknown system "${key}"; known: ${SYSTEMS.map((s) => s.key).join(', ')}`)
  return system
}
