/**
 * The `sixfold` command line: `npm run --silent sixfold -- <command> [args]`.
 * Each command lives in its own module under ./commands and exports
 * `run(args: string[]): Promise<number>` (the exit code).
 */
import { SixfoldError } from '../../aligner/types.ts'
import { databaseProblem } from '../db/health.ts'
import { describeDatabaseErrorFromEnv } from '../db/connection-errors.ts'

interface Command {
  summary: string
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>
}

const COMMANDS: Record<string, Command> = {
  parse: { summary: 'parse <file> [--lang xx] [--json]       parse one language version into blocks and sentences', load: () => import('./commands/parse.ts') },
  align: { summary: 'align <src> <tgt> --src-lang xx --tgt-lang yy [--input lines|document] [--json]', load: () => import('./commands/align.ts') },
  import: { summary: 'import <path>...                        import corpora folders or files into the database', load: () => import('./commands/import.ts') },
  renderings: { summary: 'renderings "<term>" [--lang xx] [--json] how a term was rendered in the other languages', load: () => import('./commands/renderings.ts') },
  check: { summary: 'check [document] [--json]               consistency report for reviewers', load: () => import('./commands/check.ts') },
  glossary: { summary: 'glossary import <file.tbx|file.csv>       import a glossary (entries already there are updated)', load: () => import('./commands/glossary.ts') },
  export: { summary: 'export [document] --format tmx|csv|tbx  export the memory or the glossary', load: () => import('./commands/export.ts') },
}

function usage(): string {
  return ['usage: npm run --silent sixfold -- <command> [options]', '', 'commands:', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name) {
    // No command: a usage error (usage on stderr, exit 2); asked for help: stdout, exit 0.
    process.stderr.write(usage() + '\n')
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n')
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`sixfold: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`)
    return 2
  }
  const mod = await command.load()
  return mod.run(args)
}

// A reader that stops early (`sixfold check --json | head`) is not an error: the command ends quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  async (error: unknown) => {
    // A database failure (read-only, damaged, locked, server unreachable) in words; other errors by their first line.
    const problem = databaseProblem(error)
    const message = problem
      ? problem.message
      : error instanceof SixfoldError
        ? error.message
        : ((await describeDatabaseErrorFromEnv(error)) ?? (error instanceof Error ? error.message : String(error)))
    process.stderr.write(`sixfold: ${message.split('\n')[0]}\n`)
    process.exitCode = 1
  },
)
