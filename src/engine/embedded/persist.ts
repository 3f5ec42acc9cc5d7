// Saving and loading the index under `index/`. Each build goes to a folder of its own; the manifest,
// replaced by an atomic rename, names the build in force. A crash at any point before that rename leaves
// the previous manifest and build untouched, so the previous index stays usable.
// Records are written line by line (JSONL, the passages and articles gzipped) so a million passages never
// have to fit in one string; the term postings go to `index.bin` and the facet and date columns to `columns.bin`, as bytes (see
// compact-index.ts and column-file.ts).
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm, writeFile, open } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { promisify } from 'node:util'
import { createGunzip, createGzip, gunzip } from 'node:zlib'
import { ClippingsError } from '../errors.ts'
import { decodeTerms, encodeTerms } from './compact-index.ts'
import { decodeColumns, encodeColumns } from './column-file.ts'
import type { ArticleRecord, Passage, SkippedFile } from '../model.ts'
import { MiniSearchEngine, type IndexData, type EngineOptions, type IndexLines } from './minisearch-engine.ts'

/** Bumped whenever the files' shape changes; an index of another version is rebuilt, never misread. */
export const FORMAT_VERSION = 7

export interface Manifest {
  formatVersion: number
  /** The build folder in force, relative to the index folder. */
  build: string
  builtAt: string
  counts: { articles: number; passages: number; people: number; skipped: number; duplicates: number }
  /** Hash of the corpus files' paths and contents. */
  corpusFingerprint: string
  /** Hash of everything else that shapes the index: pipeline code, taxonomy, aliases, ranking. */
  settingsFingerprint: string
  corpus: string[]
  skipped: SkippedFile[]
}

export type ManifestFields = Omit<Manifest, 'formatVersion' | 'build' | 'builtAt' | 'counts'> & {
  counts: Pick<Manifest['counts'], 'skipped' | 'duplicates'>
}

const MANIFEST = 'manifest.json'
const PASSAGES = 'passages.jsonl.gz'
const ARTICLES = 'articles.jsonl.gz'

export interface SaveOptions {
  /** Called after the build's files are written and before the manifest switches to them (tests simulate a crash here). */
  beforeCommit?: () => void | Promise<void>
}

/** Writes the engine's index as a new build, then switches the manifest to it and removes older builds. */
export async function saveIndex(
  dir: string,
  engine: MiniSearchEngine,
  fields: ManifestFields,
  options: SaveOptions = {},
): Promise<Manifest> {
  await mkdir(dir, { recursive: true })
  const build = `build-${Date.now().toString(36)}-${process.pid.toString(36)}`
  const buildDir = join(dir, build)
  await mkdir(buildDir)
  const { data } = engine
  // What follows from other records is left out, as it costs seconds of parsing at a million passages:
  // each article's passage ids (an empty list keeps the field's place) and, in each passage, the fields
  // copied from its article (null keeps their place; see `sharedWithArticle`).
  await writeLines(join(buildDir, PASSAGES), sharedWithArticle(data.passages, data.articles), { gzip: true })
  await writeLines(join(buildDir, ARTICLES), data.articles.map((article) => ({ ...article, passageIds: [] })), { gzip: true })
  await writeDurably(join(buildDir, 'meta.json'), JSON.stringify({ personAliases: data.personAliases, topicLabels: data.topicLabels, builtAt: data.builtAt }))
  // The term index: field lengths as one JSON line, the postings as bytes (see compact-index.ts).
  await writeLines(join(buildDir, 'index.jsonl'), [engine.indexHeader()])
  await writeChunks(join(buildDir, 'index.bin'), encodeTerms(engine.indexTerms()))
  await writeChunks(join(buildDir, 'columns.bin'), encodeColumns(engine.savedColumns()))
  const stats = await engine.stats()
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    build,
    builtAt: data.builtAt,
    counts: { articles: stats.articles, passages: stats.passages, people: stats.people, ...fields.counts },
    corpusFingerprint: fields.corpusFingerprint,
    settingsFingerprint: fields.settingsFingerprint,
    corpus: fields.corpus,
    skipped: fields.skipped,
  }
  await options.beforeCommit?.()
  const temporary = join(dir, `${MANIFEST}.${process.pid}.tmp`)
  await writeDurably(temporary, JSON.stringify(manifest, null, 2) + '\n')
  await rename(temporary, join(dir, MANIFEST))
  await removeStaleBuilds(dir, build)
  return manifest
}

/** The manifest in force, or undefined when there is none or it cannot be read. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest
    return typeof manifest === 'object' && manifest !== null && typeof manifest.build === 'string' ? manifest : undefined
  } catch {
    return undefined
  }
}

/** Loads the build the manifest names. Throws `corrupt-index` when its files are missing or unreadable. */
export async function loadIndex(dir: string, manifest: Manifest, options: EngineOptions = {}): Promise<MiniSearchEngine> {
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new ClippingsError('corrupt-index', `Clippings: index format ${manifest.formatVersion} is not the current ${FORMAT_VERSION}`)
  }
  const buildDir = join(dir, manifest.build)
  // Every other file is read while the passages are parsed: from a cold disk, reading half a gigabyte
  // takes about as long as parsing it, and done one after the other the two add up (1M passages,
  // page cache dropped: 12.7 s, against 7.7 s with the files cached).
  const ahead = Object.fromEntries([ARTICLES, 'meta.json', 'index.jsonl', 'index.bin', 'columns.bin'].map((name) => [name, prefetch(join(buildDir, name))]))
  try {
    const passages: Passage[] = []
    const share = repeatsShared()
    await forEachJsonLine(join(buildDir, PASSAGES), (item) => passages.push(share(item as Passage)), { gzip: true })
    const articles = parseLines<ArticleRecord>(await gunzipAsync(await ahead[ARTICLES]))
    restoreFromArticles(articles, passages)
    const meta = JSON.parse((await ahead['meta.json']).toString('utf8'))
    const [header] = parseLines<IndexLines['header']>(await ahead['index.jsonl'])
    if (!header) throw new Error('empty index file')
    const terms = decodeTerms(await ahead['index.bin'])
    const data: IndexData = { passages, articles, ...meta }
    if (passages.length !== manifest.counts.passages) throw new Error(`expected ${manifest.counts.passages} passages, found ${passages.length}`)
    const columns = decodeColumns(await ahead['columns.bin'], passages.length)
    return MiniSearchEngine.fromLines({ header, terms, columns }, data, options)
  } catch (error) {
    throw new ClippingsError('corrupt-index', `Clippings: cannot load the index in "${buildDir}": ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Makes passages as they are read share what repeats among them: their article's id, and equal people and
 * topic lists. Each object that outlives the collector's young generation is copied, and at a million
 * passages a third of a load went to collection; a duplicate dropped at once costs nothing. Safe because
 * nothing modifies a loaded passage's lists.
 */
function repeatsShared(): (passage: Passage) => Passage {
  const lists = new Map<string, string[]>()
  const shared = (list: string[]): string[] => {
    const key = list.join('\u0000')
    const known = lists.get(key)
    if (known) return known
    lists.set(key, list)
    return list
  }
  let articleId = ''
  return (passage) => {
    if (passage.articleId === articleId) passage.articleId = articleId
    else articleId = passage.articleId
    passage.people = shared(passage.people)
    passage.topics = shared(passage.topics)
    return passage
  }
}

/** Passage fields that are copied from the passage's article (see `Passage`). */
const ARTICLE_FIELDS = ['title', 'source', 'author', 'date', 'url'] as const

/**
 * The passages as saved: a field equal to its article's is written as null, which no passage field
 * holds otherwise (JSON has no undefined), and restored from the article at load.
 */
function* sharedWithArticle(passages: readonly Passage[], articles: readonly ArticleRecord[]): Generator<Passage> {
  const byId = new Map(articles.map((article) => [article.id, article]))
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
  for (const passage of passages) {
    const article = byId.get(passage.articleId)
    if (!article) {
      yield passage
      continue
    }
    let saved: Record<string, unknown> | undefined
    for (const field of ARTICLE_FIELDS) {
      if (passage[field] === undefined || !same(passage[field], article[field])) continue
      saved ??= { ...passage }
      saved[field] = null
    }
    yield (saved ?? passage) as Passage
  }
}

/**
 * Undoes what saving left out: each passage's fields written as null take its article's values, and each
 * article gets the ids of its passages in position order, as the build listed them. Passages are saved
 * article by article, so the article lookup runs only when the article changes.
 */
function restoreFromArticles(articles: ArticleRecord[], passages: readonly Passage[]): void {
  const byId = new Map<string, { article: ArticleRecord; members: Passage[] }>()
  for (const article of articles) byId.set(article.id, { article, members: [] })
  let currentId: string | undefined
  let current: { article: ArticleRecord; members: Passage[] } | undefined
  for (const passage of passages) {
    if (passage.articleId !== currentId) {
      currentId = passage.articleId
      current = byId.get(currentId)
    }
    if (current) current.members.push(passage)
    // Named rather than looped over ARTICLE_FIELDS: a million passages' keyed property reads cost more.
    const shared = passage as unknown as Record<(typeof ARTICLE_FIELDS)[number], unknown>
    if (shared.title === null || shared.source === null || shared.author === null || shared.date === null || shared.url === null) {
      if (!current) throw new Error(`passage ${passage.id} names a missing article ${passage.articleId}`)
      const { article } = current
      if (shared.title === null) shared.title = article.title
      if (shared.source === null) shared.source = article.source
      if (shared.author === null) shared.author = article.author
      if (shared.date === null) shared.date = article.date
      if (shared.url === null) shared.url = article.url
    }
  }
  for (const { article, members } of byId.values()) {
    let ordered = true
    for (let i = 1; i < members.length && ordered; i++) ordered = members[i - 1].position <= members[i].position
    if (!ordered) members.sort((a, b) => a.position - b.position)
    article.passageIds = members.map((passage) => passage.id)
  }
}

/** Whether a JSON Lines file is gzipped (the passages and articles, which are mostly text). */
interface LinesOptions {
  gzip?: boolean
}

async function writeLines(path: string, items: Iterable<unknown>, options: LinesOptions = {}): Promise<void> {
  const file = createWriteStream(path)
  // Gzip at its fastest level: text shrinks to about a third, so a load from a cold disk reads a third
  // as much, and inflating runs on libuv's thread pool beside the parsing.
  const gzip = options.gzip ? createGzip({ level: 1 }) : undefined
  gzip?.pipe(file)
  const stream = gzip ?? file
  // Lines go out a megabyte at a time: a write per line costs a compression call per line.
  let batch = ''
  for (const item of items) {
    batch += JSON.stringify(item) + '\n'
    if (batch.length < 1 << 20) continue
    if (!stream.write(batch)) await once(stream, 'drain')
    batch = ''
  }
  stream.end(batch)
  await once(file, 'finish')
  await syncFile(path)
}

const gunzipAsync = promisify(gunzip)

/** A file's bytes, read now and awaited later; a failure surfaces where it is awaited, not as unhandled. */
function prefetch(path: string): Promise<Buffer> {
  const reading = readFile(path)
  reading.catch(() => {})
  return reading
}

/** The records of a JSON Lines file already in memory. */
function parseLines<T>(bytes: Buffer): T[] {
  const items: T[] = []
  const visit = (item: unknown) => items.push(item as T)
  const text = bytes.toString('utf8')
  visitLastLine(text.slice(visitCompleteLines(text, visit)), visit)
  return items
}

/** Parses each newline-ended line of `text` and returns where the unfinished rest begins. */
function visitCompleteLines(text: string, visit: (item: unknown) => void): number {
  let start = 0
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end > start) visit(JSON.parse(text.slice(start, end)))
    start = end + 1
  }
  return start
}

/** A last line without a newline after it, if there is one. */
function visitLastLine(rest: string, visit: (item: unknown) => void): void {
  if (rest.trim()) visit(JSON.parse(rest))
}

/**
 * Calls `visit` with each line of a JSON Lines file, parsed. Reads in large chunks and splits on newlines
 * itself: node:readline costs several seconds per million lines, more than the parsing.
 */
async function forEachJsonLine(path: string, visit: (item: unknown) => void, options: LinesOptions = {}): Promise<void> {
  const file = createReadStream(path, { highWaterMark: 1 << 24 })
  const bytes = options.gzip ? file.pipe(createGunzip({ chunkSize: 1 << 22 })) : file
  file.on('error', (error) => bytes.destroy(error))
  bytes.setEncoding('utf8')
  let rest = ''
  for await (const chunk of bytes) {
    const text = rest + (chunk as string)
    rest = text.slice(visitCompleteLines(text, visit))
  }
  visitLastLine(rest, visit)
}

async function writeChunks(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  const stream = createWriteStream(path)
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  stream.end()
  await once(stream, 'finish')
  await syncFile(path)
}

async function writeDurably(path: string, text: string): Promise<void> {
  await writeFile(path, text)
  await syncFile(path)
}

/** Flushes a file to disk so a rename that follows never exposes a half-written file after a power loss. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function removeStaleBuilds(dir: string, keep: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('build-') && entry !== keep) await rm(join(dir, entry), { recursive: true, force: true })
  }
}
