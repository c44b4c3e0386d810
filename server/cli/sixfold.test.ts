/** The `sixfold` command line itself: usage, and `--help` on every command. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const sixfold = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'cli', 'sixfold.ts'), ...args], { cwd: ROOT, encoding: 'utf8' })

/** Each command and options its help must list. */
const COMMANDS: Record<string, string[]> = {
  parse: ['--lang', '--json'],
  align: ['--src-lang', '--tgt-lang', '--input', '--json'],
  import: ['--force', '--quiet'],
  renderings: ['--lang', '--doc', '--json', '--examples'],
  check: ['--json', '--kinds', '--lang', '--source', '--all'],
  glossary: ['import'],
  export: ['--format', '--out', '--status', '--source'],
}

describe('sixfold --help', () => {
  for (const [name, options] of Object.entries(COMMANDS)) {
    it(`${name} --help prints its usage and lists its options, and touches nothing`, () => {
      for (const args of [[name, '--help']]) {
        const r = sixfold(...args)
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0)
        expect(r.stderr).toBe('')
        expect(r.stdout).toMatch(new RegExp(`^usage: .*sixfold -- ${name} `))
        for (const option of options) expect(r.stdout, `${args.join(' ')} lists ${option}`).toContain(option)
        if (name !== 'glossary') expect(r.stdout).toMatch(/\noptions:\n/)
      }
    })
  }
  it('after other arguments too, and as `help <command>`: printed before anything is read or opened', () => {
    for (const args of [['check', 'no-such-document', '-h'], ['help', 'align']]) {
      const r = sixfold(...args)
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^usage: .*sixfold -- ${args[0] === 'help' ? args[1] : args[0]} `))
    }
  })
  it('the overall help names every command and says how to get a command\'s options', () => {
    const r = sixfold('--help')
    expect(r.status).toBe(0)
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(`\n  ${name} `)
    expect(r.stdout).toContain('<command> --help')
  })
})
