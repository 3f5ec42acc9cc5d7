// Dates, one module for every stage: reading a published date from metadata or a line of text (ingest),
// dates as day ranges, years and months (the engine's facets and range filters), and dates a user types
// (`after:2019`, `from=2024-03`).
//
// The one date parser of ingestion reads a string that is only a date ("28 October 2025", "2025-10-28T10:00Z",
// "Oct. 3, 2024 | 9:15 am", "October 2025", "28.10.2025") into a PartialDate with the precision it states.
// It never searches inside a longer text: a body's mention of "April 2019" says nothing about publication.
import type { PartialDate } from '../model.ts'

/** How far a string is trusted to be a date. */
export interface DateParseOptions {
  /**
   * Where the string comes from. 'field' (the default): a metadata value meant to hold a date, so a bare
   * year ("2019"), a year and month ("2025-10") and a compact "20251028" are read too. 'line': a line or
   * part of the article's own text, where those are more likely a number, a score or an id, and a year
   * outside 1800–2200 is more likely a mistake than a publication date.
   */
  from?: 'field' | 'line'
  /** With `from: 'line'`, read a bare year too (the last line of a signature block). Default false. */
  allowYear?: boolean
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
}
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const WEEKDAY = '(?:(?:mon|tues?|weds?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?'
// A time and zone after the date ("T15:01:01Z", ", 14:30 GMT", " | 9:15 am", " at 10.30", " 18:06:00 GMT+0000 (UTC)") say nothing more
// about the day: accepted and dropped, so a zone never shifts the stated day.
const TIME =
  '(?:(?:\\s*(?:[,|•·–—-]|at)\\s*|[T\\s]+)\\d{1,2}[:.]\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?' +
  '\\s*(?:z|(?:utc|gmt)(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{1,2}:?\\d{2}|[a-z]{2,5})?' +
  // a zone's name after it, as JavaScript's Date writes it: "GMT+0000 (Coordinated Universal Time)"
  '(?:\\s*\\([a-z .-]{1,40}\\))?)?'

type DateParts = [year: number, month?: number, day?: number]

interface DatePattern {
  pattern: RegExp
  read: (match: RegExpMatchArray) => DateParts
  /** Read in a line of text too, not only in a metadata field. */
  inLines: boolean
}

const monthNumber = (name: string): number => MONTHS[name.toLowerCase()]!

const DATE_PATTERNS: DatePattern[] = [
  // 2025-10-28, 2025-10-28T15:01:01Z, 2025/10/28, 2025.10.28
  { pattern: new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`, 'i'), read: (m) => [+m[1]!, +m[2]!, +m[3]!], inLines: true },
  // 2025-10, 2025/10
  { pattern: /^(\d{4})[-/](\d{1,2})$/, read: (m) => [+m[1]!, +m[2]!], inLines: false },
  // 20251028 (compact ISO)
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => [+m[1]!, +m[2]!, +m[3]!], inLines: false },
  // 28 October 2025, Tue, 28 Oct 2025 10:00:00 GMT, 26-FEB-1987 15:01:01.79, 28th of October, 2025
  {
    pattern: new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH_NAME}[\\s,-]+(\\d{4})${TIME}$`, 'i'),
    read: (m) => [+m[3]!, monthNumber(m[2]!), +m[1]!],
    inLines: true,
  },
  // October 28, 2025, Oct. 8 2025, Tuesday, October 28, 2025 10:00 AM
  {
    pattern: new RegExp(`^${WEEKDAY}${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`, 'i'),
    read: (m) => [+m[3]!, monthNumber(m[1]!), +m[2]!],
    inLines: true,
  },
  // October 2025, Oct. 2025, October, 2025
  { pattern: new RegExp(`^${MONTH_NAME},?\\s+(\\d{4})$`, 'i'), read: (m) => [+m[2]!, monthNumber(m[1]!)], inLines: true },
  // 28/10/2025, 10/28/2025, 28.10.2025, 28-10-2025: see numericOrder
  {
    pattern: new RegExp(`^${WEEKDAY}(\\d{1,2})([/.-])(\\d{1,2})[/.-](\\d{4})${TIME}$`, 'i'),
    read: (m) => numericOrder(+m[1]!, +m[3]!, +m[4]!, m[2] === '.'),
    inLines: true,
  },
]

/**
 * Day and month of a numeric date, read only when one of them cannot be a month ("28/10/2025" is day first,
 * "10/28/2025" month first). When both could be, dots are day first, as most of the world writes them
 * ("08.10.2025"), and otherwise only the year is kept ("08/10/2025").
 */
function numericOrder(first: number, second: number, year: number, dotted: boolean): DateParts {
  if (first > 12 && second <= 12) return [year, second, first]
  if (second > 12 && first <= 12) return [year, first, second]
  if (first === second || (dotted && first <= 12 && second <= 12)) return [year, second, first]
  return [year]
}

/**
 * Reads a string that is only a date, with the precision it states: "2019" is a year, "October 2025" a month,
 * "Oct 8, 2025" or "1987-02-26T15:01:01" a day; "08/10/2025", whose order is unknown, keeps only its year.
 * Returns undefined for anything else, an impossible date, or a date without a year.
 */
export function parsePartialDate(value: string, options: DateParseOptions = {}): PartialDate | undefined {
  const inLine = options.from === 'line'
  const text = value.trim().replace(/\s+/g, ' ').replace(/[.,]$/, '')
  if (!text || text.length > 60) return undefined
  const years: [number, number] = inLine ? [1800, 2200] : [1000, 2999]
  if (/^\d{4}$/.test(text)) return !inLine || options.allowYear ? toPartialDate([+text], years) : undefined
  for (const { pattern, read, inLines } of DATE_PATTERNS) {
    if (inLine && !inLines) continue
    const match = text.match(pattern)
    if (match) return toPartialDate(read(match), years)
  }
  return undefined
}

function toPartialDate([year, month, day]: DateParts, [earliest, latest]: [number, number]): PartialDate | undefined {
  if (!Number.isInteger(year) || year < earliest || year > latest) return undefined
  const yyyy = String(year)
  if (month === undefined) return { iso: yyyy, precision: 'year' }
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined
  const mm = String(month).padStart(2, '0')
  if (day === undefined) return { iso: `${yyyy}-${mm}`, precision: 'month' }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return undefined
  return { iso: `${yyyy}-${mm}-${String(day).padStart(2, '0')}`, precision: 'day' }
}

// ---------------------------------------------------------------------------------------------
// Dates as day ranges, years and months (facets, range filters, sorting)


const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** yyyymmdd bounds of the days between `from` and `to` (each `YYYY`, `YYYY-MM` or `YYYY-MM-DD`), inclusive. */
export function dateBounds(from?: string, to?: string): { start: number; end: number } | undefined {
  if (!from && !to) return undefined
  return {
    start: from ? firstDay(from) : Number.MIN_SAFE_INTEGER,
    end: to ? lastDay(to) : Number.MAX_SAFE_INTEGER,
  }
}

function parts(iso: string): [number, number | undefined, number | undefined] {
  const [year, month, day] = iso.split('-').map(Number)
  return [year, month, day]
}

function firstDay(iso: string): number {
  const [year, month, day] = parts(iso)
  return year * 10000 + (month ?? 1) * 100 + (day ?? 1)
}

function lastDay(iso: string): number {
  const [year, month, day] = parts(iso)
  return year * 10000 + (month ?? 12) * 100 + (day ?? 31)
}

export function yearOf(date?: PartialDate): string | undefined {
  return date?.iso.slice(0, 4)
}

export function monthOf(date?: PartialDate): string | undefined {
  return date && date.precision !== 'year' ? date.iso.slice(0, 7) : undefined
}

/** "2025-10" → "October 2025". */
export function monthLabel(month: string): string {
  const [year, number] = parts(month)
  return number ? `${MONTH_NAMES[number - 1]} ${year}` : month
}

// ---------------------------------------------------------------------------------------------
// Dates typed by a user: query bounds (`after:2019`) and URL parameters

const DATE_PATTERN = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/u

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/**
 * A typed date as an ISO partial date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null when it is not a real
 * date: "2019" → "2019", "2020-1-5" and "2020/01/05" → "2020-01-05"; "2019-13", "2019-02-30", "0000",
 * "soon" → null.
 */
export function parseDateBound(value: string): string | null {
  const match = DATE_PATTERN.exec(value.trim())
  if (!match) return null
  const year = Number(match[1])
  if (year < 1) return null
  if (match[2] === undefined) return pad(year, 4)
  const month = Number(match[2])
  if (month < 1 || month > 12) return null
  if (match[3] === undefined) return `${pad(year, 4)}-${pad(month, 2)}`
  const day = Number(match[3])
  if (day < 1 || day > daysInMonth(year, month)) return null
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/**
 * The period just before an ISO partial date, at the same precision: the inclusive upper bound for a
 * strict `before:` ("2020" → "2019", "2020-01" → "2019-12", "2020-03-01" → "2020-02-29").
 */
export function previousPeriod(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number?, number?]
  if (month === undefined) return pad(year - 1, 4)
  if (day === undefined) return month === 1 ? `${pad(year - 1, 4)}-12` : `${pad(year, 4)}-${pad(month - 1, 2)}`
  const previous = new Date(Date.UTC(year, month - 1, day - 1))
  // Date.UTC maps years 0-99 onto 1900-1999; setUTCFullYear puts them back.
  previous.setUTCFullYear(day === 1 && month === 1 ? year - 1 : year)
  return `${pad(previous.getUTCFullYear(), 4)}-${pad(previous.getUTCMonth() + 1, 2)}-${pad(previous.getUTCDate(), 2)}`
}

/** Whether `text` is a real calendar date written exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (so 2025-02-30 is not). */
export function isIsoPartialDate(text: string): boolean {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(text) && parseDateBound(text) === text
}
