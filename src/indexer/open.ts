// Opening the index a command or the server works on: load the persisted one when it is current, else
// build it from the corpus and persist it. An index that is missing, corrupt, of an older format, or
// built from another corpus or other settings is rebuilt; one that is current is never rebuilt.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadAliases } from '../enrich/people/index.ts'
import { loadTaxonomy } from '../enrich/topics/index.ts'
import { defaults } from '../defaults.ts'
import { MiniSearchEngine } from '../engine/index.ts'
import { FORMAT_VERSION, loadIndex, readManifest, saveIndex, type Manifest, type SaveOptions } from '../engine/persist.ts'
import { rankingDefaults } from '../engine/ranking.ts'
import type { SkippedFile } from '../model.ts'
import { buildIndexData, type BuildOptions } from './build.ts'
import { fingerprintFiles, fingerprintSettings } from './fingerprint.ts'

export interface OpenOptions {
  /** Folders or files to index. */
  corpus: string[]
  indexDir: string
  /** Rebuild even when the index is current. Default false. */
  rebuild?: boolean
  /** A taxonomy file instead of the one in the corpus folder or the shipped default. */
  taxonomyPath?: string
  /** One line per event worth telling the user: loading, rebuilding and why. */
  log?: (line: string) => void
  onProgress?: BuildOptions['onProgress']
  save?: SaveOptions
}

export interface OpenedIndex {
  engine: MiniSearchEngine
  manifest: Manifest
  /** Whether this call built the index (rather than loading it). */
  built: boolean
  tookMs: number
  skipped: SkippedFile[]
  duplicates: number
}

/** The settings files a corpus uses: `people-aliases.json` and `taxonomy.json` in any corpus folder. */
export function settingsFiles(corpus: string[], taxonomyPath?: string): { aliases: string[]; taxonomy: string } {
  const folders = corpus.map((path) => resolve(path))
  const aliases = folders.map((folder) => join(folder, 'people-aliases.json')).filter(existsSync)
  const taxonomy = taxonomyPath ?? folders.map((folder) => join(folder, 'taxonomy.json')).find(existsSync) ?? defaults.taxonomyPath
  return { aliases, taxonomy }
}

export async function openIndex(options: OpenOptions): Promise<OpenedIndex> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const files = settingsFiles(options.corpus, options.taxonomyPath)
  const corpusFingerprint = await fingerprintFiles(options.corpus)
  const settingsFingerprint = await fingerprintSettings([...files.aliases, files.taxonomy], { FORMAT_VERSION, rankingDefaults })

  const manifest = await readManifest(options.indexDir)
  const reason = options.rebuild
    ? 'rebuild requested'
    : !manifest
      ? 'no index yet'
      : manifest.formatVersion !== FORMAT_VERSION
        ? `index format ${manifest.formatVersion} is older than ${FORMAT_VERSION}`
        : manifest.corpusFingerprint !== corpusFingerprint
          ? 'the corpus changed'
          : manifest.settingsFingerprint !== settingsFingerprint
            ? 'the settings changed'
            : undefined
  if (manifest && !reason) {
    try {
      const engine = await loadIndex(options.indexDir, manifest)
      log(`Loaded the index of ${manifest.counts.passages} passages from ${options.indexDir}`)
      return { engine, manifest, built: false, tookMs: performance.now() - started, skipped: manifest.skipped, duplicates: manifest.counts.duplicates }
    } catch (error) {
      log(`${(error as Error).message}; rebuilding`)
    }
  } else {
    log(`Building the index (${reason})`)
  }

  const { data, skipped, duplicates } = await buildIndexData(options.corpus, {
    aliases: loadAliases(files.aliases),
    taxonomy: loadTaxonomy(files.taxonomy),
    onProgress: options.onProgress,
  })
  const engine = MiniSearchEngine.build(data)
  const saved = await saveIndex(
    options.indexDir,
    engine,
    {
      corpusFingerprint,
      settingsFingerprint,
      corpus: options.corpus.map((path) => resolve(path)),
      skipped,
      counts: { skipped: skipped.length, duplicates: duplicates.length },
    },
    options.save,
  )
  return { engine, manifest: saved, built: true, tookMs: performance.now() - started, skipped, duplicates: duplicates.length }
}
