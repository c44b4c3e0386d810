import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../api/app.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import type { GlossaryEntry, GlossaryImportResponse, GlossaryResponse, RenderingsResponse, ReviewResponse, TermsResponse } from './contract.ts'

const run = promisify(execFile)

describe('terminology API and command line on the demo corpora', { timeout: 180_000 }, () => {
  let dir: string
  let dbPath: string
  let database: Database
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-terminology-'))
    dbPath = join(dir, 'tm.db')
    database = openDatabase({ url: `file:${dbPath}` })
    await migrateDatabase(database)
    const progress = await runImport(database.client, await planImport(['corpora/unpc-devset', 'corpora/sdg']))
    expect(progress.errors).toEqual([])
    app = createApp({ database })
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = async <T>(path: string, init?: RequestInit) => {
    const res = await app.request(path, init)
    const type = res.headers.get('content-type') ?? ''
    return { status: res.status, body: (type.includes('json') ? await res.json() : await res.text()) as T }
  }
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

  it('GET /api/renderings: renderings per language with examples, the language detected', async () => {
    const r = await call<RenderingsResponse>(`/api/renderings?q=${encodeURIComponent('联合国毒品和犯罪问题办公室')}`)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ term: '联合国毒品和犯罪问题办公室', language: 'zh', detected: true })
    expect(r.body.renderings.en![0].text).toBe('United Nations Office on Drugs and Crime')
    const ex = r.body.renderings.en![0].examples[0]
    expect(ex.target.text.slice(ex.target.start, ex.target.end)).toBe('United Nations Office on Drugs and Crime')
    expect(ex.documentSymbol).toBe('UNv1.0.devset')
    const fr = await call<RenderingsResponse>(`/api/renderings?q=${encodeURIComponent('Conseil de sécurité')}&targets=zh,en`)
    expect(fr.body.language).toBe('fr')
    expect(Object.keys(fr.body.renderings).sort()).toEqual(['en', 'zh'])
    expect(fr.body.renderings.en![0].text).toBe('Security Council')
  })

  it('GET /api/renderings: says how many occurrences were counted, and why an answer is empty', async () => {
    const many = await call<RenderingsResponse>(`/api/renderings?q=${encodeURIComponent('联合国')}&lang=zh`)
    expect(many.body.occurrences).toBeGreaterThan(300)
    expect(many.body.examined).toBe(300)
    const few = await call<RenderingsResponse>(`/api/renderings?q=${encodeURIComponent('联合国毒品和犯罪问题办公室')}&lang=zh`)
    expect(few.body.examined).toBe(few.body.occurrences)
    const none = await call<RenderingsResponse>(`/api/renderings?q=${encodeURIComponent('量子引力')}&lang=zh`)
    expect(none.body.occurrences).toBe(0)
    expect(none.body.note).toBe('"量子引力" does not occur in the Chinese side of the aligned memory')
  })

  it('answers bad input with JSON errors', async () => {
    const missing = await call<{ error: string; message: string }>('/api/renderings')
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('bad_request')
    expect(missing.body.message).toBe('q is required.')
    // a JSON body sent without saying it is JSON is told so, not "terms is required"
    const untyped = await call<{ error: string; message: string }>('/api/glossary', { method: 'POST', body: JSON.stringify({ terms: [{ lang: 'en', text: 'ocean' }] }) })
    expect(untyped.status).toBe(415)
    expect(untyped.body.message).toBe('send the body as JSON, with the header Content-Type: application/json')
    const lang = await call<{ error: string; message: string }>('/api/renderings?q=x&lang=de')
    expect(lang.status).toBe(400)
    const doc = await call<{ error: string; message: string }>('/api/review?document=NO/SUCH/DOC')
    expect(doc.status).toBe(404)
    expect(doc.body.message).toContain('NO/SUCH/DOC')
    const entry = await call<{ error: string }>('/api/glossary/999999')
    expect(entry.status).toBe(404)
    const empty = await call<{ error: string; message: string }>('/api/glossary', json('POST', { terms: [] }))
    expect(empty.status).toBe(400)
    expect(empty.body.message).toContain('at least one term')
    const tbx = await call<{ error: string; message: string }>('/api/glossary/import?format=tbx', { method: 'POST', body: '<tbx><text><body><conceptEntry/></body></text></tbx>', headers: { 'content-type': 'application/xml' } })
    expect(tbx.status).toBe(400)
    expect(tbx.body.message).toMatch(/TBX: entry 1 has no <langSec>/)
  })

  it('GET /api/terms: mined candidates with renderings', async () => {
    const r = await call<TermsResponse>('/api/terms?limit=8&renderings=1')
    expect(r.status).toBe(200)
    expect(r.body.candidates).toHaveLength(8)
    const council = r.body.candidates.find((c) => c.term === '安全理事会')
    expect(council?.renderings.en?.[0].text).toBe('Security Council')
  })

  it('glossary: create, edit, approve, deprecate, list, export TBX and re-import it the same', async () => {
    const created = await call<GlossaryEntry>(
      '/api/glossary',
      json('POST', {
        concept: 'principal organ',
        terms: [
          { lang: 'zh', text: '安全理事会' },
          { lang: 'en', text: 'Security Council' },
        ],
        refs: [{ groupId: null, documentSymbol: 'UNv1.0.devset', paragraphLabel: '2' }],
      }),
    )
    expect(created.status).toBe(201)
    expect(created.body.status).toBe('candidate')
    const id = created.body.id
    const edited = await call<GlossaryEntry>(`/api/glossary/${id}`, json('PATCH', { note: 'checked', terms: [...created.body.terms, { lang: 'fr', text: 'Conseil de sécurité' }, { lang: 'en', text: 'Safety Council', usage: 'deprecated' }] }))
    expect(edited.body.terms).toHaveLength(4)
    expect(edited.body.note).toBe('checked')
    expect((await call<GlossaryEntry>(`/api/glossary/${id}/approve`, { method: 'POST' })).body.status).toBe('approved')
    const list = await call<GlossaryResponse>('/api/glossary?status=approved&q=Security')
    expect(list.body.entries.map((e) => e.id)).toContain(id)

    const approvedOnly = await call<string>('/api/glossary/export?format=tbx&status=deprecated')
    expect(approvedOnly.body).not.toContain('<term>Safety Council</term>')
    const exported = await call<string>('/api/glossary/export?format=tbx')
    expect(exported.status).toBe(200)
    expect(exported.body).toContain('<term>Safety Council</term>')
    const before = (await call<GlossaryResponse>('/api/glossary?pageSize=500')).body
    const imported = await call<GlossaryImportResponse>('/api/glossary/import?format=tbx', { method: 'POST', body: exported.body, headers: { 'content-type': 'application/xml' } })
    // the export read back is the same glossary: every entry found again and unchanged, none added
    expect(imported.body).toMatchObject({ imported: before.total, created: 0, updated: before.total })
    const after = (await call<GlossaryResponse>('/api/glossary?pageSize=500')).body
    const shape = (e: GlossaryEntry) => ({ id: e.id, concept: e.concept, status: e.status, note: e.note, terms: e.terms, refs: e.refs })
    expect(after.entries.map(shape)).toEqual(before.entries.map(shape))

    expect((await call<GlossaryEntry>(`/api/glossary/${id}/deprecate`, { method: 'POST' })).body.status).toBe('deprecated')
    await call(`/api/glossary/${id}/approve`, { method: 'POST' })
  })

  it('imports the SDG seed once and a CSV glossary', async () => {
    const seed = await call<GlossaryImportResponse>('/api/glossary/seed', { method: 'POST' })
    expect(seed.body.imported).toBe(17)
    expect((await call('/api/glossary/seed', { method: 'POST' })).status).toBe(409)
    const goals = await call<GlossaryResponse>(`/api/glossary?q=${encodeURIComponent('No poverty')}`)
    expect(goals.body.entries[0].refs[0].groupId).toBeGreaterThan(0)
    const csv = 'status,zh,en,fr\napproved,会员国,Member States,États Membres\n'
    const r = await call<GlossaryImportResponse>('/api/glossary/import?format=csv', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })
    expect(r.body).toEqual({ imported: 1, created: 1, updated: 0, format: 'csv' })
  })

  it('never lets an imported entry overwrite a different concept, nor drop a status the file does not give', async () => {
    const made = await call<GlossaryEntry>('/api/glossary', json('POST', { status: 'approved', terms: [{ lang: 'zh', text: '发展' }, { lang: 'en', text: 'development' }, { lang: 'fr', text: 'développement' }] }))
    const id = made.body.id
    // another glossary's entry with the same id and one shared term is another concept: added, not merged
    const foreign = `id,status,zh,en\n${id},candidate,开发,development\n`
    const r = await call<GlossaryImportResponse>('/api/glossary/import?format=csv', { method: 'POST', body: foreign, headers: { 'content-type': 'text/csv' } })
    expect(r.body).toMatchObject({ created: 1, updated: 0 })
    const kept = (await call<GlossaryEntry>(`/api/glossary/${id}`)).body
    expect(kept.status).toBe('approved')
    expect(kept.terms.map((t) => t.text).sort()).toEqual(['development', 'développement', '发展'])
    // the same terms without a status update the entry and leave it approved
    const same = 'zh,en,fr\n发展,development,développement\n'
    expect((await call<GlossaryImportResponse>('/api/glossary/import?format=csv', { method: 'POST', body: same, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ created: 0, updated: 1 })
    expect((await call<GlossaryEntry>(`/api/glossary/${id}`)).body.status).toBe('approved')
    const added = (await call<GlossaryResponse>(`/api/glossary?q=${encodeURIComponent('开发')}`)).body.entries.filter((e) => e.terms.some((t) => t.text === '开发'))
    for (const e of [...added, kept]) await call(`/api/glossary/${e.id}`, { method: 'DELETE' })
  })

  it('imports its own TBX and CSV exports again without doubling an entry', async () => {
    const count = async () => (await call<GlossaryResponse>('/api/glossary?pageSize=200')).body.total
    const before = await count()
    expect(before).toBeGreaterThan(0)
    const tbx = (await call<string>('/api/glossary/export?format=tbx')).body
    const again = await call<GlossaryImportResponse>('/api/glossary/import?format=tbx', { method: 'POST', body: tbx, headers: { 'content-type': 'application/xml' } })
    expect(again.body).toMatchObject({ imported: before, created: 0, updated: before })
    expect(await count()).toBe(before)
    // an edited CSV export updates its entries (by id) and adds the new row
    const csv = (await call<string>('/api/glossary/export?format=csv')).body
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n')
    const edited = [...lines, ',candidate,,,海洋,ocean,océan'].join('\n')
    const r = await call<GlossaryImportResponse>('/api/glossary/import?format=csv', { method: 'POST', body: edited, headers: { 'content-type': 'text/csv' } })
    expect(r.body).toMatchObject({ created: 1, updated: before })
    expect(await count()).toBe(before + 1)
  })

  it('GET /api/review: findings that link to their groups; accepting one stores it', async () => {
    const r = await call<ReviewResponse>('/api/review?document=unpc-devset&kinds=number,date,symbol,glossary,untranslated&targets=en')
    expect(r.status).toBe(200)
    expect(r.body.units).toBe(4000)
    expect(r.body.findings.length).toBeGreaterThan(0)
    const f = r.body.findings.find((x) => x.kind === 'glossary') ?? r.body.findings[0]
    expect(f.groupIds[0]).toBeGreaterThan(0)
    expect(f.segments.map((s) => s.lang)).toEqual(['zh', 'en'])
    const ok = await call<{ accepted: boolean }>('/api/review/accept', json('POST', { key: f.key, note: 'style choice' }))
    expect(ok.body.accepted).toBe(true)
    const again = await call<ReviewResponse>('/api/review?document=unpc-devset&kinds=number,date,symbol,glossary,untranslated&targets=en')
    expect(again.body.findings.find((x) => x.key === f.key)?.accepted).toBe(true)
    const stored = await database.client.execute({ sql: 'SELECT note FROM review_acceptances WHERE finding_key = ?', args: [f.key] })
    expect(stored.rows[0].note).toBe('style choice')
    expect((await call(`/api/review/accept?key=${encodeURIComponent(f.key)}`, { method: 'DELETE' })).status).toBe(200)
  })

  it('needs the token for glossary writes when one is set', async () => {
    const guarded = createApp({ database, token: 'a-long-test-token-123' })
    const denied = await guarded.request('/api/glossary', json('POST', { terms: [{ lang: 'en', text: 'x' }] }))
    expect(denied.status).toBe(401)
    const read = await guarded.request('/api/glossary')
    expect(read.status).toBe(200)
  })

  it('the command line prints renderings and the report as JSON', async () => {
    const env = { ...process.env, DATABASE_URL: `file:${dbPath}` }
    const { stdout } = await run('npx', ['tsx', 'server/cli/sixfold.ts', 'renderings', '安全理事会', '--json'], { env, maxBuffer: 10 * 1024 * 1024 })
    const out = JSON.parse(stdout) as { term: string; language: string; renderings: Record<string, Array<{ text: string; count: number; share: number }>> }
    expect(out.term).toBe('安全理事会')
    expect(out.language).toBe('zh')
    expect(Object.keys(out.renderings).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru'])
    expect(out.renderings.en[0]).toEqual({ text: 'Security Council', count: expect.any(Number), share: expect.any(Number) })
    expect(Object.keys(out.renderings.en[0])).toEqual(['text', 'count', 'share'])
    // --doc: the counts of one document only
    const inSdg = JSON.parse((await run('npx', ['tsx', 'server/cli/sixfold.ts', 'renderings', '可持续发展', '--doc', 'sdg', '--json'], { env })).stdout) as typeof out
    const everywhere = JSON.parse((await run('npx', ['tsx', 'server/cli/sixfold.ts', 'renderings', '可持续发展', '--json'], { env })).stdout) as typeof out
    expect(inSdg.renderings.en[0].text.toLowerCase()).toBe('sustainable development')
    expect(inSdg.renderings.en[0].count).toBeLessThan(everywhere.renderings.en[0].count)
    const check = await run('npx', ['tsx', 'server/cli/sixfold.ts', 'check', 'sdg', '--json', '--kinds', 'number,date'], { env, maxBuffer: 50 * 1024 * 1024 })
    // JSON Lines: the report's summary, then one finding a line
    const [first, ...rest] = check.stdout.trimEnd().split('\n')
    const summary = JSON.parse(first) as Omit<ReviewResponse, 'findings'> & { findingCount: number }
    expect(summary.document).toBe('A/RES/70/1 & A/RES/71/313')
    expect(summary).not.toHaveProperty('findings')
    expect(summary.findingCount).toBe(rest.length)
    expect(rest.length).toBeGreaterThan(0)
    const findings = rest.map((line) => JSON.parse(line) as ReviewResponse['findings'][number])
    expect(findings.every((f) => f.kind === 'number' || f.kind === 'date')).toBe(true)
    expect(summary.counts.number ?? 0).toBe(findings.filter((f) => f.kind === 'number').length)
    await expect(run('npx', ['tsx', 'server/cli/sixfold.ts', 'check', 'NO-SUCH'], { env })).rejects.toMatchObject({ stderr: expect.stringContaining('no document "NO-SUCH"') })
  })

  it('serves other requests while the review and the mining run (they yield to the event loop)', async () => {
    // a fresh memory state: the caches are cold
    await database.client.execute("INSERT INTO align_groups (document_id, level, ordinal, confidence) SELECT min(id), 'paragraph', 1000000, 0 FROM documents")
    const order: string[] = []
    const slow = Promise.all([
      call('/api/review').then(() => order.push('review')),
      call('/api/terms?limit=5').then(() => order.push('terms')),
    ])
    await new Promise((resolve) => setImmediate(resolve))
    const quick = await call<{ entries: unknown[] }>('/api/glossary?pageSize=1')
    order.push('glossary')
    expect(quick.status).toBe(200)
    await slow
    expect(order[0]).toBe('glossary')
  })

  it('says at once when a term is not written in the language asked', async () => {
    const r = await call<RenderingsResponse>('/api/renderings?q=human%20rights&lang=zh')
    expect(r.status).toBe(200)
    expect(r.body.occurrences).toBe(0)
    expect(r.body.note).toContain('not written in Chinese')
    expect(r.body.note).toContain('lang=en')
  })

  it('takes doc= (as search and export do) and document= for a document', async () => {
    const byDoc = await call<ReviewResponse>('/api/review?doc=sdg&kinds=number')
    const byDocument = await call<ReviewResponse>('/api/review?document=sdg&kinds=number')
    expect(byDoc.status).toBe(200)
    expect(byDoc.body.document).toBe('A/RES/70/1 & A/RES/71/313')
    expect(byDoc.body.units).toBe(byDocument.body.units)
    const terms = await call<TermsResponse>('/api/terms?doc=sdg&limit=3&renderings=0')
    expect(terms.body.document).toBe('A/RES/70/1 & A/RES/71/313')
    const renderings = await call<RenderingsResponse>('/api/renderings?q=%E5%8F%AF%E6%8C%81%E7%BB%AD%E5%8F%91%E5%B1%95&doc=sdg&targets=en')
    expect(renderings.status).toBe(200)
    expect((await call('/api/renderings?q=x&doc=NO-SUCH')).status).toBe(404)
  })

  it('refuses bad glossary uploads with 400 or 413, and stores nothing', async () => {
    const before = await database.client.execute('SELECT count(*) AS n FROM glossary_entries')
    const noBoundary = await call<{ error: string; message: string }>('/api/glossary/import', { method: 'POST', body: 'abc', headers: { 'content-type': 'multipart/form-data' } })
    expect(noBoundary.status).toBe(400)
    expect(noBoundary.body.error).toBe('bad_request')
    const tbx = (doctype: string, term: string) =>
      `<?xml version="1.0"?>${doctype}<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>${term}</term></termSec></langSec></conceptEntry></body></text></tbx>`
    const external = await call<{ error: string; message: string }>('/api/glossary/import?format=tbx', { method: 'POST', body: tbx('<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/hostname">]>', '&x;'), headers: { 'content-type': 'application/xml' } })
    expect(external.status).toBe(400)
    expect(external.body.message).toContain('DOCTYPE')
    const laughs = `<!DOCTYPE tbx [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY g "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`
    const bomb = await call<{ error: string }>('/api/glossary/import?format=tbx', { method: 'POST', body: tbx(laughs, '&g;'), headers: { 'content-type': 'application/xml' } })
    expect(bomb.status).toBe(400)
    const big = await app.request('/api/glossary', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) } })
    expect(big.status).toBe(413)
    const bigUpload = await app.request('/api/glossary/import?format=csv', { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv', 'content-length': String(50 * 1024 * 1024) } })
    expect(bigUpload.status).toBe(413)
    const after = await database.client.execute('SELECT count(*) AS n FROM glossary_entries')
    expect(after.rows[0].n).toBe(before.rows[0].n)
  })

  it('accepts only the keys of real findings; glossary entries are checked strictly', async () => {
    expect((await call('/api/review/accept', json('POST', { key: 'bogus:key' }))).status).toBe(404)
    expect((await call('/api/review/accept', json('POST', { key: 'number:zh-en:999999999:12' }))).status).toBe(404)
    expect((await call('/api/review/accept', json('POST', { key: 'variant:zh-en:没有这个词语:x' }))).status).toBe(404)
    const group = Number((await database.client.execute('SELECT min(group_id) AS g FROM sentences')).rows[0].g)
    const real = await call('/api/review/accept', json('POST', { key: `number:zh-en:${group}:12` }))
    expect(real.status).toBe(200)
    await call(`/api/review/accept?key=${encodeURIComponent(`number:zh-en:${group}:12`)}`, { method: 'DELETE' })
    const unknownGroup = await call<{ message: string }>('/api/glossary', json('POST', { terms: [{ lang: 'en', text: 'Term A' }], refs: [{ groupId: 999999999 }] }))
    expect(unknownGroup.status).toBe(400)
    expect(unknownGroup.body.message).toContain('999999999')
    const duplicate = await call('/api/glossary', json('POST', { terms: [{ lang: 'en', text: 'Term B' }, { lang: 'en', text: 'term b ' }] }))
    expect(duplicate.status).toBe(409)
    const unknownField = await call<{ message: string }>('/api/glossary', json('POST', { terms: [{ lang: 'en', text: 'Term C' }], colour: 'red' }))
    expect(unknownField.status).toBe(400)
    const created = await call<GlossaryEntry>('/api/glossary', json('POST', { terms: [{ lang: 'en', text: 'Term D' }], refs: [{ groupId: group }] }))
    expect(created.status).toBe(201)
    expect(created.body.refs[0].groupId).toBe(group)
    expect((await call(`/api/glossary/${created.body.id}`, json('PATCH', { refs: [{ groupId: 999999999 }] }))).status).toBe(400)
    expect((await call(`/api/glossary/${created.body.id}`, json('PATCH', { colour: 'red' }))).status).toBe(400)
    await call(`/api/glossary/${created.body.id}`, { method: 'DELETE' })
  })

  it('adopts a mined candidate as the web app does: origin "mined" is kept, and PATCH cannot change it', async () => {
    const adopted = await call<GlossaryEntry>(
      '/api/glossary',
      json('POST', { status: 'approved', origin: 'mined', frequency: 12, score: 3.5, terms: [{ lang: 'zh', text: '可持续发展', usage: 'preferred' }, { lang: 'en', text: 'sustainable development', usage: 'preferred' }] }),
    )
    expect(adopted.status).toBe(201)
    expect(adopted.body).toMatchObject({ status: 'approved', origin: 'mined' })
    expect((await call(`/api/glossary/${adopted.body.id}`, json('PATCH', { origin: 'manual' }))).status).toBe(400)
    expect((await call('/api/glossary', json('POST', { origin: 'tbx', terms: [{ lang: 'en', text: 'Term E' }] }))).status).toBe(400)
    await call(`/api/glossary/${adopted.body.id}`, { method: 'DELETE' })
  })
})
