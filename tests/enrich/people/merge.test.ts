import { describe, expect, it } from 'vitest'
import { mergePeople } from '../../../src/enrich/people/index.ts'
import { addAliases, emptyAliases } from '../../../src/enrich/people/aliases.ts'

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries))

describe('mergePeople', () => {
  it('merges a transliterated surname: "Rakhmon" with "Rahmon"', () => {
    const merge = mergePeople(counts({ 'Emomali Rahmon': 30, 'Emomali Rakhmon': 2 }))
    expect(merge.canonical('Emomali Rakhmon')).toBe('Emomali Rahmon')
    expect(merge.aliasesOf('Emomali Rahmon')).toEqual(['Emomali Rakhmon'])
  })

  it('merges a bare surname into the one full name ending in it: "Rakhmon" into "Emomali Rahmon"', () => {
    const merge = mergePeople(counts({ 'Emomali Rahmon': 30, Rakhmon: 1, Rahmon: 2, 'Rahmon Nabiev': 1 }))
    expect(merge.canonical('Rakhmon')).toBe('Emomali Rahmon')
    expect(merge.canonical('Rahmon')).toBe('Emomali Rahmon')
  })

  it('merges a one-letter typo in the given name: "Rustami Emomali" with "Rustam Emomali"', () => {
    const merge = mergePeople(counts({ 'Rustam Emomali': 5, 'Rustami Emomali': 1 }))
    expect(merge.canonical('Rustami Emomali')).toBe('Rustam Emomali')
  })

  it('merges a name with and without a middle name', () => {
    const merge = mergePeople(counts({ 'Michael Kurilla': 4, 'Michael Erik Kurilla': 1 }))
    expect(merge.canonical('Michael Erik Kurilla')).toBe('Michael Kurilla')
  })

  it('merges an initial with the full given name when only one person fits: "E. Rahmon"', () => {
    const merge = mergePeople(counts({ 'Emomali Rahmon': 30, 'E. Rahmon': 1 }))
    expect(merge.canonical('E. Rahmon')).toBe('Emomali Rahmon')
  })

  it('keeps "Rahmon Nabiev" apart from "Emomali Rahmon"', () => {
    const merge = mergePeople(counts({ 'Emomali Rahmon': 30, 'Rahmon Nabiev': 1 }))
    expect(merge.canonical('Rahmon Nabiev')).toBe('Rahmon Nabiev')
  })

  it('keeps "Rustam Emomali" apart from "Emomali Rahmon"', () => {
    const merge = mergePeople(counts({ 'Emomali Rahmon': 30, 'Rustam Emomali': 5 }))
    expect(merge.canonical('Rustam Emomali')).toBe('Rustam Emomali')
  })

  it('keeps two people who share only a surname apart: "Mark Waugh" and "Steve Waugh"', () => {
    const merge = mergePeople(counts({ 'Mark Waugh': 3, 'Steve Waugh': 3 }))
    expect(merge.canonical('Steve Waugh')).toBe('Steve Waugh')
  })

  it('leaves an initial that fits two people alone: "M. Waugh" with "Mark Waugh" and "Mike Waugh"', () => {
    const merge = mergePeople(counts({ 'Mark Waugh': 3, 'Mike Waugh': 2, 'M. Waugh': 1 }))
    expect(merge.canonical('M. Waugh')).toBe('M. Waugh')
  })

  it('leaves a bare surname that fits two people alone', () => {
    const merge = mergePeople(counts({ 'Mark Waugh': 3, 'Steve Waugh': 3, Waugh: 2 }))
    expect(merge.canonical('Waugh')).toBe('Waugh')
  })

  it('names a cluster by its most mentioned full spelling', () => {
    const merge = mergePeople(counts({ 'Rustami Emomali': 1, 'Rustam Emomali': 5 }))
    expect(merge.canonical('Rustam Emomali')).toBe('Rustam Emomali')
    expect(merge.aliasesOf('Rustam Emomali')).toEqual(['Rustami Emomali'])
  })
})

describe('mergePeople with aliases', () => {
  it('maps a variant named in the aliases file to its canonical name', () => {
    const aliases = addAliases(emptyAliases(), { people: { 'Emomali Rahmon': ['Emomalii Rahmon', 'Rahmonov'] } }, 'test')
    const merge = mergePeople(counts({ 'Emomali Rahmon': 3, Rahmonov: 2 }), aliases)
    expect(merge.canonical('Rahmonov')).toBe('Emomali Rahmon')
    expect(merge.aliasesOf('Emomali Rahmon')).toContain('Rahmonov')
  })

  it('lets the aliases file join two names the merge would keep apart', () => {
    const aliases = addAliases(emptyAliases(), { people: { 'Emomali Rahmon': ['Emomali Rahmonov'] } }, 'test')
    const merge = mergePeople(counts({ 'Emomali Rahmon': 3, 'Emomali Rahmonov': 1 }), aliases)
    expect(merge.canonical('Emomali Rahmonov')).toBe('Emomali Rahmon')
  })

  it('answers undefined for a name the aliases file says is not a person', () => {
    const aliases = addAliases(emptyAliases(), { notPeople: ['Iram Garden'] }, 'test')
    const merge = mergePeople(counts({ 'Iram Garden': 1, 'Vladimir Putin': 3 }), aliases)
    expect(merge.canonical('Iram Garden')).toBeUndefined()
    expect(merge.canonical('iram garden')).toBeUndefined()
    expect(merge.canonical('Vladimir Putin')).toBe('Vladimir Putin')
  })
})
