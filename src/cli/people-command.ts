// `clippings people`: the people in the index with passage counts and the aliases merged into each.
import type { Command } from './main.ts'
import { engineOptions, engineOptionsUsage, openIndexForReading, parseCommandLine, UsageError } from './args.ts'

const usage = `Usage: clippings people [--json] [--index DIR] [--engine NAME]

Lists the people named in the index, most mentioned first, with the variants merged into each name.
Correct the list with a people-aliases.json file in the corpus folder (see the README).

Options:
  --json       print as JSON
${engineOptionsUsage}
  --help       show this help`

export const peopleCommand: Command = {
  name: 'people',
  summary: 'list the people in the index with their aliases',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' }, ...engineOptions })
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const { engine } = await openIndexForReading(values)
    const people = await engine.people()
    if (values.json) {
      console.log(JSON.stringify(people, null, 2))
      return
    }
    for (const person of people) {
      const aliases = person.aliases.length ? `  (also: ${person.aliases.join(', ')})` : ''
      console.log(`${String(person.passages).padStart(6)}  ${person.name}${aliases}`)
    }
  },
}
