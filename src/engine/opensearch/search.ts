// One search on OpenSearch: the request (words, date bounds and exclusions as the query, facet selections
// as a `post_filter`, one filtered aggregation per counted facet), the fallback to "most of the words" when no
// passage has them all, and the answer read into the shape the views use: hits with highlight ranges and
// snippets from the shared text-side highlighter, exact disjunctive counts, article groups, suggestions.
import { defaults } from '../../defaults.ts'
import type { FacetDefinition, FacetRegistry } from '../../facets/registry.ts'
import { facetValueLabel } from '../../facets/registry.ts'
import type { ArticleGroup, FacetCounts, FacetName, Passage, SearchHit, SearchResponse, SortOrder, Timeline } from '../../model.ts'
import { foldTerm, indexTerm } from '../../text/analyze.ts'
import { foldDuplicates } from '../collapse.ts'
import type { IndexMeta, SearchOptions } from '../engine.ts'
import { highlight, highlightQueryTerms, makeSnippet, withinEditDistance } from '../highlight.ts'
import type { RankingDefaults } from '../ranking.ts'
import { timelineOf } from '../timeline.ts'
import { subAggregation, type Aggregation, type CountAnswer, type SearchAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import { sendableTerm } from './documents.ts'
import { chosenAggregation, listFacet, readValues, topValuesOf, valuesAggregation, type ReadValues } from './facets.ts'
import { TERM_FIELDS } from './mapping.ts'
import { byRelevance, orderDatePage, scoreExactly, type OrderedHit } from './ordering.ts'
import { isRelaxable, type SearchPlan } from './plan.ts'
import { MATCH_ALL, type Dsl } from './query.ts'
import type { StatisticsSource } from './rescore.ts'

/** What a search reads besides the plan: the cluster, the passages index and its facets and labels. */
export interface SearchContext {
  http: OpenSearchHttp
  /** The concrete passages index (not the alias: its meta is what the plan was made with). */
  index: string
  registry: FacetRegistry
  meta: IndexMeta
  /** Milliseconds the cluster may search before answering what it has. */
  timeoutMs: number
  ranking: RankingDefaults
  /** The index's statistics for scores as the embedded engine computes them. */
  statistics: StatisticsSource
  /**
   * Order the first `rescoreWindow` results of a relevance search, and passages sharing a date in a
   * date-sorted page, by the embedded engine's scores (see ordering.ts); 0 leaves OpenSearch's BM25 order.
   */
  rescoreWindow: number
}

/** The order of a search as sort keys; ties end in the corpus order, as in the embedded engine. */
export function sortOf(order: SortOrder): Dsl[] {
  const byDate = (direction: 'asc' | 'desc') => ({ date_start: { order: direction, missing: '_last', unmapped_type: 'integer' } })
  if (order === 'relevance') return [{ _score: 'desc' }, byDate('desc'), { seq: 'asc' }]
  return [byDate(order === 'newest' ? 'desc' : 'asc'), { _score: 'desc' }, { seq: 'asc' }]
}

/** Words (strict or relaxed), date bounds and exclusions: the passages a search is about before facets. */
export function baseQuery(plan: SearchPlan, words: Dsl): Dsl {
  const bool: Record<string, Dsl[]> = {}
  if (words !== MATCH_ALL) bool.must = [words]
  if (plan.date) bool.filter = [plan.date]
  if (plan.compiled.exclusions.length > 0) bool.must_not = plan.compiled.exclusions
  return Object.keys(bool).length > 0 ? { bool } : MATCH_ALL
}

/** Every facet's selection but `except`'s, as one filter. */
export function selectionFilter(plan: SearchPlan, except?: FacetName): Dsl {
  const filters = [...plan.facetFilters].filter(([facet]) => facet !== except).map(([, filter]) => filter)
  return filters.length > 0 ? { bool: { filter: filters } } : MATCH_ALL
}

/** The whole query a search's hits satisfy: base query and every facet's selection. */
export function fullQuery(plan: SearchPlan, words: Dsl): Dsl {
  const selection = selectionFilter(plan)
  if (selection === MATCH_ALL) return baseQuery(plan, words)
  return { bool: { must: [baseQuery(plan, words)], filter: [selection] } }
}

/** The words a search runs with: all of them, or most of them when no passage (after filters) has them all. */
export async function wordsToUse(ctx: SearchContext, plan: SearchPlan, signal?: AbortSignal): Promise<{ words: Dsl; relaxed: boolean }> {
  if (!isRelaxable(plan)) return { words: plan.compiled.strict, relaxed: false }
  const { body } = await ctx.http.request<CountAnswer>('POST', `/${ctx.index}/_count`, { query: fullQuery(plan, plan.compiled.strict) }, { signal })
  return body.count > 0 ? { words: plan.compiled.strict, relaxed: false } : { words: plan.compiled.relaxed!, relaxed: true }
}

interface Page {
  page: number
  size: number
  facetSize: number
  groupByArticle: boolean
  /** Fold repeated passages into the first of them (see src/engine/collapse.ts). */
  collapse: boolean
  timeline: boolean
}

/** Where the hits a request fetches start and how many. */
interface Window {
  from: number
  size: number
}

/** Results ranked before folding repeats: at least this many, as the embedded engine ranks (its result window). */
const FOLD_WINDOW = defaults.resultWindow
/** Deepest a search ranks to fill a page that repeats ate, as in the embedded engine. */
const MAX_FOLD_DEPTH = 6400

/** The passages a search reads back: enough to order, fold and show them. */
const HIT_SOURCE = ['passage', 'seq', 'date_start']

function aggregations(ctx: SearchContext, plan: SearchPlan, page: Page): Record<string, Dsl> {
  const aggs: Record<string, Dsl> = {}
  for (const facet of ctx.registry.facets) {
    const values = [...new Set([...(plan.filters[facet.name] ?? []), ...(plan.exclude[facet.name] ?? [])])]
    const chosen = values.length > 0 ? values : undefined
    const counted = plan.countedFacets.includes(facet.name)
    if (counted) {
      const inner: Record<string, Dsl> = { values: valuesAggregation(facet, wantedOf(facet, page.facetSize)) }
      if (chosen) inner.chosen = chosenAggregation(facet, chosen)
      aggs[`facet:${facet.name}`] = { filter: selectionFilter(plan, facet.name), aggs: inner }
    }
    if (chosen) aggs[`known:${facet.name}`] = { global: {}, aggs: { values: chosenAggregation(facet, chosen) } }
  }
  if (page.groupByArticle) {
    aggs.articles = { filter: selectionFilter(plan), aggs: { count: { cardinality: { field: 'article_id', precision_threshold: 40_000 } } } }
  }
  if (page.timeline) {
    // Passages per first possible day (a partial date counts on its first day), and the undated.
    aggs.timeline = { filter: selectionFilter(plan), aggs: { days: { terms: { field: 'date_start', size: 100_000 } }, undated: { missing: { field: 'date_start' } } } }
  }
  return aggs
}

function searchBody(ctx: SearchContext, plan: SearchPlan, words: Dsl, page: Page, window: Window, timeoutMs: number, aggregate: boolean): Dsl {
  const sort = sortOf(plan.sort)
  const selection = selectionFilter(plan)
  const body: Dsl = {
    query: baseQuery(plan, words),
    ...(selection !== MATCH_ALL ? { post_filter: selection } : {}),
    ...(aggregate ? { aggs: aggregations(ctx, plan, page) } : {}),
    sort,
    from: window.from,
    size: window.size,
    track_total_hits: aggregate ? true : false,
    // Date orders break ties by score, so scores are computed for them too (browsing scores nothing).
    track_scores: plan.sort !== 'relevance' && plan.compiled.clauses.length > 0,
    _source: HIT_SOURCE,
    timeout: `${timeoutMs}ms`,
  }
  if (page.groupByArticle) {
    body.collapse = { field: 'article_id', inner_hits: { name: 'passages', size: defaults.groupPassages, sort, _source: HIT_SOURCE } }
  }
  return body
}

/** How many values a facet lists: its top ones, or all of a facet listed only within another's choice (months). */
function wantedOf(facet: FacetDefinition, facetSize: number): number {
  return facet.onlyWithin ? 10_000 : facetSize
}

/**
 * Runs a search: one request (facets, total and the hits to order and fold), another when the words had to be
 * relaxed, more only when a facet's counts were in doubt, a date group was cut by the page's edge, or repeats
 * ate the page.
 */
export async function runSearch(ctx: SearchContext, plan: SearchPlan, page: Page, options: SearchOptions = {}): Promise<SearchResponse> {
  const started = performance.now()
  const timeoutMs = options.budgetMs ?? ctx.timeoutMs
  const offset = (page.page - 1) * page.size
  const collapse = page.collapse && !page.groupByArticle
  const scored = ctx.rescoreWindow > 0 && plan.compiled.clauses.length > 0 && !page.groupByArticle
  // Folding compares the results from the top; rescoring reorders the first results of a relevance search.
  const fromTop = collapse || (scored && plan.sort === 'relevance' && offset + page.size <= ctx.rescoreWindow)
  let depth = collapse ? Math.max(FOLD_WINDOW, (offset + page.size) * 2) : scored && fromTop ? ctx.rescoreWindow : page.size
  const window = (): Window => (fromTop ? { from: 0, size: depth } : { from: offset, size: page.size })
  const request = async (words: Dsl, aggregate: boolean) =>
    (
      await ctx.http.request<SearchAnswer<OrderedHit['_source']>>('POST', `/${ctx.index}/_search`, searchBody(ctx, plan, words, page, window(), timeoutMs, aggregate), {
        signal: options.signal,
      })
    ).body
  let words = plan.compiled.strict
  let answer = await request(words, true)
  let relaxed = false
  if (total(answer) === 0 && isRelaxable(plan) && !answer.timed_out) {
    words = plan.compiled.relaxed!
    answer = await request(words, true)
    relaxed = true
  }
  const response: SearchResponse = {
    query: '',
    reading: plan.parsed.reading,
    total: total(answer),
    page: page.page,
    size: page.size,
    sort: plan.sort,
    tookMs: 0,
    results: [],
    facets: await facetCounts(ctx, plan, answer.aggregations ?? {}, words, page.facetSize),
    effectiveFilters: plan.filters,
    effectiveExclude: plan.exclude,
    effectiveFrom: plan.from,
    effectiveTo: plan.to,
  }
  const hit = (raw: OrderedHit): SearchHit => toHit(raw._source.passage, typeof raw._score === 'number' ? raw._score : 0, plan)
  if (page.groupByArticle) {
    response.groups = (answer.hits.hits as OrderedHit[]).map((raw): ArticleGroup => {
      const inner = raw.inner_hits?.passages?.hits
      const hits = ((inner?.hits ?? [raw]) as OrderedHit[]).map(hit)
      const matches = inner?.total.value ?? hits.length
      return { articleId: raw._source.passage.articleId, title: hits[0]?.passage.title ?? raw._source.passage.title, hits, moreMatches: Math.max(0, matches - hits.length) }
    })
    response.totalArticles = subAggregation(answer.aggregations?.articles, 'count')?.value ?? 0
    response.results = response.groups.flatMap((group) => group.hits)
  } else {
    const ordered = async (fetched: OrderedHit[]): Promise<OrderedHit[]> => {
      if (!scored) return fetched
      if (plan.sort === 'relevance') {
        if (!fromTop) return fetched
        await scoreExactly(orderingOf(ctx), plan.compiled.clauses, fetched)
        return fetched.sort(byRelevance)
      }
      const { from } = window()
      return orderDatePage(orderingOf(ctx), plan.compiled.clauses, { hits: fetched, offset: from, total: response.total, sort: plan.sort, query: fullQuery(plan, words) })
    }
    let hits = await ordered(answer.hits.hits as OrderedHit[])
    if (!collapse) {
      response.results = (fromTop ? hits.slice(offset, offset + page.size) : hits).map(hit)
    } else {
      const keep = offset + page.size
      let folded = foldDuplicates(hits, (h) => h._source.passage.text, (h) => h._source.passage.articleId, keep)
      while (folded.length < keep && hits.length < response.total && depth < MAX_FOLD_DEPTH) {
        depth *= 4
        hits = await ordered((await request(words, false)).hits.hits as OrderedHit[])
        folded = foldDuplicates(hits, (h) => h._source.passage.text, (h) => h._source.passage.articleId, keep)
      }
      let collapsed = 0
      folded.forEach(({ item, duplicates }, i) => {
        collapsed += duplicates.length
        if (i < offset) return
        const shown = hit(item)
        if (duplicates.length > 0) {
          shown.duplicates = duplicates.map(({ _source: { passage } }) => ({ passageId: passage.id, articleId: passage.articleId, title: passage.title, source: passage.source }))
        }
        response.results.push(shown)
      })
      if (collapsed > 0) response.collapsed = collapsed
    }
  }
  if (page.timeline) response.timeline = timelineFrom(answer.aggregations?.timeline)
  if (relaxed) response.relaxed = true
  if (answer.timed_out || (answer._shards?.failed ?? 0) > 0) response.partial = true
  if (plan.notices.length > 0) response.notices = [...plan.notices]
  if (response.total === 0 && plan.words.length > 0) response.suggestions = await suggest(ctx, plan.words, options.signal)
  response.tookMs = Math.round((performance.now() - started) * 100) / 100
  return response
}

/**
 * The shared timeline (src/engine/timeline.ts) from counts per day: its unit and periods come from the first
 * and last day, the counts from the aggregation.
 */
function timelineFrom(answer: Aggregation | undefined): Timeline {
  const days = (subAggregation(answer, 'days')?.buckets ?? []).map((bucket) => [Number(bucket.key), bucket.doc_count] as const)
  const undated = subAggregation(answer, 'undated')?.doc_count ?? 0
  if (days.length === 0) return { unit: 'year', buckets: [], undated }
  const first = Math.min(...days.map(([day]) => day))
  const last = Math.max(...days.map(([day]) => day))
  const shape = timelineOf([first, last])
  const periodOf = (day: number) => {
    const iso = `${String(Math.floor(day / 10000)).padStart(4, '0')}-${String(Math.floor(day / 100) % 100).padStart(2, '0')}-${String(day % 100).padStart(2, '0')}`
    return shape.unit === 'year' ? iso.slice(0, 4) : shape.unit === 'month' ? iso.slice(0, 7) : iso
  }
  const counts = new Map<string, number>()
  for (const [day, count] of days) counts.set(periodOf(day), (counts.get(periodOf(day)) ?? 0) + count)
  return { unit: shape.unit, buckets: shape.buckets.map(({ period }) => ({ period, count: counts.get(period) ?? 0 })), undated }
}

function orderingOf(ctx: SearchContext) {
  return { http: ctx.http, index: ctx.index, statistics: ctx.statistics, ranking: ctx.ranking }
}

function total(answer: SearchAnswer): number {
  return answer.hits.total?.value ?? 0
}

/** A hit with its highlight ranges and snippet, from the shared text-side highlighter. */
export function toHit(passage: Passage, score: number, plan: SearchPlan): SearchHit {
  const { ranges, words } = highlightQueryTerms(passage.text, plan.highlight)
  return { passage, score, ranges, matchedTerms: words, snippet: makeSnippet(passage.text, ranges, defaults.snippetLength) }
}

/** Every facet listed from the aggregations, asking again for the counts the first answer left in doubt. */
async function facetCounts(ctx: SearchContext, plan: SearchPlan, aggregations: Record<string, Aggregation>, words: Dsl, facetSize: number): Promise<Record<FacetName, FacetCounts>> {
  const read = new Map<FacetName, ReadValues>()
  const doubtful: { facet: FacetDefinition; filter: Dsl; wanted: number }[] = []
  for (const facet of ctx.registry.facets) {
    if (!plan.countedFacets.includes(facet.name)) continue
    const answer = subAggregation(aggregations[`facet:${facet.name}`], 'values')
    if (!answer) continue
    const wanted = wantedOf(facet, facetSize)
    const size = (valuesAggregation(facet, wanted).terms as { size: number }).size
    const values = readValues(facet, answer, wanted, size)
    if (values.exact) read.set(facet.name, values)
    else doubtful.push({ facet, filter: selectionFilter(plan, facet.name), wanted })
  }
  if (doubtful.length > 0) {
    for (const [name, values] of await topValuesOf(ctx.http, ctx.index, baseQuery(plan, words), doubtful)) read.set(name, values)
  }
  const listed: Record<FacetName, FacetCounts> = {}
  for (const facet of ctx.registry.facets) {
    const counts = (answer: Aggregation | undefined) => new Map((answer?.buckets ?? []).map((bucket) => [String(bucket.key), bucket.doc_count]))
    const chosen = counts(subAggregation(aggregations[`facet:${facet.name}`], 'chosen'))
    const known = new Set([...counts(subAggregation(aggregations[`known:${facet.name}`], 'values'))].filter(([, count]) => count > 0).map(([value]) => value))
    listed[facet.name] = listFacet(
      facet,
      { counted: read.get(facet.name) ?? { values: [], more: false, exact: true }, chosen, known },
      {
        size: facet.onlyWithin ? Number.MAX_SAFE_INTEGER : facetSize,
        selected: new Set(plan.filters[facet.name] ?? []),
        excluded: new Set(plan.exclude[facet.name] ?? []),
        label: (value) => facetValueLabel(facet, value, ctx.meta),
      },
    )
  }
  return listed
}

/**
 * Words in the index close to what was typed, offered when nothing matched, as the embedded engine offers
 * them: for each word of four letters or more, the index term within one edit (two from six letters) held by
 * the most passages (over every search field), shown as a word written in one of them.
 */
async function suggest(ctx: SearchContext, words: string[], signal?: AbortSignal): Promise<string[]> {
  const wanted = words
    .map((word) => ({ word, term: indexTerm(word) }))
    .filter((entry): entry is { word: string; term: string } => entry.term !== null && entry.term.length >= 4)
  if (wanted.length === 0) return []
  const suggesters: Record<string, Dsl> = {}
  wanted.forEach(({ term }, i) => {
    for (const [field, name] of Object.entries(TERM_FIELDS)) {
      suggesters[`w${i}:${field}`] = {
        text: sendableTerm(term),
        term: {
          field: name,
          analyzer: 'whitespace',
          suggest_mode: 'always',
          sort: 'frequency',
          string_distance: 'levenshtein',
          max_edits: term.length >= 6 ? 2 : 1,
          prefix_length: 0,
          min_word_length: 4,
          size: 10,
          max_term_freq: 2_147_483_647,
        },
      }
    }
  })
  const { body } = await ctx.http.request<SearchAnswer<unknown>>('POST', `/${ctx.index}/_search`, { size: 0, track_total_hits: false, suggest: suggesters }, { signal })
  const suggestions = new Set<string>()
  for (const [i, { word, term }] of wanted.entries()) {
    const weights = new Map<string, number>()
    for (const field of Object.keys(TERM_FIELDS)) {
      for (const option of body.suggest?.[`w${i}:${field}`]?.[0]?.options ?? []) {
        if (option.text !== term) weights.set(option.text, (weights.get(option.text) ?? 0) + option.freq)
      }
    }
    const best = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
    if (!best) continue
    const surface = await surfaceWord(ctx, best[0], signal)
    const distance = term.length >= 6 ? 2 : 1
    if (surface && foldTerm(surface) !== foldTerm(word) && withinEditDistance(foldTerm(surface), foldTerm(word), distance + 1)) suggestions.add(surface)
  }
  return [...suggestions]
}

/** A word as written in a passage that holds the index term (terms are stems: "remitt" reads "remittances"). */
async function surfaceWord(ctx: SearchContext, term: string, signal?: AbortSignal): Promise<string | undefined> {
  const should = Object.values(TERM_FIELDS).map((field) => ({ term: { [field]: term } }))
  const { body } = await ctx.http.request<SearchAnswer>(
    'POST',
    `/${ctx.index}/_search`,
    { size: 1, query: { bool: { should, minimum_should_match: 1 } }, sort: [{ seq: 'asc' }], _source: ['passage'] },
    { signal },
  )
  const passage = body.hits.hits[0]?._source?.passage
  if (!passage) return undefined
  for (const text of [passage.text, passage.title, passage.section ?? '']) {
    const { words } = highlight(text, { terms: new Set([term]), phrases: [] })
    if (words.length > 0) return words[0]
  }
  return undefined
}
