// `clippings serve [--port N]`: loads (or first builds) the index and serves the site and the API.
import type { Command } from './main.ts'
import { indexDirOption, integerOption, openIndexForReading, parseCommandLine } from './args.ts'
import { serve } from '../server/serve.ts'

const usage = `Usage: clippings serve [DIR...] [--port N] [--index DIR]

Serves the search site and the JSON API. The index is loaded from --index (default: index/), and built
first when it is missing or out of date with its corpus (the folders given, else the one it was built
from, else seeds/).

Options:
  --port N     port to listen on (default: $PORT, else 3000)
  --index DIR  the index to serve (default: index/)
  --help       show this help`

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the search site and API (npm start)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, { port: { type: 'string' }, ...indexDirOption })
    const port = integerOption('port', values.port, 0, 65535)
    const { engine } = await openIndexForReading(values.index, positionals)
    await serve({ engine, port })
    // The server keeps the process alive until Ctrl-C.
    return new Promise<number>(() => {})
  },
}
