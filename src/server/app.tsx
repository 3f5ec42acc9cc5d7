// The Clippings web app: pages, JSON API and static files over a SearchEngine, without listening (serve.ts
// does that), so tests drive it through app.request(). One error handler turns every failure into a page
// or a JSON error; user mistakes are 400s naming the parameter, and nothing a user sends yields a stack trace.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { SearchEngine } from '../engine/engine.ts'
import { ClippingsError } from '../errors.ts'
import { apiParamCheck } from './api-params.ts'
import { assetRoutes } from './assets.ts'
import { hostCheck } from './host-check.ts'
import { requestLimits } from './request-limits.ts'
import { requestContext } from './request-context.ts'
import { htmlPage } from './render.ts'
import { apiRoutes } from './routes/api.ts'
import { ingestRoutes, type IngestOptions } from './routes/ingest.ts'
import { documentPageRoutes } from './routes/document-pages.tsx'
import { batchRoutes } from './routes/batch.tsx'
import { feedRoutes } from './routes/feeds.ts'
import { statusRoutes } from './routes/status.tsx'
import type { StatusSource } from './corpus-status.ts'
import { baseUrlFromEnv, normalizeBaseUrl } from './public-url.ts'
import { searchPageRoutes } from './routes/search-pages.tsx'
import { facetRoutes } from './routes/facets.ts'
import { takingTurns } from './search-turns.ts'
import { securityHeaders } from './security-headers.ts'
import { topicLabelLoader } from './topic-labels.ts'
import { ErrorPage } from '../../views/error-page.tsx'

export interface AppOptions {
  /** Where unexpected errors are written. Default: stderr. */
  log?: (line: string) => void
  /** Host names the app answers to (DNS-rebinding defence, see host-check.ts). Default: localhost, 127.0.0.1, [::1]. */
  allowedHosts?: readonly string[]
  /** The ingestion API's token and where pushed articles go (see routes/ingest.ts). Default: the API is off. */
  ingest?: IngestOptions
  /** Send the Content-Security-Policy header. Default true; tests turn it off to prove the pages inert without it. */
  contentSecurityPolicy?: boolean
  /**
   * The address the site is reached at (`https://clippings.example.org`), for the absolute links of exports,
   * feeds and batch results. Default: $CLIPPINGS_BASE_URL, else each request's own origin.
   */
  baseUrl?: string
  /**
   * What the indexer knows and the app does not (the corpus folders, skipped files with their reasons, whether
   * it watches or takes pushed articles), asked on each visit to /status and /api/status. Default: the status
   * page shows the index's own facts only. See src/server/corpus-status.ts (`skippedFilesOf` reads a state).
   */
  status?: StatusSource
}

function wantsJson(c: Context): boolean {
  const path = c.req.path
  return path.startsWith('/api/') || path === '/api' || path === '/healthz'
}

async function errorResponse(c: Context, status: 400 | 404 | 500, message: string, parameter?: string): Promise<Response> {
  if (wantsJson(c)) return c.json(parameter ? { error: message, parameter } : { error: message }, status)
  return htmlPage(c, <ErrorPage status={status} message={message} />, status)
}

export function createApp(searchEngine: SearchEngine, options: AppOptions = {}): Hono {
  const engine = takingTurns(searchEngine)
  const log = options.log ?? ((line: string) => console.error(line))
  const topicLabels = topicLabelLoader(engine)
  const baseUrl = options.baseUrl !== undefined ? normalizeBaseUrl(options.baseUrl) : baseUrlFromEnv()
  const app = new Hono()

  app.use('*', requestContext())
  app.use('*', securityHeaders({ contentSecurityPolicy: options.contentSecurityPolicy }))
  app.use('*', hostCheck({ allowedHosts: options.allowedHosts }))
  app.use('*', requestLimits())
  app.use('/api/*', apiParamCheck(engine))
  app.route('/', assetRoutes())
  app.route('/', searchPageRoutes(engine, topicLabels))
  app.route('/', facetRoutes(engine))
  app.route('/', documentPageRoutes(engine, topicLabels, log))
  app.route('/', ingestRoutes(options.ingest ?? {}))
  app.route('/', feedRoutes(engine, { baseUrl }))
  app.route('/', batchRoutes(engine, { baseUrl }))
  app.route('/', statusRoutes(engine, { status: options.status, log }))
  app.route('/', apiRoutes(engine, log, { baseUrl, status: options.status }))

  app.notFound((c) => errorResponse(c, 404, `Nothing lives at ${c.req.path}.`))

  app.onError((error, c) => {
    if (error instanceof ClippingsError && (error.status === 400 || error.status === 404)) {
      return errorResponse(c, error.status, error.message, error.parameter)
    }
    if (error instanceof HTTPException && error.status < 500) {
      return error.getResponse()
    }
    log(`clippings: ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return errorResponse(c, 500, 'Something went wrong on our side; the error has been logged.')
  })

  return app
}
