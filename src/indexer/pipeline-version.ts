// The version of what the pipeline makes of a corpus (cleaning, passages, people, topics, ids). An index built
// by another version is rebuilt by the next `clippings index`; editing the code without changing its output
// (a comment, a refactoring) changes nothing. Bump it whenever the output changes:
// tests/indexer/pipeline-version.test.ts fails when the output on its fixture corpus differs from the
// digest recorded for this version.
export const PIPELINE_VERSION = 3
