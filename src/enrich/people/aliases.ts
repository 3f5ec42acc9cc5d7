// The user's corrections to the people facet: which spellings are the same person, and which names are not
// people at all. Read from JSON aliases files; re-indexing applies them.
//
// File format (JSON; every key optional):
//   {
//     "people":    { "Emomali Rahmon": ["Emomalii Rahmon", "E. Rahmon"] },   canonical name -> its variants
//     "notPeople": ["Iram Garden"]                                            names never listed as people
//   }
// Matching ignores case and accents. Later files override earlier ones for the same variant.
import { readFileSync } from 'node:fs'
import { ClippingsError } from '../../errors.ts'
import { foldName } from './fold.ts'

export interface Aliases {
  /** Variant (folded) -> canonical name as it should be shown. Each canonical name also maps to itself. */
  canonical: Map<string, string>
  /** Folded names that are not people. */
  notPeople: Set<string>
}

export function emptyAliases(): Aliases {
  return { canonical: new Map(), notPeople: new Set() }
}

/** Reads aliases files in order; a missing file is skipped, a malformed one throws naming the file. */
export function loadAliases(paths: string[]): Aliases {
  const aliases = emptyAliases()
  for (const path of paths) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw new ClippingsError('unreadable-file', `Clippings: cannot read aliases file "${path}": ${(error as Error).message}`, { cause: error })
    }
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new ClippingsError('unreadable-file', `Clippings: aliases file "${path}" is not valid JSON: ${(error as Error).message}`, { cause: error })
    }
    addAliases(aliases, data, path)
  }
  return aliases
}

/** Adds one parsed aliases document to `into`; `source` names it in errors. */
export function addAliases(into: Aliases, data: unknown, source: string): Aliases {
  const fail = (what: string): never => {
    throw new ClippingsError('unreadable-file', `Clippings: aliases file "${source}" is malformed: ${what}`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('expected an object with "people" and/or "notPeople"')
  const record = data as Record<string, unknown>
  if (record.people !== undefined) {
    if (typeof record.people !== 'object' || record.people === null || Array.isArray(record.people)) fail('"people" must map each canonical name to a list of variants')
    for (const [canonical, variants] of Object.entries(record.people as Record<string, unknown>)) {
      if (!Array.isArray(variants) || variants.some((v) => typeof v !== 'string')) fail(`"people"."${canonical}" must be a list of strings`)
      const name = canonical.trim()
      into.canonical.set(foldName(name), name)
      for (const variant of variants as string[]) into.canonical.set(foldName(variant), name)
    }
  }
  if (record.notPeople !== undefined) {
    if (!Array.isArray(record.notPeople) || record.notPeople.some((v) => typeof v !== 'string')) fail('"notPeople" must be a list of strings')
    for (const name of record.notPeople as string[]) into.notPeople.add(foldName(name))
  }
  for (const key of Object.keys(record)) {
    if (key !== 'people' && key !== 'notPeople' && !key.startsWith('_') && !key.startsWith('$')) fail(`unknown key "${key}" (expected "people" or "notPeople")`)
  }
  return into
}
