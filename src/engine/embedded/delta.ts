// A delta segment: one flushed change to an embedded index, as gzipped JSON Lines: the articles removed, the
// articles added with their passages, new meta, a patch to the indexer's state, and an end line. A load
// replays the deltas in order on top of the base; a delta cut short fails its checksum and is never replayed
// in part.
import type { IndexedArticle, IndexerState, IndexMeta } from '../engine.ts'
import { forEachJsonLine, writeJsonLines, type FileCheck } from './files.ts'

export interface DeltaOps {
  remove: string[]
  add: IndexedArticle[]
  meta?: Partial<IndexMeta>
  /** A JSON Merge Patch to the indexer's state. */
  state?: IndexerState
}

type DeltaLine =
  | { op: 'remove'; articleIds: string[] }
  | { op: 'add'; article: IndexedArticle['article']; passages: IndexedArticle['passages'] }
  | { op: 'meta'; meta: Partial<IndexMeta> }
  | { op: 'state'; patch: IndexerState }
  | { op: 'end'; added: number; removed: number }

function* deltaLines(ops: DeltaOps): Generator<DeltaLine> {
  if (ops.remove.length > 0) yield { op: 'remove', articleIds: ops.remove }
  for (const { article, passages } of ops.add) yield { op: 'add', article, passages }
  if (ops.meta) yield { op: 'meta', meta: ops.meta }
  if (ops.state) yield { op: 'state', patch: ops.state }
  yield { op: 'end', added: ops.add.length, removed: ops.remove.length }
}

export function writeDelta(path: string, ops: DeltaOps): Promise<FileCheck> {
  return writeJsonLines(path, deltaLines(ops))
}

export async function readDelta(path: string, check: FileCheck | undefined): Promise<DeltaOps> {
  const ops: DeltaOps = { remove: [], add: [] }
  let ended = false
  await forEachJsonLine(path, check, (item) => {
    const line = item as DeltaLine
    if (line.op === 'remove') ops.remove.push(...line.articleIds)
    else if (line.op === 'add') ops.add.push({ article: line.article, passages: line.passages })
    else if (line.op === 'meta') ops.meta = { ...ops.meta, ...line.meta }
    else if (line.op === 'state') ops.state = line.patch
    else if (line.op === 'end') ended = true
  })
  if (!ended) throw new Error(`${path} is cut short`)
  return ops
}
