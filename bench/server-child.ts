// The server as `clippings serve` runs it, for the rows that test what it withstands (attack, load): the
// project's own serve() with its connection limits, host check and search turns, over a saved Clippings
// index, on 127.0.0.1 at a free port. Prints `{"port":N}` once listening; stops when its parent closes its
// stdin or kills it. `server-child.ts <index-dir> [no-cache] [threads=N]`: threads=N serves searches from N
// search threads, as `clippings serve --search-threads N` does.
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import { serve } from '../src/server/serve.ts'
import { searchInThreads } from '../src/engine/embedded/threads.ts'

const dir = process.argv[2]
if (!dir) throw new Error('usage: server-child.ts <index-dir> [no-cache] [threads=N]')
const flags = process.argv.slice(3)
const threads = Number(flags.find((flag) => flag.startsWith('threads='))?.slice('threads='.length) ?? 0)
const loaded = await createEmbeddedBackend(dir, flags.includes('no-cache') ? { cacheBytes: 0 } : {}).loadEngine()
const engine = threads > 0 ? await searchInThreads(loaded, dir, { threads }) : loaded
const server = await serve({ engine, port: 0, handleSignals: false, log: (line) => process.stderr.write(line + '\n') })
process.stdout.write(JSON.stringify({ port: server.port }) + '\n')
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
