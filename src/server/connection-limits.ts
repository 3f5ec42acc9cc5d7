// Bounds what open connections may hold: a connection that never sends a byte, or goes quiet between requests,
// is closed; slow headers and slow requests time out (Node's own timers, checked every second rather than every
// 30); and the number of open connections is capped. At the cap a new connection makes room by closing the
// connection that has been idle longest, so hundreds of silent sockets cannot lock out a real client; only
// when every connection is busy with a request is the new one refused.
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

export interface ConnectionLimits {
  /** A connection with no request in progress that sends nothing for this long is closed (ms). Default 10 s. */
  idleTimeoutMs?: number
  /** Time to receive a request's headers; a slower client is answered 408 (Node's headersTimeout, ms). Default 10 s. */
  headersTimeoutMs?: number
  /** Time to receive a whole request (Node's requestTimeout, ms). Default 30 s. */
  requestTimeoutMs?: number
  /** Idle time after a response before a kept-alive connection is closed (ms). Default 5 s. */
  keepAliveTimeoutMs?: number
  /**
   * A response under way that moves no byte for `idleTimeoutMs` (a client that stopped reading an export, say)
   * is cut once its request is this old (ms). A request still being worked on, its answer not begun, is never
   * cut for being quiet. Default 60 s.
   */
  stalledResponseTimeoutMs?: number
  /** Open connections at most, well under the usual limit of 1,024 open files. Default 500. */
  maxConnections?: number
}

export const DEFAULT_CONNECTION_LIMITS: Required<ConnectionLimits> = {
  idleTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  stalledResponseTimeoutMs: 60_000,
  maxConnections: 500,
}

/** What is known of one open connection: its request in progress, if any, and when it began. */
interface ConnectionState {
  busySince?: number
  response?: ServerResponse
}

/** Server options for Node's http.createServer: its own timers, checked often enough to matter. */
export function httpServerOptions(limits: ConnectionLimits = {}) {
  const resolved = { ...DEFAULT_CONNECTION_LIMITS, ...limits }
  return {
    headersTimeout: resolved.headersTimeoutMs,
    requestTimeout: Math.max(resolved.requestTimeoutMs, resolved.headersTimeoutMs),
    keepAliveTimeout: resolved.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, resolved.headersTimeoutMs),
  }
}

/** Applies the idle timeout and the connection cap to a server created with `httpServerOptions`. */
export function limitConnections(server: Server, limits: ConnectionLimits = {}): void {
  const resolved = { ...DEFAULT_CONNECTION_LIMITS, ...limits }
  const open = new Map<Socket, ConnectionState>()
  // Connections with no request in progress, longest idle first (a Set keeps insertion order).
  const idle = new Set<Socket>()

  const markIdle = (socket: Socket) => {
    const state = open.get(socket)
    if (!state) return
    state.busySince = undefined
    state.response = undefined
    idle.delete(socket)
    idle.add(socket)
  }

  server.timeout = resolved.idleTimeoutMs

  server.on('connection', (socket: Socket) => {
    open.set(socket, {})
    idle.add(socket)
    socket.once('close', () => {
      open.delete(socket)
      idle.delete(socket)
    })
    if (open.size > resolved.maxConnections) {
      const oldest = idle.values().next().value
      if (oldest && oldest !== socket) oldest.destroy()
      else socket.destroy()
    }
  })

  server.on('request', (request, response) => {
    const socket = request.socket
    const state = open.get(socket)
    if (!state) return
    state.busySince = Date.now()
    state.response = response
    idle.delete(socket)
    response.once('close', () => markIdle(socket))
  })

  // With a 'timeout' listener Node leaves the socket to us (without one it would destroy even a busy one).
  server.on('timeout', (socket: Socket) => {
    const state = open.get(socket)
    const stalled = state?.response?.headersSent === true && Date.now() - (state.busySince ?? 0) >= resolved.stalledResponseTimeoutMs
    if (!state?.response || stalled) {
      socket.destroy()
    } else {
      // A socket's timer fires once; re-armed, it looks again after the next quiet spell.
      socket.setTimeout(resolved.idleTimeoutMs)
    }
  })
}
