/**
 * Where reads run. On an embedded database the server answers searches and
 * the other heavy reads in a pool of worker threads (read-worker.ts), each
 * with its own connection: one request no longer waits for another's
 * queries, nor for an import's writes (WAL). Elsewhere (a libSQL server, an
 * embedded replica, tests) they run in-process on the given client.
 */
import { availableParallelism } from 'node:os'
import type { Client } from '@libsql/client'
import { unwrap, type WorkerOutcome } from './errors.ts'
import { READ_OPS, type ReadArgs, type ReadOp } from './read-ops.ts'
import type { ReadRequest } from './read-worker.ts'
import { createPool } from './pool.ts'

export interface Reader {
  /** The op's answer as JSON text. */
  run<K extends ReadOp>(op: K, args: ReadArgs<K>): Promise<string>
  close(): Promise<void>
}

export function inProcessReader(client: Client): Reader {
  return {
    run: (op, args) => (READ_OPS[op] as (client: Client, args: unknown) => Promise<string>)(client, args),
    close: async () => {},
  }
}

/** Read threads: one per core (searches are CPU work on a database in the page cache). */
export function readThreads(): number {
  return Math.max(2, availableParallelism())
}

/** Reads in worker threads, each opening `url` (an embedded database file) on its own. */
export function workerReader(url: string, threads = readThreads()): Reader {
  const pool = createPool({ entry: new URL('./read-worker.ts', import.meta.url), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 })
  return {
    run: async (op, args) => {
      const request: ReadRequest = { url, op, args }
      return unwrap((await pool.run(request)) as WorkerOutcome<string>)
    },
    close: () => pool.destroy(),
  }
}
