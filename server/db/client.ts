/**
 * Opens the database: an embedded libSQL file by default, or a libSQL server
 * by URL (`DATABASE_URL=libsql://…` or `http://…`, with `DATABASE_AUTH_TOKEN`),
 * optionally as an embedded replica of a server (`DATABASE_SYNC_URL`).
 */
import { resolve } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { checkDatabaseLocation } from './location.ts'
import * as schema from './schema.ts'
import { closeNative, isReplica, registerLocalFile, registerReplica } from './write.ts'

export type Db = LibSQLDatabase<typeof schema>

export interface Database {
  db: Db
  client: Client
  url: string
  /** The libSQL server behind it: DATABASE_URL when remote, DATABASE_SYNC_URL for a replica; none for a plain file. */
  server?: string
  close(): void
}

export interface DatabaseOptions {
  url?: string
  authToken?: string
  syncUrl?: string
  /** Seconds between an embedded replica's background syncs (DATABASE_SYNC_INTERVAL, default 15). */
  syncInterval?: number
}

export const DEFAULT_DATABASE_URL = 'file:data/sixfold.db'
export const DEFAULT_SYNC_INTERVAL = 15

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const interval = env.DATABASE_SYNC_INTERVAL
  if (interval && !(Number(interval) > 0)) throw new Error(`DATABASE_SYNC_INTERVAL must be a number of seconds above 0, not "${interval}"`)
  return {
    url: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN || undefined,
    syncUrl: env.DATABASE_SYNC_URL || undefined,
    syncInterval: env.DATABASE_SYNC_INTERVAL ? Number(env.DATABASE_SYNC_INTERVAL) : undefined,
  }
}

export function openDatabase(options: DatabaseOptions = databaseOptionsFromEnv()): Database {
  const url = options.url ?? DEFAULT_DATABASE_URL
  // A wrong DATABASE_URL is one line saying what is wrong (creates the folders of a new file).
  checkDatabaseLocation(url)
  const client = createClient({
    url,
    authToken: options.authToken,
    syncUrl: options.syncUrl,
    syncInterval: options.syncUrl ? (options.syncInterval ?? DEFAULT_SYNC_INTERVAL) : undefined,
    // each connection of an embedded file waits up to 5 s for another process's write lock
    timeout: 5000,
  })
  if (options.syncUrl) registerReplica(client)
  const db = drizzle(client, { schema })
  // Writes to a local file (not a replica) go through a native connection: see write.ts.
  if (url.startsWith('file:') && !options.syncUrl) {
    const path = url.slice('file:'.length)
    if (path && path !== ':memory:' && !path.includes('?')) registerLocalFile(client, resolve(path))
  }
  return {
    db,
    client,
    url,
    server: options.syncUrl ?? (url.startsWith('file:') ? undefined : url),
    close: () => {
      closeNative(client)
      client.close()
    },
  }
}

/** Pragmas for an embedded file: WAL for concurrent readers, foreign keys on (a replica refuses the others). */
export async function configureDatabase(client: Client, url: string): Promise<void> {
  await client.execute('PRAGMA foreign_keys = ON')
  if (url.startsWith('file:') && !isReplica(client)) {
    // the busy timeout first: switching a new file to WAL takes a lock another process may hold
    await client.execute('PRAGMA busy_timeout = 5000')
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute('PRAGMA synchronous = NORMAL')
  }
}
