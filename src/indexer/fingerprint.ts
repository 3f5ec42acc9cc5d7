// Fingerprints that decide whether the persisted index is current: one over the corpus files (paths and
// contents, not timestamps, which a fresh clone changes), one over everything else that shapes the index.
import { createHash } from 'node:crypto'
import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { PROJECT_ROOT } from '../defaults.ts'

/** Every file below the paths (or the path itself when it is a file), sorted, with its content hashed. */
export async function fingerprintFiles(paths: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const root of paths) {
    for (const file of await listFiles(resolve(root))) {
      hash.update(relative(resolve(root), file) + '\0')
      hash.update(await readFile(file))
      hash.update('\0')
    }
  }
  return hash.digest('hex').slice(0, 32)
}

async function listFiles(path: string): Promise<string[]> {
  let info
  try {
    info = await stat(path)
  } catch {
    return []
  }
  if (info.isFile()) return [path]
  if (!info.isDirectory()) return []
  const files: string[] = []
  for (const entry of (await readdir(path)).sort()) files.push(...(await listFiles(join(path, entry))))
  return files
}

/** The code folders whose changes alter what an index holds: a new cleaning rule means a rebuild. */
const PIPELINE_CODE = ['src/ingest', 'src/enrich', 'src/engine', 'src/indexer'].map((dir) => join(PROJECT_ROOT, dir))

/** Settings that shape the index: the pipeline's code, the taxonomy and aliases files, and extra values. */
export async function fingerprintSettings(files: string[], extra: unknown): Promise<string> {
  const hash = createHash('sha256')
  hash.update(await fingerprintFiles([...PIPELINE_CODE, ...files]))
  hash.update(JSON.stringify(extra))
  return hash.digest('hex').slice(0, 32)
}
