// Starts the web app on a port: prints the URL, and closes cleanly on Ctrl-C (SIGINT) or SIGTERM. Listens on
// this machine only unless told otherwise, answers only to its own host names, and bounds what connections
// may hold (connection-limits.ts).
import { createAdaptorServer } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { hostname as machineName, networkInterfaces } from 'node:os'
import { defaults } from '../defaults.ts'
import type { SearchEngine } from '../engine/engine.ts'
import { ClippingsError } from '../errors.ts'
import { createApp, type AppOptions } from './app.tsx'
import { httpServerOptions, limitConnections, type ConnectionLimits } from './connection-limits.ts'
import { LOOPBACK_HOSTS, normalizeHostName } from './host-check.ts'

export interface ServeOptions {
  engine: SearchEngine
  /** Default: the PORT environment variable, else 3000. 0 picks a free port. */
  port?: number
  /**
   * The interface to listen on. Default "127.0.0.1": this machine only; "0.0.0.0" exposes it to the network.
   * The server answers to this name as well as to the loopback names; on "0.0.0.0" or "::", to the machine's
   * name and addresses.
   */
  hostname?: string
  /** More host names to answer to (a DNS name the server is reached by); ".example.org" admits subdomains too. */
  allowedHosts?: readonly string[]
  /** Timeouts and the connection cap; see ConnectionLimits for the defaults. */
  limits?: ConnectionLimits
  /** Send the Content-Security-Policy header. Default true; only tests turn it off. */
  contentSecurityPolicy?: boolean
  /** The ingestion API (see routes/ingest.ts). Default: off. */
  ingest?: AppOptions['ingest']
  /** What the indexer knows of the corpus, for /status (see corpus-status.ts). */
  status?: AppOptions['status']
  /** Where the URL and errors are printed. Default: stdout for the URL, stderr for errors. */
  log?: (line: string) => void
  /** Stop on SIGINT/SIGTERM. Default true; tests that start several servers turn it off. */
  handleSignals?: boolean
}

export interface RunningServer {
  url: string
  port: number
  /** Stops accepting connections and resolves once open ones are done (idle ones are closed at once). */
  close(): Promise<void>
}

/** The port from the option, else $PORT, else the default; a bad $PORT is a usage error, not a silent default. */
export function resolvePort(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) return option
  const raw = env.PORT?.trim()
  if (!raw) return defaults.port
  const port = Number(raw)
  if (!/^\d+$/.test(raw) || port > 65535) throw new ClippingsError('usage', `PORT must be a number from 0 to 65535, got "${raw}"`)
  return port
}

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]'])

/** The host names a server bound to `hostname` answers to: loopback, the bound name, and the extra ones. */
export function allowedHostsFor(hostname: string, extra: readonly string[] = []): string[] {
  const names = [...LOOPBACK_HOSTS, ...extra]
  if (WILDCARD_ADDRESSES.has(hostname)) {
    // Listening on every interface: reachable by the machine's name and any of its addresses.
    names.push(machineName())
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.push(address.address.replace(/%.*$/, ''))
    }
  } else {
    names.push(hostname)
  }
  return [...new Set(names.map(normalizeHostName))]
}

export function serve(options: ServeOptions): Promise<RunningServer> {
  const port = resolvePort(options.port)
  const hostname = options.hostname ?? '127.0.0.1'
  const print = options.log ?? ((line: string) => console.log(line))
  const app = createApp(options.engine, {
    ingest: options.ingest,
    status: options.status,
    log: options.log ?? ((line: string) => console.error(line)),
    allowedHosts: allowedHostsFor(hostname, options.allowedHosts),
    contentSecurityPolicy: options.contentSecurityPolicy,
  })

  return new Promise((resolve, reject) => {
    const server = createAdaptorServer({ fetch: app.fetch, hostname, serverOptions: httpServerOptions(options.limits) }) as Server
    limitConnections(server, options.limits)
    server.listen(port, hostname, () => {
      const info = server.address() as AddressInfo
      const shownHost = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname.includes(':') ? `[${hostname}]` : hostname
      const url = `http://${shownHost}:${info.port}/`
      print(`Clippings is running at ${url}  (Ctrl-C to stop)`)

      let closing: Promise<void> | undefined
      const close = () => {
        closing ??= new Promise<void>((done) => {
          process.off('SIGINT', onSignal)
          process.off('SIGTERM', onSignal)
          server.close(() => done())
          server.closeIdleConnections()
        })
        return closing
      }
      const onSignal = (signal: NodeJS.Signals) => {
        print(`Clippings: ${signal} received, shutting down`)
        // Requests still open after two seconds are cut, so a hung client cannot keep the process alive.
        setTimeout(() => server.closeAllConnections(), 2000).unref()
        void close().then(() => {
          process.exitCode = 0
        })
      }
      if (options.handleSignals ?? true) {
        process.once('SIGINT', onSignal)
        process.once('SIGTERM', onSignal)
      }
      resolve({ url, port: info.port, close })
    })
    server.once('error', (error) => reject(new ClippingsError('usage', `Cannot listen on ${hostname}:${port}: ${error.message}`, { cause: error })))
  })
}
