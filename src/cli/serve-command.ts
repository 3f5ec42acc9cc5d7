// `clippings serve [DIR...] [--watch]`: serves the site and the API over an index, optionally keeping it current.
import type { Command } from './main.ts'
import { join, resolve } from 'node:path'
import { engineConfigOf, engineOptions, engineOptionsUsage, integerOption, openIndexForReading, parseCommandLine, UsageError } from './args.ts'
import { createBackend } from '../engine/backends.ts'
import type { SearchEngine } from '../engine/engine.ts'
import { LiveIndexer } from '../indexer/live.ts'
import type { CorpusState } from '../indexer/state.ts'
import { syncIndex } from '../indexer/sync.ts'
import { describeSummary } from './index-command.ts'
import { skippedFilesOf } from '../server/corpus-status.ts'
import { progressReporter } from './progress.ts'
import { serve } from '../server/serve.ts'
import { searchInThreads } from '../engine/embedded/threads.ts'

/** More threads than cores only share the same cores, each with a copy of the index. */
const MAX_SEARCH_THREADS = 64

const usage = `Usage: clippings serve [DIR...] [--watch] [--port N] [--host H] [--allowed-host NAME]... [--search-threads N] [--index DIR]

Serves the search site and the JSON API over the index in --index (default: index/). Serving only reads the
index: a missing one is an error (except the first \`npm start\`, which builds the seed articles into index/).
With DIR, the folders are indexed into --index first (reading only what changed, as \`clippings index\` does).

With --watch, files added, changed or deleted in the corpus folders are picked up while the server runs.
With CLIPPINGS_API_TOKEN set, systems can push articles to POST /api/articles and remove them with
DELETE /api/articles/:id, sending "Authorization: Bearer <token>"; pushed articles are kept in the index
folder's pushed/ folder.

The server listens on this machine only (127.0.0.1) and answers only requests addressed to localhost,
127.0.0.1, [::1] or the --host given, so a web page cannot reach it through a host name of its own
(DNS rebinding). To share it on a network, listen on another interface with --host (0.0.0.0 for all of
them, answering to the machine's name and addresses) and name any other host it is reached by with
--allowed-host.

Options:
  --watch               pick up changes to the corpus folders while serving
  --port N              port to listen on (default: $PORT, else 3000)
  --host H              interface to listen on (default: 127.0.0.1); 0.0.0.0 or :: exposes it to the network
  --allowed-host NAME   another host name to answer to (repeatable); ".example.org" admits its subdomains
  --search-budget MS    how long one search may take; it stops in time to answer what it has (default 250;
                        or $CLIPPINGS_SEARCH_BUDGET_MS)
  --search-threads N    run searches in N worker threads, each with its own copy of the index (memory grows
                        by one index per thread), so searches use more cores and never hold up the server
                        (default 0: in the server's thread; or $CLIPPINGS_SEARCH_THREADS). Embedded engine
                        only
${engineOptionsUsage}
  --help                show this help`

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the search site and API (npm start)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      watch: { type: 'boolean' },
      'search-budget': { type: 'string' },
      'search-threads': { type: 'string' },
      'first-run': { type: 'boolean' },
      ...engineOptions,
    })
    const port = integerOption('port', values.port, 0, 65535)
    const hostname = values.host?.trim()
    if (hostname === '') throw new UsageError('--host needs an interface address or name, such as 0.0.0.0')
    const allowedHosts = (values['allowed-host'] ?? []).map((name) => name.trim())
    if (allowedHosts.some((name) => name === '' || /[\s/]/.test(name))) throw new UsageError('--allowed-host takes a host name, such as clippings.example.org')
    const config = engineConfigOf(values)
    const threads = integerOption('search-threads', values['search-threads'] ?? (process.env.CLIPPINGS_SEARCH_THREADS?.trim() || undefined), 0, MAX_SEARCH_THREADS) ?? 0
    const token = process.env.CLIPPINGS_API_TOKEN?.trim() || undefined
    if (threads > 0 && config.engine !== 'embedded') throw new UsageError('--search-threads is for the embedded engine; a cluster runs searches on its own nodes')
    const log = (line: string) => console.error(line)
    if (positionals.length > 0) {
      const backend = await createBackend(config, { log })
      const progress = progressReporter()
      const { summary } = await syncIndex(backend, { corpus: positionals.map((path) => resolve(path)), pushedDir: join(config.indexDir, 'pushed'), onProgress: progress.update, log }).finally(progress.done)
      console.error(describeSummary(summary, backend.location))
    }
    const opened = await openIndexForReading(values, { firstRun: values['first-run'] && positionals.length === 0 })
    let live: LiveIndexer | undefined
    if (values.watch || token) {
      live = await LiveIndexer.start(opened.backend, opened.engine, opened.state, { pushedDir: join(config.indexDir, 'pushed'), log })
      const summary = await live.sync()
      if (summary.mode !== 'unchanged') console.error(describeSummary(summary, opened.backend.location))
      if (values.watch) live.watch()
    }
    console.error(await statusLine(opened.engine, opened.state, { watching: Boolean(values.watch), api: Boolean(token), threads }))
    const status = async () => {
      const state = live?.currentState ?? opened.state
      return { corpus: state?.corpus ?? [], skipped: state ? skippedFilesOf(state) : [], watching: Boolean(values.watch), ingest: Boolean(token) }
    }
    const engine = threads > 0 ? await searchInThreads(opened.engine, config.indexDir, { threads, searchBudgetMs: config.searchBudgetMs }) : opened.engine
    const server = await serve({ engine, port, hostname, allowedHosts, ingest: { token, target: live }, status })
    process.once('beforeExit', () => void live?.close())
    void server
    // The server keeps the process alive until Ctrl-C.
    return new Promise<number>(() => {})
  },
}

/** One line on what is served: counts, sources, dates, when it changed, and what keeps it current. */
async function statusLine(engine: SearchEngine, state: CorpusState | undefined, mode: { watching: boolean; api: boolean; threads: number }): Promise<string> {
  const stats = await engine.stats()
  const corpus = state ? ` from ${state.corpus.join(', ')}` : ''
  const keeping = [mode.watching ? 'watching the folders' : '', mode.api ? 'taking articles at POST /api/articles' : '', mode.threads > 0 ? `searches in ${mode.threads} threads` : ''].filter(Boolean).join('; ')
  return `Serving ${stats.articles.toLocaleString('en')} articles, ${stats.passages.toLocaleString('en')} passages (${stats.sources} sources, ${stats.people} people)${corpus}; ${stats.backend} engine, updated ${stats.updatedAt.slice(0, 16).replace('T', ' ')}${keeping ? `; ${keeping}` : ''}`
}
