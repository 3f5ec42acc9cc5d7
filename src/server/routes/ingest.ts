// The ingestion API, for systems that push articles: `POST /api/articles` with one article as JSON or many as
// JSON Lines (`application/x-ndjson`), `DELETE /api/articles/:id`. Off unless CLIPPINGS_API_TOKEN is set,
// and then only with `Authorization: Bearer <token>`. A `201` means the articles are on disk and searchable.
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { parsePartialDate } from '../../text/dates.ts'

/** Where pushed articles go (the server's live indexer). */
export interface IngestTarget {
  push(records: readonly Record<string, unknown>[]): Promise<{ key?: string; articleIds: string[]; passages: number; skipped?: string }[]>
  remove(articleId: string): Promise<'removed' | 'unknown' | 'not-pushed'>
}

export interface IngestOptions {
  /** The token requests must carry; undefined turns the API off (every request answers 403 saying how to turn it on). */
  token?: string
  /** Undefined when the server cannot take updates (an index without a record of its corpus). */
  target?: IngestTarget
}

/** The largest body accepted. */
export const MAX_INGEST_BYTES = 10 * 1024 * 1024
/** The most articles in one request. */
export const MAX_INGEST_ARTICLES = 10_000

const TEXT_FIELDS = ['text', 'body', 'content'] as const
const STRING_FIELDS = ['title', 'source', 'url', 'author', 'section', 'language'] as const

export interface RecordError {
  /** 1-based line of a JSON Lines body (1 for a single JSON article). */
  line: number
  field?: string
  error: string
}

/** Checks one pushed article; the message names the field at fault. */
export function validateArticle(value: unknown): { field?: string; error: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'an article must be a JSON object' }
  const record = value as Record<string, unknown>
  const text = TEXT_FIELDS.map((field) => record[field]).find((candidate) => candidate !== undefined)
  if (typeof text !== 'string' || text.trim() === '') return { field: 'text', error: 'missing "text" (the article body, a non-empty string)' }
  for (const field of STRING_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== 'string') return { field, error: `"${field}" must be a string` }
  }
  if (record.id !== undefined && typeof record.id !== 'string' && typeof record.id !== 'number') return { field: 'id', error: '"id" must be a string or a number' }
  if (typeof record.id === 'string' && (record.id.trim() === '' || record.id.length > 200)) return { field: 'id', error: '"id" must be 1 to 200 characters' }
  if (typeof record.url === 'string') {
    let parsed: URL | undefined
    try {
      parsed = new URL(record.url)
    } catch {
      parsed = undefined
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return { field: 'url', error: `"url" must be an http or https URL, not "${String(record.url).slice(0, 100)}"` }
  }
  for (const field of ['date', 'published'] as const) {
    const date = record[field]
    if (date === undefined || date === null || date === '') continue
    if (typeof date !== 'string' || !parsePartialDate(date)) return { field, error: `"${field}" is not a date: "${String(date).slice(0, 100)}" (write it as 2024-03-15, 2024-03 or 2024)` }
  }
  return undefined
}

/** The articles of a request body: one JSON object, or one per line of JSON Lines; errors per line. */
export function parseArticles(body: string, ndjson: boolean): { records: { line: number; record: Record<string, unknown> }[]; errors: RecordError[] } {
  const records: { line: number; record: Record<string, unknown> }[] = []
  const errors: RecordError[] = []
  const lines = ndjson ? body.split('\n') : [body]
  lines.forEach((text, i) => {
    const line = i + 1
    if (ndjson && text.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      errors.push({ line, error: ndjson ? `malformed JSON at line ${line}` : 'malformed JSON' })
      return
    }
    const problem = validateArticle(value)
    if (problem) errors.push({ line, ...problem })
    else records.push({ line, record: value as Record<string, unknown> })
  })
  return { records, errors }
}

/** The body's bytes, or undefined once it grows past `limit` (reading stops there). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return bytes
}

/** Compares a presented token with the configured one in constant time (both hashed first, so lengths never show). */
function tokenMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

export function ingestRoutes(options: IngestOptions): Hono {
  const routes = new Hono()

  routes.use('/api/articles', authorise(options))
  routes.use('/api/articles/*', authorise(options))

  routes.post('/api/articles', async (c) => {
    const target = options.target
    if (!target) return c.json({ error: 'This index keeps no record of its corpus, so it cannot take articles; rebuild it with `clippings index`.' }, 409)
    const declared = Number(c.req.header('content-length') ?? 0)
    if (declared > MAX_INGEST_BYTES) return c.json({ error: `The body is over ${MAX_INGEST_BYTES / 1024 / 1024} MB; send fewer articles at a time.` }, 400)
    const bytes = await readLimited(c.req.raw, MAX_INGEST_BYTES)
    if (!bytes) return c.json({ error: `The body is over ${MAX_INGEST_BYTES / 1024 / 1024} MB; send fewer articles at a time.` }, 400)
    let body: string
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return c.json({ error: 'The body is not valid UTF-8.' }, 400)
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
    const ndjson = type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/json-lines'
    if (!ndjson && type !== 'application/json') {
      return c.json({ error: `Send one article as application/json or many as application/x-ndjson, not "${type || 'no content type'}".` }, 400)
    }
    const { records, errors } = parseArticles(body, ndjson)
    if (records.length > MAX_INGEST_ARTICLES) return c.json({ error: `At most ${MAX_INGEST_ARTICLES} articles a request; this one has ${records.length}.` }, 400)
    if (records.length === 0) {
      const first = errors[0]
      return c.json({ error: first ? first.error : 'No article in the body.', ...(first?.field ? { field: first.field } : {}), errors }, 400)
    }
    const results = await target.push(records.map((entry) => entry.record))
    return c.json(
      {
        articles: results.map((result, i) => ({ line: records[i].line, ...result })),
        errors,
      },
      201,
    )
  })

  routes.delete('/api/articles/:id', async (c) => {
    const target = options.target
    if (!target) return c.json({ error: 'This index cannot take changes.' }, 409)
    const id = c.req.param('id')
    const outcome = await target.remove(id)
    if (outcome === 'unknown') return c.json({ error: `No article with the id "${id}"` }, 404)
    if (outcome === 'not-pushed') return c.json({ error: `The article "${id}" comes from the corpus folders, not the API: remove its file instead.` }, 409)
    return c.body(null, 204)
  })

  return routes
}

function authorise(options: IngestOptions) {
  return async function authoriseIngest(c: Context, next: () => Promise<void>) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    if (!options.token) {
      return c.json({ error: 'The ingestion API is off. Start the server with CLIPPINGS_API_TOKEN set to a secret, and send it as "Authorization: Bearer <token>".' }, 403)
    }
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(header.trim())
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="clippings"')
      return c.json({ error: 'This needs "Authorization: Bearer <token>".' }, 401)
    }
    if (!tokenMatches(match[1].trim(), options.token)) return c.json({ error: 'The token is not the one this server was started with.' }, 403)
    return next()
  }
}
