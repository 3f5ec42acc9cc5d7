import { describe, expect, it } from 'vitest'
import { Highlight, snippetHtml, splitByRanges } from '../../views/highlight.tsx'

describe('splitByRanges', () => {
  it('cuts text into plain and marked pieces', () => {
    expect(splitByRanges('a bc d', [[2, 4]])).toEqual([
      { text: 'a ', marked: false },
      { text: 'bc', marked: true },
      { text: ' d', marked: false },
    ])
  })

  it('copes with overlapping, unsorted and out-of-range ranges', () => {
    expect(splitByRanges('abcdef', [[4, 99], [0, 2], [1, 3]])).toEqual([
      { text: 'abc', marked: true },
      { text: 'd', marked: false },
      { text: 'ef', marked: true },
    ])
  })
})

describe('snippetHtml', () => {
  it('escapes the text and adds <mark> only around matches, with ellipses where the text was cut', () => {
    const html = snippetHtml({ text: '<b>x</b> & "y"', ranges: [[3, 4]], truncatedStart: true, truncatedEnd: false })
    expect(html).toBe('…&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &quot;y&quot;')
  })
})

describe('Highlight', () => {
  it('renders escaped pieces with marks', async () => {
    const html = String(await (<Highlight text={'<script>alert(1)</script> ok'} ranges={[[26, 28]]} />).toString())
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>ok</mark>')
  })
})
