import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../src/defaults.ts'
import { ClippingsError } from '../../../src/errors.ts'
import { loadAliases } from '../../../src/enrich/people/index.ts'

const folder = mkdtempSync(join(tmpdir(), 'clippings-aliases-'))
const write = (name: string, text: string) => {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

describe('loadAliases', () => {
  it('reads variants and not-people, folding case and accents', () => {
    const path = write('a.json', JSON.stringify({ people: { 'Emomali Rahmon': ['Emomalii Rahmon', 'E. Rahmón'] }, notPeople: ['Iram Garden'] }))
    const aliases = loadAliases([path])
    expect(aliases.canonical.get('emomalii rahmon')).toBe('Emomali Rahmon')
    expect(aliases.canonical.get('e. rahmon')).toBe('Emomali Rahmon')
    expect(aliases.canonical.get('emomali rahmon')).toBe('Emomali Rahmon')
    expect(aliases.notPeople.has('iram garden')).toBe(true)
  })

  it('skips a missing file', () => {
    const aliases = loadAliases([join(folder, 'nothing-here.json')])
    expect(aliases.canonical.size).toBe(0)
    expect(aliases.notPeople.size).toBe(0)
  })

  it('throws a ClippingsError naming a file that is not JSON', () => {
    const path = write('broken.json', '{ "people": ')
    expect(() => loadAliases([path])).toThrow(ClippingsError)
    expect(() => loadAliases([path])).toThrow(/broken\.json/)
  })

  it('throws a ClippingsError naming a file of the wrong shape', () => {
    const path = write('shape.json', JSON.stringify({ people: { 'Emomali Rahmon': 'Rahmonov' } }))
    expect(() => loadAliases([path])).toThrow(/shape\.json.*list of strings/)
  })

  it('lets a later file add to an earlier one', () => {
    const first = write('first.json', JSON.stringify({ people: { 'Emomali Rahmon': ['Rahmonov'] } }))
    const second = write('second.json', JSON.stringify({ notPeople: ['Dusti Square'] }))
    const aliases = loadAliases([first, second])
    expect(aliases.canonical.get('rahmonov')).toBe('Emomali Rahmon')
    expect(aliases.notPeople.has('dusti square')).toBe(true)
  })

  it('accepts the seed corpus’s aliases file', () => {
    const path = join(PROJECT_ROOT, 'seeds', 'people-aliases.json')
    expect(() => JSON.parse(readFileSync(path, 'utf8'))).not.toThrow()
    expect(() => loadAliases([path])).not.toThrow()
  })
})
