// Reads folders and files of articles into clean, resolved articles: picks the reader by extension, applies
// sidecar metadata, cleans each body, resolves metadata and ids, and drops duplicates. A file that cannot
// be used is reported with a one-line reason; nothing aborts the run.
import { createHash } from 'node:crypto'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path'
import type { Article, ArticleMeta, SkippedFile } from '../model.ts'
import { cleanArticle } from './clean/index.ts'
import { resolveArticle } from './metadata.ts'
import { decodeText } from './read/decode.ts'
import { readHtml } from './read/html.ts'
import { readJsonlFile } from './read/jsonl.ts'
import { readMarkdown } from './read/md.ts'
import { readTxt } from './read/txt.ts'
import { mergeMeta, parseSidecar, SIDECAR_FILE_NAME, type Sidecar } from './read/sidecar.ts'
import type { ArticleFormat, RawArticle, ReadOutcome } from './read/types.ts'

export interface ReadCorpusResult {
  articles: Article[]
  skipped: SkippedFile[]
  /** Articles whose text (normalized) repeats an earlier one: indexed once, under the first file. */
  duplicates: { file: string; duplicateOf: string }[]
  /** Metadata that was stated but could not be used (bad front matter, a sidecar entry's unreadable date). */
  warnings: string[]
}

export interface ReadCorpusOptions {
  /** Called after each file (a JSON Lines file counts once), in the order files are read. */
  onProgress?: (done: number, total: number, file: string) => void
}

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
}

/** Files the indexer reads for itself (sidecars, people aliases, a taxonomy): not articles, not reported. */
function isIndexerConfig(name: string): boolean {
  const lower = name.toLowerCase()
  return lower === SIDECAR_FILE_NAME || lower === 'taxonomy.json' || lower === 'people-aliases.json' || lower.endsWith('.aliases.json')
}

/** A file to read: where it is, and the path it is reported under (relative to the folder given). */
interface CorpusFile {
  path: string
  file: string
}

/**
 * Reads every article under `paths`: folders recursively (in sorted order, so ids are stable), or single
 * files. Hidden files and folders are passed over.
 */
export async function readCorpus(paths: string[], options: ReadCorpusOptions = {}): Promise<ReadCorpusResult> {
  const result: ReadCorpusResult = { articles: [], skipped: [], duplicates: [], warnings: [] }
  const files = await listCorpusFiles(paths, result.skipped)
  const takenIds = new Set<string>()
  const firstFileByText = new Map<string, string>()
  const sidecars = new Map<string, Sidecar | undefined>()

  const accept = (raw: RawArticle) => {
    // A headline-only item (a wire brief) is its own text: its title must not be cleaned away as a heading.
    const headlineOnly = raw.meta.title !== undefined && raw.body.trim() === raw.meta.title.trim()
    let cleaned = cleanArticle(raw.body, headlineOnly ? {} : { knownTitle: raw.meta.title })
    // A body that only "repeats the title" was taken for its title line; clean it again as it stands.
    if (cleaned.blocks.length === 0 && raw.meta.title && !headlineOnly) cleaned = cleanArticle(raw.body)
    if (headlineOnly && cleaned.blocks.length === 0) cleaned = { ...cleaned, blocks: [{ text: raw.meta.title! }] }
    if (!cleaned.blocks.some((block) => block.text.trim())) {
      result.skipped.push({ file: raw.file, reason: 'no article text left after removing page chrome' })
      return
    }
    // Duplicates are judged on the text as read, so cleaning cannot make two different stories look alike.
    const fingerprint = textFingerprint(raw.body)
    const duplicateOf = firstFileByText.get(fingerprint)
    if (duplicateOf !== undefined) {
      result.duplicates.push({ file: raw.file, duplicateOf })
      return
    }
    firstFileByText.set(fingerprint, raw.file)
    result.articles.push(resolveArticle(raw, cleaned, { takenIds }))
  }

  let done = 0
  for (const { path, file } of files) {
    const name = basename(path)
    const format = FORMAT_BY_EXTENSION[extname(name).toLowerCase()]
    if (/^readme(\.[a-z]+)?$/i.test(name)) result.skipped.push({ file, reason: 'not an article (README)' })
    else if (!format) result.skipped.push({ file, reason: `unsupported format (${extname(name) || 'no extension'})` })
    else {
      const sidecar = await sidecarFor(dirname(path), sidecars, file, result)
      const entry = sidecar?.files.get(name)
      if (format === 'jsonl') {
        for await (const outcome of readJsonlFile(path, file)) {
          if ('skip' in outcome) result.skipped.push({ file: outcome.file, reason: outcome.skip })
          else accept(withMeta(outcome.article, mergeMeta(outcome.article.meta, entry, sidecar?.defaults)))
        }
      } else {
        const outcome = await readArticleFile(path, file, format)
        if ('skip' in outcome) result.skipped.push({ file, reason: outcome.skip })
        else {
          if (outcome.warning) result.warnings.push(outcome.warning)
          accept(withMeta(outcome.article, mergeMeta(entry, outcome.article.meta, sidecar?.defaults)))
        }
      }
    }
    options.onProgress?.(++done, files.length, file)
  }
  return result
}

function withMeta(raw: RawArticle, meta: ArticleMeta): RawArticle {
  return { ...raw, meta }
}

/** Reads one single-article file with the reader for its format. */
async function readArticleFile(path: string, file: string, format: Exclude<ArticleFormat, 'jsonl'>): Promise<ReadOutcome> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    return { skip: `cannot read (${errorCode(error)})` }
  }
  const decoded = decodeText(bytes)
  if ('skip' in decoded) return decoded
  if (format === 'md') return readMarkdown(decoded.text, file)
  if (format === 'html') return readHtml(decoded.text, file)
  return readTxt(decoded.text, file)
}

/** Same words in the same order, whatever the case, spacing and punctuation. */
function textFingerprint(text: string): string {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  return createHash('sha1').update(normalized).digest('hex')
}

/** The folder's sidecar, read once; a broken one is reported and the folder read without it. */
async function sidecarFor(folder: string, cache: Map<string, Sidecar | undefined>, file: string, result: ReadCorpusResult): Promise<Sidecar | undefined> {
  if (cache.has(folder)) return cache.get(folder)
  let sidecar: Sidecar | undefined
  const sidecarPath = join(folder, SIDECAR_FILE_NAME)
  const reported = join(dirname(file), SIDECAR_FILE_NAME).split(sep).join('/').replace(/^\.\//, '')
  let text: string | undefined
  try {
    text = await readFile(sidecarPath, 'utf8')
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') result.skipped.push({ file: reported, reason: `sidecar metadata ignored: cannot read (${errorCode(error)})` })
  }
  if (text !== undefined) {
    const parsed = parseSidecar(text)
    if ('error' in parsed) result.skipped.push({ file: reported, reason: `sidecar metadata ignored: ${parsed.error}` })
    else {
      sidecar = parsed.sidecar
      result.warnings.push(...sidecar.warnings.map((warning) => `${reported}: ${warning}`))
    }
  }
  cache.set(folder, sidecar)
  return sidecar
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error))
}

// ---------------------------------------------------------------------------------------------
// Listing

/** Every file under the paths, each once, sorted within its folder; indexer config files left out. */
async function listCorpusFiles(paths: string[], skipped: SkippedFile[]): Promise<CorpusFile[]> {
  const files: CorpusFile[] = []
  const seen = new Set<string>()
  const add = (path: string, file: string) => {
    if (seen.has(path)) return
    seen.add(path)
    files.push({ path, file })
  }
  for (const given of paths) {
    const root = resolve(given)
    let info
    try {
      info = await stat(root)
    } catch (error) {
      skipped.push({ file: given, reason: `cannot read (${errorCode(error)})` })
      continue
    }
    if (info.isDirectory()) {
      for (const path of await listFolder(root, skipped, root, new Set())) add(path, relative(root, path).split(sep).join('/'))
    } else if (!isIndexerConfig(basename(root))) add(root, basename(root))
  }
  return files
}

/** `visited` holds the real paths of folders already listed, so a link back up the tree is not followed round. */
async function listFolder(folder: string, skipped: SkippedFile[], root: string, visited: Set<string>): Promise<string[]> {
  let entries
  try {
    const real = await realpath(folder)
    if (visited.has(real)) return []
    visited.add(real)
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    skipped.push({ file: relative(root, folder).split(sep).join('/') || '.', reason: `cannot read folder (${errorCode(error)})` })
    return []
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const paths: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(folder, entry.name)
    let isDirectory = entry.isDirectory()
    let isFile = entry.isFile()
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path)
        isDirectory = target.isDirectory()
        isFile = target.isFile()
      } catch {
        skipped.push({ file: relative(root, path).split(sep).join('/'), reason: 'cannot read (broken link)' })
        continue
      }
    }
    if (isDirectory) paths.push(...(await listFolder(path, skipped, root, visited)))
    else if (isFile && !isIndexerConfig(entry.name)) paths.push(path)
  }
  return paths
}
