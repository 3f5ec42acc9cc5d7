// Bounds the size of what a request may ask for. Every link on a search page carries the whole search (the URL
// holds the state), so a page's size grows with the URL's length times the number of filters: unbounded, a
// 100 KB address of repeated filters made a 40 MB page and 18 s of work. A long address, too many parameters
// or too many values of one parameter are a 400 naming the fault, on the pages and in the API alike.
import type { MiddlewareHandler } from 'hono'
import { ClippingsError } from '../errors.ts'

export interface RequestLimits {
  /** Characters of path and query at most. Default 8,192 (what common proxies accept). */
  maxUrlLength?: number
  /** Parameters in the query at most, repeats counted. Default 64. */
  maxParameters?: number
  /** Values of one parameter at most (several values of a facet combine with OR). Default 20. */
  maxValuesPerParameter?: number
}

export const DEFAULT_REQUEST_LIMITS: Required<RequestLimits> = {
  maxUrlLength: 8192,
  maxParameters: 64,
  maxValuesPerParameter: 20,
}

function tooLarge(message: string, parameter?: string): ClippingsError {
  return new ClippingsError('bad-parameter', message, { parameter })
}

export function requestLimits(options: RequestLimits = {}): MiddlewareHandler {
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...options }
  return async function requestLimitsMiddleware(c, next) {
    const url = new URL(c.req.url)
    const length = url.pathname.length + url.search.length
    if (length > limits.maxUrlLength) {
      throw tooLarge(`The address is ${length.toLocaleString('en')} characters long; at most ${limits.maxUrlLength.toLocaleString('en')} are read.`)
    }
    const counts = new Map<string, number>()
    let total = 0
    for (const name of url.searchParams.keys()) {
      if (++total > limits.maxParameters) throw tooLarge(`Too many parameters: at most ${limits.maxParameters} are read.`)
      const count = (counts.get(name) ?? 0) + 1
      counts.set(name, count)
      if (count > limits.maxValuesPerParameter) {
        const shown = name.length > 100 ? `${name.slice(0, 100)}…` : name
        throw tooLarge(`Invalid parameter "${shown}": at most ${limits.maxValuesPerParameter} values are read.`, shown)
      }
    }
    await next()
  }
}
