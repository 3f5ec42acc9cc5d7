// Engines for the hostile-input tests, built with the project's pipeline (buildIndexData, then a memory
// engine): the hostile corpus in tests/fixtures/hostile, to which records made by hand add what the readers
// refuse at the door (javascript: and data: URLs), so the views are tested without that first defence; and
// the seeds, for the fuzz suite. Also what "inert" means for an HTML page, checked on its parsed DOM.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseHTML } from 'linkedom'
import { loadAliases } from '../../src/enrich/people/index.ts'
import { loadTaxonomy } from '../../src/enrich/topics/index.ts'
import { createMemoryEngine, type SearchEngine } from '../../src/engine/index.ts'
import { buildIndexData } from '../../src/indexer/build.ts'
import type { ArticleRecord, Passage } from '../../src/model.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const HOSTILE_DIR = join(ROOT, 'tests/fixtures/hostile')
export const SEEDS_DIR = join(ROOT, 'seeds')

/** Every payload in the hostile corpus names this, so an injected attribute can be told from the site's own. */
export const MARKER = 'xss'

/** The path the corpus's htmx payloads ask for (`hx-get="/xss-hx"`). */
const INJECTED_HTMX_PATH = '/xss-hx'

/** Source URLs no page may turn into a link, and two it must (escaped). */
export const UNSAFE_URLS = [
  "javascript:alert('xss')",
  "JaVaScRiPt:alert('xss')",
  " javascript:alert('xss')",
  "java\tscript:alert('xss')",
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=',
  "vbscript:msgbox('xss')",
  '//xss.example/',
  "/relative/xss\"><script>alert('xss')</script>",
]
export const SAFE_URLS = ["https://example.org/a?b=1&c=\"><script>alert('xss')</script>", 'http://example.org/plain']

/** One article a URL, each with one passage; the rest of its fields hostile too. */
function urlRecords(): { articles: ArticleRecord[]; passages: Passage[] } {
  const articles: ArticleRecord[] = []
  const passages: Passage[] = []
  ;[...UNSAFE_URLS, ...SAFE_URLS].forEach((url, i) => {
    const id = `hostile-url-${i}`
    const passage: Passage = {
      id: `${id}-0`,
      articleId: id,
      position: 0,
      text: `Link test ${i}: <a href="${url}">source</a> <script>alert('xss')</script> remittances and sanctions.`,
      section: `<img src=x onerror=alert('xss')> section ${i}`,
      title: `URL ${i} <script>alert('xss')</script>`,
      source: `<svg onload=alert('xss')> Links`,
      author: `=HYPERLINK("http://xss.example","x") ${i}`,
      url,
      people: [`<b onmouseover=alert('xss')>Linker ${i}</b>`],
      topics: [],
      fields: { places: [`<iframe src="javascript:alert('xss')">${i}`] },
    }
    passages.push(passage)
    articles.push({
      id,
      title: passage.title,
      titleOrigin: 'metadata',
      source: passage.source,
      url,
      author: passage.author,
      language: 'en',
      file: `hand-made-${i}.jsonl`,
      passageIds: [passage.id],
      people: passage.people,
      topics: [],
      fields: passage.fields,
    })
  })
  return { articles, passages }
}

/** The corpus folders read by the project's pipeline into a memory engine, plus records given as they are. */
export async function buildCorpusEngine(folders: string[], extra?: { articles: ArticleRecord[]; passages: Passage[] }): Promise<SearchEngine> {
  const aliases = loadAliases(folders.map((folder) => join(folder, 'people-aliases.json')).filter((path) => existsSync(path)))
  const build = await buildIndexData(folders, { aliases, taxonomy: loadTaxonomy() })
  const articles = [...build.data.articles, ...(extra?.articles ?? [])]
  const passages = [...build.data.passages, ...(extra?.passages ?? [])]
  const fieldFacets = [...new Set(passages.flatMap((passage) => Object.keys(passage.fields ?? {})))].filter((name) => name !== 'tag')
  return createMemoryEngine({ ...build.data, articles, passages, fieldFacets })
}

let hostile: Promise<SearchEngine> | undefined
let seeds: Promise<SearchEngine> | undefined

/** The hostile corpus and the hand-made URL records, built once per test process. */
export function hostileEngine(): Promise<SearchEngine> {
  hostile ??= buildCorpusEngine([HOSTILE_DIR], urlRecords())
  return hostile
}

/** The five seed articles, built once per test process. */
export function seedsEngine(): Promise<SearchEngine> {
  seeds ??= buildCorpusEngine([SEEDS_DIR])
  return seeds
}

/** Attributes that hold a URL a browser would follow or load. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset', 'ping']
/**
 * Elements the site never renders and a payload would use. (The site draws charts as inline SVG; an injected
 * <svg> is caught by its handler, script or link, and SVG's own ways to run or load things are listed.)
 */
const FOREIGN_ELEMENTS = ['iframe', 'frame', 'object', 'embed', 'math', 'img', 'base', 'applet', 'audio', 'video', 'style', 'template', 'foreignobject', 'animate', 'set', 'use', 'image', 'feimage']

/** A URL a page may carry: the site's own (path, query, fragment) or an http(s) address. */
function isSafeUrl(value: string): boolean {
  const trimmed = value.trim()
  if (/^(https?:)?\/\//i.test(trimmed)) return /^https?:\/\//i.test(trimmed)
  return /^[/?#]/.test(trimmed) || /^https?:/i.test(trimmed)
}

/**
 * What makes an HTML page not inert, as sentences (empty when it is): a script that is not one of the site's
 * files, an event handler, an htmx attribute carrying a payload, a foreign element, an unsafe URL.
 */
export function activeContent(html: string): string[] {
  const { document } = parseHTML(html)
  const problems: string[] = []
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    if (tag === 'script' && !(element.getAttribute('src') ?? '').startsWith('/static/')) problems.push(`a <script> that is not the site's own: ${element.outerHTML.slice(0, 120)}`)
    if (FOREIGN_ELEMENTS.includes(tag)) problems.push(`a <${tag}> element: ${element.outerHTML.slice(0, 120)}`)
    if (tag === 'meta' && element.hasAttribute('http-equiv')) problems.push(`a <meta http-equiv>: ${element.outerHTML.slice(0, 120)}`)
    for (const { name, value } of element.attributes) {
      const lower = name.toLowerCase()
      if (lower.startsWith('on')) problems.push(`an event handler ${name} on <${tag}>`)
      // The site's own htmx attributes are hx-* (never data-hx-*, never hx-on); one that points at the
      // payloads' path was injected (a path the site builds has its slashes encoded inside parameters).
      if (/^data-hx-/.test(lower) || /^hx-on/.test(lower)) problems.push(`an htmx attribute ${name} on <${tag}>`)
      if (/^hx-/.test(lower) && value.includes(INJECTED_HTMX_PATH)) problems.push(`an injected htmx attribute ${name}="${value.slice(0, 80)}" on <${tag}>`)
      if (lower === 'style' || lower === 'srcdoc') problems.push(`a ${name} attribute on <${tag}>`)
      // The search box is the one element the site focuses.
      if (lower === 'autofocus' && !(tag === 'input' && element.getAttribute('name') === 'q')) problems.push(`autofocus on <${tag}>`)
      if (/["'<>\s/=]/.test(name)) problems.push(`a malformed attribute name ${name} on <${tag}>`)
      if (URL_ATTRIBUTES.includes(lower) && !isSafeUrl(value)) problems.push(`an unsafe URL ${name}="${value.slice(0, 80)}" on <${tag}>`)
    }
  }
  return problems
}
