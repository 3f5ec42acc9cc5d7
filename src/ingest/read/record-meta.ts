// Turns a loosely shaped metadata record (markdown front matter, a JSON Lines row, a sidecar entry) into
// ArticleMeta, accepting the field names such records commonly use.
import { collectFields, fieldLabels } from '../../facets/fields.ts'
import type { ArticleMeta, PartialDate, TitleOrigin } from '../../model.ts'
import { parsePartialDate } from '../../text/dates.ts'
import { quoteForReport } from '../limits.ts'

/** Field names read for each ArticleMeta field, first found wins. Documented in seeds/README.md. */
export const META_FIELD_NAMES = {
  title: ['title', 'headline'],
  titleOrigin: ['titleOrigin', 'title_origin'],
  source: ['source', 'site', 'site_name', 'siteName', 'publisher', 'publication'],
  url: ['url', 'link', 'canonical_url', 'canonical', 'permalink'],
  author: ['author', 'authors', 'byline', 'creator'],
  authorRole: ['authorRole', 'author_role'],
  date: ['date', 'published', 'published_at', 'publishedAt', 'datePublished', 'pubdate', 'publish_date'],
  place: ['place', 'location', 'dateline'],
  language: ['language', 'lang', 'inLanguage', 'locale'],
} as const

/** Fields a record's body is read from (see jsonl.ts): text, not labels. */
export const BODY_FIELD_NAMES = ['text', 'body', 'content', 'article', 'description', 'summary', 'abstract'] as const

/** The people a record lists itself (Reuters' `people` tags, front matter `people`). */
const PEOPLE_FIELD = 'people'

/**
 * Fields the readers use for themselves, lower case: never kept as the corpus's own fields. Everything
 * else short enough to be a label (see `fieldLabels`) is kept in `meta.fields`.
 */
const READER_FIELDS: ReadonlySet<string> = new Set(
  [...Object.values(META_FIELD_NAMES).flat(), ...BODY_FIELD_NAMES, PEOPLE_FIELD, 'id', '_id'].map((name) => name.toLowerCase()),
)

const TITLE_ORIGINS: readonly TitleOrigin[] = ['metadata', 'text', 'derived']

/**
 * Reads the metadata fields a record carries; anything missing, empty or unreadable stays undefined. A
 * `people` list becomes `meta.people`; any other field holding short labels becomes one of `meta.fields`.
 * A date that is stated but cannot be read is noted in `problems` ("cannot read date "2024-13-45"; ignored").
 */
export function metaFromRecord(record: Record<string, unknown>, problems?: string[]): ArticleMeta {
  const meta: ArticleMeta = {}
  const pick = (names: readonly string[]) => {
    for (const name of names) {
      const value = record[name]
      if (value !== undefined && value !== null && value !== '') return { name, value }
    }
    return undefined
  }

  const title = textOf(pick(META_FIELD_NAMES.title)?.value)
  if (title) meta.title = title
  const titleOrigin = textOf(pick(META_FIELD_NAMES.titleOrigin)?.value)
  if (titleOrigin && (TITLE_ORIGINS as readonly string[]).includes(titleOrigin)) meta.titleOrigin = titleOrigin as TitleOrigin
  const source = nameOf(pick(META_FIELD_NAMES.source)?.value)
  if (source) meta.source = source
  const url = textOf(pick(META_FIELD_NAMES.url)?.value)
  if (url && /^https?:\/\//i.test(url)) meta.url = url
  const author = namesOf(pick(META_FIELD_NAMES.author)?.value)
  if (author) meta.author = author
  const authorRole = textOf(pick(META_FIELD_NAMES.authorRole)?.value)
  if (authorRole) meta.authorRole = authorRole
  const statedDate = pick(META_FIELD_NAMES.date)
  const date = dateOf(statedDate?.value)
  if (date) meta.date = date
  else if (statedDate) problems?.push(`cannot read ${statedDate.name} ${quoteForReport(statedDate.value)}; ignored`)
  const place = pick(META_FIELD_NAMES.place)
  const placeText = place?.name === 'dateline' ? placeFromDateline(textOf(place.value) ?? '') : textOf(place?.value)
  if (placeText) meta.place = placeText
  const language = textOf(pick(META_FIELD_NAMES.language)?.value)
  if (language && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(language)) meta.language = normalizeLanguageTag(language)
  const people = fieldLabels(record[PEOPLE_FIELD])
  if (people) meta.people = people
  const fields = collectFields(record, READER_FIELDS)
  if (Object.keys(fields).length > 0) meta.fields = fields
  return meta
}

/** "en_US" -> "en-US": locales in og:locale and front matter often use an underscore. */
export function normalizeLanguageTag(tag: string): string {
  const [primary, ...rest] = tag.trim().split(/[-_]/)
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-')
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const text = value.replace(/\s+/g, ' ').trim()
  return text || undefined
}

/** A publisher or author may be a string or a schema.org-like object with a name. */
function nameOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) return textOf((value as Record<string, unknown>).name)
  return textOf(value)
}

/** Several authors are joined with commas, in the order given. */
function namesOf(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => Boolean(name))
    return names.length ? names.join(', ') : undefined
  }
  return nameOf(value)
}

function dateOf(value: unknown): PartialDate | undefined {
  // YAML may hand over a Date for an unquoted timestamp; its UTC day is the day that was written.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return parsePartialDate(value.toISOString())
  if (typeof value === 'number' && Number.isInteger(value)) return parsePartialDate(String(value))
  const text = textOf(value)
  return text ? parsePartialDate(text) : undefined
}

const DATELINE_DATE = /,?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s*\d{4})?\s*$/i

/**
 * The place of a wire-style dateline: "SALVADOR, Feb 26 -" -> "Salvador", "PEARL RIVER, N.Y., April 8 -"
 * -> "Pearl River, N.Y.". Capitals are softened, since datelines shout.
 */
export function placeFromDateline(dateline: string): string | undefined {
  const place = dateline
    .replace(/[\s\-–—]+$/, '')
    .replace(DATELINE_DATE, '')
    .replace(/[\s,\-–—]+$/, '')
    .trim()
  if (!place || place.length > 60 || !/\p{L}/u.test(place)) return undefined
  return place === place.toUpperCase() ? softenCapitals(place) : place
}

/** "PEARL RIVER, N.Y." -> "Pearl River, N.Y.": initials with dots stay as written. */
function softenCapitals(text: string): string {
  return text.replace(/\p{L}[\p{L}']*/gu, (word, offset: number) =>
    text[offset + word.length] === '.' && word.length <= 2 ? word : word[0] + word.slice(1).toLowerCase(),
  )
}
