import { describe, expect, it } from 'vitest'
import { FacetRegistry } from '../../src/facets/registry.ts'
import type { Passage } from '../../src/model.ts'
import {
  attachmentDisposition,
  CSV_HEADER,
  csvHeader,
  EXPORT_FIELDS,
  exportFileName,
  exportLayout,
  toCsvLine,
  toExportRow,
  toJsonLine,
} from '../../src/server/export-format.ts'

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
  url: 'https://cabar.asia/en/a1',
  people: ['Emomali Rahmon', 'Vladimir Putin'],
  topics: ['migration'],
}

/** The cell of a one-line CSV record at `column` (a record without quoted commas or line breaks). */
function cellOf(line: string, column: string, header = CSV_HEADER): string {
  return line.split(',')[header.split(',').indexOf(column)]!
}

describe('toExportRow', () => {
  it('keeps the export fields, with the date as its ISO prefix, the permalink path as url and the original address', () => {
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
      sourceUrl: 'https://cabar.asia/en/a1',
    })
  })

  it('writes an empty date, author, section and source address when they are unknown', () => {
    const row = toExportRow({ ...passage, date: undefined, author: undefined, section: undefined, url: undefined })
    expect([row.date, row.author, row.section, row.sourceUrl]).toEqual(['', '', '', ''])
  })

  it('makes the permalink absolute against a base URL, escaping the id', () => {
    const layout = exportLayout({ baseUrl: 'https://clippings.example.org/archive' })
    expect(toExportRow({ ...passage, id: 'a b/c' }, layout).url).toBe('https://clippings.example.org/archive/passages/a%20b%2Fc')
  })

  it('adds a column for the tags and one for each of the corpus’s own label fields, in the registry’s order', () => {
    const layout = exportLayout({ facets: new FacetRegistry(['places', 'orgs']).facets })
    expect(layout.columns).toEqual([...EXPORT_FIELDS, 'tags', 'places', 'orgs'])
    const row = toExportRow({ ...passage, fields: { tag: ['grain'], places: ['usa', 'ussr'] } }, layout)
    expect([row.tags, row.places, row.orgs]).toEqual([['grain'], ['usa', 'ussr'], []])
    expect(Object.keys(JSON.parse(toJsonLine(row)))).toEqual(layout.columns)
    expect(csvHeader(layout)).toBe(`${CSV_HEADER},tags,places,orgs`)
    expect(toCsvLine(row, layout).endsWith(',grain,usa; ussr,')).toBe(true)
  })
})

describe('CSV', () => {
  it('has a header naming the fields in order', () => {
    expect(CSV_HEADER).toBe('id,articleId,title,source,date,author,section,text,people,topics,url,sourceUrl')
  })

  it('quotes fields with commas, quotes or line breaks and joins lists with "; "', () => {
    expect(toCsvLine(toExportRow(passage))).toBe(
      'p1,a1,"Title, with comma",CABAR.asia,2025-10,A. Writer,Money,"He said ""no"", then left,\nquickly.",Emomali Rahmon; Vladimir Putin,migration,/passages/p1,https://cabar.asia/en/a1',
    )
  })
})

describe('CSV formula injection', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn'])(
    'prefixes a cell starting like a formula, "%s", with a quote',
    (text) => {
      const line = toCsvLine(toExportRow({ ...passage, text, title: 'T', people: [], topics: [], url: undefined }))
      const cell = line.split(',').slice(7, -4).join(',')
      expect(cell.replace(/^"|"$/g, '').replaceAll('""', '"')).toBe(`'${text}`)
    },
  )

  it('defuses a joined list whose first name starts like a formula, and leaves other cells alone', () => {
    const line = toCsvLine(toExportRow({ ...passage, title: 'A = B', text: 'x', people: ['=cmd', 'B'], topics: ['a-b'], url: undefined }))
    expect(line).toBe("p1,a1,A = B,CABAR.asia,2025-10,A. Writer,Money,x,'=cmd; B,a-b,/passages/p1,")
  })

  it('defuses a source address or a label field that starts like a formula', () => {
    const layout = exportLayout({ facets: new FacetRegistry(['places']).facets })
    const header = csvHeader(layout)
    const line = toCsvLine(toExportRow({ ...passage, text: 'x', title: 'T', url: '=cmd|x', fields: { places: ['@here'] } }, layout), layout)
    expect(cellOf(line, 'sourceUrl', header)).toBe("'=cmd|x")
    expect(cellOf(line, 'places', header)).toBe("'@here")
  })
})

describe('JSON Lines', () => {
  it('writes one JSON object per line with lists kept as arrays', () => {
    const line = toJsonLine(toExportRow(passage))
    expect(line).not.toContain('\n')
    expect(JSON.parse(line).people).toEqual(['Emomali Rahmon', 'Vladimir Putin'])
  })
})

describe('exportFileName', () => {
  const day = new Date('2026-12-02T10:00:00Z')

  it('names the file after the query and the day', () => {
    expect(exportFileName({ query: 'remittances' }, 'csv', day)).toBe('clippings-remittances-2026-12-02.csv')
    expect(exportFileName({ query: '"Rogun dam" -Ukraine' }, 'jsonl', day)).toBe('clippings-rogun-dam-ukraine-2026-12-02.jsonl')
  })

  it('falls back on the filters’ values, then on "all"', () => {
    expect(exportFileName({ filters: { source: ['CABAR.asia'] } }, 'csv', day)).toBe('clippings-cabar-asia-2026-12-02.csv')
    expect(exportFileName({}, 'csv', day)).toBe('clippings-all-2026-12-02.csv')
  })

  it('folds accents, keeps other scripts and cuts a long query at a word', () => {
    expect(exportFileName({ query: 'Türkiye' }, 'csv', day)).toBe('clippings-turkiye-2026-12-02.csv')
    expect(exportFileName({ query: 'Душанбе' }, 'csv', day)).toBe('clippings-душанбе-2026-12-02.csv')
    const long = exportFileName({ query: 'word '.repeat(40) }, 'csv', day)
    expect(long.length).toBeLessThanOrEqual('clippings--2026-12-02.csv'.length + 60)
    expect(long).toMatch(/^clippings-(word-)*word-2026-12-02\.csv$/)
  })

  it('never puts a path, a quote or a control character in the name', () => {
    const name = exportFileName({ query: '../../etc/passwd"\r\nX: y' }, 'csv', day)
    expect(name).toBe('clippings-etc-passwd-x-y-2026-12-02.csv')
  })
})

describe('attachmentDisposition', () => {
  it('gives an ASCII name as it is', () => {
    expect(attachmentDisposition('clippings-remittances-2026-12-02.csv')).toBe('attachment; filename="clippings-remittances-2026-12-02.csv"')
  })

  it('gives other letters as UTF-8 (RFC 6266) with an ASCII fallback', () => {
    expect(attachmentDisposition('clippings-душанбе-2026-12-02.csv')).toBe(
      `attachment; filename="clippings-2026-12-02.csv"; filename*=UTF-8''clippings-${encodeURIComponent('душанбе')}-2026-12-02.csv`,
    )
  })
})
