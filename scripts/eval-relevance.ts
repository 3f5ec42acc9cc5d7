// Measures ranking quality on BEIR SciFact: nDCG@10 and recall@100 over the training claims, through the
// same engine and query path the server uses (or, with --backend minisearch, a plain MiniSearch index
// built with the same analyzer, for tuning analyzer and BM25 settings without the engine).
//
//   npm run eval:relevance                                  # through createMemoryEngine, as the server searches
//   npm run eval:relevance -- --backend minisearch          # plain MiniSearch + analyzer + rankingDefaults
//   npm run eval:relevance -- --sweep all                   # the settings grid behind ranking.ts (or --sweep fields,bm25)
//   npm run eval:relevance -- --corpus DIR --qrels FILE     # another BEIR-shaped folder or split
//   npm run eval:relevance -- --engine opensearch           # the OpenSearch backend (OPENSEARCH_URL); --rescore 0: its BM25 alone
//
// No per-query tuning: settings are chosen on the training claims only, and the held-back test claims
// are scored independently.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import MiniSearch from 'minisearch'
import { PROJECT_ROOT } from '../src/defaults.ts'
import { foldTerm, stemTerm, indexTerm, tokenizeForIndex } from '../src/text/analyze.ts'
import { rankingDefaults, type RankingDefaults } from '../src/engine/ranking.ts'
import type { ArticleRecord, Passage } from '../src/model.ts'

interface BeirDocument {
  id: string
  title: string
  text: string
}

interface BeirQuery {
  id: string
  text: string
}

/** Relevant document ids with their grades, per query id. */
type Qrels = Map<string, Map<string, number>>

/** A ranked list of document ids, best first. */
type Ranking = string[]

interface Scores {
  ndcgAt10: number
  recallAt100: number
  queries: number
}

const CUTOFF_NDCG = 10
const CUTOFF_RECALL = 100

// ---------------------------------------------------------------------------------------------
// Reading the BEIR files

function readJsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

function readCorpus(file: string): BeirDocument[] {
  return readJsonLines(file).map((row) => ({
    id: String(row._id),
    title: String(row.title ?? ''),
    text: String(row.text ?? ''),
  }))
}

function readQueries(file: string): BeirQuery[] {
  return readJsonLines(file).map((row) => ({ id: String(row._id), text: String(row.text ?? '') }))
}

/** A TREC-style qrels TSV with a header line: `query-id  corpus-id  score`. */
function readQrels(file: string): Qrels {
  const qrels: Qrels = new Map()
  const lines = readFileSync(file, 'utf8').split('\n').slice(1)
  for (const line of lines) {
    const [queryId, documentId, grade] = line.trim().split('\t')
    if (!queryId || !documentId) continue
    const judged = qrels.get(queryId) ?? new Map<string, number>()
    judged.set(documentId, Number(grade))
    qrels.set(queryId, judged)
  }
  return qrels
}

// ---------------------------------------------------------------------------------------------
// Metrics, as pytrec_eval computes them for BEIR (graded gains, log2 discount, ideal from the qrels)

function ndcgAt(ranking: Ranking, judged: Map<string, number>, cutoff: number): number {
  let dcg = 0
  ranking.slice(0, cutoff).forEach((id, rank) => {
    const gain = judged.get(id) ?? 0
    if (gain > 0) dcg += gain / Math.log2(rank + 2)
  })
  const ideal = [...judged.values()].filter((gain) => gain > 0).sort((a, b) => b - a).slice(0, cutoff)
  const idcg = ideal.reduce((sum, gain, rank) => sum + gain / Math.log2(rank + 2), 0)
  return idcg === 0 ? 0 : dcg / idcg
}

function recallAt(ranking: Ranking, judged: Map<string, number>, cutoff: number): number {
  const relevant = [...judged].filter(([, gain]) => gain > 0).map(([id]) => id)
  if (relevant.length === 0) return 0
  const top = new Set(ranking.slice(0, cutoff))
  return relevant.filter((id) => top.has(id)).length / relevant.length
}

function score(rankings: Map<string, Ranking>, qrels: Qrels): Scores {
  let ndcg = 0
  let recall = 0
  for (const [queryId, judged] of qrels) {
    const ranking = rankings.get(queryId) ?? []
    ndcg += ndcgAt(ranking, judged, CUTOFF_NDCG)
    recall += recallAt(ranking, judged, CUTOFF_RECALL)
  }
  return { ndcgAt10: ndcg / qrels.size, recallAt100: recall / qrels.size, queries: qrels.size }
}

// ---------------------------------------------------------------------------------------------
// Backend 1: the engine, as the server builds and queries it

/** Each abstract becomes one article of one passage: title → title, text → text. */
function toEngineInput(documents: BeirDocument[]): { articles: ArticleRecord[]; passages: Passage[] } {
  const articles: ArticleRecord[] = []
  const passages: Passage[] = []
  for (const document of documents) {
    articles.push({
      id: document.id,
      title: document.title,
      titleOrigin: 'metadata',
      source: 'SciFact',
      language: 'en',
      file: `${document.id}.json`,
      passageIds: [document.id],
      people: [],
      topics: [],
    })
    passages.push({
      id: document.id,
      articleId: document.id,
      position: 0,
      text: document.text,
      title: document.title,
      source: 'SciFact',
      people: [],
      topics: [],
    })
  }
  return { articles, passages }
}

async function rankWithEngine(documents: BeirDocument[], queries: BeirQuery[], engineModule: string): Promise<Map<string, Ranking>> {
  // Imported by path at run time so the MiniSearch backend keeps working while the engine is absent.
  const { createMemoryEngine } = (await import(engineModule)) as {
    createMemoryEngine: (input: { articles: ArticleRecord[]; passages: Passage[] }) => Promise<import('../src/engine/engine.ts').SearchEngine> | import('../src/engine/engine.ts').SearchEngine
  }
  return rankAll(await createMemoryEngine(toEngineInput(documents)), queries, 'engine')
}

/** Each query's ranked articles through an engine's own search, as the server asks it. */
async function rankAll(engine: import('../src/engine/engine.ts').SearchEngine, queries: BeirQuery[], name: string): Promise<Map<string, Ranking>> {
  const rankings = new Map<string, Ranking>()
  let relaxed = 0
  for (const query of queries) {
    const response = await engine.search({ query: query.text, size: CUTOFF_RECALL })
    if (response.relaxed) relaxed += 1
    rankings.set(query.id, response.results.map((hit) => hit.passage.articleId))
  }
  console.log(`${name}: ${relaxed} of ${queries.length} queries answered with relaxed (most-of-the-words) matching`)
  return rankings
}

// ---------------------------------------------------------------------------------------------
// Backend 2: plain MiniSearch with the analyzer, for tuning

interface HarnessSettings {
  ranking: RankingDefaults
  /** Index title and text as one field (Anserini's setup) instead of two boosted fields. */
  oneField: boolean
  /**
   * How the number of query terms a document matches weighs in: MiniSearch multiplies the BM25 sum by
   * it; 0 undoes that (plain BM25), p > 0 multiplies plain BM25 by (matched / query terms)^p.
   */
  coordination: 'minisearch' | number
  /** Fuzzy matching for terms of `ranking.fuzzyMinLength` letters or more, as the engine does. */
  fuzzy: boolean
  /**
   * The engine's relaxation. true: the passages having every word when there are any, else all passages
   * with any. 'fill': the passages having every word first, then the other partial matches by score.
   */
  allWordsFirst: boolean | 'fill'

}

type HarnessIndex = MiniSearch<BeirDocument & { all: string }>

function buildHarnessIndex(documents: BeirDocument[], oneField: boolean, processTerm: (word: string) => string | null = indexTerm): HarnessIndex {
  const index: HarnessIndex = new MiniSearch({ fields: oneField ? ['all'] : ['title', 'text'], tokenize: tokenizeForIndex, processTerm })
  index.addAll(documents.map((document) => ({ ...document, all: `${document.title}\n${document.text}` })))
  return index
}

function rankWithMiniSearch(
  index: HarnessIndex,
  queries: BeirQuery[],
  settings: HarnessSettings,
  processTerm: (word: string) => string | null = indexTerm,
): Map<string, Ranking> {
  const { bm25, boost, fuzzy, fuzzyMinLength, weights } = settings.ranking
  const rankings = new Map<string, Ranking>()
  for (const query of queries) {
    const terms = tokenizeForIndex(query.text).map(processTerm).filter((term): term is string => !!term)
    const distinctTerms = new Set(terms).size
    const search = (combineWith: 'AND' | 'OR') =>
      index.search(
        {
          combineWith,
          queries: terms.map((term) => ({ combineWith: 'OR', queries: [term], fuzzy: settings.fuzzy && term.length >= fuzzyMinLength ? fuzzy : false })),
        },
        { bm25, weights, boost: settings.oneField ? {} : { title: boost.title, text: boost.text }, tokenize: (term) => [term], processTerm: (term) => term },
      )
    const allWords = settings.allWordsFirst ? search('AND') : []
    let hits = allWords
    if (hits.length === 0 || settings.allWordsFirst === 'fill') hits = search('OR')
    // Under 'fill', passages with every word rank above all others: their scores are lifted past the top.
    const lift = settings.allWordsFirst === 'fill' ? Math.max(0, ...hits.map((hit) => hit.score)) : 0
    const hasAllWords = new Set(allWords.map((hit) => hit.id))
    const rescored = hits.map((hit) => {
      const matched = hit.queryTerms.length || 1
      const plain = hit.score / matched
      const coordination = settings.coordination
      const value = coordination === 'minisearch' ? hit.score : plain * (matched / Math.max(1, distinctTerms)) ** coordination
      return { id: String(hit.id), value: value + (hasAllWords.has(hit.id) ? lift : 0) }
    })
    // Ties broken by id, descending, as trec_eval does, so runs are reproducible.
    rescored.sort((a, b) => b.value - a.value || (a.id < b.id ? 1 : -1))
    rankings.set(query.id, rescored.slice(0, CUTOFF_RECALL).map((hit) => hit.id))
  }
  return rankings
}

/** Stop-word lists tried by the sweep, besides the analyzer's own. */
const STOP_LIST_VARIANTS: Record<string, ReadonlySet<string>> = {
  none: new Set(),
  // The analyzer's list plus frequent function words of English prose.
  extended: new Set(
    'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with from has have had been were which who whom what when where why how than its our we you your he she his her them those can could would should may might do does did so also about after before over under between both each more most other some any all only very'.split(' '),
  ),
}

function processTermWithStopList(stopList: ReadonlySet<string>): (word: string) => string | null {
  return (word) => {
    const term = stemTerm(word)
    if (term === '' || stopList.has(foldTerm(word))) return null
    return term
  }
}

/** The engine's current shape: two fields, MiniSearch's coordination, fuzzy matching, all words first. */
const ENGINE_LIKE: HarnessSettings = { ranking: rankingDefaults, oneField: false, coordination: 'minisearch', fuzzy: true, allWordsFirst: true }

/** The sweep's sections; `--sweep NAME` runs one, `--sweep all` every one. */
const SWEEP_SECTIONS = ['shape', 'fields', 'matching', 'analyzer', 'bm25'] as const
type SweepSection = (typeof SWEEP_SECTIONS)[number]

function sweep(documents: BeirDocument[], queries: BeirQuery[], qrels: Qrels, sections: readonly SweepSection[]): void {
  const indexes = new Map<boolean, HarnessIndex>()
  const indexFor = (oneField: boolean): HarnessIndex => {
    if (!indexes.has(oneField)) indexes.set(oneField, buildHarnessIndex(documents, oneField))
    return indexes.get(oneField)!
  }
  const run = (label: string, settings: HarnessSettings, index = indexFor(settings.oneField), processTerm = indexTerm): void => {
    const started = Date.now()
    const { ndcgAt10, recallAt100 } = score(rankWithMiniSearch(index, queries, settings, processTerm), qrels)
    console.log(`${label.padEnd(64)} nDCG@10 ${ndcgAt10.toFixed(4)}  recall@100 ${recallAt100.toFixed(4)}  (${Date.now() - started} ms)`)
  }
  const withRanking = (change: Partial<RankingDefaults>, base = rankingDefaults): RankingDefaults => ({ ...base, ...change })
  const withTitle = (title: number): RankingDefaults => withRanking({ boost: { ...rankingDefaults.boost, title } })
  // Pure BM25 over the analyzer: no fuzzy terms, no all-words-first, no coordination factor.
  const plain: HarnessSettings = { ...ENGINE_LIKE, allWordsFirst: false, fuzzy: false, coordination: 0 }

  if (sections.includes('shape')) {
    console.log('— the engine\'s shape with ranking.ts, then one change at a time —')
    run('engine-like: two fields, coordination ×matched, fuzzy, all words first', ENGINE_LIKE)
    run('  without all-words-first (rank every partial match)', { ...ENGINE_LIKE, allWordsFirst: false })
    run('  without fuzzy', { ...ENGINE_LIKE, fuzzy: false })
    run('  coordination 0 (plain BM25 sum)', { ...ENGINE_LIKE, coordination: 0 })
    run('  one field (title + text)', { ...ENGINE_LIKE, oneField: true })
  }
  if (sections.includes('fields')) {
    console.log('— title weight and coordination (no fuzzy, no all-words-first) —')
    run('one field (title + text), coordination 0', { ...plain, oneField: true })
    run('one field (title + text), coordination ×matched', { ...plain, oneField: true, coordination: 'minisearch' })
    for (const title of [0.3, 0.4, 0.5, 0.7, 1, 2]) {
      for (const coordination of ['minisearch', 0] as const) {
        run(`two fields, title boost ${title}, coordination ${coordination === 0 ? '0' : '×matched'}`, { ...plain, coordination, ranking: withTitle(title) })
      }
    }
  }
  if (sections.includes('matching')) {
    console.log('— all words first and fuzzy matching, on ranking.ts with coordination 0 —')
    run('plain BM25', plain)
    run('all words first', { ...plain, allWordsFirst: true })
    run('fuzzy (ranking.ts)', { ...plain, fuzzy: true })
    run('all words first + fuzzy (ranking.ts)', { ...plain, allWordsFirst: true, fuzzy: true })
    run('all words first, then the other partial matches + fuzzy (ranking.ts)', { ...plain, allWordsFirst: 'fill', fuzzy: true })
    for (const weight of [0.1, 0.2, 0.45]) {
      for (const fuzzyMinLength of [5, 7]) {
        const ranking = withRanking({ weights: { ...rankingDefaults.weights, fuzzy: weight }, fuzzyMinLength })
        run(`all words first + fuzzy weight ${weight}, from ${fuzzyMinLength} letters`, { ...plain, allWordsFirst: true, fuzzy: true, ranking })
      }
    }
  }
  if (sections.includes('analyzer')) {
    console.log('— stop words and stemming (plain BM25, ranking.ts) —')
    run('analyzer as is (Lucene\'s 33 stop words, Porter)', plain)
    for (const [name, list] of Object.entries(STOP_LIST_VARIANTS)) {
      const processTerm = processTermWithStopList(list)
      run(`stop words ${name}`, plain, buildHarnessIndex(documents, plain.oneField, processTerm), processTerm)
    }
    const unstemmed = (word: string): string | null => (indexTerm(word) === null ? null : foldTerm(word) || null)
    run('no stemming (fold only)', plain, buildHarnessIndex(documents, plain.oneField, unstemmed), unstemmed)
  }
  if (sections.includes('bm25')) {
    console.log('— BM25 k, b, d (plain BM25, ranking.ts boosts) —')
    for (const k of [0.9, 1.2, 1.5]) {
      for (const b of [0.6, 0.75, 0.9]) {
        for (const d of [0, 0.5]) run(`k ${k} b ${b} d ${d}`, { ...plain, ranking: withRanking({ bm25: { k, b, d } }) })
      }
    }
  }
}

/** The same documents and queries through the OpenSearch backend, in a throwaway index on OPENSEARCH_URL. */
async function rankWithOpenSearch(documents: BeirDocument[], queries: BeirQuery[], rescoreWindow?: number): Promise<Map<string, Ranking>> {
  const { createOpenSearchBackend } = await import('../src/engine/opensearch/index.ts')
  const backend = createOpenSearchBackend({ url: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200', index: `eval-relevance-${process.pid}`, rescoreWindow })
  const { articles, passages } = toEngineInput(documents)
  const now = new Date().toISOString()
  try {
    await backend.build({ articles, passages, personAliases: {}, topicLabels: {}, topicParents: {}, fieldFacets: [], builtAt: now, updatedAt: now }, {})
    return await rankAll(await backend.open(), queries, 'opensearch')
  } finally {
    await backend.http.request('DELETE', `/${backend.options.alias}-*`, undefined, { ignore: [404] })
    await backend.close()
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/corpora/beir-scifact') },
      qrels: { type: 'string' },
      backend: { type: 'string' },
      /** Another copy of `src/engine/index.ts` to measure, e.g. a variant being tried out; or "opensearch". */
      engine: { type: 'string' },
      /** With --engine opensearch: how many first results take the embedded engine's scores (0: OpenSearch's BM25). */
      rescore: { type: 'string' },
      sweep: { type: 'string' },
    },
  })
  const corpusDir = resolve(values.corpus!)
  const qrelsFile = resolve(values.qrels ?? resolve(corpusDir, 'qrels/train.tsv'))
  if (!existsSync(resolve(corpusDir, 'corpus.jsonl')) || !existsSync(qrelsFile)) {
    console.log(`eval:relevance skipped: no BEIR corpus at ${corpusDir} (expected corpus.jsonl, queries.jsonl, qrels/train.tsv)`)
    return
  }
  const documents = readCorpus(resolve(corpusDir, 'corpus.jsonl'))
  const qrels = readQrels(qrelsFile)
  const queries = readQueries(resolve(corpusDir, 'queries.jsonl')).filter((query) => qrels.has(query.id))
  console.log(`${documents.length} documents, ${queries.length} judged queries (${qrelsFile})`)

  const openSearch = values.engine === 'opensearch'
  const engineModule = resolve(openSearch || values.engine === undefined ? resolve(PROJECT_ROOT, 'src/engine/index.ts') : values.engine)
  const engineAvailable = existsSync(engineModule)
  const backend = openSearch ? 'opensearch' : (values.backend ?? (engineAvailable ? 'engine' : 'minisearch'))
  if (values.sweep !== undefined) {
    const sections = values.sweep === 'all' ? SWEEP_SECTIONS : SWEEP_SECTIONS.filter((section) => values.sweep!.split(',').includes(section))
    if (sections.length === 0) throw new Error(`eval:relevance: unknown sweep "${values.sweep}"; use all or ${SWEEP_SECTIONS.join(', ')}`)
    sweep(documents, queries, qrels, sections)
    return
  }
  const started = Date.now()
  const rankings =
    backend === 'opensearch'
      ? await rankWithOpenSearch(documents, queries, values.rescore === undefined ? undefined : Number(values.rescore))
      : backend === 'engine'
      ? await rankWithEngine(documents, queries, engineModule)
      : rankWithMiniSearch(buildHarnessIndex(documents, ENGINE_LIKE.oneField), queries, ENGINE_LIKE)
  const { ndcgAt10, recallAt100, queries: counted } = score(rankings, qrels)
  console.log(`backend: ${backend}${backend === 'minisearch' && !engineAvailable ? ' (src/engine/index.ts not there yet)' : ''}`)
  console.log(`nDCG@10     ${ndcgAt10.toFixed(4)}`)
  console.log(`recall@100  ${recallAt100.toFixed(4)}`)
  console.log(`${counted} queries, ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

await main()
