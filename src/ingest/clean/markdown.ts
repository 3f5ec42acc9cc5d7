// Markdown left in scraped text by HTML-to-markdown converters: escaped characters (`\$893 million`),
// emphasis around names (`**Umed Jaihani**`, `*Ctrl+Enter*`), links whose target was lost (`[text](#)`),
// images, heading marks, quote marks and separator lines. The words stay; the syntax goes.
import type { Unit } from './segment.ts'

// A line that is only a thematic break: `***`, `---`, `* * *`, `___`, `===`, `§`.
const SEPARATOR = /^(?:[*\-_=~•·]\s*){3,}$|^§+$/u

/** Strips markdown syntax from one line, keeping the words. */
export function stripMarkdown(line: string): string {
  return (
    line
      // images carry no article text: ![alt](src)
      .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
      // links keep their text, whatever the target: [text](https://…) or [text](#)
      .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
      // reference-style links: [text][ref]
      .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, '$1')
      // autolinks: <https://example.com>
      .replace(/<((?:https?|mailto):[^>\s]+)>/gu, '$1')
      // strong and emphasis: **x**, __x__, *x*, _x_ (underscores only at word edges, not snake_case)
      .replace(/\*\*(?=\S)([^*]+?)\*\*/gu, '$1')
      .replace(/(^|[^\p{L}\p{N}_])__(?=\S)(.+?)__(?![\p{L}\p{N}_])/gu, '$1$2')
      .replace(/(^|[^*\p{L}\p{N}])\*(?=[^\s*])([^*]+?)\*(?![*\p{L}\p{N}])/gu, '$1$2')
      .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]+?)_(?![\p{L}\p{N}_])/gu, '$1$2')
      // inline code: `x`
      .replace(/`([^`]+)`/gu, '$1')
      // backslash escapes: \$ \* \_ \# \[ \] \( \) \. \! \- \> \` \\ \|
      .replace(/\\([\\`*_{}\[\]()#+\-.!$>|~])/gu, '$1')
      .replace(/\s+/gu, ' ')
      .trim()
  )
}

/** Removes markdown syntax from every unit, drops separator and image-only lines, marks `#` headings. */
export function cleanMarkdown(units: Unit[], removed: string[]): Unit[] {
  const cleaned: Unit[] = []
  for (const unit of units) {
    let text = unit.text
    if (SEPARATOR.test(text)) {
      removed.push(`removed separator line: ${text}`)
      continue
    }
    let markedHeading = unit.markedHeading
    const heading = /^#{1,6}\s+(.*?)\s*#*$/u.exec(text)
    if (heading) {
      text = heading[1]!
      markedHeading = true
    }
    // block quotes: "> quoted words"
    text = text.replace(/^(?:>\s?)+/u, '')
    const stripped = stripMarkdown(text)
    if (stripped === '') {
      removed.push(`removed image or empty markup: ${unit.text}`)
      continue
    }
    cleaned.push(markedHeading ? { ...unit, text: stripped, markedHeading } : { ...unit, text: stripped })
  }
  return cleaned
}
