// One walk of the corpus, shared by the reader and the indexer's change detection: every file under the
// paths given, each once, in a stable order, with what a change check needs (size, mtime, device and
// inode). Whatever cannot be read is reported with a reason; nothing here throws for a file or a folder.
import { constants } from 'node:fs'
import { access, lstat, readdir, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import type { SkippedFile } from '../model.ts'
import { describeError, errorCode } from './read/file-bytes.ts'
import { SIDECAR_FILE_NAME } from './read/sidecar.ts'

/** A file found by the walk. */
export interface CorpusFileInfo {
  /** Absolute path, through any symbolic links on the way (not resolved). */
  path: string
  /** The path reported to the user: relative to its root, '/'-separated (a file given itself: its name). */
  file: string
  /** The absolute form of the path it was found under, as given. */
  root: string
  size: number
  mtimeMs: number
  dev: number
  ino: number
}

export interface CorpusWalk {
  /** Article candidates, each once, sorted within each folder (folders and files interleaved by name). */
  files: CorpusFileInfo[]
  /** The indexer's own settings files met on the way (sidecars, taxonomy.json, people aliases): not articles. */
  settings: CorpusFileInfo[]
  /** Entries that cannot be used, with the reason. */
  skipped: SkippedFile[]
  /** Paths given that do not exist, as given. */
  missing: string[]
}

/** Files the indexer reads for itself (sidecars, people aliases, a taxonomy): not articles, not reported. */
export function isIndexerConfig(name: string): boolean {
  const lower = name.toLowerCase()
  return lower === SIDECAR_FILE_NAME || lower === 'taxonomy.json' || lower === 'people-aliases.json' || lower.endsWith('.aliases.json')
}

/** How many entries of one folder are looked at concurrently. */
const STAT_BATCH = 64

/** A folder entry, looked at: a folder to enter, a file, or why it is neither. */
type Entry =
  | { kind: 'folder'; path: string; file: string; info: Stats }
  | { kind: 'file'; path: string; file: string; info: Stats; settings: boolean }
  | { kind: 'skip'; file: string; reason: string }

/** A folder being listed: its entries and how far the walk has got through them. */
interface Frame {
  entries: Entry[]
  next: number
}

/**
 * Walks the paths: folders depth-first without recursion (a 2,000-deep tree costs no stack), entries sorted
 * by name so ids stay stable, hidden entries passed over. A folder is entered once, however many links
 * lead to it (known by device and inode), so link loops cost nothing; a file reached twice is listed once.
 */
export async function walkCorpus(paths: string[]): Promise<CorpusWalk> {
  const walk: CorpusWalk = { files: [], settings: [], skipped: [], missing: [] }
  /** Folders entered and files listed, by "dev:ino", with the path they were met under. */
  const seenFolders = new Map<string, { path: string; file: string }>()
  const seenFiles = new Map<string, string>()

  const addFile = (entry: Extract<Entry, { kind: 'file' }>, root: string) => {
    const key = `${entry.info.dev}:${entry.info.ino}`
    const first = seenFiles.get(key)
    if (first !== undefined) {
      if (!entry.settings) walk.skipped.push({ file: entry.file, reason: `same file as "${first}", read once` })
      return
    }
    seenFiles.set(key, entry.file)
    const info: CorpusFileInfo = {
      path: entry.path,
      file: entry.file,
      root,
      size: entry.info.size,
      mtimeMs: entry.info.mtimeMs,
      dev: entry.info.dev,
      ino: entry.info.ino,
    }
    ;(entry.settings ? walk.settings : walk.files).push(info)
  }

  /** Lists a folder unless it was entered before; a link back to a folder being walked is a loop. */
  const enter = async (folder: Extract<Entry, { kind: 'folder' }>): Promise<Frame | undefined> => {
    const key = `${folder.info.dev}:${folder.info.ino}`
    const first = seenFolders.get(key)
    if (first !== undefined) {
      const loop = folder.path.startsWith(first.path.endsWith(sep) ? first.path : first.path + sep)
      const reason = loop ? 'symbolic link loop (a link back to a folder above it)' : `same folder as "${first.file || '.'}", read once`
      walk.skipped.push({ file: folder.file || '.', reason })
      return undefined
    }
    seenFolders.set(key, { path: folder.path, file: folder.file })
    const entries = await listFolder(folder.path, folder.file)
    if ('reason' in entries) {
      walk.skipped.push({ file: folder.file || '.', reason: entries.reason })
      return undefined
    }
    return { entries, next: 0 }
  }

  for (const given of paths) {
    const root = resolve(given)
    let info: Stats
    try {
      info = await stat(root)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') walk.missing.push(given)
      else walk.skipped.push({ file: given, reason: reasonForError(error) })
      continue
    }
    if (!info.isDirectory()) {
      const entry = await fileEntry(root, basename(root), info)
      if (entry.kind === 'file') addFile(entry, root)
      else if (entry.kind === 'skip') walk.skipped.push({ file: entry.file, reason: entry.reason })
      continue
    }
    const first = await enter({ kind: 'folder', path: root, file: '', info })
    const stack: Frame[] = first ? [first] : []
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      const entry = frame.entries[frame.next++]
      if (entry === undefined) {
        stack.pop()
        continue
      }
      if (entry.kind === 'skip') walk.skipped.push({ file: entry.file, reason: entry.reason })
      else if (entry.kind === 'file') addFile(entry, root)
      else {
        const child = await enter(entry)
        if (child) stack.push(child)
      }
    }
  }
  return walk
}

/** A folder's entries, sorted by name and looked at; or why it cannot be listed. */
async function listFolder(folder: string, reported: string): Promise<Entry[] | { reason: string }> {
  let names: Buffer[]
  try {
    // Names as bytes: a name that is not UTF-8 would otherwise be mangled into one that does not exist.
    names = await readdir(folder, { encoding: 'buffer' })
  } catch (error) {
    return { reason: `cannot read folder (${describeError(error)})` }
  }
  const decoded = names
    .map(decodeFileName)
    .filter((name) => !name.escaped.startsWith('.'))
    .sort((a, b) => compareNames(a.escaped, b.escaped))
  const entries: Entry[] = []
  for (let start = 0; start < decoded.length; start += STAT_BATCH) {
    const batch = decoded.slice(start, start + STAT_BATCH)
    entries.push(
      ...(await Promise.all(
        batch.map(async (name): Promise<Entry> => {
          const file = reported ? `${reported}/${name.escaped}` : name.escaped
          if (name.text === undefined) return { kind: 'skip', file, reason: 'file name is not valid UTF-8 (shown with \\x escapes); rename it to index it' }
          return lookAt(join(folder, name.text), file, name.text)
        }),
      )),
    )
  }
  return entries
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** What one folder entry is, following symbolic links. */
async function lookAt(path: string, file: string, name: string): Promise<Entry> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    return { kind: 'skip', file, reason: await reasonForStatError(path, error) }
  }
  if (info.isDirectory()) return { kind: 'folder', path, file, info }
  return fileEntry(path, file, info, name)
}

/** A regular file the walk can open, or why not; settings files are told apart by name. */
async function fileEntry(path: string, file: string, info: Stats, name = basename(path)): Promise<Entry> {
  if (!info.isFile()) return { kind: 'skip', file, reason: `not a regular file (${kindOf(info)})` }
  try {
    await access(path, constants.R_OK)
  } catch (error) {
    return { kind: 'skip', file, reason: `cannot read (${describeError(error)})` }
  }
  return { kind: 'file', path, file, info, settings: isIndexerConfig(name) }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'unknown kind'
}

/** A failed stat: a link that leads nowhere or round in a circle is named as such. */
async function reasonForStatError(path: string, error: unknown): Promise<string> {
  const code = errorCode(error)
  if (code === 'ELOOP') return 'symbolic link loop'
  if (code === 'ENOENT') {
    // The entry was listed, so what is missing is the target of a link (or it was deleted just now).
    try {
      if ((await lstat(path)).isSymbolicLink()) return 'broken link (its target does not exist)'
    } catch {
      // gone since it was listed
    }
    return 'cannot read (it disappeared while the folder was read)'
  }
  return reasonForError(error)
}

function reasonForError(error: unknown): string {
  if (errorCode(error) === 'ELOOP') return 'symbolic link loop'
  return `cannot read (${describeError(error)})`
}

/**
 * A file name as text; when its bytes are not UTF-8, `text` is undefined and `escaped` shows it readably,
 * valid characters as they are and each stray byte as `\xE9`.
 */
export function decodeFileName(bytes: Uint8Array): { text?: string; escaped: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8')
    return { text, escaped: text }
  }
  let escaped = ''
  for (let i = 0; i < buffer.length; ) {
    const length = utf8SequenceLength(buffer[i]!)
    const sequence = buffer.subarray(i, i + length)
    if (length > 0 && sequence.length === length && isUtf8(sequence)) {
      escaped += sequence.toString('utf8')
      i += length
    } else {
      escaped += `\\x${buffer[i]!.toString(16).toUpperCase().padStart(2, '0')}`
      i++
    }
  }
  return { escaped }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The length a UTF-8 sequence starting with this byte has; 0 for a byte no sequence starts with. */
function utf8SequenceLength(lead: number): number {
  if (lead < 0x80) return 1
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}
