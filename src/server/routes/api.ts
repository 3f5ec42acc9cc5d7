// The JSON API, the same searches as the pages: /api/search, /api/passages/:id, /api/articles/:id, the
// streamed /api/export (CSV or JSON Lines), the person page's twin /api/people/:name, the status page's twin
// /api/status, and /healthz.
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import type { Passage } from '../../model.ts'
import { parseSearchParams } from '../params.ts'
import { apiArticle, apiPassage, apiSearchResponse } from '../api-format.ts'
import { gatherStatus, type StatusSource } from '../corpus-status.ts'
import {
  attachmentDisposition,
  CSV_BOM,
  csvHeader,
  exportFileName,
  exportLayout,
  toCsvLine,
  toExportRow,
  toJsonLine,
  type ExportLayout,
} from '../export-format.ts'
import { personPath } from '../page-views.ts'
import { baseUrlFor } from '../public-url.ts'
import { pathWithPairs } from '../url-state.ts'

interface ExportFormatSpec {
  contentType: string
  /** What opens the file: a CSV's byte order mark and header. */
  preamble(layout: ExportLayout): string
  line(passage: Passage, layout: ExportLayout): string
}

const EXPORT_FORMATS: Record<'csv' | 'jsonl', ExportFormatSpec> = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    preamble: (layout) => `${CSV_BOM}${csvHeader(layout)}\r\n`,
    line: (passage, layout) => `${toCsvLine(toExportRow(passage, layout), layout)}\r\n`,
  },
  jsonl: {
    contentType: 'application/x-ndjson; charset=utf-8',
    preamble: () => '',
    line: (passage, layout) => `${toJsonLine(toExportRow(passage, layout))}\n`,
  },
}

type ExportFormat = keyof typeof EXPORT_FORMATS

export interface ApiRouteOptions {
  /** Makes exported permalinks absolute; default: the request's origin. */
  baseUrl?: string
  /** What the indexer knows (corpus, skipped files), for /api/status; default: not known. */
  status?: StatusSource
}

/** Passages written per chunk of the export stream: big enough to be quick, small enough to stream. */
const EXPORT_BATCH = 200

function exportStream(passages: AsyncIterable<Passage>, format: ExportFormat, layout: ExportLayout, log: (line: string) => void): ReadableStream<Uint8Array> {
  const spec = EXPORT_FORMATS[format]
  const encoder = new TextEncoder()
  const iterator = passages[Symbol.asyncIterator]()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = ''
      if (!started) {
        started = true
        chunk += spec.preamble(layout)
      }
      try {
        for (let count = 0; count < EXPORT_BATCH; count++) {
          const next = await iterator.next()
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk))
            controller.close()
            return
          }
          chunk += spec.line(next.value, layout)
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

/** How many sources, topics and co-mentioned people a person's twin lists. */
const PERSON_LIST_SIZE = 20

export function apiRoutes(engine: SearchEngine, log: (line: string) => void, options: ApiRouteOptions = {}): Hono {
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
    const layout = exportLayout({ facets: engine.facets().facets, baseUrl: baseUrlFor(options.baseUrl, c.req.url) })
    const body = exportStream(engine.searchAll(request, { signal: c.req.raw.signal }), format as ExportFormat, layout, log)
    c.header('Content-Type', EXPORT_FORMATS[format as ExportFormat].contentType)
    c.header('Content-Disposition', attachmentDisposition(exportFileName(request, format)))
    c.header('Cache-Control', 'no-store')
    return c.body(body)
  })

  // The person page's twin: who they are, under which other spellings, how often named, where, and with whom.
  routes.get('/api/people/:name', async (c) => {
    const name = c.req.param('name')
    const people = await engine.people()
    const person = people.find((candidate) => candidate.name === name)
    if (!person) {
      const listedUnder = people.find((candidate) => candidate.aliases.includes(name))
      const hint = listedUnder ? ` “${name}” is listed under “${listedUnder.name}”.` : ''
      throw new ClippingsError('not-found', `No one called “${name}” is named in this collection.${hint}`)
    }
    const within = { filters: { person: [name] } }
    const [sources, topics, named] = await Promise.all([
      engine.countValues('source', within, { limit: PERSON_LIST_SIZE }),
      engine.countValues('topic', within, { limit: PERSON_LIST_SIZE }),
      engine.countValues('person', within, { limit: PERSON_LIST_SIZE + 1 }),
    ])
    return c.json({
      name: person.name,
      aliases: person.aliases,
      passages: person.passages,
      sources: sources.map((value) => ({ name: value.value, passages: value.count })),
      topics: topics.map((value) => ({ id: value.value, label: value.label, passages: value.count })),
      coMentioned: named
        .filter((value) => value.value !== name)
        .slice(0, PERSON_LIST_SIZE)
        .map((value) => ({ name: value.value, passages: value.count, url: `/api${personPath(value.value)}` })),
      url: personPath(name),
      searchUrl: pathWithPairs('/api/search', [['person', name]]),
    })
  })

  routes.get('/api/status', async (c) => c.json(await gatherStatus(engine, options.status, log)))

  routes.get('/healthz', async (c) => c.json({ status: 'ok', ...(await engine.stats()) }))

  return routes
}
