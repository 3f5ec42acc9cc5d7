// Connections that hold the server without asking anything of it, over real sockets: silent and idle ones are
// closed, slow headers time out, a flood of silent sockets cannot lock out /healthz, the number of open
// connections is capped, and a Host name that is not ours is refused on the wire too.
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../src/engine/engine.ts'
import type { ConnectionLimits } from '../../src/server/connection-limits.ts'
import { serve, type RunningServer } from '../../src/server/serve.ts'
import { fixtureEngine } from './fixture-corpus.ts'

const running: RunningServer[] = []
const sockets: Socket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function start(limits?: ConnectionLimits, engine: SearchEngine = fixtureEngine()): Promise<RunningServer> {
  const server = await serve({ engine, port: 0, handleSignals: false, log: () => {}, limits })
  running.push(server)
  return server
}

interface Exchange {
  socket: Socket
  /** Everything the server sent, as text. */
  received(): string
  /** Resolves with the milliseconds from connecting to the server closing the connection. */
  closed: Promise<number>
}

/** A raw connection that sends `text` (nothing at all when undefined). */
function open(port: number, text?: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    let data = ''
    const socket = connect(port, '127.0.0.1')
    sockets.push(socket)
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)))
    socket.on('data', (chunk) => (data += chunk.toString('latin1')))
    socket.on('error', () => {})
    socket.once('connect', () => {
      if (text !== undefined) socket.write(text)
      resolve({ socket, received: () => data, closed })
    })
    socket.once('error', reject)
  })
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))])
}

const get = (path: string, host = 'localhost', connection = 'close') => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: ${connection}\r\n\r\n`

/** An engine whose /healthz answer waits until `release` is called: a request that keeps its connection busy. */
function gatedEngine(): { engine: SearchEngine; release(): void } {
  const inner = fixtureEngine()
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const engine = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'stats') return () => gate.then(() => target.stats())
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { engine, release }
}

/** An engine whose export never ends: passage after passage of a few kilobytes each. */
function endlessExportEngine(): SearchEngine {
  const inner = fixtureEngine()
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'searchAll') {
        return async function* endless() {
          const passage = (await target.getPassage('migrants-send-money-home-0'))!
          for (let i = 0; ; i++) yield { ...passage, id: `endless-${i}`, text: 'remittances '.repeat(400) }
        }
      }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

describe('connections that hold the server', () => {
  it('closes a connection that never sends a byte', async () => {
    const server = await start({ idleTimeoutMs: 300 })
    const silent = await open(server.port)
    expect(await within(silent.closed, 5000, 'silent connection')).toBeGreaterThanOrEqual(250)
  })

  it('closes a kept-alive connection once it has been idle after its response', async () => {
    const server = await start({ keepAliveTimeoutMs: 300 })
    const exchange = await open(server.port, get('/healthz', 'localhost', 'keep-alive'))
    await within(exchange.closed, 5000, 'idle kept-alive connection')
    expect(exchange.received()).toMatch(/^HTTP\/1\.1 200/)
  })

  it('answers 408 to headers that arrive too slowly', async () => {
    const server = await start({ headersTimeoutMs: 400 })
    const slow = await open(server.port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n')
    await within(slow.closed, 5000, 'slow headers')
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it('answers 431 to headers over 16 KB', async () => {
    const server = await start()
    const big = await open(server.port, `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\nConnection: close\r\n\r\n`)
    await within(big.closed, 5000, 'oversized headers')
    expect(big.received()).toMatch(/^HTTP\/1\.1 431/)
  })

  it('keeps answering /healthz while 600 silent connections are open, closing the oldest to make room', async () => {
    const server = await start()
    const silent = await Promise.all(Array.from({ length: 600 }, () => open(server.port)))
    let closedEarly = 0
    for (const exchange of silent) void exchange.closed.then(() => closedEarly++)
    const health = await within(fetch(`${server.url}healthz`, { signal: AbortSignal.timeout(5000) }), 6000, '/healthz')
    expect(health.status).toBe(200)
    // 600 silent connections and the request above against a cap of 500: at least 101 were closed.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(closedEarly).toBeGreaterThanOrEqual(101)
  })

  it('leaves a busy connection open however quiet it is, and refuses a new one when all are busy', async () => {
    const { engine, release } = gatedEngine()
    const server = await start({ idleTimeoutMs: 200, maxConnections: 2 }, engine)
    const busy = await Promise.all([open(server.port, get('/healthz')), open(server.port, get('/healthz'))])
    await new Promise((resolve) => setTimeout(resolve, 500))
    const refused = await open(server.port, get('/healthz'))
    expect(await within(refused.closed, 2000, 'connection over the cap')).toBeLessThan(1000)
    expect(refused.received()).toBe('')
    release()
    for (const exchange of busy) {
      await within(exchange.closed, 5000, 'busy connection')
      expect(exchange.received()).toMatch(/^HTTP\/1\.1 200/)
    }
  })

  it('cuts a response its client stopped reading once its request is older than the stall limit', async () => {
    const server = await start({ idleTimeoutMs: 200, stalledResponseTimeoutMs: 800 }, endlessExportEngine())
    const reader = await open(server.port, get('/api/export?format=jsonl'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    reader.socket.pause()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    // Reading again, the client gets what was buffered and then the end: the endless answer was cut.
    reader.socket.resume()
    await within(reader.closed, 10_000, 'stalled export')
    expect(reader.received()).toMatch(/^HTTP\/1\.1 200/)
  })

  it('never cuts a request still being worked on, however long its answer takes to begin', async () => {
    const { engine, release } = gatedEngine()
    const server = await start({ idleTimeoutMs: 200, stalledResponseTimeoutMs: 300 }, engine)
    const waiting = await open(server.port, get('/healthz'))
    await new Promise((resolve) => setTimeout(resolve, 1000))
    release()
    await within(waiting.closed, 5000, 'slow answer')
    expect(waiting.received()).toMatch(/^HTTP\/1\.1 200/)
  })

  it('refuses a Host name that is not its own with 421, on the wire', async () => {
    const server = await start()
    const rebound = await open(server.port, get('/api/export?format=csv', `rebound.evil.example:${server.port}`))
    await within(rebound.closed, 5000, 'foreign Host')
    expect(rebound.received()).toMatch(/^HTTP\/1\.1 421/)
    const own = await open(server.port, get('/healthz', `127.0.0.1:${server.port}`))
    await within(own.closed, 5000, 'own Host')
    expect(own.received()).toMatch(/^HTTP\/1\.1 200/)
  })
})
