// The real server for the HTTP benchmark, in a process of its own so the load generator does not share
// its event loop: loads a saved Clippings index, serves createApp(engine) on 127.0.0.1 at a free port and
// prints `{"port":N}` once listening. It stops when its parent closes its stdin or kills it.
// `serve-child.ts <index-dir> [no-cache]`: no-cache turns the engine's result cache off. A folder holding the
// OpenSearch system's `opensearch.json` serves that cluster's index instead (it has no result cache).
import { serve } from '@hono/node-server'
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import type { SearchEngine } from '../src/engine/engine.ts'
import { createApp } from '../src/server/index.ts'

const dir = process.argv[2]
if (!dir) throw new Error('usage: serve-child.ts <index-dir>')

async function openEngine(): Promise<SearchEngine> {
  const named = join(dir, 'opensearch.json')
  if (existsSync(named)) {
    const { url, alias } = JSON.parse(readFileSync(named, 'utf8')) as { url: string; alias: string }
    const { createOpenSearchBackend } = await import('../src/engine/opensearch/index.ts')
    return createOpenSearchBackend({ url, index: alias }).open()
  }
  return createEmbeddedBackend(dir, process.argv[3] === 'no-cache' ? { cacheBytes: 0 } : {}).loadEngine()
}

const engine = await openEngine()
const app = createApp(engine, { log: (line) => process.stderr.write(line + '\n') })
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(JSON.stringify({ port: info.port }) + '\n')
})
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
