// The facets, each defined once: its name (URL parameter, API key, export column), title, how a passage's
// values are read, how values are labelled and ordered, and where it shows. The engines' columns, the
// persisted index, the URL parameters, the API, the exports and the sidebar all read these definitions,
// as Datasette's facet classes are read by its views, so a new facet is one definition, not six files.
import type { FacetName, Passage } from '../model.ts'
import { monthLabel, monthOf, yearOf } from '../text/dates.ts'

/** The value of the year and month facets for a passage without a date. */
export const UNDATED = 'undated'

export type FacetKind = 'source' | 'topic' | 'person' | 'tag' | 'year' | 'month' | 'field'

export interface FacetDefinition {
  /** The facet's name: its URL parameter, its key under `facets` in the API, its column in exports. */
  readonly name: FacetName
  /** Shown above the facet's values: "Source", "People". */
  readonly title: string
  /** One value's kind in a sentence: "source", "person". */
  readonly noun: string
  readonly kind: FacetKind
  /** The URL parameter that excludes values: `exclude_<name>`. */
  readonly excludeParam: string
  /** A passage's values of this facet; undefined or an empty list for none. */
  valuesOf(passage: Passage): string | readonly string[] | undefined
  /** Values listed by count (most first) or newest first (dates, "undated" last). */
  readonly order: 'count' | 'newest'
  /** Counted and listed only while a filter on one of these facets is active (a year's months). */
  readonly onlyWithin?: readonly FacetName[]
  /** Values form a two-level tree: a value's parent comes from the index's labels (topics). */
  readonly hierarchical?: boolean
  /** Listed in the sidebar of the search pages. */
  readonly sidebar: boolean
}

/** What labels a facet's values beyond the values themselves: the taxonomy's names and tree. */
export interface FacetLabels {
  /** Topic id → label. */
  topicLabels: Readonly<Record<string, string>>
  /** Topic id → its parent's id, for second-level topics. */
  topicParents?: Readonly<Record<string, string>>
}

/**
 * A record's own entry for a key that may come from a request or a corpus: `labels["constructor"]` is
 * Object's constructor, not a label, and `__proto__` is no key of the record either.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}

/** Text a value is shown as: the topic's name for topic ids, "Undated", "October 2025", else the value. */
export function facetValueLabel(facet: FacetDefinition, value: string, labels: FacetLabels): string {
  if (facet.kind === 'topic') return ownValue(labels.topicLabels, value) ?? value
  if ((facet.kind === 'year' || facet.kind === 'month') && value === UNDATED) return 'Undated'
  if (facet.kind === 'month') return monthLabel(value)
  return value
}

/** The parent of a value in a hierarchical facet (a second-level topic's top-level topic), if any. */
export function facetValueParent(facet: FacetDefinition, value: string, labels: FacetLabels): string | undefined {
  return facet.hierarchical ? ownValue(labels.topicParents, value) : undefined
}

function define(definition: Omit<FacetDefinition, 'excludeParam' | 'noun'> & { noun?: string }): FacetDefinition {
  return { noun: definition.title.toLowerCase(), ...definition, excludeParam: `exclude_${definition.name}` }
}

const BUILT_IN: readonly FacetDefinition[] = [
  define({ name: 'source', title: 'Source', kind: 'source', order: 'count', sidebar: true, valuesOf: (p) => p.source }),
  define({ name: 'topic', title: 'Topic', kind: 'topic', order: 'count', sidebar: true, hierarchical: true, valuesOf: (p) => p.topics }),
  define({ name: 'person', title: 'People', noun: 'person', kind: 'person', order: 'count', sidebar: true, valuesOf: (p) => p.people }),
  define({ name: 'tag', title: 'Tags', noun: 'tag', kind: 'tag', order: 'count', sidebar: true, valuesOf: (p) => p.fields?.tag }),
  define({ name: 'year', title: 'Year', kind: 'year', order: 'newest', sidebar: true, valuesOf: (p) => yearOf(p.date) ?? UNDATED }),
  define({
    name: 'month',
    title: 'Month',
    kind: 'month',
    order: 'newest',
    sidebar: true,
    onlyWithin: ['year', 'month'],
    valuesOf: (p) => monthOf(p.date) ?? UNDATED,
  }),
]

/** Names of the built-in facets, in sidebar order. */
export const BUILT_IN_FACETS: readonly FacetName[] = BUILT_IN.map((facet) => facet.name)

/**
 * URL parameters with a meaning of their own. A corpus field by one of these names (or by a built-in
 * facet's name) becomes the facet `f_<name>`, so it can never change what a parameter does.
 */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  'q', 'from', 'to', 'sort', 'page', 'size', 'group', 'format', 'more', 'prefix', 'contains', 'limit', 'all',
  'person_contains', 'facet', 'id', 'text', 'title', 'url', 'date', 'author', 'section', 'snippet', 'source_url',
  'article', 'articles', 'passage', 'passages', 'people', 'topics', 'tags', 'exclude', 'feed', 'queries',
])

/** Corpus fields that feed the Tags facet rather than a facet of their own. */
const TAG_FIELDS: ReadonlySet<string> = new Set(['tag', 'tags', 'topics', 'keywords', 'keyword', 'category', 'categories'])

/**
 * The facet a corpus field feeds: `tag` for tag-like fields; else the field's name, lower case, with
 * anything but letters, digits and `_` as `_` and a name that clashes with a parameter or a built-in facet
 * prefixed `f_`. Undefined for a name with nothing usable in it.
 */
export function facetNameForField(field: string): FacetName | undefined {
  const name = field
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
  if (!name) return undefined
  if (TAG_FIELDS.has(name)) return 'tag'
  if (RESERVED_PARAMS.has(name) || BUILT_IN_FACETS.includes(name) || name.startsWith('exclude_') || name.startsWith('f_')) return `f_${name}`
  return name
}

/** The title of a field facet: "places" → "Places", "f_source_file" → "Source file". */
function fieldTitle(name: FacetName): string {
  const words = name.replace(/^f_/, '').replace(/_/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The definition of a facet over a corpus field, named by `facetNameForField`. */
export function fieldFacet(name: FacetName): FacetDefinition {
  return define({ name, title: fieldTitle(name), kind: 'field', order: 'count', sidebar: true, valuesOf: (p) => ownValue(p.fields, name) })
}

/** The facets of one index: the built-in ones, then the corpus's own fields in the order given. */
export class FacetRegistry {
  readonly facets: readonly FacetDefinition[]
  private readonly byName: ReadonlyMap<FacetName, FacetDefinition>

  /** `fieldFacets`: names (from `facetNameForField`) of the corpus fields that are facets in this index. */
  constructor(fieldFacets: readonly FacetName[] = []) {
    const fields = fieldFacets.filter((name) => !BUILT_IN_FACETS.includes(name))
    this.facets = [...BUILT_IN, ...[...new Set(fields)].map(fieldFacet)]
    this.byName = new Map(this.facets.map((facet) => [facet.name, facet]))
  }

  get names(): FacetName[] {
    return this.facets.map((facet) => facet.name)
  }

  /** The corpus field facets, without the built-in ones. */
  get fieldFacets(): FacetName[] {
    return this.facets.filter((facet) => facet.kind === 'field').map((facet) => facet.name)
  }

  get(name: FacetName): FacetDefinition | undefined {
    return this.byName.get(name)
  }

  has(name: string): boolean {
    return this.byName.has(name)
  }

  /** Every URL parameter a facet owns: its name and its exclude parameter. */
  get params(): string[] {
    return this.facets.flatMap((facet) => [facet.name, facet.excludeParam])
  }
}

/** The registry with the built-in facets only: for an index without fields of its own. */
export const BUILT_IN_REGISTRY = new FacetRegistry()
