/**
 * The API's guards against other web pages and misleading answers (issue #11, security part),
 * through `app.request`: writes only from the app's own origin (or from no web page), body
 * types, the Host check (DNS rebinding), security headers, document ids that cannot be
 * confused with slugs, and messages that say what is wrong. The same in a real browser from a
 * second origin: test/e2e/cross-site.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import type { GlossaryEntry } from '../terminology/contract.ts'
import { createApp } from './app.ts'
import type { ApiError, CreateDocumentResponse, DocumentDetail, SearchResponse } from './contract.ts'

const CSV = 'id,status,concept,note,zh,en,fr,es,ru,ar\n,approved,,,,marker,,,,\n'

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

describe('API safety', () => {
  let dir: string
  let database: Database
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-safety-'))
    database = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
    await migrateDatabase(database)
    const progress = await runImport(database.client, await planImport(['corpora/unpc-devset']))
    expect(progress.errors).toEqual([])
    app = createApp({ database, hosts: ['sixfold.example.org'] })
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const count = async (table: string) => Number((await database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  const rows = async () => ({ documents: await count('documents'), glossary: await count('glossary_entries'), accepted: await count('review_acceptances') })
  const at = (path: string) => `http://127.0.0.1:8787${path}`
  const error = async (res: Response) => (await res.json()) as ApiError

  describe('writes from another origin', () => {
    // What a page on http://evil.example (or on another port of 127.0.0.1) can send without asking this server first.
    const foreign: Array<[string, Record<string, string>]> = [
      ['Origin of another site', { origin: 'http://evil.example' }],
      ['Origin of another port on the same host (same site, not same origin)', { origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' }],
      ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site' }],
      ['Origin: null (sandboxed frame, data: page)', { origin: 'null' }],
    ]

    it.each(foreign)('refuses every kind of write with 403 and writes nothing: %s', async (_, headers) => {
      const before = await rows()
      const entry = (await (await app.request(at('/api/glossary'), { method: 'POST', body: JSON.stringify({ terms: [{ lang: 'en', text: 'ocean' }] }), headers: { 'content-type': 'application/json' } })).json()) as GlossaryEntry
      const writes: Array<[string, RequestInit]> = [
        ['/api/glossary/import?format=csv', { method: 'POST', body: CSV }], // the no-cors fetch of the issue: text/plain
        ['/api/glossary/import?format=csv', { method: 'POST', body: CSV, headers: { 'content-type': 'text/csv' } }],
        ['/api/glossary/import', { method: 'POST', body: form({ file: new File([CSV], 'g.csv') }) }],
        ['/api/documents', { method: 'POST', body: form({ symbol: 'EVIL/1' }) }], // a FormData POST or an HTML form
        ['/api/documents/unpc-devset', { method: 'DELETE' }],
        ['/api/documents/unpc-devset/versions/en', { method: 'DELETE' }],
        ['/api/import/tmx', { method: 'POST', body: form({ file: new File(['<tmx/>'], 'x.tmx') }) }],
        [`/api/glossary/${entry.id}/approve`, { method: 'POST' }],
        [`/api/glossary/${entry.id}`, { method: 'DELETE' }],
        ['/api/glossary/seed', { method: 'POST' }],
        ['/api/review/accept', { method: 'POST', body: JSON.stringify({ key: 'x' }), headers: { 'content-type': 'application/json' } }],
      ]
      const afterEntry = await rows()
      for (const [path, init] of writes) {
        const res = await app.request(at(path), { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } })
        expect(res.status, `${init.method} ${path}`).toBe(403)
        const body = await error(res)
        expect(body.error).toBe('forbidden')
        expect(body.message).toMatch(/^changes are accepted only from Sixfold's own pages: the request comes from a page/)
      }
      expect(await rows()).toEqual(afterEntry)
      expect(afterEntry.glossary).toBe(before.glossary + 1)
      expect(((await (await app.request(at(`/api/glossary/${entry.id}`))).json()) as GlossaryEntry).status).toBe('candidate')
      expect((await app.request(at(`/api/glossary/${entry.id}`), { method: 'DELETE' })).status).toBe(200)
      // reads stay open to any page's links (the same-origin policy keeps their answers from it)
      expect((await app.request(at('/api/documents'), { headers })).status).toBe(200)
    })

    it("takes writes from the app's own pages and from clients that are no web page (curl)", async () => {
      const own = { origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin', host: '127.0.0.1:8787' }
      const created = await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'OWN/1' }), headers: own })
      expect(created.status).toBe(201)
      const csvOwn = await app.request(at('/api/glossary/import?format=csv'), { method: 'POST', body: CSV, headers: { ...own, 'content-type': 'text/csv' } })
      expect(csvOwn.status).toBe(200)
      // curl sends neither Origin nor Sec-Fetch-Site
      const curl = await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'CURL/1' }), headers: { 'user-agent': 'curl/8.5.0' } })
      expect(curl.status).toBe(201)
      // a TLS proxy in front: the page is https://name, the request reaches the server as http://name
      const proxied = await app.request('http://sixfold.example.org/api/documents/OWN-1', { method: 'DELETE', headers: { origin: 'https://sixfold.example.org', host: 'sixfold.example.org' } })
      expect(proxied.status).toBe(200)
      expect((await app.request(at('/api/documents/CURL-1'), { method: 'DELETE' })).status).toBe(200)
      // a development server named in `origins`
      const dev = createApp({ database, origins: ['http://localhost:5173'] })
      expect((await dev.request(at('/api/glossary/import?format=csv'), { method: 'POST', body: CSV, headers: { origin: 'http://localhost:5173', 'content-type': 'text/csv' } })).status).toBe(200)
    })

    it('still needs the token off loopback, even from its own pages', async () => {
      const guarded = createApp({ database, token: 'a-long-test-token-123' })
      const own = { origin: 'http://127.0.0.1:8787', host: '127.0.0.1:8787' }
      const res = await guarded.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'TOKEN/1' }), headers: own })
      expect(res.status).toBe(401)
      const foreign = await guarded.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'TOKEN/1' }), headers: { origin: 'http://evil.example', authorization: 'Bearer a-long-test-token-123' } })
      expect(foreign.status).toBe(403)
      const ok = await guarded.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'TOKEN/1' }), headers: { ...own, authorization: 'Bearer a-long-test-token-123' } })
      expect(ok.status).toBe(201)
      expect((await guarded.request(at('/api/documents/TOKEN-1'), { method: 'DELETE', headers: { authorization: 'Bearer a-long-test-token-123' } })).status).toBe(200)
    })
  })

  describe('body types', () => {
    it('a glossary file comes as CSV, XML or a form, never as text/plain or a URL-encoded form (which any page may send)', async () => {
      const before = await rows()
      for (const type of [undefined, 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
        const res = await app.request(at('/api/glossary/import?format=csv'), { method: 'POST', body: new Blob([CSV], type ? { type } : {}) })
        expect(res.status, String(type)).toBe(415)
        expect((await error(res)).message).toMatch(/^send the glossary with Content-Type text\/csv \(CSV\) or application\/xml \(TBX\), or as a multipart\/form-data field named "file"/)
      }
      expect(await rows()).toEqual(before)
    })

    it('a JSON route takes JSON only: not a JSON-looking text/plain body, not a missing type', async () => {
      const sneaky = await app.request(at('/api/glossary'), { method: 'POST', body: JSON.stringify({ terms: [{ lang: 'en', text: 'x' }] }), headers: { 'content-type': 'text/plain; application/json' } })
      expect(sneaky.status).toBe(415)
      // the issue: confirm without a content type answered "level must be one of…"
      const confirm = await app.request(at('/api/documents/unpc-devset/alignment/confirm'), { method: 'POST', body: JSON.stringify({ level: 'sentence', groupIds: [1] }) })
      expect(confirm.status).toBe(415)
      expect((await error(confirm)).message).toBe('send the body as JSON, with the header Content-Type: application/json')
      const typed = await app.request(at('/api/documents/unpc-devset/alignment/confirm'), { method: 'POST', body: JSON.stringify({ level: 'sentence', groupIds: [1] }), headers: { 'content-type': 'application/json; charset=utf-8' } })
      expect(typed.status).not.toBe(415)
    })

    it('an upload route takes multipart only', async () => {
      const res = await app.request(at('/api/documents'), { method: 'POST', body: 'symbol=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      expect(res.status).toBe(415)
      expect((await error(res)).message).toBe('send the file as multipart/form-data')
    })
  })

  describe('Host header (DNS rebinding)', () => {
    it('refuses a host name the server is not served as, on reads, writes and the web app alike', async () => {
      for (const [method, path] of [['GET', '/api/health'], ['GET', '/api/documents'], ['GET', '/'], ['POST', '/api/glossary/seed']]) {
        const res = await app.request(`http://evil.example:8787${path}`, { method, headers: { host: 'evil.example:8787' } })
        expect(res.status, `${method} ${path}`).toBe(403)
        expect((await error(res)).message).toBe('this server is not served as "evil.example": open it as localhost, 127.0.0.1, sixfold.example.org (other names can be added with SIXFOLD_HOSTS)')
      }
      // a rebinding page is same-origin to the browser: Origin and Host agree, and it is still refused
      const rebound = await app.request('http://evil.example:8787/api/documents', { method: 'POST', body: form({ symbol: 'REBOUND/1' }), headers: { host: 'evil.example:8787', origin: 'http://evil.example:8787', 'sec-fetch-site': 'same-origin' } })
      expect(rebound.status).toBe(403)
      expect((await database.client.execute("SELECT count(*) AS n FROM documents WHERE symbol = 'REBOUND/1'")).rows[0].n).toBe(0)
    })

    it('accepts localhost, 127.0.0.1, [::1] (any port) and the configured names', async () => {
      for (const host of ['localhost', 'localhost:8787', '127.0.0.1:8787', '127.0.0.2', '[::1]:8787', 'sixfold.example.org', 'SIXFOLD.example.org:443']) {
        const res = await app.request(`http://${host}/api/health`, { headers: { host } })
        expect(res.status, host).toBe(200)
      }
      // without configured names, only loopback
      const plain = createApp({ database })
      expect((await plain.request('http://sixfold.example.org/api/health', { headers: { host: 'sixfold.example.org' } })).status).toBe(403)
    })
  })

  describe('security headers', () => {
    it('are on every response: JSON, errors, refusals, files, and pages outside /api', async () => {
      const responses = [
        await app.request(at('/api/health')),
        await app.request(at('/api/documents/no-such-document')),
        await app.request(at('/api/glossary/export?format=csv')),
        await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'X' }), headers: { origin: 'http://evil.example' } }),
        await app.request('http://evil.example/api/health', { headers: { host: 'evil.example' } }),
        await app.request(at('/some/page')),
      ]
      for (const res of responses) {
        const csp = res.headers.get('content-security-policy') ?? ''
        expect(csp, `${res.status} ${res.url}`).toContain("default-src 'self'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).not.toContain('unsafe-inline')
        expect(csp).toContain("frame-ancestors 'none'")
        expect(res.headers.get('x-content-type-options')).toBe('nosniff')
        expect(res.headers.get('x-frame-options')).toBe('DENY')
        expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      }
    })
  })

  describe('document ids and slugs', () => {
    it('a numeric symbol gets a slug that is not a number, so deleting it by slug deletes it and not the document with that id', async () => {
      // documents 2, 3 and 4 exist before the one with symbol "3"
      for (const symbol of ['ID/2', 'ID/3', 'ID/4']) expect((await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol }) })).status).toBe(201)
      const third = (await (await app.request(at('/api/documents/ID-3'))).json()) as DocumentDetail
      const res = await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol: String(third.id) }) })
      expect(res.status).toBe(201)
      const created = ((await res.json()) as CreateDocumentResponse).document
      expect(created.slug).toBe(`doc-${third.id}`)
      expect(created.id).not.toBe(third.id)
      // digits are the id, the slug is the slug
      expect(((await (await app.request(at(`/api/documents/${third.id}`))).json()) as DocumentDetail).slug).toBe('ID-3')
      expect(((await (await app.request(at(`/api/documents/doc-${third.id}`))).json()) as DocumentDetail).id).toBe(created.id)
      expect((await app.request(at(`/api/documents/doc-${third.id}`), { method: 'DELETE' })).status).toBe(200)
      expect((await app.request(at('/api/documents/ID-3'))).status).toBe(200)
      // an explicit all-digit slug is made a slug too
      const explicit = await app.request(at('/api/documents'), { method: 'POST', body: form({ symbol: 'Numbered', slug: '42' }) })
      expect(((await explicit.json()) as CreateDocumentResponse).document.slug).toBe('doc-42')
      for (const slug of ['ID-2', 'ID-3', 'ID-4', 'doc-42']) expect((await app.request(at(`/api/documents/${slug}`), { method: 'DELETE' })).status).toBe(200)
    })

    it('a document id out of range is refused in words, not looked up', async () => {
      for (const id of ['0', '00', '99999999999999999999']) {
        const res = await app.request(at(`/api/documents/${id}`), { method: 'DELETE' })
        expect(res.status, id).toBe(400)
        expect((await error(res)).message).toBe('id: a document id is a whole number from 1 to 9007199254740991 (or give the slug)')
      }
      expect(await count('documents')).toBeGreaterThan(0)
    })

    it('doc= in search, export and review follows the same rule: digits are an id', async () => {
      const byId = (await (await app.request(at('/api/search?q=the&doc=1'))).json()) as SearchResponse
      expect(byId.hits.every((h) => h.document.id === 1)).toBe(true)
      const review = await app.request(at('/api/review?doc=999999'))
      expect(review.status).toBe(404)
      for (const path of ['/api/search?q=the&doc=0', '/api/export?format=csv&doc=99999999999999999999']) {
        const res = await app.request(at(path))
        expect(res.status, path).toBe(400)
        expect((await error(res)).message).toBe('doc: a document id is a whole number from 1 to 9007199254740991 (or give the slug)')
      }
    })
  })

  describe('messages that say what is wrong', () => {
    it('/api/glossary/0 says ids start at 1', async () => {
      const res = await app.request(at('/api/glossary/0'))
      expect(res.status).toBe(400)
      expect((await error(res)).message).toBe('id must be at least 1.')
    })

    it('page=1e20 names the page limit, not 2^53', async () => {
      for (const path of ['/api/search?q=the&page=1e20', '/api/documents/unpc-devset/alignment?page=1e20', '/api/glossary?page=1e20']) {
        const res = await app.request(at(path))
        expect(res.status, path).toBe(400)
        expect((await error(res)).message).toBe('page must be at most 1000000.')
      }
    })

    it('a parameter given twice is said so', async () => {
      const res = await app.request(at('/api/search?q=the&q=development'))
      expect(res.status).toBe(400)
      expect((await error(res)).message).toBe('q is given 2 times: give it once.')
      const lang = await app.request(at('/api/renderings?q=x&lang=en&lang=fr'))
      expect((await error(lang)).message).toBe('lang is given 2 times: give it once.')
    })

    it('a search far past its matches says the true total (it said 99999900)', async () => {
      // "the" occurs in more English sentences of the devset than the 500 counted for a first page
      const first = (await (await app.request(at('/api/search?q=the&lang=en&pageSize=100'))).json()) as SearchResponse
      expect(first).toMatchObject({ total: 500, totalCapped: true })
      const far = (await (await app.request(at('/api/search?q=the&lang=en&page=1000000&pageSize=100'))).json()) as SearchResponse
      expect(far.hits).toEqual([])
      expect(far.totalCapped).toBe(false) // every match was counted on the way to that page
      expect(far.total).toBeGreaterThan(500)
      expect(far.total).toBeLessThan(4000) // the devset has 4,000 English sentences
      const all = await database.client.execute("SELECT count(*) AS n FROM sentences WHERE lang = 'en' AND (' ' || lower(text) || ' ') GLOB '*[^a-z]the[^a-z]*'")
      expect(far.total).toBe(Number(all.rows[0].n))
      // the page just past the last match: empty, with the same true total
      const last = (await (await app.request(at(`/api/search?q=the&lang=en&page=${Math.ceil(far.total / 100) + 1}&pageSize=100`))).json()) as SearchResponse
      expect(last).toMatchObject({ hits: [], total: far.total, totalCapped: false })
    })

    it('a glossary file in UTF-16 without a byte-order mark or binary is refused in words, without echoing NULs or raw bytes (UTF-16 with one is read: server/import/text-inputs.test.ts)', async () => {
      const utf16 = Buffer.from(CSV, 'utf16le')
      const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256))
      const cases: Array<[string, Buffer, RegExp]> = [
        ['UTF-16 without a byte-order mark', utf16, /looks like UTF-16/],
        ['bytes that are not text', random, /./],
      ]
      for (const [what, bytes, expected] of cases) {
        for (const [format, type] of [['csv', 'text/csv'], ['tbx', 'application/xml']]) {
          const res = await app.request(at(`/api/glossary/import?format=${format}`), { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': type } })
          expect(res.status, `${what} as ${format}`).toBe(400)
          const message = (await error(res)).message
          expect(message, `${what} as ${format}`).toMatch(expected)
          expect(message, `${what} as ${format}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/)
          expect(message.length).toBeLessThan(400)
        }
      }
    })
  })
})
