// The HTTP figures: autocannon with N concurrent clients against the real server (serve-child.ts) on
// loopback, cycling through the query mix on /api/search, for a bounded time.
import autocannon from 'autocannon'
import { once } from 'node:events'
import { spawnHelper } from './child.ts'

export interface HttpOptions {
  indexDir: string
  /** Request paths, used in turn. */
  paths: string[]
  connections: number
  seconds: number
  /** A shorter run first, unrecorded, so the server's code is compiled before it is measured. */
  warmupSeconds: number
  maxOldSpaceMb: number
  /** The engine's result cache as shipped (true), or off, so every request is matched afresh. */
  cache: boolean
}

export interface HttpResult {
  cache: boolean
  connections: number
  seconds: number
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  requests: number
  errors: number
  timeouts: number
  non2xx: number
}

function attack(port: number, paths: string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let next = 0
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  })
}

export async function runHttpBench(options: HttpOptions): Promise<HttpResult> {
  const server = spawnHelper('serve-child.ts', [options.indexDir, ...(options.cache ? [] : ['no-cache'])], options.maxOldSpaceMb)
  try {
    const [chunk] = (await once(server.stdout!, 'data')) as [Buffer]
    const { port } = JSON.parse(chunk.toString().trim().split('\n')[0]) as { port: number }
    if (options.warmupSeconds > 0) await attack(port, options.paths, Math.min(10, options.connections), options.warmupSeconds)
    const result = await attack(port, options.paths, options.connections, options.seconds)
    return {
      cache: options.cache,
      connections: options.connections,
      seconds: options.seconds,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    }
  } finally {
    server.stdin?.end()
    server.kill()
  }
}
