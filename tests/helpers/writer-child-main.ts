// The body of writer-child.mjs: a build of many passages, then updates in a loop, each flush adding one
// article and recording how many it has added in the indexer state, so a reader can check that what it
// finds (articles) and what the state says (count) are of the same moment.
import { createEmbeddedBackend } from '../../src/engine/embedded/backend.ts'
import type { IndexData } from '../../src/engine/engine.ts'
import { makeCorpus } from './passages.ts'

export function updateArticle(n: number) {
  const { articles, passages } = makeCorpus([{ text: `Update number ${n} about the reservoir and the turbine hall ${n}.`, article: `update-${n}` }])
  return { article: { ...articles[0], passageIds: [`update-${n}`] }, passages: [{ ...passages[0], id: `update-${n}` }] }
}

export function baseData(count: number): IndexData {
  const words = ['river', 'dam', 'turbine', 'cotton', 'harvest', 'bonds', 'grid', 'reservoir', 'valley', 'power']
  const { articles, passages } = makeCorpus(
    Array.from({ length: count }, (_, i) => ({
      text: Array.from({ length: 40 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ') + ` base ${i}.`,
      article: `base-${Math.floor(i / 4)}`,
      date: `20${10 + (i % 10)}-0${(i % 9) + 1}`,
    })),
  )
  return { articles, passages, personAliases: {}, topicLabels: {}, topicParents: {}, fieldFacets: [], builtAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
}

export async function runWriterChild(dir: string, mode: string): Promise<void> {
  const backend = createEmbeddedBackend(dir, { mergeCount: 3 })
  if (mode === 'build') {
    await backend.build(baseData(8_000), { added: 0 })
    process.stdout.write('built\n')
    return
  }
  const state = (await backend.readState()) as { added: number }
  let n = state.added
  for (;;) {
    const writer = await backend.openWriter()
    n++
    writer.add([updateArticle(n)])
    writer.setState({ added: n })
    await writer.flush()
    await writer.close()
    process.stdout.write(`${n}\n`)
  }
}
