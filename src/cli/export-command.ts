// `clippings export`: every passage (or a search's passages), one JSON object a line or CSV for a spreadsheet.
import type { Command } from './main.ts'
import { UsageError, engineOptions, engineOptionsUsage, openIndexForReading, parseCommandLine } from './args.ts'
import { ClippingsError } from '../errors.ts'
import { CSV_BOM, csvHeader, exportLayout, toCsvLine, toExportRow, toJsonLine } from '../server/export-format.ts'
import { BASE_URL_ENV, baseUrlFromEnv, normalizeBaseUrl } from '../server/public-url.ts'

const usage = `Usage: clippings export [--format jsonl|csv] [--query Q] [--base-url URL] [--index DIR] [--engine NAME]

Prints every passage with its facets: id, articleId, title, source, date, author, section, text,
people, topics, url (the passage's permalink), sourceUrl (the article's original address), then a
column for the tags and each of the corpus's own label fields (places, orgs, ...). CSV starts with a
UTF-8 byte order mark so spreadsheets read it as UTF-8, and a cell that would start a formula gets a
leading '.

Options:
  --format F     jsonl (default) or csv
  --query Q      only the passages matching a search (same syntax as the search box)
  --base-url URL the address the site is served at, to make permalinks absolute
                 (default: $${BASE_URL_ENV}; without either, permalinks are paths such as /passages/ID)
${engineOptionsUsage}
  --help         show this help`

export const exportCommand: Command = {
  name: 'export',
  summary: 'print every passage as JSONL or CSV',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      format: { type: 'string' },
      query: { type: 'string' },
      'base-url': { type: 'string' },
      ...engineOptions,
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const format = values.format ?? 'jsonl'
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`)
    let baseUrl: string | undefined
    try {
      baseUrl = values['base-url'] !== undefined ? normalizeBaseUrl(values['base-url'], '--base-url') : baseUrlFromEnv()
    } catch (error) {
      throw error instanceof ClippingsError ? new UsageError(error.message) : error
    }
    const { engine } = await openIndexForReading(values)
    const layout = exportLayout({ facets: engine.facets().facets, baseUrl })
    const out = process.stdout
    // A reader that stops early (`| head`) closes the pipe: that ends the export, it is not a failure.
    let closed = false
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      closed = true
      out.emit('drain')
    })
    if (format === 'csv') out.write(`${CSV_BOM}${csvHeader(layout)}\r\n`)
    for await (const passage of engine.searchAll({ query: values.query ?? '', sort: 'oldest' })) {
      if (closed) break
      const row = toExportRow(passage, layout)
      const line = format === 'csv' ? `${toCsvLine(row, layout)}\r\n` : `${toJsonLine(row)}\n`
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve))
    }
  },
}
