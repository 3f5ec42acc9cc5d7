import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../src/defaults.ts'
import { commands } from '../src/cli/main.ts'
import { createApp } from '../src/server/index.ts'
import { seedEngine } from './helpers/seed-engine.ts'

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
const scripts = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>

describe('README', () => {
  it('gives the two-command quick start and the test command', () => {
    expect(readme).toMatch(/npm install\nnpm start[^\n]*\nnpm test/)
  })

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([\w:]+)/g)].map((m) => m[1])
    expect(named.length).toBeGreaterThan(0)
    for (const name of named) expect(scripts, name).toHaveProperty(name)
  })

  it('documents every CLI command, and names only commands that exist', () => {
    const named = new Set([...readme.matchAll(/npx clippings (\w+)/g)].map((m) => m[1]))
    expect([...named].sort()).toEqual(commands.map((c) => c.name).sort())
  })

  it('names only routes the server answers', async () => {
    const app = createApp(await seedEngine())
    const routes = [...readme.matchAll(/`GET (\/[^`?\s]*)/g)].map((m) => m[1])
    expect(routes.length).toBeGreaterThan(3)
    const passage = (await (await seedEngine()).search({ size: 1, query: 'Rahmon' })).results[0].passage
    for (const route of routes) {
      const path = route
        .replace(':id', route.includes('articles') ? passage.articleId : passage.id)
        .replace(':name', encodeURIComponent(passage.people[0] ?? ''))
        .replace(':facet', 'source')
      const response = await app.request(path)
      expect(response.status, path).toBeLessThan(400)
    }
  })
})
