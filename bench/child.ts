// Starting the benchmark's helper processes: node with tsx, garbage collection exposed and a heap cap.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { BENCH_DIR } from './corpus.ts'

/** A progress line on stderr with the time, so stdout stays the helpers' JSON. */
export const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)

/** Node flags for a helper: `--expose-gc`, the heap cap, and tsx to run TypeScript. */
export function nodeArgs(maxOldSpaceMb: number): string[] {
  return ['--expose-gc', `--max-old-space-size=${maxOldSpaceMb}`, '--import', 'tsx']
}

export function spawnHelper(script: string, args: string[], maxOldSpaceMb: number): ChildProcess {
  return spawn(process.execPath, [...nodeArgs(maxOldSpaceMb), join(BENCH_DIR, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
}

/** Runs a helper to its end and parses the last JSON line it printed. */
export function runHelperForJson<T>(script: string, args: string[], maxOldSpaceMb: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnHelper(script, args, maxOldSpaceMb)
    child.stdin?.end()
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = output.trim().split('\n').at(-1)
      if (code !== 0 || !line) return reject(new Error(`bench: ${script} ${args[0] ?? ''} exited with ${code}`))
      try {
        resolve(JSON.parse(line) as T)
      } catch (error) {
        reject(error)
      }
    })
  })
}
