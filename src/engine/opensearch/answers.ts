// The parts of OpenSearch's answers this backend reads, typed once.
import type { ArticleRecord, Passage } from '../../model.ts'

export interface Hit<Source = { passage: Passage }> {
  _id: string
  _score?: number | null
  _source: Source
  sort?: unknown[]
  inner_hits?: Record<string, { hits: { total: { value: number }; hits: Hit<Source>[] } }>
}

export interface Bucket {
  key: string | number | Record<string, unknown>
  doc_count: number
  doc_count_error_upper_bound?: number
}

/** An aggregation's answer: buckets for terms and composite, a value for metrics, sub-aggregations by name. */
export interface Aggregation {
  buckets?: Bucket[]
  value?: number
  doc_count?: number
  doc_count_error_upper_bound?: number
  sum_other_doc_count?: number
  after_key?: Record<string, unknown>
  [name: string]: unknown
}

export interface SearchAnswer<Source = { passage: Passage }> {
  hits: { total?: { value: number }; hits: Hit<Source>[] }
  aggregations?: Record<string, Aggregation>
  timed_out?: boolean
  _shards?: { failed: number }
  suggest?: Record<string, { options: { text: string; freq: number }[] }[]>
  pit_id?: string
}

export interface GetAnswer<Source> {
  found?: boolean
  _source?: Source
  _seq_no?: number
  _primary_term?: number
}

export interface MgetAnswer<Source> {
  docs: GetAnswer<Source>[]
}

export interface CountAnswer {
  count: number
}

export interface BulkAnswer {
  errors: boolean
  items: Record<string, { status: number; error?: { type?: string; reason?: string } }>[]
}

export type ArticleSource = { article: ArticleRecord }

/** A named sub-aggregation of an aggregation's answer. */
export function subAggregation(parent: Aggregation | undefined, name: string): Aggregation | undefined {
  return parent?.[name] as Aggregation | undefined
}
