// Takes docs/screenshot.png: the search page over the seed articles with a query and an active facet, in
// Debian's headless Chromium. Usage: npx tsx scripts/screenshot.ts [--out FILE] [--width N] [--height N]
//   [--dark] [--query TEXT] [--path URL-PATH]  (--path replaces the query and facet chosen by default)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { defaults, PROJECT_ROOT } from '../src/defaults.ts'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import { syncIndex } from '../src/indexer/sync.ts'
import { serve } from '../src/server/serve.ts'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'docs/screenshot.png') },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
    dark: { type: 'boolean', default: false },
    query: { type: 'string', default: 'remittances' },
    path: { type: 'string' },
  },
})

const scratch = mkdtempSync(join(tmpdir(), 'clippings-screenshot-'))
try {
  // A throwaway index, so taking a picture never touches the project's own index/.
  const backend = createEmbeddedBackend(join(scratch, 'index'))
  await syncIndex(backend, { corpus: [...defaults.corpusDirs] })
  const engine = await backend.open()
  const server = await serve({ engine, port: 0, handleSignals: false, log: () => {} })
  try {
    let path = values.path
    if (!path) {
      // The facet shown active is the query's most common topic, so the picture has results to show.
      const response = await engine.search({ query: values.query })
      const topic = response.facets.topic.values[0]?.value
      const params = new URLSearchParams({ q: values.query })
      if (topic) params.append('topic', topic)
      path = `/?${params}`
    }
    const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: Number(values.width), height: Number(values.height) },
      colorScheme: values.dark ? 'dark' : 'light',
    })
    const page = await context.newPage()
    await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' })
    // The caret blinking in the focused box would make every run's picture differ.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.screenshot({ path: values.out })
    await context.close()
    console.log(`Wrote ${values.out} (${path})`)
  } finally {
    await server.close()
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
