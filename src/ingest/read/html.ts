// Reads a saved web page: metadata from the page itself (html-meta.ts), main content from Mozilla
// Readability over linkedom, written out as markdown-like text (html-text.ts: `## ` headings, `- ` items,
// `> ` quotations), one block a paragraph. The cost of one page is bounded (html-bounds.ts): nesting is
// capped on the markup before parsing, and a page with too many elements or characters is skipped with
// its reason.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { ArticleMeta } from '../../model.ts'
import { detectLanguage } from '../clean/language.ts'
import { capNesting, DEFAULT_HTML_BOUNDS, measureTree, type HtmlBounds, type WalkNode } from './html-bounds.ts'
import { authorsFromByline, readPageMeta, type HtmlDocument } from './html-meta.ts'
import { nodeToBlockText, type TextNode } from './html-text.ts'
import { normalizeLanguageTag } from './record-meta.ts'
import type { ReadOutcome } from './types.ts'

export { htmlToBlockText } from './html-text.ts'

export function readHtml(html: string, file: string, bounds: HtmlBounds = DEFAULT_HTML_BOUNDS): ReadOutcome {
  if (html.length > bounds.maxChars) {
    return { skip: `HTML page too large (${megabytes(html.length)} MB; pages over ${megabytes(bounds.maxChars)} MB are skipped)` }
  }
  const capped = capNesting(html, bounds.maxDepth)
  // counted on the markup first, so a page far over the limit is not parsed at all
  const tooComplex = (elements: number) =>
    ({ skip: `HTML page too complex (${elements.toLocaleString('en')} elements; pages over ${bounds.maxElements.toLocaleString('en')} are skipped)` }) as const
  if (capped.elements > bounds.maxElements) return tooComplex(capped.elements)
  const { document } = parseHTML(capped.html)
  const tree = measureTree(document as unknown as WalkNode)
  if (tree.elements > bounds.maxElements) return tooComplex(tree.elements)
  // The cap mirrors how the parser nests; should a page still come out deeper, Readability would be slow.
  if (tree.depth > bounds.maxDepth * 2) return { skip: `HTML nested too deeply (${tree.depth} levels)` }

  // Metadata first: Readability rewrites the document as it works.
  const { meta: pageMeta, siteNames } = readPageMeta(document as unknown as HtmlDocument)
  let parsed: ReturnType<Readability<TextNode>['parse']> = null
  const useReadability = tree.elements <= bounds.maxReadabilityElements
  if (useReadability) {
    try {
      parsed = new Readability<TextNode>(document as unknown as Document, { charThreshold: 100, serializer: (node) => node as unknown as TextNode }).parse()
    } catch {
      parsed = null
    }
  }
  const content = useReadability ? parsed?.content ?? undefined : mainContent(document as unknown as ContentDocument)
  let body = content ? nodeToBlockText(content) : ''
  if (!content || !hasArticleText(body, content as unknown as LinkCounter)) return { skip: 'no article text found in the HTML' }

  const meta: ArticleMeta = { ...pageMeta }
  if (!meta.title && parsed?.title?.trim()) meta.title = parsed.title.replace(/\s+/g, ' ').trim()
  if (!meta.source && parsed?.siteName?.trim()) meta.source = parsed.siteName.trim()
  if (!meta.author && parsed?.byline) {
    const author = authorsFromByline(parsed.byline, siteNames)
    if (author) meta.author = author
  }
  if (meta.author) body = dropAuthorLines(body, meta.author)
  const language = pageLanguage(meta.language ?? (parsed?.lang ? normalizeLanguageTag(parsed.lang) : undefined), body)
  if (language) meta.language = language
  else delete meta.language
  return { article: { file, format: 'html', body, meta } }
}

type ContentElement = TextNode & { remove(): void; querySelectorAll(selector: string): Iterable<ContentElement> }
type ContentDocument = { querySelector(selector: string): ContentElement | null; body: ContentElement | null }

/** The page's main content without Readability: its `<article>`, `<main>` or `<body>`, less page furniture. */
function mainContent(document: ContentDocument): TextNode | undefined {
  const root = document.querySelector('article') ?? document.querySelector('main') ?? document.body
  if (!root) return undefined
  for (const element of [...root.querySelectorAll('nav, header, footer, aside, form, script, style, noscript, template, iframe')]) element.remove()
  return root
}

const megabytes = (chars: number) => (chars / (1024 * 1024)).toFixed(1)

/** Fewer words than this is a stub, a menu or an error page, not an article. */
const MIN_ARTICLE_WORDS = 8

type LinkCounter = { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }

/**
 * Words in a text: runs of letters or digits, and for scripts written without spaces (Chinese, Japanese,
 * Thai) one word per two characters, so a Japanese article is not taken for a stub.
 */
function wordCount(text: string): number {
  const spaced = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  const unspaced = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu)?.length ?? 0
  return spaced + Math.floor(unspaced / 2)
}

/**
 * On a page with no article, Readability falls back to whatever it finds, often the navigation: a handful
 * of words, mostly link text. Such a result is not an article.
 */
function hasArticleText(body: string, content: LinkCounter): boolean {
  const words = wordCount(body)
  if (words < MIN_ARTICLE_WORDS) return false
  let linkWords = 0
  for (const link of content.querySelectorAll('a')) linkWords += wordCount(link.textContent ?? '')
  return linkWords / words < 0.5
}

/** A block that only names the article's author ("Jane Doe", "By Jane Doe") is the byline left in the body. */
function dropAuthorLines(body: string, author: string): string {
  const fold = (text: string) => text.toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim()
  const names = new Set([fold(author), ...author.split(/\s*,\s*/).map(fold)])
  return body
    .split('\n\n')
    .filter((block) => !names.has(fold(block.replace(/^(?:#{1,6}|-|>)\s+/, '').replace(/^\s*(?:by|par|von|por)\s+/i, ''))))
    .join('\n\n')
}

/**
 * The page's stated language, unless its text is plainly in another: site templates often declare
 * `lang="en"` on every page whatever it holds. Without a stated language the cleaner reads it from the
 * cleaned text.
 */
function pageLanguage(stated: string | undefined, body: string): string | undefined {
  if (!stated) return undefined
  const detected = detectLanguage(body)
  const statedPrimary = stated.split('-')[0]!.toLowerCase()
  if (!detected?.confident || detected.language === statedPrimary) return stated
  // only when the stated language's own words are nearly absent: a quoted passage does not outvote it
  const statedScore = detected.scores[statedPrimary] ?? 0
  const bestScore = detected.scores[detected.language] ?? Infinity
  return statedScore * 4 < bestScore ? detected.language : stated
}
