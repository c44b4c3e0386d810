/**
 * Low-level write helpers over the libSQL client: one write transaction with
 * the connection's pragmas set, multi-row inserts in large chunks, and id
 * allocation for rows inserted with explicit ids (so that parents and children
 * can be written in bulk without reading ids back row by row).
 */
import type { Client, InArgs, InValue, ResultSet, Transaction } from '@libsql/client'

/** What both a client and a transaction can do. */
export interface Executor {
  execute(stmt: { sql: string; args?: InArgs } | string): Promise<ResultSet>
}

const MAX_VARIABLES = 32000
const MAX_ROWS = 1000

const statementCache = new Map<string, string>()

/** INSERT INTO table (columns) VALUES (...), (...) — chunked to stay under SQLite's variable limit. */
export async function insertRows(ex: Executor, table: string, columns: string[], rows: InValue[][]): Promise<void> {
  if (rows.length === 0) return
  const perChunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns.length)))
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk)
    const key = `${table}|${columns.join(',')}|${chunk.length}`
    let sql = statementCache.get(key)
    if (!sql) {
      const tuple = `(${columns.map(() => '?').join(',')})`
      sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${new Array(chunk.length).fill(tuple).join(',')}`
      if (statementCache.size > 200) statementCache.clear()
      statementCache.set(key, sql)
    }
    const args: InValue[] = []
    for (const row of chunk) for (const v of row) args.push(v)
    await ex.execute({ sql, args })
  }
}

/** The next free id of an AUTOINCREMENT table (never reusing an id handed out before). Call inside a write transaction. */
export async function nextId(ex: Executor, table: string): Promise<number> {
  const max = await ex.execute(`SELECT coalesce(max(id), 0) AS m FROM ${table}`)
  const seq = await ex.execute({ sql: 'SELECT coalesce(max(seq), 0) AS s FROM sqlite_sequence WHERE name = ?', args: [table] })
  return Math.max(Number(max.rows[0].m), Number(seq.rows[0].s)) + 1
}

let writeQueue: Promise<unknown> = Promise.resolve()

/**
 * Runs `work` in one write transaction: everything or nothing. Write
 * transactions of this process run one after another (a start-up import and an
 * upload do not fight over SQLite's write lock). The connection's pragmas are
 * set first (a libSQL client opens a fresh connection after each transaction,
 * and `PRAGMA foreign_keys` is a no-op inside one).
 */
export function inWriteTransaction<T>(client: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const run = writeQueue.then(() => runWriteTransaction(client, work))
  writeQueue = run.catch(() => undefined)
  return run
}

async function runWriteTransaction<T>(client: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (client.protocol === 'file') {
    await client.execute('PRAGMA foreign_keys = ON')
    await client.execute('PRAGMA busy_timeout = 5000')
    // Bulk imports touch large indexes: a 256 MB page cache instead of the 2 MB default.
    await client.execute('PRAGMA cache_size = -262144')
  }
  const tx = await client.transaction('write')
  try {
    const result = await work(tx)
    await tx.commit()
    return result
  } catch (error) {
    try {
      await tx.rollback()
    } catch {
      // The transaction is already gone (closed connection): nothing was committed.
    }
    throw error
  } finally {
    tx.close()
  }
}

/** `(?, ?, ?)` for an IN list of n values. */
export function placeholders(n: number): string {
  return `(${new Array(n).fill('?').join(',')})`
}

/** Runs `fn` over `ids` in chunks small enough for an IN list. */
export async function forChunks<T>(ids: T[], size: number, fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size))
}
