// The corpus status page `/status` (its JSON twin is /api/status in api.ts).
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { gatherStatus, type StatusSource } from '../corpus-status.ts'
import { htmlPage } from '../render.ts'
import { pathWithPairs } from '../url-state.ts'
import { StatusPage } from '../../../views/status-page.tsx'

export interface StatusRouteOptions {
  /** What the indexer knows (see AppOptions.status). */
  status?: StatusSource
  log: (line: string) => void
}

export function statusRoutes(engine: SearchEngine, options: StatusRouteOptions): Hono {
  const routes = new Hono()
  routes.get('/status', async (c) => {
    const report = await gatherStatus(engine, options.status, options.log)
    return htmlPage(c, <StatusPage view={{ report, sourceHref: (source) => pathWithPairs('/', [['source', source]]) }} />)
  })
  return routes
}
