// The `clippings` command: dispatches to one module per command and turns errors into exit codes:
// 0 success, 1 failure with a one-line reason, 2 bad usage.
import { ClippingsError } from '../errors.ts'
import { UsageError } from './args.ts'
import { indexCommand } from './index-command.ts'
import { searchCommand } from './search-command.ts'
import { exportCommand } from './export-command.ts'
import { serveCommand } from './serve-command.ts'
import { peopleCommand } from './people-command.ts'

export interface Command {
  name: string
  summary: string
  usage: string
  run(argv: string[]): Promise<number | void>
}

export const commands: Command[] = [indexCommand, searchCommand, exportCommand, serveCommand, peopleCommand]

const HELP = `clippings: full-text search for news and analysis articles, passage by passage

Usage: clippings <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run "clippings <command> --help" for a command's options.`

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP)
    return name ? 0 : 2
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    console.error(`clippings: unknown command "${name}"\n\n${HELP}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage)
    return 0
  }
  try {
    return (await command.run(rest)) ?? 0
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`clippings ${command.name}: ${error.message}\n\n${command.usage}`)
      return 2
    }
    const message = error instanceof ClippingsError ? error.message : `clippings ${command.name}: ${(error as Error).message}`
    console.error(message)
    if (process.env.CLIPPINGS_DEBUG) console.error(error)
    return 1
  }
}
