// Reads a markdown article: YAML front matter gives the metadata; the body stays markdown (the cleaner
// strips the markup), with soft-wrapped lines joined so that each block is one line.
import { parse as parseYaml } from 'yaml'
import type { ReadOutcome } from './types.ts'
import { metaFromRecord } from './record-meta.ts'

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/

/**
 * Front matter fields: `title` (or `headline`), `source` (or `site`, `publisher`), `url`, `date`
 * (or `published`), `author` (a name or a list), `authorRole`, `place`, `language`, `titleOrigin`;
 * `people` (a list of names); any other key holding a short label or a list of them (`tags`, `desk`, …)
 * is kept as one of the corpus's own fields. Front matter that is not valid YAML, or a date that cannot
 * be read, is reported and ignored; the body is still read.
 */
export function readMarkdown(text: string, file: string): ReadOutcome {
  const match = text.match(FRONT_MATTER)
  let record: Record<string, unknown> = {}
  const warnings: string[] = []
  if (match) {
    try {
      const parsed: unknown = parseYaml(match[1])
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) record = parsed as Record<string, unknown>
      else if (parsed !== null && parsed !== undefined) warnings.push(`${file}: front matter is not a set of fields; ignored`)
    } catch (error) {
      warnings.push(`${file}: front matter is not valid YAML (${firstLine(error)}); ignored`)
    }
  }
  const body = joinSoftWrappedLines(match ? text.slice(match[0].length) : text)
  if (!body.trim()) return { skip: 'no article text (front matter only)' }
  const problems: string[] = []
  const meta = metaFromRecord(record, problems)
  warnings.push(...problems.map((problem) => `${file}: front matter ${problem}`))
  return { article: { file, format: 'md', body, meta }, warnings }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]
}

const FENCE = /^\s{0,3}(```|~~~)/
const HEADING = /^\s{0,3}#{1,6}(\s|$)/
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/
const QUOTE = /^\s{0,3}>/
const TABLE_ROW = /^\s*\|/
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/

/**
 * Markdown joins the lines of a paragraph (a "soft" break is a space). Each block (paragraph, heading,
 * list item, quotation, table row) becomes one line, blocks separated by a blank line so the result is
 * still markdown. Code fences are kept line for line.
 */
export function joinSoftWrappedLines(markdown: string): string {
  const blocks: string[] = []
  let current: string | undefined
  let currentKind: 'paragraph' | 'item' | 'quote' | undefined
  let inFence = false
  const flush = () => {
    if (current !== undefined) blocks.push(current)
    current = undefined
    currentKind = undefined
  }
  for (const rawLine of markdown.split('\n')) {
    const line = rawLine.trimEnd()
    if (inFence) {
      current = current === undefined ? line : `${current}\n${line}`
      if (FENCE.test(line)) {
        inFence = false
        flush()
      }
      continue
    }
    if (FENCE.test(line)) {
      flush()
      current = line
      inFence = true
      continue
    }
    if (!line.trim()) {
      flush()
      continue
    }
    if (currentKind === 'paragraph' && SETEXT_UNDERLINE.test(line)) {
      // "Title\n=====" is a heading written the other way.
      current = `${line.trim().startsWith('=') ? '#' : '##'} ${current}`
      flush()
      continue
    }
    if (HEADING.test(line) || TABLE_ROW.test(line) || RULE.test(line)) {
      flush()
      blocks.push(line.trim())
      continue
    }
    if (LIST_ITEM.test(line)) {
      flush()
      current = line.trim()
      currentKind = 'item'
      continue
    }
    if (QUOTE.test(line)) {
      const content = line.replace(/^\s{0,3}>\s?/, '')
      if (currentKind === 'quote') current += content.trim() ? ` ${content.trim()}` : ''
      else {
        flush()
        current = `> ${content.trim()}`
        currentKind = 'quote'
      }
      continue
    }
    // A hard break (two trailing spaces or a backslash) ends the line on purpose.
    const hardBreak = / {2,}$/.test(rawLine) || /\\$/.test(line)
    const text = line.trim().replace(/\\$/, '')
    if (current === undefined) {
      current = text
      currentKind = 'paragraph'
    } else current = `${current} ${text}`
    if (hardBreak) flush()
  }
  flush()
  return blocks.join('\n\n')
}
