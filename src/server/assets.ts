// Serves the site's static files: the stylesheet and script from views/public and htmx from the installed
// package (never a CDN), with an ETag so browsers revalidate cheaply.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { Hono } from 'hono'
import { PROJECT_ROOT } from '../defaults.ts'

interface Asset {
  body: string
  contentType: string
  etag: string
}

const require = createRequire(import.meta.url)

/** URL name → file, resolved once; a missing file is a broken install, so it fails at start-up. */
export const ASSET_FILES: Readonly<Record<string, { file: string; contentType: string }>> = {
  'app.css': { file: resolve(PROJECT_ROOT, 'views/public/app.css'), contentType: 'text/css; charset=utf-8' },
  'pages.css': { file: resolve(PROJECT_ROOT, 'views/public/pages.css'), contentType: 'text/css; charset=utf-8' },
  'app.js': { file: resolve(PROJECT_ROOT, 'views/public/app.js'), contentType: 'text/javascript; charset=utf-8' },
  'favicon.svg': { file: resolve(PROJECT_ROOT, 'views/public/favicon.svg'), contentType: 'image/svg+xml' },
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), contentType: 'text/javascript; charset=utf-8' },
}

function loadAsset(file: string, contentType: string): Asset {
  const body = readFileSync(file, 'utf8')
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`
  return { body, contentType, etag }
}

export function assetRoutes(): Hono {
  const assets = new Map(Object.entries(ASSET_FILES).map(([name, { file, contentType }]) => [name, loadAsset(file, contentType)]))
  const routes = new Hono()
  routes.get('/static/:name', (c) => {
    const asset = assets.get(c.req.param('name'))
    if (!asset) return c.notFound()
    c.header('ETag', asset.etag)
    c.header('Cache-Control', 'public, max-age=300, must-revalidate')
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304)
    c.header('Content-Type', asset.contentType)
    return c.body(asset.body)
  })
  // Browsers ask for /favicon.ico whatever the page says; point them at the SVG one.
  routes.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301))
  return routes
}
