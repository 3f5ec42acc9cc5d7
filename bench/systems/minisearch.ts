// MiniSearch used directly, as a user would pick it: default tokenizer and term processing, BM25+ as
// shipped, AND of the words, a filter callback for the two facets, counts by iterating every result.
import MiniSearch from 'minisearch'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchQuery } from '../queries.ts'
import { countFacets, facetTableOf, topCounts, type FacetTable } from './facet-count.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'

const OPTIONS = { fields: ['text', 'title'], storeFields: [] as string[] }

class MiniSearchIndex implements BuiltIndex {
  constructor(
    private readonly index: MiniSearch,
    private readonly table: FacetTable,
  ) {}

  search(query: BenchQuery): SearchOutcome {
    const { filters } = query
    const results = this.index.search(query.words.join(' '), {
      combineWith: 'AND',
      // No phrase search in MiniSearch: a phrase is read as its words, all required.
      prefix: (_term, i, terms) => query.kind === 'prefix' && i === terms.length - 1,
      filter: filters
        ? (result) => this.table.source[result.id] === filters.source && this.table.topics[result.id].includes(filters.topic)
        : undefined,
    })
    // MiniSearch scores and sorts every match; the page is its first ten.
    const counts = countFacets(this.table, results.map((r) => r.id as number))
    topCounts(counts.source)
    topCounts(counts.topic)
    return { ids: results.slice(0, 10).map((r) => r.id as number), total: results.length }
  }

  async save(dir: string): Promise<void> {
    await writeFile(join(dir, 'minisearch.json'), JSON.stringify(this.index))
    await writeFile(join(dir, 'facets.json'), JSON.stringify(this.table))
  }
}

export const miniSearchSystem: BenchSystem = {
  name: 'MiniSearch',
  key: 'minisearch',
  notes: 'MiniSearch 7 directly: default tokenizer (no stemming or stop words), AND, phrase read as AND of its words, prefix on the last word, facet filter callback, counts of source and topic by iterating every result',
  async build(corpus) {
    const index = new MiniSearch(OPTIONS)
    index.addAll(corpus.passages.map((p, id) => ({ id, text: p.text, title: p.title })))
    return new MiniSearchIndex(index, facetTableOf(corpus.passages))
  },
  async load(dir) {
    const index = MiniSearch.loadJSON(await readFile(join(dir, 'minisearch.json'), 'utf8'), OPTIONS)
    const table = JSON.parse(await readFile(join(dir, 'facets.json'), 'utf8')) as FacetTable
    return new MiniSearchIndex(index, table)
  },
}
