// What the status page and /api/status report: the engine, when the index was built and last changed, its
// counts and sources (from the engine), and the corpus folders and the files skipped with their reasons, which
// only the indexer knows: the serve command hands them in as a `StatusSource` (AppOptions.status).
import type { SearchEngine } from '../engine/engine.ts'
import type { CorpusState } from '../indexer/state.ts'
import type { SkippedFile } from '../model.ts'

/** What the indexer knows about the corpus being served. */
export interface IndexerStatus {
  /** The folders and files indexed, as given. */
  corpus: string[]
  /** Files (or lines of a JSON Lines file) the indexer could not use, each with the reason. */
  skipped: SkippedFile[]
  /** Whether changes to the corpus folders are picked up while serving (`serve --watch`). */
  watching: boolean
  /** Whether systems can push articles to the ingestion API (`CLIPPINGS_API_TOKEN` set). */
  ingest: boolean
}

/** Asked on every status request, so it reports the indexer's state as it is then. */
export type StatusSource = () => Promise<IndexerStatus>

/** The most skipped files one status answer lists; `skippedTotal` still counts them all. */
export const STATUS_SKIPPED_LIMIT = 500
/** The most sources one status answer lists, most passages first. */
export const STATUS_SOURCES_LIMIT = 200

export interface StatusReport {
  /** Which backend answers: "embedded" or "opensearch". */
  engine: string
  /** When the index was built from scratch and when it last changed (ISO timestamps). */
  builtAt: string
  updatedAt: string
  counts: { articles: number; passages: number; people: number; sources: number }
  /** Sources by passage count, most first. */
  sources: Array<{ name: string; passages: number }>
  sourcesTruncated: boolean
  /** Null when the server was not given the indexer's state, or it could not be read. */
  indexer: {
    corpus: string[]
    watching: boolean
    ingest: boolean
    skipped: SkippedFile[]
    skippedTotal: number
  } | null
}

/** The status report; the indexer's part is left out (null) rather than failing the page when it cannot be read. */
export async function gatherStatus(engine: SearchEngine, source: StatusSource | undefined, log: (line: string) => void): Promise<StatusReport> {
  const readIndexer = async (): Promise<IndexerStatus | undefined> => {
    if (!source) return undefined
    try {
      return await source()
    } catch (error) {
      log(`clippings: the indexer's status could not be read: ${String(error)}`)
      return undefined
    }
  }
  const [stats, sources, indexer] = await Promise.all([engine.stats(), engine.facetValues('source', { limit: STATUS_SOURCES_LIMIT }), readIndexer()])
  return {
    engine: stats.backend,
    builtAt: stats.builtAt,
    updatedAt: stats.updatedAt,
    counts: { articles: stats.articles, passages: stats.passages, people: stats.people, sources: stats.sources },
    sources: sources.values.map((value) => ({ name: value.value, passages: value.count })),
    sourcesTruncated: sources.truncated,
    indexer: indexer
      ? {
          corpus: [...indexer.corpus],
          watching: indexer.watching,
          ingest: indexer.ingest,
          skipped: indexer.skipped.slice(0, STATUS_SKIPPED_LIMIT),
          skippedTotal: indexer.skipped.length,
        }
      : null,
  }
}

/**
 * The skipped files recorded in an indexer's state: each file's own reasons (a JSON Lines file's per line), and
 * a file that became no article because it repeats another, as "a duplicate of …". Sorted by file.
 */
export function skippedFilesOf(state: Pick<CorpusState, 'files'>): SkippedFile[] {
  const skipped: SkippedFile[] = []
  for (const file of Object.values(state.files)) {
    skipped.push(...file.skipped)
    if (file.articles.length === 0 && file.skipped.length === 0) {
      for (const duplicate of file.duplicates) skipped.push({ file: duplicate.file, reason: `a duplicate of ${duplicate.duplicateOf}` })
    }
  }
  return skipped.sort((a, b) => a.file.localeCompare(b.file))
}
