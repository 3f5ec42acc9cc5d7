// Builds the links that change a search's state: the URL holds the state, so every facet toggle, chip, sort
// and page is a plain link made here (after Datasette's path_with_added_args / path_with_removed_args).
import type { FacetDefinition } from '../facets/registry.ts'

/** What a facet link needs to know of its facet: the parameters that select and exclude its values. */
export type FacetParams = Pick<FacetDefinition, 'name' | 'excludeParam'>

/** A parameter to remove: every value of a name, or one name=value pair. */
export type Removal = string | readonly [name: string, value: string]

/** Renders pairs as a path with a query string, dropping empty values (untouched form fields). */
export function pathWithPairs(path: string, pairs: Iterable<readonly [string, string]>): string {
  const search = new URLSearchParams()
  for (const [name, value] of pairs) if (value !== '') search.append(name, value)
  const text = search.toString()
  return text === '' ? path : `${path}?${text}`
}

function hasPair(pairs: ReadonlyArray<readonly [string, string]>, name: string, value: string): boolean {
  return pairs.some(([n, v]) => n === name && v === value)
}

/** `path` with the current parameters less the removals, plus the additions (each pair added once). */
export function pathWithChangedArgs(
  path: string,
  current: URLSearchParams,
  change: { add?: ReadonlyArray<readonly [string, string]>; remove?: readonly Removal[] },
): string {
  const removals = change.remove ?? []
  const kept = [...current].filter(
    ([name, value]) =>
      !removals.some((removal) => (typeof removal === 'string' ? removal === name : removal[0] === name && removal[1] === value)),
  )
  for (const [name, value] of change.add ?? []) if (!hasPair(kept, name, value)) kept.push([name, value])
  return pathWithPairs(path, kept)
}

export function pathWithAddedArgs(path: string, current: URLSearchParams, added: ReadonlyArray<readonly [string, string]>): string {
  return pathWithChangedArgs(path, current, { add: added })
}

export function pathWithRemovedArgs(path: string, current: URLSearchParams, removed: readonly Removal[]): string {
  return pathWithChangedArgs(path, current, { remove: removed })
}

/** Selecting a value when it is off, unselecting it when selected, lifting its exclusion when excluded. Back to page 1. */
export function facetToggleHref(path: string, current: URLSearchParams, facet: FacetParams, value: string): string {
  if (current.getAll(facet.name).includes(value)) return pathWithRemovedArgs(path, current, [[facet.name, value], 'page'])
  if (current.getAll(facet.excludeParam).includes(value)) {
    return pathWithRemovedArgs(path, current, [[facet.excludeParam, value], 'page'])
  }
  return pathWithChangedArgs(path, current, { add: [[facet.name, value]], remove: ['page'] })
}

/** Excluding a value (NOT), replacing a selection of the same value. Back to page 1. */
export function facetExcludeHref(path: string, current: URLSearchParams, facet: FacetParams, value: string): string {
  return pathWithChangedArgs(path, current, { add: [[facet.excludeParam, value]], remove: [[facet.name, value], 'page'] })
}

/** Only this value of the facet (the others of the facet and its exclusion of this value dropped). Back to page 1. */
export function facetOnlyHref(path: string, current: URLSearchParams, facet: FacetParams, value: string): string {
  return pathWithChangedArgs(path, current, { add: [[facet.name, value]], remove: [facet.name, [facet.excludeParam, value], 'page'] })
}

/** Only a search's own parameters, in a stable order, so two URLs for one state look the same. */
export function searchStatePairs(current: URLSearchParams, names: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const name of names) for (const value of current.getAll(name)) if (value !== '') pairs.push([name, value])
  return pairs
}
