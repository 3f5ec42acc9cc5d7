// How a Clippings index is laid out in OpenSearch: names, settings and mappings.
//
// Three indices per corpus, all named after the alias (default "clippings"):
// - passages: `<alias>-passages-<stamp>`, behind the alias `<alias>`, one document per passage;
// - articles: `<alias>-articles-<stamp>`, behind the alias `<alias>-articles`, one document per article;
// - meta: `<alias>-meta`, the labels, aliases and indexer state of each passages index (see state.ts).
// A full build makes a new pair of concrete indices and swaps both aliases in one atomic request.
//
// Text is analysed by Clippings' own analyzer (src/text/analyze.ts) before it is sent: the `t_*` fields
// hold each word's index term (folded, stemmed, stop words left out) separated by spaces, and `phrase`
// holds every word's phrase key in order, stop words included, so positions give exact phrases. OpenSearch
// only splits them on spaces (its built-in `whitespace` analyzer, present in every distribution), which is
// what makes the same query find the same passages on both engines (see README.md in this folder).

import type { SearchField } from '../ranking.ts'

/** Search fields with their analysed field names, in the ranking's field order. */
export const TERM_FIELDS: Readonly<Record<SearchField, string>> = { text: 't_text', title: 't_title', section: 't_section', people: 't_people' }

/** Each search field's length as the embedded engine's BM25+ counts it (distinct words), for exact scores. */
export const LENGTH_FIELDS = { text: 'len_text', title: 'len_title', section: 'len_section', people: 'len_people' } as const

/** The field holding every word's phrase key, for phrase queries. */
export const PHRASE_FIELD = 'phrase'

/** The keyword field holding a facet's values. */
export function facetField(facet: string): string {
  return `facets.${facet}`
}

export interface IndexNames {
  /** The alias searches use: the passages. */
  passages: string
  articles: string
  meta: string
}

export function indexNames(alias: string): IndexNames {
  return { passages: alias, articles: `${alias}-articles`, meta: `${alias}-meta` }
}

/** Settings a build's indices take once complete: searchable copies on other nodes. */
export function servingSettings(replicas: number) {
  return { index: { number_of_replicas: replicas } }
}

/** Concrete index names for a new build: sortable by time, unique within a process. */
export function concreteNames(alias: string, now = new Date()): { passages: string; articles: string } {
  const stamp = `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '')}-${(buildCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`
  return { passages: `${alias}-passages-${stamp}`, articles: `${alias}-articles-${stamp}` }
}
let buildCounter = 0

/** Whether a concrete index name belongs to this alias's builds (for cleanup). */
export function isBuildIndex(alias: string, name: string): boolean {
  return name.startsWith(`${alias}-passages-`) || name.startsWith(`${alias}-articles-`)
}

const WHITESPACE_TEXT = { type: 'text', analyzer: 'whitespace', similarity: 'clippings' } as const

/** A new passages index: no replicas and no refreshes until the build is complete (see backend.ts). */
export function passagesIndexBody(shards: number) {
  return {
    settings: {
      number_of_shards: shards,
      // Replicas are added once the build is complete (copying finished segments beats indexing twice).
      number_of_replicas: 0,
      // Changes become visible when a flush refreshes the index, never half-way through one.
      refresh_interval: '-1',
      'index.max_result_window': 10_000,
      similarity: {
        // The ranking's BM25 parameters (src/engine/ranking.ts: k 1.2, b 0.75); OpenSearch's BM25 has no lower
        // bound d, MiniSearch's BM25+ does (see README.md).
        clippings: { type: 'BM25', k1: 1.2, b: 0.75 },
      },
    },
    mappings: {
      dynamic: 'strict',
      // The analysed terms are derived from the passage: indexed, never stored twice.
      _source: { excludes: [...Object.values(TERM_FIELDS), ...Object.values(LENGTH_FIELDS), PHRASE_FIELD] },
      properties: {
        passage: { type: 'object', enabled: false },
        seq: { type: 'long' },
        article_id: { type: 'keyword' },
        position: { type: 'integer' },
        date_start: { type: 'integer' },
        date_end: { type: 'integer' },
        ...Object.fromEntries(Object.values(LENGTH_FIELDS).map((field) => [field, { type: 'integer', index: false }])),
        facets: {
          type: 'object',
          dynamic: true,
          properties: {},
        },
        ...Object.fromEntries(Object.values(TERM_FIELDS).map((field) => [field, WHITESPACE_TEXT])),
        // Positions only matter for phrases; term frequencies and norms are not used there.
        [PHRASE_FIELD]: { type: 'text', analyzer: 'whitespace', norms: false, index_options: 'positions' },
      },
      dynamic_templates: [{ facet_values: { path_match: 'facets.*', mapping: { type: 'keyword', eager_global_ordinals: true } } }],
    },
  }
}

export function articlesIndexBody() {
  return {
    settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' },
    mappings: {
      dynamic: 'strict',
      properties: { article: { type: 'object', enabled: false } },
    },
  }
}

export function metaIndexBody(replicas: number) {
  return {
    settings: { number_of_shards: 1, number_of_replicas: replicas },
    mappings: {
      dynamic: 'strict',
      properties: {
        kind: { type: 'keyword' },
        index: { type: 'keyword' },
        generation: { type: 'long' },
        part: { type: 'integer' },
        body: { type: 'object', enabled: false },
        data: { type: 'binary' },
      },
    },
  }
}
