// The HTTP figures: autocannon with N concurrent clients against the real server on loopback, for a bounded
// time. The comparison cycles through the query mix (serve-child.ts); the attack row adds clients sending the
// worst queries, and the load row holds 200 clients on distinct queries while it watches the server's memory
// (both against server-child.ts, the server as `clippings serve` runs it).
import autocannon from 'autocannon'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { Agent, request, type ClientRequest } from 'node:http'
import { loadavg } from 'node:os'
import { spawnSync, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { log, spawnHelper } from './child.ts'
import { withNonce, type AttackQuery } from './queries.ts'
import { latencyFigures as latencies } from './stats.ts'
import type { AttackerFigures, AttackPhase, AttackResult, LoadResult } from './results.ts'

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

/** `connections` clients sending the paths in turn for `seconds` (each client waits for its answer). */
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

function httpResult(result: autocannon.Result, options: { cache: boolean; connections: number; seconds: number }): HttpResult {
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
}

interface RunningServer {
  port: number
  process: ChildProcess
  stop(): void
}

/** Starts a server helper and waits for the `{"port":N}` line it prints once listening. */
async function startServer(script: string, args: string[], maxOldSpaceMb: number): Promise<RunningServer> {
  const server = spawnHelper(script, args, maxOldSpaceMb)
  const stop = () => {
    server.stdin?.end()
    server.kill()
  }
  try {
    const [chunk] = (await Promise.race([once(server.stdout!, 'data'), once(server, 'exit').then(() => Promise.reject(new Error(`bench: ${script} exited before listening`)))])) as [Buffer]
    const { port } = JSON.parse(chunk.toString().trim().split('\n')[0]) as { port: number }
    return { port, process: server, stop }
  } catch (error) {
    stop()
    throw error
  }
}

export async function runHttpBench(options: HttpOptions): Promise<HttpResult> {
  const server = await startServer('serve-child.ts', [options.indexDir, ...(options.cache ? [] : ['no-cache'])], options.maxOldSpaceMb)
  try {
    if (options.warmupSeconds > 0) await attack(server.port, options.paths, Math.min(10, options.connections), options.warmupSeconds)
    return httpResult(await attack(server.port, options.paths, options.connections, options.seconds), options)
  } finally {
    server.stop()
  }
}

/** A process's resident memory in MiB: /proc on Linux, `ps` elsewhere; NaN when neither answers. */
export function residentMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    if (match) return Number(match[1]) / 1024
  } catch {
    // Not Linux, or the process has gone.
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })
  const kib = Number(ps.stdout?.trim())
  return ps.status === 0 && kib > 0 ? kib / 1024 : NaN
}

// ---------------------------------------------------------------------------------------------
// Attack: normal clients beside clients sending the worst queries

export interface AttackHttpOptions {
  indexDir: string
  /** The normal clients' paths (the mix). */
  normalPaths: string[]
  attacks: AttackQuery[]
  normalClients: number
  attackClients: number
  /** Seconds of each phase. */
  seconds: number
  /** When the hanging-up attackers give up on an answer. */
  hangUpMs: number
  maxOldSpaceMb: number
  /** Searches in this many threads (`clippings serve --search-threads`); 0 or undefined: in process. */
  searchThreads?: number
}

/**
 * Attackers: each sends a worst query (made unique, so no cache answers it), waits for the answer or, with
 * `hangUpMs`, hangs up after that long, and sends the next, until `until` (performance.now() time).
 */
async function runAttackers(port: number, attacks: AttackQuery[], clients: number, until: number, hangUpMs?: number): Promise<AttackerFigures> {
  const figures: AttackerFigures = { clients, hangUpMs, sent: 0, answered: 0, partial: 0, hungUp: 0, errors: 0, statuses: {}, latencyMs: latencies([]) }
  const times: number[] = []
  let nonce = 0
  const client = async (index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    let current: ClientRequest | undefined
    const stopAtEnd = setTimeout(() => current?.destroy(), Math.max(0, until - performance.now()))
    try {
      for (let n = index; performance.now() < until; n += clients) {
        const attackQuery = attacks[n % attacks.length]
        const path = `/api/search?${new URLSearchParams({ q: withNonce(attackQuery.query, nonce++) })}`
        const started = performance.now()
        figures.sent++
        await new Promise<void>((resolve) => {
          let settled = false
          const settle = () => {
            settled = true
            resolve()
          }
          const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
            let body = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (body += chunk))
            res.on('end', () => {
              if (settled) return
              times.push(performance.now() - started)
              figures.answered++
              figures.statuses[res.statusCode ?? 0] = (figures.statuses[res.statusCode ?? 0] ?? 0) + 1
              if (/"partial":true/.test(body)) figures.partial++
              settle()
            })
            res.on('error', () => undefined)
          })
          current = req
          req.on('error', () => {
            if (settled) return
            if (performance.now() < until) figures.errors++
            settle()
          })
          if (hangUpMs !== undefined) {
            setTimeout(() => {
              if (settled) return
              figures.hungUp++
              settle()
              req.destroy()
            }, hangUpMs).unref()
          }
          req.end()
        })
      }
    } finally {
      clearTimeout(stopAtEnd)
      agent.destroy()
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)))
  figures.latencyMs = latencies(times)
  return figures
}

/**
 * Three phases against one server as shipped (result cache on): the normal clients alone, then beside
 * attackers that wait for their answers, then beside attackers that hang up after `hangUpMs`.
 */
export async function runAttackHttp(options: AttackHttpOptions): Promise<NonNullable<AttackResult['http']>> {
  const server = await startServer('server-child.ts', serverArgs(options), options.maxOldSpaceMb)
  try {
    // Warm-up: compiles the server's code and fills the cache with the mix, as a running server has it.
    await attack(server.port, options.normalPaths, Math.min(10, options.normalClients), 3)
    const phases: AttackPhase[] = []
    const plan: { name: string; attackers: boolean; hangUpMs?: number }[] = [
      { name: 'normal clients alone', attackers: false },
      { name: `with ${options.attackClients} attackers`, attackers: true },
      { name: `with ${options.attackClients} attackers hanging up after ${options.hangUpMs / 1000} s`, attackers: true, hangUpMs: options.hangUpMs },
    ]
    for (const phase of plan) {
      const start = loadavg()[0]
      const until = performance.now() + options.seconds * 1000
      const [normal, attackers] = await Promise.all([
        attack(server.port, options.normalPaths, options.normalClients, options.seconds),
        phase.attackers ? runAttackers(server.port, options.attacks, options.attackClients, until, phase.hangUpMs) : Promise.resolve(undefined),
      ])
      const result: AttackPhase = { name: phase.name, seconds: options.seconds, loadAverage: { start, end: loadavg()[0] }, normal: httpResult(normal, { cache: true, connections: options.normalClients, seconds: options.seconds }), attackers }
      log(`attack, HTTP: ${phase.name}: normal p50 ${result.normal.latencyMs.p50} ms, p99 ${result.normal.latencyMs.p99} ms, max ${result.normal.latencyMs.max} ms, ${result.normal.errors} errors${attackers ? `; attackers sent ${attackers.sent}, ${attackers.answered} answered (${attackers.partial} partial), ${attackers.hungUp} hung up` : ''}`)
      phases.push(result)
      // Lets searches still running for attackers that hung up at the end finish before the next phase.
      await sleep(1000)
    }
    return { normalClients: options.normalClients, attackClients: options.attackClients, searchThreads: options.searchThreads || undefined, phases }
  } finally {
    server.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// Load held: many clients on distinct queries, the server's memory watched

export interface LoadOptions {
  indexDir: string
  /** Distinct query paths, used once each while they last. */
  paths: string[]
  /** Paths for the unrecorded warm-up (the mix), so the distinct ones are not used up. */
  warmupPaths: string[]
  connections: number
  seconds: number
  /** Stretches of `seconds`, back to back on the same server, so memory can be seen levelling off. */
  rounds: number
  maxOldSpaceMb: number
  searchThreads?: number
}

/** The server helper's arguments: the index, and its search threads if any. */
function serverArgs(options: { indexDir: string; searchThreads?: number }): string[] {
  return [options.indexDir, ...(options.searchThreads ? [`threads=${options.searchThreads}`] : [])]
}

export async function runLoadHeld(options: LoadOptions): Promise<LoadResult> {
  const server = await startServer('server-child.ts', serverArgs(options), options.maxOldSpaceMb)
  const pid = server.process.pid!
  const series: [number, number][] = []
  try {
    const rssBeforeMiB = residentMiB(pid)
    await attack(server.port, options.warmupPaths, 10, 3)
    const loadStart = loadavg()[0]
    const started = performance.now()
    const sampler = setInterval(() => series.push([Math.round((performance.now() - started) / 1000), Math.round(residentMiB(pid))]), 1000)
    const rounds: LoadResult['rounds'] = []
    let used = 0
    try {
      for (let round = 0; round < options.rounds; round++) {
        const result = await attack(server.port, options.paths.slice(used).concat(options.paths.slice(0, used)), options.connections, options.seconds)
        used = (used + result.requests.sent) % options.paths.length
        const rssEndMiB = residentMiB(pid)
        const since = (performance.now() - started) / 1000 - options.seconds
        const inRound = series.filter(([second]) => second >= since).map(([, mib]) => mib)
        rounds.push({ seconds: options.seconds, http: httpResult(result, { cache: true, connections: options.connections, seconds: options.seconds }), rssEndMiB, rssMaxMiB: Math.max(rssEndMiB, ...inRound) })
        const last = rounds.at(-1)!
        log(`load: round ${round + 1}/${options.rounds}: ${last.http.requestsPerSecond.toFixed(0)} req/s, p99 ${last.http.latencyMs.p99} ms, ${last.http.errors} errors, ${last.http.timeouts} timeouts, ${last.http.non2xx} non-2xx; RSS ${last.rssEndMiB.toFixed(0)} MiB (max ${last.rssMaxMiB.toFixed(0)})`)
      }
    } finally {
      clearInterval(sampler)
    }
    return { connections: options.connections, searchThreads: options.searchThreads || undefined, distinctQueries: options.paths.length, rssBeforeMiB, rounds, rssSeries: series.filter((_, i) => i % 5 === 0 || i === series.length - 1), loadAverage: { start: loadStart, end: loadavg()[0] }, errors: [] }
  } finally {
    server.stop()
  }
}
