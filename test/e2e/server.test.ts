/**
 * The real server process (`tsx server/main.ts`) on a free port with a
 * temporary database and a small corpora folder, queried over HTTP; and the
 * real `sixfold import` process killed mid-import.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlignmentEditResponse, AlignmentResponse, ApiError, DocumentsResponse, HealthResponse, ImportTmxResponse, SearchResponse } from '../../server/api/contract.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const CORPORA = join(ROOT, 'test/fixtures/server/corpora')

interface Started {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

function start(env: Record<string, string>): Promise<Started> {
  return new Promise((resolveStart, reject) => {
    let out = ''
    const child = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /Sixfold is serving on (http:\/\/\S+?)\/?\n/.exec(out)
      if (m) resolveStart({ child, url: m[1], output: () => out, exited })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
    exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)))
  })
}

async function waitReady(s: Started, timeoutMs = 120_000): Promise<HealthResponse> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const res = await fetch(`${s.url}/api/health`).catch(() => null)
    if (res) {
      const body = (await res.json()) as HealthResponse
      if (res.status === 200) return body
      expect(res.status).toBe(503)
      expect(body.status).toBe('starting')
    }
    if (Date.now() > until) throw new Error(`not ready after ${timeoutMs} ms:\n${s.output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode === null) {
    s.child.kill('SIGTERM')
    await s.exited
  }
}

describe('the real server over HTTP', () => {
  let dir: string
  let dbUrl: string
  let server: Started

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-e2e-server-'))
    dbUrl = `file:${join(dir, 'tm.db')}`
    server = await start({ DATABASE_URL: dbUrl, CORPORA_DIR: CORPORA })
  })
  afterAll(async () => {
    if (server) await stop(server)
    rmSync(dir, { recursive: true, force: true })
  })

  it('imports the corpora folder, then answers health with counts', async () => {
    const health = await waitReady(server)
    expect(health.import.errors).toEqual([])
    expect(health.import).toMatchObject({ state: 'done', filesFailed: 0, filesImported: 10 })
    expect(health.counts?.documents).toBe(2)
    expect(server.output()).toMatch(/import: 10 files imported/)
    const docs = (await (await fetch(`${server.url}/api/documents`)).json()) as DocumentsResponse
    expect(docs.documents.map((d) => d.slug).sort()).toEqual(['devset-mini', 'udhr-mini'])
  })

  it('finds a Chinese query with its aligned segments, and an Arabic one with folding', async () => {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent('人人')}&doc=udhr-mini`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as SearchResponse
    expect(body.total).toBeGreaterThan(0)
    const hit = body.hits[0]
    expect(hit.segment.text.slice(...hit.segment.matches[0])).toBe('人人')
    expect(hit.aligned.en?.length).toBeGreaterThan(0)
    expect(hit.document.symbol).toMatch(/217/)
    const ar = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('الاعلان')}`)).json()) as SearchResponse
    expect(ar.languages).toEqual(['ar'])
    expect(ar.total).toBeGreaterThan(0)
  })

  it('answers JSON to very long URLs, wrong methods and missing assets', async () => {
    const long = await fetch(`${server.url}/api/search?q=${'a'.repeat(5000)}`)
    expect(long.status).toBe(400)
    expect(((await long.json()) as ApiError).message).toMatch(/q is too long|longer than the limit of 500 characters/)
    const put = await fetch(`${server.url}/api/documents`, { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(((await put.json()) as ApiError).error).toBe('method_not_allowed')
    expect((await fetch(`${server.url}/assets/nothing-here.js`)).status).toBe(404)
  })

  it('imports and exports TMX over HTTP', async () => {
    const tmx = await (await fetch(`${server.url}/api/export?format=tmx&doc=udhr-mini`)).text()
    const form = new FormData()
    form.append('file', new File([tmx], 'udhr-copy.tmx'))
    const res = await fetch(`${server.url}/api/import/tmx`, { method: 'POST', body: form })
    expect(res.status).toBe(200)
    const body = (await res.json()) as ImportTmxResponse
    expect(body.groups).toBe((tmx.match(/<tu /g) ?? []).length)
  })

  it('keeps a human edit and skips unchanged files across a restart', async () => {
    const a = (await (await fetch(`${server.url}/api/documents/udhr-mini/alignment?pageSize=10`)).json()) as AlignmentResponse
    const ids = a.groups.slice(1, 3).map((g) => g.id)
    const merged = await fetch(`${server.url}/api/documents/udhr-mini/alignment/merge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'paragraph', groupIds: ids }),
    })
    expect(merged.status).toBe(200)
    const kept = ((await merged.json()) as AlignmentEditResponse).groups[0]
    await stop(server)
    server = await start({ DATABASE_URL: dbUrl, CORPORA_DIR: CORPORA })
    const health = await waitReady(server)
    expect(health.import).toMatchObject({ filesImported: 0, filesSkipped: 10, segments: 0 })
    const after = (await (await fetch(`${server.url}/api/documents/udhr-mini/alignment?pageSize=10`)).json()) as AlignmentResponse
    expect(after.groups.find((g) => g.id === kept.id)).toMatchObject({ origin: 'human', members: kept.members })
  })

  it('answers bad requests with JSON errors and no stack', async () => {
    const res = await fetch(`${server.url}/api/documents/udhr-mini/alignment/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"level":' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as ApiError
    expect(body.error).toBe('bad_request')
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/)
    const big = await fetch(`${server.url}/api/import/tmx`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(500 * 1024 * 1024) },
      body: '--x--',
    }).catch((e: Error) => e)
    if (!(big instanceof Error)) expect(big.status).toBe(413)
  })
})

describe('safety of the real processes', () => {
  it('refuses to start on a non-loopback address without a token', async () => {
    const res = spawnSync(TSX, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, HOST: '0.0.0.0', PORT: '0', SIXFOLD_TOKEN: '', CORPORA_DIR: '' }, encoding: 'utf8', timeout: 60_000 })
    expect(res.status).toBe(1)
    expect(res.stderr).toMatch(/SIXFOLD_TOKEN/)
  })

  it('on a non-loopback address with a token, every write needs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sixfold-e2e-token-'))
    const s = await start({ HOST: '0.0.0.0', SIXFOLD_TOKEN: 'correct-horse-battery', DATABASE_URL: `file:${join(dir, 'tm.db')}`, CORPORA_DIR: '' })
    try {
      const url = s.url.replace('0.0.0.0', '127.0.0.1')
      const health = await waitReady({ ...s, url })
      expect(health.writeNeedsToken).toBe(true)
      const form = () => {
        const f = new FormData()
        f.append('symbol', 'A/1')
        return f
      }
      expect((await fetch(`${url}/api/documents`, { method: 'POST', body: form() })).status).toBe(401)
      expect((await fetch(`${url}/api/documents`, { method: 'POST', body: form(), headers: { authorization: 'Bearer correct-horse-batter' } })).status).toBe(401)
      expect((await fetch(`${url}/api/documents`, { method: 'POST', body: form(), headers: { authorization: 'Bearer correct-horse-battery' } })).status).toBe(201)
    } finally {
      await stop(s)
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('an import killed mid-transaction leaves the database as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sixfold-e2e-kill-'))
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'tm.db')}` }
    try {
      const first = spawnSync(TSX, ['server/cli/sixfold.ts', 'import', '--quiet', join(CORPORA, 'devset-mini')], { cwd: ROOT, env, encoding: 'utf8' })
      expect(first.status, first.stderr).toBe(0)
      const dump = () => spawnSync(TSX, ['server/cli/sixfold.ts', 'export', '--format', 'csv'], { cwd: ROOT, env, encoding: 'utf8' }).stdout
      const before = dump()
      expect(before.split('\r\n').length).toBeGreaterThan(60)
      // The full devset (24,000 segments) as a second document, killed (SIGKILL) once 4,000 segments are written.
      const killed = spawnSync(TSX, ['server/cli/sixfold.ts', 'import', '--quiet', join(ROOT, 'corpora/unpc-devset')], {
        cwd: ROOT,
        env: { ...env, SIXFOLD_TEST_KILL_AFTER_SEGMENTS: '4000' },
        encoding: 'utf8',
      })
      // tsx runs the command in a child node process: the kill shows as its signal or as exit status 137.
      expect(killed.signal === 'SIGKILL' || killed.status === 137, `status ${killed.status}, signal ${killed.signal}: ${killed.stderr}`).toBe(true)
      expect(killed.stderr).not.toMatch(/imported/)
      expect(dump()).toBe(before)
      const again = spawnSync(TSX, ['server/cli/sixfold.ts', 'import', '--quiet', join(CORPORA, 'devset-mini')], { cwd: ROOT, env, encoding: 'utf8' })
      expect(again.stderr).toMatch(/0 files imported|imported 0 files, 6 unchanged/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

