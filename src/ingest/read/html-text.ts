// Writes the main content of a page as block text, one block a paragraph separated by blank lines:
// headings as `## `, list items as `- `, quotations as `> `, table rows with cells joined by ` | `. Inline
// markup is dropped. The walk is iterative (an explicit stack), so nesting depth costs no call stack.
import { parseHTML } from 'linkedom'
import { capNesting, DEFAULT_HTML_BOUNDS } from './html-bounds.ts'

const HEADING_TAG = /^H([1-6])$/
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'UL', 'OL', 'LI', 'BLOCKQUOTE',
  'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'FIGURE', 'FIGCAPTION', 'DL', 'DT', 'DD', 'HR', 'BR', 'ADDRESS',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DETAILS', 'SUMMARY', 'FORM', 'CENTER',
])
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'IFRAME', 'OBJECT', 'SELECT'])
// Inside a figure, the part of the caption marked as its credit ("Credit…", the photographer, the agency)
// is furniture; the description is kept.
const CREDIT_MARK = /credit|copyright|photographer|byline|attribution/i
const CREDIT_ITEMPROP = /^(?:copyrightHolder|copyrightNotice|creditText|author|creator)$/i

/** A node as the walk sees it (linkedom's nodes, without depending on its types). */
export interface TextNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  firstChild: TextNode | null
  nextSibling: TextNode | null
  getAttribute?(name: string): string | null
}

interface Frame {
  node?: TextNode
  prefix: string
  inPre: boolean
  inFigure: boolean
  /** Set for the exit step of an element: what to do once its children are written. */
  exit?: () => void
}

/** Writes an HTML fragment as block text (see the module comment); nesting is capped first, as for a page. */
export function htmlToBlockText(html: string): string {
  const { document } = parseHTML(capNesting(`<!doctype html><html><body>${html}</body></html>`, DEFAULT_HTML_BOUNDS.maxDepth).html)
  return nodeToBlockText(document.body as unknown as TextNode)
}

/** Writes a node (usually Readability's article element) as block text. */
export function nodeToBlockText(root: TextNode): string {
  const blocks: string[] = []
  let inline = ''
  const flush = (prefix: string) => {
    const text = inline.replace(/\s+/g, ' ').trim()
    if (text) blocks.push(prefix + text)
    inline = ''
  }
  const stack: Frame[] = [{ node: root, prefix: '', inPre: false, inFigure: false }]
  const pushChildren = (node: TextNode, prefix: string, inPre: boolean, inFigure: boolean) => {
    const start = stack.length
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push({ node: child, prefix, inPre, inFigure })
    // children were pushed first to last; the stack must pop them in that order
    for (let low = start, high = stack.length - 1; low < high; low++, high--) [stack[low], stack[high]] = [stack[high]!, stack[low]!]
  }

  while (stack.length > 0) {
    const frame = stack.pop()!
    if (frame.exit) {
      frame.exit()
      continue
    }
    const { node, prefix, inPre, inFigure } = frame
    if (!node) continue
    if (node.nodeType === 3) {
      inline += inPre ? node.textContent ?? '' : (node.textContent ?? '').replace(/\s+/g, ' ')
      continue
    }
    if (node.nodeType !== 1) continue
    const tag = node.nodeName.toUpperCase()
    if (SKIPPED_TAGS.has(tag)) continue
    if (inFigure && isCredit(node)) continue
    const figure = inFigure || tag === 'FIGURE' || tag === 'FIGCAPTION'
    if (tag === 'PRE') {
      flush(prefix)
      stack.push({
        prefix,
        inPre,
        inFigure,
        exit: () => {
          const text = inline.replace(/\n+$/, '').trim()
          if (text) blocks.push(text)
          inline = ''
        },
      })
      pushChildren(node, prefix, true, figure)
      continue
    }
    if (!BLOCK_TAGS.has(tag)) {
      if (tag === 'TD' || tag === 'TH') stack.push({ prefix, inPre, inFigure, exit: () => (inline += ' | ') })
      pushChildren(node, prefix, inPre, figure)
      continue
    }
    flush(prefix)
    const heading = HEADING_TAG.exec(tag)
    const childPrefix = heading ? `${'#'.repeat(+heading[1]!)} ` : tag === 'LI' ? '- ' : tag === 'BLOCKQUOTE' ? '> ' : prefix
    stack.push({
      prefix,
      inPre,
      inFigure,
      exit: () => {
        if (tag === 'TR') inline = inline.replace(/\s*\|\s*$/, '')
        flush(childPrefix)
      },
    })
    pushChildren(node, childPrefix, inPre, figure)
  }
  flush('')
  return blocks.join('\n\n')
}

function isCredit(node: TextNode): boolean {
  const className = node.getAttribute?.('class') ?? ''
  const itemprop = node.getAttribute?.('itemprop') ?? ''
  return CREDIT_MARK.test(className) || CREDIT_ITEMPROP.test(itemprop)
}
