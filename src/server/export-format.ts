// Turns passages into export rows (CSV and JSON Lines), the same fields for `/api/export` and `clippings export`,
// made to open cleanly in a spreadsheet: absolute permalinks, the article's own address, a column per label
// facet of the corpus (tags, places, …), a UTF-8 byte order mark on CSV (without it Excel reads UTF-8 as
// Windows-1252), formula-like cells defused, and a file name that says what was searched.
import type { FacetDefinition } from '../facets/registry.ts'
import type { Passage, SearchRequest } from '../model.ts'
import { absoluteUrl } from './public-url.ts'

/** The columns every export has, in order; the corpus's label facets follow them. */
export const EXPORT_FIELDS = ['id', 'articleId', 'title', 'source', 'date', 'author', 'section', 'text', 'people', 'topics', 'url', 'sourceUrl'] as const

/** One exported passage: the fixed fields, then one list per label facet, keyed by its column name. */
export interface ExportRow {
  id: string
  articleId: string
  title: string
  source: string
  /** ISO date prefix (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or "" when undated. */
  date: string
  author: string
  section: string
  text: string
  people: string[]
  topics: string[]
  /** The passage's permalink: absolute with a base URL, else its path. */
  url: string
  /** The article's original address (any scheme, as the corpus gave it: this is data, not a link), or "". */
  sourceUrl: string
  [labelFacet: string]: string | string[]
}

/** A label facet's column: the facet that reads the values and the column's name. */
export interface ExportFacetColumn {
  column: string
  facet: FacetDefinition
}

/** What shapes the rows of one export. */
export interface ExportLayout {
  /** Every column in order: `EXPORT_FIELDS`, then the label facets'. */
  columns: string[]
  facetColumns: ExportFacetColumn[]
  /** Makes permalinks absolute (`https://clippings.example.org`); undefined leaves them as paths. */
  baseUrl?: string
}

/**
 * The facets exported as columns of their own: the tags and the corpus's own fields (source, people and
 * topics already have theirs; year and month are the date). The Tags facet's column is `tags`; a field
 * facet's is its name, which can never clash with a fixed column (see RESERVED_PARAMS in the registry).
 */
export function labelFacetColumns(facets: readonly FacetDefinition[]): ExportFacetColumn[] {
  return facets
    .filter((facet) => facet.kind === 'tag' || facet.kind === 'field')
    .map((facet) => ({ column: facet.kind === 'tag' ? 'tags' : facet.name, facet }))
}

export function exportLayout(options: { facets?: readonly FacetDefinition[]; baseUrl?: string } = {}): ExportLayout {
  const facetColumns = labelFacetColumns(options.facets ?? [])
  return { columns: [...EXPORT_FIELDS, ...facetColumns.map((entry) => entry.column)], facetColumns, baseUrl: options.baseUrl }
}

const FIXED_LAYOUT = exportLayout()

/** The CSV header line of the fixed columns, without the line ending. */
export const CSV_HEADER = EXPORT_FIELDS.join(',')

/** Written before a CSV's header so spreadsheets read it as UTF-8. */
export const CSV_BOM = '\uFEFF'

/** The permalink path of a passage. */
export function passagePath(id: string): string {
  return `/passages/${encodeURIComponent(id)}`
}

function listOf(values: string | readonly string[] | undefined): string[] {
  if (values === undefined) return []
  return typeof values === 'string' ? (values === '' ? [] : [values]) : [...values]
}

export function toExportRow(passage: Passage, layout: ExportLayout = FIXED_LAYOUT): ExportRow {
  const row: ExportRow = {
    id: passage.id,
    articleId: passage.articleId,
    title: passage.title,
    source: passage.source,
    date: passage.date?.iso ?? '',
    author: passage.author ?? '',
    section: passage.section ?? '',
    text: passage.text,
    people: [...passage.people],
    topics: [...passage.topics],
    url: absoluteUrl(layout.baseUrl, passagePath(passage.id)),
    sourceUrl: passage.url ?? '',
  }
  for (const { column, facet } of layout.facetColumns) row[column] = listOf(facet.valuesOf(passage))
  return row
}

/**
 * A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading `'`, so an exported passage can never execute in the reader's spreadsheet (CSV injection).
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180), doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One CSV cell: lists joined with "; ", formulas defused, quoted as needed. */
export function csvCell(value: string | readonly string[] | undefined): string {
  const text = value === undefined ? '' : typeof value === 'string' ? value : value.join('; ')
  return csvField(defuseFormula(text))
}

/** The CSV header line of a layout, without the line ending (column names are the project's own, never data). */
export function csvHeader(layout: ExportLayout = FIXED_LAYOUT): string {
  return layout.columns.map(csvField).join(',')
}

/** One CSV record for a row, without the line ending. */
export function toCsvLine(row: ExportRow, layout: ExportLayout = FIXED_LAYOUT): string {
  return layout.columns.map((column) => csvCell(row[column])).join(',')
}

/** One JSON Lines record for a row, without the line ending. */
export function toJsonLine(row: ExportRow): string {
  return JSON.stringify(row)
}

/** Letters and digits of `text` in lower case, runs of anything else as one `-`, at most `max` characters. */
function slug(text: string, max: number): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  if (words.length <= max) return words
  const cut = words.slice(0, max)
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut
}

/**
 * A file name saying what was exported and when: `clippings-remittances-2026-12-02.csv`. The query names it,
 * else the filters' values, else `all`. Letters of any script are kept (`filenameFallback` gives the ASCII one).
 */
export function exportFileName(request: SearchRequest, extension: string, date: Date = new Date()): string {
  const filterWords = Object.values(request.filters ?? {}).flatMap((values) => values ?? [])
  const subject = slug(request.query ?? '', 60) || slug(filterWords.join(' '), 60) || 'all'
  return `clippings-${subject}-${date.toISOString().slice(0, 10)}.${extension}`
}

/**
 * A `Content-Disposition: attachment` value for a file name: an ASCII `filename` for old clients and the
 * UTF-8 `filename*` (RFC 6266) when the name has other letters.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '')
    .replace(/--+/g, '-')
  if (ascii === fileName) return `attachment; filename="${fileName}"`
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
