/**
 * `sixfold export [document] --format tmx|csv [--out file]`: the memory (or one
 * document, by slug or id) as TMX 1.4b or CSV, to stdout or a file.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { exportCsv, exportTmx } from '../../import/export.ts'

export async function run(args: string[]): Promise<number> {
  let format: string | null = null
  let out: string | null = null
  const rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--format') format = args[++i] ?? ''
    else if (a.startsWith('--format=')) format = a.slice(9)
    else if (a === '--out' || a === '-o') out = args[++i] ?? ''
    else if (a.startsWith('--out=')) out = a.slice(6)
    else if (a.startsWith('-')) {
      process.stderr.write(`sixfold export: unknown option ${a} (options: --format tmx|csv, --out file)\n`)
      return 2
    } else rest.push(a)
  }
  if (format === 'tbx') {
    process.stderr.write('sixfold export: --format tbx exports the glossary: it is handled by the terminology module\n')
    return 2
  }
  if (format !== 'tmx' && format !== 'csv') {
    process.stderr.write(`sixfold export: --format must be tmx or csv${format ? `, not "${format}"` : ''}\n`)
    return 2
  }
  if (rest.length > 1) {
    process.stderr.write('sixfold export: give at most one document (slug or id)\n')
    return 2
  }
  if (out === '') {
    process.stderr.write('sixfold export: --out needs a file name\n')
    return 2
  }
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    let documentId: number | undefined
    if (rest[0]) {
      const r = await database.client.execute({ sql: 'SELECT id FROM documents WHERE slug = ? OR CAST(id AS TEXT) = ? OR symbol = ?', args: [rest[0], rest[0], rest[0]] })
      if (r.rows.length === 0) {
        process.stderr.write(`sixfold export: no document "${rest[0]}" (see GET /api/documents for slugs)\n`)
        return 1
      }
      documentId = Number(r.rows[0].id)
    }
    // A reader that stops early (`| head`) is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0)
    })
    const target: Writable = out ? createWriteStream(out) : process.stdout
    const chunks = format === 'tmx' ? exportTmx(database.client, documentId) : exportCsv(database.client, documentId)
    for await (const chunk of chunks) {
      if (!target.write(chunk)) await once(target, 'drain')
    }
    if (out) {
      target.end()
      await once(target, 'finish')
    }
    return 0
  } finally {
    database.close()
  }
}
