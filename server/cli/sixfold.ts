/**
 * The `sixfold` command line: `npm run --silent sixfold -- <command> [args]`.
 * Each command lives in its own module under ./commands and exports
 * `run(args: string[]): Promise<number>` (the exit code).
 */
import { SixfoldError } from '../../aligner/types.ts'
import { databaseProblem } from '../db/health.ts'
import { describeDatabaseErrorFromEnv } from '../db/connection-errors.ts'

interface Command {
  /** The command line, as `usage:` shows it. */
  usage: string
  /** What the command does, one line. */
  summary: string
  /** Each option with what it does. */
  options: Array<[string, string]>
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>
}

const COMMANDS: Record<string, Command> = {
  parse: {
    usage: 'parse <file> [--lang xx] [--json]',
    summary: 'parse one language version (.txt, .html, .docx, .pdf) into blocks and sentences',
    options: [
      ['--lang xx', 'the declared language (zh, en, fr, es, ru, ar); refused when the text reads as another'],
      ['--json', 'blocks, sentences, footnote references and furniture as JSON'],
    ],
    load: () => import('./commands/parse.ts'),
  },
  align: {
    usage: 'align <src> <tgt> --src-lang xx --tgt-lang yy [--input lines|document] [--json]',
    summary: 'align two language versions; .html, .htm, .docx and .pdf files are read as documents, other files as one sentence a line',
    options: [
      ['--src-lang xx, --tgt-lang yy', 'the languages of the two files (required)'],
      ['--input lines|document', 'override the file type: lines = one sentence a line (aligner-eval [i, j]:[k] output), document = parse paragraphs first'],
      ['--json', 'beads with their texts and confidences as JSON'],
    ],
    load: () => import('./commands/align.ts'),
  },
  import: {
    usage: 'import <path>... [--force] [--quiet]',
    summary: 'import corpora folders, document folders, version files (<lang>.txt|pdf|docx|html) or .tmx files into the database',
    options: [
      ['--force', 're-import files that did not change'],
      ['--quiet', 'no progress bar'],
    ],
    load: () => import('./commands/import.ts'),
  },
  renderings: {
    usage: 'renderings "<term>" [--lang xx] [--doc <document>] [--json] [--examples]',
    summary: 'how a term was rendered in the other languages, best first',
    options: [
      ['--lang xx', "the term's language (detected when left out)"],
      ['--doc <document>', 'only this document (id, slug or symbol)'],
      ['--json', 'the renderings as JSON'],
      ['--examples', 'with --json: the aligned examples of each rendering'],
    ],
    load: () => import('./commands/renderings.ts'),
  },
  check: {
    usage: 'check [document] [--json] [--kinds k,…] [--lang xx,…] [--source xx] [--all]',
    summary: 'consistency report for reviewers, of one document (id, slug or symbol) or the whole memory',
    options: [
      ['--json', 'one finding a line as JSON (JSON Lines), after a first line with the report summary'],
      ['--kinds k,…', 'only these kinds: variant, glossary, number, date, percent, symbol, untranslated, empty'],
      ['--lang xx,…', 'only these target languages'],
      ['--source xx', 'the source language (zh by default)'],
      ['--all', 'list every finding (the text report shows 10 of each kind)'],
    ],
    load: () => import('./commands/check.ts'),
  },
  glossary: {
    usage: 'glossary import <file.tbx|file.csv>',
    summary: 'import a glossary (entries already there are updated)',
    options: [],
    load: () => import('./commands/glossary.ts'),
  },
  export: {
    usage: 'export [document] --format tmx|csv|tbx [--out file] [--status s] [--source xx]',
    summary: 'export the memory (or one document) as TMX or CSV, or the glossary as TBX',
    options: [
      ['--format tmx|csv|tbx', 'the format (required); tbx exports the glossary'],
      ['--out file, -o file', 'write to a file instead of stdout'],
      ['--status candidate|approved|deprecated', 'tbx only: only entries with this status'],
      ['--source xx', 'tbx only: the source language'],
    ],
    load: () => import('./commands/export.ts'),
  },
}

const PROGRAM = 'npm run --silent sixfold --'

function usage(): string {
  return [`usage: ${PROGRAM} <command> [options]`, '', 'commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`), '', `${PROGRAM} <command> --help lists a command's options`].join('\n')
}

/** A command's help: its usage, what it does, and each option. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name]
  const width = Math.max(0, ...c.options.map(([o]) => o.length))
  return [`usage: ${PROGRAM} ${c.usage}`, '', c.summary, ...(c.options.length ? ['', 'options:', ...c.options.map(([o, what]) => `  ${o.padEnd(width)}  ${what}`)] : []), `  ${'--help, -h'.padEnd(width)}  this help`].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name) {
    // No command: a usage error (usage on stderr, exit 2); asked for help: stdout, exit 0.
    process.stderr.write(usage() + '\n')
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const about = args[0]
    process.stdout.write((about && COMMANDS[about] ? commandHelp(about) : usage()) + '\n')
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`sixfold: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`)
    return 2
  }
  // `--help` works on every command, wherever it stands (an option's value or a term after `--` aside).
  const ownArgs = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
  if (ownArgs.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(commandHelp(name) + '\n')
    return 0
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
