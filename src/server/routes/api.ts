// The JSON API, the same searches as the pages: /api/search, /api/passages/:id, /api/articles/:id, the
// streamed /api/export (CSV or JSON Lines) and /healthz.
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import type { Passage } from '../../model.ts'
import { parseSearchParams } from '../params.ts'
import { apiArticle, apiPassage, apiSearchResponse } from '../api-format.ts'
import { CSV_HEADER, toCsvLine, toExportRow, toJsonLine } from '../export-format.ts'

const EXPORT_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', header: CSV_HEADER, line: (p: Passage) => toCsvLine(toExportRow(p)), ending: '\r\n' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', header: undefined, line: (p: Passage) => toJsonLine(toExportRow(p)), ending: '\n' },
} as const

type ExportFormat = keyof typeof EXPORT_FORMATS

/** Passages written per chunk of the export stream: big enough to be quick, small enough to stream. */
const EXPORT_BATCH = 200

function exportStream(passages: AsyncIterable<Passage>, format: ExportFormat, log: (line: string) => void): ReadableStream<Uint8Array> {
  const spec = EXPORT_FORMATS[format]
  const encoder = new TextEncoder()
  const iterator = passages[Symbol.asyncIterator]()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = ''
      if (!started) {
        started = true
        if (spec.header) chunk += spec.header + spec.ending
      }
      try {
        for (let count = 0; count < EXPORT_BATCH; count++) {
          const next = await iterator.next()
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk))
            controller.close()
            return
          }
          chunk += spec.line(next.value) + spec.ending
        }
      } catch (error) {
        log(`clippings: export failed part-way: ${String(error)}`)
        controller.error(error)
        return
      }
      controller.enqueue(encoder.encode(chunk))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

export function apiRoutes(engine: SearchEngine, log: (line: string) => void): Hono {
  const routes = new Hono()

  routes.get('/api/search', async (c) => {
    const params = new URL(c.req.url).searchParams
    const request = { ...parseSearchParams(params, engine.facets()), timeline: true }
    return c.json(apiSearchResponse(await engine.search(request), { registry: engine.facets(), params }))
  })

  routes.get('/api/passages/:id', async (c) => {
    const id = c.req.param('id')
    const passage = await engine.getPassage(id)
    if (!passage) throw new ClippingsError('not-found', `No passage with the id "${id}"`)
    return c.json(apiPassage(passage))
  })

  routes.get('/api/articles/:id', async (c) => {
    const id = c.req.param('id')
    const article = await engine.getArticle(id)
    if (!article) throw new ClippingsError('not-found', `No article with the id "${id}"`)
    return c.json(apiArticle(article, await engine.getArticlePassages(id)))
  })

  routes.get('/api/export', (c) => {
    const params = new URL(c.req.url).searchParams
    const format = (params.get('format') ?? 'csv').trim() || 'csv'
    if (!(format in EXPORT_FORMATS)) {
      throw new ClippingsError('bad-parameter', `Invalid parameter "format": expected csv or jsonl, got "${format}"`, { parameter: 'format' })
    }
    const { page: _page, size: _size, ...request } = parseSearchParams(params, engine.facets())
    const body = exportStream(engine.searchAll(request), format as ExportFormat, log)
    c.header('Content-Type', EXPORT_FORMATS[format as ExportFormat].contentType)
    c.header('Content-Disposition', `attachment; filename="clippings-export.${format}"`)
    c.header('Cache-Control', 'no-store')
    return c.body(body)
  })

  routes.get('/healthz', async (c) => c.json({ status: 'ok', ...(await engine.stats()) }))

  return routes
}
