// Keeps the cost of reading one web page near-linear in its size, whatever its markup. Two things make
// HTML readers slow on hostile or broken pages: nesting (the parser keeps its open elements in an array it
// shifts at the front, and Readability measures the text under every element, so both grow with the
// square of the depth) and sheer element count. Nesting is capped on the markup itself, before any
// parser sees it; the element count is checked on the parsed page.
//
// Real pages are shallow: among the 350 saved pages of postlight/parser and the Scrapinghub benchmark the
// deepest element sits at depth 51, the most elements on a page are 12,816.

/** Limits on one page. Defaults in `DEFAULT_HTML_BOUNDS`. */
export interface HtmlBounds {
  /** Elements nested deeper than this lose their tags (their text stays, block tags become line breaks). */
  maxDepth: number
  /** A page with more elements than this (after the depth cap) is skipped. */
  maxElements: number
  /**
   * Above this many elements Readability (whose cost per element is high) is not run: the text is taken
   * from the page's `<article>`, `<main>` or `<body>` without its navigation, header, footer and asides.
   */
  maxReadabilityElements: number
  /** A page longer than this many characters is skipped. */
  maxChars: number
}

export const DEFAULT_HTML_BOUNDS: HtmlBounds = {
  maxDepth: 96,
  maxElements: 60_000,
  maxReadabilityElements: 20_000,
  maxChars: 12 * 1024 * 1024,
}

// Elements that never have content (htmlparser2's list, which linkedom uses).
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
// Elements whose content is raw text, where "<" opens no tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'])
// Opening one of these closes an open <p> (and a few other implied closes), as the parser does, so
// paragraphs left unclosed are not taken for nesting.
const P_CLOSERS = 'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
const IMPLIED_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.split(' ').map((tag): [string, Set<string>] => [tag, new Set(['p'])]),
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['tr', new Set(['tr', 'th', 'td'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
])
// A dropped tag of these kinds still ends a line of text.
const BREAKS_LINE = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'dd', 'dt', 'figcaption', 'header', 'footer', 'pre', 'table', 'ul', 'ol'])

const rawTextEnds = new Map<string, RegExp>()
function rawTextEnd(name: string): RegExp {
  let pattern = rawTextEnds.get(name)
  if (!pattern) rawTextEnds.set(name, (pattern = new RegExp(`</${name}[\\s/>]`, 'gi')))
  return pattern
}

const OPEN_TAG = /<([a-zA-Z][^\s/>]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/(?!>))*\s*(\/?)>/y
const CLOSE_TAG = /<\/([a-zA-Z][^\s/>]*)[^>]*>/y

export interface CappedHtml {
  html: string
  /** How many tags were dropped for sitting deeper than the cap. */
  droppedTags: number
  /** How many elements the markup opens (void ones included), dropped ones not counted. */
  elements: number
}

/**
 * Removes the tags of elements nested deeper than `maxDepth`, keeping their text (a dropped block tag
 * becomes a `<br>`, so paragraphs stay apart). Depth is counted the way an HTML parser builds the tree:
 * void elements, unclosed paragraphs and list items, and stray closing tags do not deepen it. One pass,
 * no recursion; a closing tag is matched against at most `maxDepth` open elements.
 */
export function capNesting(html: string, maxDepth: number): CappedHtml {
  const open: string[] = []
  // Tags dropped below the cap, by name, so their closing tags are dropped too.
  const dropped = new Map<string, number>()
  let foreign = 0
  let droppedTags = 0
  let elements = 0
  const out: string[] = []
  let copiedUpTo = 0
  // one line break stands for a run of dropped block tags with no text between them
  let textSinceBreak = true
  const cut = (from: number, to: number, replacement: string) => {
    const between = html.slice(copiedUpTo, from)
    if (between.trim() !== '') textSinceBreak = true
    const breaks = replacement === '<br>' && textSinceBreak
    out.push(between, breaks ? replacement : '')
    if (breaks) textSinceBreak = false
    copiedUpTo = to
    droppedTags++
  }

  let at = html.indexOf('<')
  while (at !== -1 && at < html.length) {
    let next = at + 1
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4)
      next = end === -1 ? html.length : end + 3
    } else if (html[at + 1] === '!' || html[at + 1] === '?') {
      const end = html.indexOf('>', at)
      next = end === -1 ? html.length : end + 1
    } else if (html[at + 1] === '/') {
      CLOSE_TAG.lastIndex = at
      const match = CLOSE_TAG.exec(html)
      if (match) {
        next = CLOSE_TAG.lastIndex
        const name = match[1]!.toLowerCase()
        const droppedOfName = dropped.get(name) ?? 0
        if (droppedOfName > 0) {
          dropped.set(name, droppedOfName - 1)
          cut(at, next, BREAKS_LINE.has(name) ? '<br>' : '')
        } else {
          const position = open.lastIndexOf(name)
          if (position !== -1) {
            for (let index = position; index < open.length; index++) if (open[index] === 'svg' || open[index] === 'math') foreign--
            open.length = position
          }
        }
      }
    } else {
      OPEN_TAG.lastIndex = at
      const match = OPEN_TAG.exec(html)
      if (match) {
        next = OPEN_TAG.lastIndex
        const name = match[1]!.toLowerCase()
        const closesItself = VOID.has(name) || (match[2] === '/' && foreign > 0)
        const implied = IMPLIED_CLOSE.get(name)
        if (implied) while (open.length > 0 && implied.has(open.at(-1)!)) open.pop()
        if (closesItself) elements++
        else if (open.length >= maxDepth) {
          dropped.set(name, (dropped.get(name) ?? 0) + 1)
          cut(at, next, BREAKS_LINE.has(name) ? '<br>' : '')
        } else {
          elements++
          open.push(name)
          if (name === 'svg' || name === 'math') foreign++
        }
        if (RAW_TEXT.has(name) && !closesItself) {
          // Its text runs to its own closing tag; nothing in between is markup.
          const closing = rawTextEnd(name)
          closing.lastIndex = next
          next = closing.exec(html)?.index ?? html.length
        }
      }
    }
    at = html.indexOf('<', next)
  }
  if (droppedTags === 0) return { html, droppedTags, elements }
  out.push(html.slice(copiedUpTo))
  return { html: out.join(''), droppedTags, elements }
}

/** A node as the walks here see it (linkedom's nodes, without depending on its types). */
export interface WalkNode {
  nodeType: number
  nodeName: string
  firstChild: WalkNode | null
  nextSibling: WalkNode | null
}

/** Counts the elements under `root` and the depth of the deepest, without recursion. */
export function measureTree(root: WalkNode): { elements: number; depth: number } {
  let elements = 0
  let depth = 0
  const stack: [WalkNode, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [node, level] = stack.pop()!
    if (node.nodeType !== 1 && node.nodeType !== 9) continue
    elements++
    if (level > depth) depth = level
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) stack.push([child, level + 1])
  }
  return { elements, depth }
}
