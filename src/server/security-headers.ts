// Security headers on every response: a Content-Security-Policy that allows only the site's own scripts and
// styles (no inline script or style anywhere), no framing, no MIME sniffing, and a strict referrer policy.
import type { MiddlewareHandler } from 'hono'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
}

export interface SecurityHeadersOptions {
  /**
   * Send the Content-Security-Policy. Default true. Only tests turn it off, to prove that the pages are inert
   * by their escaping alone, without the policy as a second line of defence.
   */
  contentSecurityPolicy?: boolean
}

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const headers = Object.entries(SECURITY_HEADERS).filter(([name]) => (options.contentSecurityPolicy ?? true) || name !== 'Content-Security-Policy')
  return async function securityHeadersMiddleware(c, next) {
    await next()
    for (const [name, value] of headers) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value)
    }
  }
}
