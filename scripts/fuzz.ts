// `npm run fuzz -- [--requests 100000] [--concurrency 8] [--seed N] [--url http://127.0.0.1:3000/]`: the HTTP fuzz
// suite's requests (tests/server/fuzz-requests.ts) sent for longer, over real sockets, to a server on the seeds and
// the hostile corpus started in a process of its own (or to --url). Every answer must come within 10 s, never be a
// 5xx, never show a stack trace or a file path, and no connection may be dropped (a request line over the 16 KB
// header limit may be cut off: that is the limit working). Prints the counts; exits 1 on any problem.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import fc from 'fast-check'
import { serve } from '../src/server/serve.ts'
import { answerProblems, fuzzCorpus, fuzzRequest, type FuzzRequest } from '../tests/server/fuzz-requests.ts'
import { buildCorpusEngine, HOSTILE_DIR, SEEDS_DIR } from '../tests/server/hostile-corpus.ts'

const HANG_MS = 10_000
/** Node's limit on a request's header section (request line included); a longer request is refused on the wire. */
const HEADER_LIMIT = 16 * 1024
/** Requests drawn from the generator at a time (drawing them all at once would hold 100,000 in memory). */
const BATCH = 1000

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string' },
    url: { type: 'string' },
    /** Internal: serve the fuzz corpus and print the URL (the child process of a run). */
    serve: { type: 'boolean', default: false },
  },
})
const total = Number(values.requests)
const concurrency = Number(values.concurrency)
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
if (!(Number.isInteger(total) && total > 0) || !(Number.isInteger(concurrency) && concurrency > 0) || !Number.isInteger(seed)) {
  console.error('fuzz: --requests and --concurrency take positive whole numbers, --seed a whole number')
  process.exit(2)
}

/**
 * The request target as bytes on the wire: Node sends a path's characters U+0021 to U+00FF as single bytes (so
 * invalid UTF-8 reaches the server raw); anything else (spaces, controls, the rest of Unicode) is percent-encoded.
 */
function wireTarget(target: string): string {
  let out = ''
  for (const char of target) {
    const code = char.codePointAt(0)!
    if (code >= 0x21 && code <= 0xff) out += char
    else if (code >= 0xd800 && code <= 0xdfff) out += '%EF%BF%BD'
    else out += encodeURIComponent(char)
  }
  return out
}

interface Outcome {
  status?: number
  problems: string[]
}

function send(base: URL, agent: Agent, { target, headers }: FuzzRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: Outcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(outcome)
    }
    const timer = setTimeout(() => {
      finish({ problems: [`no answer within ${HANG_MS} ms`] })
      request.destroy()
    }, HANG_MS)
    const wire = wireTarget(target)
    const request = httpRequest({ host: base.hostname, port: base.port, path: wire, headers, agent }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const status = response.statusCode ?? 0
        finish({ status, problems: answerProblems(status, Buffer.concat(chunks).toString('utf8')) })
      })
      response.on('error', (error) => finish({ status: response.statusCode, problems: [`connection dropped mid-answer (${error.message})`] }))
    })
    request.on('error', (error) => {
      const refusedAsTooLong = wire.length + 200 > HEADER_LIMIT
      finish({ problems: refusedAsTooLong ? [] : [`connection dropped (${(error as NodeJS.ErrnoException).code ?? error.message})`] })
    })
    request.end()
  })
}

/** The child: builds the corpus, serves it, prints its URL, and runs until it is stopped. */
async function serveCorpus(): Promise<void> {
  const engine = await buildCorpusEngine([SEEDS_DIR, HOSTILE_DIR])
  const server = await serve({ engine, port: 0, handleSignals: true, log: () => {} })
  console.log(`fuzz-server ${server.url}`)
}

/** Starts the child serving the fuzz corpus; resolves with it and its URL. */
function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /fuzz-server (\S+)/.exec(output)
      if (match) resolve({ child, url: match[1] })
    })
    child.once('exit', (code) => reject(new Error(`fuzz: the server process exited (${code}) before serving: ${output}`)))
  })
}

/** A process's resident memory in MiB, read from /proc (Linux); undefined elsewhere. */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 1024) : undefined
  } catch {
    return undefined
  }
}

async function main(): Promise<void> {
  const engine = await buildCorpusEngine([SEEDS_DIR, HOSTILE_DIR])
  const corpus = await fuzzCorpus(engine)
  const server = values.url ? undefined : await startServerProcess()
  const base = new URL(values.url ?? server!.url)
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  console.log(`fuzz: ${total} requests to ${base.href}, ${concurrency} at a time, seed ${seed}`)

  const statuses = new Map<number, number>()
  const failures: string[] = []
  let failed = 0
  let done = 0
  const started = performance.now()
  const rssBefore = rssMiB(server?.child.pid)
  const arbitrary = fuzzRequest(corpus)
  for (let offset = 0; offset < total; offset += BATCH) {
    const batch = fc.sample(arbitrary, { numRuns: Math.min(BATCH, total - offset), seed: seed + offset })
    let next = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batch.length) {
          const request = batch[next++]
          const outcome = await send(base, agent, request)
          if (outcome.status !== undefined) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1)
          if (outcome.problems.length > 0) {
            failed++
            if (failures.length < 20) failures.push(`${request.target.slice(0, 200)}: ${outcome.problems.join('; ')}`)
          }
          if (++done % 10_000 === 0) console.log(`fuzz: ${done} requests, ${failed} problems`)
        }
      }),
    )
  }
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  const rssAfter = rssMiB(server?.child.pid)
  server?.child.kill('SIGTERM')

  const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0)
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')
  console.log(`fuzz: ${done} requests in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s); statuses ${byStatus}`)
  const memory = rssBefore !== undefined && rssAfter !== undefined ? `; server RSS ${rssBefore} -> ${rssAfter} MiB` : ''
  console.log(`fuzz: 5xx ${fiveHundreds}, requests with a problem ${failed} (hangs, drops, leaks included)${memory}`)
  for (const failure of failures) console.log(`  ${failure}`)
  process.exitCode = failed > 0 ? 1 : 0
}

if (values.serve) await serveCorpus()
else await main()
