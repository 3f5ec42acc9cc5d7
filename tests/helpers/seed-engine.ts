// The real pipeline and engine over the five seed articles, built once per test process.
import { defaults } from '../../src/defaults.ts'
import { loadAliases } from '../../src/enrich/people/index.ts'
import { loadTaxonomy } from '../../src/enrich/topics/index.ts'
import { createMemoryEngine, type EmbeddedEngine, type SearchEngine } from '../../src/engine/index.ts'
import { settingsFiles } from '../../src/indexer/sync.ts'
import { buildIndexData, type BuildResult } from '../../src/indexer/build.ts'

let built: Promise<{ engine: EmbeddedEngine; build: BuildResult }> | undefined

export function seedBuild(): Promise<{ engine: EmbeddedEngine; build: BuildResult }> {
  built ??= (async () => {
    const corpus = [...defaults.corpusDirs]
    const files = settingsFiles(corpus)
    const build = await buildIndexData(corpus, { aliases: loadAliases(files.aliases), taxonomy: loadTaxonomy(files.taxonomy) })
    return { engine: createMemoryEngine(build.data), build }
  })()
  return built
}

/** The seeds' engine: embedded, or on OpenSearch when CLIPPINGS_TEST_ENGINE=opensearch (see .ci/run). */
export async function seedEngine(): Promise<SearchEngine> {
  if (process.env.CLIPPINGS_TEST_ENGINE === 'opensearch') return (await import('../engine/opensearch/seed-engine.ts')).openSearchSeedEngine()
  return (await seedBuild()).engine
}
