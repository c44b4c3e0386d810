/**
 * The reads that may run in a read worker thread, each answering JSON text
 * (what the HTTP response carries, so the main thread neither copies an
 * object graph across threads nor serialises it again).
 */
import type { Client } from '@libsql/client'
import type { HealthResponse } from '../api/contract.ts'
import { readAlignment, type DocumentRef } from '../api/alignment.ts'
import { search, type SearchParams } from '../search/search.ts'

export type AlignmentQuery = Parameters<typeof readAlignment>[2]

export const READ_OPS = {
  search: async (client: Client, params: SearchParams) => JSON.stringify(await search(client, params)),
  alignment: async (client: Client, args: { doc: DocumentRef; query: AlignmentQuery }) => JSON.stringify(await readAlignment(client, args.doc, args.query)),
  /** Documents, segments and sentence groups in the memory (the health check's counts). */
  counts: async (client: Client) => {
    const r = await client.execute(
      "SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM sentences) AS s, (SELECT count(*) FROM align_groups WHERE level = 'sentence') AS g",
    )
    const counts: NonNullable<HealthResponse['counts']> = { documents: Number(r.rows[0].d), segments: Number(r.rows[0].s), groups: Number(r.rows[0].g) }
    return JSON.stringify(counts)
  },
} satisfies Record<string, (client: Client, args: never) => Promise<string>>

export type ReadOp = keyof typeof READ_OPS
export type ReadArgs<K extends ReadOp> = Parameters<(typeof READ_OPS)[K]>[1]
