// Turns a file's bytes into text, or says in one line why they are not article text (empty, binary, not UTF-8).

export type DecodeResult = { text: string } | { skip: string }

/** Decodes UTF-8 strictly; a byte-order mark is dropped and line endings become "\n". */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { skip: 'empty file' }
  // A NUL byte never occurs in text files; it marks images, PDFs, office documents and archives.
  if (bytes.includes(0)) return { skip: 'binary data, not text' }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { skip: 'not valid UTF-8 text' }
  }
  text = normalizeText(text)
  if (!text.trim()) return { skip: 'empty file' }
  return { text }
}

/** Unifies line endings and drops control characters (form feeds, the ETX that ends Reuters stories). */
export function normalizeText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
}
