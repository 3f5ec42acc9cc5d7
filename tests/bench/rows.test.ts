// The benchmark's rows beyond the comparison (update, pipeline, attack, load): the worst queries and the
// distinct ones are built as the rows need, the measuring code runs end to end on a tiny index, and the
// report turns results into tables. No test asserts a timing. The worst-query check on the real corpus
// skips when the shared corpora are absent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { corporaAvailable, loadBaseCorpus, CORPORA_DIR, type BenchCorpus } from '../../bench/corpus.ts'
import { commonPairs, describeQuery, makeAttackQueries, makeDistinctQueries, makeQueryMix, misspell, withNonce } from '../../bench/queries.ts'
import { ArticleSupply, measureLivePath, measureWriterPath } from '../../bench/update-child.ts'
import { measureAttackQueries } from '../../bench/attack-child.ts'
import { storyMarkdown } from '../../bench/pipeline-child.ts'
import { attackMarkdown, loadMarkdown, pipelineMarkdown, replaceLatestRow, updateMarkdown } from '../../bench/report.ts'
import type { BenchResult, LoadResult, PipelineResult, UpdateResult } from '../../bench/results.ts'
import { latencyFigures } from '../../bench/stats.ts'
import { createEmbeddedBackend } from '../../src/engine/embedded/backend.ts'
import { createMemoryEngine } from '../../src/engine/index.ts'
import { readMarkdown } from '../../src/ingest/read/md.ts'
import { makeCorpus } from '../helpers/passages.ts'

const SENTENCES = [
  'The minister of the interior said in a statement that the company would pay',
  'Shares of the company rose in a week of heavy trading on the exchange',
  'Coffee exporters of the region said in a report that prices were rising',
  'The central bank of the country cut rates in a move that surprised markets',
]

/** Forty small articles of one or two passages, with the word pairs a news corpus is full of. */
function tinyCorpus(): BenchCorpus {
  const specs = Array.from({ length: 60 }, (_, i) => ({
    text: `${SENTENCES[i % SENTENCES.length]} number ${i} international governments`,
    article: `a${Math.floor((i * 2) / 3)}`,
    source: i % 2 ? 'Reuters' : 'AP',
    topics: ['economy'],
    date: `2020-0${1 + (i % 9)}-01`,
  }))
  return { ...makeCorpus(specs), topicLabels: { economy: 'Economy' } }
}

const temporary: string[] = []
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true })
})

describe('the worst queries', () => {
  const corpus = tinyCorpus()

  it('are built from the corpus, each under the length that leaves room for a nonce', () => {
    const attacks = makeAttackQueries(corpus.passages)
    expect(attacks.length).toBeGreaterThanOrEqual(8)
    expect(new Set(attacks.map((a) => a.name)).size).toBe(attacks.length)
    for (const attack of attacks) {
      expect(attack.query.length, attack.name).toBeGreaterThan(0)
      expect(attack.query.length, attack.name).toBeLessThanOrEqual(980)
      expect(withNonce(attack.query, 123_456).length, attack.name).toBeLessThanOrEqual(1000)
    }
    expect(attacks[0].query).toMatch(/^\("[a-z]+ [a-z]+" [a-z]\*\) OR \("[a-z]+ [a-z]+" [a-z]\*\)$/)
  })

  it('count word pairs with the stop words in them', () => {
    const pairs = commonPairs(corpus.passages, 5).map((pair) => pair.join(' '))
    expect(pairs).toContain('of the')
    expect(pairs).toContain('in a')
  })

  it('misspell a long word by one letter in its middle', () => {
    const typo = misspell('international')
    expect(typo).toHaveLength('international'.length)
    expect([...typo].filter((letter, i) => letter !== 'international'[i])).toHaveLength(1)
  })

  it('are made unique by a nonce, so no cache can answer them', () => {
    expect(withNonce('the', 0)).not.toBe(withNonce('the', 1))
    expect(withNonce('the', 27)).toBe('the -qzxbb')
  })

  describe.skipIf(!corporaAvailable())('on the bench corpus', () => {
    it('hold 45 to 60 phrase-and-prefix groups in the longest', async () => {
      const base = await loadBaseCorpus()
      const groups = makeAttackQueries(base.passages).find((a) => a.name === 'phrase+prefix, max groups')!
      const count = groups.query.split(' OR ').length
      expect(count).toBeGreaterThanOrEqual(45)
      expect(count).toBeLessThanOrEqual(60)
    })
  })
  if (!corporaAvailable()) console.warn(`tests/bench: the worst queries on the bench corpus skipped, the corpora are not in ${CORPORA_DIR}`)
})

describe('distinct queries', () => {
  it('never repeat', () => {
    const distinct = makeDistinctQueries(tinyCorpus().passages, 300)
    expect(distinct.length).toBeGreaterThan(100)
    expect(new Set(distinct.map(describeQuery)).size).toBe(distinct.length)
  })
})

describe('the article supply of the update row', () => {
  const corpus = tinyCorpus()
  const supply = new ArticleSupply(corpus)

  it('makes new articles under ids the corpus does not use', () => {
    const ids = new Set(corpus.articles.map((a) => a.id))
    const passageIds = new Set(corpus.passages.map((p) => p.id))
    for (let i = 0; i < 50; i++) {
      const { article, passages } = supply.fresh()
      expect(ids.has(article.id)).toBe(false)
      for (const passage of passages) {
        expect(passageIds.has(passage.id)).toBe(false)
        expect(passage.articleId).toBe(article.id)
      }
      ids.add(article.id)
    }
  })

  it('changes an indexed article under its own id, with new passage ids and text', () => {
    const { article, passages } = supply.changed()
    const original = corpus.passages.filter((p) => p.articleId === article.id)
    expect(original.length).toBeGreaterThan(0)
    expect(passages.map((p) => p.id)).not.toEqual(original.map((p) => p.id))
    expect(passages[0].text).not.toBe(original[0].text)
  })

  it('removes indexed articles other than those it changes', () => {
    const removed = supply.removedId()
    expect(corpus.articles.some((a) => a.id === removed)).toBe(true)
  })
})

describe('the rows measured on a tiny index', () => {
  async function tinyIndex(): Promise<{ dir: string; queriesFile: string; corpus: BenchCorpus }> {
    const corpus = tinyCorpus()
    const dir = await mkdtemp(join(tmpdir(), 'clippings-bench-rows-'))
    temporary.push(dir)
    const now = '2026-01-01T00:00:00Z'
    await createEmbeddedBackend(join(dir, 'index')).build({ ...corpus, personAliases: {}, topicParents: {}, fieldFacets: [], builtAt: now, updatedAt: now }, {})
    const queriesFile = join(dir, 'queries.json')
    await writeFile(queriesFile, JSON.stringify({ mix: makeQueryMix(corpus.passages, { count: 12 }), attacks: [], distinct: [] }))
    return { dir, queriesFile, corpus }
  }

  it('times each change through the writer, and the merge after', async () => {
    const { dir, queriesFile, corpus } = await tinyIndex()
    const result = await measureWriterPath({ indexDir: join(dir, 'index'), scratchDir: join(dir, 'index'), queriesFile, runs: 2, bulk: 5 }, new ArticleSupply(corpus))
    expect(result.passages).toBe(corpus.passages.length)
    expect(result.writer!.ops.map((op) => op.name)).toEqual(['add 1 article', 'add 5 articles', 'change 1 article', 'remove 1 article'])
    expect(result.writer!.ops[1].passages).toBeGreaterThanOrEqual(5)
    expect(result.writer!.merge!.deltas).toBeGreaterThan(0)
    expect(await createEmbeddedBackend(join(dir, 'index')).exists()).toBe(true)
  })

  it('times each change through a live engine, and searches while articles stream in', async () => {
    const { dir, queriesFile, corpus } = await tinyIndex()
    const { live } = await measureLivePath(
      { indexDir: join(dir, 'index'), scratchDir: join(dir, 'index'), queriesFile, runs: 1, bulk: 3, streamSeconds: 0.4, searchesPerSecond: 20, updateEveryMs: 50 },
      new ArticleSupply(corpus),
    )
    expect(live!.ops).toHaveLength(4)
    expect(live!.ops.every((op) => op.stallMs !== undefined)).toBe(true)
    expect(live!.streaming!.without.count).toBeGreaterThan(3)
    expect(live!.streaming!.with.updates).toBeGreaterThan(0)
    const engine = await createEmbeddedBackend(join(dir, 'index')).loadEngine()
    expect((await engine.stats()).passages).toBeGreaterThan(corpus.passages.length)
  })

  it('runs each worst query and says whether it was cut short', async () => {
    const corpus = tinyCorpus()
    const engine = createMemoryEngine({ articles: corpus.articles, passages: corpus.passages, topicLabels: corpus.topicLabels }, { cacheBytes: 0 })
    const result = await measureAttackQueries(engine, makeAttackQueries(corpus.passages), 1)
    expect(result.queries.length).toBeGreaterThanOrEqual(8)
    const commonest = result.queries.find((q) => q.name === 'commonest word')!
    expect(commonest.total).toBeGreaterThan(0)
    expect(typeof commonest.partial).toBe('boolean')
  })
})

describe('the pipeline row', () => {
  it('writes a story as Markdown the reader takes title, source and date from', () => {
    const outcome = readMarkdown(storyMarkdown({ id: 7, title: 'BAHIA "COCOA" REVIEW: week', date: '1987-02-26', paragraphs: ['Showers continued.', 'Arrivals were late.'] }), 'reuters-7.md')
    expect('article' in outcome).toBe(true)
    if (!('article' in outcome)) return
    expect(outcome.article.meta).toMatchObject({ title: 'BAHIA "COCOA" REVIEW: week', source: 'Reuters' })
    expect(JSON.stringify(outcome.article.meta)).toContain('1987-02-26')
    expect(outcome.article.body).toContain('Arrivals were late.')
  })
})

describe('the rows in the report', () => {
  const spread = (median: number) => ({ min: median, median, max: median * 2 })
  const update: UpdateResult = {
    passages: 131_410,
    writer: {
      ops: [{ name: 'add 1 article', runs: 5, articles: 1, passages: 4, totalMs: spread(20), flushMs: spread(15), merges: 0 }],
      merge: { deltas: 12, loadMs: 1100, mergeMs: 2300 },
    },
    live: {
      openMs: 1200,
      ops: [{ name: 'add 1 article', runs: 5, articles: 1, passages: 4, totalMs: spread(12), flushMs: spread(11), stallMs: spread(3), merges: 1 }],
      streaming: {
        seconds: 20,
        searchesPerSecond: 50,
        updateEveryMs: 100,
        without: { ...latencyFigures([1, 2, 3]), loopDelayMaxMs: 9 },
        with: { ...latencyFigures([1, 2, 40]), loopDelayMaxMs: 45, updates: 180, flushMs: latencyFigures([10, 12]), merges: 2 },
      },
    },
    errors: [],
  }

  it('shows each change through both paths, the merge and the searches while updates stream in', () => {
    const text = updateMarkdown(update)
    expect(text).toContain('| add 1 article (1 merge set off) | 4 | 20.0 ms (20.0 ms–40.0 ms) | 12.0 ms (12.0 ms–24.0 ms) | 6.00 ms |')
    expect(text).toContain('a full load 1.10 s, then a new base 2.30 s')
    expect(text).toContain('| with updates | 3 | 2.00 ms | 40.0 ms | 40.0 ms | 45.0 ms |')
  })

  it('gives the pipeline share of a full build against the bar', () => {
    const pipeline: PipelineResult = { articles: 2000, passages: 3000, fullMs: 60_000, ops: [{ name: 'add 1 article', runs: 3, ms: spread(3000), articles: [{ added: 1, changed: 0, removed: 0 }] }], worstShareOfFull: 0.05, cli: { fullMs: 62_000, addOneMs: 5000, unchangedMs: 2000 }, errors: [] }
    const text = pipelineMarkdown(pipeline)
    expect(text).toContain('| add 1 article | 3.00 s (3.00 s–6.00 s) | 0.050 | 1/0/0 |')
    expect(text).toContain('0.050 (the bar: at most 0.1)')
  })

  it('shows the normal clients beside the attackers, and the load held with the memory', () => {
    const http = { cache: true, connections: 20, seconds: 20, requestsPerSecond: 900, latencyMs: { p50: 5, p90: 30, p99: 80, max: 120 }, requests: 18_000, errors: 0, timeouts: 0, non2xx: 0 }
    const attack = attackMarkdown({
      http: { normalClients: 20, attackClients: 5, phases: [{ name: 'with 5 attackers', seconds: 20, loadAverage: { start: 0.5, end: 2.1 }, normal: http, attackers: { clients: 5, sent: 80, answered: 78, partial: 70, hungUp: 0, errors: 0, statuses: { 200: 78 }, latencyMs: latencyFigures([250, 260]) } }] },
      errors: [],
    })
    expect(attack).toContain('| with 5 attackers | 900 | 5.00 ms | 80.0 ms | 120 ms | 0 | 80 / 78 / 70 / 0 | 0.5 → 2.1 |')
    const load: LoadResult = { connections: 200, distinctQueries: 20_000, rssBeforeMiB: 400, rounds: [{ seconds: 60, http: { ...http, connections: 200, requests: 30_000 }, rssEndMiB: 800, rssMaxMiB: 820 }], rssSeries: [[0, 400], [5, 600]], loadAverage: { start: 0.2, end: 1.9 }, errors: [] }
    const text = loadMarkdown(load, true)
    expect(text).toContain('| 0–60 s | 900 | 5.00 ms | 80.0 ms | 120 ms | 0 | 0 | 0 | 800 MiB | 820 MiB |')
    expect(text).toContain('10,000 requests repeated a query')
    expect(text).toContain('RSS over time (s: MiB): 0: 400, 5: 600.')
  })

  it('replaces a row\'s latest block in the README, or adds it at the end', () => {
    const result = { date: '2026-12-01T00:00:00.000Z', scale: '100k', passages: 131_410, machine: { cpu: 'CPU', cores: 2, loadAverageAtStart: 0.1 } } as BenchResult
    const once = replaceLatestRow('# Benchmark\n', 'update', result, 'r.md', 'first')
    expect(once).toContain('<!-- bench:latest:100k:update:start -->')
    const twice = replaceLatestRow(`${once}\nafter\n`, 'update', result, 'r.md', 'second')
    expect(twice).toContain('second')
    expect(twice).not.toContain('first')
    expect(twice).toContain('after')
  })
})
