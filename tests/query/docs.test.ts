import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import { describeReading, parseQuery } from '../../src/query/parse.ts'

/** The syntax table of docs/query-language.md: each row's first example and the reading it promises. */
function documentedExamples(): { input: string; reading: string }[] {
  const markdown = readFileSync(resolve(PROJECT_ROOT, 'docs/query-language.md'), 'utf8')
  const rows = markdown.split('\n').filter((line) => line.startsWith('| `'))
  return rows.map((row) => {
    const cells = row.split(' | ')
    const input = /`([^`]+)`/.exec(cells[2] ?? '')?.[1] ?? ''
    return { input, reading: (cells[3] ?? '').replace(/\s*\|\s*$/, '').trim() }
  })
}

describe('docs/query-language.md', () => {
  const examples = documentedExamples()

  it('has a syntax table', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10)
  })

  it.each(examples)('reads $input as documented', ({ input, reading }) => {
    expect(describeReading(parseQuery(input).reading)).toBe(reading)
  })
})
