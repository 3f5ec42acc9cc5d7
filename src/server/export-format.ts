// Turns passages into export rows (CSV and JSON Lines), the same fields for `/api/export` and `clippings export`.
import type { Passage } from '../model.ts'

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
  /** The passage's permalink path. */
  url: string
}

export const EXPORT_FIELDS = ['id', 'articleId', 'title', 'source', 'date', 'author', 'section', 'text', 'people', 'topics', 'url'] as const

/** The CSV header line, without the line ending. */
export const CSV_HEADER = EXPORT_FIELDS.join(',')

/** The permalink path of a passage. */
export function passagePath(id: string): string {
  return `/passages/${encodeURIComponent(id)}`
}

export function toExportRow(passage: Passage): ExportRow {
  return {
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
    url: passagePath(passage.id),
  }
}

/**
 * A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading `'`, so an exported passage can never execute in the reader's spreadsheet (CSV injection).
 */
function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180), doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One CSV record for a row, without the line ending; lists are joined with "; ". */
export function toCsvLine(row: ExportRow): string {
  return EXPORT_FIELDS.map((field) => {
    const value = row[field]
    return csvField(defuseFormula(Array.isArray(value) ? value.join('; ') : value))
  }).join(',')
}

/** One JSON Lines record for a row, without the line ending. */
export function toJsonLine(row: ExportRow): string {
  return JSON.stringify(row)
}
