// Measures how real web pages come out of the HTML reader and the cleaner: title, date, author and
// language accuracy against labels written by hand (scripts/data/pages-dev.json), whether the body's
// first and last sentences survive, whether labelled page chrome is gone, and, on the pages of the
// Scrapinghub article-extraction benchmark, shingle precision and recall against its ground-truth body.
//
// The pages themselves stay out of the repository: they are read from bare git mirrors of
// postlight/parser (fixtures/) and scrapinghub/article-extraction-benchmark (html/), as the search
// tool's `fetch` leaves them under /work/.mirror (or --mirror DIR, or CLIPPINGS_MIRROR). Without the
// mirrors the script says so and exits cleanly.
//
// Pages are split by site (the host without "www.": the first hex digit of its SHA-1 is 0-7 for
// development, 8-f for held-out), so one site never sits on both sides. Only development pages have
// their errors listed; held-out pages are reported as figures only.
//
// Usage: npm run eval:pages [-- --errors] [--show PAGE_ID] [--benchmark] [--mirror DIR]
//   --errors     list each development page's misses
//   --show ID    print what the pipeline made of one development page
//   --benchmark  add shingle precision/recall over every benchmark page (not only the labelled ones)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { PROJECT_ROOT } from '../src/defaults.ts'
import type { Article } from '../src/model.ts'
import { readCorpus } from '../src/ingest/read-corpus.ts'

interface PageLabel {
  /** "<source>/<short name>", e.g. "postlight/www.nytimes.com" or "scrapinghub/70cb2d5bca75". */
  id: string
  source: 'postlight' | 'scrapinghub'
  /** Path of the page inside its mirror's HEAD. */
  path: string
  host: string
  split: 'dev' | 'held-out'
  title: string
  /** Other headlines the page itself states in full (og:title, JSON-LD), also counted right. */
  titleAlso?: string[]
  /** The day of publication as the page states it (its own time zone), or null when it states none. */
  date: string | null
  /** The same moment's day in another time zone, also counted right. */
  dateAlso?: string[]
  /** Authors, comma-separated, or null when the page names nobody. */
  author: string | null
  /** Other answers also counted right (a desk byline, or null when the only name is a desk). */
  authorAlso?: (string | null)[]
  language: string
  /** Words from the body's first and last sentences: both must be in the cleaned text. */
  first: string
  last: string
  /** Page chrome near the article that must not be in the cleaned text. */
  absent: string[]
  note?: string
}

interface LabelFile {
  pages: PageLabel[]
}

const MIRRORS = {
  postlight: 'postlight+parser',
  scrapinghub: 'scrapinghub+article-extraction-benchmark',
} as const

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}
const mirrorRoot = option('mirror') ?? process.env.CLIPPINGS_MIRROR ?? resolve(PROJECT_ROOT, '..', '.mirror')

// ---------------------------------------------------------------------------------------------
// Reading pages from the mirrors

function gitDir(source: PageLabel['source']): string | undefined {
  const dir = join(mirrorRoot, MIRRORS[source], 'repo')
  return existsSync(dir) ? dir : undefined
}

function gitShow(source: PageLabel['source'], path: string): Buffer {
  return execFileSync('git', ['--git-dir', gitDir(source)!, 'show', `HEAD:${path}`], { maxBuffer: 64 * 1024 * 1024 })
}

function gitList(source: PageLabel['source'], folder: string): string[] {
  return execFileSync('git', ['--git-dir', gitDir(source)!, 'ls-tree', '--name-only', 'HEAD', `${folder}/`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
}

/**
 * Postlight saved its fixtures after its own parser had rewritten every `<meta content=…>` into
 * `<meta value=…>` (and `property` into `name`) and dropped the scripts. The attribute is put back so
 * the page reads as it was served; the dropped JSON-LD cannot be.
 */
function restorePostlightMeta(html: string): string {
  return html.replace(/<meta\b[^>]*>/gi, (tag) => (/\bcontent\s*=/i.test(tag) ? tag : tag.replace(/\svalue\s*=/i, ' content=')))
}

function pageHtml(page: Pick<PageLabel, 'source' | 'path'>): string {
  const bytes = gitShow(page.source, page.path)
  const html = (page.path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
  return page.source === 'postlight' ? restorePostlightMeta(html) : html
}

let groundTruth: Record<string, { articleBody: string; url: string }> | undefined
function benchmarkTruth(): Record<string, { articleBody: string; url: string }> {
  groundTruth ??= JSON.parse(gitShow('scrapinghub', 'ground-truth.json').toString('utf8'))
  return groundTruth!
}

const benchmarkKey = (path: string) => path.replace(/^html\//, '').replace(/\.html\.gz$/, '')

// ---------------------------------------------------------------------------------------------
// Running the pipeline

interface Outcome {
  article?: Article
  skipped?: string
  ms: number
}

const workDir = mkdtempSync(join(tmpdir(), 'clippings-eval-pages-'))

async function runPage(name: string, html: string): Promise<Outcome> {
  const file = join(workDir, `${name.replace(/[^a-z0-9.-]+/gi, '_')}.html`)
  writeFileSync(file, html)
  const started = performance.now()
  // read in this thread: the figures are about what the pipeline makes of a page, and a reading thread
  // per call would only add its start-up to the timing
  const result = await readCorpus([file], { threads: 0 })
  const ms = performance.now() - started
  rmSync(file)
  return { article: result.articles[0], skipped: result.skipped[0]?.reason, ms }
}

/** The article as one text: each section heading once, then its blocks. */
function articleText(article: Article | undefined): string {
  if (!article) return ''
  const lines: string[] = []
  let section: string | undefined
  for (const block of article.blocks) {
    if (block.section && block.section !== section) lines.push(block.section)
    section = block.section
    lines.push(block.text)
  }
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** Letters and digits only, lowercased, quotes and dashes folded: how texts are compared. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function authorSet(author: string | null | undefined): string {
  if (!author) return ''
  return author
    .split(/\s*(?:,|;|&|\band\b)\s*/iu)
    .map(fold)
    .filter(Boolean)
    .sort()
    .join('|')
}

/** Word 4-gram shingles with counts, as the benchmark's evaluate.py counts them. */
function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? []
  const counts = new Map<string, number>()
  for (let at = 0; at < Math.max(1, tokens.length - 3); at++) {
    const key = tokens.slice(at, at + 4).join(' ')
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Shingle precision and recall of `predicted` against `truth` (evaluate.py's string_shingle_matching). */
function shingleScore(truth: string, predicted: string): { precision: number; recall: number } {
  const t = shingles(truth)
  const p = shingles(predicted)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0
    const b = p.get(key) ?? 0
    tp += Math.min(a, b)
    fp += Math.max(0, b - a)
    fn += Math.max(0, a - b)
  }
  const precision = fp === 0 && fn === 0 ? 1 : tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = fp === 0 && fn === 0 ? 1 : tp + fn === 0 ? 0 : tp / (tp + fn)
  return { precision, recall }
}

interface PageResult {
  page: PageLabel
  outcome: Outcome
  title: boolean
  date: boolean
  author: boolean
  language: boolean
  first: boolean
  last: boolean
  chromeLeft: string[]
  shingle?: { precision: number; recall: number }
}

function judge(page: PageLabel, outcome: Outcome): PageResult {
  const article = outcome.article
  const text = fold(articleText(article))
  const titles = [page.title, ...(page.titleAlso ?? [])].map(fold)
  const authors = [page.author, ...(page.authorAlso ?? [])].map(authorSet)
  const result: PageResult = {
    page,
    outcome,
    title: article !== undefined && titles.includes(fold(article.title)),
    date: article !== undefined && [page.date, ...(page.dateAlso ?? [])].includes(article.date?.iso ?? null),
    author: article !== undefined && authors.includes(authorSet(article.author)),
    language: article !== undefined && article.language.split('-')[0] === page.language,
    first: text.includes(fold(page.first)),
    last: text.includes(fold(page.last)),
    chromeLeft: page.absent.filter((chrome) => text.includes(fold(chrome))),
  }
  if (page.source === 'scrapinghub') result.shingle = shingleScore(benchmarkTruth()[benchmarkKey(page.path)]!.articleBody, articleText(article))
  return result
}

// ---------------------------------------------------------------------------------------------
// Reporting

const share = (results: PageResult[], test: (result: PageResult) => boolean) => `${results.filter(test).length}/${results.length}`
const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN)

function report(name: string, results: PageResult[]): void {
  if (results.length === 0) return
  const dated = results.filter((result) => result.page.date !== null)
  const undated = results.filter((result) => result.page.date === null)
  const withShingles = results.filter((result) => result.shingle)
  const chromeStrings = results.reduce((sum, result) => sum + result.page.absent.length, 0)
  const chromeLeft = results.reduce((sum, result) => sum + result.chromeLeft.length, 0)
  const precision = mean(withShingles.map((result) => result.shingle!.precision))
  const recall = mean(withShingles.map((result) => result.shingle!.recall))
  const slowest = Math.max(...results.map((result) => result.outcome.ms))
  console.log(`\n${name}: ${results.length} pages from ${new Set(results.map((result) => result.page.host)).size} sites`)
  console.log(`  read            ${share(results, (result) => result.outcome.article !== undefined)} (slowest ${Math.round(slowest)} ms)`)
  console.log(`  title           ${share(results, (result) => result.title)}`)
  console.log(`  date            ${share(results, (result) => result.date)} (dated pages right ${share(dated, (result) => result.date)}, undated pages left undated ${share(undated, (result) => result.date)})`)
  console.log(`  author          ${share(results, (result) => result.author)}`)
  console.log(`  language        ${share(results, (result) => result.language)}`)
  console.log(`  first sentence  ${share(results, (result) => result.first)}`)
  console.log(`  last sentence   ${share(results, (result) => result.last)}`)
  console.log(`  chrome left     ${chromeLeft} of ${chromeStrings} labelled strings; pages with none left ${share(results, (result) => result.chromeLeft.length === 0)}`)
  if (withShingles.length)
    console.log(`  body shingles   P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${((2 * precision * recall) / (precision + recall)).toFixed(3)} (${withShingles.length} benchmark pages)`)
}

function listErrors(results: PageResult[]): void {
  console.log('\nDevelopment pages with misses:')
  for (const result of results) {
    const { page, outcome } = result
    const article = outcome.article
    const misses: string[] = []
    if (!article) misses.push(`skipped: ${outcome.skipped}`)
    else {
      if (!result.title) misses.push(`title: ${JSON.stringify(article.title)} (want ${JSON.stringify(page.title)})`)
      if (!result.date) misses.push(`date: ${article.date?.iso ?? 'undated'} (want ${page.date ?? 'undated'})`)
      if (!result.author) misses.push(`author: ${JSON.stringify(article.author ?? null)} (want ${JSON.stringify(page.author)})`)
      if (!result.language) misses.push(`language: ${article.language} (want ${page.language})`)
    }
    if (!result.first) misses.push(`first sentence lost: ${page.first}`)
    if (!result.last) misses.push(`last sentence lost: ${page.last}`)
    if (result.chromeLeft.length) misses.push(`chrome left: ${result.chromeLeft.join(' ‖ ')}`)
    if (result.shingle && result.shingle.precision < 0.9) misses.push(`shingle precision ${result.shingle.precision.toFixed(2)}`)
    if (result.shingle && result.shingle.recall < 0.9) misses.push(`shingle recall ${result.shingle.recall.toFixed(2)}`)
    if (misses.length) console.log(`- ${page.id}\n    ${misses.join('\n    ')}`)
  }
}

function show(result: PageResult): void {
  const article = result.outcome.article
  if (!article) return console.log(`skipped: ${result.outcome.skipped}`)
  const { blocks, ...meta } = article
  console.log(JSON.stringify(meta, null, 1))
  console.log(articleText(article))
}

/** Site key the split is made on. */
function siteOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '')
}
const splitOfSite = (site: string): 'dev' | 'held-out' => (parseInt(createHash('sha1').update(site).digest('hex')[0]!, 16) < 8 ? 'dev' : 'held-out')

async function benchmarkFigures(): Promise<void> {
  const truth = benchmarkTruth()
  const scores: Record<'dev' | 'held-out', { precision: number; recall: number }[]> = { dev: [], 'held-out': [] }
  for (const path of gitList('scrapinghub', 'html')) {
    const entry = truth[benchmarkKey(path)]
    if (!entry) continue
    const outcome = await runPage(benchmarkKey(path), pageHtml({ source: 'scrapinghub', path }))
    scores[splitOfSite(siteOf(entry.url))].push(shingleScore(entry.articleBody, articleText(outcome.article)))
  }
  console.log('\nEvery benchmark page, body shingles:')
  for (const split of ['dev', 'held-out'] as const) {
    const precision = mean(scores[split].map((score) => score.precision))
    const recall = mean(scores[split].map((score) => score.recall))
    console.log(`  ${split.padEnd(9)} ${scores[split].length} pages: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${((2 * precision * recall) / (precision + recall)).toFixed(3)}`)
  }
}

async function main(): Promise<void> {
  const labels: LabelFile = JSON.parse(readFileSync(join(PROJECT_ROOT, 'scripts', 'data', 'pages-dev.json'), 'utf8'))
  const missing = (Object.keys(MIRRORS) as PageLabel['source'][]).filter((source) => !gitDir(source))
  if (missing.length) {
    console.log(`eval:pages: skipped, no mirror of ${missing.map((source) => MIRRORS[source]).join(' or ')} under ${mirrorRoot} (fetch github:postlight/parser and github:scrapinghub/article-extraction-benchmark, or pass --mirror DIR)`)
    return
  }
  const wanted = option('show')
  const pages = labels.pages.filter((page) => !wanted || page.id === wanted)
  if (wanted && pages[0]?.split !== 'dev') {
    console.error(`eval:pages: --show takes a development page id (held-out pages are reported as figures only), not ${JSON.stringify(wanted)}`)
    process.exitCode = 2
    return
  }
  for (const page of pages) {
    const expected = splitOfSite(page.host)
    if (page.split !== expected) throw new Error(`eval:pages: ${page.id} is labelled ${page.split}, but its site ${page.host} splits ${expected}`)
  }
  // one read first, untimed, so the slowest page is not just the one that paid for loading the code
  if (pages[0]) await runPage('warm-up', pageHtml(pages[0]))
  const results: PageResult[] = []
  for (const page of pages) results.push(judge(page, await runPage(page.id, pageHtml(page))))
  if (wanted) return show(results[0]!)

  report('Development', results.filter((result) => result.page.split === 'dev'))
  report('Held-out', results.filter((result) => result.page.split === 'held-out'))
  if (flag('errors')) listErrors(results.filter((result) => result.page.split === 'dev'))
  if (flag('benchmark')) await benchmarkFigures()
}

try {
  await main()
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
