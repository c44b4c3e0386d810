/**
 * Sixfold processes sharing one libSQL server (sqld, with a JWT key), as a
 * team would: embedded replicas on two "machines" that see each other's
 * writes after a sync, a replica whose server is down, a wrong token at
 * start, two imports at once, and an import killed with SIGKILL.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlignmentEditResponse, AlignmentResponse, ApiError, SearchResponse } from '../../server/api/contract.ts'
import { openDatabase, type Database } from '../../server/db/client.ts'
import { migrateDatabase } from '../../server/db/migrate.ts'
import { planImport, runImport } from '../../server/import/pipeline.ts'
import { ROOT, sleep, startServer, type RunningServer } from './support/server.ts'
import { jwtKeyPair, signJwt, startSqld, type RunningSqld } from './support/sqld.ts'

const TSX = join(ROOT, 'node_modules/.bin/tsx')
const CORPORA = join(ROOT, 'test/fixtures/server/corpora')

/** Rows per document and language: what an import wrote, independent of the ids it used. */
async function contents(database: Database): Promise<unknown[]> {
  const r = await database.client.execute(`
    SELECT d.slug, v.lang, count(DISTINCT v.id) AS versions, count(s.id) AS sentences, sum(length(s.text)) AS chars,
           count(DISTINCT s.group_id) AS groups, (SELECT count(*) FROM blocks b WHERE b.version_id IN (SELECT id FROM versions WHERE document_id = d.id AND lang = v.lang)) AS blocks
    FROM documents d JOIN versions v ON v.document_id = d.id LEFT JOIN sentences s ON s.version_id = v.id
    GROUP BY d.slug, v.lang ORDER BY d.slug, v.lang`)
  return r.rows.map((row) => ({ ...row }))
}

/** Everything the server holds, for "as before" comparisons (ids included). */
async function snapshot(database: Database): Promise<string> {
  const parts: unknown[] = []
  for (const table of ['documents', 'versions', 'blocks', 'sentences', 'align_groups']) {
    parts.push((await database.client.execute(`SELECT count(*) AS n, coalesce(max(id), 0) AS m FROM ${table}`)).rows[0])
  }
  parts.push((await database.client.execute('SELECT count(*) AS n FROM sentences_fts')).rows[0])
  return JSON.stringify([parts, await contents(database)])
}

function sixfold(args: string[], env: Record<string, string>): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['server/cli/sixfold.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (status, signal) => resolve({ status, signal, stderr }))
  })
}

/** The lines Sixfold wrote on stderr (the native libSQL driver may log its own lines, with timestamps). */
function sixfoldLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() && !/^\S*\d{4}-\d\d-\d\dT[\d:.]+Z/.test(l.replace(/\x1b\[[0-9;]*m/g, '')))
}

describe('a team on one libSQL server (sqld)', () => {
  let sqld: RunningSqld
  let token: string
  let dir: string
  let env: Record<string, string>
  let direct: Database

  beforeAll(async () => {
    const keys = jwtKeyPair()
    sqld = await startSqld({ jwtPublicKey: keys.publicKey })
    token = signJwt(keys.privateKey)
    dir = mkdtempSync(join(tmpdir(), 'sixfold-team-'))
    env = { DATABASE_URL: sqld.url, DATABASE_AUTH_TOKEN: token }
    direct = openDatabase({ url: sqld.url, authToken: token })
    await migrateDatabase(direct)
  })
  afterAll(async () => {
    direct?.close()
    await sqld?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('a wrong token stops the start with one line that says so', () => {
    const wrong = signJwt(jwtKeyPair().privateKey)
    const res = spawnSync(TSX, ['server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATABASE_AUTH_TOKEN: wrong, PORT: '0', CORPORA_DIR: '' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(res.status).toBe(1)
    expect(res.stderr.trim()).toBe(
      `sixfold: the libSQL server ${sqld.url} refused the connection: DATABASE_AUTH_TOKEN is not a token it accepts (signed with another key, expired, or for another server)`,
    )
  })

  it('two imports at once lose nothing and duplicate nothing', async () => {
    const [a, b] = await Promise.all([
      sixfold(['import', '--quiet', join(CORPORA, 'devset-mini'), join(CORPORA, 'udhr-mini')], env),
      sixfold(['import', '--quiet', join(CORPORA, 'udhr-mini'), join(CORPORA, 'devset-mini')], env),
    ])
    expect(a.status, a.stderr).toBe(0)
    expect(b.status, b.stderr).toBe(0)
    // The same rows as one import into an embedded file.
    const reference = openDatabase({ url: `file:${join(dir, 'reference.db')}` })
    await migrateDatabase(reference)
    await runImport(reference.client, await planImport([CORPORA]))
    const expected = await contents(reference)
    reference.close()
    expect(expected).toHaveLength(10)
    expect(await contents(direct)).toEqual(expected)
    const fts = await direct.client.execute('SELECT (SELECT count(*) FROM sentences_fts) AS f, (SELECT count(*) FROM sentences) AS s')
    expect(fts.rows[0].f).toBe(fts.rows[0].s)
  })

  it('an import killed with SIGKILL leaves the server database as it was, and the next import goes through', async () => {
    const before = await snapshot(direct)
    // The full devset (24,000 segments) as a third document, killed once 4,000 segments are sent.
    const killed = await sixfold(['import', '--quiet', join(ROOT, 'corpora/unpc-devset')], { ...env, SIXFOLD_TEST_KILL_AFTER_SEGMENTS: '4000' })
    expect(killed.signal === 'SIGKILL' || killed.status === 137, `status ${killed.status}, signal ${killed.signal}: ${killed.stderr}`).toBe(true)
    expect(await snapshot(direct)).toBe(before)
    // The killed process's open transaction held the server's write lock; sqld drops it, and the next write goes through.
    const again = await runImport(direct.client, await planImport([join(CORPORA, 'devset-mini')]), { force: true })
    expect(again.errors).toEqual([])
    expect(again.filesImported).toBe(6)
    expect(await contents(direct)).toEqual(JSON.parse(before)[1])
  })

  describe('embedded replicas', () => {
    let a: RunningServer | undefined
    let b: RunningServer | undefined
    const replica = (name: string) => ({ ...env, DATABASE_URL: `file:${join(dir, name)}`, DATABASE_SYNC_URL: sqld.url, DATABASE_SYNC_INTERVAL: '1' })
    afterAll(async () => {
      await a?.stop()
      await b?.stop()
    })

    it('a write through one machine is read through the other after sync', async () => {
      ;[a, b] = await Promise.all([
        // A imports the corpora through its replica (unchanged when the tests above ran: skipped).
        startServer({ corporaDir: CORPORA, env: replica('a.db'), readyTimeoutMs: 120_000 }),
        startServer({ corporaDir: '', env: replica('b.db'), readyTimeoutMs: 120_000 }),
      ])
      // B may have started before A's import was done: wait for its sync to bring the document.
      const until0 = Date.now() + 20_000
      while ((await fetch(`${b.url}/api/documents/devset-mini`)).status !== 200 && Date.now() < until0) await sleep(250)
      const page = (s: RunningServer) => fetch(`${s.url}/api/documents/devset-mini/alignment?level=paragraph&pageSize=5`).then((r) => r.json() as Promise<AlignmentResponse>)
      const groups = (await page(a)).groups
      const merged = await fetch(`${a.url}/api/documents/devset-mini/alignment/merge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ level: 'paragraph', groupIds: [groups[2].id, groups[3].id] }),
      })
      expect(merged.status).toBe(200)
      const edit = ((await merged.json()) as AlignmentEditResponse).groups[0]
      // Read your own write at once, on the machine that made it.
      expect((await page(a)).groups.find((g) => g.id === edit.id)).toMatchObject({ origin: 'human' })
      // The other machine sees it after its next sync (DATABASE_SYNC_INTERVAL=1).
      const until = Date.now() + 20_000
      let seen: AlignmentResponse['groups'][number] | undefined
      while (!seen && Date.now() < until) {
        seen = (await page(b)).groups.find((g) => g.id === edit.id && g.origin === 'human')
        if (!seen) await sleep(250)
      }
      expect(seen?.members).toEqual(edit.members)
    })

    it('with the server down, a running replica serves what it has and refuses writes in words; a replica does not start', async () => {
      await sqld.halt()
      const search = await fetch(`${b!.url}/api/search?q=${encodeURIComponent('人人')}&doc=udhr-mini`)
      expect(search.status).toBe(200)
      expect(((await search.json()) as SearchResponse).total).toBeGreaterThan(0)
      const page = (await (await fetch(`${b!.url}/api/documents/devset-mini/alignment?level=paragraph&pageSize=5`)).json()) as AlignmentResponse
      const write = await fetch(`${b!.url}/api/documents/devset-mini/alignment/merge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ level: 'paragraph', groupIds: [page.groups[0].id, page.groups[1].id] }),
      })
      expect(write.status).toBe(503)
      const refused = (await write.json()) as ApiError
      expect(refused.error).toBe('unavailable')
      expect(refused.message).toBe(
        `the libSQL server ${sqld.url} cannot be reached: this machine's replica still answers reads, but changes are refused until the server is back`,
      )
      await b!.stop()
      b = undefined
      const res = spawnSync(TSX, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, ...replica('b.db'), PORT: '0', CORPORA_DIR: '' }, encoding: 'utf8', timeout: 60_000 })
      expect(res.status).toBe(1)
      expect(sixfoldLines(res.stderr)).toEqual([
        `sixfold: cannot sync the embedded replica file:${join(dir, 'b.db')} from the libSQL server ${sqld.url}: the server cannot be reached. Sixfold does not open a replica while its server is down; start the server (or check DATABASE_SYNC_URL) and try again`,
      ])
      await sqld.restart()
      b = await startServer({ corporaDir: '', env: replica('b.db'), readyTimeoutMs: 120_000 })
      const after = (await (await fetch(`${b.url}/api/documents/devset-mini/alignment?level=paragraph&pageSize=5`)).json()) as AlignmentResponse
      expect(after.groups.filter((g) => g.origin === 'human')).toHaveLength(1)
    })
  })
})
