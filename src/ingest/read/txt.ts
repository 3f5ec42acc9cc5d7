// Reads a plain text article (e.g. text scraped from a page): the format states no metadata, and a
// hard-wrapped text is unwrapped so that each paragraph is one line.
import type { ReadOutcome } from './types.ts'
import { unwrapHardWrappedText } from './unwrap.ts'

export function readTxt(text: string, file: string): ReadOutcome {
  const body = unwrapHardWrappedText(text)
  if (!body.trim()) return { skip: 'empty file' }
  return { article: { file, format: 'txt', body, meta: {} } }
}
