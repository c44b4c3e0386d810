/**
 * The database's state at start, and database failures in words.
 *
 * At start (server and command line alike): an embedded file is checked with `PRAGMA quick_check`,
 * and a damaged one is refused (serving it would answer reads with errors and still take writes);
 * a file the process may not write is reported as read-only: reads work, writes are refused.
 * Later failures (a read-only file, a damaged page, another process holding the write lock) are
 * turned into messages by `databaseProblem`.
 */
import { accessSync, constants } from 'node:fs'
import { SixfoldError } from '../../aligner/types.ts'
import { configureDatabase, type Database } from './client.ts'
import { localDatabasePath } from './location.ts'

export interface DatabaseState {
  /** Why the database cannot be written (reads work), or null. */
  readOnly: SixfoldError | null
}

export type DatabaseProblemKind = 'read-only' | 'damaged' | 'busy'

/** A database failure a user can act on: what it is, and the message to show. */
export interface DatabaseProblem {
  kind: DatabaseProblemKind
  message: string
}

const codeOf = (error: unknown): string => String((error as { code?: unknown })?.code ?? '')

/** Recognises a database failure by its SQLite code (the client's or the native driver's) or message. */
export function databaseProblem(error: unknown, where = 'the database'): DatabaseProblem | null {
  if (error instanceof SixfoldError && (error.code === 'database-read-only' || error.code === 'database-damaged')) {
    return { kind: error.code === 'database-read-only' ? 'read-only' : 'damaged', message: error.message }
  }
  const code = codeOf(error)
  const message = error instanceof Error ? error.message : String(error)
  if (/^SQLITE_READONLY/.test(code) || /attempt to write a readonly database/i.test(message)) {
    return { kind: 'read-only', message: `${where} is read-only: changes are refused (reads still work); make the file and its folder writable and restart the server` }
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code) || /database disk image is malformed|file is not a database/i.test(message)) {
    return { kind: 'damaged', message: `${where} is damaged (${message.replace(/^SQLITE_\w+:\s*/, '').split('\n')[0]}): restore it from a backup` }
  }
  if (/^SQLITE_BUSY/.test(code) || /database is locked/i.test(message)) {
    return { kind: 'busy', message: `${where} is busy with another process's write (an import?): try again in a moment` }
  }
  return null
}

function damaged(path: string, why: string): SixfoldError {
  return new SixfoldError(
    'database-damaged',
    `the database ${path} is damaged (${why}): Sixfold will not use it. Restore it from a backup, or move it away to start an empty database and import again`,
  )
}

/**
 * Pragmas, then for an embedded file: refuses a damaged one (throws), and says whether it is
 * read-only. A libSQL server checks its own files.
 */
export async function checkDatabase(database: Database): Promise<DatabaseState> {
  const path = localDatabasePath(database.url)
  if (!path) {
    await configureDatabase(database.client, database.url)
    return { readOnly: null }
  }
  try {
    await configureDatabase(database.client, database.url)
    const result = await database.client.execute('PRAGMA quick_check(5)')
    const lines = result.rows.flatMap((r) => String(Object.values(r)[0]).split('\n'))
    const problems = lines.filter((v) => v && v !== 'ok' && !/^\*\*\* in database/.test(v))
    if (lines.some((v) => v !== 'ok')) throw damaged(path, `PRAGMA quick_check: ${problems[0] ?? lines[0]}${problems.length > 1 ? ', and more' : ''}`)
  } catch (error) {
    if (error instanceof SixfoldError) throw error
    const problem = databaseProblem(error, `the database ${path}`)
    if (problem?.kind === 'damaged') throw damaged(path, (error as Error).message.replace(/^SQLITE_\w+:\s*/, '').split('\n')[0])
    if (problem?.kind === 'read-only') throw new SixfoldError('database-read-only', `cannot read the database ${path}: SQLite cannot write its files beside it (${(error as Error).message.split('\n')[0]}); make the folder writable`)
    throw error
  }
  try {
    accessSync(path, constants.W_OK)
    return { readOnly: null }
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'EROFS' ? 'it is on a read-only file system' : 'this user may not write the file'
    return { readOnly: new SixfoldError('database-read-only', `the database ${path} is read-only (${why}): searches and other reads work, changes are refused`) }
  }
}
