// Requests a browser under another site's control could send: a Host name that is not ours (DNS rebinding),
// and parameters the JSON API does not know (a misspelt facet must not answer the whole corpus).
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createApp } from '../../src/server/app.tsx'
import { hostNameOf, isAllowedHost, normalizeHostName } from '../../src/server/host-check.ts'
import { knownApiParams } from '../../src/server/api-params.ts'
import { allowedHostsFor } from '../../src/server/serve.ts'
import { fixtureEngine } from './fixture-corpus.ts'

describe('hostNameOf', () => {
  it('reads the name of a Host header without its port, in lower case', () => {
    expect(hostNameOf('localhost:3000')).toBe('localhost')
    expect(hostNameOf('LocalHost')).toBe('localhost')
    expect(hostNameOf('127.0.0.1:80')).toBe('127.0.0.1')
    expect(hostNameOf('[::1]:3000')).toBe('[::1]')
    expect(hostNameOf('example.org.')).toBe('example.org')
  })

  it('refuses a value that is no host', () => {
    for (const value of ['', 'a:b:c', '[::1', '[::1]x', 'localhost:port', 'localhost:3000/evil']) expect(hostNameOf(value), value).toBeUndefined()
  })
})

describe('isAllowedHost', () => {
  it('admits the names given, and subdomains of a name written with a leading dot', () => {
    const allowed = ['localhost', '::1', '.example.org']
    expect(isAllowedHost('localhost', allowed)).toBe(true)
    expect(isAllowedHost('[::1]', allowed)).toBe(true)
    expect(isAllowedHost('example.org', allowed)).toBe(true)
    expect(isAllowedHost('news.example.org', allowed)).toBe(true)
    expect(isAllowedHost('evilexample.org', allowed)).toBe(false)
    expect(isAllowedHost('localhost.evil.example', allowed)).toBe(false)
  })

  it('writes IPv6 addresses in brackets so both spellings compare equal', () => {
    expect(normalizeHostName('::1')).toBe('[::1]')
    expect(normalizeHostName('[::1]')).toBe('[::1]')
  })
})

describe('allowedHostsFor', () => {
  it('answers to loopback names and the bound address', () => {
    expect(allowedHostsFor('127.0.0.1')).toEqual(['localhost', '127.0.0.1', '[::1]'])
    expect(allowedHostsFor('192.168.1.20', ['clippings.example.org'])).toEqual(['localhost', '127.0.0.1', '[::1]', 'clippings.example.org', '192.168.1.20'])
  })

  it("answers to the machine's name and addresses when bound to every interface", () => {
    const names = allowedHostsFor('0.0.0.0')
    expect(names).toContain('localhost')
    expect(names.length).toBeGreaterThan(3)
    expect(names).not.toContain('0.0.0.0')
  })
})

describe('the Host check', () => {
  let app: Hono
  beforeAll(() => {
    app = createApp(fixtureEngine(), { log: () => {} })
  })

  it('answers requests addressed to localhost, 127.0.0.1 and [::1], with any port', async () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST']) {
      expect((await app.request('/healthz', { headers: { Host: host } })).status, host).toBe(200)
    }
  })

  it('refuses another host name with 421, on pages, the API and static files alike, without echoing it', async () => {
    for (const path of ['/', '/api/export?format=csv', '/api/search?q=remittances', '/static/app.js', '/healthz']) {
      const response = await app.request(path, { headers: { Host: 'rebound.evil.example:3000' } })
      expect(response.status, path).toBe(421)
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(await response.text()).not.toContain('evil')
    }
  })

  it('refuses a Host that is not a host name', async () => {
    for (const host of ['localhost:3000:1', 'localhost/x', '<script>']) {
      expect((await app.request('/', { headers: { Host: host } })).status, host).toBe(421)
    }
  })

  it('answers the names it was configured with', async () => {
    const shared = createApp(fixtureEngine(), { log: () => {}, allowedHosts: ['clippings.example.org'] })
    expect((await shared.request('/healthz', { headers: { Host: 'clippings.example.org' } })).status).toBe(200)
    expect((await shared.request('/healthz', { headers: { Host: 'localhost' } })).status).toBe(421)
  })
})

describe('values named like members of every object', () => {
  it('are values like any other on every page and in the API: never a 500', async () => {
    const app = createApp(fixtureEngine(), { log: () => {} })
    for (const value of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      for (const path of ['/', '/api/search', '/api/export', '/feeds/search.atom', '/api/facets/topic']) {
        for (const name of ['topic', 'source', 'person', 'tag', 'exclude_topic', 'contains']) {
          if ((name === 'contains') !== path.startsWith('/api/facets')) continue
          const url = `${path}?${new URLSearchParams({ [name]: value })}`
          const status = (await app.request(url)).status
          expect(status < 500 && status !== 404, `${url}: ${status}`).toBe(true)
        }
      }
      expect((await app.request(`/api/people/${value}`)).status).toBeLessThan(500)
    }
  })
})

describe('unknown parameters', () => {
  let app: Hono
  beforeAll(() => {
    app = createApp(fixtureEngine(), { log: () => {} })
  })

  it('are a 400 in the JSON API, naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/search?places=usa', 'places'],
      ['/api/search?q=x&sorce=CABAR.asia', 'sorce'],
      ['/api/export?format=csv&utm_source=mail', 'utm_source'],
      ['/api/passages/x?q=1', 'q'],
      ['/api/articles/x?verbose=1', 'verbose'],
    ]
    for (const [path, name] of cases) {
      const response = await app.request(path)
      expect(response.status, path).toBe(400)
      const body = (await response.json()) as { error: string; parameter: string }
      expect(body.parameter, path).toBe(name)
      expect(body.error).toContain(`"${name}"`)
    }
  })

  it('leave the known ones alone: the search parameters and every facet the index has', async () => {
    const query = 'q=remittances&source=CABAR.asia&exclude_topic=x&person=a&tag=t&year=2025&month=2025-10&from=2019&to=2026&sort=newest&page=1&size=5&group=article'
    expect((await app.request(`/api/search?${query}`)).status).toBe(200)
    expect((await app.request(`/api/export?${query}&format=jsonl`)).status).toBe(200)
    expect((await app.request('/api/passages/migrants-send-money-home-0')).status).toBe(200)
  })

  it('are ignored by the pages, so a tracked link still opens', async () => {
    expect((await app.request('/?q=remittances&utm_source=newsletter&fbclid=abc')).status).toBe(200)
    expect((await app.request('/articles/migrants-send-money-home?utm_campaign=x')).status).toBe(200)
  })

  it('are not checked on paths that are no API route (they are 404s)', async () => {
    expect((await app.request('/api/nothing?x=1')).status).toBe(404)
  })

  it('include a corpus field facet once the index has one', () => {
    expect(knownApiParams('/api/search', ['places', 'exclude_places'])?.has('places')).toBe(true)
    expect(knownApiParams('/api/search', [])?.has('places')).toBe(false)
    expect(knownApiParams('/api/export', [])?.has('format')).toBe(true)
    expect(knownApiParams('/api/search', [])?.has('format')).toBe(false)
    expect(knownApiParams('/healthz', [])).toBeUndefined()
  })
})

describe('request limits', () => {
  let app: Hono
  beforeAll(() => {
    app = createApp(fixtureEngine(), { log: () => {} })
  })

  it('refuse an address over 8,192 characters, on a page and in the API', async () => {
    const page = await app.request(`/?q=${'a'.repeat(9000)}`)
    expect(page.status).toBe(400)
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
    const api = await app.request(`/api/search?q=${'a'.repeat(9000)}`)
    expect(api.status).toBe(400)
    expect(((await api.json()) as { error: string }).error).toMatch(/at most 8,192/)
  })

  it('refuse more than 20 values of one parameter, naming it', async () => {
    const values = Array.from({ length: 21 }, (_, i) => `exclude_source=s${i}`).join('&')
    const response = await app.request(`/api/search?${values}`)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { parameter: string }).parameter).toBe('exclude_source')
    expect((await app.request(`/?${values}`)).status).toBe(400)
    expect((await app.request(`/?${values.split('&').slice(0, 20).join('&')}`)).status).toBe(200)
  })

  it('refuse more than 64 parameters', async () => {
    const params = Array.from({ length: 65 }, (_, i) => `utm_${i}=x`).join('&')
    expect((await app.request(`/?${params}`)).status).toBe(400)
  })

  it('keep a page of many filters small: its size grows with the address, never beyond a bound', async () => {
    const values = Array.from({ length: 20 }, (_, i) => `exclude_source=${String(i).padStart(300, 'x')}`).join('&')
    const response = await app.request(`/?${values}`)
    expect(response.status).toBe(200)
    expect((await response.text()).length).toBeLessThan(2_000_000)
  })
})
