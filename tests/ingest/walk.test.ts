import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { chmod, link, mkdir, mkdtemp, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import { decodeFileName, walkCorpus, type CorpusWalk } from '../../src/ingest/walk.ts'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clippings-walk-'))
})

afterEach(() => removeTree(folder))

/** rm(1) removes a 2,000-deep tree several times faster than fs.rm. */
function removeTree(path: string) {
  try {
    execFileSync('rm', ['-rf', path])
  } catch {
    rmSync(path, { recursive: true, force: true })
  }
}

const write = async (path: string, content = 'text') => {
  await mkdir(join(folder, path, '..'), { recursive: true })
  await writeFile(join(folder, path), content)
}
const listed = (walk: CorpusWalk) => walk.files.map((file) => file.file)
const reasonFor = (walk: CorpusWalk, file: string) => walk.skipped.find((skip) => skip.file === file)?.reason

describe('walkCorpus', () => {
  it('lists files depth first, sorted within each folder, reported relative to the path given', async () => {
    for (const path of ['b.txt', 'a/z.txt', 'a/b/c.txt', 'c.md']) await write(path)
    const walk = await walkCorpus([folder])
    expect(listed(walk)).toEqual(['a/b/c.txt', 'a/z.txt', 'b.txt', 'c.md'])
    const info = walk.files.find((file) => file.file === 'a/z.txt')!
    const stats = await stat(join(folder, 'a/z.txt'))
    expect(info).toEqual({ path: join(folder, 'a/z.txt'), file: 'a/z.txt', root: folder, size: 4, mtimeMs: stats.mtimeMs, dev: stats.dev, ino: stats.ino })
  })

  it('reports a file given by itself under its name', async () => {
    await write('deep/x.txt')
    const walk = await walkCorpus([join(folder, 'deep/x.txt')])
    expect(walk.files).toMatchObject([{ file: 'x.txt', root: join(folder, 'deep/x.txt') }])
  })

  it('passes over hidden entries and keeps settings files apart from articles', async () => {
    for (const path of ['.hidden.txt', '.git/config.txt', 'metadata.json', 'taxonomy.json', 'people-aliases.json', 'desk.aliases.json', 'a.txt']) await write(path)
    const walk = await walkCorpus([folder])
    expect(listed(walk)).toEqual(['a.txt'])
    expect(walk.settings.map((file) => file.file)).toEqual(['desk.aliases.json', 'metadata.json', 'people-aliases.json', 'taxonomy.json'])
    expect(walk.skipped).toEqual([])
  })

  it('lists a path that does not exist as missing, not as skipped', async () => {
    const walk = await walkCorpus([join(folder, 'nope'), folder])
    expect(walk.missing).toEqual([join(folder, 'nope')])
    expect(walk.skipped).toEqual([])
  })

  it('walks a tree 2,000 folders deep without recursion', async () => {
    // In memory where there is such a file system: on disk, making and removing the tree takes seconds.
    const base = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'clippings-deep-'))
    try {
      // 2,000 one-letter folders keep the path under the system's 4,096-byte limit.
      const deep = Array.from({ length: 2000 }, () => 'd').join('/')
      await mkdir(join(base, deep), { recursive: true })
      await writeFile(join(base, deep, 'bottom.txt'), 'text')
      const walk = await walkCorpus([base])
      expect(listed(walk)).toEqual([`${deep}/bottom.txt`])
    } finally {
      removeTree(base)
    }
  })

  it('enters each folder once however many links lead back to it, and names the loops', async () => {
    // Every folder links to the root and to its parent: a walk that followed links would never end.
    const folders = ['', 'a', 'a/b', 'a/b/c', 'a/b/c/d']
    for (const path of folders) {
      await write(join(path, 'f.txt'))
      await symlink(folder, join(folder, path, 'root'))
      if (path) await symlink('..', join(folder, path, 'up'))
    }
    const started = performance.now()
    const walk = await walkCorpus([folder])
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(listed(walk)).toEqual(['a/b/c/d/f.txt', 'a/b/c/f.txt', 'a/b/f.txt', 'a/f.txt', 'f.txt'])
    expect(reasonFor(walk, 'a/b/root')).toBe('symbolic link loop (a link back to a folder above it)')
    expect(reasonFor(walk, 'a/b/up')).toBe('symbolic link loop (a link back to a folder above it)')
  })

  it('lists a folder reached by a second link once, naming the first', async () => {
    await write('2024/x.txt')
    await symlink(join(folder, '2024'), join(folder, 'latest'))
    const walk = await walkCorpus([folder])
    expect(listed(walk)).toEqual(['2024/x.txt'])
    expect(reasonFor(walk, 'latest')).toBe('same folder as "2024", read once')
  })

  it('lists a file reached twice (a link, a hard link) once', async () => {
    await write('a.txt')
    await symlink(join(folder, 'a.txt'), join(folder, 'b.txt'))
    await link(join(folder, 'a.txt'), join(folder, 'c.txt'))
    const walk = await walkCorpus([folder])
    expect(listed(walk)).toEqual(['a.txt'])
    expect(reasonFor(walk, 'c.txt')).toBe('same file as "a.txt", read once')
  })

  it('tells a link loop between files from a broken link', async () => {
    await symlink('two.txt', join(folder, 'one.txt'))
    await symlink('one.txt', join(folder, 'two.txt'))
    await symlink('nowhere.txt', join(folder, 'broken.txt'))
    const walk = await walkCorpus([folder])
    expect(reasonFor(walk, 'one.txt')).toBe('symbolic link loop')
    expect(reasonFor(walk, 'two.txt')).toBe('symbolic link loop')
    expect(reasonFor(walk, 'broken.txt')).toBe('broken link (its target does not exist)')
  })

  it('reports a named pipe instead of opening it', async (context) => {
    try {
      execFileSync('mkfifo', [join(folder, 'pipe.txt')])
    } catch {
      console.warn('mkfifo is not available: skipping the named pipe case')
      context.skip()
    }
    await write('a.txt')
    const walk = await walkCorpus([folder])
    expect(listed(walk)).toEqual(['a.txt'])
    expect(reasonFor(walk, 'pipe.txt')).toBe('not a regular file (a named pipe)')
  })

  it('reports a file name that is not UTF-8 in a readable escaped form', async () => {
    const name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')])
    await writeFile(Buffer.concat([Buffer.from(`${folder}/`), name]), 'text')
    const walk = await walkCorpus([folder])
    expect(walk.files).toEqual([])
    expect(walk.skipped).toEqual([{ file: 'caf\\xE9.txt', reason: 'file name is not valid UTF-8 (shown with \\x escapes); rename it to index it' }])
  })

  it('reports folders and files it has no permission to read, and walks on', async (context) => {
    await write('open.txt')
    await write('secret.txt')
    await write('locked/inside.txt')
    await chmod(folder, 0o755)
    await chmod(join(folder, 'secret.txt'), 0o000)
    await chmod(join(folder, 'locked'), 0o000)
    let walk: CorpusWalk
    try {
      walk = await walkUnprivileged(folder, context.skip)
    } finally {
      await chmod(join(folder, 'locked'), 0o755)
    }
    expect(listed(walk)).toEqual(['open.txt'])
    expect(reasonFor(walk, 'secret.txt')).toBe('cannot read (permission denied, EACCES)')
    expect(reasonFor(walk, 'locked')).toBe('cannot read folder (permission denied, EACCES)')
  })
})

/**
 * The walk as a user without special rights sees it. Root reads files whatever their mode, so as root the
 * walk runs in a child process as "nobody" (uid 65534); the case is skipped when that is not possible.
 */
async function walkUnprivileged(path: string, skip: () => void): Promise<CorpusWalk> {
  if (process.getuid?.() !== 0) return walkCorpus([path])
  const script = `const { walkCorpus } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src/ingest/walk.ts'))}); console.log(JSON.stringify(await walkCorpus([${JSON.stringify(path)}])))`
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    uid: 65534,
    gid: 65534,
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (child.status !== 0) {
    console.warn(`running as root and cannot run a walk as "nobody" (${child.error?.message ?? child.stderr.split('\n')[0]}): skipping the permission case`)
    skip()
  }
  return JSON.parse(child.stdout) as CorpusWalk
}

describe('decodeFileName', () => {
  it('keeps a UTF-8 name as it is', () => {
    expect(decodeFileName(Buffer.from('Türkiye.txt'))).toEqual({ text: 'Türkiye.txt', escaped: 'Türkiye.txt' })
  })

  it('escapes only the bytes that are not UTF-8', () => {
    expect(decodeFileName(Buffer.concat([Buffer.from('ü'), Buffer.from([0xff, 0xc3]), Buffer.from('x')]))).toEqual({ escaped: 'ü\\xFF\\xC3x' })
  })
})
