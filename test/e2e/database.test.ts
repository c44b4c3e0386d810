/**
 * The real server process (`tsx server/main.ts`) and the real `sixfold` command line on databases
 * that cannot be served as they are: a damaged file is refused at start, a read-only one is said at
 * start and served for reading (writes answer 503 with the reason), and a DATABASE_URL that names
 * no database is one line and a non-zero exit (not a stack trace, not a process that never ends).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.ts'
import { migrateDatabase } from '../../server/db/migrate.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'sixfold-db-e2e-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  code: number | null
  out: string
}

/** Runs the server until it exits or says it is ready (then stops it); what it printed and its exit code. */
function serverUntilReadyOrExit(env: Record<string, string>, options: { uid?: number } = {}): Promise<Run & { child: ChildProcess | null; url: string | null }> {
  return new Promise((resolveRun) => {
    let out = ''
    const child = spawn(TSX, ['server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CORPORA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('Sixfold is ready.')) {
        clearTimeout(timer)
        resolveRun({ code: null, out, child, url: /serving on (http:\/\/\S+?)\/?\n/.exec(out)?.[1] ?? null })
      }
    })
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolveRun({ code, out, child: null, url: null })
    })
  })
}

function cli(env: Record<string, string>, ...args: string[]): Run & { stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['server/cli/sixfold.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 })
  return { code: r.status, out: r.stderr, stdout: r.stdout, stderr: r.stderr }
}

/** A database with enough glossary rows to span many pages. */
async function populated(path: string): Promise<void> {
  const database = openDatabase({ url: `file:${path}` })
  await migrateDatabase(database)
  const note = 'Sustainable development meets the needs of the present without compromising the ability of future generations. '
  const tx = await database.client.transaction('write')
  for (let i = 0; i < 3000; i++) await tx.execute({ sql: 'INSERT INTO glossary_entries (concept, note) VALUES (?, ?)', args: [`concept ${i}`, `${note}${i}`] })
  await tx.commit()
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  database.close()
}

describe('a damaged database', () => {
  it('is refused at start by the server and by the command line, in one line, before anything is served or written', async () => {
    const path = join(dir, 'damaged.db')
    await populated(path)
    // garbage over four pages in the middle of the file
    const size = statSync(path).size
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(4 * 4096, 0xab), 0, 4 * 4096, Math.floor(size / 2 / 4096) * 4096)
    closeSync(fd)
    const server = await serverUntilReadyOrExit({ DATABASE_URL: `file:${path}` })
    server.child?.kill('SIGKILL')
    expect(server.code, server.out).toBe(1)
    expect(server.out).not.toMatch(/ready|serving/)
    const lines = server.out.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^sixfold: the database ${path} is damaged \\(.+\\): Sixfold will not use it\\. Restore it from a backup`))
    const export_ = cli({ DATABASE_URL: `file:${path}` }, 'export', '--format', 'tbx')
    expect(export_.code).toBe(1)
    expect(export_.stdout).toBe('')
    expect(export_.stderr.trim().split('\n')).toHaveLength(1)
    expect(export_.stderr).toMatch(/is damaged \(.+\): Sixfold will not use it/)
    const write = cli({ DATABASE_URL: `file:${path}` }, 'glossary', 'import', join(ROOT, 'test/fixtures/terminology/sdg-goals.tbx'))
    expect(write.code).toBe(1)
    expect(write.stderr).toMatch(/is damaged/)
  }, 180_000)
})

describe('a read-only database', () => {
  it('is said at start; reads are served, and writes answer 503 with the reason instead of a bare 500', async () => {
    const folder = join(dir, 'read-only')
    mkdirSync(folder)
    const path = join(folder, 'memory.db')
    await populated(path)
    // Root may write any file: the server then runs as nobody, for whom the file is read-only.
    const root = process.getuid?.() === 0
    chmodSync(dir, 0o755)
    chmodSync(path, 0o444)
    chmodSync(folder, 0o777) // SQLite keeps its -wal and -shm files beside the database
    const server = await serverUntilReadyOrExit({ DATABASE_URL: `file:${path}`, TSX_DISABLE_CACHE: '1' }, root ? { uid: 65534 } : {})
    try {
      expect(server.url, server.out).not.toBeNull()
      expect(server.out).toContain(`sixfold: the database ${path} is read-only (this user may not write the file): searches and other reads work, changes are refused`)
      const list = await fetch(`${server.url}/api/glossary?pageSize=5`)
      expect(list.status).toBe(200)
      const created = await fetch(`${server.url}/api/glossary`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'approved', terms: [{ lang: 'en', text: 'marker' }] }),
      })
      expect(created.status).toBe(503)
      const body = (await created.json()) as { error: string; message: string }
      expect(body.error).toBe('read_only')
      expect(body.message).toMatch(/is read-only: changes are refused \(reads still work\)/)
      const imported = await fetch(`${server.url}/api/glossary/import?format=csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'id,status,concept,note,zh,en\n,approved,,,可持续发展,sustainable development\n' })
      expect(imported.status).toBe(503)
    } finally {
      server.child?.kill('SIGTERM')
    }
  }, 180_000)
})

describe('a DATABASE_URL that names no database', () => {
  const file = join(dir, 'a-file')
  writeFileSync(file, 'not a folder\n')
  const cases: Array<[string, string, RegExp]> = [
    ['under /proc (mkdir -p never returned)', 'file:/proc/nonexistent/x.db', /^sixfold: cannot create the folder \/proc\/nonexistent for the database \/proc\/nonexistent\/x\.db: no such file or folder$/],
    ['a folder', `file:${dir}`, /^sixfold: DATABASE_URL names the folder .+, not a file: give a file in it, e\.g\. file:.+\/sixfold\.db$/],
    ['a path under a file', `file:${file}/x.db`, /^sixfold: cannot create the database .+\/a-file\/x\.db: .+\/a-file is a file, not a folder$/],
    ['an unknown scheme', 'foo://bar', /^sixfold: DATABASE_URL "foo:\/\/bar" is not a database address: use file:<path> for an embedded database file, or libsql:\/\/, http:\/\/ or https:\/\/ for a libSQL server$/],
    ['no scheme', 'data/x.db', /^sixfold: DATABASE_URL "data\/x\.db" has no scheme: write file:data\/x\.db/],
  ]
  for (const [what, url, message] of cases) {
    it(`${what}: the server and the command line say so in one line and exit 1`, async () => {
      const server = await serverUntilReadyOrExit({ DATABASE_URL: url })
      server.child?.kill('SIGKILL')
      expect(server.code, server.out).toBe(1)
      expect(server.out.trim().split('\n'), server.out).toHaveLength(1)
      expect(server.out.trim()).toMatch(message)
      const r = cli({ DATABASE_URL: url }, 'export', '--format', 'tbx')
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)
      expect(r.stderr.trim()).toMatch(message)
    }, 120_000)
  }
})
