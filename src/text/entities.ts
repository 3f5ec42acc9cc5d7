// HTML character references in text that should have none: scrapers and feeds leave "&amp;", "&#8217;" and
// "&nbsp;" in plain text. Decoded by the `entities` package (the WHATWG list of named references), strictly:
// only references closed by a semicolon, so "AT&T" or "&copy" in ordinary text stay as written.
import { decodeHTMLStrict } from 'entities'

/** Decodes character references, drops control and invisible formatting characters, and turns no-break spaces into spaces. */
export function decodeHtmlEntities(text: string): string {
  const decoded = text.includes('&') ? decodeHTMLStrict(text) : text
  return decoded
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u00ad\ufeff\ufffd]/gu, '')
    .replace(/\u00a0/gu, ' ')
}
