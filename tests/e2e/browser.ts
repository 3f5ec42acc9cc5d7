// Starts Debian's headless Chromium through playwright-core for the browser tests (never a downloaded
// browser), each context in a fresh profile, and the app on a free loopback port.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { SearchEngine } from '../../src/engine/engine.ts'
import { serve, type RunningServer } from '../../src/server/serve.ts'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM_PATH)
export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} is missing (install it with: bash scripts/ensure-chromium.sh)`

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface BrowserSession {
  context: BrowserContext
  close(): Promise<void>
}

/** A browser context in a fresh profile (--user-data-dir), JavaScript on unless asked otherwise. */
export async function openBrowser(options: { javaScriptEnabled?: boolean; width?: number; height?: number } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'clippings-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1200, height: options.height ?? 800 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * A new page of the session whose script errors and console errors (CSP violations among them) are added to
 * `problems`, which each suite expects to be empty at its end.
 */
export async function watchedPage(session: BrowserSession, problems: string[]): Promise<Page> {
  const page = await session.context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return page
}

export function startServer(engine: SearchEngine): Promise<RunningServer> {
  return serve({ engine, port: 0, hostname: '127.0.0.1', handleSignals: false, log: () => {} })
}
