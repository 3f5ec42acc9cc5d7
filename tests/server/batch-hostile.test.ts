// The batch and status pages over the hostile corpus (markup in source names, people, fields and text) and with
// hostile queries: every payload shown as text, no element, handler or URL of its own.
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../src/engine/index.ts'
import { createApp } from '../../src/server/app.tsx'
import { activeContent, hostileEngine } from './hostile-corpus.ts'

describe('the batch and status pages over a hostile corpus', () => {
  let engine: SearchEngine
  beforeAll(async () => {
    engine = await hostileEngine()
  }, 120_000)

  it('keep every payload inert, with and without the Content-Security-Policy', async () => {
    const queries = ['alert', 'xss', 'remittances', '<script>alert("xss")</script>', '"><svg onload=alert(1)>', 'javascript:alert(1)']
    for (const contentSecurityPolicy of [true, false]) {
      const app = createApp(engine, { log: () => {}, contentSecurityPolicy })
      const sources = (await engine.facetValues('source', { limit: 3 })).values.map((value) => value.value)
      const filters = sources.map((source) => `&exclude_source=${encodeURIComponent(source)}`).join('')
      for (const path of [`/batch?queries=${encodeURIComponent(queries.join('\n'))}${filters}`, '/status', '/batch']) {
        const response = await app.request(path)
        expect(response.status, path).toBe(200)
        expect(activeContent(await response.text()), path).toEqual([])
      }
      const csv = await (await app.request(`/batch.csv?queries=${encodeURIComponent(queries.join('\n'))}`)).text()
      const cells = csv.replace(/^\uFEFF/, '').split('\r\n').slice(1).map((line) => line.split(',')[0]!)
      expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([])
    }
  })
})
