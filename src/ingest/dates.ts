// The one date parser of ingestion: reads a string that is only a date ("28 October 2025", "2025-10-28T10:00Z",
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
// A time and zone after the date ("T15:01:01Z", ", 14:30 GMT", " | 9:15 am", " at 10.30") say nothing more
// about the day: accepted and dropped, so a zone never shifts the stated day.
const TIME =
  '(?:(?:\\s*(?:[,|•·–—-]|at)\\s*|[T\\s]+)\\d{1,2}[:.]\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?' +
  '\\s*(?:z|(?:utc|gmt)(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2}|[a-z]{2,5})?)?'

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
