import { describe, expect, it } from 'vitest'
import type { Passage } from '../../src/model.ts'
import { CSV_HEADER, toCsvLine, toExportRow, toJsonLine } from '../../src/server/export-format.ts'

const passage: Passage = {
  id: 'p1',
  articleId: 'a1',
  position: 0,
  text: 'He said "no", then left,\nquickly.',
  section: 'Money',
  title: 'Title, with comma',
  source: 'CABAR.asia',
  author: 'A. Writer',
  date: { iso: '2025-10', precision: 'month' },
  people: ['Emomali Rahmon', 'Vladimir Putin'],
  topics: ['migration'],
}

describe('toExportRow', () => {
  it('keeps the export fields, with the date as its ISO prefix and the permalink path as url', () => {
    expect(toExportRow(passage)).toEqual({
      id: 'p1',
      articleId: 'a1',
      title: 'Title, with comma',
      source: 'CABAR.asia',
      date: '2025-10',
      author: 'A. Writer',
      section: 'Money',
      text: 'He said "no", then left,\nquickly.',
      people: ['Emomali Rahmon', 'Vladimir Putin'],
      topics: ['migration'],
      url: '/passages/p1',
    })
  })

  it('writes an empty date, author and section when they are unknown', () => {
    const row = toExportRow({ ...passage, date: undefined, author: undefined, section: undefined })
    expect([row.date, row.author, row.section]).toEqual(['', '', ''])
  })
})

describe('CSV', () => {
  it('has a header naming the fields in order', () => {
    expect(CSV_HEADER).toBe('id,articleId,title,source,date,author,section,text,people,topics,url')
  })

  it('quotes fields with commas, quotes or line breaks and joins lists with "; "', () => {
    expect(toCsvLine(toExportRow(passage))).toBe(
      'p1,a1,"Title, with comma",CABAR.asia,2025-10,A. Writer,Money,"He said ""no"", then left,\nquickly.",Emomali Rahmon; Vladimir Putin,migration,/passages/p1',
    )
  })
})

describe('CSV formula injection', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn'])(
    'prefixes a cell starting like a formula, "%s", with a quote',
    (text) => {
      const line = toCsvLine(toExportRow({ ...passage, text, title: 'T', people: [], topics: [] }))
      const cell = line.split(',').slice(7, -3).join(',')
      expect(cell.replace(/^"|"$/g, '').replaceAll('""', '"')).toBe(`'${text}`)
    },
  )

  it('defuses a joined list whose first name starts like a formula, and leaves other cells alone', () => {
    const line = toCsvLine(toExportRow({ ...passage, title: 'A = B', text: 'x', people: ['=cmd', 'B'], topics: ['a-b'] }))
    expect(line).toBe("p1,a1,A = B,CABAR.asia,2025-10,A. Writer,Money,x,'=cmd; B,a-b,/passages/p1")
  })
})

describe('JSON Lines', () => {
  it('writes one JSON object per line with lists kept as arrays', () => {
    const line = toJsonLine(toExportRow(passage))
    expect(line).not.toContain('\n')
    expect(JSON.parse(line).people).toEqual(['Emomali Rahmon', 'Vladimir Putin'])
  })
})
