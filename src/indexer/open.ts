// Opening an index to read it (search, export, people, serve). Reading never writes: a missing index is an
// error naming the command that builds one, a damaged or outdated one is reported as such, and a corpus
// folder that has gone is only mentioned. The one exception is `npm start`'s first run, which builds the
// seed articles into the default folder when there is nothing there.
import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { defaults } from '../defaults.ts'
import { createBackend, type EngineConfig } from '../engine/backends.ts'
import type { Backend, LiveEngine } from '../engine/engine.ts'
import { ClippingsError } from '../errors.ts'
import { isCorpusState, type CorpusState } from './state.ts'
import { syncIndex, type SyncOptions } from './sync.ts'
import { PIPELINE_VERSION } from './pipeline-version.ts'

export interface OpenOptions {
  /** Build the seed articles into the index folder when it holds no index (npm start's first run). */
  buildSeedsIfMissing?: boolean
  log?: (line: string) => void
  onProgress?: SyncOptions['onProgress']
}

export interface OpenedIndex {
  engine: LiveEngine
  backend: Backend
  /** The indexer's state as committed with the index (undefined for an index without one). */
  state?: CorpusState
  /** Whether this call built the index (npm start's first run). */
  built: boolean
}

function sameFolders(a: readonly string[], b: readonly string[]): boolean {
  const norm = (paths: readonly string[]) => paths.map((path) => resolve(path)).sort().join('\n')
  return norm(a) === norm(b)
}

function shown(path: string): string {
  const relativePath = relative(process.cwd(), path)
  return relativePath && !relativePath.startsWith('..') ? relativePath : path
}

/** Whether the index folder is the default one and would hold the seeds: what npm start may build itself. */
function isDefaultSetup(config: EngineConfig): boolean {
  return config.engine === 'embedded' && config.indexDir === defaults.indexDir
}

export async function openForReading(config: EngineConfig, options: OpenOptions = {}): Promise<OpenedIndex> {
  const log = options.log ?? (() => {})
  const backend = await createBackend(config, { log })
  const firstRun = options.buildSeedsIfMissing === true && isDefaultSetup(config)
  let built = false
  if (!(await backend.exists())) {
    // Something is there but cannot be used (another format, damaged): npm start rebuilds it only when it
    // can tell it held the seeds; anything else is the user's, and is left for them to rebuild.
    const { unusable, corpus } = (await backend.inspect?.()) ?? { unusable: false }
    const heldSeeds = corpus !== undefined && sameFolders(corpus, defaults.corpusDirs)
    if (firstRun && (!unusable || heldSeeds)) {
      log(unusable ? `Rebuilding the seed index in ${shown(config.indexDir)} (the one there cannot be read by this version)` : `Building the index of the seed articles in ${shown(config.indexDir)} (first run)`)
      await syncIndex(backend, { corpus: [...defaults.corpusDirs], full: unusable, onProgress: options.onProgress })
      built = true
    } else if (unusable) {
      try {
        await backend.open()
      } catch (error) {
        const rebuild = corpus ? `clippings index ${corpus.map(shown).join(' ')} --out ${shown(config.indexDir)} --full` : `clippings index <folder> --out ${shown(config.indexDir)} --full`
        throw new ClippingsError('corrupt-index', `${(error as Error).message}. Nothing was changed; rebuild it with \`${rebuild}\``, { cause: error })
      }
    } else {
      throw new ClippingsError(
        'not-found',
        `Clippings: no index at ${shown(backend.location)}: build one with \`clippings index <folder> --out ${shown(config.indexDir)}\``,
      )
    }
  }
  const engine = await backend.open()
  const stored = await backend.readState()
  const state = isCorpusState(stored) ? stored : undefined
  if (state) {
    const gone = state.corpus.filter((path) => !existsSync(path))
    const stats = await engine.stats()
    for (const path of gone) log(`Clippings: corpus folder ${path} is gone; serving the index as built on ${stats.updatedAt.slice(0, 10)}`)
    if (state.pipelineVersion !== PIPELINE_VERSION) {
      log(`Clippings: the index was built by an earlier pipeline (version ${state.pipelineVersion}, now ${PIPELINE_VERSION}); \`clippings index --out ${shown(config.indexDir)}\` rebuilds it`)
    }
  }
  return { engine, backend, state, built }
}
