// An embedded index's base segment on disk: one folder holding the live passages and articles (JSON Lines,
// gzipped), the term postings (`terms.bin`, varints), the facet, date and length columns (`columns.bin`)
// and the meta. A base is written whole from an engine, passages renumbered without the removed ones, and
// read back without re-tokenising anything. Deltas (delta.ts) carry later changes until the next base.
import { mkdir, readFile } from 'node:fs/promises'
import { gunzip } from 'node:zlib'
import { join } from 'node:path'
import type { ArticleRecord, Passage } from '../../model.ts'
import type { IndexMeta } from '../engine.ts'
import { FacetRegistry } from '../../facets/registry.ts'
import { decodeColumns, encodeColumns } from './column-file.ts'
import type { FacetColumnData } from './columns.ts'
import type { EmbeddedEngine, SavedIndex } from './engine.ts'
import { forEachJsonLine, syncDir, verify, writeChunks, writeJsonLines, writeText, type FileCheck } from './files.ts'
import { decodeTerms, encodeTerms, type FieldPostings } from './postings.ts'
import { SEARCH_FIELDS } from '../ranking.ts'

export const BASE_FILES = ['passages.jsonl.gz', 'articles.jsonl.gz', 'terms.bin', 'columns.bin', 'meta.json'] as const
export type BaseFile = (typeof BASE_FILES)[number]

/** Each base file's check, as the commit records it. */
export type BaseChecks = Record<BaseFile, FileCheck>

/** Writes the engine's live passages as a new base in `folder` (created here); returns each file's check. */
export async function writeBase(folder: string, engine: EmbeddedEngine): Promise<BaseChecks> {
  await mkdir(folder)
  const { store, terms, columns, dates, meta } = engine.index
  const keep = store.liveCount === store.count ? undefined : store.liveDocs()
  const renumber = keep ? renumbering(keep, store.count) : undefined
  const live = keep ?? identity(store.count)
  // Articles in the order of their passages (a load gives them consecutive numbers again).
  const articles: ArticleRecord[] = []
  const seen = new Set<string>()
  for (const doc of live) {
    const { articleId } = store.passage(doc)
    if (seen.has(articleId)) continue
    seen.add(articleId)
    articles.push(store.articles.get(articleId)!)
  }
  for (const article of store.articles.values()) if (!seen.has(article.id)) articles.push(article)
  const byId = new Map(articles.map((article) => [article.id, article]))
  const checks = {} as BaseChecks
  checks['passages.jsonl.gz'] = await writeJsonLines(join(folder, 'passages.jsonl.gz'), sharedWithArticle(live, (doc) => store.passage(doc), byId))
  // Each article's passage ids follow from the passages: an empty list keeps the field's place.
  checks['articles.jsonl.gz'] = await writeJsonLines(join(folder, 'articles.jsonl.gz'), articles.map((article) => ({ ...article, passageIds: [] })))
  checks['terms.bin'] = await writeChunks(join(folder, 'terms.bin'), encodeTerms(liveTerms(terms.entries(), renumber)))
  const facets: Record<string, FacetColumnData> = {}
  for (const [name, column] of columns) facets[name] = column.saved(keep)
  const lengths = terms.lengths.map((field) => (keep ? Float32Array.from(keep, (doc) => field[doc]) : field.slice(0, store.count)))
  checks['columns.bin'] = await writeChunks(join(folder, 'columns.bin'), encodeColumns({ facets, dates: dates.saved(keep), lengths }))
  checks['meta.json'] = await writeText(join(folder, 'meta.json'), JSON.stringify({ ...meta, counts: { articles: articles.length, passages: live.length } }))
  await syncDir(folder)
  return checks
}

/** Reads a base written by `writeBase`, checking every file against its record. */
export async function readBase(folder: string, checks: BaseChecks | undefined): Promise<SavedIndex> {
  // Every other file is read while the passages are parsed: from a cold disk, reading half a gigabyte
  // takes about as long as parsing it, and done one after the other the two add up.
  const ahead = Object.fromEntries(
    (['articles.jsonl.gz', 'terms.bin', 'columns.bin', 'meta.json'] as const).map((name) => [name, prefetch(join(folder, name))]),
  ) as Record<Exclude<BaseFile, 'passages.jsonl.gz'>, Promise<Buffer>>
  const passages: Passage[] = []
  const share = repeatsShared()
  await forEachJsonLine(join(folder, 'passages.jsonl.gz'), checks?.['passages.jsonl.gz'], (item) => passages.push(share(item as Passage)))
  const articles: ArticleRecord[] = []
  const articleBytes = await ahead['articles.jsonl.gz']
  verifyAgainst(articleBytes, checks, 'articles.jsonl.gz')
  await parseGzippedLines(articleBytes, (item) => articles.push(item as ArticleRecord))
  restoreFromArticles(articles, passages)
  const metaBytes = await ahead['meta.json']
  verifyAgainst(metaBytes, checks, 'meta.json')
  const { counts, ...meta } = JSON.parse(metaBytes.toString('utf8')) as IndexMeta & { counts: { passages: number } }
  if (passages.length !== counts.passages) throw new Error(`expected ${counts.passages} passages, found ${passages.length}`)
  const termBytes = await ahead['terms.bin']
  verifyAgainst(termBytes, checks, 'terms.bin')
  const columnBytes = await ahead['columns.bin']
  verifyAgainst(columnBytes, checks, 'columns.bin')
  const { facets, dates, lengths } = decodeColumns(columnBytes, passages.length, facetNames(meta))
  if (lengths.length !== SEARCH_FIELDS.length) throw new Error(`columns file has ${lengths.length} field lengths, expected ${SEARCH_FIELDS.length}`)
  return { meta, articles, passages, terms: { lengths, terms: decodeTerms(termBytes) }, columns: facets, dates }
}

function facetNames(meta: IndexMeta): string[] {
  return new FacetRegistry(meta.fieldFacets).names
}

function verifyAgainst(bytes: Buffer, checks: BaseChecks | undefined, name: BaseFile): void {
  if (checks) verify(bytes, checks[name], name)
}

async function parseGzippedLines(bytes: Buffer, visit: (item: unknown) => void): Promise<void> {
  const text = (await new Promise<Buffer>((resolve, reject) => gunzip(bytes, (error, out) => (error ? reject(error) : resolve(out))))).toString('utf8')
  let start = 0
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end > start) visit(JSON.parse(text.slice(start, end)))
    start = end + 1
  }
  if (text.slice(start).trim()) visit(JSON.parse(text.slice(start)))
}

/** A file's bytes, read now and awaited later; a failure surfaces where it is awaited, not as unhandled. */
function prefetch(path: string): Promise<Buffer> {
  const reading = readFile(path)
  reading.catch(() => {})
  return reading
}

function identity(count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, i) => i)
}

/** Old passage number → new one (-1 for removed passages). */
function renumbering(keep: Uint32Array, count: number): Int32Array {
  const map = new Int32Array(count).fill(-1)
  keep.forEach((doc, i) => (map[doc] = i))
  return map
}

/** Each term's postings without removed passages, renumbered; terms left with none are dropped. */
function* liveTerms(
  terms: Iterable<[string, Map<number, FieldPostings>]>,
  renumber: Int32Array | undefined,
): Generator<[string, Map<number, FieldPostings>]> {
  for (const [term, byField] of terms) {
    if (!renumber) {
      yield [term, byField]
      continue
    }
    const kept = new Map<number, FieldPostings>()
    for (const [fieldId, { ids, frequencies }] of byField) {
      let count = 0
      for (let i = 0; i < ids.length; i++) if (renumber[ids[i]] >= 0) count++
      if (count === 0) continue
      const newIds = new Uint32Array(count)
      const newFrequencies = new Uint16Array(count)
      let n = 0
      for (let i = 0; i < ids.length; i++) {
        const doc = renumber[ids[i]]
        if (doc < 0) continue
        newIds[n] = doc
        newFrequencies[n++] = frequencies[i]
      }
      kept.set(fieldId, { ids: newIds, frequencies: newFrequencies })
    }
    if (kept.size > 0) yield [term, kept]
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
const ARTICLE_FIELDS = ['title', 'source', 'author', 'date', 'url', 'fields'] as const

/**
 * The passages as saved: a field equal to its article's is written as null, which no passage field holds
 * otherwise (JSON has no undefined), and restored from the article at load.
 */
function* sharedWithArticle(docs: Uint32Array, passageOf: (doc: number) => Passage, articles: Map<string, ArticleRecord>): Generator<Passage> {
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
  for (const doc of docs) {
    const passage = passageOf(doc)
    const article = articles.get(passage.articleId)
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
 * article gets the ids of its passages in position order. Passages are saved article by article, so the
 * article lookup runs only when the article changes.
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
    if (!current) throw new Error(`passage ${passage.id} names a missing article ${passage.articleId}`)
    current.members.push(passage)
    // Named rather than looped over ARTICLE_FIELDS: a million passages' keyed property reads cost more.
    const shared = passage as unknown as Record<(typeof ARTICLE_FIELDS)[number], unknown>
    if (shared.title === null || shared.source === null || shared.author === null || shared.date === null || shared.url === null || shared.fields === null) {
      const { article } = current
      if (shared.title === null) shared.title = article.title
      if (shared.source === null) shared.source = article.source
      if (shared.author === null) shared.author = article.author
      if (shared.date === null) shared.date = article.date
      if (shared.url === null) shared.url = article.url
      if (shared.fields === null) shared.fields = article.fields
    }
  }
  for (const { article, members } of byId.values()) {
    let ordered = true
    for (let i = 1; i < members.length && ordered; i++) ordered = members[i - 1].position <= members[i].position
    if (!ordered) members.sort((a, b) => a.position - b.position)
    article.passageIds = members.map((passage) => passage.id)
  }
}
