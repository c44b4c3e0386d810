/**
 * The same code over the network: DATABASE_URL=http://… with
 * DATABASE_AUTH_TOKEN, against a Hrana-over-HTTP stand-in for a libSQL server
 * (test/fixtures/server/hrana-server.ts; no sqld binary ships on npm).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/api/app.ts'
import type { AlignmentEditResponse, AlignmentResponse, SearchResponse } from '../../server/api/contract.ts'
import { openDatabase, type Database } from '../../server/db/client.ts'
import { migrateDatabase } from '../../server/db/migrate.ts'
import { planImport, runImport } from '../../server/import/pipeline.ts'
import { startHranaServer, type HranaServer } from '../fixtures/server/hrana-server.ts'

describe('against a libSQL server over HTTP', () => {
  let dir: string
  let remote: HranaServer
  let database: Database

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-remote-'))
    remote = await startHranaServer(join(dir, 'server.db'), 'remote-secret')
    database = openDatabase({ url: remote.url, authToken: 'remote-secret' })
    await migrateDatabase(database)
  })
  afterAll(async () => {
    database?.close()
    await remote?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a wrong auth token', async () => {
    const wrong = openDatabase({ url: remote.url, authToken: 'nope' })
    await expect(wrong.client.execute('SELECT 1')).rejects.toThrow()
    wrong.close()
  })

  it('migrates, imports in one transaction, skips unchanged files, and searches', async () => {
    const corpora = 'test/fixtures/server/corpora/devset-mini'
    const first = await runImport(database.client, await planImport([corpora]))
    expect(first.errors).toEqual([])
    expect(first.segments).toBe(360)
    const again = await runImport(database.client, await planImport([corpora]))
    expect(again).toMatchObject({ filesSkipped: 6, segments: 0 })
    // A failed import over the network leaves nothing behind either.
    const before = (await database.client.execute('SELECT count(*) AS n, sum(length(text)) AS l FROM sentences')).rows[0]
    const failed = await runImport(database.client, await planImport([corpora]), {
      force: true,
      hooks: {
        afterChunk: () => {
          throw new Error('network import interrupted')
        },
      },
    })
    expect(failed.errors[0].message).toMatch(/interrupted/)
    expect((await database.client.execute('SELECT count(*) AS n, sum(length(text)) AS l FROM sentences')).rows[0]).toEqual(before)

    const app = createApp({ database })
    const res = (await (await app.request(`/api/search?q=${encodeURIComponent('发展')}`)).json()) as SearchResponse
    expect(res.total).toBeGreaterThan(0)
    expect(Object.keys(res.hits[0].aligned)).toHaveLength(5)
    // Sentence groups of two paragraph groups merge once their paragraph groups are one.
    const p = (await (await app.request('/api/documents/devset-mini/alignment?level=paragraph&pageSize=5')).json()) as AlignmentResponse
    const paragraphs = await app.request('/api/documents/devset-mini/alignment/merge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'paragraph', groupIds: [p.groups[0].id, p.groups[1].id] }),
    })
    expect(paragraphs.status).toBe(200)
    const a = (await (await app.request('/api/documents/devset-mini/alignment?level=sentence&pageSize=5')).json()) as AlignmentResponse
    const merged = await app.request('/api/documents/devset-mini/alignment/merge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'sentence', groupIds: [a.groups[0].id, a.groups[1].id] }),
    })
    expect(merged.status).toBe(200)
    expect(((await merged.json()) as AlignmentEditResponse).groups[0].members.en).toHaveLength(2)
    const tmx = await (await app.request('/api/export?format=tmx&doc=devset-mini')).text()
    expect(tmx.match(/<tu /g)).toHaveLength(59)
    expect(remote.requests()).toBeGreaterThan(10)
  })
})
