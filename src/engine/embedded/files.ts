// Durable file writing and checked reading for the embedded index. Every file is written whole, flushed to
// disk (fsync) before anything refers to it, and recorded with its size and CRC-32, so damage is detected
// when it is read, never served.
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { syncDir, syncFile } from '../../durable.ts'

export { syncDir, syncFile }
import { once } from 'node:events'
import { createGunzip, createGzip, crc32 } from 'node:zlib'

/** What a commit records of a file it refers to. */
export interface FileCheck {
  bytes: number
  crc32: number
}

/** Milliseconds of work between two turns of the event loop while a large file is written. */
const SLICE_MS = 8

/**
 * The items of an iterable, handed out with a turn of the event loop every few milliseconds of work, so a
 * file written by a serving process (a merge) never holds searches up for long. (`for await` over a plain
 * iterable only yields to microtasks, never to the I/O and timers searches wait on.)
 */
async function* paced<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  let sliceStart = performance.now()
  for await (const item of items) {
    yield item
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
}

/** Counts bytes and the CRC-32 of what passes through a writer. */
class Checksum {
  bytes = 0
  crc = 0
  update(chunk: Uint8Array): void {
    // Empty chunks are skipped: zlib.crc32 answers 0 for a view of an empty buffer, whatever the running value.
    if (chunk.length === 0) return
    this.bytes += chunk.length
    this.crc = crc32(chunk, this.crc)
  }
  result(): FileCheck {
    return { bytes: this.bytes, crc32: this.crc }
  }
}

async function finishStream(stream: NodeJS.WritableStream & { end(): void }, path: string): Promise<void> {
  stream.end()
  await once(stream, 'finish')
  await syncFile(path)
}

/** Writes byte chunks to a new file, durably; returns its check. */
export async function writeChunks(path: string, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<FileCheck> {
  const stream = createWriteStream(path, { flags: 'wx' })
  const sum = new Checksum()
  try {
    for await (const chunk of paced(chunks)) {
      sum.update(chunk)
      if (!stream.write(chunk)) await once(stream, 'drain')
    }
    await finishStream(stream, path)
  } catch (error) {
    stream.destroy()
    throw error
  }
  return sum.result()
}

/**
 * Writes items as JSON Lines, gzipped at the fastest level (text shrinks to about a third, and inflating
 * runs on libuv's thread pool beside the parsing), a megabyte of lines per compression call; returns the
 * check of the bytes on disk.
 */
export async function writeJsonLines(path: string, items: Iterable<unknown> | AsyncIterable<unknown>): Promise<FileCheck> {
  const file = createWriteStream(path, { flags: 'wx' })
  const gzip = createGzip({ level: 1 })
  const sum = new Checksum()
  gzip.on('data', (chunk: Buffer) => sum.update(chunk))
  gzip.pipe(file)
  let batch = ''
  try {
    for await (const item of paced(items)) {
      batch += JSON.stringify(item) + '\n'
      if (batch.length < 1 << 20) continue
      if (!gzip.write(batch)) await once(gzip, 'drain')
      batch = ''
    }
    gzip.end(batch)
    await once(file, 'finish')
    await syncFile(path)
  } catch (error) {
    gzip.destroy()
    file.destroy()
    throw error
  }
  return sum.result()
}

/** Writes a small text file durably; returns its check. */
export async function writeText(path: string, text: string, options: { exclusive?: boolean } = {}): Promise<FileCheck> {
  const bytes = Buffer.from(text, 'utf8')
  await writeFile(path, bytes, { flag: options.exclusive === false ? 'w' : 'wx' })
  await syncFile(path)
  return { bytes: bytes.length, crc32: crc32(bytes) }
}

/** A file's bytes, checked against what its commit recorded; throws naming the file when they differ. */
export async function readChecked(path: string, check: FileCheck | undefined, name = path): Promise<Buffer> {
  const bytes = await readFile(path)
  verify(bytes, check, name)
  return bytes
}

export function verify(bytes: Uint8Array, check: FileCheck | undefined, name: string): void {
  if (!check) return
  if (bytes.length !== check.bytes) throw new Error(`${name} has ${bytes.length} bytes, expected ${check.bytes}`)
  if (crc32(bytes) !== check.crc32) throw new Error(`${name} is damaged (its checksum does not match)`)
}

/** Parses each newline-ended line of `text` and returns where the unfinished rest begins. */
function visitCompleteLines(text: string, visit: (item: unknown) => void): number {
  let start = 0
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end > start) visit(JSON.parse(text.slice(start, end)))
    start = end + 1
  }
  return start
}

/**
 * Calls `visit` with each line of a gzipped JSON Lines file, parsed, checking the file against its
 * record as it streams. Reads in large chunks and splits on newlines itself: node:readline costs several
 * seconds per million lines, more than the parsing.
 */
export async function forEachJsonLine(path: string, check: FileCheck | undefined, visit: (item: unknown) => void): Promise<void> {
  const file = createReadStream(path, { highWaterMark: 1 << 24 })
  const sum = new Checksum()
  file.on('data', (chunk) => sum.update(chunk as Buffer))
  const text = file.pipe(createGunzip({ chunkSize: 1 << 22 }))
  file.on('error', (error) => text.destroy(error))
  text.setEncoding('utf8')
  let rest = ''
  for await (const chunk of text) {
    const joined = rest + (chunk as string)
    rest = joined.slice(visitCompleteLines(joined, visit))
  }
  if (rest.trim()) visit(JSON.parse(rest))
  if (check) {
    const seen = sum.result()
    if (seen.bytes !== check.bytes || seen.crc32 !== check.crc32) throw new Error(`${path} is damaged (its checksum does not match)`)
  }
}
