// Crash safety tested with real crashes: a child process builds or updates an index and is killed with
// SIGKILL at random moments (mid-build, mid-delta, mid-merge, between a commit's write and its rename); after
// each kill the index must load, and hold the old state or the new one, never a mix.
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../../src/defaults.ts'
import { createEmbeddedBackend } from '../../../src/engine/embedded/backend.ts'

const CHILD = join(PROJECT_ROOT, 'tests/helpers/writer-child.mjs')

/** Runs the child until `untilMs` have passed (then kills it with SIGKILL) or it exits; returns what it printed. */
function runChild(dir: string, mode: 'build' | 'update', killAfterMs: number): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, mode], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer child failed (${code}): ${err}`))
      else resolve({ lines: out.split('\n').filter(Boolean), killed: signal === 'SIGKILL' })
    })
  })
}

/** What the index in force holds: the state's count, and the update articles a search finds. */
async function inForce(dir: string): Promise<{ stated: number; found: number }> {
  const backend = createEmbeddedBackend(dir)
  const engine = await backend.open()
  const state = (await backend.readState()) as { added: number }
  const found = (await engine.search({ query: 'update', size: 1 })).total
  return { stated: state.added, found }
}

describe('the embedded index under kill -9', () => {
  it('keeps a loadable index, old or new, whenever a build is killed', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clippings-kill-build-'))
    const first = await runChild(dir, 'build', 120_000)
    expect(first.lines).toEqual(['built'])
    const timings = [300, 900, 1300, 1700, 2100, 2600]
    for (const ms of timings) {
      await runChild(dir, 'build', ms)
      const backend = createEmbeddedBackend(dir)
      const engine = await backend.open()
      expect((await engine.stats()).passages).toBe(8_000)
    }
  })

  it('keeps every acknowledged update and never shows half of one, whenever updates are killed', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clippings-kill-update-'))
    await runChild(dir, 'build', 120_000)
    let acknowledged = 0
    const timings = [900, 1400, 1900, 2400, 2900, 3400, 4000]
    for (const ms of timings) {
      const { lines } = await runChild(dir, 'update', ms)
      if (lines.length > 0) acknowledged = Number(lines.at(-1))
      const { stated, found } = await inForce(dir)
      // The state and the articles are of one moment, and nothing acknowledged was lost.
      expect(found).toBe(stated)
      expect(stated).toBeGreaterThanOrEqual(acknowledged)
    }
    expect(acknowledged).toBeGreaterThan(0)
  })
})
