/**
 * `sixfold glossary import <file.tbx|file.csv>`: imports a glossary file into the database, as
 * POST /api/glossary/import does (all entries or none; an entry already in the glossary is
 * updated in place, so an exported glossary imported again adds nothing).
 */
import { extname } from 'node:path'
import { decodeText } from '../../../aligner/parse/decode.ts'
import { SixfoldError } from '../../../aligner/types.ts'
import { readInput } from '../input.ts'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { importCsv } from '../../terminology/csv.ts'
import { importEntries, MAX_GLOSSARY_BYTES } from '../../terminology/glossary.ts'
import { importTbx } from '../../terminology/tbx.ts'

const USAGE = 'usage: sixfold glossary import <file.tbx|file.csv>   (export: sixfold export --format tbx|csv)'

export async function run(args: string[]): Promise<number> {
  const [action, file, ...rest] = args
  if (action === '--help' || action === '-h') {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  if (action !== 'import' || !file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const ext = extname(file).toLowerCase()
  if (ext !== '.tbx' && ext !== '.csv' && ext !== '.xml') throw new SixfoldError('bad_request', `${file}: a glossary file is .tbx (or .xml holding TBX) or .csv, not "${ext || 'no extension'}"`)
  const bytes = readInput(file, MAX_GLOSSARY_BYTES, 'a glossary file')
  // a Latin-1 or binary file is refused in words (not stored with U+FFFD in place of its accents)
  const text = decodeText(bytes, file, { xml: true, expected: 'a TBX or CSV glossary file' })
  const entries = ext === '.csv' ? importCsv(text) : importTbx(text)
  if (entries.length === 0) throw new SixfoldError('bad_request', `${file} holds no entries`)
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    const { created, updated } = await importEntries(database.client, entries)
    process.stdout.write(`imported ${created + updated} entries from ${file}: ${created} new, ${updated} already in the glossary and updated\n`)
    return 0
  } finally {
    database.close()
  }
}
