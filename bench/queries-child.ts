// The queries of the rows that need more than the mix, made where the corpus is (the coordinating process
// never holds it): `queries-child.ts <options-json>` writes the mix, the worst queries and a long list of
// distinct queries to a JSON file and prints one line with its path and the corpus's counts.
import { fileURLToPath } from 'node:url'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { loadBaseCorpus, scaleCorpus } from './corpus.ts'
import { makeAttackQueries, makeDistinctQueries, makeQueryMix, type AttackQuery, type BenchQuery } from './queries.ts'
import { log } from './child.ts'

export interface QueriesOptions {
  /** Passages to scale the corpus to; the base corpus when absent. */
  passages?: number
  /** Size and seed of the mix: the same as the comparison's, so every row runs the same mix. */
  queries: number
  seed: number
  /** How many distinct queries to make for the load row. */
  distinct: number
  /** Where to write them. */
  file: string
}

/** What the file holds. */
export interface RowQueries {
  mix: BenchQuery[]
  attacks: AttackQuery[]
  distinct: BenchQuery[]
}

export interface QueriesOutcome {
  file: string
  corpus: { passages: number; articles: number; basePassages: number }
}

const [optionsJson] = process.argv.slice(2)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!optionsJson) throw new Error('usage: queries-child.ts <options-json>')
  const options = JSON.parse(optionsJson) as QueriesOptions
  const base = await loadBaseCorpus()
  const corpus = options.passages ? scaleCorpus(base, options.passages) : base
  const queries: RowQueries = {
    mix: makeQueryMix(corpus.passages, { count: options.queries, seed: options.seed }),
    attacks: makeAttackQueries(corpus.passages),
    distinct: makeDistinctQueries(corpus.passages, options.distinct, options.seed + 1),
  }
  log(`queries: ${queries.mix.length} in the mix, ${queries.attacks.length} attacks, ${queries.distinct.length} distinct`)
  await mkdir(dirname(options.file), { recursive: true })
  await writeFile(options.file, JSON.stringify(queries))
  const outcome: QueriesOutcome = { file: options.file, corpus: { passages: corpus.passages.length, articles: corpus.articles.length, basePassages: base.passages.length } }
  process.stdout.write(JSON.stringify(outcome) + '\n')
}
