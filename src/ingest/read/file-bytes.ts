// Reading a file's bytes within a size limit, and naming file-system errors the way the summary states them.
import { open } from 'node:fs/promises'
import { formatBytes } from '../limits.ts'

/** The file's bytes, or why not (with the error's code): never more than `maxBytes` are read, whatever the file has become. */
export async function readBounded(path: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { skip: string; code?: string }> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return { skip: `cannot read (${describeError(error)})`, code: errorCode(error) }
  }
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) return { skip: tooLarge(size, maxBytes) }
    // One byte more than the size tells a file that grew past the limit since it was looked at.
    const buffer = Buffer.alloc(size + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) return { skip: tooLarge(length, maxBytes) }
    return { bytes: buffer.subarray(0, length) }
  } catch (error) {
    return { skip: `cannot read (${describeError(error)})`, code: errorCode(error) }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** "too large: 50 MB (at most 20 MB for one article)". */
export function tooLarge(size: number, maxBytes: number): string {
  return `too large: ${formatBytes(size)} (at most ${formatBytes(maxBytes)} for one article)`
}

const ERROR_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'path too long',
  ENOTDIR: 'not a folder',
  EISDIR: 'a folder',
  EIO: 'input/output error',
}

/** "permission denied, EACCES": the words for common codes, the code always. */
export function describeError(error: unknown): string {
  const code = errorCode(error)
  const words = ERROR_WORDS[code]
  return words ? `${words}, ${code}` : code
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error))
}
