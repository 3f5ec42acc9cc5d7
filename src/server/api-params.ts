// The JSON API refuses parameters it does not know, with a 400 naming the first one: once any corpus field can
// be a facet, a misspelt facet (`/api/search?palces=usa`) would otherwise answer the whole corpus as if it had
// filtered. The pages keep ignoring unknown parameters (`utm_source` on a shared link must not break it).
import type { MiddlewareHandler } from 'hono'
import type { SearchEngine } from '../engine/engine.ts'
import { ClippingsError } from '../errors.ts'
import { SEARCH_PARAMS } from './params.ts'

/** Which parameters an API route takes beyond a search's: none but the search's own unless listed here. */
interface ApiRouteParams {
  /** Matches the request path. */
  path: RegExp
  /** Whether the route reads a search (q, the facets, from, to, sort, ...) from its parameters. */
  search: boolean
  /** Parameters of its own. */
  own: readonly string[]
}

const API_ROUTES: readonly ApiRouteParams[] = [
  { path: /^\/api\/search$/, search: true, own: [] },
  { path: /^\/api\/export$/, search: true, own: ['format'] },
  { path: /^\/api\/facets\/[^/]+$/, search: true, own: ['contains', 'limit'] },
  { path: /^\/api\/(passages|articles)\/[^/]+$/, search: false, own: [] },
  { path: /^\/api\/(people\/[^/]+|status)$/, search: false, own: [] },
]

/** The parameters `path` takes, or undefined for a path that is no API route (it answers 404 on its own). */
export function knownApiParams(path: string, facetParams: readonly string[]): ReadonlySet<string> | undefined {
  const route = API_ROUTES.find((candidate) => candidate.path.test(path))
  if (!route) return undefined
  return new Set([...(route.search ? [...SEARCH_PARAMS, ...facetParams] : []), ...route.own])
}

function describe(known: ReadonlySet<string>): string {
  return known.size === 0 ? 'this route takes no parameters' : `known parameters: ${[...known].join(', ')}`
}

/** Rejects an API request carrying a parameter its route does not read. */
export function apiParamCheck(engine: SearchEngine): MiddlewareHandler {
  return async function apiParamCheckMiddleware(c, next) {
    const known = knownApiParams(c.req.path, engine.facets().params)
    if (known) {
      for (const name of new URL(c.req.url).searchParams.keys()) {
        if (!known.has(name)) {
          const shown = name.length > 100 ? `${name.slice(0, 100)}…` : name
          throw new ClippingsError('bad-parameter', `Unknown parameter "${shown}" (${describe(known)})`, { parameter: shown })
        }
      }
    }
    await next()
  }
}
