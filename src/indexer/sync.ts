// Keeping an index in step with its corpus. The first run, a `--full` run, or a run after the pipeline, the
// settings or the inputs changed reads everything and builds a new index; any other run reads only the files
// whose size, time and then content changed, drops what deleted files gave, and writes one delta, so adding
// an article costs in proportion to the article, not to the corpus.
//
// What a full build gives, an update gives too, with two documented exceptions: the topic model is trained by
// full builds only (new passages are labelled by the stored model, and passages already indexed never move),
// and an article whose id collides with another's keeps the id it was given first.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { addNameStats, loadAliases, mergePeople, type NameStats } from '../enrich/people/index.ts'
import { classifyWithModel, loadTaxonomy, topicParents, trainTopics } from '../enrich/topics/index.ts'
import type { Backend, IndexData, IndexedArticle, IndexWriter } from '../engine/engine.ts'
import { rankingDefaults } from '../engine/ranking.ts'
import { ClippingsError } from '../errors.ts'
import { createReadContext, readCorpusFiles, type ReadContext, type ReadCorpusResult } from '../ingest/read-corpus.ts'
import { walkCorpus, type CorpusFileInfo } from '../ingest/walk.ts'
import { SIDECAR_FILE_NAME } from '../ingest/read/sidecar.ts'
import type { SkippedFile } from '../model.ts'
import { defaults } from '../defaults.ts'
import { existsSync } from 'node:fs'
import { articleFacts, assemble, canonicalPeople, enrichCorpus, indexMeta, personAliases, topicInputs, type ArticleFacts, type EnrichSettings } from './enrich.ts'
import { PIPELINE_VERSION } from './pipeline-version.ts'
import { isCorpusState, type ArticleState, type CorpusState, type FileStamp, type FileState } from './state.ts'

export interface SyncOptions {
  /** Folders and files to index; default: those the index was built from. */
  corpus?: string[]
  /** A taxonomy file instead of the one in the corpus folder or the shipped default. */
  taxonomyPath?: string
  /** The source of articles that state none. */
  defaultSource?: string
  /** Read everything and build a new index even when an update would do. */
  full?: boolean
  /** Write an index even when no article was found (default: refuse, and keep the index as it was). */
  allowEmpty?: boolean
  onProgress?: (step: string, done: number, total: number) => void
  log?: (line: string) => void
  /** Reading threads (see read-corpus.ts); tests pass 0. */
  threads?: number
  /**
   * The folder of articles pushed through the API (under the index folder): always read with the corpus
   * when it exists, but not one of the folders the index is "built from".
   */
  pushedDir?: string
  /**
   * Only these files (absolute paths) may have changed, been added or been removed: the rest of the corpus
   * is not walked. For pushes through the API, which know what they wrote.
   */
  scope?: string[]
}

export interface SyncSummary {
  mode: 'full' | 'incremental' | 'unchanged'
  /** Why a full build was needed. */
  reason?: string
  articles: { added: number; changed: number; removed: number; unchanged: number }
  /** Files read this run, and files left alone because they had not changed. */
  files: { read: number; unchanged: number; removed: number }
  /** Articles and passages in the index afterwards. */
  totalArticles: number
  totalPassages: number
  /** Everything that could not be used, across the corpus (from this run and earlier ones). */
  skipped: SkippedFile[]
  duplicates: { file: string; duplicateOf: string }[]
  warnings: string[]
  /** Articles read this run without a date, and without a title of their own. */
  undated: number
  untitled: number
  /** Share of the corpus's articles with no source of their own ("unknown"). */
  withoutSource: number
  tookMs: number
}

export interface SyncResult {
  summary: SyncSummary
  state: CorpusState
}

/** The settings files a corpus uses: `people-aliases.json` and `taxonomy.json` in any corpus folder. */
export function settingsFiles(corpus: string[], taxonomyPath?: string): { aliases: string[]; taxonomy: string } {
  const folders = corpus.map((path) => resolve(path))
  const aliases = folders.map((folder) => join(folder, 'people-aliases.json')).filter(existsSync)
  const taxonomy = taxonomyPath ?? folders.map((folder) => join(folder, 'taxonomy.json')).find(existsSync) ?? defaults.taxonomyPath
  return { aliases, taxonomy }
}

async function settingsFingerprint(files: { aliases: string[]; taxonomy: string }): Promise<string> {
  const hash = createHash('sha256')
  for (const path of [...files.aliases, files.taxonomy]) {
    hash.update(path + '\0')
    hash.update(await readFile(path))
  }
  hash.update(JSON.stringify(rankingDefaults))
  return hash.digest('hex').slice(0, 32)
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex').slice(0, 32)
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item))
}

/** Why the index must be built from scratch, or undefined when an update will do. */
function fullBuildReason(state: CorpusState | undefined, corpus: string[], settings: string, options: SyncOptions): string | undefined {
  if (options.full) return 'a full build was asked for'
  if (!state) return 'there is no index yet'
  if (state.pipelineVersion !== PIPELINE_VERSION) return `the index was built by pipeline version ${state.pipelineVersion}, this is ${PIPELINE_VERSION}`
  if (state.settings !== settings) return 'the people aliases, taxonomy or ranking settings changed'
  if (!sameSet(state.corpus, corpus)) return 'the folders to index changed'
  if ((state.defaultSource ?? '') !== (options.defaultSource ?? state.defaultSource ?? '')) return 'the default source changed'
  return undefined
}

/**
 * Brings the index up to date with its corpus: a full build or an update (see the module comment). With
 * `writer`, updates go through it (a live engine's); otherwise through the backend. `known` is the state
 * the caller already holds, which saves reading it back.
 */
export async function syncIndex(backend: Backend, options: SyncOptions = {}, live?: { writer: IndexWriter; state: CorpusState }): Promise<SyncResult> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  // A write starts by clearing what interrupted ones left (a live writer did so when it opened).
  if (!live) await backend.tidy?.()
  const stored = live?.state ?? (await backend.readState())
  const state = isCorpusState(stored) ? stored : undefined
  const corpus = (options.corpus ?? state?.corpus ?? []).map((path) => resolve(path))
  if (corpus.length === 0) throw new ClippingsError('usage', 'Clippings: no folders to index: give at least one')
  const taxonomyPath = options.taxonomyPath ?? state?.taxonomyPath
  const files = settingsFiles(corpus, taxonomyPath)
  const settings = await settingsFingerprint(files)
  const inputs = options.pushedDir && existsSync(options.pushedDir) && !corpus.includes(resolve(options.pushedDir)) ? [...corpus, resolve(options.pushedDir)] : corpus
  const scope = options.scope?.map((path) => resolve(path))
  const walk = await walkCorpus(scope ? scope.filter((path) => existsSync(path)) : inputs)
  if (!scope && walk.missing.length > 0) {
    throw new ClippingsError('not-found', `Clippings: cannot index ${walk.missing.map((path) => `"${path}"`).join(', ')}: no such file or folder. Nothing was written.`)
  }
  const enrich: EnrichSettings = { aliases: loadAliases(files.aliases), taxonomy: loadTaxonomy(files.taxonomy) }
  const defaultSource = options.defaultSource ?? state?.defaultSource
  const reason = fullBuildReason(state, corpus, settings, { ...options, defaultSource })
  const base = { corpus, taxonomyPath, settings, defaultSource }
  if (reason) {
    if (live) throw new ClippingsError('usage', `Clippings: the index needs a full build (${reason}); run \`clippings index --full\``)
    log(`Building the index: ${reason}`)
    return fullBuild(backend, walk.files, walk.skipped, enrich, base, options, started)
  }
  return update(backend, state!, walk.files, walk.skipped, enrich, base, options, started, live?.writer, scope && new Set(scope))
}

interface BuildBase {
  corpus: string[]
  taxonomyPath?: string
  settings: string
  defaultSource?: string
}

/** Groups what was read by file: articles with their duplicate keys, and skipped, duplicate and warning lines. */
function fileStates(read: ReadCorpusResult & { byFile: Map<string, { articles: { id: string }[]; textFingerprints: string[] }> }, infos: CorpusFileInfo[]) {
  const byReported = new Map(infos.map((info) => [info.file, info.path]))
  const owner = (file: string) => byReported.get(file.replace(/#L\d+$/, '')) ?? byReported.get(file)
  const extras = new Map<string, { skipped: SkippedFile[]; duplicates: { file: string; duplicateOf: string }[]; warnings: string[] }>()
  const extrasOf = (path: string | undefined) => {
    if (!path) return undefined
    let entry = extras.get(path)
    if (!entry) extras.set(path, (entry = { skipped: [], duplicates: [], warnings: [] }))
    return entry
  }
  const stray = { skipped: [] as SkippedFile[], warnings: [] as string[] }
  for (const skip of read.skipped) (extrasOf(owner(skip.file))?.skipped ?? stray.skipped).push(skip)
  for (const duplicate of read.duplicates) extrasOf(owner(duplicate.file))?.duplicates.push(duplicate)
  for (const warning of read.warnings) {
    const path = [...byReported.entries()].find(([file]) => warning.startsWith(file))?.[1]
    ;(extrasOf(path)?.warnings ?? stray.warnings).push(warning)
  }
  return { extras, stray }
}

async function stampOf(info: CorpusFileInfo): Promise<FileStamp> {
  return { size: info.size, mtimeMs: info.mtimeMs, hash: await hashFile(info.path) }
}

function emptyFileState(info: CorpusFileInfo, stamp: FileStamp): FileState {
  return { ...stamp, file: info.file, articles: [], skipped: [], duplicates: [], warnings: [] }
}

async function fullBuild(
  backend: Backend,
  infos: CorpusFileInfo[],
  walkSkipped: SkippedFile[],
  enrich: EnrichSettings,
  base: BuildBase,
  options: SyncOptions,
  started: number,
): Promise<SyncResult> {
  const read = await readCorpusFiles(infos, createReadContext(), {
    defaultSource: base.defaultSource,
    threads: options.threads,
    onProgress: (done, total) => options.onProgress?.('read', done, total),
  })
  const skipped = [...walkSkipped, ...read.skipped]
  if (read.articles.length === 0 && !options.allowEmpty) {
    throw new ClippingsError(
      'usage',
      `Clippings: no article could be read from ${base.corpus.join(', ')} (${skipped.length} files skipped${skipped.length ? `, e.g. ${skipped[0].file}: ${skipped[0].reason}` : ''}). The index was left as it was; use --allow-empty to write an empty one.`,
    )
  }
  const facts: ArticleFacts[] = []
  const fileOf = new Map<string, string>()
  for (const info of infos) {
    const result = read.byFile.get(info.path)
    result?.articles.forEach((article, i) => {
      facts.push(articleFacts(article, result.textFingerprints[i], enrich))
      fileOf.set(article.id, info.path)
      options.onProgress?.('enrich', facts.length, read.articles.length)
    })
  }
  const { indexed, people: peopleOf, stats: people, merge, model } = enrichCorpus(facts, enrich)
  const stateFiles: Record<string, FileState> = {}
  const { extras, stray } = fileStates(read, infos)
  for (const info of infos) stateFiles[info.path] = { ...emptyFileState(info, await stampOf(info)), ...extras.get(info.path) }
  facts.forEach((fact, i) => stateFiles[fileOf.get(fact.article.id)!].articles.push(articleState(fact, peopleOf[i])))
  const now = new Date().toISOString()
  const articles = indexed.map((entry) => entry.article)
  const data: IndexData = { ...indexMeta(indexed, read.articles, merge, enrich.taxonomy, now), articles, passages: indexed.flatMap((entry) => entry.passages) }
  const state: CorpusState = {
    format: 1,
    pipelineVersion: PIPELINE_VERSION,
    ...base,
    builtAt: now,
    files: stateFiles,
    sidecars: {},
    people,
    topicModel: model,
  }
  state.sidecars = await sidecarStamps(infos, base.corpus)
  options.onProgress?.('write', 0, 1)
  await backend.build(data, state as unknown as Record<string, unknown>)
  options.onProgress?.('write', 1, 1)
  const summary: SyncSummary = {
    mode: 'full',
    articles: { added: articles.length, changed: 0, removed: 0, unchanged: 0 },
    files: { read: infos.length, unchanged: 0, removed: 0 },
    totalArticles: articles.length,
    totalPassages: data.passages.length,
    skipped: [...walkSkipped, ...stray.skipped, ...Object.values(stateFiles).flatMap((file) => file.skipped)],
    duplicates: read.duplicates,
    warnings: read.warnings,
    undated: articles.filter((article) => !article.date).length,
    untitled: articles.filter((article) => article.titleOrigin === 'derived').length,
    withoutSource: share(articles.filter((article) => article.source === 'unknown').length, articles.length),
    tookMs: performance.now() - started,
  }
  return { summary, state }
}

/** Bytes below which a few changed files are read in this thread: starting a reading thread costs about a second. */
const IN_THREAD_BYTES = 2 * 1024 * 1024

/**
 * Reading threads for an update: none for a few small files (each reader is bounded on its own: HTML
 * nesting is capped, sizes are capped), else the default pool with its per-file time budget.
 */
function smallReadThreads(files: readonly CorpusFileInfo[]): number | undefined {
  return files.length <= 20 && files.reduce((sum, file) => sum + file.size, 0) <= IN_THREAD_BYTES ? 0 : undefined
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0
}

function articleState(fact: ArticleFacts, people: string[][]): ArticleState {
  return { id: fact.article.id, fingerprint: fact.fingerprint, passages: fact.drafts.length, names: fact.names, people, stats: fact.stats }
}

/** Sidecar metadata files found with the corpus, stamped. */
async function sidecarStamps(infos: CorpusFileInfo[], corpus: string[]): Promise<Record<string, FileStamp>> {
  const folders = new Set([...infos.map((info) => dirname(info.path)), ...corpus])
  const stamps: Record<string, FileStamp> = {}
  for (const folder of folders) {
    const path = join(folder, SIDECAR_FILE_NAME)
    if (!existsSync(path)) continue
    const bytes = await readFile(path)
    stamps[path] = { size: bytes.length, mtimeMs: 0, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 32) }
  }
  return stamps
}

async function update(
  backend: Backend,
  state: CorpusState,
  infos: CorpusFileInfo[],
  walkSkipped: SkippedFile[],
  enrich: EnrichSettings,
  base: BuildBase,
  options: SyncOptions,
  started: number,
  liveWriter?: IndexWriter,
  scope?: Set<string>,
): Promise<SyncResult> {
  // 1. Which files changed: size and time first, the content only where those differ.
  const present = new Set(infos.map((info) => info.path))
  const changed = new Map<string, FileStamp>()
  const touched = new Map<string, FileStamp>()
  for (const info of infos) {
    const known = state.files[info.path]
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) continue
    const stamp = await stampOf(info)
    if (known && known.hash === stamp.hash) touched.set(info.path, stamp)
    else changed.set(info.path, stamp)
  }
  const removedFiles = Object.keys(state.files).filter((path) => !present.has(path) && (!scope || scope.has(path)))
  // A changed sidecar changes the metadata of every file in its folder (not looked for in a scoped run).
  const sidecars = scope ? state.sidecars : await sidecarStamps(infos, base.corpus)
  const sidecarFolders = new Set(
    [...Object.keys(sidecars), ...Object.keys(state.sidecars)]
      .filter((path) => sidecars[path]?.hash !== state.sidecars[path]?.hash)
      .map((path) => dirname(path)),
  )
  for (const info of infos) {
    if (sidecarFolders.has(dirname(info.path)) && !changed.has(info.path)) changed.set(info.path, await stampOf(info))
  }
  // A file whose articles duplicated those of a file that changed or went may now be the first with them.
  const gone = new Set([...changed.keys(), ...removedFiles].map((path) => state.files[path]?.file).filter(Boolean))
  for (const info of infos) {
    const known = state.files[info.path]
    if (known && !changed.has(info.path) && known.duplicates.some((d) => gone.has(d.duplicateOf.replace(/#L\d+$/, '')))) {
      changed.set(info.path, touched.get(info.path) ?? { size: known.size, mtimeMs: known.mtimeMs, hash: known.hash })
    }
  }

  // 2. Read the changed files, with the ids and texts of everything else taken.
  const affected = new Set([...changed.keys(), ...removedFiles])
  const context: ReadContext = createReadContext()
  for (const [path, file] of Object.entries(state.files)) {
    if (affected.has(path)) continue
    for (const article of file.articles) {
      context.takenIds.add(article.id)
      context.firstFileByText.set(article.fingerprint, file.file)
    }
  }
  const toRead = infos.filter((info) => changed.has(info.path))
  const read = await readCorpusFiles(toRead, context, {
    defaultSource: base.defaultSource,
    threads: options.threads ?? smallReadThreads(toRead),
    onProgress: (done, total) => options.onProgress?.('read', done, total),
  })
  const facts = new Map<string, ArticleFacts[]>()
  for (const info of toRead) {
    const result = read.byFile.get(info.path)
    facts.set(info.path, (result?.articles ?? []).map((article, i) => articleFacts(article, result!.textFingerprints[i], enrich)))
  }

  // 3. People: the corpus's evidence without what changed or went, plus what was read; then the merge.
  const people: NameStats = structuredClone(state.people)
  for (const path of affected) for (const article of state.files[path]?.articles ?? []) addNameStats(people, article.stats, -1)
  for (const list of facts.values()) for (const fact of list) addNameStats(people, fact.stats)
  const merge = mergePeople(people, enrich.aliases)

  // 4. Articles elsewhere whose people the new merge changes are indexed again (their files are read again).
  const regrouped = new Set<string>()
  for (const [path, file] of Object.entries(state.files)) {
    if (affected.has(path)) continue
    if (file.articles.some((article) => JSON.stringify(canonicalPeople(article.names, merge)) !== JSON.stringify(article.people))) regrouped.add(path)
  }
  const rereadInfos = infos.filter((info) => regrouped.has(info.path))
  if (rereadInfos.length > 0) {
    // Read with their own ids and texts free again, so they come back as they were.
    const again = createReadContext()
    for (const [path, file] of Object.entries(state.files)) {
      if (regrouped.has(path)) continue
      for (const article of file.articles) again.takenIds.add(article.id)
    }
    for (const list of facts.values()) for (const fact of list) again.takenIds.add(fact.article.id)
    const reread = await readCorpusFiles(rereadInfos, again, { defaultSource: base.defaultSource, threads: options.threads ?? smallReadThreads(rereadInfos) })
    for (const info of rereadInfos) {
      const result = reread.byFile.get(info.path)
      facts.set(info.path, (result?.articles ?? []).map((article, i) => articleFacts(article, result!.textFingerprints[i], enrich)))
    }
  }

  // 5. What to remove and add: an article is left alone when its id, text and people are as indexed.
  const model = state.topicModel
  const parents = topicParents(enrich.taxonomy)
  const add: IndexedArticle[] = []
  const remove: string[] = []
  const filesPatch: Record<string, FileState | null> = {}
  const counts = { added: 0, changed: 0, removed: 0 }
  const previousIds = new Set(Object.values(state.files).flatMap((file) => file.articles.map((article) => article.id)))
  const { extras } = fileStates(read, toRead)
  const keptIds = new Set<string>()
  const pending: { fact: ArticleFacts; people: string[][]; path: string }[] = []
  for (const [path, list] of facts) {
    const before = new Map((state.files[path]?.articles ?? []).map((article) => [article.id, article]))
    const info = infos.find((candidate) => candidate.path === path)!
    const stamp = changed.get(path) ?? touched.get(path) ?? state.files[path]
    const fileState: FileState = regrouped.has(path)
      ? { ...state.files[path], articles: [] }
      : { ...emptyFileState(info, { size: info.size, mtimeMs: info.mtimeMs, hash: stamp.hash }), ...extras.get(path) }
    for (const fact of list) {
      const peopleOf = canonicalPeople(fact.names, merge)
      const old = before.get(fact.article.id)
      fileState.articles.push(articleState(fact, peopleOf))
      keptIds.add(fact.article.id)
      if (old && old.fingerprint === fact.fingerprint && JSON.stringify(old.people) === JSON.stringify(peopleOf) && !sidecarFolders.has(dirname(path))) continue
      pending.push({ fact, people: peopleOf, path })
      if (previousIds.has(fact.article.id)) counts.changed++
      else counts.added++
    }
    filesPatch[path] = fileState
  }
  const topics = model ? classifyWithModel(model, topicInputs(pending.map((p) => p.fact))) : trainTopics(topicInputs(pending.map((p) => p.fact)), enrich.taxonomy).topics
  let next = 0
  for (const { fact, people: peopleOf } of pending) {
    add.push(assemble(fact, peopleOf, topics.slice(next, next + fact.drafts.length), parents))
    next += fact.drafts.length
  }
  for (const path of [...affected, ...regrouped]) {
    for (const article of state.files[path]?.articles ?? []) {
      if (!keptIds.has(article.id)) {
        remove.push(article.id)
        counts.removed++
      }
    }
  }
  for (const path of removedFiles) filesPatch[path] = null
  for (const [path, stamp] of touched) if (!filesPatch[path]) filesPatch[path] = { ...state.files[path], mtimeMs: stamp.mtimeMs }

  // 6. The state afterwards, and the change as a patch of it.
  const nextState: CorpusState = { ...state, ...base, files: { ...state.files }, sidecars, people }
  for (const [path, file] of Object.entries(filesPatch)) {
    if (file) nextState.files[path] = file
    else delete nextState.files[path]
  }
  const allArticles = Object.values(nextState.files).flatMap((file) => file.articles)
  const summary: SyncSummary = {
    mode: add.length > 0 || remove.length > 0 ? 'incremental' : 'unchanged',
    articles: { ...counts, unchanged: allArticles.length - counts.added - counts.changed },
    files: { read: toRead.length + rereadInfos.length, unchanged: Object.keys(state.files).length - toRead.length - removedFiles.length, removed: removedFiles.length },
    totalArticles: allArticles.length,
    totalPassages: allArticles.reduce((sum, article) => sum + article.passages, 0),
    skipped: [...(scope ? [] : walkSkipped), ...Object.values(nextState.files).flatMap((file) => file.skipped)],
    duplicates: Object.values(nextState.files).flatMap((file) => file.duplicates),
    warnings: read.warnings,
    undated: add.filter(({ article }) => !article.date).length,
    untitled: add.filter(({ article }) => article.titleOrigin === 'derived').length,
    withoutSource: share(add.filter(({ article }) => article.source === 'unknown').length, add.length),
    tookMs: 0,
  }
  if (allArticles.length === 0 && !options.allowEmpty && (remove.length > 0 || removedFiles.length > 0)) {
    throw new ClippingsError('usage', `Clippings: every article of the index would be removed (its files are gone or unreadable). The index was left as it was; use --allow-empty to empty it.`)
  }
  const patchNeeded = Object.keys(filesPatch).length > 0 || JSON.stringify(state.sidecars) !== JSON.stringify(sidecars)
  if (add.length > 0 || remove.length > 0 || patchNeeded) {
    const writer = liveWriter ?? (await backend.openWriter())
    try {
      writer.remove(remove)
      writer.add(add)
      writer.setMeta({ personAliases: personAliases(allArticles.flatMap((article) => article.people.flat()), merge) })
      writer.setState({ files: filesPatch, sidecars: mergePatch(state.sidecars, sidecars), people: mergePatch(state.people, people), defaultSource: base.defaultSource ?? null } as Record<string, unknown>)
      options.onProgress?.('write', 0, 1)
      await writer.flush()
      options.onProgress?.('write', 1, 1)
    } finally {
      if (!liveWriter) await writer.close()
    }
  }
  summary.tookMs = performance.now() - started
  return { summary, state: nextState }
}

/** A JSON Merge Patch from `before` to `after`, one level deep: changed keys set, missing keys nulled. */
function mergePatch<T>(before: Record<string, T>, after: Record<string, T>): Record<string, T | null> {
  const patch: Record<string, T | null> = {}
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null
  for (const [key, value] of Object.entries(after)) if (JSON.stringify(before[key]) !== JSON.stringify(value)) patch[key] = value
  return patch
}
