// `clippings index [DIR...] [--out DIR]`: builds the index from folders of articles, or brings an existing one
// up to date reading only what changed, and reports what it did.
import { join, resolve } from 'node:path'
import { defaults } from '../defaults.ts'
import { createBackend } from '../engine/backends.ts'
import { syncIndex, type SyncSummary } from '../indexer/sync.ts'
import type { Command } from './main.ts'
import { UsageError, engineConfigOf, engineOptions, parseCommandLine } from './args.ts'
import { progressReporter } from './progress.ts'

const usage = `Usage: clippings index [DIR...] [--out DIR] [--full] [--source NAME] [--taxonomy FILE]

Reads every article below the folders, cleans it, splits it into passages, attaches people and topics, and
writes the index. Run again on the same folders, it reads only the files added or changed since and drops
what deleted files gave (add --full to rebuild from scratch). Without DIR it updates the index in --out
from the folders it was built from (seeds/ for a new index). Files that cannot be used are skipped with a
reason; a folder that does not exist is an error, and nothing is written.

Options:
  --out DIR                where the index is (default: index/)
  --full                   read everything and build the index anew
  --source NAME            the source of articles that name none (a JSON Lines line's own "source" wins)
  --taxonomy FILE          topic taxonomy to use (default: taxonomy.json in the corpus folder, else the shipped one)
  --allow-empty            write the index even when no article could be read (default: keep the old one)
  --engine NAME            embedded (default) or opensearch (or $CLIPPINGS_ENGINE)
  --opensearch-url URL     the OpenSearch cluster (or $OPENSEARCH_URL)
  --opensearch-index NAME  the index alias in it (default: clippings)
  --help                   show this help`

export const indexCommand: Command = {
  name: 'index',
  summary: 'build or update the index from folders of articles',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      out: { type: 'string' },
      taxonomy: { type: 'string' },
      full: { type: 'boolean' },
      source: { type: 'string' },
      'allow-empty': { type: 'boolean' },
      ...engineOptions,
    })
    if (values.index !== undefined) throw new UsageError('index writes to --out DIR (--index is for the commands that read an index)')
    if (values.source !== undefined && values.source.trim() === '') throw new UsageError('--source needs a name, such as "Reuters"')
    const config = engineConfigOf({ ...values, index: values.out })
    const backend = await createBackend(config, { log: (line) => console.error(line) })
    const hasIndex = await backend.exists()
    const given = positionals.map((path) => resolve(path))
    // Without folders: the ones the index was built from, else the seeds. Articles pushed through the API
    // (in the index folder's pushed/) are always part of the corpus.
    const corpus = given.length > 0 ? given : hasIndex ? undefined : [...defaults.corpusDirs]
    const progress = progressReporter()
    const { summary } = await syncIndex(backend, {
      corpus,
      pushedDir: join(config.indexDir, 'pushed'),
      taxonomyPath: values.taxonomy && resolve(values.taxonomy),
      defaultSource: values.source?.trim(),
      full: values.full,
      allowEmpty: values['allow-empty'],
      onProgress: progress.update,
      log: (line) => console.error(line),
    }).finally(progress.done)
    console.log(describeSummary(summary, backend.location))
  },
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

/** The run in a few lines: what changed, what the index holds, what could not be used and why. */
export function describeSummary(summary: SyncSummary, location: string): string {
  const seconds = (summary.tookMs / 1000).toFixed(1)
  const { added, changed, removed, unchanged } = summary.articles
  const lines = [
    summary.mode === 'full'
      ? `Indexed ${plural(summary.totalArticles, 'article')} into ${plural(summary.totalPassages, 'passage')} in ${seconds} s${summary.reason ? ` (${summary.reason})` : ''}`
      : summary.mode === 'unchanged'
        ? `Nothing changed: ${plural(summary.totalArticles, 'article')}, ${plural(summary.totalPassages, 'passage')} (checked in ${seconds} s)`
        : `Updated the index in ${seconds} s: ${added} added, ${changed} changed, ${removed} removed, ${unchanged} unchanged; ${plural(summary.totalArticles, 'article')}, ${plural(summary.totalPassages, 'passage')} in all`,
    `  files read: ${summary.files.read}; unchanged: ${summary.files.unchanged}; removed: ${summary.files.removed}`,
  ]
  if (summary.mode !== 'unchanged') {
    lines.push(`  of the articles read: ${summary.undated} undated, ${summary.untitled} without a title of their own; duplicates skipped: ${summary.duplicates.length}`)
  }
  if (summary.withoutSource > 0.5) {
    lines.push(`  warning: ${Math.round(summary.withoutSource * 100)}% of the articles name no source; give one with --source NAME`)
  }
  lines.push(`  index: ${location}`)
  lines.push(summary.skipped.length > 0 ? `Skipped ${plural(summary.skipped.length, 'file')}:` : 'Skipped no files.')
  lines.push(...summary.skipped.slice(0, 50).map((s) => `  ${s.file}: ${s.reason}`))
  if (summary.skipped.length > 50) lines.push(`  … and ${summary.skipped.length - 50} more`)
  if (summary.warnings.length > 0) {
    lines.push(`${plural(summary.warnings.length, 'warning')}:`, ...summary.warnings.slice(0, 20).map((warning) => `  ${warning}`))
    if (summary.warnings.length > 20) lines.push(`  … and ${summary.warnings.length - 20} more`)
  }
  return lines.join('\n')
}
