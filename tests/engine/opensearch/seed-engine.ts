// The five seed articles on OpenSearch, for the HTTP, browser and query tests run with
// CLIPPINGS_TEST_ENGINE=opensearch (.ci/run does). Built once under the alias `clippings-test-seeds` and
// reused while the seeds' index data is unchanged (its fingerprint is the index's indexer state), so test
// files running in parallel share one index; a file that finds another building it waits for it.
import { createHash } from 'node:crypto'
import type { LiveEngine } from '../../../src/engine/engine.ts'
import { createOpenSearchBackend } from '../../../src/engine/opensearch/index.ts'
import { seedBuild } from '../../helpers/seed-engine.ts'
import { OPENSEARCH_URL } from '../contract/backends.ts'

let opened: Promise<LiveEngine> | undefined

export function openSearchSeedEngine(): Promise<LiveEngine> {
  opened ??= open()
  return opened
}

async function open(): Promise<LiveEngine> {
  const { build } = await seedBuild()
  const { builtAt: _builtAt, updatedAt: _updatedAt, ...content } = build.data
  const fingerprint = createHash('sha1').update(JSON.stringify(content)).digest('hex')
  const backend = createOpenSearchBackend({
    url: OPENSEARCH_URL,
    index: 'clippings-test-seeds',
    shards: Number(process.env.OPENSEARCH_SHARDS ?? 2),
    replicas: Number(process.env.OPENSEARCH_REPLICAS ?? 1),
  })
  const current = async () => (await backend.exists()) && (await backend.readState())?.seeds === fingerprint
  if (!(await current())) {
    try {
      await backend.build(build.data, { seeds: fingerprint })
    } catch (error) {
      if (!/another writer/.test((error as Error).message)) throw error
      const deadline = Date.now() + 180_000
      while (!(await current())) {
        if (Date.now() > deadline) throw error
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    }
  }
  return backend.open()
}
