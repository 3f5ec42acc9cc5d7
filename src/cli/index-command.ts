// `clippings index [DIR...] [--out DIR]`: builds the index from folders of articles and reports what it did.
import { resolve } from 'node:path'
import { defaults } from '../defaults.ts'
import { openIndex } from '../indexer/open.ts'
import type { Command } from './main.ts'
import { parseCommandLine } from './args.ts'
import { progressReporter } from './progress.ts'

const usage = `Usage: clippings index [DIR...] [--out DIR] [--taxonomy FILE]

Reads every article below the folders (default: seeds/), cleans it, splits it into passages, attaches
people and topics, and writes the index. Files that cannot be used are skipped with a reason.

Options:
  --out DIR         where to write the index (default: index/)
  --taxonomy FILE   topic taxonomy to use (default: taxonomy.json in the corpus folder, else the shipped one)
  --help            show this help`

export const indexCommand: Command = {
  name: 'index',
  summary: 'build the index from folders of articles',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      out: { type: 'string' },
      taxonomy: { type: 'string' },
    })
    const corpus = positionals.length > 0 ? positionals.map((p) => resolve(p)) : [...defaults.corpusDirs]
    const progress = progressReporter()
    const opened = await openIndex({
      corpus,
      indexDir: resolve(values.out ?? defaults.indexDir),
      taxonomyPath: values.taxonomy && resolve(values.taxonomy),
      rebuild: true,
      onProgress: progress.update,
    }).finally(progress.done)
    const { manifest } = opened
    const data = opened.engine.data
    const undated = data.articles.filter((a) => !a.date).length
    const untitled = data.articles.filter((a) => a.titleOrigin === 'derived').length
    console.log(
      [
        `Indexed ${manifest.counts.articles} articles into ${manifest.counts.passages} passages (${manifest.counts.people} people) in ${(opened.tookMs / 1000).toFixed(1)} s`,
        `  undated articles: ${undated}; without a title of their own: ${untitled}; duplicates skipped: ${opened.duplicates}`,
        `  index written to ${resolve(values.out ?? defaults.indexDir)}`,
        opened.skipped.length > 0 ? `Skipped ${opened.skipped.length} files:` : 'Skipped no files.',
        ...opened.skipped.map((s) => `  ${s.file}: ${s.reason}`),
      ].join('\n'),
    )
  },
}
