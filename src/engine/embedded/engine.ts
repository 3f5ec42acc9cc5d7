// The embedded engine: an index held in this process (terms.ts, columns.ts, date-columns.ts, store.ts) and
// the search steps over it (plan, match, count, rank, hits). It does no I/O: backend.ts persists it and
// feeds it updates. Updates (`apply`) run between searches and take effect all at once.
import { defaults } from '../../defaults.ts'
import { FacetRegistry, facetValueParent, ownValue } from '../../facets/registry.ts'
import type {
  ArticleGroup,
  ArticleRecord,
  FacetValue,
  IndexStats,
  Passage,
  PersonSummary,
  SearchRequest,
  SearchResponse,
  Timeline,
} from '../../model.ts'
import { parseQuery } from '../../query/parse.ts'
import { foldTerm } from '../../text/analyze.ts'
import { queryTerms } from '../compile-query.ts'
import type { FacetValueList, FacetValuesOptions, IndexData, IndexedArticle, IndexMeta, SearchEngine, SearchOptions, TextHighlight } from '../engine.ts'
import { highlightQueryTerms } from '../highlight.ts'
import { foldDuplicates, type Folded } from '../collapse.ts'
import { timelineOf } from '../timeline.ts'
import { SEARCH_FIELDS, rankingDefaults, type RankingDefaults } from '../ranking.ts'
import { Budget } from './budget.ts'
import { FacetColumn, FacetTally, compareRanked, type FacetColumnData } from './columns.ts'
import { runWithRelaxation, type SearchRun } from './count.ts'
import { DateColumns, type SavedDates } from './date-columns.ts'
import { facetCounts, labelOf, suggest, toHit } from './hits.ts'
import type { IndexParts } from './parts.ts'
import { planSearch, type SearchPlan } from './plan.ts'
import { emptyResponse, foldValue } from '../request-plan.ts'
import { groupByArticle, rankMatches, type RankedTop } from './rank.ts'
import { ResultCache, type CachedResult } from './result-cache.ts'
import { PostingScorer, defaultExpansionLimits, type ExpansionLimits } from './scorer.ts'
import { PassageStore } from './store.ts'
import { TermIndex, prepareBatch, prepareRemoval, type PreparedBatch, type PreparedRemoval, type SavedTerms } from './terms.ts'

export interface EngineOptions {
  ranking?: RankingDefaults
  /** Memory for recently answered searches (see result-cache.ts), in bytes; 0 turns the cache off. */
  cacheBytes?: number
  /** Milliseconds a search may spend matching before it answers what it has, marked partial. Default 250. */
  searchBudgetMs?: number
  /** How far a prefix or a typo-tolerant word may expand. */
  expansionLimits?: ExpansionLimits
}

/** An embedded index as persistence reads it back: everything live, numbered 0, 1, … */
export interface SavedIndex {
  meta: IndexMeta
  articles: ArticleRecord[]
  passages: Passage[]
  terms: SavedTerms
  columns: Record<string, FacetColumnData>
  dates: SavedDates
}

/** One change to an embedded index: articles to remove (by id) and to add, and new meta. */
export interface EngineUpdate {
  remove?: readonly string[]
  add?: readonly IndexedArticle[]
  meta?: Partial<IndexMeta>
}

/** How deep results are ranked, at most, to fill a page with passages that do not repeat each other. */
const MAX_FOLD_DEPTH = 6400

/** An update with its costly part done: passages tokenised and counted, numbered from `first`. */
interface PreparedUpdate {
  first: number
  removeIds: string[]
  removedDocs: number[]
  removal: PreparedRemoval
  add: IndexedArticle[]
  batches: PreparedBatch[]
  meta?: Partial<IndexMeta>
}

/** The last entry for each article id: an article given twice in one update is added once, as given last. */
function dedupeArticles(add: readonly IndexedArticle[]): IndexedArticle[] {
  const byId = new Map<string, IndexedArticle>()
  for (const entry of add) {
    byId.delete(entry.article.id)
    byId.set(entry.article.id, entry)
  }
  return [...byId.values()]
}

export class EmbeddedEngine implements SearchEngine {
  readonly backend = 'embedded'
  private readonly parts: IndexParts
  private readonly cache: ResultCache
  private readonly budgetMs: number

  private constructor(parts: IndexParts, options: EngineOptions) {
    this.parts = parts
    this.cache = new ResultCache(options.cacheBytes ?? defaults.searchCacheBytes)
    this.budgetMs = options.searchBudgetMs ?? defaults.searchBudgetMs
  }

  private static empty(meta: IndexMeta, options: EngineOptions, capacity: number): EmbeddedEngine {
    const ranking = options.ranking ?? rankingDefaults
    const terms = new TermIndex(capacity)
    const registry = new FacetRegistry(meta.fieldFacets)
    const parts: IndexParts = {
      store: new PassageStore(),
      terms,
      columns: new Map(registry.names.map((name) => [name, new FacetColumn(name)])),
      dates: new DateColumns(),
      scorer: new PostingScorer(terms, scoringSettings(ranking, options.expansionLimits), capacity),
      ranking,
      registry,
      meta: { ...meta },
      personByAlias: new Map(),
      foldedValues: new Map(),
    }
    const engine = new EmbeddedEngine(parts, options)
    engine.indexAliases()
    return engine
  }

  /** An engine over passages held in memory: builds every part from the articles and passages given. */
  static build(data: IndexData, options: EngineOptions = {}): EmbeddedEngine {
    const { articles, passages, ...meta } = data
    const engine = EmbeddedEngine.empty(meta, options, passages.length)
    const byArticle = new Map<string, Passage[]>()
    for (const passage of passages) {
      const list = byArticle.get(passage.articleId)
      if (list) list.push(passage)
      else byArticle.set(passage.articleId, [passage])
    }
    engine.apply({ add: articles.map((article) => ({ article, passages: byArticle.get(article.id) ?? [] })) })
    return engine
  }

  /** Restores an engine from what persistence saved, without re-tokenising the passages. */
  static fromSaved(saved: SavedIndex, options: EngineOptions = {}): EmbeddedEngine {
    const ranking = options.ranking ?? rankingDefaults
    const count = saved.passages.length
    const terms = TermIndex.fromSaved(saved.terms, count)
    const registry = new FacetRegistry(saved.meta.fieldFacets)
    const store = new PassageStore()
    const byArticle = new Map<string, Passage[]>()
    for (const passage of saved.passages) {
      const list = byArticle.get(passage.articleId)
      if (list) list.push(passage)
      else byArticle.set(passage.articleId, [passage])
    }
    // Saved passages are in article order, so each article's passages take consecutive numbers again.
    let next = 0
    for (const article of saved.articles) {
      const passages = byArticle.get(article.id) ?? []
      if (store.add(article, passages) !== next) throw new Error(`passages of article ${article.id} are not together`)
      next += passages.length
    }
    if (next !== count) throw new Error(`${count - next} passages name no saved article`)
    const columns = new Map<string, FacetColumn>()
    for (const name of registry.names) {
      const data = saved.columns[name]
      if (!data) throw new Error(`no column for the facet ${name}`)
      columns.set(name, FacetColumn.fromSaved(name, data))
    }
    const parts: IndexParts = {
      store,
      terms,
      columns,
      dates: new DateColumns(saved.dates),
      scorer: new PostingScorer(terms, scoringSettings(ranking, options.expansionLimits), count),
      ranking,
      registry,
      meta: { ...saved.meta },
      personByAlias: new Map(),
      foldedValues: new Map(),
    }
    const engine = new EmbeddedEngine(parts, options)
    engine.indexAliases()
    return engine
  }

  /** The parts persistence writes (see persist.ts). */
  get index(): Readonly<IndexParts> {
    return this.parts
  }

  // -------------------------------------------------------------------------------------------
  // Updates

  /**
   * Removes and adds articles (an article added under an id already indexed replaces it) and takes new meta,
   * all at once: a search never sees half of it.
   */
  apply(update: EngineUpdate): { added: number; removed: number } {
    return this.commit(this.prepare(update))
  }

  /**
   * `apply` with the costly part (tokenising the passages added and removed) done beforehand in slices,
   * yielding to the event loop between them, so searches go on meanwhile; the change itself then takes a
   * few milliseconds. Only one update may be in preparation at a time (the writer's lock sees to that).
   */
  async applyInSlices(update: EngineUpdate, slicePassages = 500): Promise<{ added: number; removed: number }> {
    const prepared = this.prepare(update, false)
    let first = prepared.first
    let slice: Passage[] = []
    for (const { passages } of prepared.add) {
      slice.push(...passages)
      if (slice.length < slicePassages) continue
      prepared.batches.push(prepareBatch(first, slice))
      first += slice.length
      slice = []
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (slice.length > 0) prepared.batches.push(prepareBatch(first, slice))
    return this.commit(prepared)
  }

  /** Works out an update's changes; `analyse` false leaves the added passages' batches to the caller. */
  private prepare(update: EngineUpdate, analyse = true): PreparedUpdate {
    const { store } = this.parts
    const add = dedupeArticles(update.add ?? [])
    const removeIds = [...new Set([...(update.remove ?? []), ...add.map(({ article }) => article.id)])]
    const removedDocs: number[] = []
    const removedPassages: Passage[] = []
    for (const articleId of removeIds) {
      for (const doc of store.articleDocs(articleId)) {
        if (!store.isLive(doc)) continue
        removedDocs.push(doc)
        removedPassages.push(store.passage(doc))
      }
    }
    const passages = add.flatMap((entry) => entry.passages)
    return {
      first: store.count,
      removeIds,
      removedDocs,
      removal: prepareRemoval(removedPassages),
      add,
      batches: analyse && passages.length > 0 ? [prepareBatch(store.count, passages)] : [],
      meta: update.meta,
    }
  }

  private commit(prepared: PreparedUpdate): { added: number; removed: number } {
    const { store, terms, columns, dates } = this.parts
    if (prepared.first !== store.count) throw new Error('Clippings: the index changed while an update was prepared')
    for (const articleId of prepared.removeIds) store.remove(articleId)
    terms.commitRemoval(prepared.removedDocs, prepared.removal)
    for (const column of columns.values()) for (const doc of prepared.removedDocs) column.remove(doc)
    dates.remove(new Set(prepared.removedDocs))
    const passages: Passage[] = []
    for (const { article, passages: own } of prepared.add) {
      store.add(article, own)
      passages.push(...own)
    }
    for (const batch of prepared.batches) terms.commitBatch(batch)
    if (passages.length > 0) {
      for (const facet of this.parts.registry.facets) {
        const column = columns.get(facet.name)!
        passages.forEach((passage, i) => column.add(prepared.first + i, facet.valuesOf(passage)))
      }
      dates.add(
        prepared.first,
        passages.map((passage) => passage.date),
      )
      this.parts.scorer.ensureCapacity(store.count)
    }
    if (prepared.meta) {
      this.parts.meta = { ...this.parts.meta, ...prepared.meta }
      this.indexAliases()
    }
    // Whatever was remembered about the index is stale now.
    this.parts.scorer.forgetExpansions()
    this.parts.foldedValues.clear()
    this.cache.clear()
    return { added: passages.length, removed: prepared.removedDocs.length }
  }

  private indexAliases(): void {
    this.parts.personByAlias.clear()
    for (const [canonical, variants] of Object.entries(this.parts.meta.personAliases)) {
      for (const variant of variants) this.parts.personByAlias.set(foldTerm(variant), canonical)
    }
  }

  // -------------------------------------------------------------------------------------------
  // Searching

  async search(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResponse> {
    const started = performance.now()
    // With the cache off (maxBytes 0) no key is made: nothing is kept to look up.
    const answerKey = this.cache.maxBytes > 0 ? JSON.stringify(request) : undefined
    const kept = answerKey === undefined ? undefined : this.cache.answer(answerKey)
    if (kept) return { ...kept, tookMs: Math.round((performance.now() - started) * 100) / 100 }
    const budget = new Budget(options.budgetMs ?? this.budgetMs, options.signal, options.contended, options.sliceMs)
    const plan = planSearch(this.parts, request)
    const page = Math.max(1, Math.floor(request.page ?? 1))
    const size = Math.min(defaults.maxPageSize, Math.max(1, Math.floor(request.size ?? defaults.pageSize)))
    const facetSize = Math.max(1, Math.floor(request.facetSize ?? defaults.facetSize))
    const offset = (page - 1) * size
    const response = emptyResponse(request, plan, page, size)
    let outcome: Pick<CachedResult, 'total' | 'relaxed' | 'tallies' | 'timeline'> & { partial?: boolean }
    if (request.groupByArticle) {
      const run = runWithRelaxation(this.parts, plan, budget)
      outcome = { total: run.matches.count, relaxed: run.relaxed, tallies: run.tallies, partial: run.partial, timeline: request.timeline ? this.timelineOf(run) : undefined }
      const groups = groupByArticle(this.parts, run.matches, plan.sort)
      response.totalArticles = groups.length
      response.groups = groups.slice(offset, offset + size).map(({ articleId, members }) => {
        const shown = Math.min(defaults.groupPassages, members.docs.length)
        const hits = Array.from({ length: shown }, (_, i) => toHit(this.parts, members.docs[i], members.scores[i], plan))
        return { articleId, title: this.parts.store.passage(members.docs[0]).title, hits, moreMatches: members.docs.length - shown } satisfies ArticleGroup
      })
      response.results = response.groups.flatMap((group) => group.hits)
    } else if (request.collapse === false) {
      const { result, top, partial } = this.answer(plan, offset + size, budget, request.timeline)
      outcome = { ...result, partial }
      for (let i = offset; i < Math.min(offset + size, top.docs.length); i++) response.results.push(toHit(this.parts, top.docs[i], top.scores[i], plan))
    } else {
      // Folding needs the results up to the page and what repeats them: ranked a little deeper, deeper again
      // when repeats eat the page (bounded: beyond that the page shows what it has).
      let depth = Math.max(defaults.resultWindow, (offset + size) * 2)
      let answered = this.answer(plan, depth, budget, request.timeline)
      let folded = this.fold(answered.top, offset + size)
      while (folded.length < offset + size && answered.top.docs.length < answered.result.total && depth < MAX_FOLD_DEPTH) {
        depth *= 4
        answered = this.answer(plan, depth, budget, request.timeline)
        folded = this.fold(answered.top, offset + size)
      }
      outcome = { ...answered.result, partial: answered.partial }
      let collapsed = 0
      folded.forEach(({ item, duplicates }, i) => {
        collapsed += duplicates.length
        if (i < offset) return
        const hit = toHit(this.parts, answered.top.docs[item], answered.top.scores[item], plan)
        if (duplicates.length > 0) {
          hit.duplicates = duplicates.map((position) => {
            const passage = this.parts.store.passage(answered.top.docs[position])
            return { passageId: passage.id, articleId: passage.articleId, title: passage.title, source: passage.source }
          })
        }
        response.results.push(hit)
      })
      if (collapsed > 0) response.collapsed = collapsed
    }
    if (request.timeline && outcome.timeline) response.timeline = outcome.timeline
    response.total = outcome.total
    response.facets = facetCounts(this.parts, outcome.tallies, plan, facetSize)
    if (outcome.relaxed) response.relaxed = true
    if (outcome.partial) response.partial = true
    const notices = [...plan.notices, ...this.parts.scorer.notices(plan.clauses).map(describeNotice)]
    if (notices.length > 0) response.notices = notices
    if (response.total === 0 && plan.words.length > 0) response.suggestions = suggest(this.parts, plan.words)
    response.tookMs = Math.round((performance.now() - started) * 100) / 100
    if (answerKey !== undefined && !response.partial) this.cache.keepAnswer(answerKey, { ...response })
    return response
  }

  /**
   * Total, tallies and the first `depth` matches in the plan's order: from the cache when this search was
   * answered recently (to at least that depth), else matched, counted and kept for next time (unless the
   * budget cut it short: a partial answer is never remembered).
   */
  private answer(plan: SearchPlan, depth: number, budget: Budget, timeline = false): { result: CachedResult; top: RankedTop; partial: boolean } {
    const key = JSON.stringify([plan.parsed.must, plan.parsed.not, plan.filters, plan.exclude, plan.from, plan.to, plan.countedFacets])
    const cached = this.cache.get(key)
    const cachedTop = cached?.tops.get(plan.sort)
    if (cached && cachedTop && cachedTop.docs.length >= Math.min(depth, cached.total) && (!timeline || cached.timeline)) {
      return { result: cached, top: cachedTop, partial: false }
    }
    const run = runWithRelaxation(this.parts, plan, budget)
    const result: CachedResult = cached ?? { total: run.matches.count, relaxed: run.relaxed, tallies: run.tallies, tops: new Map() }
    if (timeline) result.timeline ??= this.timelineOf(run)
    const top = rankMatches(this.parts, run.matches, plan.sort, Math.max(depth, defaults.resultWindow))
    if (depth <= defaults.resultWindow && !run.partial) {
      result.tops.set(plan.sort, top)
      this.cache.set(key, result)
    }
    return { result, top, partial: run.partial }
  }

  /** The ranked top folded: positions into `top` that stand, each with the positions folded into it. */
  private fold(top: RankedTop, keep: number): Folded<number>[] {
    const positions = Array.from({ length: top.docs.length }, (_, i) => i)
    const { store } = this.parts
    return foldDuplicates(
      positions,
      (i) => store.passage(top.docs[i]).text,
      (i) => store.passage(top.docs[i]).articleId,
      keep,
    )
  }

  private timelineOf(run: SearchRun): Timeline {
    const { dateStart } = this.parts.dates
    const { docs, count } = run.matches
    const starts = new Int32Array(count)
    for (let i = 0; i < count; i++) starts[i] = dateStart[docs[i]]
    return timelineOf(starts)
  }

  async *searchAll(request: SearchRequest, options: Pick<SearchOptions, 'signal'> = {}): AsyncIterable<Passage> {
    const plan = planSearch(this.parts, request)
    // An export reads the whole result set: no time budget, but it stops when its client has gone.
    const { matches } = runWithRelaxation(this.parts, plan, new Budget(Number.POSITIVE_INFINITY, options.signal))
    const ranked = rankMatches(this.parts, matches, plan.sort, matches.count)
    // Passages are copied out first: an update between two reads must not change what the export lists.
    const passages = Array.from(ranked.docs, (doc) => this.parts.store.passage(doc))
    for (const passage of passages) {
      if (options.signal?.aborted) return
      yield passage
    }
  }

  private runFor(request: SearchRequest): SearchRun {
    return runWithRelaxation(this.parts, planSearch(this.parts, request), new Budget(this.budgetMs))
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  async getPassage(id: string): Promise<Passage | undefined> {
    const doc = this.parts.store.docOf(id)
    return doc === undefined ? undefined : this.parts.store.passage(doc)
  }

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.parts.store.articles.get(id)
  }

  async getArticlePassages(articleId: string): Promise<Passage[]> {
    return this.parts.store.articlePassages(articleId)
  }

  facets(): FacetRegistry {
    return this.parts.registry
  }

  async facetValues(facet: string, options: FacetValuesOptions = {}): Promise<FacetValueList> {
    const column = this.parts.columns.get(facet)
    const definition = this.parts.registry.get(facet)
    if (!column || !definition) return { values: [], truncated: false }
    let counts: ArrayLike<number> = column.totals
    if (options.within) {
      // Disjunctive, as the search's own facets: the facet's own filter is left out.
      const run = this.runFor({ ...options.within, filters: { ...options.within.filters, [facet]: undefined }, exclude: { ...options.within.exclude, [facet]: undefined } })
      counts = tallyOf(column, run).counts
    }
    const wanted = options.contains ? foldValue(options.contains) : ''
    const ids: number[] = []
    for (let id = 0; id < column.values.length; id++) {
      if (counts[id] === 0) continue
      if (wanted) {
        const value = column.values[id]
        if (!foldValue(labelOf(this.parts, facet, value)).includes(wanted) && !foldValue(value).includes(wanted)) continue
      }
      ids.push(id)
    }
    ids.sort((a, b) => compareRanked(definition, column, { counts }, a, b))
    const limit = options.limit ?? ids.length
    const values = ids.slice(0, limit).map((id) => this.facetValue(facet, column.values[id], counts[id]))
    return { values, truncated: ids.length > limit }
  }

  async countValues(facet: string, within: SearchRequest, options: { limit?: number } = {}): Promise<FacetValue[]> {
    const column = this.parts.columns.get(facet)
    if (!column) return []
    const tally = tallyOf(column, this.runFor(within))
    return tally.touched
      .sort((a, b) => tally.counts[b] - tally.counts[a] || column.values[a].localeCompare(column.values[b]))
      .slice(0, options.limit)
      .map((id) => this.facetValue(facet, column.values[id], tally.counts[id]))
  }

  private facetValue(facet: string, value: string, count: number): FacetValue {
    const definition = this.parts.registry.get(facet)
    const parent = definition ? facetValueParent(definition, value, this.parts.meta) : undefined
    return { value, label: labelOf(this.parts, facet, value), count, selected: false, excluded: false, ...(parent ? { parent } : {}) }
  }

  async labels(facet: string, values: readonly string[]): Promise<Map<string, string>> {
    return new Map(values.map((value) => [value, labelOf(this.parts, facet, value)]))
  }

  async highlight(query: string, texts: readonly string[], options: { prefixLastWord?: boolean } = {}): Promise<TextHighlight[]> {
    const parsed = parseQuery(query, { prefixLastWord: options.prefixLastWord, fields: this.parts.registry.names })
    const terms = queryTerms(parsed.must, this.parts.ranking)
    return texts.map((text) => highlightQueryTerms(text, terms))
  }

  async people(): Promise<PersonSummary[]> {
    const column = this.parts.columns.get('person')
    if (!column) return []
    const people: PersonSummary[] = []
    column.values.forEach((name, id) => {
      if (column.totals[id] > 0) people.push({ name, passages: column.totals[id], aliases: ownValue(this.parts.meta.personAliases, name) ?? [] })
    })
    return people.sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name))
  }

  async stats(): Promise<IndexStats> {
    const live = (name: string) => {
      const column = this.parts.columns.get(name)
      let count = 0
      if (column) for (let id = 0; id < column.values.length; id++) if (column.totals[id] > 0) count++
      return count
    }
    return {
      backend: this.backend,
      articles: this.parts.store.articles.size,
      passages: this.parts.store.liveCount,
      people: live('person'),
      sources: live('source'),
      builtAt: this.parts.meta.builtAt,
      updatedAt: this.parts.meta.updatedAt,
    }
  }
}

/** The counts of one facet over a run's matches. */
function tallyOf(column: FacetColumn, run: SearchRun): FacetTally {
  const tally = new FacetTally(column.values.length)
  for (let i = 0; i < run.matches.count; i++) tally.addDoc(column, run.matches.docs[i])
  return tally
}

function describeNotice(notice: { term: string; kind: 'prefix' | 'fuzzy'; found: number; kept: number }): string {
  const found = notice.found.toLocaleString('en')
  return notice.kind === 'prefix'
    ? `“${notice.term}*” matches ${found} words; searched the ${notice.kept} most frequent.`
    : `“${notice.term}” is close to ${found} words; searched the ${notice.kept} closest.`
}

function scoringSettings(ranking: RankingDefaults, limits: ExpansionLimits = defaultExpansionLimits) {
  return {
    // As MiniSearch does, a missing or zero boost counts as 1.
    fieldBoosts: SEARCH_FIELDS.map((field, fieldId) => ({ fieldId, boost: ranking.boost[field] || 1 })),
    bm25: ranking.bm25,
    weights: ranking.weights,
    maxFuzzy: 6,
    limits,
  }
}
