// The backends the contract suite holds to the same answers, each made fresh for a test file and removed
// after it. The embedded backend writes to a temporary folder; the OpenSearch backend needs a cluster
// (OPENSEARCH_URL, default http://127.0.0.1:9200) and is skipped, with a message, when none answers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Backend } from '../../../src/engine/engine.ts'
import { createEmbeddedBackend } from '../../../src/engine/embedded/backend.ts'
import { createOpenSearchBackend, type OpenSearchBackend } from '../../../src/engine/opensearch/index.ts'

export interface BackendUnderTest {
  name: string
  /** Why this backend's cases are skipped in this run, when they are. */
  skip?: string
  /** A backend over a new, empty location. */
  create(): Promise<Backend>
  /** Removes everything `create` made. */
  dispose(backend: Backend): Promise<void>
}

export const OPENSEARCH_URL = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200'

/** Whether a cluster answers at OPENSEARCH_URL (the first URL of a list), within two seconds. */
export async function openSearchReachable(url = OPENSEARCH_URL): Promise<boolean> {
  try {
    const response = await fetch(url.split(',')[0], { signal: AbortSignal.timeout(2000) })
    return response.ok
  } catch {
    return false
  }
}

export const OPENSEARCH_SKIP = `OpenSearch cases skipped: no cluster answers at ${OPENSEARCH_URL} (start one with: npm run opensearch -- start)`

const embedded: BackendUnderTest = {
  name: 'embedded',
  async create() {
    return createEmbeddedBackend(mkdtempSync(join(tmpdir(), 'clippings-contract-')), { cacheBytes: 0 })
  },
  async dispose(backend) {
    rmSync(backend.location, { recursive: true, force: true })
  },
}

let made = 0

/** An OpenSearch backend under a fresh alias: 2 shards and 1 replica unless OPENSEARCH_SHARDS/REPLICAS say. */
export function testOpenSearchBackend(prefix: string): OpenSearchBackend {
  const index = `${prefix}-${process.pid}-${made++}-${Math.random().toString(36).slice(2, 6)}`
  return createOpenSearchBackend({
    url: OPENSEARCH_URL,
    index,
    shards: Number(process.env.OPENSEARCH_SHARDS ?? 2),
    replicas: Number(process.env.OPENSEARCH_REPLICAS ?? 1),
  })
}

/** Deletes every index an OpenSearch test backend made (its builds, its meta) and closes its connections. */
export async function removeOpenSearchBackend(backend: OpenSearchBackend): Promise<void> {
  await backend.http.request('DELETE', `/${backend.options.alias}-*`, undefined, { ignore: [404] }).catch(() => {})
  await backend.close()
}

const openSearch: BackendUnderTest = {
  name: 'opensearch',
  async create() {
    return testOpenSearchBackend('contract')
  },
  async dispose(backend) {
    await removeOpenSearchBackend(backend as OpenSearchBackend)
  },
}

/** Every backend, with OpenSearch skipped when no cluster answers. */
export async function backendsUnderTest(): Promise<BackendUnderTest[]> {
  const reachable = await openSearchReachable()
  return [embedded, reachable ? openSearch : { ...openSearch, skip: OPENSEARCH_SKIP }]
}
