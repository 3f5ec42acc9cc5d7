// The index folder: what is in force, what belongs to the index, and who may write.
//
// - A commit (`manifest-<generation>.json`) names the base, the indexer state and the deltas in force, with
//   each file's size and CRC-32, and carries its own checksum. Commits are written to a temporary file,
//   flushed and renamed, so each is whole or absent. The newest commit whose checksum and files verify is in
//   force; the previous one is kept as a second copy, so a damaged newest commit loses one update at most,
//   never the index.
// - Every name the index creates is first recorded in `owned.jsonl`. Cleanup (at the start of a write)
//   removes only recorded names that no kept commit refers to, and only in a folder holding a commit, so a
//   crash's leftovers go and nobody else's files are ever touched.
// - One writer at a time: `writer.lock` holds the writing process's id; a lock left by a dead process is
//   taken over.
import { appendFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, join, resolve, sep } from 'node:path'
import { crc32 } from 'node:zlib'
import { ClippingsError } from '../../errors.ts'
import { syncDir, syncFile, type FileCheck } from './files.ts'
import type { BaseChecks } from './persist.ts'

/** Bumped when the files' shape changes; an index of another format is never misread. */
export const FORMAT_VERSION = 8

export interface DeltaRecord {
  name: string
  check: FileCheck
  /** Articles the delta adds (or replaces) and removes. */
  added: number
  removed: number
  /** Passages the delta adds. */
  passages: number
}

export interface Commit {
  clippings: 'index'
  format: number
  generation: number
  base: { name: string; files: BaseChecks; passages: number }
  /** The indexer's state as it was when the base was written; deltas carry patches to it. */
  state: { name: string; check: FileCheck }
  deltas: DeltaRecord[]
  /** Articles and passages after this commit (after a delta, an estimate: shown to people, never relied on). */
  counts: { articles: number; passages: number }
  builtAt: string
  updatedAt: string
  committedAt: string
  /** CRC-32 of the commit's JSON without this field. */
  checksum?: number
}

const COMMIT_NAME = /^manifest-(\d{8})\.json$/
/** Names the index creates, so nothing else is ever taken for one of its files. */
const OWNED_NAME = /^(?:base-\d{8}-[a-z0-9]+|delta-\d{8}-[a-z0-9]+\.jsonl\.gz|state-\d{8}-[a-z0-9]+\.json\.gz|manifest-\d{8}\.json(?:\.[a-z0-9]+\.tmp)?)$/
const LEGACY_MANIFEST = 'manifest.json'
const OWNED = 'owned.jsonl'
const LOCK = 'writer.lock'
/** Commits kept: the one in force and the one before it, the second copy. */
const KEPT_COMMITS = 2

export function commitName(generation: number): string {
  return `manifest-${String(generation).padStart(8, '0')}.json`
}

/** A fresh name for a file or folder of generation `generation`: `base-00000012-k3x9`. */
export function newName(kind: 'base' | 'delta' | 'state', generation: number): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const extension = kind === 'delta' ? '.jsonl.gz' : kind === 'state' ? '.json.gz' : ''
  return `${kind}-${String(generation).padStart(8, '0')}-${suffix}${extension}`
}

function withChecksum(commit: Commit): Commit {
  const { checksum: _checksum, ...rest } = commit
  return { ...rest, checksum: crc32(JSON.stringify(rest)) }
}

/** Parses and checks a commit; throws saying what is wrong. */
function parseCommit(text: string, name: string): Commit {
  let commit: Commit
  try {
    commit = JSON.parse(text) as Commit
  } catch {
    throw new Error(`${name} is not valid JSON`)
  }
  if (typeof commit !== 'object' || commit === null || commit.clippings !== 'index') throw new Error(`${name} is not a Clippings commit`)
  const { checksum, ...rest } = commit
  if (checksum !== crc32(JSON.stringify(rest))) throw new Error(`${name} is damaged (its checksum does not match)`)
  if (commit.format !== FORMAT_VERSION) throw new ClippingsError('corrupt-index', `index format ${commit.format} is not this version's ${FORMAT_VERSION}`)
  for (const named of [commit.base?.name, commit.state?.name, ...(commit.deltas ?? []).map((d) => d.name)]) {
    if (typeof named !== 'string' || !OWNED_NAME.test(named)) throw new Error(`${name} names "${String(named)}", which is not a file of the index`)
  }
  return commit
}

export interface CommitChoice {
  commit?: Commit
  /** Why newer commits were passed over (damaged, unreadable, files missing). */
  problems: string[]
  /** Set when the folder holds an index of an older Clippings (format 7, `manifest.json`). */
  legacy?: boolean
  /** Set when commits exist but none is of this format. */
  otherFormat?: number
}

export class IndexFolder {
  readonly dir: string

  constructor(dir: string) {
    this.dir = resolve(dir)
  }

  /** A path inside the folder for a name the index owns; anything else is refused. */
  path(name: string): string {
    if (!OWNED_NAME.test(name) && name !== OWNED && name !== LOCK) throw new Error(`Clippings: "${name}" is not a file of the index`)
    const path = resolve(this.dir, name)
    if (!path.startsWith(this.dir + sep)) throw new Error(`Clippings: "${name}" is outside the index folder`)
    return path
  }

  /** Whether the folder holds a Clippings index of any format (a commit, or an older `manifest.json`). */
  async holdsIndex(): Promise<boolean> {
    const entries = await this.entries()
    return entries.some((entry) => COMMIT_NAME.test(entry) || entry === LEGACY_MANIFEST)
  }

  private async entries(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch {
      return []
    }
  }

  /**
   * The commit in force: the newest whose checksum verifies and whose files exist with the recorded sizes.
   * (Their contents are checked as they are read.)
   */
  async chooseCommit(): Promise<CommitChoice> {
    const entries = await this.entries()
    const generations = entries
      .map((entry) => COMMIT_NAME.exec(entry)?.[1])
      .filter((g): g is string => g !== undefined)
      .map(Number)
      .sort((a, b) => b - a)
    const problems: string[] = []
    let otherFormat: number | undefined
    for (const generation of generations) {
      const name = commitName(generation)
      try {
        const commit = parseCommit(await readFile(this.path(name), 'utf8'), name)
        await this.checkFilesExist(commit)
        return { commit, problems }
      } catch (error) {
        if (error instanceof ClippingsError) otherFormat ??= Number(/format (\d+)/.exec(error.message)?.[1])
        problems.push(`${name}: ${(error as Error).message}`)
      }
    }
    return { problems, legacy: entries.includes(LEGACY_MANIFEST), otherFormat }
  }

  private async checkFilesExist(commit: Commit): Promise<void> {
    const sized: [string, number][] = [[commit.state.name, commit.state.check.bytes], ...commit.deltas.map((d): [string, number] => [d.name, d.check.bytes])]
    for (const [file, check] of Object.entries(commit.base.files)) sized.push([join(commit.base.name, file), check.bytes])
    for (const [name, bytes] of sized) {
      const path = join(this.dir, name)
      let size: number
      try {
        size = (await stat(path)).size
      } catch {
        throw new Error(`${name} is missing`)
      }
      if (size !== bytes) throw new Error(`${name} has ${size} bytes, expected ${bytes}`)
    }
  }

  /** The index's state files, newest first. */
  async stateFiles(): Promise<string[]> {
    return (await this.entries()).filter((entry) => /^state-\d{8}-[a-z0-9]+\.json\.gz$/.test(entry)).sort().reverse()
  }

  /** The corpus an index of the older format (`manifest.json`) names, if it can be read. */
  async legacyCorpus(): Promise<string[] | undefined> {
    try {
      const legacy = JSON.parse(await readFile(join(this.dir, LEGACY_MANIFEST), 'utf8')) as { corpus?: unknown }
      return Array.isArray(legacy.corpus) && legacy.corpus.every((path) => typeof path === 'string') ? legacy.corpus : undefined
    } catch {
      return undefined
    }
  }

  /** Records a name as the index's own before it is created, so cleanup may remove it after a crash. */
  async own(name: string): Promise<void> {
    this.path(name)
    await mkdir(this.dir, { recursive: true })
    await appendFile(join(this.dir, OWNED), JSON.stringify({ name }) + '\n')
    await syncFile(join(this.dir, OWNED))
  }

  /** Writes a commit durably: a temporary file, flushed, renamed into place, the folder flushed. */
  async writeCommit(commit: Commit): Promise<Commit> {
    const name = commitName(commit.generation)
    const temporary = `${name}.${process.pid.toString(36)}.tmp`
    await this.own(temporary)
    await this.own(name)
    const sealed = withChecksum(commit)
    await writeFile(this.path(temporary), JSON.stringify(sealed, null, 2) + '\n', { flag: 'w' })
    await syncFile(this.path(temporary))
    await rename(this.path(temporary), this.path(name))
    await syncDir(this.dir)
    return sealed
  }

  /**
   * Removes what the index recorded as its own and no kept commit refers to: files and folders of
   * interrupted writes, older bases and deltas, older commits, temporary files. Also the files of an
   * index of the older format (its `manifest.json` and the build it names) once a current commit exists.
   * Call only while holding the writer lock.
   */
  async cleanup(): Promise<void> {
    const entries = await this.entries()
    const commits = entries
      .map((entry) => COMMIT_NAME.exec(entry)?.[1])
      .filter((g): g is string => g !== undefined)
      .map(Number)
      .sort((a, b) => b - a)
    if (commits.length === 0) return
    const kept = new Set<string>()
    let valid = 0
    for (const generation of commits) {
      const name = commitName(generation)
      if (valid >= KEPT_COMMITS) break
      try {
        const commit = parseCommit(await readFile(this.path(name), 'utf8'), name)
        valid++
        kept.add(name)
        kept.add(commit.base.name)
        kept.add(commit.state.name)
        for (const delta of commit.deltas) kept.add(delta.name)
      } catch {
        // A damaged commit is kept out of the way of nothing: it stays listed as owned and goes once older.
        kept.add(name)
      }
    }
    if (valid === 0) return
    const owned = await this.ownedNames()
    const remaining: string[] = []
    for (const name of owned) {
      if (kept.has(name)) {
        remaining.push(name)
        continue
      }
      await rm(this.path(name), { recursive: true, force: true })
    }
    await this.removeLegacy(entries)
    const temporary = join(this.dir, `${OWNED}.${process.pid.toString(36)}.tmp`)
    await writeFile(temporary, remaining.map((name) => JSON.stringify({ name }) + '\n').join(''))
    await syncFile(temporary)
    await rename(temporary, join(this.dir, OWNED))
    await syncDir(this.dir)
  }

  /** The older format's manifest and the build folder it names (`build-…`, inside this folder only). */
  private async removeLegacy(entries: string[]): Promise<void> {
    if (!entries.includes(LEGACY_MANIFEST)) return
    try {
      const legacy = JSON.parse(await readFile(join(this.dir, LEGACY_MANIFEST), 'utf8')) as { build?: unknown }
      if (typeof legacy.build === 'string' && /^build-[a-z0-9-]+$/.test(legacy.build) && entries.includes(legacy.build)) {
        await rm(join(this.dir, legacy.build), { recursive: true, force: true })
      }
    } catch {
      // An unreadable old manifest names nothing we can trust: only the manifest goes.
    }
    await rm(join(this.dir, LEGACY_MANIFEST), { force: true })
  }

  private async ownedNames(): Promise<string[]> {
    let text = ''
    try {
      text = await readFile(join(this.dir, OWNED), 'utf8')
    } catch {
      return []
    }
    const names = new Set<string>()
    for (const line of text.split('\n')) {
      try {
        const { name } = JSON.parse(line) as { name: unknown }
        if (typeof name === 'string' && OWNED_NAME.test(name) && basename(name) === name) names.add(name)
      } catch {
        // A line cut short by a crash names nothing.
      }
    }
    return [...names]
  }

  /** Takes the writer lock; throws when a live process (this one included) holds it. */
  async lock(): Promise<WriterLock> {
    await mkdir(this.dir, { recursive: true })
    const path = join(this.dir, LOCK)
    if (heldLocks.has(path)) throw new ClippingsError('usage', `Clippings: the index at ${this.dir} is already open for writing in this process`)
    const me = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx')
        await handle.writeFile(JSON.stringify(me))
        await handle.sync()
        await handle.close()
        heldLocks.add(path)
        return new WriterLock(path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const holder = await readLock(path)
        if (holder && holder.host === me.host && isAlive(holder.pid) && holder.pid !== process.pid) {
          throw new ClippingsError('usage', `Clippings: the index at ${this.dir} is being written by process ${holder.pid} (since ${holder.since}); try again when it is done`)
        }
        // Left by a process that is gone (or unreadable): taken over.
        await rm(path, { force: true })
      }
    }
    throw new ClippingsError('usage', `Clippings: cannot lock the index at ${this.dir} for writing`)
  }
}

/** Locks this process holds, so it never takes over its own. */
const heldLocks = new Set<string>()

export class WriterLock {
  private released = false
  constructor(private readonly path: string) {}

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    heldLocks.delete(this.path)
    await rm(this.path, { force: true })
  }
}

async function readLock(path: string): Promise<{ pid: number; host: string; since: string } | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
