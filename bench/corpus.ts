// The benchmark corpus: Passage objects made straight from the shared research corpora (Reuters-21578
// paragraphs, AG News items, SciFact abstracts in ~3-sentence pieces), without the NLP pipeline, which is
// not what the benchmark measures. `scaleCorpus` repeats them with distinct ids, sources and dates.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ArticleRecord, Passage, PartialDate } from '../src/model.ts'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
/** Git-ignored: the cached corpus, built indexes and other scratch files. */
export const BENCH_DATA_DIR = join(BENCH_DIR, 'data')
/** The shared corpora sit beside the project; `CLIPPINGS_CORPORA` points elsewhere. */
export const CORPORA_DIR = process.env.CLIPPINGS_CORPORA ?? resolve(BENCH_DIR, '../../shared/corpora')

/** Bumped when the passages made from the corpora change, so a stale cache is never reused. */
const CORPUS_VERSION = 1

export interface BenchCorpus {
  articles: ArticleRecord[]
  passages: Passage[]
  topicLabels: Record<string, string>
}

/** Where each corpus file lives; the benchmark needs all three. */
export const CORPUS_FILES = {
  reuters: 'reuters21578/reuters21578.jsonl',
  agNews: 'ag-news/ag-news-test.jsonl',
  scifact: 'beir-scifact/corpus.jsonl',
} as const

export function corporaAvailable(dir = CORPORA_DIR): boolean {
  return Object.values(CORPUS_FILES).every((file) => existsSync(join(dir, file)))
}

// ---------------------------------------------------------------------------------------------
// Splitting (pure)

/**
 * Paragraphs of a Reuters-21578 body. Reuters starts a paragraph with a 4-space indent (and sometimes a
 * blank line); lines inside one are hard-wrapped at ~70 columns and are joined back with spaces. The
 * "Reuter" sign-off and SGML leftovers (`&#3;`) are dropped.
 */
export function splitReutersBody(body: string): string[] {
  const lines = body.replace(/\r/g, '').replace(/&#\d+;/g, '').split('\n')
  const paragraphs: string[] = []
  let current: string[] = []
  const flush = () => {
    const text = current.join(' ').replace(/\s+/g, ' ').trim()
    if (text) paragraphs.push(text)
    current = []
  }
  for (const line of lines) {
    if (line.trim() === '') flush()
    else {
      if (/^ {4}/.test(line)) flush()
      current.push(line.trim())
    }
  }
  flush()
  return paragraphs
    .map((paragraph) => paragraph.replace(/\s*\breuter\s*$/i, '').trim())
    .filter((paragraph) => paragraph !== '')
}

/** Sentences of an abstract, cut after `.`, `!` or `?` before a capital, digit or bracket. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9(\[])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean)
}

/** Consecutive groups of `size` items (the last may be shorter). */
export function groupsOf<T>(items: T[], size: number): T[][] {
  const groups: T[][] = []
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size))
  return groups
}

/** "james-baker" → "James Baker": Reuters' people tags as names. */
export function personFromTag(tag: string): string {
  return tag
    .split('-')
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ')
}

/** AG News text carries escaped leftovers: `\` for line breaks and `#36;` style entities. */
export function cleanAgText(text: string): string {
  return text
    .replace(/\\/g, ' ')
    .replace(/&?#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim()
}

/** A stable small number from a string, for synthetic dates that do not change between runs. */
export function stableHash(text: string): number {
  let hash = 2166136261
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 16777619)
  }
  return hash >>> 0
}

function dayDate(year: number, month: number, day: number): PartialDate {
  const pad = (n: number) => String(n).padStart(2, '0')
  return { iso: `${year}-${pad(month)}-${pad(day)}`, precision: 'day' }
}

/** A synthetic day in a span of years, chosen by hash (AG News and SciFact carry no dates). */
function syntheticDate(key: string, firstYear: number, years: number): PartialDate {
  const hash = stableHash(key)
  return dayDate(firstYear + (hash % years), 1 + ((hash >>> 8) % 12), 1 + ((hash >>> 16) % 28))
}

const AG_TOPICS: Record<string, string> = { World: 'world', Sports: 'sports', Business: 'business', 'Sci/Tech': 'sci-tech' }
const AG_TOPIC_LABELS: Record<string, string> = { world: 'World', sports: 'Sports', business: 'Business', 'sci-tech': 'Science and technology' }

// ---------------------------------------------------------------------------------------------
// Building

/** Collects passages article by article and makes the ArticleRecords that go with them. */
class CorpusCollector {
  readonly articles: ArticleRecord[] = []
  readonly passages: Passage[] = []

  add(article: Omit<ArticleRecord, 'passageIds' | 'titleOrigin' | 'language' | 'file'>, texts: string[], people: string[], topics: string[]): void {
    if (texts.length === 0) return
    const passageIds: string[] = []
    texts.forEach((text, position) => {
      const id = `${article.id}-${position}`
      passageIds.push(id)
      this.passages.push({
        id,
        articleId: article.id,
        position,
        text,
        title: article.title,
        source: article.source,
        date: article.date,
        people,
        topics,
      })
    })
    this.articles.push({ ...article, titleOrigin: 'metadata', language: 'en', file: `${article.id}.txt`, passageIds })
  }
}

async function* readJsonl<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as T
}

interface ReutersStory {
  id: number
  date?: string
  title?: string
  body?: string
  topics?: string[]
  people?: string[]
}

interface AgItem {
  id: string
  category: string
  title: string
  description: string
  source: string | null
}

interface SciFactDoc {
  _id: string
  title: string
  text: string
}

/** Every passage the three corpora give, in a fixed order (Reuters, AG News, SciFact). */
export async function buildBaseCorpus(dir = CORPORA_DIR): Promise<BenchCorpus> {
  const collector = new CorpusCollector()
  const topicLabels: Record<string, string> = { ...AG_TOPIC_LABELS, science: 'Science' }

  for await (const story of readJsonl<ReutersStory>(join(dir, CORPUS_FILES.reuters))) {
    const texts = splitReutersBody(story.body ?? '')
    const topics = story.topics ?? []
    for (const topic of topics) topicLabels[topic] ??= topic
    const date = story.date ? { iso: story.date.slice(0, 10), precision: 'day' as const } : undefined
    collector.add(
      { id: `reuters-${story.id}`, title: story.title?.trim() || `Reuters story ${story.id}`, source: 'Reuters', date, people: (story.people ?? []).map(personFromTag), topics },
      texts,
      (story.people ?? []).map(personFromTag),
      topics,
    )
  }

  for await (const item of readJsonl<AgItem>(join(dir, CORPUS_FILES.agNews))) {
    const topics = AG_TOPICS[item.category] ? [AG_TOPICS[item.category]] : []
    const text = cleanAgText(item.description)
    collector.add(
      { id: `ag-${item.id}`, title: cleanAgText(item.title), source: item.source?.trim() || 'AG News', date: syntheticDate(item.id, 2004, 2), people: [], topics },
      text ? [text] : [],
      [],
      topics,
    )
  }

  for await (const doc of readJsonl<SciFactDoc>(join(dir, CORPUS_FILES.scifact))) {
    const texts = groupsOf(splitSentences(doc.text), 3).map((group) => group.join(' '))
    collector.add(
      { id: `scifact-${doc._id}`, title: doc.title, source: 'SciFact', date: syntheticDate(doc._id, 1995, 23), people: [], topics: ['science'] },
      texts,
      [],
      ['science'],
    )
  }
  return { articles: collector.articles, passages: collector.passages, topicLabels }
}

/** The base corpus, from the cache under bench/data/ when it is there, else built and cached. */
export async function loadBaseCorpus(dir = CORPORA_DIR): Promise<BenchCorpus> {
  const cache = join(BENCH_DATA_DIR, `corpus-v${CORPUS_VERSION}.json`)
  if (existsSync(cache)) return JSON.parse(await readFile(cache, 'utf8')) as BenchCorpus
  const corpus = await buildBaseCorpus(dir)
  await mkdir(BENCH_DATA_DIR, { recursive: true })
  await writeFile(`${cache}.tmp`, JSON.stringify(corpus))
  await rename(`${cache}.tmp`, cache)
  return corpus
}

/** Copy `k` of a date: `k` years later, same month and day. */
function shiftDate(date: PartialDate | undefined, years: number): PartialDate | undefined {
  if (!date || years === 0) return date
  return { iso: `${Number(date.iso.slice(0, 4)) + years}${date.iso.slice(4)}`, precision: date.precision }
}

/**
 * `target` passages made by repeating the base corpus: copy 0 is the base itself; copy k gets ids and
 * article ids suffixed `~k`, the source `${source}-${k}` and dates k years later. Texts are shared
 * strings, so the copies cost little memory until an index is saved and loaded.
 */
export function scaleCorpus(base: BenchCorpus, target: number): BenchCorpus {
  if (target <= base.passages.length) return trimCorpus(base, target)
  const copies = Math.ceil(target / base.passages.length)
  const articles: ArticleRecord[] = []
  const passages: Passage[] = []
  for (let k = 0; k < copies; k++) {
    const suffix = k === 0 ? '' : `~${k}`
    const source = (s: string) => (k === 0 ? s : `${s}-${k}`)
    for (const article of base.articles) {
      articles.push({ ...article, id: article.id + suffix, source: source(article.source), date: shiftDate(article.date, k), passageIds: article.passageIds.map((id) => id + suffix) })
    }
    for (const passage of base.passages) {
      passages.push({ ...passage, id: passage.id + suffix, articleId: passage.articleId + suffix, source: source(passage.source), date: shiftDate(passage.date, k) })
    }
  }
  return trimCorpus({ articles, passages, topicLabels: base.topicLabels }, target)
}

/** The first `count` passages and the articles they belong to. */
export function trimCorpus(base: BenchCorpus, count: number): BenchCorpus {
  const passages = base.passages.slice(0, count)
  const kept = new Set(passages.map((p) => p.id))
  const articles = base.articles
    .map((a) => ({ ...a, passageIds: a.passageIds.filter((id) => kept.has(id)) }))
    .filter((a) => a.passageIds.length > 0)
  return { articles, passages, topicLabels: base.topicLabels }
}
