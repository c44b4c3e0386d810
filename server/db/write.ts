/**
 * Low-level write helpers over the libSQL client: one write transaction with
 * the connection's pragmas set, multi-row inserts in large chunks, and id
 * allocation for rows inserted with explicit ids (so that parents and children
 * can be written in bulk without reading ids back row by row).
 */
import type { Client, InValue } from '@libsql/client'
import Database from 'libsql'
import { SixfoldError } from '../../aligner/types.ts'

/** Rows by column name. */
export interface QueryResult {
  rows: Array<Record<string, unknown>>
}

/** What a client, a transaction and a native write connection can do. */
export interface Executor {
  execute(stmt: { sql: string; args?: InValue[] } | string): Promise<QueryResult>
}

type NativeDb = InstanceType<typeof Database>
type NativeStatement = ReturnType<NativeDb['prepare']>

/**
 * Local files are written through a native connection with a cache of
 * prepared statements: @libsql/client prepares every statement anew, and the
 * native binding does not give a statement's memory back (measured: ~230 bytes
 * per inserted row, 10 GB over a 6-million-row import). A reused statement
 * holds its memory once.
 */
const localFiles = new WeakMap<Client, string>()
const natives = new Map<string, { db: NativeDb; statements: Map<string, NativeStatement> }>()

/** Declares that `client` is an embedded database in the file at `path` (not a replica). */
export function registerLocalFile(client: Client, path: string): void {
  localFiles.set(client, path)
}

const replicas = new WeakSet<Client>()

/** Declares that `client` is an embedded replica of a libSQL server (it refuses most pragmas). */
export function registerReplica(client: Client): void {
  replicas.add(client)
}

export function isReplica(client: Client): boolean {
  return replicas.has(client)
}

/** The file of an embedded database (not a replica), or undefined for a server or replica. */
export function localFileOf(client: Client): string | undefined {
  return localFiles.get(client)
}

/** Closes the native write connection of `client`, if it has one. */
export function closeNative(client: Client): void {
  const path = localFiles.get(client)
  const native = path ? natives.get(path) : undefined
  if (path && native) {
    natives.delete(path)
    if (native.db.open) native.db.close()
  }
}

function nativeFor(client: Client): { db: NativeDb; statements: Map<string, NativeStatement> } | null {
  const path = localFiles.get(client)
  if (!path) return null
  let native = natives.get(path)
  if (!native || !native.db.open) {
    const db = new Database(path)
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -262144')
    native = { db, statements: new Map() }
    natives.set(path, native)
  }
  return native
}

class NativeExecutor implements Executor {
  constructor(private readonly native: { db: NativeDb; statements: Map<string, NativeStatement> }) {}
  async execute(stmt: { sql: string; args?: InValue[] } | string): Promise<QueryResult> {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql
    const args = typeof stmt === 'string' ? [] : (stmt.args ?? [])
    let prepared = this.native.statements.get(sql)
    if (!prepared) {
      prepared = this.native.db.prepare(sql)
      if (this.native.statements.size >= 300) this.native.statements.delete(this.native.statements.keys().next().value!)
      this.native.statements.set(sql, prepared)
    }
    if (prepared.reader) return { rows: prepared.all(args) as Array<Record<string, unknown>> }
    prepared.run(args)
    return { rows: [] }
  }
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

/** Waits for this thread's turn to write; resolves to the function that gives the turn back. */
export type WriteSlot = () => Promise<() => void>

/** In a worker thread: the main thread's write slot (see server/workers/write-slot.ts); null on the main thread. */
let outerSlot: WriteSlot | null = null

/** Makes every write transaction of this thread wait for `slot` first (a worker writing beside the main thread). */
export function setOuterWriteSlot(slot: WriteSlot | null): void {
  outerSlot = slot
}

/**
 * The write turn of this thread, held until the returned function is called:
 * write transactions queued after it wait. A worker thread writing to the same
 * file asks for it (through server/workers/write-slot.ts), so that the writes
 * of the whole process still run one after another.
 */
export function acquireWriteSlot(): Promise<() => void> {
  return new Promise((granted) => {
    const held = writeQueue.then(() => new Promise<void>((release) => granted(() => release())))
    writeQueue = held.catch(() => undefined)
  })
}

/**
 * Runs `work` in one write transaction: everything or nothing (on a libSQL
 * server that rolls it back because another process waited longer than its
 * transaction timeout, `work` runs again from the start). Write
 * transactions of this process run one after another (a start-up import and an
 * upload do not fight over SQLite's write lock; a worker thread's transaction
 * waits for the main thread's turn). The connection's pragmas are set first (a
 * libSQL client opens a fresh connection after each transaction, and `PRAGMA
 * foreign_keys` is a no-op inside one).
 */
export function inWriteTransaction<T>(client: Client, work: (tx: Executor) => Promise<T>): Promise<T> {
  const run = writeQueue.then(async () => {
    const release = outerSlot ? await outerSlot() : null
    try {
      return await runWriteTransaction(client, work)
    } finally {
      release?.()
    }
  })
  writeQueue = run.catch(() => undefined)
  return run
}

async function runWriteTransaction<T>(client: Client, work: (tx: Executor) => Promise<T>): Promise<T> {
  const native = nativeFor(client)
  if (native) {
    native.db.exec('BEGIN IMMEDIATE')
    try {
      const result = await work(new NativeExecutor(native))
      native.db.exec('COMMIT')
      return result
    } catch (error) {
      if (native.db.inTransaction) native.db.exec('ROLLBACK')
      throw error
    }
  }
  if (client.protocol === 'file' && !isReplica(client)) {
    await client.execute('PRAGMA foreign_keys = ON')
    await client.execute('PRAGMA busy_timeout = 5000')
    // Bulk imports touch large indexes: a 256 MB page cache instead of the 2 MB default.
    await client.execute('PRAGMA cache_size = -262144')
  }
  for (let attempt = 1; ; attempt++) {
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
      if (!isTransactionTimeout(error)) throw error
      if (attempt >= TIMEOUT_ATTEMPTS) {
        throw new SixfoldError(
          'write_contention',
          `the libSQL server rolled this write back ${attempt} times: another process kept writing to it for longer than its transaction timeout (5 s); nothing of it was stored. Try again when the other import is done`,
        )
      }
      // Another writer took the server's write lock (sqld gives a transaction 5 s when someone else waits):
      // everything was rolled back, so the whole transaction runs again, after a growing pause that lets the other finish.
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt * (0.5 + Math.random())))
    } finally {
      tx.close()
    }
  }
}

/** Attempts of a write transaction that a libSQL server rolls back for taking too long while another waits. */
const TIMEOUT_ATTEMPTS = 6

function isTransactionTimeout(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null
  return e?.code === 'TRANSACTION_TIMEOUT' || /transaction timed[ -]out/i.test(e?.message ?? '')
}

/** `(?, ?, ?)` for an IN list of n values. */
export function placeholders(n: number): string {
  return `(${new Array(n).fill('?').join(',')})`
}

/** Runs `fn` over `ids` in chunks small enough for an IN list. */
export async function forChunks<T>(ids: T[], size: number, fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size))
}
