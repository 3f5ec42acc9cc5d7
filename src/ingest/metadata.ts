// Resolves an article's metadata from what its file format says and what its text says, in that order,
// and gives it a readable, stable id. Also the small parsers metadata needs: partial dates and URL hosts.
import { createHash } from 'node:crypto'
import type { Article, ArticleMeta, Block, DatePrecision, PartialDate, TitleOrigin } from '../model.ts'
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
 * else unknown. A date is never guessed: without one in metadata or the text's own dateline/signature the
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
    language: fromFormat.language ?? fromText.language ?? 'en',
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

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
}
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?'
// A time and zone after a date says nothing more about the day; it is accepted and dropped.
const TIME = '(?:[T\\s,]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?\\s*(?:z|utc|gmt|[a-z]{2,4}|[+-]\\d{2}:?\\d{2})?)?'

const DATE_PATTERNS: { pattern: RegExp; read: (m: RegExpMatchArray) => [number, number?, number?] }[] = [
  // 2025-10-28, 2025-10-28T15:01:01Z, 2025/10/28, 2025.10.28
  { pattern: new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`, 'i'), read: (m) => [+m[1], +m[2], +m[3]] },
  // 2025-10, 2025/10
  { pattern: /^(\d{4})[-/](\d{1,2})$/, read: (m) => [+m[1], +m[2]] },
  // 2019
  { pattern: /^(\d{4})$/, read: (m) => [+m[1]] },
  // 20251028 (compact ISO)
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => [+m[1], +m[2], +m[3]] },
  // 28 October 2025, Tue, 28 Oct 2025 10:00:00 GMT, 26-FEB-1987 15:01:01.79, 28th of October, 2025
  {
    pattern: new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH_NAME}[\\s,-]+(\\d{4})${TIME}$`, 'i'),
    read: (m) => [+m[3], MONTHS[m[2].toLowerCase()], +m[1]],
  },
  // October 28, 2025, Oct. 8 2025, Tuesday, October 28, 2025 10:00 AM
  {
    pattern: new RegExp(`^${WEEKDAY}${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`, 'i'),
    read: (m) => [+m[3], MONTHS[m[1].toLowerCase()], +m[2]],
  },
  // October 2025, Oct. 2025, October, 2025
  { pattern: new RegExp(`^${MONTH_NAME},?\\s+(\\d{4})$`, 'i'), read: (m) => [+m[2], MONTHS[m[1].toLowerCase()]] },
]

/**
 * Reads a date as far as it is stated, with its precision: "2019" is a year, "October 2025" a month,
 * "Oct 8, 2025" or "1987-02-26T15:01:01" a day. The whole value must be a date (it never searches inside
 * a longer text). Numeric day/month orders are read only when unambiguous ("28/10/2025" is day first,
 * "10/28/2025" month first); "08/10/2025" keeps only its year. A time zone never shifts the stated day.
 */
export function parsePartialDate(value: string): PartialDate | undefined {
  const text = value.trim().replace(/\s+/g, ' ')
  if (!text || text.length > 60) return undefined
  for (const { pattern, read } of DATE_PATTERNS) {
    const match = text.match(pattern)
    if (match) return toPartialDate(...read(match))
  }
  const numeric = text.match(new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${TIME}$`, 'i'))
  if (numeric) {
    const [first, second, year] = [+numeric[1], +numeric[2], +numeric[3]]
    if (first > 12 && second <= 12) return toPartialDate(year, second, first)
    if (second > 12 && first <= 12) return toPartialDate(year, first, second)
    if (first === second) return toPartialDate(year, first, second)
    return toPartialDate(year)
  }
  return undefined
}

function toPartialDate(year: number, month?: number, day?: number): PartialDate | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined
  const yyyy = String(year)
  if (month === undefined) return { iso: yyyy, precision: 'year' }
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined
  const mm = String(month).padStart(2, '0')
  if (day === undefined) return { iso: `${yyyy}-${mm}`, precision: 'month' }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return undefined
  return { iso: `${yyyy}-${mm}-${String(day).padStart(2, '0')}`, precision: 'day' as DatePrecision }
}
