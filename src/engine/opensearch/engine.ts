// The read side on OpenSearch: `SearchEngine` over the passages index the alias points to, with that index's
// meta (labels, aliases, field facets) from the meta index. The engine follows the alias: after a rebuild by
// another process it moves to the new index within a few seconds, after its own writer's flush at once.
import { defaults } from '../../defaults.ts'
import { FacetRegistry, facetValueLabel, ownValue } from '../../facets/registry.ts'
import type { ArticleRecord, FacetName, FacetValue, IndexStats, Passage, PersonSummary, SearchRequest, SearchResponse } from '../../model.ts'
import { parseQuery } from '../../query/parse.ts'
import { foldTerm } from '../../text/analyze.ts'
import { queryTerms } from '../compile-query.ts'
import { emptyResponse, foldValue, type FacetValueIndex } from '../request-plan.ts'
import type { FacetValueList, FacetValuesOptions, IndexWriter, LiveEngine, SearchOptions, TextHighlight } from '../engine.ts'
import { highlightQueryTerms } from '../highlight.ts'
import { rankingDefaults, type RankingDefaults } from '../ranking.ts'
import type { ArticleSource, CountAnswer, GetAnswer, MgetAnswer, SearchAnswer } from './answers.ts'
import { OpenSearchError, isAbort, type OpenSearchHttp } from './client.ts'
import { exportPassages } from './export.ts'
import { allValuesOf, compareValues, facetValue, topValuesOf, type ReadValues } from './facets.ts'
import { facetField } from './mapping.ts'
import { indexValues, planSearch, type SearchPlan } from './plan.ts'
import { MATCH_ALL } from './query.ts'
import { fullQuery, runSearch, selectionFilter, baseQuery, wordsToUse, type SearchContext } from './search.ts'
import { StatisticsSource } from './rescore.ts'
import type { IndexView } from './state.ts'

/** How often the engine checks which index the alias points to (a rebuild elsewhere swaps it). */
const ALIAS_CHECK_MS = 5000

/** One passages index as the engine reads it. */
export interface LoadedView {
  passages: string
  view: IndexView
  registry: FacetRegistry
  personByAlias: Map<string, string>
  /** Facet value indexes for `person:…` resolution, read on first use. */
  valueIndexes: Map<FacetName, Promise<FacetValueIndex>>
  /** Passage count, field lengths and document frequencies for exact scores, read on first use. */
  statistics: StatisticsSource
  checkedAt: number
}

/** What the engine needs of its backend: the cluster, the alias's current index and a writer. */
export interface EngineHost {
  readonly http: OpenSearchHttp
  readonly alias: string
  readonly articlesAlias: string
  readonly searchTimeoutMs: number
  /** See `SearchContext.rescoreWindow`. */
  readonly rescoreWindow: number
  /** The passages index the alias points to and its view; undefined when there is none. */
  currentView(): Promise<{ passages: string; view: IndexView } | undefined>
  /** A writer whose flushes call `flushed` once visible. */
  writer(flushed: () => Promise<void>): Promise<IndexWriter>
}

export function loadView(http: OpenSearchHttp, passages: string, view: IndexView): LoadedView {
  const personByAlias = new Map<string, string>()
  for (const [canonical, variants] of Object.entries(view.meta.personAliases)) for (const variant of variants) personByAlias.set(foldTerm(variant), canonical)
  return {
    passages,
    view,
    registry: new FacetRegistry(view.meta.fieldFacets),
    personByAlias,
    valueIndexes: new Map(),
    statistics: new StatisticsSource(http, passages),
    checkedAt: Date.now(),
  }
}

export class OpenSearchEngine implements LiveEngine {
  readonly backend = 'opensearch'
  private current: LoadedView
  private readonly listeners = new Set<() => void>()
  private writerOpen = false
  private readonly ranking: RankingDefaults

  constructor(
    private readonly host: EngineHost,
    initial: LoadedView,
    options: { ranking?: RankingDefaults } = {},
  ) {
    this.current = initial
    this.ranking = options.ranking ?? rankingDefaults
  }

  /** The index in force: re-read when the alias may have moved or a flush changed its meta. */
  private async loaded(force = false): Promise<LoadedView> {
    if (!force && Date.now() - this.current.checkedAt < ALIAS_CHECK_MS) return this.current
    let found: Awaited<ReturnType<EngineHost['currentView']>>
    try {
      found = await this.host.currentView()
    } catch (error) {
      // The cluster cannot say (a node going down, an election): keep searching the index in force.
      if (force) throw error
      this.current.checkedAt = Date.now()
      return this.current
    }
    if (!found) throw new OpenSearchError(`Clippings: the OpenSearch alias ${this.host.alias} points to no Clippings index`, 404, 'index_not_found_exception')
    if (force || found.passages !== this.current.passages || found.view.meta.updatedAt !== this.current.view.meta.updatedAt) {
      this.current = loadView(this.host.http, found.passages, found.view)
    } else {
      this.current.checkedAt = Date.now()
    }
    return this.current
  }

  private context(loaded: LoadedView): SearchContext {
    return {
      http: this.host.http,
      index: loaded.passages,
      registry: loaded.registry,
      meta: loaded.view.meta,
      timeoutMs: this.host.searchTimeoutMs,
      ranking: this.ranking,
      statistics: loaded.statistics,
      rescoreWindow: this.host.rescoreWindow,
    }
  }

  /** Runs `work` on the index in force; once more on the new one if a rebuild removed it meanwhile. */
  private async withView<T>(work: (loaded: LoadedView) => Promise<T>): Promise<T> {
    const loaded = await this.loaded()
    try {
      return await work(loaded)
    } catch (error) {
      if (error instanceof OpenSearchError && error.type === 'index_not_found_exception') return work(await this.loaded(true))
      throw error
    }
  }

  private plan(loaded: LoadedView, request: SearchRequest): Promise<SearchPlan> {
    return planSearch(
      {
        registry: loaded.registry,
        meta: loaded.view.meta,
        personByAlias: loaded.personByAlias,
        valuesOf: (facet) => this.valueIndex(loaded, facet),
      },
      request,
      this.ranking,
    )
  }

  private valueIndex(loaded: LoadedView, facet: FacetName): Promise<FacetValueIndex> {
    let index = loaded.valueIndexes.get(facet)
    if (!index) {
      const definition = loaded.registry.get(facet)!
      index = allValuesOf(this.host.http, loaded.passages, MATCH_ALL, definition).then(({ values }) =>
        indexValues(
          facet,
          values.map((v) => v.value),
          loaded.view.meta,
        ),
      )
      index.catch(() => loaded.valueIndexes.delete(facet))
      loaded.valueIndexes.set(facet, index)
    }
    return index
  }

  // -------------------------------------------------------------------------------------------
  // Searching

  async search(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.withView(async (loaded) => {
      const plan = await this.plan(loaded, request)
      const page = Math.max(1, Math.floor(request.page ?? 1))
      const size = Math.min(defaults.maxPageSize, Math.max(1, Math.floor(request.size ?? defaults.pageSize)))
      const facetSize = Math.max(1, Math.floor(request.facetSize ?? defaults.facetSize))
      try {
        const response = await runSearch(this.context(loaded), plan, { page, size, facetSize, groupByArticle: Boolean(request.groupByArticle), collapse: request.collapse !== false, timeline: Boolean(request.timeline) }, options)
        response.query = request.query ?? ''
        return response
      } catch (error) {
        // Its client has gone: an empty answer marked partial, as the embedded engine stops (nobody reads it).
        if (options.signal?.aborted && isAbort(error)) return { ...emptyResponse(request, plan, page, size), partial: true }
        throw error
      }
    })
  }

  async *searchAll(request: SearchRequest, options: Pick<SearchOptions, 'signal'> = {}): AsyncIterable<Passage> {
    const loaded = await this.loaded()
    const plan = await this.plan(loaded, request)
    yield* exportPassages(this.context(loaded), plan, options.signal)
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  async getPassage(id: string): Promise<Passage | undefined> {
    return this.withView(async (loaded) => {
      // `realtime=false`: a passage is found once its flush made it visible, as searches find it.
      const { status, body } = await this.host.http.request<GetAnswer<{ passage: Passage }>>('GET', `/${loaded.passages}/_doc/${encodeURIComponent(id)}?realtime=false&_source=passage`, undefined, { ignore: [404] })
      return status === 404 || !body.found ? undefined : body._source?.passage
    })
  }

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.withView(async (loaded) => {
      const { status, body } = await this.host.http.request<GetAnswer<ArticleSource>>('GET', `/${loaded.view.articles}/_doc/${encodeURIComponent(id)}?realtime=false`, undefined, { ignore: [404] })
      return status === 404 || !body.found ? undefined : body._source?.article
    })
  }

  async getArticlePassages(articleId: string): Promise<Passage[]> {
    const article = await this.getArticle(articleId)
    if (!article || article.passageIds.length === 0) return []
    return this.withView(async (loaded) => {
      const { body } = await this.host.http.request<MgetAnswer<{ passage: Passage }>>('POST', `/${loaded.passages}/_mget?realtime=false&_source=passage`, { ids: article.passageIds })
      return body.docs.flatMap((doc) => (doc.found && doc._source ? [doc._source.passage] : []))
    })
  }

  facets(): FacetRegistry {
    return this.current.registry
  }

  async facetValues(facet: FacetName, options: FacetValuesOptions = {}): Promise<{ values: FacetValue[]; truncated: boolean }> {
    return this.withView(async (loaded): Promise<FacetValueList> => {
      const definition = loaded.registry.get(facet)
      if (!definition) return { values: [], truncated: false }
      let query = MATCH_ALL
      if (options.within) {
        // Disjunctive, as a search's own facets: the facet's own selection is left out.
        const within = { ...options.within, filters: { ...options.within.filters, [facet]: undefined }, exclude: { ...options.within.exclude, [facet]: undefined } }
        const plan = await this.plan(loaded, within)
        const { words } = await wordsToUse(this.context(loaded), plan)
        query = fullQuery(plan, words)
      }
      const meta = loaded.view.meta
      let read: ReadValues
      if (options.contains || options.limit === undefined || definition.order === 'newest') {
        read = await allValuesOf(this.host.http, loaded.passages, query, definition)
      } else {
        read = (await topValuesOf(this.host.http, loaded.passages, query, [{ facet: definition, filter: MATCH_ALL, wanted: options.limit }])).get(facet)!
      }
      const wanted = options.contains ? foldValue(options.contains) : ''
      const matching = wanted
        ? read.values.filter(({ value }) => foldValue(facetValueLabel(definition, value, meta)).includes(wanted) || foldValue(value).includes(wanted))
        : read.values
      const limit = options.limit ?? matching.length
      return {
        values: matching.slice(0, limit).map(({ value, count }) => facetValue(definition, value, count, meta)),
        truncated: matching.length > limit || (!wanted && read.more),
      }
    })
  }

  async countValues(facet: FacetName, within: SearchRequest, options: { limit?: number } = {}): Promise<FacetValue[]> {
    return this.withView(async (loaded) => {
      const definition = loaded.registry.get(facet)
      if (!definition) return []
      const plan = await this.plan(loaded, within)
      const { words } = await wordsToUse(this.context(loaded), plan)
      // Counted by count whatever the facet's own order (co-mentions: who is named most alongside).
      const byCount = { ...definition, order: 'count' as const }
      const read =
        options.limit === undefined
          ? await allValuesOf(this.host.http, loaded.passages, fullQuery(plan, words), byCount)
          : (await topValuesOf(this.host.http, loaded.passages, baseQuery(plan, words), [{ facet: byCount, filter: selectionFilter(plan), wanted: options.limit }])).get(facet)!
      const values = [...read.values].sort((a, b) => compareValues(byCount, a, b)).slice(0, options.limit)
      return values.map(({ value, count }) => facetValue(definition, value, count, loaded.view.meta))
    })
  }

  async labels(facet: FacetName, values: readonly string[]): Promise<Map<string, string>> {
    const loaded = await this.loaded()
    const definition = loaded.registry.get(facet)
    return new Map(values.map((value) => [value, definition ? facetValueLabel(definition, value, loaded.view.meta) : value]))
  }

  async highlight(query: string, texts: readonly string[], options: { prefixLastWord?: boolean } = {}): Promise<TextHighlight[]> {
    const loaded = await this.loaded()
    const parsed = parseQuery(query, { prefixLastWord: options.prefixLastWord, fields: loaded.registry.names })
    const terms = queryTerms(parsed.must, this.ranking)
    return texts.map((text) => highlightQueryTerms(text, terms))
  }

  async people(): Promise<PersonSummary[]> {
    return this.withView(async (loaded) => {
      const definition = loaded.registry.get('person')
      if (!definition) return []
      const { values } = await allValuesOf(this.host.http, loaded.passages, MATCH_ALL, definition)
      return values
        .map(({ value, count }) => ({ name: value, passages: count, aliases: ownValue(loaded.view.meta.personAliases, value) ?? [] }))
        .sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name))
    })
  }

  async stats(): Promise<IndexStats> {
    return this.withView(async (loaded) => {
      const http = this.host.http
      const [passages, articles, counts] = await Promise.all([
        http.request<CountAnswer>('GET', `/${loaded.passages}/_count`),
        http.request<CountAnswer>('GET', `/${loaded.view.articles}/_count`),
        http.request<SearchAnswer<unknown>>('POST', `/${loaded.passages}/_search`, {
          size: 0,
          track_total_hits: false,
          aggs: {
            people: { cardinality: { field: facetField('person'), precision_threshold: 40_000 } },
            sources: { cardinality: { field: facetField('source'), precision_threshold: 40_000 } },
          },
        }),
      ])
      return {
        backend: this.backend,
        articles: articles.body.count,
        passages: passages.body.count,
        people: counts.body.aggregations?.people?.value ?? 0,
        sources: counts.body.aggregations?.sources?.value ?? 0,
        builtAt: loaded.view.meta.builtAt,
        updatedAt: loaded.view.meta.updatedAt,
      }
    })
  }

  // -------------------------------------------------------------------------------------------
  // Updates

  async openWriter(): Promise<IndexWriter> {
    if (this.writerOpen) throw new Error('Clippings: a writer is already open on this index')
    this.writerOpen = true
    try {
      const writer = await this.host.writer(async () => {
        await this.loaded(true)
        for (const listener of this.listeners) listener()
      })
      const close = writer.close.bind(writer)
      writer.close = async () => {
        this.writerOpen = false
        await close()
      }
      return writer
    } catch (error) {
      this.writerOpen = false
      throw error
    }
  }

  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.listeners.clear()
  }
}
