// Turns the seed articles into passages for the people tests and eval: through the project's cleaner
// (src/ingest/clean) when it exists, else by a plain split into lines with obvious chrome dropped.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PROJECT_ROOT } from '../../../src/defaults.ts'

export interface SeedPassages {
  file: string
  title?: string
  passages: string[]
  /** How the passages were made: "cleanArticle" or "line split". */
  via: string
}

type Cleaner = (body: string, options?: { knownTitle?: string }) => { title?: string; blocks: { text: string }[] }

async function findCleaner(): Promise<Cleaner | undefined> {
  const path = join(PROJECT_ROOT, 'src', 'ingest', 'clean', 'index.ts')
  if (!existsSync(path)) return undefined
  try {
    const module = (await import(pathToFileURL(path).href)) as { cleanArticle?: Cleaner }
    return module.cleanArticle
  } catch {
    return undefined
  }
}

/** Lines that read as body text: long enough, not a list item, photo credits cut off. */
function splitIntoLines(text: string): { title?: string; passages: string[] } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  const title = lines[0]
  const passages = lines
    .slice(1)
    .filter((l) => !/^([-*•]|\d+\.)\s/.test(l))
    .map((l) => l.replace(/\s*\bPhoto:.*$/i, '').trim())
    .filter((l) => l.split(/\s+/).length >= 8 || /[.!?”"]$/.test(l) && l.split(/\s+/).length >= 4)
  return { title, passages }
}

export async function loadSeedPassages(folder: string): Promise<SeedPassages[]> {
  const cleaner = await findCleaner()
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()
  return files.map((file) => {
    const text = readFileSync(join(folder, file), 'utf8')
    if (cleaner) {
      const cleaned = cleaner(text)
      return { file, title: cleaned.title, passages: cleaned.blocks.map((b) => b.text), via: 'cleanArticle' }
    }
    return { file, ...splitIntoLines(text), via: 'line split' }
  })
}
