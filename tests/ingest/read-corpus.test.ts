import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCorpus, type ReadCorpusResult } from '../../src/ingest/read-corpus.ts'

const prose = (topic: string) =>
  `The government of Tajikistan announced new rules on ${topic} this week, officials said in the capital. ` +
  `Analysts expect the change to affect thousands of migrant workers and their families across the region.`

let folder: string
let result: ReadCorpusResult
const progress: string[] = []

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clippings-read-'))
  const write = (name: string, content: string | Uint8Array) => writeFile(join(folder, name), content)
  await mkdir(join(folder, 'sub'))
  await write('a.txt', `${prose('remittances')}\n${prose('customs')}`)
  await write('copy-of-a.txt', `${prose('remittances')}\n\n${prose('customs')}  \n`)
  await write('b.md', `---\ntitle: Migrants and money\nsource: Example Weekly\ndate: 2024-03\nauthor: Jane Doe\n---\n${prose('banks')}\n\n${prose('labour')}\n`)
  await write(
    'c.html',
    `<html lang="en"><head><title>Border news</title><meta property="og:url" content="https://www.example.org/border"></head>` +
      `<body><article><p>${prose('borders')}</p><p>${prose('trade')}</p></article></body></html>`,
  )
  await write(
    'd.jsonl',
    [
      JSON.stringify({ headline: 'Line one headline', content: prose('energy'), published: '2019-05-28', site: 'Wire' }),
      '{"title": "broken", ',
      '',
      JSON.stringify({ title: 'Line four headline', body: prose('water'), date: '2019' }),
    ].join('\n'),
  )
  await write('metadata.json', JSON.stringify({ 'a.txt': { title: 'Remittances and customs', source: 'Sidecar Times', date: '2025-10-28', titleOrigin: 'derived' } }))
  await write('undated.txt', `Looking back at 2019\nIn 2019 and again on 28 October 2025 the talks stalled, officials said. ${prose('history')}`)
  await write('same-title-1.md', `---\ntitle: Same Title\n---\n${prose('gold')}`)
  await write('same-title-2.md', `---\ntitle: Same Title\n---\n${prose('silver')}`)
  await write('README.md', '# About this folder\n\nNotes for people.')
  await write('notes.pdf', '%PDF-1.4 not really')
  await write('empty.txt', '')
  await write('binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]))
  await write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x75, 0x20, 0x6c, 0x61, 0x69, 0x74]))
  await write('empty-page.html', '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>')
  await write('taxonomy.json', '{}')
  await write('people-aliases.json', '{}')
  await write('.hidden.txt', prose('secrets'))
  await write(join('sub', 'e.txt'), `Nested article title\n${prose('schools')}`)
  result = await readCorpus([folder], { onProgress: (done, total, file) => progress.push(`${done}/${total} ${file}`) })
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const article = (file: string) => {
  const found = result.articles.find((candidate) => candidate.file === file)
  if (!found) throw new Error(`no article from ${file}; skipped: ${JSON.stringify(result.skipped)}`)
  return found
}
const skipReason = (file: string) => result.skipped.find((skip) => skip.file === file)?.reason

describe('readCorpus', () => {
  it('reads every format into articles, files in sorted order', () => {
    expect(result.articles.map((a) => a.file)).toEqual([
      'a.txt',
      'b.md',
      'c.html',
      'd.jsonl#L1',
      'd.jsonl#L4',
      'same-title-1.md',
      'same-title-2.md',
      'sub/e.txt',
      'undated.txt',
    ])
  })

  it('applies sidecar metadata, title origin included', () => {
    expect(article('a.txt')).toMatchObject({
      id: 'remittances-and-customs',
      title: 'Remittances and customs',
      titleOrigin: 'derived',
      source: 'Sidecar Times',
      date: { iso: '2025-10-28', precision: 'day' },
      language: 'en',
    })
  })

  it('reads markdown front matter', () => {
    expect(article('b.md')).toMatchObject({
      title: 'Migrants and money',
      titleOrigin: 'metadata',
      source: 'Example Weekly',
      author: 'Jane Doe',
      date: { iso: '2024-03', precision: 'month' },
    })
    expect(article('b.md').blocks.map((block) => block.text)).toEqual([prose('banks'), prose('labour')])
  })

  it('names an HTML page’s source by its URL’s host when no site name is given', () => {
    expect(article('c.html')).toMatchObject({ title: 'Border news', source: 'example.org', url: 'https://www.example.org/border' })
  })

  it('reads JSON Lines rows with alternate field names, skipping a bad line by its number', () => {
    expect(article('d.jsonl#L1')).toMatchObject({ title: 'Line one headline', source: 'Wire', date: { iso: '2019-05-28', precision: 'day' } })
    expect(article('d.jsonl#L4')).toMatchObject({ title: 'Line four headline', date: { iso: '2019', precision: 'year' } })
    expect(skipReason('d.jsonl#L2')).toMatch(/^line 2: not valid JSON/)
  })

  it('never dates an article from years mentioned in its text', () => {
    expect(article('undated.txt').date).toBeUndefined()
  })

  it('appends a short hash of the file path to a colliding slug', () => {
    expect(article('same-title-1.md').id).toBe('same-title')
    expect(article('same-title-2.md').id).toMatch(/^same-title-[0-9a-f]{7}$/)
  })

  it('indexes a duplicate once and reports it', () => {
    expect(result.duplicates).toEqual([{ file: 'copy-of-a.txt', duplicateOf: 'a.txt' }])
  })

  it('skips what is not an article with a one-line reason', () => {
    expect(skipReason('README.md')).toBe('not an article (README)')
    expect(skipReason('notes.pdf')).toBe('unsupported format (.pdf)')
    expect(skipReason('empty.txt')).toBe('empty file')
    expect(skipReason('binary.txt')).toBe('binary data, not text')
    expect(skipReason('latin1.txt')).toBe('not valid UTF-8 text')
    expect(skipReason('empty-page.html')).toBe('no article text found in the HTML')
  })

  it('passes over its own settings files and hidden files without reporting them', () => {
    const mentioned = [...result.skipped.map((skip) => skip.file), ...result.articles.map((a) => a.file)]
    for (const name of ['metadata.json', 'taxonomy.json', 'people-aliases.json', '.hidden.txt']) expect(mentioned).not.toContain(name)
  })

  it('reports progress once per file', () => {
    expect(progress[0]).toBe('1/15 README.md')
    expect(progress.at(-1)).toBe('15/15 undated.txt')
  })

  it('reads a single file, reported by its name', async () => {
    const single = await readCorpus([join(folder, 'b.md')], { threads: 0 })
    expect(single.articles.map((a) => a.file)).toEqual(['b.md'])
  })

  it('lists a path that does not exist as missing instead of failing', async () => {
    const read = await readCorpus([join(folder, 'nope')], { threads: 0 })
    expect(read.articles).toEqual([])
    expect(read.skipped).toEqual([])
    expect(read.missing).toEqual([join(folder, 'nope')])
  })

  it('follows a link back up the folder tree only once', async () => {
    const looped = await mkdtemp(join(tmpdir(), 'clippings-loop-'))
    try {
      await writeFile(join(looped, 'x.txt'), `A title line\n${prose('rivers')}`)
      await symlink(looped, join(looped, 'loop'))
      const read = await readCorpus([looped], { threads: 0 })
      expect(read.articles.map((a) => a.file)).toEqual(['x.txt'])
    } finally {
      await rm(looped, { recursive: true, force: true })
    }
  })

  it('reports a sidecar that is not JSON and reads the folder without it', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'clippings-sidecar-'))
    try {
      await writeFile(join(broken, 'metadata.json'), '{ not json')
      await writeFile(join(broken, 'x.txt'), `A title line\n${prose('roads')}`)
      const read = await readCorpus([broken], { threads: 0 })
      expect(read.articles).toHaveLength(1)
      expect(read.skipped).toEqual([{ file: 'metadata.json', reason: expect.stringMatching(/^sidecar metadata ignored: not valid JSON/) }])
    } finally {
      await rm(broken, { recursive: true, force: true })
    }
  })
})
