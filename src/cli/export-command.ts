// `clippings export`: every passage (or a search's passages), one JSON object a line or CSV.
import type { Command } from './main.ts'
import { UsageError, engineOptions, engineOptionsUsage, openIndexForReading, parseCommandLine } from './args.ts'
import { CSV_HEADER, toCsvLine, toExportRow, toJsonLine } from '../server/export-format.ts'

const usage = `Usage: clippings export [--format jsonl|csv] [--query Q] [--index DIR] [--engine NAME]

Prints every passage with its facets: id, articleId, title, source, date, author, section, text,
people, topics, url (the passage's permalink path).

Options:
  --format F   jsonl (default) or csv
  --query Q    only the passages matching a search (same syntax as the search box)
${engineOptionsUsage}
  --help       show this help`

export const exportCommand: Command = {
  name: 'export',
  summary: 'print every passage as JSONL or CSV',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      format: { type: 'string' },
      query: { type: 'string' },
      ...engineOptions,
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const format = values.format ?? 'jsonl'
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`)
    const { engine } = await openIndexForReading(values)
    const out = process.stdout
    if (format === 'csv') out.write(CSV_HEADER + '\r\n')
    for await (const passage of engine.searchAll({ query: values.query ?? '', sort: 'oldest' })) {
      const row = toExportRow(passage)
      const line = format === 'csv' ? toCsvLine(row) + '\r\n' : toJsonLine(row) + '\n'
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve))
    }
  },
}
