// Partial dates as day ranges: "2025-10" means any day of October 2025, so a range filter keeps a
// passage whose date may fall inside it, and sorting uses the earliest day it may mean.
import type { PartialDate } from '../model.ts'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

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
  return number ? `${MONTHS[number - 1]} ${year}` : month
}
