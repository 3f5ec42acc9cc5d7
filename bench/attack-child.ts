// The worst queries through the engine, in a process of its own: `attack-child.ts <index-dir> <queries-file>
// <rounds> [unbounded]` loads the saved Clippings index with the result cache off (every search matched
// afresh, as an attacker makes sure of), runs a round of the mix to warm up, then each worst query `rounds`
// times with the shipped time budget (and, with `unbounded`, once with a budget of a minute, to show what
// the budget saves). Prints one JSON line, an AttackEngineResult.
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { SearchEngine } from '../src/engine/engine.ts'
import type { AttackQuery } from './queries.ts'
import { defaults } from '../src/defaults.ts'
import { clippingsRequest } from './systems/clippings.ts'
import type { RowQueries } from './queries-child.ts'
import { spread } from './stats.ts'
import type { AttackEngineResult } from './results.ts'
import { formatMs } from './report.ts'
import { log } from './child.ts'

/** Each worst query `rounds` times through `engine` (and once without the budget, when asked). */
export async function measureAttackQueries(engine: SearchEngine, attacks: readonly AttackQuery[], rounds: number, unbounded = false): Promise<AttackEngineResult> {
  const result: AttackEngineResult = { budgetMs: defaults.searchBudgetMs, rounds, queries: [] }
  for (const attack of attacks) {
    const times: number[] = []
    let partial = false
    let total = 0
    let notices: string[] = []
    for (let round = 0; round < rounds; round++) {
      const started = performance.now()
      const response = await engine.search({ query: attack.query, size: 10, page: 1 })
      times.push(performance.now() - started)
      partial ||= response.partial === true
      total = response.total
      notices = response.notices ?? []
    }
    const entry: AttackEngineResult['queries'][number] = { name: attack.name, length: attack.query.length, query: attack.query, ms: spread(times), partial, total, notices }
    if (unbounded) {
      const started = performance.now()
      const response = await engine.search({ query: attack.query, size: 10, page: 1 }, { budgetMs: 60_000 })
      entry.unbounded = { ms: performance.now() - started, partial: response.partial === true, total: response.total }
    }
    log(`attack "${attack.name}" (${attack.query.length} chars): ${formatMs(entry.ms.median)} median, ${formatMs(entry.ms.max)} max${partial ? ', partial' : ''}, ${total} matches${entry.unbounded ? `; unbounded ${formatMs(entry.unbounded.ms)}` : ''}`)
    result.queries.push(entry)
  }
  return result
}

const [dir, queriesFile, roundsArg, unboundedArg] = process.argv.slice(2)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!dir || !queriesFile) throw new Error('usage: attack-child.ts <index-dir> <queries-file> [rounds] [unbounded]')
  const { mix, attacks } = JSON.parse(await readFile(queriesFile, 'utf8')) as RowQueries
  const engine = await createEmbeddedBackend(dir, { cacheBytes: 0 }).loadEngine()
  // One round of the mix first: compiles the code paths, as a running server has them.
  for (const query of mix) await engine.search(clippingsRequest(query))
  const result = await measureAttackQueries(engine, attacks, Number(roundsArg ?? 3), unboundedArg === 'unbounded')
  process.stdout.write(JSON.stringify(result) + '\n')
}
