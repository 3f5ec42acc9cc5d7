import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import { cleanArticle } from '../../src/ingest/clean/index.ts'

const SEEDS = join(PROJECT_ROOT, 'seeds')
const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'clean')
const seed = (prefix: string) => {
  const file = readdirSync(SEEDS).find((name) => name.startsWith(prefix) && name.endsWith('.txt'))!
  return cleanArticle(readFileSync(join(SEEDS, file), 'utf8'))
}

// Page chrome the seeds contain; none of it may survive into a block.
const SEED_CHROME = [
  'Rate this article', 'votes:', '(1 vote)', 'Share this article', 'Follow us on', 'Читать на русском', 'На русском',
  'For business', 'For researchers', 'For students', 'Poll conducted', '33 (31%)', 'US long-term goals',
  'Photo:', 'Photo from', 'See also', 'Lukyanov', 'Are Ambitions Well-Founded', 'financial support of',
  'do not reflect the position', 'spelling error', 'Ctrl+Enter', 'Latest news', 'Kcell', 'Join the Conversation',
  'BlogEngine', 'Leave a comment', 'Your email address', 'Original Author', '\\$', '**', '](#)', '***',
  'Sharofiddin Gadoev', '28 October 2025', 'PhD in Political Science',
]

describe('cleanArticle on the seed articles', () => {
  const files = readdirSync(SEEDS).filter((name) => name.endsWith('.txt'))

  it('leaves no page chrome in any block of any seed', () => {
    expect(files.length).toBe(5)
    for (const file of files) {
      const { blocks } = cleanArticle(readFileSync(join(SEEDS, file), 'utf8'))
      expect(blocks.length).toBeGreaterThan(5)
      for (const block of blocks) for (const phrase of SEED_CHROME) expect(block.text, `${file}: ${phrase}`).not.toContain(phrase)
    }
  })

  it('reads the signature block of 000 into author, role, date and place', () => {
    const { meta } = seed('000')
    expect(meta).toMatchObject({
      title: 'Power Transition in Tajikistan: Rahmon’s Failed Mission to Convince Putin',
      titleOrigin: 'text',
      author: 'Sharofiddin Gadoev',
      authorRole: 'Chairman of the Movement for Reforms and Development of Tajikistan',
      date: { iso: '2025-10-28', precision: 'day' },
      place: 'Amsterdam, The Netherlands',
    })
  })

  it('reads 001: title, sections (By The Book is a heading), quotes kept with attribution, list with intro', () => {
    const { meta, blocks } = seed('001')
    expect(meta).toMatchObject({ title: 'Putin and Rahmon Reaffirm Steady Partnership Amid Past Frictions', author: 'Zarina Fayzulina' })
    expect(meta.date).toBeUndefined()
    expect([...new Set(blocks.map((block) => block.section))]).toEqual([undefined, 'By The Book', 'Past Frictions', 'No Hard Feelings?'])
    expect(blocks.some((block) => /individually, Rahmon said, adding that more than two million/.test(block.text))).toBe(true)
    expect(blocks.some((block) => block.text.startsWith('“We are not outsiders to you,” Rahmon said.'))).toBe(true)
    const list = blocks.find((block) => block.text.includes('- The status of representative offices'))!
    expect(list.text.startsWith('The two sides approved a comprehensive package of agreements, including:\n- ')).toBe(true)
  })

  it('rejoins the paragraphs of 002 broken by blank lines and finds its headings', () => {
    const { meta, blocks } = seed('002')
    expect(meta.title).toBeUndefined()
    const text = blocks.map((block) => block.text).join('\n')
    expect(text).toContain('with the Eurasian Economic Union, not only')
    expect(text).toContain('join the Eurasian Alliance, but rather')
    expect(text).toContain('for a peaceful solution to its problems')
    expect(text).toContain('was officially delegated')
    expect(text).toContain('amounted to $893 million')
    expect([...new Set(blocks.map((block) => block.section))]).toEqual([
      undefined, 'How Roghun Was Created', 'EAEU Expansion and Migrants', 'Military Cooperation', 'Hopes Did Not Come True',
    ])
  })

  it('keeps the captions of 003 as text without their credits, and does not take the first for a title', () => {
    const { meta, blocks } = seed('003')
    expect(meta.title).toBeUndefined()
    expect(blocks[0]!.text).toBe(
      'Tajik President Emomali Rahmon (left) is seen with his Russian counterpart Vladimir Putin during a meeting at the Kremlin in Moscow.',
    )
    expect(blocks[1]!.text).toMatch(/^A little over a week ago/)
    const text = blocks.map((block) => block.text).join('\n')
    expect(text).toContain('Workers hold Tajik flags during the launch of the first turbine of the Rogun dam')
    for (const credit of ['Guneev', 'Klimentyev', 'Amir Isaev', 'Sputnik / AFP']) expect(text).not.toContain(credit)
    expect(blocks.at(-1)!.text).toMatch(/no change is anticipated in the near future\.$/)
    expect(blocks.map((block) => block.section)).toContain('Stability restored')
    expect(blocks.map((block) => block.section)).toContain('Iron fist')
  })

  it('reads the author block of 004 and keeps its repeated summary once', () => {
    const { meta, blocks } = seed('004')
    expect(meta).toMatchObject({ author: 'Evgeniya Makhmutova (Voyko)' })
    expect(meta.authorRole).toMatch(/^PhD in Political Science, Associate Professor/)
    expect(meta.title).toBeUndefined()
    expect(meta.date).toBeUndefined()
    const summary = blocks.filter((block) => block.text.startsWith('Tajikistan’s overwhelming dependence'))
    expect(summary).toHaveLength(1)
  })
})

describe('cleanArticle on held-out pages phrased differently', () => {
  const fixture = (name: string, knownTitle?: string) => cleanArticle(readFileSync(join(FIXTURES, name), 'utf8'), { knownTitle })
  const allText = (blocks: { text: string }[]) => blocks.map((block) => block.text).join('\n')

  it('cleans a wire story in markdown: breadcrumbs, share row, captions, read-more, most-read box, comments', () => {
    const { meta, blocks } = fixture('wire-newsroom.md', 'Kyrgyz Parliament Approves New Mining Code')
    expect(meta).toMatchObject({ place: 'Bishkek, Kyrgyzstan', date: { iso: '2024-03-03', precision: 'day' } })
    const text = allText(blocks)
    for (const phrase of ['Home >', 'Share on', 'Tweet', 'Photo', 'Image courtesy', 'Read more', 'helpful', 'Most Read', 'Flash Floods', 'Comments', 'Great article', 'Leave a Reply', 'logged in', '©', 'BISHKEK'])
      expect(text, phrase).not.toContain(phrase)
    expect(text).toContain('$120 million a year')
    expect(blocks.map((block) => block.section)).toContain('Investors wary')
    // the caption stays as text, its credit goes
    expect(text).toContain('Miners at work in the Kumtor open pit in 2021.')
    expect(blocks).toHaveLength(6)
  })

  it('cleans a think-tank page: language link, rating, author block, teaser, poll, EU disclaimer, footer', () => {
    const { meta, blocks } = fixture('think-tank.txt')
    expect(meta).toMatchObject({
      title: 'Water Diplomacy in the Ferghana Valley',
      author: 'Aizada Toktosunova',
      authorRole: 'Senior Research Fellow, Institute for Regional Studies, Bishkek',
    })
    const text = allText(blocks)
    for (const phrase of ['Русская', 'rating', 'Print', 'See also', 'Aral Sea', 'Quick poll', '58%', 'Total votes', 'European Union', 'typo', 'About'])
      expect(text, phrase).not.toContain(phrase)
    expect(text).toContain('kept the water for their own turbines and the downstream fields went dry in July.')
    expect([...new Set(blocks.map((block) => block.section))]).toEqual([undefined, 'Bargains and Barters', 'The rules of the game'])
    expect(blocks.filter((block) => block.text.startsWith('Water has long been'))).toHaveLength(1)
  })

  it('cleans a blog column: newsletter prompt, byline with date, bio, tags, related list, comments', () => {
    const { meta, blocks } = fixture('columnist-blog.txt')
    expect(meta).toMatchObject({
      title: 'A letter from Almaty: the city that keeps rebuilding itself',
      author: 'Daniel Whitmore',
      authorRole: 'freelance writer based in Almaty',
      date: { iso: '2023-10-04', precision: 'day' },
    })
    const text = allText(blocks)
    for (const phrase of ['Subscribe', 'By Daniel', 'Unsplash', 'freelance writer', 'Tags:', 'Related Articles', 'Mosaics', 'thoughts on', 'Lovely piece', 'Comments are closed'])
      expect(text, phrase).not.toContain(phrase)
    expect(text).toContain('The city\'s planners point to three priorities for the next decade:\n- a metro extension to the airport')
    expect(text).toContain('"We will believe it when we ride it."')
  })
})
