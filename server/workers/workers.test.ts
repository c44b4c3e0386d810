/**
 * Imports and reads in worker threads (the server's setup) against the same
 * requests run in-process: the same answers, the same errors in the same
 * words; and a worker that dies in the middle of a write transaction leaves
 * nothing written and the next write free to go.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../api/app.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { inWriteTransaction } from '../db/write.ts'
import { emptyProgress, planImport, runImport } from '../import/pipeline.ts'
import { workerImporter, type Importer } from './imports.ts'
import { workerReader, type Reader } from './reads.ts'

const FIXTURES = 'test/fixtures/server/corpora'

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

const file = (path: string, name = path.split('/').pop()!) => new File([readFileSync(path)], name)

/** Everything stored, as one comparable value (without the times rows were written). */
async function snapshot(database: Database): Promise<unknown> {
  const out: Record<string, unknown> = {}
  for (const table of ['documents', 'versions', 'blocks', 'sentences', 'align_groups', 'align_links']) {
    const rows = (await database.client.execute(`SELECT * FROM ${table} ORDER BY id`)).rows
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_at'))))
  }
  out.fts = (await database.client.execute(`SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH '"the"'`)).rows[0].n
  out.seq = (await database.client.execute('SELECT * FROM sqlite_sequence ORDER BY name')).rows.map((r) => ({ ...r }))
  return out
}

async function freshDatabase(dir: string, name: string): Promise<Database> {
  const database = openDatabase({ url: `file:${join(dir, name)}` })
  await migrateDatabase(database)
  const progress = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]))
  expect(progress.errors).toEqual([])
  return database
}

/** A response as comparable data: status and body, without the times rows were written. */
async function answer(res: Response): Promise<unknown> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(JSON.stringify(body, (k, v) => (k === 'createdAt' || k === 'importedAt' ? '(time)' : v))) }
}

describe('imports and reads in worker threads', () => {
  let dir: string
  let plain: Database
  let threaded: Database
  let importer: Importer
  let reader: Reader

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-workers-'))
    plain = await freshDatabase(dir, 'plain.db')
    threaded = await freshDatabase(dir, 'threaded.db')
    importer = workerImporter({ url: threaded.url })
    reader = workerReader(threaded.url, 2)
  })
  afterAll(async () => {
    await importer?.close()
    await reader?.close()
    plain?.close()
    threaded?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers uploads, refusals, removals and searches exactly as in-process', async () => {
    const inProcess = createApp({ database: plain, maxUploadBytes: 200_000 })
    const inThreads = createApp({ database: threaded, maxUploadBytes: 200_000, importer, reader })
    const steps: Array<[string, () => RequestInit | undefined]> = [
      ['/api/documents', () => ({ method: 'POST', body: form({ symbol: 'A/RES/217(III)', slug: 'udhr', lang: 'en', file: file(`${FIXTURES}/udhr-mini/en.html`) }) })],
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'zh', file: file(`${FIXTURES}/udhr-mini/zh.html`) }) })],
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'fr', file: file(`${FIXTURES}/udhr-mini/fr.html`) }) })],
      // The same file again: skipped.
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'zh', file: file(`${FIXTURES}/udhr-mini/zh.html`) }) })],
      // Refused in words: the wrong language, an empty file, a file type that is not read, TMX that is not UTF-8 or not well-formed.
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'ar', file: file(`${FIXTURES}/udhr-mini/fr.html`, 'upload-1.html') }) })],
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'ar', file: new File([], 'Déclaration-AR.txt') }) })],
      ['/api/documents/udhr/versions', () => ({ method: 'POST', body: form({ lang: 'ar', file: new File(['MZ'], 'ar.exe') }) })],
      ['/api/import/tmx', () => ({ method: 'POST', body: form({ file: new File([new Uint8Array([0x3c, 0x74, 0xff, 0xfe])], 'latin.tmx') }) })],
      ['/api/import/tmx', () => ({ method: 'POST', body: form({ file: new File(['<tmx><body><tu>'], 'bad.tmx') }) })],
      ['/api/import/tmx', () => ({ method: 'POST', body: form({ file: new File(['<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu></body></tmx>'], 'one.tmx') }) })],
      ['/api/import/tmx', () => ({ method: 'POST', body: form({ slug: 'udhr', file: new File(['<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>One</seg></tuv></tu></body></tmx>'], 'two.tmx') }) })],
      ['/api/documents/udhr', () => undefined],
      ['/api/documents/udhr/alignment?level=sentence&pageSize=5', () => undefined],
      ['/api/search?q=human%20rights', () => undefined],
      [`/api/search?q=${encodeURIComponent('人权')}&doc=udhr`, () => undefined],
      ['/api/search?q=development&page=2&pageSize=3&langs=zh,ar', () => undefined],
      ['/api/search?q=nothing-like-this&lang=ru', () => undefined],
      ['/api/search?q=de&doc=no-such-document', () => undefined],
      ['/api/documents/udhr/versions/fr', () => ({ method: 'DELETE' })],
      ['/api/documents/udhr', () => undefined],
      ['/api/health', () => undefined],
    ]
    for (const [path, init] of steps) {
      const expected = await answer(await inProcess.request(path, init()))
      const got = await answer(await inThreads.request(path, init()))
      expect(got, `${init()?.method ?? 'GET'} ${path}`).toEqual(expected)
    }
    const refusal = (await answer(await inThreads.request('/api/documents/udhr/versions', { method: 'POST', body: form({ lang: 'ar', file: file(`${FIXTURES}/udhr-mini/fr.html`, 'upload-1.html') }) }))) as { status: number; body: { error: string; message: string } }
    expect(refusal.status).toBe(422)
    expect(refusal.body.error).toBe('language_mismatch')
    expect(refusal.body.message).toMatch(/^upload-1\.html: declared language ar \(Arabic\) disagrees with the text, which reads as fr \(French/)
    expect(await snapshot(threaded)).toEqual(await snapshot(plain))
  })

  it('leaves nothing written when the import thread dies mid-transaction, and the next write goes on', async () => {
    const before = await snapshot(threaded)
    process.env.SIXFOLD_TEST_WORKER_EXIT_AFTER_SEGMENTS = '1'
    const dying = workerImporter({ url: threaded.url })
    let progress
    try {
      progress = await dying.importJobs(await planImport([join(FIXTURES, 'udhr-mini')]), emptyProgress())
    } finally {
      delete process.env.SIXFOLD_TEST_WORKER_EXIT_AFTER_SEGMENTS
      await dying.close()
    }
    expect(progress).toMatchObject({ state: 'failed', filesImported: 0, filesFailed: 4, filesDone: 4 })
    expect(progress.errors).toHaveLength(1)
    expect(progress.errors[0].message).toMatch(/^the import stopped unexpectedly \(.+\); nothing of it was stored$/)
    expect(await snapshot(threaded)).toEqual(before)
    // The write turn the dead thread held was given back: a write on this thread and a new import both go through.
    await inWriteTransaction(threaded.client, (tx) => tx.execute({ sql: "INSERT INTO documents (slug, symbol, source) VALUES ('after', 'AFTER/1', 'document')" }))
    const next = await importer.importJobs(await planImport([join(FIXTURES, 'udhr-mini')]), emptyProgress())
    expect(next).toMatchObject({ state: 'done', filesImported: 4, filesFailed: 0 })
  })
})
