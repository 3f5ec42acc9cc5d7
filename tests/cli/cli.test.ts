import { describe, it, expect, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import { EXPORT_FIELDS } from '../../src/server/export-format.ts'
import { serveProcess } from '../helpers/serve-process.ts'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function clippings(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PROJECT_ROOT, 'scripts/clippings.mjs'), ...args], { cwd: PROJECT_ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

let work: string
let corpus: string
let index: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'clippings-cli-'))
  corpus = join(work, 'corpus')
  index = join(work, 'index')
  await mkdir(corpus)
  await writeFile(
    join(corpus, 'dam.md'),
    '---\ntitle: The Rogun Dam\nsource: Example Times\ndate: 2019-04-02\nauthor: Jane Roe\n---\n\nThe Rogun dam on the Vakhsh river is to be the tallest in the world when it is finished, engineers said on Tuesday, and its first turbine already sends power to the grid.\n\nFinance minister Ali Karimov said the government would issue bonds to pay for the remaining construction work over the next decade.\n',
  )
  await writeFile(join(corpus, 'broken.bin'), Buffer.from([0, 1, 2, 3]))
  await writeFile(join(corpus, 'empty.txt'), '')
})

describe('clippings', () => {
  it('prints help and exits 0 with --help on every command', async () => {
    for (const command of ['index', 'search', 'export', 'serve', 'people']) {
      const run = await clippings(command, '--help')
      expect(run.code, command).toBe(0)
      expect(run.stdout).toContain(`Usage: clippings ${command}`)
    }
  })

  it('exits 2 on bad usage: an unknown command, an unknown option, a missing query', async () => {
    expect((await clippings('frobnicate')).code).toBe(2)
    const unknownOption = await clippings('export', '--colour', 'red', '--index', index)
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.stderr).toContain("Unknown option '--colour'")
    expect((await clippings('search', '--index', index)).code).toBe(2)
    expect((await clippings('export', '--format', 'xml', '--index', index)).code).toBe(2)
  })

  it('indexes a folder, skipping bad files with reasons, and summarises', async () => {
    const run = await clippings('index', corpus, '--out', index)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Indexed 1 article into \d+ passages?/)
    expect(run.stdout).toMatch(/broken\.bin: .+/)
    expect(run.stdout).toMatch(/empty\.txt: .+/)
  })

  it('exports every passage with exactly the documented fields', async () => {
    const run = await clippings('export', '--index', index)
    expect(run.code).toBe(0)
    const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([...EXPORT_FIELDS, 'tags'])
      expect(row.url).toBe(`/passages/${row.id}`)
      expect(row).toMatchObject({ source: 'Example Times', date: '2019-04-02', author: 'Jane Roe' })
    }
    const csv = await clippings('export', '--format', 'csv', '--index', index)
    expect(csv.stdout.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_FIELDS.join(',')},tags`)
  })

  it('searches from the terminal, as text or JSON', async () => {
    const text = await clippings('search', 'turbine', '--index', index)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('«turbine»')
    const json = await clippings('search', 'bonds', '--json', '--index', index)
    expect(JSON.parse(json.stdout).results[0].passage.text).toContain('bonds')
  })

  it('lists people with their passage counts', async () => {
    const run = await clippings('people', '--json', '--index', index)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toContainEqual(expect.objectContaining({ name: 'Ali Karimov' }))
  })

  it('serves searches from worker threads with --search-threads, on the embedded engine only', async () => {
    const { server, url: started } = serveProcess(['--index', index, '--search-threads', '2'])
    try {
      const url = await started
      const response = (await (await fetch(new URL('/api/search?q=turbine', url))).json()) as { total: number; results: { text: string }[] }
      expect(response.total).toBe(1)
      expect(response.results[0].text).toContain('turbine')
    } finally {
      server.kill()
    }
    const cluster = await clippings('serve', '--engine', 'opensearch', '--opensearch-url', 'http://127.0.0.1:9', '--search-threads', '2')
    expect(cluster.code).toBe(2)
    expect(cluster.stderr).toMatch(/--search-threads is for the embedded engine/)
    const bad = await clippings('serve', '--index', index, '--search-threads', 'many')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--search-threads must be a whole number/)
  })

  it('exits 1 with a one-line reason when it cannot write the index', async () => {
    const file = join(work, 'not-a-folder')
    await writeFile(file, 'x')
    const run = await clippings('index', corpus, '--out', file)
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/not-a-folder/)
  })
})
