// The in-process search engine: MiniSearch finds and scores the passages a query matches; compact facet
// columns filter them and count facets disjunctively; ranges for highlighting come from the analyzer.
// This is the only module that imports minisearch.
import MiniSearch, { type Query } from 'minisearch'
import type { FacetValueList, FacetValuesOptions, IndexData as FullIndexData, SearchEngine, TextHighlight } from './engine.ts'
import { FacetRegistry, facetValueLabel } from '../facets/registry.ts'
import { highlightQueryTerms } from './highlight.ts'
import { queryTerms } from './compile-query.ts'
import type {
  ArticleGroup,
  ArticleRecord,
  FacetCounts,
  FacetFilters,
  FacetName,
  FacetValue,
  IndexStats,
  Passage,
  PersonSummary,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../model.ts'
import { BUILT_IN_FACETS as FACET_NAMES } from '../facets/registry.ts'
import { defaults } from '../defaults.ts'
import { ResultCache, type CachedResult, type RankedTop } from './result-cache.ts'
import type { SavedColumns } from './column-file.ts'
import { FacetColumn, FacetTally, UNDATED, failedFilter, listFacetValues, type ColumnFilter } from './facets.ts'
import { cachedIndexTerm, highlight, makeSnippet, phraseKey, phraseMatcher, type HighlightSpec } from './highlight.ts'
import { foldTerm, indexTerm, tokenizeForIndex } from '../text/analyze.ts'
import { PostingScorer, type Clause, type PostingSource, type ScoredDocs } from './scorer.ts'
import { compileQuery, termSpecs } from './compile-query.ts'
import { topK, type Compare } from './top-k.ts'
import { CompactTermData, FieldLengthMap, IdentityMap, PostingsBuilder, type FieldPostings } from './compact-index.ts'
import { rankingDefaults, type RankingDefaults } from './ranking.ts'
import { parseQuery, type ParsedQuery, type QueryNode } from '../query/parse.ts'
import { dateBounds, monthLabel, yearOf, monthOf } from '../text/dates.ts'

/** Everything an engine is built from (see engine.ts); meta fields an older caller leaves out take defaults. */
export type IndexData = Pick<FullIndexData, 'articles' | 'passages' | 'personAliases' | 'topicLabels' | 'builtAt'> & Partial<FullIndexData>

export interface EngineOptions {
  ranking?: RankingDefaults
  /** Memory for recently answered searches (see result-cache.ts), in bytes; 0 turns the cache off. */
  cacheBytes?: number
}

/** A document as MiniSearch indexes it: the passage's number and its searchable fields. */
interface IndexedDocument {
  id: number
  text: string
  title: string
  section: string
  people: string
}

const SEARCH_FIELDS = ['text', 'title', 'section', 'people'] as const

function miniSearchOptions(ranking: RankingDefaults) {
  return {
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    tokenize: tokenizeForIndex,
    processTerm: indexTerm,
    searchOptions: {
      boost: ranking.boost,
      bm25: ranking.bm25,
      weights: ranking.weights,
      // Queries arrive as index terms already analysed by the query path below.
      tokenize: (term: string) => [term],
      processTerm: (term: string) => term,
    },
  }
}

/** Passage-level facts as numeric columns: dates for sorting and ranges, article membership. */
interface DocColumns {
  /** yyyymmdd of the earliest day the date may mean; -1 when undated. */
  dateStart: Int32Array
  /** yyyymmdd of the latest day the date may mean; -1 when undated. */
  dateEnd: Int32Array
  /** Passages newest first and oldest first (undated last in both), for browsing. */
  newest: Uint32Array
  oldest: Uint32Array
  /** The largest `dateEnd - dateStart` (packed), so a range search knows how early a date may start. */
  longestSpan: number
  /** 0, 1, 2, …: the unfiltered corpus as a match list, with zero scores. */
  identity: Uint32Array
  zeros: Float64Array
}

export class MiniSearchEngine implements SearchEngine {
  readonly backend = 'embedded'
  readonly data: IndexData
  private readonly registry: FacetRegistry
  private readonly ranking: RankingDefaults
  private readonly index: MiniSearch<IndexedDocument>
  /** Passage id → passage number, built on first use (see `passageNumbers`). */
  private docByPassageId: Map<string, number> | undefined
  private readonly articles = new Map<string, ArticleRecord>()
  private readonly columns: Record<FacetName, FacetColumn>
  private readonly docs: DocColumns
  /** Folded facet value → values, for `person:putin` style query terms. */
  private readonly foldedValues = new Map<FacetName, Map<string, string[]>>()
  private readonly personByAlias = new Map<string, string>()
  private readonly scorer: PostingScorer
  private readonly cache: ResultCache
  /** Phrase tests per parsed phrase node, built once per search. */
  private readonly phraseMatchers = new WeakMap<QueryNode, (text: string) => boolean>()

  private constructor(data: IndexData, index: MiniSearch<IndexedDocument>, ranking: RankingDefaults, options: EngineOptions, saved?: SavedColumns) {
    this.data = data
    this.registry = new FacetRegistry(data.fieldFacets ?? [])
    this.ranking = ranking
    this.index = index
    this.cache = new ResultCache(options.cacheBytes ?? defaults.searchCacheBytes)
    this.scorer = new PostingScorer(postingSource(index), scoringSettings(index, ranking), data.passages.length)
    for (const article of data.articles) this.articles.set(article.id, article)
    const passages = data.passages
    const count = passages.length
    if (saved) {
      this.docs = completeDocColumns(saved.dateStart, saved.dateEnd, saved.newest)
      this.columns = {} as Record<FacetName, FacetColumn>
      for (const name of FACET_NAMES) this.columns[name] = new FacetColumn(name, saved.facets[name])
    } else {
      this.docs = buildDocColumns(passages)
      const { yearValue, monthValue } = dateFacetValues(passages, this.docs.dateStart)
      this.columns = {
        source: FacetColumn.fromPassages('source', count, (doc) => passages[doc].source),
        topic: FacetColumn.fromPassages('topic', count, (doc) => passages[doc].topics),
        person: FacetColumn.fromPassages('person', count, (doc) => passages[doc].people),
        tag: FacetColumn.fromPassages('tag', count, (doc) => passages[doc].fields?.tag),
        year: FacetColumn.fromPassages('year', count, yearValue),
        month: FacetColumn.fromPassages('month', count, monthValue),
      }
    }
    for (const [canonical, variants] of Object.entries(data.personAliases)) {
      for (const variant of variants) this.personByAlias.set(foldTerm(variant), canonical)
    }
  }

  /**
   * Passage id → passage number. Built lazily on the first lookup by id rather than in the constructor:
   * at a million passages it costs about a second, which a cold start serving searches need not pay.
   */
  private passageNumbers(): Map<string, number> {
    if (!this.docByPassageId) {
      const numbers = new Map<string, number>()
      this.data.passages.forEach((passage, doc) => numbers.set(passage.id, doc))
      this.docByPassageId = numbers
    }
    return this.docByPassageId
  }

  /** Builds the index from passages. */
  static build(data: IndexData, options: EngineOptions = {}): MiniSearchEngine {
    const ranking = options.ranking ?? rankingDefaults
    return new MiniSearchEngine(data, buildMiniSearch(data.passages, miniSearchOptions(ranking)), ranking, options)
  }

  /** What persistence stores besides the terms: each passage's field lengths, one array per field id. */
  indexHeader(): IndexLines['header'] {
    const lengths = (internalsOf(this.index)._fieldLength as FieldLengthMap).lengths
    return { fieldLengths: lengths.map((field) => Array.from(field)) }
  }

  /** Each term's compact postings by field id, for persistence (see `encodeTerms`). */
  *indexTerms(): Generator<[string, Map<number, FieldPostings>]> {
    for (const [term, data] of internalsOf(this.index)._index as unknown as Iterable<[string, CompactTermData]>) {
      yield [term, data.postings]
    }
  }

  /** Restores an engine from `indexHeader()` and `indexTerms()` output without re-tokenising the passages. */
  static fromLines({ header, terms, columns }: IndexLines, data: IndexData, options: EngineOptions = {}): MiniSearchEngine {
    const ranking = options.ranking ?? rankingDefaults
    const index = new MiniSearch<IndexedDocument>(miniSearchOptions(ranking))
    const lengths = header.fieldLengths.map((field) => Float32Array.from(field))
    return new MiniSearchEngine(data, installCompactState(index, data.passages.length, lengths, terms), ranking, options, columns)
  }

  /** The facet and date columns, for persistence (see column-file.ts). */
  savedColumns(): SavedColumns {
    const facets = {} as SavedColumns['facets']
    for (const name of FACET_NAMES) {
      const { values, docOffsets, docValues } = this.columns[name]
      facets[name] = { values, docOffsets, docValues }
    }
    const { dateStart, dateEnd, newest } = this.docs
    return { facets, dateStart, dateEnd, newest }
  }

  // -------------------------------------------------------------------------------------------
  // Searching

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now()
    const plan = this.plan(request)
    const page = Math.max(1, Math.floor(request.page ?? 1))
    const size = Math.min(defaults.maxPageSize, Math.max(1, Math.floor(request.size ?? defaults.pageSize)))
    const facetSize = Math.max(1, Math.floor(request.facetSize ?? defaults.facetSize))
    const offset = (page - 1) * size
    const response: SearchResponse = {
      query: request.query ?? '',
      reading: plan.parsed.reading,
      total: 0,
      page,
      size,
      sort: plan.sort,
      tookMs: 0,
      results: [],
      facets: {} as SearchResponse['facets'],
      effectiveFilters: plan.filters,
      effectiveExclude: plan.exclude,
      effectiveFrom: plan.from,
      effectiveTo: plan.to,
    }
    let outcome: Pick<CachedResult, 'total' | 'relaxed' | 'tallies'>
    if (request.groupByArticle) {
      const run = this.runWithRelaxation(plan)
      outcome = { total: run.matches.count, relaxed: run.relaxed, tallies: run.tallies }
      const groups = this.groupByArticle(run.matches, plan.sort)
      response.totalArticles = groups.length
      response.groups = groups.slice(offset, offset + size).map(({ articleId, members }) => ({
        articleId,
        title: this.data.passages[run.matches.docs[members[0]]].title,
        hits: members.slice(0, defaults.groupPassages).map((i) => this.toHit(run.matches.docs[i], run.matches.scores[i], plan)),
        moreMatches: Math.max(0, members.length - defaults.groupPassages),
      }) satisfies ArticleGroup)
      response.results = response.groups.flatMap((group) => group.hits)
    } else {
      const { result, top } = this.answer(plan, offset + size)
      outcome = result
      for (let i = offset; i < Math.min(offset + size, top.docs.length); i++) response.results.push(this.toHit(top.docs[i], top.scores[i], plan))
    }
    response.total = outcome.total
    response.facets = this.facetCounts(outcome.tallies, plan, facetSize)
    if (outcome.relaxed) response.relaxed = true
    if (response.total === 0 && plan.words.length > 0) response.suggestions = this.suggest(plan.words)
    response.tookMs = Math.round((performance.now() - started) * 100) / 100
    return response
  }

  /**
   * Total, tallies and the first `depth` matches in the plan's order: from the cache when this search
   * was answered recently (to at least that depth), else matched, counted and kept for next time.
   */
  private answer(plan: SearchPlan, depth: number): { result: CachedResult; top: RankedTop } {
    const key = JSON.stringify([plan.parsed.must, plan.parsed.not, plan.filters, plan.exclude, plan.from, plan.to, plan.countedFacets])
    const cached = this.cache.get(key)
    const cachedTop = cached?.tops.get(plan.sort)
    if (cached && cachedTop && cachedTop.docs.length >= Math.min(depth, cached.total)) return { result: cached, top: cachedTop }
    const run = this.runWithRelaxation(plan)
    const result: CachedResult = cached ?? { total: run.matches.count, relaxed: run.relaxed, tallies: run.tallies, tops: new Map() }
    const ranked = this.rank(run.matches, plan.sort, Math.max(depth, defaults.resultWindow))
    const top: RankedTop = {
      docs: Uint32Array.from(ranked, (i) => run.matches.docs[i]),
      scores: Float64Array.from(ranked, (i) => run.matches.scores[i]),
    }
    if (depth <= defaults.resultWindow) {
      result.tops.set(plan.sort, top)
      this.cache.set(key, result)
    }
    return { result, top }
  }

  async *searchAll(request: SearchRequest): AsyncIterable<Passage> {
    const plan = this.plan(request)
    const { matches } = this.runWithRelaxation(plan)
    const ranked = this.rank(matches, plan.sort, matches.count)
    for (const i of ranked) yield this.data.passages[matches.docs[i]]
  }

  /** Reads the request and its query once: filters merged, values resolved, clauses compiled, sort decided. */
  private plan(request: SearchRequest): SearchPlan {
    const parsed = parseQuery(request.query ?? '', { prefixLastWord: request.prefixLastWord })
    const filters = mergeFilters(request.filters, this.resolveQueryFilters(parsed.filters))
    const exclude = mergeFilters(request.exclude, this.resolveQueryFilters(parsed.exclude))
    const hasWords = parsed.must.length > 0
    const sort: SortOrder = request.sort ?? (hasWords ? 'relevance' : 'newest')
    const phrases: string[][] = []
    collectPhrases(parsed.must, phrases)
    const compiled = compileQuery(parsed.must, this.ranking)
    return {
      parsed,
      filters,
      exclude,
      from: laterBound(request.from, parsed.from),
      to: earlierBound(request.to, parsed.to),
      sort: sort === 'relevance' && !hasWords ? 'newest' : sort,
      // Months are listed within a chosen year only, so they are counted only then.
      countedFacets: filters.year?.length || filters.month?.length ? [...FACET_NAMES] : FACET_NAMES.filter((name) => name !== 'month'),
      clauses: compiled.clauses,
      toVerify: compiled.toVerify,
      phrases: phrases.map((words) => words.map(phraseKey)),
      words: collectWords(parsed.must),
      relaxable: compiled.clauses.length > 1,
    }
  }

  /** All the words if any passage has them, else most of them. */
  private runWithRelaxation(plan: SearchPlan): SearchRun {
    const run = this.run(plan, false)
    return run.matches.count === 0 && plan.relaxable ? this.run(plan, true) : run
  }

  /** Finds the candidates, applies filters and counts facets in one pass over them. */
  private run(plan: SearchPlan, relaxed: boolean): SearchRun {
    const filters = this.columnFilters(plan)
    const bounds = dateBounds(plan.from, plan.to)
    const tallies = {} as Record<FacetName, FacetTally>
    for (const name of FACET_NAMES) tallies[name] = new FacetTally(this.columns[name].values.length)
    const passing = new MatchList()
    const { dateStart, dateEnd } = this.docs

    const countedTallies = plan.countedFacets.map((name) => tallies[name])
    const countedColumns = plan.countedFacets.map((name) => this.columns[name])
    // A passage failing only filter f counts for f's facet alone (if that facet is counted at all).
    const failingTally = filters.map(({ column }) => (plan.countedFacets.includes(column.name) ? tallies[column.name] : undefined))
    // Phrases and groups are checked on the text, the costly part, so only for passages that count.
    const verify = plan.parsed.must.length > 0 && !relaxed && plan.toVerify.length > 0
    const visit = (doc: number, score: number) => {
      if (bounds && !(dateStart[doc] >= 0 && dateEnd[doc] >= bounds.start && dateStart[doc] <= bounds.end)) return
      const failed = failedFilter(filters, doc)
      if (failed === -2) return
      if (verify && !plan.toVerify.every((node) => this.nodeMatches(node, doc))) return
      if (failed === -1) {
        passing.push(doc, score)
        for (let f = 0; f < countedTallies.length; f++) countedTallies[f].addDoc(countedColumns[f], doc)
      } else {
        failingTally[failed]?.addDoc(filters[failed].column, doc)
      }
    }

    const includes = filters.filter((f) => f.include)
    // A passage that counts fails at most one filter, so it passes at least one of any two: with two or
    // more facets chosen, the two smallest ones' passages hold every passage that counts. A date range
    // is no facet: every passage that counts is in it. The smaller of the two candidate sets is looked at.
    const byFacets = includes.length >= 2 ? this.eitherOfSmallestTwo(includes) : undefined
    const byDate = bounds ? this.datedWithin(bounds) : undefined
    const within = byFacets && byDate ? (byFacets.length <= byDate.length ? byFacets : byDate) : (byFacets ?? byDate)
    if (plan.parsed.must.length > 0) {
      const found = this.match(plan, relaxed, within)
      for (let i = 0; i < found.count; i++) visit(found.docs[i], found.scores[i])
      return { matches: passing, tallies, relaxed }
    }
    // Browsing: no words to match, so the candidates come from the filters themselves.
    const excluded = this.excludedByWords(plan)
    const unconstrained = !bounds && excluded.size === 0
    if (unconstrained && filters.length === 0) {
      // The whole corpus: counts are the corpus totals, and the order is precomputed.
      for (const name of plan.countedFacets) tallies[name] = FacetTally.fromTotals(this.columns[name])
      return { matches: MatchList.everything(this.docs.identity, this.docs.zeros), tallies, relaxed }
    }
    const visitDoc = (doc: number) => {
      if (!excluded.has(doc)) visit(doc, 0)
    }
    if (unconstrained && includes.length === 1 && filters.length === 1) {
      // One facet narrows: its own counts are the corpus totals, every other count comes from its passages.
      const only = includes[0]
      for (const doc of only.column.union(only.include!)) visitDoc(doc)
      tallies[only.column.name] = FacetTally.fromTotals(only.column)
    } else if (within) {
      for (const doc of within) visitDoc(doc)
    } else {
      for (let doc = 0; doc < this.data.passages.length; doc++) visitDoc(doc)
    }
    return { matches: passing, tallies, relaxed }
  }

  /**
   * The passages whose date may fall in the range, possibly with some that do not (visit checks): in
   * newest-first order the passages starting between the range's end and its start less the longest
   * date span (a year-precision date spans a year) sit together, found by two binary searches.
   */
  private datedWithin(bounds: { start: number; end: number }): Uint32Array {
    const { newest, dateStart, longestSpan } = this.docs
    // The first position whose date starts at or before `limit` (undated passages, -1, come last).
    const firstStartingBy = (limit: number) => {
      let low = 0
      let high = newest.length
      while (low < high) {
        const middle = (low + high) >>> 1
        const start = dateStart[newest[middle]]
        if (start >= 0 && start > limit) low = middle + 1
        else high = middle
      }
      return low
    }
    return newest.subarray(firstStartingBy(bounds.end), firstStartingBy(bounds.start - longestSpan - 1))
  }

  /** The passages carrying a value of either of the two most selective facet filters, ascending. */
  private eitherOfSmallestTwo(includes: ColumnFilter[]): Uint32Array {
    const [first, second] = includes.map((f) => f.column.union(f.include!)).sort((a, b) => a.length - b.length)
    return unionSorted(first, second)
  }

  /**
   * The passages the query's words match (among `within`, when given), scored, exclusions removed;
   * phrases and groups are verified later.
   */
  private match(plan: SearchPlan, relaxed: boolean, within?: Uint32Array): ScoredDocs {
    const excluded = this.excludedByWords(plan)
    if (plan.clauses.length === 0) {
      // Only stop words: nothing the index can look up, so the words are checked on the text directly.
      return this.scan(plan.phrases.length > 0 ? plan.phrases : [plan.words.map(phraseKey)], excluded, within)
    }
    const found = this.scorer.score(plan.clauses, relaxed ? 'any' : 'all', within)
    let kept = 0
    for (let i = 0; i < found.count; i++) {
      const doc = found.docs[i]
      if (excluded.has(doc)) continue
      found.docs[kept] = doc
      found.scores[kept++] = found.scores[i]
    }
    found.count = kept
    return found
  }

  /** Whether a passage satisfies a query node exactly: words as indexed, phrases on the text. */
  private nodeMatches(node: QueryNode, doc: number): boolean {
    switch (node.type) {
      case 'term': {
        const specs = termSpecs(node, this.ranking)
        return specs.length === 0 || this.scorer.matchedTerms(specs, doc).length > 0
      }
      case 'phrase': {
        let matches = this.phraseMatchers.get(node)
        if (!matches) this.phraseMatchers.set(node, (matches = phraseMatcher(node.words.map(phraseKey))))
        return matches(this.data.passages[doc].text)
      }
      case 'and':
        return node.children.every((child) => this.nodeMatches(child, doc))
      case 'or':
        return node.children.some((child) => this.nodeMatches(child, doc))
    }
  }

  /** A linear scan for queries made only of stop words ("to be or not to be"): rare, and exact. */
  private scan(phrases: string[][], excluded: Set<number>, within?: Uint32Array): ScoredDocs {
    const list = new MatchList()
    const matchers = phrases.map(phraseMatcher)
    const check = (doc: number) => {
      if (!excluded.has(doc) && matchers.every((matches) => matches(this.data.passages[doc].text))) list.push(doc, 1)
    }
    if (within) within.forEach(check)
    else for (let doc = 0; doc < this.data.passages.length; doc++) check(doc)
    return list
  }

  /** Passages the query excludes: any matching a `-word`, `-"phrase"` or `-(group)` exactly. */
  private excludedByWords(plan: SearchPlan): Set<number> {
    const excluded = new Set<number>()
    for (const node of plan.parsed.not) {
      const { clauses, toVerify } = compileQuery([node], this.ranking, true)
      if (clauses.length === 0) continue
      const found = this.scorer.score(clauses, 'all')
      for (let i = 0; i < found.count; i++) {
        const doc = found.docs[i]
        if (toVerify.every((n) => this.nodeMatches(n, doc))) excluded.add(doc)
      }
    }
    return excluded
  }

  private columnFilters(plan: SearchPlan): ColumnFilter[] {
    const filters: ColumnFilter[] = []
    for (const name of FACET_NAMES) {
      const column = this.columns[name]
      const include = plan.filters[name]
      const exclude = plan.exclude[name]
      if (!include?.length && !exclude?.length) continue
      const ids = (values: string[]) => values.map((v) => column.ids.get(v)).filter((id): id is number => id !== undefined)
      const filter: ColumnFilter = { column }
      if (include?.length) filter.includeMask = column.mask((filter.include = ids(include)))
      if (exclude?.length) filter.excludeMask = column.mask(ids(exclude))
      filters.push(filter)
    }
    return filters
  }

  /** The first `k` matches in the requested order, as positions in the match list. */
  private rank(matches: MatchList | ScoredDocs, order: SortOrder, k: number): number[] {
    if (matches instanceof MatchList && matches.isEverything) {
      const sequence = order === 'oldest' ? this.docs.oldest : this.docs.newest
      return Array.from(sequence.subarray(0, Math.min(k, sequence.length)))
    }
    return topK(matches.count, k, this.comparator(matches, order))
  }

  /** Relevance: score, then newer, then corpus order. Dates: newer or older first, undated last either way. */
  private comparator(matches: ScoredDocs, order: SortOrder): Compare {
    const { docs, scores } = matches
    const start = this.docs.dateStart
    if (order === 'relevance') {
      return (a, b) => scores[b] - scores[a] || start[docs[b]] - start[docs[a]] || docs[a] - docs[b]
    }
    const direction = order === 'newest' ? -1 : 1
    return (a, b) => {
      const da = start[docs[a]]
      const db = start[docs[b]]
      if (da !== db) {
        if (da < 0 || db < 0) return da < 0 ? 1 : -1
        return direction * (da - db)
      }
      return scores[b] - scores[a] || docs[a] - docs[b]
    }
  }

  /** Articles in the order of their best passage, each with its passages in order. */
  private groupByArticle(matches: MatchList, order: SortOrder): { articleId: string; members: number[] }[] {
    const ranked = this.rank(matches, order, matches.count)
    const groups = new Map<string, number[]>()
    for (const i of ranked) {
      const articleId = this.data.passages[matches.docs[i]].articleId
      const members = groups.get(articleId)
      if (members) members.push(i)
      else groups.set(articleId, [i])
    }
    return [...groups].map(([articleId, members]) => ({ articleId, members }))
  }

  private toHit(doc: number, score: number, plan: SearchPlan): SearchHit {
    const passage = this.data.passages[doc]
    const terms = this.scorer.matchedTerms(plan.clauses.flat(), doc)
    const spec: HighlightSpec = { terms: new Set(terms), phrases: plan.phrases }
    const { ranges, words } = highlight(passage.text, spec)
    return {
      passage,
      score,
      ranges,
      matchedTerms: words,
      snippet: makeSnippet(passage.text, ranges, defaults.snippetLength),
    }
  }

  private facetCounts(tallies: Record<FacetName, FacetTally>, plan: SearchPlan, size: number): Record<FacetName, FacetCounts> {
    const counts = {} as Record<FacetName, FacetCounts>
    for (const name of FACET_NAMES) {
      counts[name] = listFacetValues(this.columns[name], tallies[name], {
        // A year's months are few and listed whole.
        size: name === 'month' ? Number.MAX_SAFE_INTEGER : size,
        selected: new Set(plan.filters[name] ?? []),
        excluded: new Set(plan.exclude[name] ?? []),
        label: (value) => this.label(name, value),
      })
    }
    return counts
  }

  private label(facet: FacetName, value: string): string {
    const definition = this.registry.get(facet)
    return definition ? facetValueLabel(definition, value, { topicLabels: this.data.topicLabels, topicParents: this.data.topicParents }) : value
  }

  /** Words in the index close to the query's words, offered when nothing matched. */
  private suggest(words: string[]): string[] {
    const suggestions = new Set<string>()
    for (const word of words) {
      const term = indexTerm(word)
      if (term === null || term.length < 3) continue
      const [best] = this.index.search({ combineWith: 'OR', queries: [term], fuzzy: 2, maxFuzzy: 2 } as Query)
      if (!best) continue
      const { words: matched } = highlight(this.data.passages[best.id as number].text, { terms: new Set(best.terms), phrases: [] })
      const near = matched.find((w) => foldTerm(w) !== foldTerm(word))
      if (near) suggestions.add(near)
    }
    return [...suggestions]
  }

  // -------------------------------------------------------------------------------------------
  // Query field terms (`person:putin`) resolve against the index's values, forgivingly.

  private resolveQueryFilters(filters: FacetFilters): FacetFilters {
    const resolved: FacetFilters = {}
    for (const [facet, values] of Object.entries(filters) as [FacetName, string[]][]) {
      resolved[facet] = values.flatMap((value) => this.resolveValue(facet, value))
    }
    return resolved
  }

  /** Exact value, else case/accent-folded value, person alias, or the values containing the words typed. */
  private resolveValue(facet: FacetName, typed: string): string[] {
    const column = this.columns[facet]
    if (column.ids.has(typed)) return [typed]
    const key = foldValue(typed)
    const folded = this.foldedIndex(facet)
    const exact = folded.get(key)
    if (exact) return exact
    if (facet === 'person') {
      const canonical = this.personByAlias.get(foldTerm(typed))
      if (canonical) return [canonical]
    }
    const wanted = key.split(' ').filter(Boolean)
    const containing = [...folded.entries()]
      .filter(([value]) => {
        const words = value.split(' ')
        return wanted.every((w) => words.includes(w))
      })
      .flatMap(([, values]) => values)
    // An unknown value keeps its spelling: it matches nothing, and the chip shows what was asked.
    return containing.length > 0 ? containing : [typed]
  }

  private foldedIndex(facet: FacetName): Map<string, string[]> {
    let folded = this.foldedValues.get(facet)
    if (!folded) {
      folded = new Map()
      for (const value of this.columns[facet].values) {
        const keys = [foldValue(value)]
        if (facet === 'topic') keys.push(foldValue(this.data.topicLabels[value] ?? value))
        for (const key of keys) folded.set(key, [...(folded.get(key) ?? []), value])
      }
      this.foldedValues.set(facet, folded)
    }
    return folded
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  async getPassage(id: string): Promise<Passage | undefined> {
    const doc = this.passageNumbers().get(id)
    return doc === undefined ? undefined : this.data.passages[doc]
  }

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.articles.get(id)
  }

  async getArticlePassages(articleId: string): Promise<Passage[]> {
    const article = this.articles.get(articleId)
    if (!article) return []
    return article.passageIds
      .map((id) => this.passageNumbers().get(id))
      .filter((doc): doc is number => doc !== undefined)
      .map((doc) => this.data.passages[doc])
  }

  facets(): FacetRegistry {
    return this.registry
  }

  async facetValues(facet: FacetName, options: FacetValuesOptions = {}): Promise<FacetValueList> {
    const column = this.columns[facet]
    if (!column) return { values: [], truncated: false }
    let counts: ArrayLike<number> = column.totals
    if (options.within) {
      const plan = this.plan({ ...options.within, filters: { ...options.within.filters, [facet]: undefined } })
      const run = this.runWithRelaxation(plan)
      const tally = new FacetTally(column.values.length)
      for (let i = 0; i < run.matches.count; i++) tally.addDoc(column, run.matches.docs[i])
      counts = tally.counts
    }
    const wanted = options.contains ? foldValue(options.contains) : ''
    const values: FacetValue[] = []
    column.values.forEach((value, id) => {
      if (counts[id] === 0) return
      const label = this.label(facet, value)
      if (wanted && !foldValue(label).includes(wanted) && !foldValue(value).includes(wanted)) return
      values.push({ value, label, count: counts[id], selected: false, excluded: false })
    })
    values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    const limit = options.limit ?? values.length
    return { values: values.slice(0, limit), truncated: values.length > limit }
  }

  async countValues(facet: FacetName, within: SearchRequest, options: { limit?: number } = {}): Promise<FacetValue[]> {
    const column = this.columns[facet]
    if (!column) return []
    const run = this.runWithRelaxation(this.plan(within))
    const tally = new FacetTally(column.values.length)
    for (let i = 0; i < run.matches.count; i++) tally.addDoc(column, run.matches.docs[i])
    return tally.touched
      .map((id) => ({ value: column.values[id], label: this.label(facet, column.values[id]), count: tally.counts[id], selected: false, excluded: false }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
      .slice(0, options.limit)
  }

  async labels(facet: FacetName, values: readonly string[]): Promise<Map<string, string>> {
    return new Map(values.map((value) => [value, this.label(facet, value)]))
  }

  async highlight(query: string, texts: readonly string[], options: { prefixLastWord?: boolean } = {}): Promise<TextHighlight[]> {
    const parsed = parseQuery(query, { prefixLastWord: options.prefixLastWord })
    const terms = queryTerms(parsed.must, this.ranking)
    return texts.map((text) => highlightQueryTerms(text, terms))
  }

  async people(): Promise<PersonSummary[]> {
    const column = this.columns.person
    return column.values
      .map((name, id) => ({ name, passages: column.totals[id], aliases: this.data.personAliases[name] ?? [] }))
      .sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name))
  }

  async stats(): Promise<IndexStats> {
    return {
      articles: this.data.articles.length,
      passages: this.data.passages.length,
      people: this.columns.person.values.length,
      sources: this.columns.source.values.length,
      builtAt: this.data.builtAt,
      updatedAt: this.data.updatedAt ?? this.data.builtAt,
      backend: this.backend,
    }
  }
}

interface SearchPlan {
  parsed: ParsedQuery
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
  sort: SortOrder
  /** The facets this search counts. */
  countedFacets: FacetName[]
  /** What every match satisfies, and the nodes to verify on each (see compile-query.ts). */
  clauses: Clause[]
  toVerify: QueryNode[]
  /** Phrases to verify and highlight, as word keys. */
  phrases: string[][]
  /** The words asked for (surface forms), for suggestions. */
  words: string[]
  /** Whether "most of the words" can stand in when no passage has them all. */
  relaxable: boolean
}

interface SearchRun {
  matches: MatchList
  tallies: Record<FacetName, FacetTally>
  relaxed: boolean
}

/** Matching passages and their scores in growable typed arrays: no object per match. */
class MatchList implements ScoredDocs {
  docs: Uint32Array = new Uint32Array(64)
  scores: Float64Array = new Float64Array(64)
  count = 0
  /** Set for the unfiltered corpus, whose order is precomputed and needs no list at all. */
  isEverything = false

  /** Every passage: `docs[i]` is `i`, so positions and passage numbers coincide. */
  static everything(identity: Uint32Array, zeros: Float64Array): MatchList {
    const list = new MatchList()
    list.docs = identity
    list.scores = zeros
    list.count = identity.length
    list.isEverything = true
    return list
  }

  push(doc: number, score: number): void {
    if (this.count === this.docs.length) {
      const docs = new Uint32Array(this.docs.length * 2)
      docs.set(this.docs)
      this.docs = docs
      const scores = new Float64Array(this.scores.length * 2)
      scores.set(this.scores)
      this.scores = scores
    }
    this.docs[this.count] = doc
    this.scores[this.count++] = score
  }
}

/** The persisted index: a header with each passage's field lengths (one array per field id), then the terms. */
export interface IndexLines {
  header: { fieldLengths: number[][] }
  terms: Iterable<[string, Map<number, FieldPostings>]>
  /** The facet and date columns as saved; derived from the passages when absent. */
  columns?: SavedColumns
}

/** The parts of MiniSearch's private state the scorer reads, checked so a MiniSearch upgrade fails loudly. */
interface MiniSearchInternals {
  _index: {
    set(term: string, data: CompactTermData): void
    get(term: string): CompactTermData | undefined
    fuzzyGet(term: string, maxDistance: number): Map<string, [CompactTermData, number]>
    atPrefix(prefix: string): Iterable<[string, CompactTermData]>
  }
  _documentIds: Map<number, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _documentCount: number
  _fieldIds: Record<string, number>
}

function internalsOf(index: MiniSearch<IndexedDocument>): MiniSearchInternals {
  const internals = index as unknown as MiniSearchInternals
  if (!(internals._documentIds instanceof Map) || !(internals._fieldLength instanceof Map) || typeof internals._index?.fuzzyGet !== 'function') {
    throw new Error('Clippings: this MiniSearch version keeps its index differently; the engine supports MiniSearch 7')
  }
  return internals
}

/** MiniSearch's term tree and statistics, as the scorer reads them. Short ids are passage numbers. */
function postingSource(index: MiniSearch<IndexedDocument>): PostingSource {
  const internals = internalsOf(index)
  const tree = internals._index
  return {
    get: (term) => tree.get(term),
    fuzzyGet: (term, distance) => tree.fuzzyGet(term, distance),
    atPrefix: (prefix) => tree.atPrefix(prefix),
    documentCount: internals._documentCount,
    averageFieldLength: [...internals._avgFieldLength],
    fieldLengths: (internals._fieldLength as FieldLengthMap).lengths,
  }
}

function scoringSettings(index: MiniSearch<IndexedDocument>, ranking: RankingDefaults) {
  const { _fieldIds } = internalsOf(index)
  return {
    // As MiniSearch does, a missing or zero boost counts as 1.
    fieldBoosts: SEARCH_FIELDS.map((field) => ({ fieldId: _fieldIds[field], boost: ranking.boost[field] || 1 })),
    bm25: ranking.bm25,
    weights: ranking.weights,
    maxFuzzy: 6,
  }
}

/**
 * The MiniSearch index `addAll` would build, built faster and held compactly (see compact-index.ts):
 * occurrences are counted straight into typed arrays, and each distinct term enters MiniSearch's radix
 * tree once. Field lengths, their averages and the scores they give equal MiniSearch's (tested against
 * addAll).
 */
function buildMiniSearch(passages: Passage[], options: ReturnType<typeof miniSearchOptions>): MiniSearch<IndexedDocument> {
  const index = new MiniSearch<IndexedDocument>(options)
  const fieldIds = internalsOf(index)._fieldIds
  const builders = new Map<string, Map<number, PostingsBuilder>>()
  const lengths = SEARCH_FIELDS.map(() => new Float32Array(passages.length))
  passages.forEach((passage, doc) => {
    for (const field of SEARCH_FIELDS) {
      const fieldId = fieldIds[field]
      const tokens = tokenizeForIndex(fieldValue(passage, field))
      lengths[fieldId][doc] = new Set(tokens).size
      for (const token of tokens) {
        const term = cachedIndexTerm(token)
        if (term === null) continue
        let byField = builders.get(term)
        if (!byField) builders.set(term, (byField = new Map()))
        let postings = byField.get(fieldId)
        if (!postings) byField.set(fieldId, (postings = new PostingsBuilder()))
        postings.add(doc)
      }
    }
  })
  const terms = new Map<string, Map<number, FieldPostings>>()
  for (const [term, byField] of builders) {
    terms.set(term, new Map([...byField].map(([fieldId, builder]) => [fieldId, builder.finish()])))
  }
  return installCompactState(index, passages.length, lengths, terms)
}

/** Puts compact postings, ids and field lengths in place of MiniSearch's own maps. */
function installCompactState(
  index: MiniSearch<IndexedDocument>,
  passages: number,
  lengths: Float32Array[],
  terms: Iterable<[string, Map<number, FieldPostings>]>,
): MiniSearch<IndexedDocument> {
  const internals = internalsOf(index) as MiniSearchInternals & { _idToShortId: Map<number, number>; _nextId: number }
  internals._documentIds = new IdentityMap(passages)
  internals._idToShortId = new IdentityMap(passages)
  internals._fieldLength = new FieldLengthMap(lengths)
  internals._documentCount = passages
  internals._nextId = passages
  internals._avgFieldLength = lengths.map((field) => (passages > 0 ? field.reduce((sum, length) => sum + length, 0) / passages : 0))
  for (const [term, postings] of terms) internals._index.set(term, new CompactTermData(postings))
  return index
}

function fieldValue(passage: Passage, field: (typeof SEARCH_FIELDS)[number]): string {
  switch (field) {
    case 'text':
      return passage.text
    case 'title':
      return passage.title
    case 'section':
      return passage.section ?? ''
    case 'people':
      return passage.people.join(' ; ')
  }
}

function buildDocColumns(passages: Passage[]): DocColumns {
  const count = passages.length
  const dateStart = new Int32Array(count).fill(-1)
  const dateEnd = new Int32Array(count).fill(-1)
  passages.forEach((passage, doc) => {
    const iso = passage.date?.iso
    if (!iso) return
    const year = Number(iso.slice(0, 4)) * 10000
    const month = iso.length >= 7 ? Number(iso.slice(5, 7)) : 0
    const day = iso.length >= 10 ? Number(iso.slice(8, 10)) : 0
    dateStart[doc] = year + (month || 1) * 100 + (day || 1)
    dateEnd[doc] = year + (month || 12) * 100 + (day || 31)
  })
  // Orders by packed numeric keys (rank × count + passage), so a plain typed-array sort does the work:
  // a million passages sort in a fraction of the time a comparator takes. Undated passages rank last.
  const UNDATED_RANK = 99_999_999
  const order = (rank: (start: number) => number) => {
    const keys = new Float64Array(count)
    for (let doc = 0; doc < count; doc++) keys[doc] = (dateStart[doc] < 0 ? UNDATED_RANK : rank(dateStart[doc])) * count + doc
    keys.sort()
    return Uint32Array.from(keys, (key) => key % count)
  }
  return completeDocColumns(dateStart, dateEnd, order((start) => UNDATED_RANK - 1 - start))
}

/** The document columns from what is saved of them (see column-file.ts). */
function completeDocColumns(dateStart: Int32Array, dateEnd: Int32Array, newest: Uint32Array): DocColumns {
  const count = dateStart.length
  let longestSpan = 0
  for (let doc = 0; doc < count; doc++) if (dateStart[doc] >= 0) longestSpan = Math.max(longestSpan, dateEnd[doc] - dateStart[doc])
  return {
    dateStart,
    dateEnd,
    newest,
    longestSpan,
    oldest: oldestFromNewest(newest, dateStart),
    identity: Uint32Array.from({ length: count }, (_, doc) => doc),
    zeros: new Float64Array(count),
  }
}

/**
 * Oldest-first order from newest-first without a second sort: the dated part reversed, each run of equal
 * dates reversed back so ties stay in passage order, then the undated passages as `newest` lists them
 * (in passage order).
 */
function oldestFromNewest(newest: Uint32Array, dateStart: Int32Array): Uint32Array {
  let dated = 0
  while (dated < newest.length && dateStart[newest[dated]] >= 0) dated++
  const oldest = new Uint32Array(newest.length)
  for (let i = 0; i < dated; i++) oldest[i] = newest[dated - 1 - i]
  for (let runStart = 0; runStart < dated; ) {
    let runEnd = runStart + 1
    while (runEnd < dated && dateStart[oldest[runEnd]] === dateStart[oldest[runStart]]) runEnd++
    oldest.subarray(runStart, runEnd).reverse()
    runStart = runEnd
  }
  oldest.set(newest.subarray(dated), dated)
  return oldest
}

/**
 * The year and month facet value of each passage, read from the packed date column rather than by slicing
 * each date string: one string per distinct year or month, not one per passage. Dates the column cannot
 * represent fall back to the string rules of dates.ts, so the values are the same either way.
 */
function dateFacetValues(passages: Passage[], dateStart: Int32Array) {
  const years = new Map<number, string>()
  const months = new Map<number, string>()
  const yearValue = (doc: number): string => {
    const start = dateStart[doc]
    if (!(start > 0)) return yearOf(passages[doc].date) ?? UNDATED
    const key = Math.floor(start / 10000)
    let value = years.get(key)
    if (value === undefined) years.set(key, (value = String(key).padStart(4, '0')))
    return value
  }
  const monthValue = (doc: number): string => {
    const date = passages[doc].date
    const start = dateStart[doc]
    if (!date || date.precision === 'year' || !(start > 0) || date.iso.length < 7) return monthOf(date) ?? UNDATED
    const key = Math.floor(start / 100)
    let value = months.get(key)
    if (value === undefined) months.set(key, (value = `${String(Math.floor(key / 100)).padStart(4, '0')}-${String(key % 100).padStart(2, '0')}`))
    return value
  }
  return { yearValue, monthValue }
}

function collectPhrases(nodes: QueryNode[], into: string[][]): void {
  for (const node of nodes) {
    if (node.type === 'phrase') into.push(node.words)
    else if (node.type === 'and' || node.type === 'or') collectPhrases(node.children, into)
  }
}

function collectWords(nodes: QueryNode[]): string[] {
  const words: string[] = []
  for (const node of nodes) {
    if (node.type === 'term') words.push(node.word)
    else if (node.type === 'phrase') words.push(...node.words)
    else words.push(...collectWords(node.children))
  }
  return words
}

function mergeFilters(a: FacetFilters = {}, b: FacetFilters = {}): FacetFilters {
  const merged: FacetFilters = {}
  for (const name of FACET_NAMES) {
    const values = [...new Set([...(a[name] ?? []), ...(b[name] ?? [])])]
    if (values.length > 0) merged[name] = values
  }
  return merged
}

function laterBound(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b
  return a > b ? a : b
}

function earlierBound(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b
  return a < b ? a : b
}

/** Case and accent folded, punctuation as spaces: "CABAR.asia" and "cabar asia" meet. */
function foldValue(value: string): string {
  return value
    .split(/[^\p{L}\p{N}’']+/u)
    .map(foldTerm)
    .filter(Boolean)
    .join(' ')
}

/** Ascending merge of two ascending lists without duplicates. */
function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[n++] = a[i++]
    else if (b[j] < a[i]) out[n++] = b[j++]
    else {
      out[n++] = a[i++]
      j++
    }
  }
  while (i < a.length) out[n++] = a[i++]
  while (j < b.length) out[n++] = b[j++]
  return out.subarray(0, n)
}
