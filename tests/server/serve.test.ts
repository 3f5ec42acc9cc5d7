import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { resolvePort, serve } from '../../src/server/serve.ts'
import { fixtureEngine } from './fixture-corpus.ts'

describe('resolvePort', () => {
  it('takes the option first, then PORT, then 3000', () => {
    expect(resolvePort(8080, { PORT: '9000' })).toBe(8080)
    expect(resolvePort(undefined, { PORT: '9000' })).toBe(9000)
    expect(resolvePort(undefined, {})).toBe(3000)
  })

  it('rejects a PORT that is not a port number', () => {
    expect(() => resolvePort(undefined, { PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => resolvePort(undefined, { PORT: '70000' })).toThrow(/PORT/)
  })
})

describe('serve', () => {
  it('listens, prints its URL, answers requests and closes', async () => {
    const lines: string[] = []
    const server = await serve({ engine: fixtureEngine(), port: 0, handleSignals: false, log: (line) => lines.push(line) })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      expect(lines[0]).toContain(server.url)
      const health = await fetch(`${server.url}healthz`)
      expect(health.status).toBe(200)
      expect((await health.json()).status).toBe('ok')
    } finally {
      await server.close()
    }
    await expect(fetch(`${server.url}healthz`)).rejects.toThrow()
  })

  it('shuts down cleanly on SIGINT, exiting with status 0', async () => {
    const script = fileURLToPath(new URL('./fixtures/serve-fixture.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /http:\/\/\S+\//.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(match[0])
        }
      })
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    })
    expect((await fetch(`${url}healthz`)).status).toBe(200)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(output).toContain('shutting down')
  })
})
