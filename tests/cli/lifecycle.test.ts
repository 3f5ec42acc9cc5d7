// The index's life from the command line, run as a user would: nothing a user mistypes destroys an index.
import { describe, it, expect, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/defaults.ts'

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

const ARTICLE = '---\ntitle: The Rogun Dam\nsource: Example Times\ndate: 2019-04-02\n---\n\nThe Rogun dam on the Vakhsh river is to be the tallest in the world when it is finished, engineers said on Tuesday, and its first turbine already sends power to the grid.\n'
const SECOND = '---\ntitle: Cotton harvest\nsource: Example Times\ndate: 2019-09-12\n---\n\nThe cotton harvest in the south began early this year, farmers said, after a dry summer that left the fields ready a fortnight ahead of the usual date.\n'

/** Every entry under a folder with its size, to tell whether anything was written. */
async function listing(dir: string): Promise<string[]> {
  const entries: string[] = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    entries.push(join(entry.parentPath ?? dir, entry.name))
  }
  return entries.sort()
}

let work: string
let corpus: string
let index: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'clippings-life-'))
  corpus = join(work, 'corpus')
  index = join(work, 'index')
  await mkdir(corpus)
  await writeFile(join(corpus, 'dam.md'), ARTICLE)
  const built = await clippings('index', corpus, '--out', index)
  expect(built.code, built.stderr).toBe(0)
})

describe('the index lifecycle', () => {
  it('refuses a folder or file that does not exist, naming it, and leaves the index untouched', async () => {
    const before = await listing(index)
    for (const missing of [join(work, 'no-such-folder'), join(work, 'missing.jsonl')]) {
      const run = await clippings('index', missing, '--out', index)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(missing)
      expect(run.stdout).not.toContain('Indexed')
    }
    expect(await listing(index)).toEqual(before)
    expect((await clippings('search', 'rogun', '--index', index)).stdout).toContain('1 passages')
  })

  it('keeps the old index when every input is skipped, and says so', async () => {
    const junk = join(work, 'junk')
    await mkdir(junk, { recursive: true })
    await writeFile(join(junk, 'picture.png'), 'png')
    const run = await clippings('index', junk, '--out', index)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/no article could be read.*--allow-empty/s)
    expect((await clippings('search', 'rogun', '--index', index)).stdout).toContain('1 passages')
  })

  it('updates only what changed, and says how many articles were added, changed, removed and unchanged', async () => {
    await writeFile(join(corpus, 'cotton.md'), SECOND)
    const run = await clippings('index', corpus, '--out', index)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/1 added, 0 changed, 0 removed, 1 unchanged/)
    const again = await clippings('index', '--out', index)
    expect(again.stdout).toMatch(/Nothing changed/)
  })

  it('never writes from a read command, and says so when the corpus folder has gone', async () => {
    const moved = join(work, 'moved-corpus')
    await rename(corpus, moved)
    try {
      const before = await listing(index)
      const run = await clippings('search', 'rogun', '--index', index)
      expect(run.code).toBe(0)
      expect(run.stderr).toMatch(/corpus folder .* is gone; serving the index as built on/)
      expect(run.stdout).toContain('1 passages')
      expect(await listing(index)).toEqual(before)
    } finally {
      await rename(moved, corpus)
    }
  })

  it('says there is no index at a mistyped --index, and creates nothing there', async () => {
    const typo = join(work, 'indx')
    const run = await clippings('search', 'rogun', '--index', typo)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`no index at ${typo}: build one with \`clippings index <folder> --out ${typo}\``)
    expect(existsSync(typo)).toBe(false)
  })

  it('never deletes other files in a folder given as --index', async () => {
    const other = join(work, 'someone-elses')
    await mkdir(join(other, 'build-scripts'), { recursive: true })
    await writeFile(join(other, 'build-scripts', 'deploy.sh'), 'x')
    await writeFile(join(other, 'build-notes.txt'), 'y')
    const run = await clippings('search', 'putin', '--index', other)
    expect(run.code).toBe(1)
    expect(await readFile(join(other, 'build-scripts', 'deploy.sh'), 'utf8')).toBe('x')
    expect(await readdir(other)).toEqual(['build-notes.txt', 'build-scripts'])
  })

  it('uses the earlier commit when the newest is garbled, and refuses rather than rebuilds anything else when none reads', async () => {
    const copy = join(work, 'garbled')
    await cp(index, copy, { recursive: true })
    const commits = (await readdir(copy)).filter((name) => /^manifest-\d+\.json$/.test(name)).sort()
    expect(commits.length).toBeGreaterThanOrEqual(2)
    await writeFile(join(copy, commits.at(-1)!), '{"build": "../../../../../etc"')
    const fallback = await clippings('search', 'rogun', '--index', copy)
    expect(fallback.code).toBe(0)
    expect(fallback.stderr).toMatch(/earlier commit/)
    for (const name of commits) await writeFile(join(copy, name), 'garbage')
    const before = await listing(copy)
    const refused = await clippings('search', 'rogun', '--index', copy)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/damaged.*Nothing was changed; rebuild it with `clippings index .*corpus --out/s)
    expect(await listing(copy)).toEqual(before)
  })

  it('cleans the leftovers of an interrupted write at the next write, and nothing else', async () => {
    const copy = join(work, 'leftovers')
    await cp(index, copy, { recursive: true })
    // What a crash mid-build leaves: a base folder and a temporary commit, both recorded as the index's own.
    await mkdir(join(copy, 'base-99999999-crash'))
    await writeFile(join(copy, 'base-99999999-crash', 'passages.jsonl.gz'), 'partial')
    await writeFile(join(copy, 'manifest-99999999.json.abc.tmp'), '{')
    await writeFile(join(copy, 'owned.jsonl'), (await readFile(join(copy, 'owned.jsonl'), 'utf8')) + '{"name":"base-99999999-crash"}\n{"name":"manifest-99999999.json.abc.tmp"}\n')
    await writeFile(join(copy, 'base-notes.txt'), 'not ours')
    const run = await clippings('index', '--out', copy)
    expect(run.code, run.stderr).toBe(0)
    const entries = await readdir(copy)
    expect(entries).not.toContain('base-99999999-crash')
    expect(entries).not.toContain('manifest-99999999.json.abc.tmp')
    expect(entries).toContain('base-notes.txt')
  })
})
