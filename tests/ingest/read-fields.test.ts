import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCorpus, type ReadCorpusResult } from '../../src/ingest/read-corpus.ts'
import { metaFromRecord } from '../../src/ingest/read/record-meta.ts'
import { mergeMeta } from '../../src/ingest/read/sidecar.ts'

const prose = (topic: string) =>
  `The central bank announced new rules on ${topic} this week, officials said in the capital. ` +
  `Analysts expect the change to affect thousands of savers and their families across the region.`

let folder: string
let result: ReadCorpusResult

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clippings-fields-'))
  const write = (name: string, content: string) => writeFile(join(folder, name), content)
  await write(
    'wire.jsonl',
    [
      JSON.stringify({
        id: 17,
        title: 'Cocoa review',
        body: prose('cocoa'),
        topics: ['cocoa'],
        places: ['el-salvador', 'usa'],
        orgs: [],
        people: ['james-baker'],
        desk: 'Commodities',
        old_id: 5544,
        notes: prose('a long note that is text, not a label').repeat(2),
      }),
      JSON.stringify({ title: 'Own source', body: prose('grain'), source: 'Grain Weekly' }),
    ].join('\n'),
  )
  await write('tagged.md', `---\ntitle: Tagged\ntags: [banks, savings]\npeople:\n  - Jane Doe\nregion: Central Asia\n---\n${prose('banks')}\n`)
  await write('linked.md', `---\ntitle: Linked\nurl: https://www.example.org/x\n---\n${prose('links')}\n`)
  await mkdir(join(folder, 'desk'))
  await write(join('desk', 'metadata.json'), JSON.stringify({ '*': { region: 'Europe', desk: 'Markets' }, 'a.md': { desk: 'Energy' } }))
  await write(join('desk', 'a.md'), `---\ntitle: Desk story\nregion: Baltics\n---\n${prose('energy')}\n`)
  result = await readCorpus([folder], { threads: 0, defaultSource: 'Default Wire' })
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const article = (file: string) => {
  const found = result.articles.find((candidate) => candidate.file === file)
  if (!found) throw new Error(`no article from ${file}`)
  return found
}

describe('a corpus’s own fields', () => {
  it('keeps a JSON Lines line’s labels by facet name, topics among the tags', () => {
    expect(article('wire.jsonl#L1').fields).toEqual({ tag: ['cocoa'], places: ['el-salvador', 'usa'], desk: ['Commodities'] })
  })

  it('leaves out ids, numbers, empty lists, long text and the fields the reader uses itself', () => {
    const fields = article('wire.jsonl#L1').fields ?? {}
    for (const name of ['id', 'old_id', 'orgs', 'notes', 'title', 'body', 'people']) expect(fields).not.toHaveProperty(name)
  })

  it('keeps a listed people field as the article’s given people', () => {
    expect(article('wire.jsonl#L1').givenPeople).toEqual(['james-baker'])
    expect(article('tagged.md').givenPeople).toEqual(['Jane Doe'])
  })

  it('keeps front matter tags and other labels', () => {
    expect(article('tagged.md').fields).toEqual({ tag: ['banks', 'savings'], region: ['Central Asia'] })
  })

  it('layers fields one by one: the file’s own, then its sidecar entry, then the folder’s defaults', () => {
    expect(article('desk/a.md').fields).toEqual({ desk: ['Energy'], region: ['Baltics'] })
    expect(mergeMeta({ fields: { desk: ['Energy'] } }, { fields: { desk: ['News'], region: ['Baltics'] } })).toEqual({
      fields: { desk: ['Energy'], region: ['Baltics'] },
    })
  })
})

describe('the default source', () => {
  it('names the source of an article that states none', () => {
    expect(article('wire.jsonl#L1').source).toBe('Default Wire')
    expect(article('tagged.md').source).toBe('Default Wire')
  })

  it('gives way to a line’s own source and to the URL’s host', () => {
    expect(article('wire.jsonl#L2').source).toBe('Grain Weekly')
    expect(article('linked.md').source).toBe('example.org')
  })

  it('leaves "unknown" when no default is given', async () => {
    const plain = await readCorpus([join(folder, 'tagged.md')], { threads: 0 })
    expect(plain.articles[0]!.source).toBe('unknown')
  })
})

describe('metaFromRecord', () => {
  it('notes a date it cannot read', () => {
    const problems: string[] = []
    expect(metaFromRecord({ published: 'sometime in spring' }, problems)).toEqual({})
    expect(problems).toEqual(['cannot read published "sometime in spring"; ignored'])
  })
})
