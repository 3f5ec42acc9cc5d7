// The whole pipeline, full and incremental: `pipeline-child.ts <options-json>` writes Reuters-21578 stories
// as one Markdown file each (title, source and date in front matter) into a scratch folder, builds the index
// from it as `clippings index` does (syncIndex on the embedded backend), then adds, changes and removes one
// story at a time and times each update; optionally the real command too, wall clock. Prints one JSON line,
// a PipelineResult.
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { appendFile, mkdir, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createEmbeddedBackend } from '../src/engine/embedded/backend.ts'
import { syncIndex, type SyncSummary } from '../src/indexer/sync.ts'
import { BENCH_DIR, CORPORA_DIR, CORPUS_FILES, splitReutersBody } from './corpus.ts'
import { spread } from './stats.ts'
import type { PipelineResult } from './results.ts'
import { formatMs } from './report.ts'
import { log } from './child.ts'

export interface PipelineOptions {
  /** Stories in the folder before the updates. */
  articles: number
  /** Scratch folder (its `corpus/` and `index/`); removed afterwards. */
  workDir: string
  /** Runs of each change. Default 3. */
  runs?: number
  /** Also time the real command (`scripts/clippings.mjs index`), process start included. Default true. */
  cli?: boolean
}

interface Story {
  id: number
  title: string
  date?: string
  paragraphs: string[]
}

/** Reuters stories with a body, in file order. */
async function readStories(count: number): Promise<Story[]> {
  const stories: Story[] = []
  const lines = createInterface({ input: createReadStream(join(CORPORA_DIR, CORPUS_FILES.reuters)), crlfDelay: Infinity })
  for await (const line of lines) {
    if (!line.trim()) continue
    const story = JSON.parse(line) as { id: number; title?: string; date?: string; body?: string }
    const paragraphs = splitReutersBody(story.body ?? '')
    if (paragraphs.length === 0 || !story.title?.trim()) continue
    stories.push({ id: story.id, title: story.title.trim(), date: story.date?.slice(0, 10), paragraphs })
    if (stories.length >= count) break
  }
  lines.close()
  return stories
}

/** A story as a `.md` file: YAML front matter (JSON strings are valid YAML) and one paragraph a block. */
export function storyMarkdown(story: Story): string {
  const front = [`title: ${JSON.stringify(story.title)}`, 'source: Reuters', ...(story.date ? [`date: ${story.date}`] : [])]
  return `---\n${front.join('\n')}\n---\n\n${story.paragraphs.join('\n\n')}\n`
}

const fileOf = (corpusDir: string, story: Story) => join(corpusDir, `reuters-${story.id}.md`)

async function measurePipeline(options: PipelineOptions): Promise<PipelineResult> {
  const runs = options.runs ?? 3
  const corpusDir = join(options.workDir, 'corpus')
  const indexDir = join(options.workDir, 'index')
  await rm(options.workDir, { recursive: true, force: true })
  await mkdir(corpusDir, { recursive: true })
  // Enough stories for the folder and every story added later.
  const stories = await readStories(options.articles + 2 * runs + 2)
  if (stories.length < options.articles + 2 * runs + 2) throw new Error(`bench: only ${stories.length} Reuters stories with a body`)
  const initial = stories.slice(0, options.articles)
  const spare = stories.slice(options.articles)
  for (const story of initial) await writeFile(fileOf(corpusDir, story), storyMarkdown(story))

  const backend = createEmbeddedBackend(indexDir)
  const sync = async (full = false): Promise<SyncSummary> =>
    (await syncIndex(backend, { corpus: [corpusDir], full, pushedDir: join(indexDir, 'pushed'), log: (line) => log(`pipeline: ${line}`) })).summary
  const errors: string[] = []

  const first = await sync(true)
  log(`pipeline: full build of ${first.totalArticles} articles (${first.totalPassages} passages) ${formatMs(first.tookMs)}`)

  // Each change touches different stories: the first ones are changed, the last ones removed.
  let changedNext = 0
  let removedNext = initial.length - 1
  let spareNext = 0
  const addOne = () => writeFile(fileOf(corpusDir, spare[spareNext]), storyMarkdown(spare[spareNext++]))
  const changeOne = () => appendFile(fileOf(corpusDir, initial[changedNext++]), `\nCorrection: this story was updated on ${new Date().toISOString().slice(0, 10)}.\n`)
  const removeOne = () => unlink(fileOf(corpusDir, initial[removedNext--]))
  // What each change is expected to be read as. A story may be a duplicate of another (then it is no article
  // of its own), and a change to the people merge re-indexes the articles it regroups, so the counts are
  // recorded rather than required; only a full build, or no update where a file changed, is an error.
  const kinds: { name: string; make: () => Promise<unknown>; changes: boolean }[] = [
    { name: 'add 1 article', make: addOne, changes: true },
    { name: 'change 1 article', make: changeOne, changes: true },
    { name: 'remove 1 article', make: removeOne, changes: true },
    { name: 'add, change and remove 1 each', make: () => Promise.all([addOne(), changeOne(), removeOne()]), changes: true },
    { name: 'nothing changed', make: async () => undefined, changes: false },
  ]
  const ops: PipelineResult['ops'] = []
  for (const kind of kinds) {
    const times: number[] = []
    const counts: SyncSummary['articles'][] = []
    for (let run = 0; run < runs; run++) {
      await kind.make()
      const summary = await sync()
      times.push(summary.tookMs)
      counts.push(summary.articles)
      if (summary.mode === 'full' || (summary.mode === 'unchanged') === kind.changes) errors.push(`${kind.name}: the run was ${summary.mode} (${JSON.stringify(summary.articles)})`)
    }
    ops.push({ name: kind.name, runs, ms: spread(times), articles: counts.map(({ added, changed, removed }) => ({ added, changed, removed })) })
    log(`pipeline: ${kind.name} ${formatMs(spread(times).median)}`)
  }
  const changes = ops.filter((op) => op.name !== 'nothing changed')
  const result: PipelineResult = {
    articles: first.totalArticles,
    passages: first.totalPassages,
    fullMs: first.tookMs,
    ops,
    worstShareOfFull: Math.max(...changes.map((op) => op.ms.median)) / first.tookMs,
    errors,
  }
  if (options.cli ?? true) result.cli = await measureCli(corpusDir, indexDir, addOne, errors)
  await rm(options.workDir, { recursive: true, force: true })
  return result
}

/** The real command, wall clock: a full build, an update adding one story, and a run with nothing to do. */
async function measureCli(corpusDir: string, indexDir: string, addOne: () => Promise<unknown>, errors: string[]): Promise<PipelineResult['cli']> {
  const cli = join(BENCH_DIR, '..', 'scripts', 'clippings.mjs')
  const timed = (...extra: string[]) => {
    const started = performance.now()
    const run = spawnSync(process.execPath, [cli, 'index', corpusDir, '--out', indexDir, ...extra], { encoding: 'utf8' })
    const ms = performance.now() - started
    if (run.status !== 0) errors.push(`clippings index ${extra.join(' ')}: exit ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`)
    return ms
  }
  const fullMs = timed('--full')
  await addOne()
  const addOneMs = timed()
  const unchangedMs = timed()
  log(`pipeline: the command, wall clock: --full ${formatMs(fullMs)}, one story added ${formatMs(addOneMs)}, nothing changed ${formatMs(unchangedMs)}`)
  return { fullMs, addOneMs, unchangedMs }
}

const [optionsJson] = process.argv.slice(2)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!optionsJson) throw new Error('usage: pipeline-child.ts <options-json>')
  const result = await measurePipeline(JSON.parse(optionsJson) as PipelineOptions)
  process.stdout.write(JSON.stringify(result) + '\n')
}
