// Choosing a backend by configuration: the embedded engine (default; an index folder) or OpenSearch (a
// cluster the user runs). Command-line options win over the environment (`CLIPPINGS_ENGINE`,
// `OPENSEARCH_URL`, `OPENSEARCH_INDEX`, `OPENSEARCH_USERNAME`, `OPENSEARCH_PASSWORD`, `OPENSEARCH_CA`,
// `OPENSEARCH_INSECURE`).
import { resolve } from 'node:path'
import { defaults } from '../defaults.ts'
import { ClippingsError } from '../errors.ts'
import type { Backend } from './engine.ts'
import { createEmbeddedBackend } from './embedded/backend.ts'

export type EngineName = 'embedded' | 'opensearch'

export interface OpenSearchConfig {
  url: string
  /** The alias searches go through; each build makes a concrete index behind it. Default "clippings". */
  index: string
  username?: string
  password?: string
  /** A CA certificate file (PEM) for a cluster with its own certificate authority. */
  caFile?: string
  /** Accept any certificate (a test cluster only). */
  insecure?: boolean
}

export interface EngineConfig {
  engine: EngineName
  /** The index folder: the embedded index itself, and for every engine the articles pushed through the API. */
  indexDir: string
  opensearch?: OpenSearchConfig
  /** Milliseconds one search may spend matching (default 250; see defaults.ts). */
  searchBudgetMs?: number
}

export interface EngineFlags {
  engine?: string
  index?: string
  opensearchUrl?: string
  opensearchIndex?: string
  searchBudget?: string
}

/** The configuration from command-line flags and the environment; a bad value is a usage error. */
export function engineConfig(flags: EngineFlags, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const engine = (flags.engine ?? env.CLIPPINGS_ENGINE ?? 'embedded').trim().toLowerCase()
  if (engine !== 'embedded' && engine !== 'opensearch') {
    throw new ClippingsError('usage', `Clippings: the engine must be "embedded" or "opensearch", not "${engine}"`)
  }
  const indexDir = resolve(flags.index ?? defaults.indexDir)
  const budget = flags.searchBudget ?? env.CLIPPINGS_SEARCH_BUDGET_MS
  let searchBudgetMs: number | undefined
  if (budget !== undefined) {
    searchBudgetMs = Number(budget)
    if (!/^\d+$/.test(budget.trim()) || searchBudgetMs < 10 || searchBudgetMs > 600_000) {
      throw new ClippingsError('usage', `Clippings: the search budget must be a whole number of milliseconds from 10 to 600000, not "${budget}"`)
    }
  }
  if (engine === 'embedded') return { engine, indexDir, searchBudgetMs }
  const url = flags.opensearchUrl ?? env.OPENSEARCH_URL
  if (!url) throw new ClippingsError('usage', 'Clippings: the OpenSearch engine needs --opensearch-url URL (or OPENSEARCH_URL)')
  try {
    new URL(url)
  } catch {
    throw new ClippingsError('usage', `Clippings: --opensearch-url must be a URL such as http://localhost:9200, not "${url}"`)
  }
  return {
    engine,
    indexDir,
    searchBudgetMs,
    opensearch: {
      url,
      index: flags.opensearchIndex ?? env.OPENSEARCH_INDEX ?? 'clippings',
      username: env.OPENSEARCH_USERNAME,
      password: env.OPENSEARCH_PASSWORD,
      caFile: env.OPENSEARCH_CA,
      insecure: env.OPENSEARCH_INSECURE === '1' || env.OPENSEARCH_INSECURE === 'true',
    },
  }
}

export interface BackendOptions {
  log?: (line: string) => void
}

/** The backend a configuration names. OpenSearch's client is loaded only when it is asked for. */
export async function createBackend(config: EngineConfig, options: BackendOptions = {}): Promise<Backend> {
  if (config.engine === 'embedded') return createEmbeddedBackend(config.indexDir, { log: options.log, searchBudgetMs: config.searchBudgetMs })
  // A path held in a variable: the module is loaded at run time, and only for this engine.
  const modulePath = './opensearch/index.ts'
  const module = (await import(modulePath)) as { createOpenSearchBackend: (config: OpenSearchConfig, options?: BackendOptions) => Backend }
  return module.createOpenSearchBackend(config.opensearch!, options)
}
