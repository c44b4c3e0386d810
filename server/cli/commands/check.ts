/**
 * `sixfold check [document] [--json] [--kinds number,date,…] [--lang en,fr] [--source zh]`:
 * the consistency report of a document (id, slug or symbol) or of the whole memory:
 * variants, glossary breaches, numbers/dates/percentages/symbols that differ,
 * untranslated and empty segments. Each finding names its groups.
 *
 * --json prints JSON Lines, so that `| head`, `| grep` and `| jq` work on a large report: first the
 * report without its findings (`findingCount` in their place), then one finding a line.
 */
import { isLang, LANGS, SixfoldError, type Lang } from '../../../aligner/types.ts'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import type { FindingKind, ReviewResponse } from '../../terminology/contract.ts'
import { review } from '../../terminology/service.ts'

const KINDS: FindingKind[] = ['variant', 'glossary', 'number', 'date', 'percent', 'symbol', 'untranslated', 'empty']
const USAGE = `usage: sixfold check [document] [--json] [--kinds ${KINDS.join(',')}] [--lang en,fr,…] [--source zh|en|…] [--all]`

/** The report as JSON Lines: its summary, then one finding a line. */
export function reportLines(report: ReviewResponse): string[] {
  const { findings, ...summary } = report
  return [JSON.stringify({ ...summary, findingCount: findings.length }), ...findings.map((f) => JSON.stringify(f))]
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (!value) throw new SixfoldError('bad_request', `${what} needs a value (${allowed.join(', ')})`)
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean)
  for (const p of parts) if (!(allowed as readonly string[]).includes(p)) throw new SixfoldError('bad_request', `unknown ${what.replace(/^--/, '')} "${p}" (use ${allowed.join(', ')})`)
  return parts as T[]
}

export async function run(args: string[]): Promise<number> {
  let document: string | undefined
  let json = false
  let all = false
  let kinds: FindingKind[] | undefined
  let targets: Lang[] | undefined
  let sourceLang: Lang | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    if (flag === '--json') json = true
    else if (flag === '--all') all = true
    else if (flag === '--kinds') kinds = list(inline ?? args[++i], KINDS, '--kinds')
    else if (flag === '--lang') targets = list(inline ?? args[++i], LANGS, '--lang')
    else if (flag === '--source') {
      const v = inline ?? args[++i]
      if (!isLang(v)) throw new SixfoldError('bad_request', `--source must be one of ${LANGS.join(', ')}, not "${v ?? ''}"`)
      sourceLang = v
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n')
      return 0
    } else if (a.startsWith('--')) throw new SixfoldError('bad_request', `unknown option ${a} (${USAGE})`)
    else if (document === undefined) document = a
    else throw new SixfoldError('bad_request', `one document at a time (got "${document}" and "${a}")`)
  }
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    const report = await review(database.client, { document, kinds, targets, sourceLang })
    if (json) {
      for (const line of reportLines(report)) process.stdout.write(line + '\n')
      return 0
    }
    const scope = report.document ? `document ${report.document}` : 'the whole memory'
    process.stdout.write(`consistency report for ${scope}: ${report.units} aligned groups, ${report.findings.length} findings (${report.tookMs} ms)\n`)
    if (report.sample)
      process.stdout.write(`  (over an even sample of ${report.sample.units.toLocaleString('en')} of the memory's ${report.sample.of.toLocaleString('en')} aligned units: SIXFOLD_TERMS_MAX_UNITS)\n`)
    if (report.note) process.stderr.write(`sixfold check: nothing to check: ${report.note}\n`)
    for (const kind of KINDS) {
      const list = report.findings.filter((f) => f.kind === kind)
      if (list.length === 0) continue
      process.stdout.write(`\n${kind} (${list.length})\n`)
      for (const f of all ? list : list.slice(0, 10)) {
        const where = `${f.documentSymbol}${f.paragraphLabel ? ` ¶${f.paragraphLabel}` : ''} group ${f.groupIds.slice(0, 5).join(',')}${f.groupIds.length > 5 ? '…' : ''}`
        process.stdout.write(`  ${f.accepted ? '✓' : '•'} [${f.sourceLang}→${f.targetLang}] ${f.message}  (${where})\n`)
      }
      if (!all && list.length > 10) process.stdout.write(`  … ${list.length - 10} more (--all to list them, --json for everything)\n`)
    }
    return 0
  } finally {
    database.close()
  }
}
