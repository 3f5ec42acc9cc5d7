// The pipeline version must change whenever what the pipeline makes of a corpus changes: an index built by
// another version is rebuilt by the next `clippings index`, one built by this version is only updated. This
// test holds the two together: it fails when the output on its fixtures (the seeds and a few files in
// every format) differs from the digest recorded for the current PIPELINE_VERSION.
//
// After a change to cleaning, passages, people or topics: bump PIPELINE_VERSION in
// src/indexer/pipeline-version.ts, then record the new digest with
//   UPDATE_PIPELINE_DIGEST=1 npx vitest run --config tests/vitest.config.ts tests/indexer/pipeline-version.test.ts
import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT, defaults } from '../../src/defaults.ts'
import { loadAliases } from '../../src/enrich/people/index.ts'
import { loadTaxonomy } from '../../src/enrich/topics/index.ts'
import { buildIndexData } from '../../src/indexer/build.ts'
import { PIPELINE_VERSION } from '../../src/indexer/pipeline-version.ts'
import { settingsFiles } from '../../src/indexer/sync.ts'

const RECORD = join(PROJECT_ROOT, 'tests/fixtures/pipeline-digest.json')
const FIXTURES = [...defaults.corpusDirs, join(PROJECT_ROOT, 'tests/fixtures/pipeline')]

async function pipelineDigest(): Promise<string> {
  const files = settingsFiles(FIXTURES)
  const { data, skipped } = await buildIndexData(FIXTURES, { aliases: loadAliases(files.aliases), taxonomy: loadTaxonomy(files.taxonomy), read: { threads: 0 } })
  const { builtAt: _built, updatedAt: _updated, ...rest } = data
  return createHash('sha256').update(JSON.stringify({ ...rest, skipped })).digest('hex')
}

describe('the pipeline version', () => {
  it('changes whenever the pipeline output on the fixtures changes', async () => {
    const digest = await pipelineDigest()
    const recorded = JSON.parse(readFileSync(RECORD, 'utf8')) as { version: number; digest: string }
    if (process.env.UPDATE_PIPELINE_DIGEST) {
      if (recorded.version === PIPELINE_VERSION && recorded.digest !== digest) {
        throw new Error(`The output changed but PIPELINE_VERSION is still ${PIPELINE_VERSION}: bump it first`)
      }
      writeFileSync(RECORD, JSON.stringify({ version: PIPELINE_VERSION, digest }, null, 2) + '\n')
      return
    }
    expect(recorded.version, `PIPELINE_VERSION is ${PIPELINE_VERSION} but the digest recorded is for version ${recorded.version}: record it (see this file's comment)`).toBe(PIPELINE_VERSION)
    expect(digest, `The pipeline output changed without a new PIPELINE_VERSION: bump it in src/indexer/pipeline-version.ts and record the digest (see this file's comment)`).toBe(recorded.digest)
  })
})
