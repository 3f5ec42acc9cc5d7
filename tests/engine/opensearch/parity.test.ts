// Parity of the two backends on the seeds (and, with CLIPPINGS_PARITY_REUTERS=1, on a Reuters-21578 subset
// through the pipeline: minutes): the same totals, the same facet listings, the same date-sorted pages and
// the same relevance pages, for every query of a fixed list in every filter and sort (parity.ts).
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../../src/engine/engine.ts'
import { createMemoryEngine } from '../../../src/engine/index.ts'
import type { OpenSearchBackend } from '../../../src/engine/opensearch/index.ts'
import { seedBuild } from '../../helpers/seed-engine.ts'
import { OPENSEARCH_SKIP, openSearchReachable, removeOpenSearchBackend, testOpenSearchBackend } from '../contract/backends.ts'
import { NEWS_QUERIES, compareEngines, describeReport, parityCases, reutersSubset } from './parity.ts'

const reachable = await openSearchReachable()
if (!reachable) console.warn(OPENSEARCH_SKIP)

const SEED_QUERIES = [
  '',
  'remittances',
  'migrant remittances',
  '"special military operation"',
  'Rakhmon',
  'remit*',
  'sanctions -Ukraine',
  'Dushanbe OR Moscow',
  'to be or not to be',
  'Tajikistan hydropower',
  'zzzq remittances',
  'person:putin war',
]

describe.skipIf(!reachable)('the embedded engine and OpenSearch on the seeds', () => {
  let backend: OpenSearchBackend
  let embedded: SearchEngine
  let openSearch: SearchEngine

  beforeAll(async () => {
    const { build } = await seedBuild()
    embedded = createMemoryEngine(build.data, { cacheBytes: 0, searchBudgetMs: Number.POSITIVE_INFINITY })
    backend = testOpenSearchBackend('parity-seeds')
    await backend.build(build.data, {})
    openSearch = await backend.open()
  })
  afterAll(async () => {
    if (backend) await removeOpenSearchBackend(backend)
  })

  it('agree on totals, facet counts and pages for every query, filter and sort', { timeout: 300_000 }, async () => {
    const report = await compareEngines(embedded, openSearch, await parityCases(embedded, SEED_QUERIES))
    console.log(describeReport(report))
    const n = report.cases.length
    expect(report.totalsIdentical).toBe(n)
    expect(report.facetsIdentical).toBe(n)
    expect(report.dateSortedIdentical).toBe(report.dateSortedCases)
    expect(report.meanRelevanceOverlap).toBeGreaterThanOrEqual(0.95)
  })
})

const corpus = join(process.env.CLIPPINGS_CORPORA ?? resolve(import.meta.dirname, '../../../../shared/corpora'), 'reuters21578', 'reuters21578.jsonl')
const reuters = process.env.CLIPPINGS_PARITY_REUTERS === '1' && existsSync(corpus)
if (reachable && !reuters) console.warn('tests/engine/opensearch/parity: the Reuters subset skipped (CLIPPINGS_PARITY_REUTERS=1 and ../shared/corpora run it)')

describe.skipIf(!reachable || !reuters)('the embedded engine and OpenSearch on 30,000 Reuters passages', () => {
  it('agree on totals and facet counts, and on date-sorted pages', { timeout: 3_600_000 }, async () => {
    const data = await reutersSubset(corpus, 30_000)
    const embedded = createMemoryEngine(data, { cacheBytes: 0, searchBudgetMs: Number.POSITIVE_INFINITY })
    const backend = testOpenSearchBackend('parity-reuters')
    try {
      await backend.build(data, {})
      const report = await compareEngines(embedded, await backend.open(), await parityCases(embedded, NEWS_QUERIES))
      console.log(describeReport(report))
      expect(report.totalsIdentical).toBe(report.cases.length)
      expect(report.facetsIdentical).toBe(report.cases.length)
      expect(report.dateSortedIdentical).toBe(report.dateSortedCases)
    } finally {
      await removeOpenSearchBackend(backend)
    }
  })
})
