// A child process for the kill tests: builds an index (or opens it) and then adds one article per flush,
// printing each generation it committed, until it is killed. `writer-child.mjs <index-dir> <build|update>`.
import { register } from 'tsx/esm/api'

register()
const { runWriterChild } = await import('./writer-child-main.ts')
await runWriterChild(process.argv[2], process.argv[3])
