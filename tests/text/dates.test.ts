import { describe, it, expect } from 'vitest'
import { parsePartialDate } from '../../src/text/dates.ts'

const LINE = { from: 'line' } as const

describe('parsePartialDate from a metadata field', () => {
  it.each([
    ['2025-10-28', '2025-10-28', 'day'],
    ['1987-02-26T15:01:01', '1987-02-26', 'day'],
    ['2025-10-28T23:30:00-05:00', '2025-10-28', 'day'],
    ['2025-10-28T10:00:00.000Z', '2025-10-28', 'day'],
    ['2025-10', '2025-10', 'month'],
    ['2019', '2019', 'year'],
    ['28 October 2025', '2025-10-28', 'day'],
    ['October 2025', '2025-10', 'month'],
    ['Oct 8, 2025', '2025-10-08', 'day'],
    ['Oct. 8, 2025', '2025-10-08', 'day'],
    ['Tuesday, October 28, 2025', '2025-10-28', 'day'],
    ['Tue, 28 Oct 2025 10:00:00 GMT', '2025-10-28', 'day'],
    ['26-FEB-1987 15:01:01.79', '1987-02-26', 'day'],
    ['28/10/2025', '2025-10-28', 'day'],
    ['10/28/2025', '2025-10-28', 'day'],
  ])('reads "%s" as %s with %s precision', (value, iso, precision) => {
    expect(parsePartialDate(value)).toEqual({ iso, precision })
  })

  it('keeps only the year of an ambiguous numeric date', () => {
    expect(parsePartialDate('08/10/2025')).toEqual({ iso: '2025', precision: 'year' })
  })

  it.each(['', 'yesterday', '2025-13-01', '2025-02-30', 'On 28 October 2025 the talks began', 'Feb 26 -', '123'])(
    'refuses "%s"',
    (value) => {
      expect(parsePartialDate(value)).toBeUndefined()
    },
  )
})

describe('parsePartialDate from a line of text', () => {
  it('reads whole-string dates with their precision', () => {
    expect(parsePartialDate('28 October 2025', LINE)).toEqual({ iso: '2025-10-28', precision: 'day' })
    expect(parsePartialDate('Tuesday, Oct. 3, 2024', LINE)).toEqual({ iso: '2024-10-03', precision: 'day' })
    expect(parsePartialDate('2024-03-03T10:00:00Z', LINE)).toEqual({ iso: '2024-03-03', precision: 'day' })
    expect(parsePartialDate('28.10.2025', LINE)).toEqual({ iso: '2025-10-28', precision: 'day' })
    expect(parsePartialDate('October 2025', LINE)).toEqual({ iso: '2025-10', precision: 'month' })
    expect(parsePartialDate('2025', { from: 'line', allowYear: true })).toEqual({ iso: '2025', precision: 'year' })
  })

  it('rejects impossible dates, dates without a year and dates inside sentences', () => {
    expect(parsePartialDate('31 February 2025', LINE)).toBeUndefined()
    expect(parsePartialDate('Oct 3', LINE)).toBeUndefined()
    expect(parsePartialDate('The board met on 28 October 2025', LINE)).toBeUndefined()
    expect(parsePartialDate('2025', LINE)).toBeUndefined()
  })
})

describe('parsePartialDate, one grammar for fields and lines', () => {
  it('reads a dotted date day first, in a field as in a line', () => {
    expect(parsePartialDate('08.10.2025')).toEqual({ iso: '2025-10-08', precision: 'day' })
    expect(parsePartialDate('08.10.2025', LINE)).toEqual({ iso: '2025-10-08', precision: 'day' })
  })

  it('drops a time and zone after the date in either', () => {
    expect(parsePartialDate('Oct 3, 2024 | 9:15 am', LINE)).toEqual({ iso: '2024-10-03', precision: 'day' })
    expect(parsePartialDate('28 October 2025, 14:30 GMT+8')).toEqual({ iso: '2025-10-28', precision: 'day' })
  })

  it('reads a bare year, a year and month and a compact date only from a field', () => {
    for (const [value, iso] of [['2019', '2019'], ['2025-10', '2025-10'], ['20251028', '2025-10-28']] as const) {
      expect(parsePartialDate(value)?.iso).toBe(iso)
      expect(parsePartialDate(value, LINE)).toBeUndefined()
    }
  })

  it('refuses a year outside 1800–2200 in a line but not in a field', () => {
    expect(parsePartialDate('3 March 1650', LINE)).toBeUndefined()
    expect(parsePartialDate('3 March 1650')).toEqual({ iso: '1650-03-03', precision: 'day' })
  })
})
