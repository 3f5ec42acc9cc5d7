import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm, truncate, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ingestLimits } from '../../src/ingest/limits.ts'
import { toPassages } from '../../src/ingest/passages.ts'
import { createReadContext, readCorpus, readCorpusFiles, type ReadCorpusResult } from '../../src/ingest/read-corpus.ts'
import { jsonlLines, readJsonlFile } from '../../src/ingest/read/jsonl.ts'
import { walkCorpus } from '../../src/ingest/walk.ts'

const WORDS = 'the ministers said on monday that oil prices rose after talks in vienna between the exporting countries ended'.split(' ')

/** Prose of about `chars` characters on one line, sentences and all; a different `seed`, a different text. */
function oneLine(chars: number, seed = 0): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < chars; i++) {
    const word = WORDS[(i * 7 + Math.floor(i / (seed + 3))) % WORDS.length]! + (i % 17 === 16 ? '.' : '')
    parts.push(i % 17 === 0 ? word[0]!.toUpperCase() + word.slice(1) : word)
    length += word.length + 1
  }
  return parts.join(' ')
}

let folder: string
let result: ReadCorpusResult

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clippings-limits-'))
  const write = (name: string, content: string) => writeFile(join(folder, name), content)
  await write('huge.txt', '')
  // A sparse file: its size is over the limit without writing 21 MB.
  await truncate(join(folder, 'huge.txt'), 21 * 1024 * 1024)
  await write('one-line.txt', oneLine(1_100_000))
  await write(
    'fields.jsonl',
    [
      JSON.stringify({ title: 'T'.repeat(100_011), author: 'A'.repeat(63_888), text: oneLine(400), date: '2024-01-02' }),
      JSON.stringify({ title: 'A story with a bad date', text: oneLine(400, 1), date: '2024-13-45' }),
    ].join('\n'),
  )
  await write('bad-yaml.md', `---\ntitle: [unclosed\n---\n${oneLine(400, 2)}\n`)
  result = await readCorpus([folder], { threads: 0 })
  expect(result.duplicates).toEqual([])
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const article = (file: string) => result.articles.find((candidate) => candidate.file === file)

describe('limits on what one file may cost and become', () => {
  it('skips a file holding one article over 20 MB without reading it', () => {
    expect(result.skipped).toContainEqual({ file: 'huge.txt', reason: 'too large: 21 MB (at most 20 MB for one article)' })
  })

  it('cuts a one-line text over a million characters, then to the words an article may keep, with warnings', () => {
    const cut = article('one-line.txt')!
    const words = cut.blocks.reduce((sum, block) => sum + block.text.split(/\s+/).length, 0)
    expect(words).toBe(ingestLimits.maxArticleWords)
    expect(result.warnings).toContainEqual(expect.stringMatching(/^one-line\.txt: text cut to its first 1,000,000 characters \(of 1,100,\d{3}\)$/))
    expect(result.warnings).toContainEqual(expect.stringMatching(/^one-line\.txt: article cut to its first 40,000 words \(of [\d,]+\)$/))
    expect(toPassages(cut).length).toBeLessThan(ingestLimits.maxPassagesPerArticle)
  })

  it('cuts an over-long title and drops an over-long author, saying so', () => {
    const line = article('fields.jsonl#L1')!
    expect(line.title.length).toBeLessThanOrEqual(ingestLimits.maxTitleChars)
    expect(line.title.endsWith('…')).toBe(true)
    expect(line.author).toBeUndefined()
    expect(result.warnings).toContain('fields.jsonl#L1: title cut to 300 characters (of 100,011)')
    expect(result.warnings).toContain('fields.jsonl#L1: author ignored: 63,888 characters (at most 200)')
  })

  it('reports a JSON Lines date it cannot read, by its line', () => {
    expect(article('fields.jsonl#L2')!.date).toBeUndefined()
    expect(result.warnings).toContain('fields.jsonl#L2: cannot read date "2024-13-45"; ignored')
  })

  it('reports front matter that is not valid YAML in the run’s warnings', () => {
    expect(article('bad-yaml.md')).toBeDefined()
    expect(result.warnings).toContainEqual(expect.stringMatching(/^bad-yaml\.md: front matter is not valid YAML/))
  })
})

describe('jsonlLines', () => {
  const linesOf = async (content: string, maxLineBytes: number) => {
    const path = join(folder, 'lines.jsonl')
    await writeFile(path, content)
    const lines = []
    for await (const line of jsonlLines(path, 'lines.jsonl', maxLineBytes)) lines.push(line)
    return lines
  }

  it('skips a line over the limit by its number and reads the lines after it', async () => {
    const lines = await linesOf(`{"a": 1}\n"${'x'.repeat(100_000)}"\n{"b": 2}`, 1024)
    expect(lines).toEqual([
      { number: 1, text: '{"a": 1}' },
      { number: 2, file: 'lines.jsonl#L2', skip: 'line 2: longer than 1 KB (the limit for one article)' },
      { number: 3, text: '{"b": 2}' },
    ])
  })

  it('skips an over-long last line without a newline', async () => {
    expect(await linesOf(`{"a": 1}\n${'y'.repeat(5000)}`, 1024)).toEqual([
      { number: 1, text: '{"a": 1}' },
      { number: 2, file: 'lines.jsonl#L2', skip: 'line 2: longer than 1 KB (the limit for one article)' },
    ])
  })
})

describe('files that cannot be opened', () => {
  it('reports a JSON Lines file that cannot be opened instead of throwing', async () => {
    const outcomes = []
    for await (const outcome of readJsonlFile(join(folder, 'nope.jsonl'), 'nope.jsonl')) outcomes.push(outcome)
    expect(outcomes).toEqual([{ file: 'nope.jsonl', skip: 'cannot read (ENOENT)' }])
  })

  it('reports an empty JSON Lines file, and one that is binary, once each', async () => {
    const odd = await mkdtemp(join(tmpdir(), 'clippings-odd-'))
    try {
      await writeFile(join(odd, 'empty.jsonl'), '\n\n')
      await writeFile(join(odd, 'nothing.jsonl'), '')
      await writeFile(join(odd, 'zip.jsonl'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x0a]))
      const read = await readCorpus([odd], { threads: 0 })
      expect(read.skipped).toEqual([
        { file: 'empty.jsonl', reason: 'empty file' },
        { file: 'nothing.jsonl', reason: 'empty file' },
        { file: 'zip.jsonl', reason: 'binary data, not text' },
      ])
    } finally {
      await rm(odd, { recursive: true, force: true })
    }
  })

  it('reports files that vanished between the walk and the reading', async () => {
    const gone = await mkdtemp(join(tmpdir(), 'clippings-gone-'))
    try {
      await writeFile(join(gone, 'a.txt'), oneLine(400))
      await writeFile(join(gone, 'b.jsonl'), JSON.stringify({ text: oneLine(400, 1) }))
      const walk = await walkCorpus([gone])
      await unlink(join(gone, 'a.txt'))
      await unlink(join(gone, 'b.jsonl'))
      const read = await readCorpusFiles(walk.files, createReadContext(), { threads: 0 })
      expect(read.skipped).toEqual([
        { file: 'a.txt', reason: 'cannot read (ENOENT)' },
        { file: 'b.jsonl', reason: 'cannot read (ENOENT)' },
      ])
    } finally {
      await rm(gone, { recursive: true, force: true })
    }
  })
})
