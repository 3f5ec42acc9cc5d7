// The benchmark's own packages (bench/package.json: the systems compared and the HTTP load generator, one of
// them native) are kept out of a user's install. `npm run bench` installs them on first use through this file;
// `--typecheck` checks the bench code when they are present (their types come with them) and says so when not.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url))

/** The packages bench code imports, each resolved from bench/ the way the bench code resolves it. */
const BENCH_PACKAGES = ['@orama/orama', 'autocannon', 'better-sqlite3', 'flexsearch']
const TYPE_PACKAGES = ['@types/autocannon/package.json', '@types/better-sqlite3/package.json']

/** What is missing from bench/node_modules; empty when the bench can run. */
export function missingBenchPackages(options: { native: boolean }): string[] {
  const require = createRequire(join(BENCH_DIR, 'package.json'))
  const missing: string[] = []
  for (const name of [...BENCH_PACKAGES, ...TYPE_PACKAGES]) {
    try {
      require.resolve(name)
    } catch {
      missing.push(name.replace(/\/package\.json$/, ''))
    }
  }
  if (options.native && !missing.includes('better-sqlite3')) {
    // Installed with --ignore-scripts (as CI does, to type-check), the package is there but its binding is not.
    try {
      const Database = require('better-sqlite3') as new (file: string) => { close(): void }
      new Database(':memory:').close()
    } catch {
      missing.push('better-sqlite3 (its native build)')
    }
  }
  return missing
}

function run(command: string, args: string[], cwd: string): number {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' })
  return result.status ?? 1
}

function install(): number {
  const missing = missingBenchPackages({ native: true })
  if (missing.length === 0) return 0
  console.log(`bench: installing the benchmark's packages into bench/node_modules (missing: ${missing.join(', ')}); better-sqlite3 compiles SQLite, which takes a minute or two`)
  return run('npm', ['ci', '--no-audit', '--no-fund'], BENCH_DIR)
}

function typecheck(): number {
  const missing = missingBenchPackages({ native: false })
  if (missing.length > 0) {
    console.log(`bench: type check skipped, the benchmark's packages are not installed (npm run bench:install, or npm ci --prefix bench --ignore-scripts for the types alone)`)
    return 0
  }
  return run(process.execPath, [join(BENCH_DIR, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', BENCH_DIR], BENCH_DIR)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = process.argv.includes('--typecheck') ? typecheck() : install()
}
