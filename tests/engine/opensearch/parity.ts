// Parity between the embedded engine and OpenSearch on the same index data: for a fixed list of queries ×
// filters × sorts, the totals, the relaxation, every facet listing (values and counts), the first page of
// date-sorted results (which must be identical) and of relevance-sorted results (which may differ where
// scores tie or BM25 and MiniSearch's BM25+ disagree: measured as overlap). Used by parity.test.ts on the
// seeds and, run as a script, on a Reuters-21578 subset:
//
//   npx tsx tests/engine/opensearch/parity.ts [--passages 30000] [--cache /tmp/reuters.json] [--all] [--json]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { IndexData, SearchEngine } from '../../../src/engine/engine.ts'
import type { FacetFilters, SearchRequest, SearchResponse, SortOrder } from '../../../src/model.ts'

export interface ParityCase {
  query: string
  filters?: FacetFilters
  exclude?: FacetFilters
  from?: string
  to?: string
  sort?: SortOrder
  label: string
}

export interface CaseOutcome {
  label: string
  sort: SortOrder
  totals: [number, number]
  relaxed: [boolean, boolean]
  facetsIdentical: boolean
  /** Facets whose listing differed, with both listings. */
  facetDifferences: string[]
  firstPageIdentical: boolean
  /** Share of the embedded engine's first page also on OpenSearch's. */
  overlap: number
}

export interface ParityReport {
  cases: CaseOutcome[]
  totalsIdentical: number
  facetsIdentical: number
  dateSortedCases: number
  dateSortedIdentical: number
  relevanceCases: number
  relevanceIdentical: number
  meanRelevanceOverlap: number
}

const FACET_SIZE = 20
const PAGE = 10

const listing = (response: SearchResponse) =>
  Object.fromEntries(Object.entries(response.facets).map(([name, facet]) => [name, facet.values.map((v) => `${v.value}=${v.count}${v.selected ? '*' : ''}${v.excluded ? '-' : ''}`)]))

export async function compareEngines(embedded: SearchEngine, openSearch: SearchEngine, cases: ParityCase[]): Promise<ParityReport> {
  const outcomes: CaseOutcome[] = []
  for (const entry of cases) {
    const request: SearchRequest = { query: entry.query, filters: entry.filters, exclude: entry.exclude, from: entry.from, to: entry.to, sort: entry.sort, size: PAGE, facetSize: FACET_SIZE }
    const [a, b] = [await embedded.search(request), await openSearch.search(request)]
    const [fa, fb] = [listing(a), listing(b)]
    const facetDifferences = Object.keys({ ...fa, ...fb }).filter((name) => JSON.stringify(fa[name]) !== JSON.stringify(fb[name]))
    const idsA = a.results.map((hit) => hit.passage.id)
    const idsB = b.results.map((hit) => hit.passage.id)
    outcomes.push({
      label: entry.label,
      sort: a.sort,
      totals: [a.total, b.total],
      relaxed: [Boolean(a.relaxed), Boolean(b.relaxed)],
      facetsIdentical: facetDifferences.length === 0,
      facetDifferences: facetDifferences.map((name) => `${name}: ${fa[name]?.slice(0, 6).join(', ')} | ${fb[name]?.slice(0, 6).join(', ')}`),
      firstPageIdentical: JSON.stringify(idsA) === JSON.stringify(idsB),
      overlap: idsA.length === 0 ? 1 : idsA.filter((id) => idsB.includes(id)).length / idsA.length,
    })
  }
  const dated = outcomes.filter((o) => o.sort !== 'relevance')
  const relevance = outcomes.filter((o) => o.sort === 'relevance')
  return {
    cases: outcomes,
    totalsIdentical: outcomes.filter((o) => o.totals[0] === o.totals[1] && o.relaxed[0] === o.relaxed[1]).length,
    facetsIdentical: outcomes.filter((o) => o.facetsIdentical).length,
    dateSortedCases: dated.length,
    dateSortedIdentical: dated.filter((o) => o.firstPageIdentical).length,
    relevanceCases: relevance.length,
    relevanceIdentical: relevance.filter((o) => o.firstPageIdentical).length,
    meanRelevanceOverlap: relevance.reduce((sum, o) => sum + o.overlap, 0) / Math.max(1, relevance.length),
  }
}

/** The queries, each with no filter, with filters read off the index (its most common values) and in each sort. */
export async function parityCases(engine: SearchEngine, queries: string[]): Promise<ParityCase[]> {
  const top = async (facet: string) => (await engine.facetValues(facet, { limit: 2 })).values.map((v) => v.value)
  const [topics, people, years, sources] = [await top('topic'), await top('person'), await top('year'), await top('source')]
  const months = (await engine.facetValues('month', {})).values.filter((v) => v.value !== 'undated').map((v) => v.value)
  const month = months[Math.floor(months.length / 2)]
  const variants: Omit<ParityCase, 'query' | 'label'>[] = [
    {},
    { sort: 'newest' },
    { sort: 'oldest' },
    ...(topics[0] ? [{ filters: { topic: [topics[0]] } }, { exclude: { topic: [topics[0]] }, sort: 'newest' as const }] : []),
    ...(people[0] ? [{ filters: { person: [people[0]] } }] : []),
    ...(topics[0] && sources[0] ? [{ filters: { topic: [topics[0]], source: [sources[0]] } }] : []),
    ...(years[0] ? [{ filters: { year: [years[0]] }, sort: 'oldest' as const }] : []),
    ...(month ? [{ from: month, to: month, sort: 'newest' as const }] : []),
  ]
  return queries.flatMap((query) => variants.map((variant) => ({ ...variant, query, label: `${JSON.stringify(query)} ${JSON.stringify({ ...variant, sort: undefined })}` })))
}

/** Queries for a news corpus: words, phrases, exclusions, OR, prefixes, a typo, stop words, browsing. */
export const NEWS_QUERIES = [
  '',
  'oil',
  'oil prices',
  'crude oil -opec',
  '"interest rates"',
  'bank OR banks',
  'wheat export*',
  'coffe',
  'dollar yen',
  'trade deficit japan',
  'the of',
  'gold silver',
  'merger acquisition',
  'shares stake',
  'federal reserve',
  'earnings per share',
  'strike -oil',
  '(grain OR wheat) tonnes',
  'sugar quota',
  'zzqx oil',
]

/** Passages from the first Reuters-21578 stories through the project's pipeline, cut at whole articles. */
export async function reutersSubset(corpusFile: string, passages: number): Promise<IndexData> {
  const { buildIndexData } = await import('../../../src/indexer/build.ts')
  const { loadAliases } = await import('../../../src/enrich/people/aliases.ts')
  const { loadTaxonomy } = await import('../../../src/enrich/topics/taxonomy.ts')
  const lines = readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean)
  // About 1.5 passages a story through the pipeline: a third more stories than that, then whole articles cut at the target.
  const folder = mkdtempSync(join(tmpdir(), 'clippings-parity-'))
  try {
    writeFileSync(join(folder, 'reuters.jsonl'), lines.slice(0, Math.ceil((passages / 1.5) * 1.35)).join('\n') + '\n')
    const { data } = await buildIndexData([folder], { aliases: loadAliases([]), taxonomy: loadTaxonomy() })
    const articles: IndexData['articles'] = []
    let count = 0
    for (const article of data.articles) {
      if (count + article.passageIds.length > passages) break
      articles.push(article)
      count += article.passageIds.length
    }
    const kept = new Set(articles.map((a) => a.id))
    return { ...data, articles, passages: data.passages.filter((p) => kept.has(p.articleId)) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export function describeReport(report: ParityReport): string {
  const n = report.cases.length
  return [
    `cases: ${n}`,
    `totals and relaxation identical: ${report.totalsIdentical}/${n}`,
    `every facet listing identical: ${report.facetsIdentical}/${n}`,
    `date-sorted first page identical: ${report.dateSortedIdentical}/${report.dateSortedCases}`,
    `relevance first page identical: ${report.relevanceIdentical}/${report.relevanceCases}, mean overlap@${PAGE} ${report.meanRelevanceOverlap.toFixed(3)}`,
  ].join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const passages = Number(args[args.indexOf('--passages') + 1] || 30000) || 30000
  const corpora = process.env.CLIPPINGS_CORPORA ?? resolve(import.meta.dirname, '../../../../shared/corpora')
  const file = join(corpora, 'reuters21578', 'reuters21578.jsonl')
  const { createMemoryEngine } = await import('../../../src/engine/index.ts')
  const { testOpenSearchBackend, removeOpenSearchBackend, openSearchReachable, OPENSEARCH_SKIP } = await import('../contract/backends.ts')
  if (!(await openSearchReachable())) throw new Error(OPENSEARCH_SKIP)
  let started = performance.now()
  // The pipeline over Reuters takes minutes: `--cache FILE` keeps its output for the next run (outside the repository).
  const cacheFile = args.includes('--cache') ? args[args.indexOf('--cache') + 1] : undefined
  const data: IndexData = cacheFile && existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : await reutersSubset(file, passages)
  if (cacheFile && !existsSync(cacheFile)) writeFileSync(cacheFile, JSON.stringify(data))
  console.log(`pipeline: ${data.passages.length} passages in ${data.articles.length} articles, ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const embedded = createMemoryEngine(data, { cacheBytes: 0, searchBudgetMs: Number.POSITIVE_INFINITY })
  const backend = testOpenSearchBackend('parity')
  try {
    started = performance.now()
    await backend.build(data, {})
    console.log(`OpenSearch build: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const engine = await backend.open()
    const cases = await parityCases(embedded, NEWS_QUERIES)
    const report = await compareEngines(embedded, engine, cases)
    console.log(describeReport(report))
    for (const outcome of report.cases) {
      const differs = outcome.totals[0] !== outcome.totals[1] || !outcome.facetsIdentical || (outcome.sort !== 'relevance' && !outcome.firstPageIdentical)
      if (differs || args.includes('--all')) {
        console.log(`- ${outcome.label} [${outcome.sort}] totals ${outcome.totals.join('/')} facets ${outcome.facetsIdentical ? 'same' : outcome.facetDifferences.join('; ')} page ${outcome.firstPageIdentical ? 'same' : `overlap ${outcome.overlap}`}`)
      }
    }
    if (args.includes('--json')) console.log(JSON.stringify(report))
  } finally {
    await removeOpenSearchBackend(backend)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message)
    process.exitCode = 1
  })
}
