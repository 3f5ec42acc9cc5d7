// Highlighting without HTML injection: splits text at character ranges and wraps the (escaped) pieces in <mark>.
import type { Range, Snippet } from '../src/model.ts'

export interface TextPiece {
  text: string
  marked: boolean
}

/** Cuts `text` into plain and marked pieces; ranges may overlap, be unsorted or run past the end. */
export function splitByRanges(text: string, ranges: readonly Range[]): TextPiece[] {
  const clean = ranges
    .map(([start, end]): Range => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const pieces: TextPiece[] = []
  let cursor = 0
  for (const [start, end] of clean) {
    if (end <= cursor) continue
    const from = Math.max(start, cursor)
    const last = pieces.at(-1)
    if (from > cursor) pieces.push({ text: text.slice(cursor, from), marked: false })
    else if (last?.marked) {
      // Overlapping or touching ranges make one mark.
      last.text += text.slice(from, end)
      cursor = end
      continue
    }
    pieces.push({ text: text.slice(from, end), marked: true })
    cursor = end
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), marked: false })
  return pieces
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)
}

/** A snippet as an HTML string for the JSON API: escaped text, matches in <mark>, "…" where it was cut. */
export function snippetHtml(snippet: Snippet): string {
  const body = splitByRanges(snippet.text, snippet.ranges)
    .map((piece) => (piece.marked ? `<mark>${escapeHtml(piece.text)}</mark>` : escapeHtml(piece.text)))
    .join('')
  return `${snippet.truncatedStart ? '…' : ''}${body}${snippet.truncatedEnd ? '…' : ''}`
}

/** Text with its ranges marked; JSX escapes every piece. */
export function Highlight(props: { text: string; ranges: readonly Range[] }) {
  return <>{splitByRanges(props.text, props.ranges).map((piece) => (piece.marked ? <mark>{piece.text}</mark> : piece.text))}</>
}

export function SnippetText(props: { snippet: Snippet }) {
  const { snippet } = props
  return (
    <>
      {snippet.truncatedStart ? '…' : ''}
      <Highlight text={snippet.text} ranges={snippet.ranges} />
      {snippet.truncatedEnd ? '…' : ''}
    </>
  )
}
