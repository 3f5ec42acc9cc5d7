// `clippings search QUERY`: ranked passages with highlighted snippets, or the API's JSON with --json.
import type { FacetFilters, Snippet, SortOrder } from '../model.ts'
import type { Command } from './main.ts'
import { UsageError, engineOptions, engineOptionsUsage, integerOption, openIndexForReading, parseCommandLine } from './args.ts'
import { defaults } from '../defaults.ts'

const usage = `Usage: clippings search QUERY [options]

Options:
  --source S     only passages from this source (repeatable)
  --topic T      only passages on this topic (repeatable)
  --person P     only passages naming this person (repeatable)
  --year Y       only passages from this year (repeatable)
  --sort ORDER   relevance (default), newest or oldest
  --page N       page of results (default 1)
  --size N       results per page (default 10, at most 100)
  --json         print the results as JSON
${engineOptionsUsage}
  --help         show this help

The query language ("phrases", -exclusions, OR, prefix*, person:"…", after:2019) is described in the README.`

const SORTS: SortOrder[] = ['relevance', 'newest', 'oldest']

export const searchCommand: Command = {
  name: 'search',
  summary: 'search the index from the terminal',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      source: { type: 'string', multiple: true },
      topic: { type: 'string', multiple: true },
      person: { type: 'string', multiple: true },
      year: { type: 'string', multiple: true },
      sort: { type: 'string' },
      page: { type: 'string' },
      size: { type: 'string' },
      json: { type: 'boolean' },
      ...engineOptions,
    })
    const query = positionals.join(' ')
    if (!query.trim() && !values.source && !values.topic && !values.person && !values.year) throw new UsageError('give a query or a filter')
    if (values.sort && !SORTS.includes(values.sort as SortOrder)) throw new UsageError(`--sort must be one of ${SORTS.join(', ')}`)
    const filters: FacetFilters = { source: values.source, topic: values.topic, person: values.person, year: values.year }
    const { engine } = await openIndexForReading(values)
    const response = await engine.search({
      query,
      filters,
      sort: values.sort as SortOrder | undefined,
      page: integerOption('page', values.page, 1, 1_000_000),
      size: integerOption('size', values.size, 1, defaults.maxPageSize),
    })
    if (values.json) {
      console.log(JSON.stringify(response, null, 2))
      return
    }
    const first = (response.page - 1) * response.size + 1
    console.log(`${response.total} passages (${response.tookMs} ms)${response.relaxed ? ' — no passage has every word; showing those with most of them' : ''}`)
    if (response.total === 0 && response.suggestions?.length) console.log(`Did you mean: ${response.suggestions.join(', ')}?`)
    response.results.forEach((hit, i) => {
      const p = hit.passage
      console.log(`\n${first + i}. ${p.title} — ${p.source}${p.date ? `, ${p.date.iso}` : ''}${p.section ? ` › ${p.section}` : ''}`)
      console.log(`   ${renderSnippet(hit.snippet, process.stdout.isTTY)}`)
      if (p.people.length) console.log(`   people: ${p.people.join(', ')}`)
      console.log(`   /passages/${p.id}`)
    })
  },
}

/** The snippet with its matches in reverse video on a terminal, or in «guillemets» in a pipe. */
function renderSnippet(snippet: Snippet, terminal = false): string {
  const [open, close] = terminal ? ['\x1b[7m', '\x1b[27m'] : ['«', '»']
  let out = snippet.truncatedStart ? '…' : ''
  let at = 0
  for (const [start, end] of snippet.ranges) {
    out += snippet.text.slice(at, start) + open + snippet.text.slice(start, end) + close
    at = end
  }
  out += snippet.text.slice(at) + (snippet.truncatedEnd ? '…' : '')
  return out.replace(/\s+/g, ' ')
}
