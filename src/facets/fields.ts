// A corpus's own fields as facets: which values a reader keeps (short labels, never free text) and which
// fields an index lists as facets (categories, never identifiers).
import type { FacetName } from '../model.ts'
import { facetNameForField, ownValue } from './registry.ts'

/** A field value longer than this is text, not a label. */
export const MAX_FIELD_VALUE_LENGTH = 100
/** More values than this in one field of one article is a list of words, not labels. */
const MAX_VALUES_PER_FIELD = 50

/**
 * The labels a field value holds: a short one-line string, or a list of them (numbers and booleans are
 * ids and flags, not labels). Undefined when the value is anything else, so long free text never
 * becomes a facet.
 */
export function fieldLabels(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : [value]
  if (items.length === 0 || items.length > MAX_VALUES_PER_FIELD) return undefined
  const labels: string[] = []
  for (const item of items) {
    if (typeof item !== 'string') return undefined
    const label = item.replace(/\s+/g, ' ').trim()
    if (label.length > MAX_FIELD_VALUE_LENGTH || /[\n\r]/.test(item.trim())) return undefined
    if (label && !labels.includes(label)) labels.push(label)
  }
  return labels.length > 0 ? labels : undefined
}

/**
 * Adds a record's extra fields to `fields`, keyed by facet name (see `facetNameForField`): tag-like
 * fields merge into `tag`. `skip` names fields the reader uses for something else (title, text, …).
 */
export function collectFields(record: Record<string, unknown>, skip: ReadonlySet<string>, fields: Record<string, string[]> = {}): Record<string, string[]> {
  for (const [key, value] of Object.entries(record)) {
    if (skip.has(key.toLowerCase())) continue
    const labels = fieldLabels(value)
    const name = labels && facetNameForField(key)
    if (!labels || !name) continue
    // A field may be called anything, `constructor` too: only the record's own entries count.
    fields[name] = [...new Set([...(ownValue(fields, name) ?? []), ...labels])]
  }
  return fields
}

/** Fewer articles than this carrying a field, and its values are too few to tell a category from an id. */
const MIN_CARRIERS_FOR_ID_TEST = 20
/** A field with more distinct values than this share of the articles carrying it is an identifier. */
const MAX_DISTINCT_SHARE = 0.2

/**
 * The fields that become facets in an index built from these articles: every field but the built-in
 * `tag`, unless it looks like an identifier or a per-story label (Reuters' `date_raw`, `dateline`): with
 * twenty or more articles carrying it, more distinct values than a fifth of them. Listed with the most
 * distinct values first: a field of a hundred places says more than a yes/no flag (Reuters' `places`,
 * `orgs`, `exchanges` come before its `has_topics` and `lewis_split`).
 */
export function chooseFieldFacets(articles: Iterable<{ fields?: Record<string, string[]> }>): FacetName[] {
  const carriers = new Map<FacetName, number>()
  const distinct = new Map<FacetName, Set<string>>()
  for (const article of articles) {
    for (const [name, values] of Object.entries(article.fields ?? {})) {
      if (name === 'tag' || values.length === 0) continue
      carriers.set(name, (carriers.get(name) ?? 0) + 1)
      let seen = distinct.get(name)
      if (!seen) distinct.set(name, (seen = new Set()))
      for (const value of values) seen.add(value)
    }
  }
  return [...carriers.keys()]
    .filter((name) => {
      const carried = carriers.get(name)!
      return carried < MIN_CARRIERS_FOR_ID_TEST || distinct.get(name)!.size <= carried * MAX_DISTINCT_SHARE
    })
    .sort((a, b) => distinct.get(b)!.size - distinct.get(a)!.size || (a < b ? -1 : a > b ? 1 : 0))
}
