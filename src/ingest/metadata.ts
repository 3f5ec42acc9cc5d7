// Resolves an article's metadata from what its file format says and what its text says, in that order,
// and gives it a readable, stable id. Also the URL-host parser metadata needs (dates are read by dates.ts).
import { createHash } from 'node:crypto'
import type { Article, ArticleMeta, Block, TitleOrigin } from '../model.ts'
import type { CleanedText } from './clean/index.ts'
import type { RawArticle } from './read/types.ts'

/** What the cleaner hands back: the article's blocks and what the text itself states about the article. */
export type { CleanedText }

export interface ResolveArticleOptions {
  /** Ids already given to other articles; a colliding slug gets a short hash of the file path appended. */
  takenIds?: Set<string>
}

/** How long an id slug may grow before it is cut at a word boundary. */
const MAX_SLUG_LENGTH = 80
/** How many words a title derived from the first sentence keeps. */
const DERIVED_TITLE_WORDS = 10

/**
 * Builds the article from the raw file and its cleaned text. Precedence, field by field: the format's own
 * metadata merged with the sidecar (already in `raw.meta`), then what the text states (`cleaned.meta`),
 * else unknown (a language the text's words do not show is "und"). A date is never guessed: without one in metadata or the text's own dateline/signature the
 * article stays undated.
 */
export function resolveArticle(raw: RawArticle, cleaned: CleanedText, options: ResolveArticleOptions = {}): Article {
  const fromFormat = raw.meta
  const fromText = cleaned.meta

  const { title, titleOrigin } = resolveTitle(fromFormat, fromText, cleaned.blocks)
  const url = fromFormat.url ?? fromText.url
  const source = fromFormat.source ?? fromText.source ?? (url ? sourceFromUrl(url) : undefined) ?? 'unknown'
  const author = fromFormat.author ?? fromText.author
  // A role belongs to the author it was stated with: keep the text's role only when the text's author is kept.
  const authorRole =
    fromFormat.authorRole ?? (fromText.authorRole && (!fromFormat.author || sameName(fromFormat.author, fromText.author)) ? fromText.authorRole : undefined)

  const article: Article = {
    id: uniqueId(slugify(title), raw.file, options.takenIds),
    title,
    titleOrigin,
    source,
    // "und" (BCP 47 for undetermined) when neither the format nor the text's words say
    language: fromFormat.language ?? fromText.language ?? 'und',
    file: raw.file,
    blocks: cleaned.blocks,
  }
  if (url) article.url = url
  if (author) article.author = author
  if (authorRole) article.authorRole = authorRole
  const date = fromFormat.date ?? fromText.date
  if (date) article.date = date
  const place = fromFormat.place ?? fromText.place
  if (place) article.place = place
  return article
}

function resolveTitle(fromFormat: ArticleMeta, fromText: ArticleMeta, blocks: Block[]): { title: string; titleOrigin: TitleOrigin } {
  if (fromFormat.title) return { title: fromFormat.title, titleOrigin: fromFormat.titleOrigin ?? 'metadata' }
  if (fromText.title) return { title: fromText.title, titleOrigin: fromText.titleOrigin ?? 'text' }
  return { title: deriveTitle(blocks), titleOrigin: 'derived' }
}

/** A title made up from the first sentence of the first block, cut to a few words, so it reads as derived. */
export function deriveTitle(blocks: Block[]): string {
  const firstText = blocks.find((block) => block.text.trim())?.text.trim()
  if (!firstText) return 'Untitled'
  const firstSentence = firstSentenceOf(firstText.replace(/\s+/g, ' '))
  const words = firstSentence.split(' ')
  if (words.length <= DERIVED_TITLE_WORDS) return ABBREVIATION.test(words.at(-1)!) ? firstSentence : firstSentence.replace(/[.:;,]$/, '')
  return words.slice(0, DERIVED_TITLE_WORDS).join(' ').replace(/[.:;,—–-]+$/, '') + '…'
}

/** Abbreviations whose full stop does not end a sentence: initials ("U.S."), titles, company suffixes. */
const ABBREVIATION = /^(?:(?:\p{Lu}\.)+|(?:mr|mrs|ms|dr|prof|st|inc|corp|co|ltd|plc|jr|sr|no|vs|gen|gov|sen|rep|jan|feb|aug|sept?|oct|nov|dec)\.)$/iu

function firstSentenceOf(text: string): string {
  const boundary = /[.!?]["”’)]?\s+(?=[\p{Lu}\p{N}"“‘'(])/gu
  for (const match of text.matchAll(boundary)) {
    const sentence = text.slice(0, match.index + match[0].trimEnd().length)
    const lastWord = sentence.split(' ').at(-1) ?? ''
    // A sentence of one or two words is more likely a cut at an abbreviation than a real sentence.
    if (!ABBREVIATION.test(lastWord) && sentence.split(' ').length >= 3) return sentence
  }
  return text
}

/**
 * Whether two statements of an author name the same person: "Evgeniya Makhmutova" and "Evgeniya
 * Makhmutova (Voyko)" do (every word of the shorter is in the longer); "Jane Doe" and "John Roe" do not.
 */
function sameName(a: string | undefined, b: string | undefined): boolean {
  const words = (name: string | undefined) =>
    new Set((name ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}]+/u).filter((word) => word.length > 1))
  const [shorter, longer] = [words(a), words(b)].sort((x, y) => x.size - y.size)
  return shorter.size > 0 && [...shorter].every((word) => longer.has(word))
}

// ---------------------------------------------------------------------------------------------
// Ids

/** Lowercase ASCII words joined by hyphens, at most ~80 characters, cut at a word boundary. */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > MAX_SLUG_LENGTH) {
      if (!slug) slug = word.slice(0, MAX_SLUG_LENGTH)
      break
    }
    slug = next
  }
  return slug
}

/** A short hash of the file path: stable across runs, so a colliding article keeps its id. */
function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 7)
}

function uniqueId(slug: string, file: string, takenIds: Set<string> | undefined): string {
  // A title with no ASCII letters (e.g. Cyrillic) still needs a readable, stable id.
  let id = slug || `article-${shortHash(file)}`
  if (takenIds?.has(id)) id = `${slug || 'article'}-${shortHash(file)}`
  // Only a second article from the very same path could still collide; count on rather than fail.
  for (let n = 2; takenIds?.has(id); n++) id = `${slug || 'article'}-${shortHash(file)}-${n}`
  takenIds?.add(id)
  return id
}

// ---------------------------------------------------------------------------------------------
// Sources

/** The publication as its host names it: "https://www.asiatimes.com/x" -> "asiatimes.com". */
export function sourceFromUrl(url: string): string | undefined {
  let host: string
  try {
    host = new URL(url.trim()).hostname.toLowerCase()
  } catch {
    return undefined
  }
  if (!host || !host.includes('.')) return undefined
  // "www." and mobile/AMP mirrors name the same publication as the bare domain.
  return host.replace(/^(www\d*|m|amp|mobile)\./, '')
}
