// The address the site is reached at, for links that leave the site: permalinks in exports, feed entries and
// batch results must be absolute to work in a spreadsheet or a feed reader. A configured base URL wins (behind
// a proxy the request's own origin is the proxy's inside address); without one, the request's origin.
import { ClippingsError } from '../errors.ts'

/** The environment variable that sets the base URL when no option does. */
export const BASE_URL_ENV = 'CLIPPINGS_BASE_URL'

/**
 * A base URL checked and normalised: http(s) only, no query or fragment, no trailing slash, so a path is
 * appended as is. A path is kept (`https://example.org/clippings`) for a site served below one.
 */
export function normalizeBaseUrl(raw: string, name = 'base URL'): string {
  let parsed: URL
  try {
    parsed = new URL(raw.trim())
  } catch {
    throw new ClippingsError('usage', `The ${name} "${raw}" is not an address; write it as https://clippings.example.org`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ClippingsError('usage', `The ${name} "${raw}" must start with http:// or https://`)
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    throw new ClippingsError('usage', `The ${name} "${raw}" must be an address without a query, fragment or password`)
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '')
}

/** The base URL from the environment, or undefined when unset; a malformed one is an error, never ignored. */
export function baseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[BASE_URL_ENV]?.trim()
  return raw ? normalizeBaseUrl(raw, BASE_URL_ENV) : undefined
}

/** The base URL for links in answer to a request: the configured one, else the request's own origin. */
export function baseUrlFor(configured: string | undefined, requestUrl: string): string {
  return configured ?? new URL(requestUrl).origin
}

/** `path` (starting with `/`) made absolute against `base`; without a base, the path itself. */
export function absoluteUrl(base: string | undefined, path: string): string {
  return base === undefined ? path : `${base}${path}`
}
