import { describe, it, expect } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeText } from '../../src/ingest/read/decode.ts'
import { readHtml } from '../../src/ingest/read/html.ts'
import { readJsonlFile, readJsonlLine } from '../../src/ingest/read/jsonl.ts'
import { joinSoftWrappedLines, readMarkdown } from '../../src/ingest/read/md.ts'
import { metaFromRecord, placeFromDateline } from '../../src/ingest/read/record-meta.ts'
import { mergeMeta, parseSidecar } from '../../src/ingest/read/sidecar.ts'
import { readTxt } from '../../src/ingest/read/txt.ts'
import { looksHardWrapped, unwrapHardWrappedText } from '../../src/ingest/read/unwrap.ts'
import type { RawArticle, ReadOutcome } from '../../src/ingest/read/types.ts'

function articleOf(outcome: ReadOutcome | { file: string; skip: string } | { article: RawArticle } | undefined): RawArticle {
  if (!outcome || !('article' in outcome)) throw new Error(`expected an article, got ${JSON.stringify(outcome)}`)
  return outcome.article
}

describe('decodeText', () => {
  const bytes = (...values: number[]) => new Uint8Array(values)

  it('skips an empty file', () => {
    expect(decodeText(bytes())).toEqual({ skip: 'empty file' })
    expect(decodeText(new TextEncoder().encode('  \n\n '))).toEqual({ skip: 'empty file' })
  })

  it('skips binary data', () => {
    expect(decodeText(bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01))).toEqual({ skip: 'binary data, not text' })
  })

  it('skips text that is not valid UTF-8', () => {
    expect(decodeText(bytes(0x63, 0x61, 0x66, 0xe9, 0x0a))).toEqual({ skip: 'not valid UTF-8 text' })
  })

  it('drops a byte-order mark and unifies line endings', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFFone\r\ntwo\rthree'))).toEqual({ text: 'one\ntwo\nthree' })
  })
})

describe('unwrapHardWrappedText', () => {
  const wire = [
    'Showers continued throughout the week in',
    'the Bahia cocoa zone, alleviating the drought since early',
    'January and improving prospects for the coming temporao,',
    'Comissaria Smith said in its weekly review.',
    '    The dry period means the temporao will be late this year.',
    '    Arrivals for the week ended February 22 were 155,221 bags',
    'of 60 kilos making a cumulative total for the season of 5.93',
    'mln against 5.81 at the same stage last year.',
    ' Reuter',
  ].join('\n')

  it('joins the lines of each indented paragraph of wire copy', () => {
    expect(unwrapHardWrappedText(wire).split('\n')).toEqual([
      'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, Comissaria Smith said in its weekly review.',
      'The dry period means the temporao will be late this year.',
      'Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year.',
      'Reuter',
    ])
  })

  it('rejoins a word hyphenated across a line break with its hyphen', () => {
    expect(unwrapHardWrappedText('The deal was a long-\nawaited step for the two firms and\nfor their many creditors.')).toBe(
      'The deal was a long-awaited step for the two firms and for their many creditors.',
    )
  })

  it('leaves text with one long paragraph a line alone', () => {
    const scraped = `${'A long scraped paragraph that runs on and on. '.repeat(5)}\n${'Another one that is just as long as the first. '.repeat(5)}`
    expect(looksHardWrapped(scraped)).toBe(false)
    expect(unwrapHardWrappedText(scraped)).toBe(scraped)
  })

  it('leaves a list of short headlines alone', () => {
    const headlines = 'Kazakhstan Says Damage Still Being Assessed\nKadyrov Says He Is Ready to Run Again\nExpert Warns Sale of Stake Overlooks Risks'
    expect(unwrapHardWrappedText(headlines)).toBe(headlines)
  })

  it('keeps the rows of a table on their own lines', () => {
    const table = 'Reserves rose in the latest week, the bank\nsaid in its report on Thursday.\n Net free reserves.............644 vs.....1,337\n Bank borrowings...............680 vs.......425'
    expect(unwrapHardWrappedText(table).split('\n')).toEqual([
      'Reserves rose in the latest week, the bank said in its report on Thursday.',
      'Net free reserves.............644 vs.....1,337',
      'Bank borrowings...............680 vs.......425',
    ])
  })
})

describe('readTxt', () => {
  it('passes scraped text on unchanged, with no metadata of its own', () => {
    expect(articleOf(readTxt('Title\nFirst paragraph.', 'a.txt'))).toEqual({ file: 'a.txt', format: 'txt', body: 'Title\nFirst paragraph.', meta: {} })
  })

  it('unwraps a hard-wrapped text file', () => {
    const wrapped = 'The ministry said on Monday that exports\nof cotton had fallen sharply this year.\n    Officials blamed the weather and\nlower prices on world markets.'
    expect(articleOf(readTxt(wrapped, 'a.txt')).body).toBe(
      'The ministry said on Monday that exports of cotton had fallen sharply this year.\nOfficials blamed the weather and lower prices on world markets.',
    )
  })
})

describe('readMarkdown', () => {
  const markdown = [
    '---',
    'title: "Migrants and remittances"',
    'source: Example Weekly',
    'url: https://www.example.com/migrants',
    'date: 2024-03-05',
    'authors: [Jane Doe, John Roe]',
    'language: en_GB',
    '---',
    '# Migrants and remittances',
    '',
    'Remittances from Russia make up a third of',
    'the economy, the bank said.',
    '',
    '- first point',
    '- second point',
    '',
    '> A quotation that runs',
    '> over two lines.',
  ].join('\n')

  it('reads front matter fields into metadata', () => {
    expect(articleOf(readMarkdown(markdown, 'a.md')).meta).toEqual({
      title: 'Migrants and remittances',
      source: 'Example Weekly',
      url: 'https://www.example.com/migrants',
      date: { iso: '2024-03-05', precision: 'day' },
      author: 'Jane Doe, John Roe',
      language: 'en-GB',
    })
  })

  it('joins soft-wrapped lines so each block is one line, blocks separated by blank lines', () => {
    expect(articleOf(readMarkdown(markdown, 'a.md')).body).toBe(
      [
        '# Migrants and remittances',
        'Remittances from Russia make up a third of the economy, the bank said.',
        '- first point',
        '- second point',
        '> A quotation that runs over two lines.',
      ].join('\n\n'),
    )
  })

  it('reads a file without front matter with no metadata', () => {
    expect(articleOf(readMarkdown('Just a paragraph.', 'a.md')).meta).toEqual({})
  })

  it('ignores front matter that is not valid YAML, with a warning, and still reads the body', () => {
    const outcome = readMarkdown('---\ntitle: [unclosed\n---\nBody here.', 'a.md')
    expect(articleOf(outcome).body).toBe('Body here.')
    expect(articleOf(outcome).meta).toEqual({})
    expect('article' in outcome && outcome.warnings).toEqual([expect.stringMatching(/^a\.md: front matter is not valid YAML/)])
  })

  it('keeps code fences line for line', () => {
    expect(joinSoftWrappedLines('```\na\nb\n```\ntext')).toBe('```\na\nb\n```\n\ntext')
  })
})

describe('readHtml', () => {
  const paragraph = (n: number) => `<p>Paragraph ${n} of the article tells of remittances, migrants and the economy of Tajikistan at some length, so that it reads like real prose.</p>`
  const page = `<!doctype html>
<html lang="en-GB"><head>
  <title>Powder keg | Asia Times</title>
  <meta property="og:site_name" content="Asia Times">
  <meta property="og:title" content="Tajikistan powder keg burns with a slow fuse">
  <meta property="og:url" content="https://asiatimes.com/2019/05/powder-keg/">
  <meta property="article:published_time" content="2019-05-28T10:00:00+08:00">
  <meta name="author" content="Jane Doe">
</head><body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
  <article><h1>Tajikistan powder keg burns with a slow fuse</h1>
    ${paragraph(1)}
    <h2>Stability restored</h2>
    ${paragraph(2)}
    <ul><li>First point of a list</li><li>Second point of a list</li></ul>
    ${paragraph(3)}
  </article>
  <footer>Copyright Asia Times 2019. All rights reserved.</footer>
</body></html>`

  it('reads Open Graph, article and author meta tags', () => {
    expect(articleOf(readHtml(page, 'a.html')).meta).toEqual({
      title: 'Tajikistan powder keg burns with a slow fuse',
      source: 'Asia Times',
      url: 'https://asiatimes.com/2019/05/powder-keg/',
      date: { iso: '2019-05-28', precision: 'day' },
      author: 'Jane Doe',
      language: 'en-GB',
    })
  })

  it('extracts the main content as blocks with headings and list items marked, chrome left out', () => {
    const body = articleOf(readHtml(page, 'a.html')).body
    const blocks = body.split('\n\n')
    expect(blocks).toContain('## Stability restored')
    expect(blocks).toContain('- First point of a list')
    expect(blocks.filter((block) => block.startsWith('Paragraph '))).toHaveLength(3)
    expect(body).not.toMatch(/Home|Copyright/)
  })

  it('reads schema.org JSON-LD for headline, date, author and publisher', () => {
    const jsonLd = page
      .replace(/<meta (property|name)="(og:site_name|og:title|article:published_time|author)"[^>]*>/g, '')
      .replace(
        '</head>',
        `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Headline from JSON-LD","datePublished":"2019-05-27","author":[{"@type":"Person","name":"Ann Writer"}],"publisher":{"@type":"Organization","name":"Asia Times Online"}}]}</script></head>`,
      )
    expect(articleOf(readHtml(jsonLd, 'a.html')).meta).toMatchObject({
      title: 'Headline from JSON-LD',
      date: { iso: '2019-05-27', precision: 'day' },
      author: 'Ann Writer',
      source: 'Asia Times Online',
    })
  })

  it('strips the site name from a page title when nothing better names the article', () => {
    const bare = page.replace(/<meta property="og:title"[^>]*>/, '')
    expect(articleOf(readHtml(bare, 'a.html')).meta.title).toBe('Powder keg')
  })

  it('skips a page without extractable content', () => {
    expect(readHtml('<html><head><title>Empty</title></head><body><nav><a href="/">Home</a></nav></body></html>', 'a.html')).toEqual({
      skip: 'no article text found in the HTML',
    })
  })
})

describe('readJsonlLine', () => {
  it('reads the documented field names', () => {
    const line = JSON.stringify({ title: 'T', text: 'Body.', source: 'S', url: 'https://s.example/x', date: '2019-05', author: 'A' })
    expect(articleOf(readJsonlLine(line, 'c.jsonl', 3))).toEqual({
      file: 'c.jsonl#L3',
      format: 'jsonl',
      body: 'Body.',
      meta: { title: 'T', source: 'S', url: 'https://s.example/x', date: { iso: '2019-05', precision: 'month' }, author: 'A' },
    })
  })

  it('accepts the common alternate field names', () => {
    const line = JSON.stringify({ headline: 'H', content: 'Body.', publisher: { name: 'P' }, published_at: '28 October 2025', authors: ['A', 'B'] })
    expect(articleOf(readJsonlLine(line, 'c.jsonl', 1)).meta).toEqual({ title: 'H', source: 'P', date: { iso: '2025-10-28', precision: 'day' }, author: 'A, B' })
    expect(articleOf(readJsonlLine(JSON.stringify({ body: 'B.', site: 'S', published: '2019' }), 'c.jsonl', 1)).meta).toEqual({
      source: 'S',
      date: { iso: '2019', precision: 'year' },
    })
  })

  it('keeps the place of a wire dateline', () => {
    const line = JSON.stringify({ title: 'T', body: 'B.', dateline: 'SALVADOR, Feb 26 -' })
    expect(articleOf(readJsonlLine(line, 'c.jsonl', 1)).meta.place).toBe('Salvador')
  })

  it('uses the headline as the text of a headline-only item', () => {
    expect(articleOf(readJsonlLine(JSON.stringify({ title: 'MONEY FUNDS ROSE 720.4 MLN DLRS', body: '' }), 'c.jsonl', 1)).body).toBe('MONEY FUNDS ROSE 720.4 MLN DLRS')
  })

  it('skips a bad line with its line number', () => {
    expect(readJsonlLine('{"title": "T", ', 'c.jsonl', 7)).toMatchObject({ file: 'c.jsonl#L7', skip: expect.stringMatching(/^line 7: not valid JSON/) })
    expect(readJsonlLine('[1, 2]', 'c.jsonl', 8)).toEqual({ file: 'c.jsonl#L8', skip: 'line 8: not a JSON object' })
    expect(readJsonlLine('{"title": ""}', 'c.jsonl', 9)).toMatchObject({ skip: expect.stringMatching(/^line 9: no text/) })
  })

  it('passes blank lines over', () => {
    expect(readJsonlLine('   ', 'c.jsonl', 2)).toBeUndefined()
  })
})

describe('metaFromRecord', () => {
  it('ignores a url that is not http(s) and a language that is not a tag', () => {
    expect(metaFromRecord({ url: 'javascript:alert(1)', language: 'English please' })).toEqual({})
  })

  it('keeps a title origin only when it is one of the known ones', () => {
    expect(metaFromRecord({ title: 'T', titleOrigin: 'derived' })).toEqual({ title: 'T', titleOrigin: 'derived' })
    expect(metaFromRecord({ title: 'T', titleOrigin: 'invented' })).toEqual({ title: 'T' })
  })
})

describe('placeFromDateline', () => {
  it.each([
    ['SALVADOR, Feb 26 -', 'Salvador'],
    ['PEARL RIVER, N.Y., April 8 -', 'Pearl River, N.Y.'],
    ['NEW YORK, March 13 -', 'New York'],
    ['', undefined],
  ])('reads "%s" as %s', (dateline, place) => {
    expect(placeFromDateline(dateline)).toBe(place)
  })
})

describe('sidecar metadata', () => {
  it('reads entries by file name and "*" defaults, ignoring "$" keys', () => {
    const parsed = parseSidecar(JSON.stringify({ $comment: 'x', '*': { source: 'Reuters' }, 'a.txt': { title: 'T', titleOrigin: 'derived', date: '2019-04' } }))
    if (!('sidecar' in parsed)) throw new Error(parsed.error)
    expect(parsed.sidecar.defaults).toEqual({ source: 'Reuters' })
    expect(parsed.sidecar.files.get('a.txt')).toEqual({ title: 'T', titleOrigin: 'derived', date: { iso: '2019-04', precision: 'month' } })
    expect(parsed.sidecar.files.has('$comment')).toBe(false)
  })

  it('warns about a date it cannot read', () => {
    const parsed = parseSidecar(JSON.stringify({ 'a.txt': { date: 'sometime in spring' } }))
    expect('sidecar' in parsed && parsed.sidecar.warnings).toEqual(['entry "a.txt": cannot read date "sometime in spring"; ignored'])
  })

  it('reports a sidecar that is not JSON', () => {
    expect(parseSidecar('{ nope')).toMatchObject({ error: expect.stringMatching(/^not valid JSON/) })
  })

  it('merges layers first-wins, keeping a title’s origin with it', () => {
    expect(mergeMeta({ title: 'Sidecar', titleOrigin: 'derived' }, { title: 'Format', source: 'S' }, { source: 'Default', language: 'en' })).toEqual({
      title: 'Sidecar',
      titleOrigin: 'derived',
      source: 'S',
      language: 'en',
    })
    expect(mergeMeta({ source: 'S' }, { title: 'Format' })).toEqual({ source: 'S', title: 'Format' })
  })
})

describe('readJsonlFile', () => {
  const collect = async (content: string | Uint8Array) => {
    const folder = await mkdtemp(join(tmpdir(), 'clippings-jsonl-'))
    try {
      await writeFile(join(folder, 'x.jsonl'), content)
      const outcomes = []
      for await (const outcome of readJsonlFile(join(folder, 'x.jsonl'), 'x.jsonl')) outcomes.push(outcome)
      return outcomes
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
  const good = (title: string) => JSON.stringify({ title, text: `${title} body.` })

  it('skips only the line that is not UTF-8, by its number', async () => {
    const bytes = Buffer.concat([Buffer.from(`${good('One')}\n{"title": "caf`), Buffer.from([0xe9]), Buffer.from(`", "text": "x"}\r\n${good('Three')}\r\n`)])
    const outcomes = await collect(bytes)
    expect(outcomes.map((outcome) => ('article' in outcome ? outcome.article.file : `${outcome.file}: ${outcome.skip}`))).toEqual([
      'x.jsonl#L1',
      'x.jsonl#L2: line 2: not valid UTF-8 text',
      'x.jsonl#L3',
    ])
  })

  it('skips a binary file whole', async () => {
    expect(await collect(new Uint8Array([0x7b, 0x00, 0x01, 0x0a]))).toEqual([{ file: 'x.jsonl', skip: 'binary data, not text' }])
  })

  it('skips a file that is not JSON Lines with one reason, not one per line', async () => {
    const outcomes = await collect('just some prose\n'.repeat(100))
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatchObject({ file: 'x.jsonl', skip: expect.stringMatching(/^not JSON Lines/) })
  })

  it('skips an empty file', async () => {
    expect(await collect('\n\n')).toEqual([{ file: 'x.jsonl', skip: 'empty file' }])
  })
})
