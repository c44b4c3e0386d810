/**
 * `sixfold export [document] --format tmx|csv [--out file]`: the memory (or one
 * document, by slug or id) as TMX 1.4b or CSV, to stdout or a file.
 * `sixfold export --format tbx [--status candidate|approved|deprecated] [--source zh] [--out file]`:
 * the glossary as TBX (the terminology module's export).
 */
import { createWriteStream, statSync } from 'node:fs'
import { once } from 'node:events'
import { rename, rm } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { exportCsv, exportTmx } from '../../import/export.ts'
import { fileErrorText } from '../../import/read-file.ts'
import { allEntries } from '../../terminology/glossary.ts'
import { findDocument } from '../../terminology/memory.ts'
import { exportTbx } from '../../terminology/tbx.ts'
import { SixfoldError, type Lang } from '../../../aligner/types.ts'

const LANGS = ['zh', 'en', 'fr', 'es', 'ru', 'ar']
const STATUSES = ['candidate', 'approved', 'deprecated']

export async function run(args: string[]): Promise<number> {
  let format: string | null = null
  let out: string | null = null
  let status: string | null = null
  let source: string | null = null
  const rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--format') format = args[++i] ?? ''
    else if (a.startsWith('--format=')) format = a.slice(9)
    else if (a === '--out' || a === '-o') out = args[++i] ?? ''
    else if (a.startsWith('--out=')) out = a.slice(6)
    else if (a === '--status') status = args[++i] ?? ''
    else if (a.startsWith('--status=')) status = a.slice(9)
    else if (a === '--source') source = args[++i] ?? ''
    else if (a.startsWith('--source=')) source = a.slice(9)
    else if (a.startsWith('-')) {
      process.stderr.write(`sixfold: export: unknown option ${a} (options: --format tmx|csv|tbx, --out file; for tbx: --status, --source)\n`)
      return 2
    } else rest.push(a)
  }
  if (format !== 'tmx' && format !== 'csv' && format !== 'tbx') {
    process.stderr.write(`sixfold: export: --format must be tmx, csv or tbx${format ? `, not "${format}"` : ''}\n`)
    return 2
  }
  if (format !== 'tbx' && (status !== null || source !== null)) {
    process.stderr.write('sixfold: export: --status and --source apply to --format tbx (the glossary) only\n')
    return 2
  }
  if (status !== null && !STATUSES.includes(status)) {
    process.stderr.write(`sixfold: export: --status must be candidate, approved or deprecated, not "${status}"\n`)
    return 2
  }
  if (source !== null && !LANGS.includes(source)) {
    process.stderr.write(`sixfold: export: --source must be one of ${LANGS.join(', ')}, not "${source}"\n`)
    return 2
  }
  if (format === 'tbx' && rest.length) {
    process.stderr.write('sixfold: export: --format tbx exports the whole glossary: give no document\n')
    return 2
  }
  if (rest.length > 1) {
    process.stderr.write('sixfold: export: give at most one document (slug or id)\n')
    return 2
  }
  if (out === '') {
    process.stderr.write('sixfold: export: --out needs a file name\n')
    return 2
  }
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    let documentId: number | undefined
    if (rest[0]) {
      // Digits are an id, anything else a slug, then a symbol (the API's rule: one name never means two documents).
      try {
        documentId = (await findDocument(database.client, rest[0])).id
      } catch (error) {
        if (!(error instanceof SixfoldError)) throw error
        process.stderr.write(`sixfold: export: ${error.message.split('\n')[0]}\n`)
        return 1
      }
    }
    // A reader that stops early (`| head`) is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0)
    })
    // --out: written to a temporary file beside it and renamed at the end, so that a failed export
    // leaves an existing file as it was; a folder or a missing folder is said in words.
    const temporary = out ? `${out}.sixfold-${process.pid}.tmp` : null
    let target: Writable = process.stdout
    if (out && temporary) {
      const problem = outputProblem(out)
      if (problem) {
        process.stderr.write(`sixfold: export: cannot write ${out}: ${problem}\n`)
        return 1
      }
      target = createWriteStream(temporary)
      try {
        await once(target, 'open')
      } catch (error) {
        process.stderr.write(`sixfold: export: cannot write ${out}: ${fileErrorText(error)}\n`)
        return 1
      }
    }
    let chunks: AsyncIterable<string>
    let what: string
    if (format === 'tbx') {
      const entries = (await allEntries(database.client)).filter((e) => status === null || e.status === status)
      const tbx = exportTbx(entries, (source ?? 'zh') as Lang)
      chunks = (async function* () {
        yield tbx
      })()
      what = `${entries.length} glossary ${entries.length === 1 ? 'entry' : 'entries'}${status ? ` (${status})` : ''} as TBX`
      if (entries.length === 0) process.stderr.write(`sixfold: export: the glossary has no ${status ?? ''}${status ? ' ' : ''}entries: the TBX file is empty\n`)
    } else {
      chunks = format === 'tmx' ? exportTmx(database.client, documentId) : exportCsv(database.client, documentId)
      what = `${rest[0] ? `document ${rest[0]}` : 'the memory'} as ${format.toUpperCase()}`
    }
    let bytes = 0
    let units = 0
    try {
      for await (const chunk of chunks) {
        bytes += Buffer.byteLength(chunk)
        if (format === 'tmx') units += chunk.match(/<tu[ >]/g)?.length ?? 0
        if (!target.write(chunk)) await once(target, 'drain')
      }
      if (out && temporary) {
        target.end()
        await once(target, 'finish')
        await rename(temporary, out)
      }
    } catch (error) {
      if (temporary) await rm(temporary, { force: true })
      if (out) {
        process.stderr.write(`sixfold: export: cannot write ${out}: ${fileErrorText(error)}\n`)
        return 1
      }
      throw error
    }
    const size = bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
    // on stderr: stdout may be the export itself
    process.stderr.write(`sixfold: export: wrote ${what}${format === 'tmx' ? `, ${units.toLocaleString('en')} translation units` : ''} (${size}) to ${out ?? 'standard output'}\n`)
    return 0
  } finally {
    database.close()
  }
}

/** Why `out` cannot be written, in words (a folder; a folder above it missing or a file), or null. */
function outputProblem(out: string): string | null {
  try {
    if (statSync(out).isDirectory()) return 'it is a folder: give a file name (e.g. --out memory.tmx)'
  } catch {
    // a new file: its folder must exist
  }
  try {
    if (!statSync(dirname(resolve(out))).isDirectory()) return `${dirname(out)} is a file, not a folder`
  } catch (error) {
    return `its folder ${dirname(out)} does not exist (${fileErrorText(error)})`
  }
  return null
}
