// The OpenSearch backend's public face: `createOpenSearchBackend` (what src/engine/backends.ts loads when
// the engine is "opensearch") and its options. How it works and what differs from the embedded engine is in
// README.md beside this file.
export { createOpenSearchBackend, OpenSearchBackend, type OpenSearchBackendOptions } from './backend.ts'
export type { OpenSearchOptions } from './client.ts'
export { OpenSearchEngine } from './engine.ts'
