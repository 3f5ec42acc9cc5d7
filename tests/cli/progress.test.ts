import { describe, it, expect } from 'vitest'
import { progressReporter } from '../../src/cli/progress.ts'

function plainStream(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let written = ''
  const stream = {
    isTTY: false,
    write: (text: string) => {
      written += text
      return true
    },
  } as unknown as NodeJS.WriteStream
  return { stream, lines: () => written.split('\n').filter(Boolean) }
}

describe('progressReporter without a terminal', () => {
  it('prints a line when a step starts and when it reaches a new tenth, not for every item', () => {
    const { stream, lines } = plainStream()
    const progress = progressReporter(stream)
    for (let done = 0; done <= 20; done++) progress.update('read', done, 20)
    for (let done = 0; done <= 3; done++) progress.update('index', done, 3)
    expect(lines()).toEqual([
      'read: 0/20', 'read: 2/20', 'read: 4/20', 'read: 6/20', 'read: 8/20', 'read: 10/20',
      'read: 12/20', 'read: 14/20', 'read: 16/20', 'read: 18/20', 'read: 20/20',
      'index: 0/3', 'index: 1/3', 'index: 2/3', 'index: 3/3',
    ])
  })

  it('prints nothing for a step with no work', () => {
    const { stream, lines } = plainStream()
    progressReporter(stream).update('read', 0, 0)
    expect(lines()).toEqual([])
  })
})
