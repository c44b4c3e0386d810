/**
 * A read worker thread's handler (run through boot.mjs by piscina): answers
 * searches and other reads on its own read-only connection to the embedded
 * database. SQLite in WAL mode lets these readers run beside each other and
 * beside the one writer.
 */
import { createClient, type Client } from '@libsql/client'
import { outcome, type WorkerOutcome } from './errors.ts'
import { READ_OPS, type ReadArgs, type ReadOp } from './read-ops.ts'

export interface ReadRequest<K extends ReadOp = ReadOp> {
  url: string
  op: K
  args: ReadArgs<K>
}

const clients = new Map<string, Promise<Client>>()

function clientFor(url: string): Promise<Client> {
  let client = clients.get(url)
  if (!client) {
    client = (async () => {
      const c = createClient({ url })
      await c.execute('PRAGMA busy_timeout = 5000')
      await c.execute('PRAGMA query_only = 1')
      return c
    })()
    clients.set(url, client)
  }
  return client
}

export default async function handle(request: ReadRequest): Promise<WorkerOutcome<string>> {
  return outcome(async () => {
    const client = await clientFor(request.url)
    const op = READ_OPS[request.op] as (client: Client, args: unknown) => Promise<string>
    return op(client, request.args)
  })
}
