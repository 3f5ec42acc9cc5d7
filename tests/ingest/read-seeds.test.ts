import { describe, it, expect } from 'vitest'
import { resolve } from 'node:path'
import { readCorpus } from '../../src/ingest/read-corpus.ts'
import { PROJECT_ROOT } from '../../src/defaults.ts'

describe('readCorpus over the seeds', async () => {
  const result = await readCorpus([resolve(PROJECT_ROOT, 'seeds')])
  const byFile = new Map(result.articles.map((article) => [article.file, article]))

  it('reads the five seed articles and skips the README', () => {
    expect([...byFile.keys()]).toEqual([
      '000_2ec946542bc177c9.txt',
      '001_9482a3988cc2d372.txt',
      '002_2d1c47f3113d3976.txt',
      '003_31e478db5f43fc3e.txt',
      '004_c39f99f804af872e.txt',
    ])
    expect(result.skipped).toEqual([{ file: 'README.md', reason: 'not an article (README)' }])
    expect(result.duplicates).toEqual([])
  })

  it.each([
    ['000_2ec946542bc177c9.txt', 'Power Transition in Tajikistan: Rahmon’s Failed Mission to Convince Putin', 'metadata', 'Movement for Reforms and Development of Tajikistan', '2025-10-28', 'day', 'Sharofiddin Gadoev'],
    ['001_9482a3988cc2d372.txt', 'Putin and Rahmon Reaffirm Steady Partnership Amid Past Frictions', 'metadata', 'Orda.kz', '2025-10', 'month', 'Zarina Fayzulina'],
    ['002_2d1c47f3113d3976.txt', 'Emomali Rahmon’s official visit to Russia, 17–18 April 2019', 'derived', 'CABAR.asia', '2019-04', 'month', undefined],
    ['003_31e478db5f43fc3e.txt', 'Tajikistan powder keg burns with a slow fuse', 'metadata', 'Asia Times', '2019-05', 'month', undefined],
    ['004_c39f99f804af872e.txt', 'Does Tajikistan Have a Choice Amid Anti-Russian Sanctions?', 'metadata', 'Russian International Affairs Council (RIAC)', '2022-08', 'month', 'Evgeniya Makhmutova'],
  ])('gives %s its title, source, date and author', (file, title, titleOrigin, source, iso, precision, author) => {
    const article = byFile.get(file)!
    expect(article).toMatchObject({ title, titleOrigin, source, date: { iso, precision }, language: 'en' })
    expect(article.author).toBe(author)
    expect(article.blocks.length).toBeGreaterThan(3)
  })

  it('keeps what the text states beyond the sidecar: the signature block’s role and place', () => {
    expect(byFile.get('000_2ec946542bc177c9.txt')).toMatchObject({
      authorRole: 'Chairman of the Movement for Reforms and Development of Tajikistan',
      place: 'Amsterdam, The Netherlands',
    })
    expect(byFile.get('004_c39f99f804af872e.txt')!.authorRole).toMatch(/^PhD in Political Science/)
  })

  it('gives each seed a readable slug of its title', () => {
    expect(byFile.get('003_31e478db5f43fc3e.txt')!.id).toBe('tajikistan-powder-keg-burns-with-a-slow-fuse')
    expect(byFile.get('000_2ec946542bc177c9.txt')!.id).toBe('power-transition-in-tajikistan-rahmons-failed-mission-to-convince-putin')
  })

  it('does not repeat a known title as the first block', () => {
    for (const article of result.articles) expect(article.blocks[0].text).not.toBe(article.title)
  })
})
