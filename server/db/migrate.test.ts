/** Migrations started at once by several processes on one new database (two servers started together). */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'libsql'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from './client.ts'
import { migrateDatabase } from './migrate.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sixfold-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function child(url: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/db/migrate-child.ts'), url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const done = new Promise<{ code: number | null; out: string }>((resolve) => proc.on('exit', (code) => resolve({ code, out })))
  return { started: () => out.includes('started'), done }
}

describe('migrations', () => {
  it('run concurrently by several processes on one new database: every one succeeds, each migration applied once', async () => {
    const path = join(dir, 'new.db')
    const url = `file:${path}`
    // Hold the write lock until every process has started, so that they all find the database new
    // (its migrations table made, nothing applied yet) and meet at the lock.
    const holder = new Database(path)
    holder.exec('PRAGMA journal_mode = WAL')
    holder.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)')
    holder.exec('BEGIN IMMEDIATE')
    const children = [child(url), child(url), child(url)]
    const deadline = Date.now() + 60_000
    while (!children.every((c) => c.started()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 500))
    holder.exec('COMMIT')
    holder.close()
    const results = await Promise.all(children.map((c) => c.done))
    for (const r of results) expect(r.out, r.out).toContain('migrated')
    for (const r of results) expect(r.code).toBe(0)
    const database = openDatabase({ url })
    try {
      const applied = await database.client.execute('SELECT count(*) AS n, count(DISTINCT hash) AS d FROM __drizzle_migrations')
      expect(Number(applied.rows[0].n)).toBe(Number(applied.rows[0].d))
      expect(Number(applied.rows[0].n)).toBeGreaterThanOrEqual(3)
      const tables = await database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'align_groups'")
      expect(tables.rows).toHaveLength(1)
    } finally {
      database.close()
    }
  }, 120_000)

  it('a database migrated before is left as it is, and a second run applies nothing', async () => {
    const url = `file:${join(dir, 'twice.db')}`
    const a = openDatabase({ url })
    await migrateDatabase(a)
    const before = await a.client.execute('SELECT count(*) AS n FROM __drizzle_migrations')
    await migrateDatabase(a)
    const after = await a.client.execute('SELECT count(*) AS n FROM __drizzle_migrations')
    expect(after.rows[0].n).toBe(before.rows[0].n)
    a.close()
  })
})
