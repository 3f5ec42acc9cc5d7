// Making writes durable: a file or a folder's entries flushed to disk (fsync) before anything counts on
// them, so an acknowledged write survives a crash or a power cut. Shared by the index files and the
// articles pushed through the API.
import { open } from 'node:fs/promises'

/** Flushes a file to disk so a rename or a commit that follows never exposes a half-written file. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Flushes a folder's entries (a rename, a new file) to disk. Some systems cannot: then the rename is trusted. */
export async function syncDir(path: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'r')
    await handle.sync()
  } catch {
    // Not supported here (EISDIR/EINVAL on some platforms): nothing more can be done.
  } finally {
    await handle?.close()
  }
}
