// The connection to an OpenSearch cluster: options (URLs, basic auth, TLS, index layout), and a small typed
// request function over the official client's transport, which brings the connection pool (several node
// URLs, a dead node taken out and retried later), retries and TLS. Everything else in this folder talks to
// the cluster through `OpenSearchHttp` only.
import { readFileSync } from 'node:fs'
import { Client, type ClientOptions } from '@opensearch-project/opensearch'

export interface OpenSearchOptions {
  /**
   * The cluster: one URL, or several separated by commas ("http://a:9200,http://b:9200") so a search goes to
   * another node when one is down.
   */
  url: string
  /** The alias searches go through; each full build makes concrete indices behind it. Default "clippings". */
  index?: string
  /** Basic authentication (the security plugin's internal users, or a proxy in front of the cluster). */
  username?: string
  password?: string
  /** Basic authentication as the client takes it; `username` and `password` win when both are given. */
  auth?: { username: string; password: string }
  /** A PEM file of the certificate authority that signed the cluster's certificate (self-signed clusters). */
  caFile?: string
  /** Accept any certificate: a throwaway test cluster only. */
  insecure?: boolean
  /** TLS options passed to Node's `tls.connect` as they are (client certificates, `ca` as a string, …). */
  tls?: NonNullable<ClientOptions['ssl']>
  /** Primary shards of a new passages index. Default 1 (OPENSEARCH_SHARDS). */
  shards?: number
  /** Replicas of each shard. Default 1 (OPENSEARCH_REPLICAS); a one-node cluster then stays yellow. */
  replicas?: number
  /**
   * How many of a relevance search's first results are ordered by the embedded engine's scores (and whether
   * passages sharing a date are, in date-sorted pages): the same pages on both engines. 0 keeps OpenSearch's
   * BM25 order, one request and no statistics fewer. Default 100.
   */
  rescoreWindow?: number
  /** Milliseconds a search may run before it answers what the shards had (marked partial). Default 10,000. */
  searchTimeoutMs?: number
  /** Milliseconds one request may take before the client gives up on it. Default 60,000. */
  requestTimeoutMs?: number
  /** Where the backend says what it did (retries, cleanup). Default: nowhere. */
  log?: (line: string) => void
}

/** The options with every default resolved. */
export interface ResolvedOptions {
  nodes: string[]
  alias: string
  shards: number
  replicas: number
  searchTimeoutMs: number
  rescoreWindow: number
  requestTimeoutMs: number
  log: (line: string) => void
  client: ClientOptions
}

export function resolveOptions(options: OpenSearchOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const nodes = options.url
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  if (nodes.length === 0) throw new Error('Clippings: the OpenSearch backend needs a cluster URL')
  for (const node of nodes) {
    try {
      new URL(node)
    } catch {
      throw new Error(`Clippings: "${node}" is not a URL such as http://localhost:9200`)
    }
  }
  const alias = (options.index ?? 'clippings').toLowerCase()
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(alias) || alias.length > 100) {
    throw new Error(`Clippings: "${options.index}" cannot name an OpenSearch index (lower-case letters, digits, "-", "_", ".")`)
  }
  const username = options.username ?? options.auth?.username
  const password = options.password ?? options.auth?.password
  const ssl: NonNullable<ClientOptions['ssl']> = { ...options.tls }
  if (options.caFile) ssl.ca = readFileSync(options.caFile)
  if (options.insecure) ssl.rejectUnauthorized = false
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000
  return {
    nodes,
    alias,
    shards: options.shards ?? positiveInteger(env.OPENSEARCH_SHARDS, 'OPENSEARCH_SHARDS') ?? 1,
    replicas: options.replicas ?? positiveInteger(env.OPENSEARCH_REPLICAS, 'OPENSEARCH_REPLICAS', true) ?? 1,
    searchTimeoutMs: options.searchTimeoutMs ?? 10_000,
    rescoreWindow: options.rescoreWindow ?? 100,
    requestTimeoutMs,
    log: options.log ?? (() => {}),
    client: {
      nodes,
      ...(username !== undefined ? { auth: { username, password: password ?? '' } } : {}),
      ...(Object.keys(ssl).length > 0 ? { ssl } : {}),
      requestTimeout: requestTimeoutMs,
      // A node that stops answering is taken out of the pool and tried again later; the request goes to the next.
      maxRetries: 3,
      resurrectStrategy: 'ping',
    },
  }
}

function positiveInteger(value: string | undefined, name: string, zero = false): number | undefined {
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < (zero ? 0 : 1)) throw new Error(`Clippings: ${name} must be a whole number, not "${value}"`)
  return number
}

/** An error answer from the cluster, with its HTTP status and OpenSearch's error type. */
export class OpenSearchError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly type: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'OpenSearchError'
  }
}

export interface RequestOptions {
  /** HTTP statuses that answer normally instead of throwing (404 for "not there"). */
  ignore?: number[]
  signal?: AbortSignal
  /** NDJSON (bulk): lines as objects, or the text itself; `body` is left out then. */
  lines?: Record<string, unknown>[] | string
  timeoutMs?: number
  retries?: number
}

/** A request to the cluster and its JSON answer. */
export interface OpenSearchHttp {
  /** `T` is the answer's shape as the caller reads it (see answers.ts); nothing checks it. */
  request<T = unknown>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<{ status: number; body: T }>
  close(): Promise<void>
}

export function connect(options: ResolvedOptions): OpenSearchHttp {
  const client = new Client(options.client)
  return {
    async request<T>(method: string, path: string, body?: unknown, requestOptions: RequestOptions = {}) {
      const { signal } = requestOptions
      if (signal?.aborted) throw abortError()
      const params = requestOptions.lines
        ? { method, path, bulkBody: requestOptions.lines }
        : { method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) }
      const pending = client.transport.request(params, {
        ignore: requestOptions.ignore,
        requestTimeout: requestOptions.timeoutMs,
        maxRetries: requestOptions.retries,
      })
      const abort = () => {
        // The client settles the request as aborted; its own error must not escape from this listener.
        try {
          pending.abort()
        } catch {}
      }
      signal?.addEventListener('abort', abort, { once: true })
      try {
        const response = await pending
        return { status: response.statusCode ?? 200, body: response.body as T }
      } catch (error) {
        if (signal?.aborted) throw abortError()
        throw describe(error, method, path)
      } finally {
        signal?.removeEventListener('abort', abort)
      }
    },
    close: () => client.close(),
  }
}

/** Whether an error is a request abandoned through its signal. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

function abortError(): Error {
  const error = new Error('Clippings: the search was abandoned')
  error.name = 'AbortError'
  return error
}

/** The client's errors as one kind with the cluster's reason in the message. */
function describe(error: unknown, method: string, path: string): OpenSearchError {
  type Cause = { type?: string; reason?: string; root_cause?: { reason?: string }[] }
  const failure = error as { name?: string; message?: string; meta?: { statusCode?: number; body?: { error?: Cause | string } } }
  const status = failure.meta?.statusCode
  const cause = failure.meta?.body?.error
  const type = typeof cause === 'object' ? cause.type : undefined
  const reason = typeof cause === 'object' ? (cause.root_cause?.[0]?.reason ?? cause.reason) : cause
  const what = reason ? `${type ?? 'error'}: ${reason}` : (failure.message ?? String(error))
  return new OpenSearchError(`Clippings: OpenSearch ${method} ${path} failed${status ? ` (${status})` : ''}: ${what}`, status, type, { cause: error })
}
