// Answers only requests addressed to this server by a name it was configured with: the defence against DNS
// rebinding, where a page on another site re-points its own host name at 127.0.0.1 and then reads the local
// server (the export, say) as if it were its own origin. The browser sends that page's name in `Host`, so a
// request whose Host is not one of ours is refused with 421 before any route runs.
import type { MiddlewareHandler } from 'hono'

/** The names a local server answers to whatever it was told: loopback by name and by address. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

export interface HostCheckOptions {
  /**
   * Host names (without port) the server answers to; a name starting with "." also admits its subdomains
   * (".example.org": example.org, www.example.org). IPv6 addresses may be written with or without brackets.
   * Default: `LOOPBACK_HOSTS`.
   */
  allowedHosts?: readonly string[]
}

/** A host name as compared: lower case, without a trailing dot, an IPv6 address in brackets. */
export function normalizeHostName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '')
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower
}

/** The host name of a `Host` header value ("example.org:3000" → "example.org", "[::1]:80" → "[::1]"), or undefined. */
export function hostNameOf(header: string): string | undefined {
  const value = header.trim().toLowerCase()
  if (value === '') return undefined
  if (value.startsWith('[')) {
    const end = value.indexOf(']')
    if (end < 0) return undefined
    const rest = value.slice(end + 1)
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined
    return value.slice(0, end + 1)
  }
  const colon = value.indexOf(':')
  if (colon >= 0 && !/^:\d{1,5}$/.test(value.slice(colon))) return undefined
  return normalizeHostName(colon >= 0 ? value.slice(0, colon) : value)
}

/** Whether `hostName` (normalized) is one the rules admit. */
export function isAllowedHost(hostName: string, allowed: readonly string[]): boolean {
  for (const rule of allowed) {
    const name = normalizeHostName(rule)
    if (name.startsWith('.') ? hostName === name.slice(1) || hostName.endsWith(name) : hostName === name) return true
  }
  return false
}

export function hostCheck(options: HostCheckOptions = {}): MiddlewareHandler {
  const allowed = [...(options.allowedHosts ?? LOOPBACK_HOSTS)]
  return async function hostCheckMiddleware(c, next) {
    // Without a Host header (app.request() in tests, an HTTP/1.0 client) the URL's host stands in: the Node
    // adaptor builds it from Host, else from the address the server is bound to.
    const header = c.req.header('host') ?? new URL(c.req.url).host
    if (header === '') return c.text('Bad request: the Host header is missing.\n', 400)
    const name = hostNameOf(header)
    if (name === undefined || !isAllowedHost(name, allowed)) {
      // The unknown name is not echoed: the answer says only what to change on the server's side.
      return c.text(
        'Misdirected request: this Clippings server does not answer to that host name. To serve it under another name, start it with --host or --allowed-host.\n',
        421,
      )
    }
    await next()
  }
}
