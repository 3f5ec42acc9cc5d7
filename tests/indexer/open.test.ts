import { describe, it, expect } from 'vitest'
import { mkdtemp, writeFile, mkdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openIndex } from '../../src/indexer/open.ts'

async function setUp() {
  const work = await mkdtemp(join(tmpdir(), 'clippings-open-'))
  const corpus = join(work, 'corpus')
  await mkdir(corpus)
  await writeFile(join(corpus, 'a.md'), '---\ntitle: Grain exports\nsource: Wire\ndate: 2020-01-05\n---\n\nWheat exports rose sharply in January as the harvest came in early and ports reopened after the strike ended, traders said.\n')
  return { corpus, indexDir: join(work, 'index') }
}

describe('openIndex', () => {
  it('builds on first use, then loads without rebuilding while nothing changed', async () => {
    const { corpus, indexDir } = await setUp()
    const first = await openIndex({ corpus: [corpus], indexDir })
    expect(first.built).toBe(true)
    const second = await openIndex({ corpus: [corpus], indexDir })
    expect(second.built).toBe(false)
    expect((await second.engine.search({ query: 'wheat' })).total).toBe(1)
  })

  it('rebuilds when the corpus changes', async () => {
    const { corpus, indexDir } = await setUp()
    await openIndex({ corpus: [corpus], indexDir })
    await writeFile(join(corpus, 'b.md'), '---\ntitle: Barley\n---\n\nBarley prices fell as brewers cut orders for the coming season, according to merchants in the port city.\n')
    const lines: string[] = []
    const reopened = await openIndex({ corpus: [corpus], indexDir, log: (line) => lines.push(line) })
    expect(reopened.built).toBe(true)
    expect(lines.join('\n')).toContain('the corpus changed')
    expect((await reopened.engine.search({ query: 'barley' })).total).toBe(1)
  })

  it('rebuilds an index whose files were damaged, instead of failing', async () => {
    const { corpus, indexDir } = await setUp()
    const { manifest } = await openIndex({ corpus: [corpus], indexDir })
    await writeFile(join(indexDir, manifest.build, 'index.jsonl'), 'garbage')
    const reopened = await openIndex({ corpus: [corpus], indexDir })
    expect(reopened.built).toBe(true)
    expect((await reopened.engine.search({ query: 'wheat' })).total).toBe(1)
  })

  it('rebuilds an index of an older format', async () => {
    const { corpus, indexDir } = await setUp()
    await openIndex({ corpus: [corpus], indexDir })
    const manifestPath = join(indexDir, 'manifest.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
    await writeFile(manifestPath, JSON.stringify({ ...manifest, formatVersion: 0 }))
    const lines: string[] = []
    expect((await openIndex({ corpus: [corpus], indexDir, log: (line) => lines.push(line) })).built).toBe(true)
    expect(lines.join('\n')).toContain('older')
  })

  it('keeps passage ids across a rebuild when their text did not change', async () => {
    const { corpus, indexDir } = await setUp()
    const before = await openIndex({ corpus: [corpus], indexDir })
    const [passage] = (await before.engine.search({ query: 'wheat' })).results
    await writeFile(join(corpus, 'b.md'), '---\ntitle: Barley\n---\n\nBarley prices fell as brewers cut orders for the coming season, according to merchants in the port city.\n')
    const after = await openIndex({ corpus: [corpus], indexDir })
    expect((await after.engine.getPassage(passage.passage.id))?.text).toBe(passage.passage.text)
  })
})
