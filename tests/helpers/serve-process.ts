// `clippings serve` in a process of its own, as a user starts it, for tests that need the real command
// (its options, its environment, kill -9).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/defaults.ts'

/** Starts `clippings serve ARGS` on a free port; `url` resolves once it prints where it is running. */
export function serveProcess(args: string[], env: NodeJS.ProcessEnv = {}): { server: ChildProcess; url: Promise<string> } {
  const server = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts/clippings.mjs'), 'serve', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = new Promise<string>((resolve, reject) => {
    let out = ''
    server.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  return { server, url }
}
