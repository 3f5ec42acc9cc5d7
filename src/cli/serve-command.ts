// `clippings serve [--port N] [--host H]`: loads (or first builds) the index and serves the site and the API.
import type { Command } from './main.ts'
import { indexDirOption, integerOption, openIndexForReading, parseCommandLine, UsageError } from './args.ts'
import { serve } from '../server/serve.ts'

const usage = `Usage: clippings serve [DIR...] [--port N] [--host H] [--allowed-host NAME]... [--index DIR]

Serves the search site and the JSON API. The index is loaded from --index (default: index/), and built
first when it is missing or out of date with its corpus (the folders given, else the one it was built
from, else seeds/).

The server listens on this machine only (127.0.0.1) and answers only requests addressed to localhost,
127.0.0.1, [::1] or the --host given, so a web page cannot reach it through a host name of its own
(DNS rebinding). To share it on a network, listen on another interface with --host (0.0.0.0 for all of
them, answering to the machine's name and addresses) and name any other host it is reached by with
--allowed-host.

Options:
  --port N              port to listen on (default: $PORT, else 3000)
  --host H              interface to listen on (default: 127.0.0.1); 0.0.0.0 or :: exposes it to the network
  --allowed-host NAME   another host name to answer to (repeatable); ".example.org" admits its subdomains
  --index DIR           the index to serve (default: index/)
  --help                show this help`

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the search site and API (npm start)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      ...indexDirOption,
    })
    const port = integerOption('port', values.port, 0, 65535)
    const hostname = values.host?.trim()
    if (hostname === '') throw new UsageError('--host needs an interface address or name, such as 0.0.0.0')
    const allowedHosts = (values['allowed-host'] ?? []).map((name) => name.trim())
    if (allowedHosts.some((name) => name === '' || /[\s/]/.test(name))) throw new UsageError('--allowed-host takes a host name, such as clippings.example.org')
    const { engine } = await openIndexForReading(values.index, positionals)
    await serve({ engine, port, hostname, allowedHosts })
    // The server keeps the process alive until Ctrl-C.
    return new Promise<number>(() => {})
  },
}
