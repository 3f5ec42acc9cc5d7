// Every default in one place, so a setting is changed once and documented once.
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'

/** The project root, so paths work from any working directory. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const defaults = {
  port: 3000,
  /** The corpus `npm start` serves when no folder is given. */
  corpusDirs: [resolve(PROJECT_ROOT, 'seeds')],
  indexDir: resolve(PROJECT_ROOT, 'index'),
  /** The shipped topic taxonomy; a `taxonomy.json` in a corpus folder takes its place. */
  taxonomyPath: resolve(PROJECT_ROOT, 'src/enrich/topics/taxonomy.json'),
  pageSize: 10,
  maxPageSize: 100,
  facetSize: 10,
  maxQueryLength: 1000,
  /** Passages aim for this many words: shorter fragments join a neighbour, longer paragraphs split. */
  passageMinWords: 40,
  passageMaxWords: 250,
  snippetLength: 240,
  /** How many of a search's first results are remembered, per order: ten pages of ten. */
  resultWindow: 100,
  /** Memory for remembered searches: at a few kilobytes each, thousands of them. */
  searchCacheBytes: 32 * 1024 * 1024,
  /**
   * Milliseconds one search may take in all: matching stops in time to answer what it has, marked partial,
   * within them, so no query, however it expands, holds the server for longer.
   */
  searchBudgetMs: 250,
  /** Passages shown per article in the "group by article" view. */
  groupPassages: 3,
} as const
