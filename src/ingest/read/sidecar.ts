// Sidecar metadata: a `metadata.json` beside the articles states, per file name, what the files themselves
// do not (publication, URL, date, author, a title). Its shape, also documented in seeds/README.md:
//
//   {
//     "$comment": "keys starting with $ are ignored",
//     "*": { "source": "Reuters", "language": "en" },          // defaults for every file in this folder
//     "000_2ec946542bc177c9.txt": {
//       "title": "…", "titleOrigin": "derived",                 // "derived": not the publication's headline
//       "source": "…", "url": "https://…", "author": "…", "authorRole": "…",
//       "date": "2025-10-28",                                   // or "2025-10", "2025", "28 October 2025", …
//       "place": "…", "language": "en",
//       "people": ["…"], "desk": "Asia", "tags": ["…"]          // people, and the corpus's own fields
//     }
//   }
//
// Field names are those of front matter (see record-meta.ts). For one file, its entry overrides what the
// file's format states, which overrides the "*" defaults. For a JSON Lines file, its entry is a default for
// every line, below what each line states.
import type { ArticleMeta } from '../../model.ts'
import { metaFromRecord } from './record-meta.ts'

export const SIDECAR_FILE_NAME = 'metadata.json'
const DEFAULTS_KEY = '*'

export interface Sidecar {
  /** The "*" entry: metadata every file in the folder shares unless it states otherwise. */
  defaults: ArticleMeta
  /** Entries by file name (relative to the sidecar's folder). */
  files: Map<string, ArticleMeta>
  /** Entries or fields that could not be used, for the run's report. */
  warnings: string[]
}

export type ParseSidecarResult = { sidecar: Sidecar } | { error: string }

export function parseSidecar(json: string): ParseSidecarResult {
  let data: unknown
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''))
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: 'expected an object of entries by file name' }
  const sidecar: Sidecar = { defaults: {}, files: new Map(), warnings: [] }
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    if (key.startsWith('$')) continue
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      sidecar.warnings.push(`entry "${key}" is not an object; ignored`)
      continue
    }
    const problems: string[] = []
    const meta = metaFromRecord(entry as Record<string, unknown>, problems)
    sidecar.warnings.push(...problems.map((problem) => `entry "${key}": ${problem}`))
    if (key === DEFAULTS_KEY) sidecar.defaults = meta
    else sidecar.files.set(key.replace(/\\/g, '/').replace(/^\.\//, ''), meta)
  }
  return { sidecar }
}

/**
 * Layers metadata, the first layer that states a field winning it. A title keeps the origin stated with it,
 * so a sidecar's derived title is not passed off as the publication's. The corpus's own fields are layered
 * one by one: a file's `desk` does not hide the folder's `region`.
 */
export function mergeMeta(...layers: (ArticleMeta | undefined)[]): ArticleMeta {
  const merged: ArticleMeta = {}
  for (const layer of layers) {
    if (!layer) continue
    for (const [key, value] of Object.entries(layer) as [keyof ArticleMeta, ArticleMeta[keyof ArticleMeta]][]) {
      if (key === 'titleOrigin') continue
      if (key === 'fields') {
        merged.fields = { ...(value as Record<string, string[]>), ...merged.fields }
        continue
      }
      if (value !== undefined && merged[key] === undefined) {
        ;(merged as Record<string, unknown>)[key] = value
        if (key === 'title' && layer.titleOrigin) merged.titleOrigin = layer.titleOrigin
      }
    }
  }
  return merged
}
