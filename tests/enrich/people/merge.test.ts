import { describe, expect, it } from 'vitest'
import { mergePeople } from '../../../src/enrich/people/index.ts'
import { addAliases, emptyAliases } from '../../../src/enrich/people/aliases.ts'
import type { NameStat, NameStats } from '../../../src/enrich/people/stats.ts'

/** Stats where each name is listed in the given number of passages, one article each, and nothing else is known. */
const counts = (entries: Record<string, number>, extra: Record<string, Partial<NameStat>> = {}): NameStats =>
  Object.fromEntries(Object.entries(entries).map(([name, passages]) => [name, { passages, articles: passages, personCues: 0, companyCues: 0, given: 0, ...extra[name] }]))

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

describe('mergePeople: safe merging on real news', () => {
  it('never joins two different surnames: "James R. Barker" stays apart from "James Baker"', () => {
    const merge = mergePeople(counts({ 'James Baker': 263, 'James R. Barker': 1, Barker: 2 }))
    expect(merge.canonical('James R. Barker')).toBe('James R. Barker')
    expect(merge.canonical('Barker')).toBe('James R. Barker')
    expect(merge.aliasesOf('James Baker')).toEqual([])
  })

  it('never names a cluster by an initial when a full given name exists', () => {
    const merge = mergePeople(counts({ 'M. Eyskens': 30, 'Mark Eyskens': 2 }))
    expect(merge.canonical('M. Eyskens')).toBe('Mark Eyskens')
  })

  it('merges a bare surname into the full name that dominates it in the corpus: "Reagan" -> "Ronald Reagan"', () => {
    const merge = mergePeople(counts({ Reagan: 346, 'Ronald Reagan': 28, 'Michael Reagan': 1 }))
    expect(merge.canonical('Reagan')).toBe('Ronald Reagan')
    expect(merge.canonical('Michael Reagan')).toBe('Michael Reagan')
  })

  it('merges a surname of several words into the full name that adds a given name to it: "Bra Kanon"', () => {
    const merge = mergePeople(counts({ 'Denis Bra Kanon': 14, 'Bra Kanon': 8, 'Minsiter Yasuhiro Nakasone': 1, 'Yasuhiro Nakasone': 120 }))
    expect(merge.canonical('Bra Kanon')).toBe('Denis Bra Kanon')
    expect(merge.canonical('Yasuhiro Nakasone')).toBe('Yasuhiro Nakasone')
  })

  it('keeps a bare surname apart when two full names share it', () => {
    const merge = mergePeople(counts({ Baker: 40, 'James Baker': 263, 'Howard Baker': 33 }))
    expect(merge.canonical('Baker')).toBe('Baker')
  })

  it('keeps a name that goes by its middle name apart: "J. Thomas Clark" is not "Joe Clark"', () => {
    const merge = mergePeople(counts({ 'Joe Clark': 11, 'J. Thomas Clark': 1 }))
    expect(merge.canonical('J. Thomas Clark')).toBe('J. Thomas Clark')
  })

  it('does not carry two middle initials into one person through the name without one', () => {
    const merge = mergePeople(counts({ 'John Smith': 10, 'John A. Smith': 3, 'John B. Smith': 2 }))
    expect(merge.canonical('John A. Smith')).toBe('John Smith')
    expect(merge.canonical('John B. Smith')).toBe('John B. Smith')
  })

  it('answers undefined for a name the corpus mostly writes as a firm', () => {
    const merge = mergePeople(counts({ 'Merrill Lynch': 32, 'Paul Volcker': 146 }, { 'Merrill Lynch': { companyCues: 168, personCues: 2 } }))
    expect(merge.canonical('Merrill Lynch')).toBeUndefined()
    expect(merge.canonical('Paul Volcker')).toBe('Paul Volcker')
  })

  it('keeps a person whose name also carries a firm sign now and then', () => {
    const merge = mergePeople(counts({ 'Carl Icahn': 23 }, { 'Carl Icahn': { personCues: 7, companyCues: 2 } }))
    expect(merge.canonical('Carl Icahn')).toBe('Carl Icahn')
  })

  it('keeps a person the corpus’s own people lists give, whatever the firm signs', () => {
    const merge = mergePeople(counts({ 'Ivan Boesky': 22 }, { 'Ivan Boesky': { companyCues: 5, given: 1 } }))
    expect(merge.canonical('Ivan Boesky')).toBe('Ivan Boesky')
  })

  it('takes spellings that differ only in case as one name', () => {
    const merge = mergePeople(counts({ 'Richard von Weizsaecker': 8, 'Richard Von Weizsaecker': 2 }))
    expect(merge.canonical('Richard Von Weizsaecker')).toBe('Richard von Weizsaecker')
    expect(merge.aliasesOf('Richard von Weizsaecker')).toEqual(['Richard Von Weizsaecker'])
  })
})
