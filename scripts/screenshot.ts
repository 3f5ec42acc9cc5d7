// Takes the pictures in docs/ of the site over the seed articles, in Debian's headless Chromium, from a throwaway
// index (the project's own index/ is never touched).
//
//   npx tsx scripts/screenshot.ts                 docs/screenshot.png: a search with an active facet
//   npx tsx scripts/screenshot.ts --all           that, and docs/overview.png (the home page),
//                                                 docs/search-timeline.png (a search with its timeline) and
//                                                 docs/batch.png (batch search results)
//   npx tsx scripts/screenshot.ts --shot batch    one of: search, overview, timeline, batch
//   Options: --out FILE (one shot only), --width N, --height N, --dark, --query TEXT, --path URL-PATH
//   (--path replaces the page of a single shot), --full (the whole page, not the window)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { defaults, PROJECT_ROOT } from '../src/defaults.ts'
import type { SearchEngine } from '../src/engine/engine.ts'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import { syncIndex } from '../src/indexer/sync.ts'
import { serve } from '../src/server/serve.ts'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
    dark: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    query: { type: 'string', default: 'remittances' },
    path: { type: 'string' },
    shot: { type: 'string', default: 'search' },
    all: { type: 'boolean', default: false },
  },
})

/** The names a batch of the seeds checks: people the articles name, and some they do not. */
const BATCH_QUERIES = [
  '"Emomali Rahmon"',
  '"Vladimir Putin"',
  '"Rustam Emomali"',
  '"Islam Karimov"',
  '"Shavkat Mirziyoyev"',
  '"Rogun dam"',
  'remittances',
  'sanctions',
  '"drug trafficking"',
  'Taliban',
]

interface Shot {
  file: string
  /** The page, from the index being pictured. */
  path(engine: SearchEngine): Promise<string>
  /** Whether the picture is of the whole page rather than the window. */
  full?: boolean
}

const SHOTS: Record<string, Shot> = {
  search: {
    file: 'docs/screenshot.png',
    // The facet shown active is the query's most common topic, so the picture has results to show.
    async path(engine) {
      const response = await engine.search({ query: values.query })
      const topic = response.facets.topic?.values[0]?.value
      const params = new URLSearchParams({ q: values.query })
      if (topic) params.append('topic', topic)
      return `/?${params}`
    },
  },
  overview: { file: 'docs/overview.png', path: async () => '/' },
  timeline: { file: 'docs/search-timeline.png', path: async () => `/?${new URLSearchParams({ q: 'Rahmon' })}` },
  batch: { file: 'docs/batch.png', path: async () => `/batch?${new URLSearchParams({ queries: BATCH_QUERIES.join('\n') })}`, full: true },
}

const names = values.all ? Object.keys(SHOTS) : [values.shot]
for (const name of names) if (!SHOTS[name]) throw new Error(`screenshot: no shot called "${name}" (${Object.keys(SHOTS).join(', ')})`)
if (values.out && names.length > 1) throw new Error('screenshot: --out names one file; leave it out with --all')

const scratch = mkdtempSync(join(tmpdir(), 'clippings-screenshot-'))
try {
  const backend = createEmbeddedBackend(join(scratch, 'index'))
  await syncIndex(backend, { corpus: [...defaults.corpusDirs] })
  const engine = await backend.open()
  const server = await serve({ engine, port: 0, handleSignals: false, log: () => {} })
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: Number(values.width), height: Number(values.height) },
    colorScheme: values.dark ? 'dark' : 'light',
  })
  try {
    for (const name of names) {
      const shot = SHOTS[name]!
      const path = values.path ?? (await shot.path(engine))
      const out = values.out ?? resolve(PROJECT_ROOT, shot.file)
      const page = await context.newPage()
      await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' })
      // The caret blinking in the focused box would make every run's picture differ.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await page.screenshot({ path: out, fullPage: values.full || shot.full === true })
      await page.close()
      console.log(`Wrote ${out} (${path})`)
    }
  } finally {
    await context.close()
    await server.close()
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
