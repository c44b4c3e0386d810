import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Group, Lang, ParsedDocument, VersionsAlignment } from '../../aligner/types.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import { createApp } from './app.ts'
import type {
  AlignmentEditResponse,
  AlignmentResponse,
  ApiError,
  CreateDocumentResponse,
  DocumentDetail,
  DocumentsResponse,
  HealthResponse,
  ImportTmxResponse,
  SearchResponse,
  UploadVersionResponse,
} from './contract.ts'

const FIXTURES = 'test/fixtures/server/corpora'

/** A stand-in aligner for these tests: block i with block i, sentence j of a paragraph with sentence j. */
function alignByPosition(docs: ParsedDocument[]): VersionsAlignment {
  const pivot = docs[0].language
  const paragraphs: Group[] = []
  const sentences: Array<Group & { paragraph: number }> = []
  const offsets = docs.map(() => 0)
  const n = Math.max(...docs.map((d) => d.blocks.length))
  for (let i = 0; i < n; i++) {
    const members: Partial<Record<Lang, number[]>> = {}
    docs.forEach((d) => {
      if (i < d.blocks.length) members[d.language] = [i]
    })
    paragraphs.push({ members, confidence: 0.9, flagged: false })
    const m = Math.max(...docs.map((d) => d.blocks[i]?.sentences.length ?? 0))
    for (let j = 0; j < m; j++) {
      const sm: Partial<Record<Lang, number[]>> = {}
      docs.forEach((d, k) => {
        const count = d.blocks[i]?.sentences.length ?? 0
        if (j < count) sm[d.language] = [offsets[k] + j]
      })
      sentences.push({ members: sm, confidence: 0.8, flagged: false, paragraph: i })
    }
    docs.forEach((d, k) => (offsets[k] += d.blocks[i]?.sentences.length ?? 0))
  }
  return { pivot, languages: docs.map((d) => d.language), paragraphs, sentences, pairs: [] }
}

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

function fixtureFile(path: string, name = path.split('/').pop()!): File {
  return new File([readFileSync(path)], name)
}

describe('HTTP API', () => {
  let dir: string
  let database: Database
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-api-'))
    database = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
    await migrateDatabase(database)
    const progress = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]))
    expect(progress.errors).toEqual([])
    app = createApp({ database, align: alignByPosition, maxUploadBytes: 200_000 })
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = async <T>(path: string) => {
    const res = await app.request(path)
    return { status: res.status, body: (await res.json()) as T }
  }
  const post = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit =
      body instanceof FormData ? { method: 'POST', body, headers } : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }
    const res = await app.request(path, init)
    return { status: res.status, body: (await res.json()) as T }
  }

  it('answers health and lists the imported documents', async () => {
    const health = await get<HealthResponse>('/api/health')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'ok', writeNeedsToken: false, counts: { documents: 1, segments: 360, groups: 60 } })
    const docs = await get<DocumentsResponse>('/api/documents')
    expect(docs.body.documents).toEqual([expect.objectContaining({ slug: 'devset-mini', source: 'parallel', languages: ['zh', 'en', 'fr', 'es', 'ru', 'ar'], segments: 360 })])
  })

  it('finds a Chinese two-character and one-character query with offsets and the five aligned languages', async () => {
    const r = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('发展')}`)
    expect(r.status).toBe(200)
    expect(r.body.languages).toEqual(['zh'])
    expect(r.body.detected?.language).toBe('zh')
    expect(r.body.total).toBeGreaterThan(0)
    for (const hit of r.body.hits) {
      expect(hit.segment.lang).toBe('zh')
      expect(hit.segment.matches.length).toBeGreaterThan(0)
      for (const [s, e] of hit.segment.matches) expect(hit.segment.text.slice(s, e)).toBe('发展')
      expect(Object.keys(hit.aligned).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru'])
      expect(hit.document.slug).toBe('devset-mini')
      expect(hit.paragraphLabel).toMatch(/^2015\//)
    }
    const one = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('国')}&lang=zh`)
    expect(one.body.total).toBeGreaterThan(0)
    expect(one.body.hits[0].segment.text.slice(...one.body.hits[0].segment.matches[0])).toBe('国')
  })

  it('folds case and diacritics, ё, and Arabic forms', async () => {
    const fr = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('SECRETAIRE GENERAL')}&lang=fr`)
    expect(fr.body.total).toBeGreaterThan(0)
    expect(fr.body.hits[0].segment.text.slice(...fr.body.hits[0].segment.matches[0]).toLowerCase()).toBe('secrétaire général')
    const ru = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('Объединённых Наций')}`)
    expect(ru.body.languages).toEqual(['ru'])
    expect(ru.body.total).toBeGreaterThan(0)
    const ar = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('الامم المتحده')}`)
    expect(ar.body.languages).toEqual(['ar'])
    expect(ar.body.total).toBeGreaterThan(0)
    expect(ar.body.hits[0].segment.text.slice(...ar.body.hits[0].segment.matches[0])).toMatch(/^ال[أا]مم المتحدة$/)
  })

  it('searches whatever is typed as text, never failing', async () => {
    for (const q of ['"', '""', 'NEAR(', 'a AND b', '*', 'development*', '(unbalanced', "'; DROP TABLE sentences; --", 'OR', '^', 'x"y', '\\', '%', '_']) {
      for (const mode of ['phrase', 'words']) {
        const r = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&mode=${mode}`)
        expect(r.status, `${q} (${mode})`).toBe(200)
      }
    }
    const nothing = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('NEAR(development')}&lang=en`)
    expect(nothing.body.total).toBe(0)
    expect((await get<HealthResponse>('/api/health')).body.counts?.segments).toBe(360)
  })

  it('matches whole words in Latin, Cyrillic and Arabic text (phrase and words), counting and paging only those', async () => {
    const bounded = (r: SearchResponse) => {
      for (const hit of r.hits) {
        for (const [s, e] of hit.segment.matches) {
          expect(/[\p{L}\p{N}]/u.test(hit.segment.text[s - 1] ?? ' '), `${hit.segment.text} @${s}`).toBe(false)
          expect(/[\p{L}\p{N}]/u.test(hit.segment.text[e] ?? ' '), `${hit.segment.text} @${e}`).toBe(false)
        }
        expect(hit.segment.matches.length).toBeGreaterThan(0)
      }
    }
    const men = await get<SearchResponse>('/api/search?q=men&lang=en')
    expect(men.body.total).toBe(0)
    const women = await get<SearchResponse>('/api/search?q=women&lang=en&pageSize=100')
    expect(women.body.total).toBe(women.body.hits.length)
    expect(women.body.total).toBeGreaterThan(2)
    bounded(women.body)
    for (const q of ['OR', 'or', 'art', 'for']) {
      for (const mode of ['phrase', 'words']) {
        const r = await get<SearchResponse>(`/api/search?q=${q}&mode=${mode}&pageSize=100`)
        expect(r.body.hits.length).toBe(Math.min(100, r.body.total))
        bounded(r.body)
      }
    }
    // Paging walks the same whole-word matches.
    const all = await get<SearchResponse>('/api/search?q=for&lang=en&pageSize=100')
    const p2 = await get<SearchResponse>('/api/search?q=for&lang=en&pageSize=4&page=2')
    expect(p2.body.total).toBe(all.body.total)
    expect(p2.body.hits.map((h) => h.segment.id)).toEqual(all.body.hits.slice(4, 8).map((h) => h.segment.id))
    const ar = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('أمم')}&mode=words`)
    expect(ar.body.total).toBeGreaterThan(0)
    expect(ar.body.hits[0].segment.text.slice(...ar.body.hits[0].segment.matches[0])).toBe('أمم')
    const blank = await get<ApiError>(`/api/search?q=${encodeURIComponent('   ')}`)
    expect(blank.status).toBe(400)
    expect(blank.body.message).toMatch(/q/)
  })

  it('lists aligned rows before unaligned ones, each in document order', async () => {
    // A zh-only document imported first (lower ids), then the same text with English beside it.
    expect((await post('/api/documents', form({ symbol: 'ZH/ONLY', slug: 'order-zh-only', lang: 'zh', file: fixtureFile(`${FIXTURES}/udhr-mini/zh.html`) }))).status).toBe(201)
    expect((await post('/api/documents', form({ symbol: 'ZH/EN', slug: 'order-zh-en', lang: 'zh', file: fixtureFile(`${FIXTURES}/udhr-mini/zh.html`) }))).status).toBe(201)
    expect((await post('/api/documents/order-zh-en/versions', form({ lang: 'en', file: fixtureFile(`${FIXTURES}/udhr-mini/en.html`) }))).status).toBe(200)
    const r = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('人人')}&pageSize=100`)
    const aligned = r.body.hits.map((h) => Object.keys(h.aligned).length > 0)
    expect(aligned).toContain(true)
    expect(aligned).toContain(false)
    expect(aligned).toEqual([...aligned].sort((a, b) => Number(b) - Number(a)))
    expect(r.body.hits.filter((h) => h.document.slug === 'order-zh-only').every((h) => Object.keys(h.aligned).length === 0)).toBe(true)
    const ids = r.body.hits.filter((h, i) => aligned[i]).map((h) => h.segment.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const p2 = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('人人')}&pageSize=3&page=2`)
    expect(p2.body.hits.map((h) => h.segment.id)).toEqual(r.body.hits.slice(3, 6).map((h) => h.segment.id))
    for (const slug of ['order-zh-only', 'order-zh-en']) expect((await app.request(`/api/documents/${slug}`, { method: 'DELETE' })).status).toBe(200)
  })

  it('finds all words in any order in words mode, and pages', async () => {
    const phrase = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('nations united')}&lang=en`)
    expect(phrase.body.total).toBe(0)
    const words = await get<SearchResponse>(`/api/search?q=${encodeURIComponent('nations united')}&lang=en&mode=words`)
    expect(words.body.total).toBeGreaterThan(2)
    const p1 = await get<SearchResponse>(`/api/search?q=the&lang=en&pageSize=5`)
    const p2 = await get<SearchResponse>(`/api/search?q=the&lang=en&pageSize=5&page=2`)
    expect(p1.body.hits).toHaveLength(5)
    expect(p2.body.hits[0].segment.id).not.toBe(p1.body.hits[0].segment.id)
    expect(p1.body.total).toBeGreaterThan(10)
  })

  it('rejects bad search input with a JSON 400 naming the field', async () => {
    const r = await get<ApiError>('/api/search?q=')
    expect(r.status).toBe(400)
    expect(r.body.error).toBe('bad_request')
    expect(r.body.message).toMatch(/q/)
    const bad = await get<ApiError>('/api/search?q=x&lang=de')
    expect(bad.status).toBe(400)
    expect((await get<ApiError>('/api/search?q=x&page=0')).status).toBe(400)
    expect((await get<ApiError>('/api/documents/nope')).status).toBe(404)
    const unknown = await get<ApiError>('/api/nothing-here')
    expect(unknown).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } })
  })

  it('says what is wrong with a request in one plain sentence naming the field, and 405 for a wrong method', async () => {
    const huge = await post<ApiError>('/api/documents/devset-mini/alignment/merge', { level: 'paragraph', groupIds: [1e20, 2] })
    expect(huge.status).toBe(400)
    expect(huge.body.message).toBe('groupIds[0] must be at most 9007199254740991.')
    const level = await post<ApiError>('/api/documents/devset-mini/alignment/merge', { level: 'chapter', groupIds: [1, 2] })
    expect(level.body.message).toBe('level must be one of paragraph, sentence.')
    const missing = await post<ApiError>('/api/documents/devset-mini/alignment/merge', { level: 'paragraph' })
    expect(missing.body.message).toBe('groupIds is required.')
    const page = await get<ApiError>('/api/search?q=x&page=abc')
    expect(page.body.message).toBe('page must be a number.')
    const long = await get<ApiError>(`/api/search?q=${'a'.repeat(600)}`)
    expect(long.body.message).toBe('q: the search text is longer than the limit of 500 characters.')
    for (const m of [huge, level, missing, page, long]) expect(m.body.message).not.toMatch(/expected|Invalid|received/)
    const put = await app.request('/api/documents', { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toMatch(/GET/)
    expect(((await put.json()) as ApiError).error).toBe('method_not_allowed')
    expect((await app.request('/api/documents/devset-mini/alignment', { method: 'PATCH' })).status).toBe(405)
    expect((await app.request('/api/nowhere', { method: 'PUT' })).status).toBe(404)
  })

  it('returns only the contract\'s fields for the alignment\'s document', async () => {
    const a = await get<AlignmentResponse>('/api/documents/devset-mini/alignment?pageSize=1')
    expect(Object.keys(a.body.document).sort()).toEqual(['id', 'slug', 'symbol', 'title'])
  })

  it('exports TMX that re-imports to the same groups, and CSV', async () => {
    const res = await app.request('/api/export?format=tmx&doc=devset-mini')
    expect(res.headers.get('content-type')).toMatch(/x-tmx/)
    const tmx = await res.text()
    expect(tmx).toContain('<tmx version="1.4">')
    expect(tmx.match(/<tu /g)).toHaveLength(60)
    const imported = await post<ImportTmxResponse>('/api/import/tmx', form({ file: new File([tmx], 'roundtrip.tmx') }))
    expect(imported.status).toBe(200)
    expect(imported.body).toMatchObject({ groups: 60, segments: 360, skipped: 0 })
    const a = await get<AlignmentResponse>('/api/documents/devset-mini/alignment?level=sentence&pageSize=200')
    const b = await get<AlignmentResponse>('/api/documents/roundtrip/alignment?level=sentence&pageSize=200')
    const texts = (r: AlignmentResponse) => r.groups.map((g) => Object.fromEntries(Object.entries(g.members).map(([l, ms]) => [l, ms!.map((m) => m.text)])))
    expect(texts(b.body)).toEqual(texts(a.body))
    expect(b.body.groups.map((g) => g.paragraphLabel)).toEqual(a.body.groups.map((g) => g.paragraphLabel))
    // Exported again, the same units come out.
    const again = await (await app.request('/api/export?format=tmx&doc=roundtrip')).text()
    const units = (x: string) => x.replace(/tuid="\d+"/g, '').replace(/creationdate="[^"]+"/, '')
    expect(units(again)).toEqual(units(tmx))

    const bytes = new Uint8Array(await (await app.request('/api/export?format=csv&doc=devset-mini')).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n')
    expect(lines[0]).toBe('document,paragraph,group,zh,en,fr,es,ru,ar')
    expect(lines).toHaveLength(61)
    await app.request('/api/documents/roundtrip', { method: 'DELETE' })
  })

  it('refuses TMX that is not well-formed, with a message', async () => {
    const r = await post<ApiError>('/api/import/tmx', form({ file: new File(['<tmx><body><tu>'], 'bad.tmx') }))
    expect(r.status).toBe(422)
    expect(r.body.message).toMatch(/well-formed/)
  })

  it('creates a document, uploads versions, checks their language and limits their size', async () => {
    const created = await post<CreateDocumentResponse>('/api/documents', form({ symbol: 'A/RES/217(III)', title: 'UDHR', slug: 'udhr-test' }))
    expect(created.status).toBe(201)
    expect(created.body.document).toMatchObject({ slug: 'udhr-test', versions: [], alignment: { state: 'none' } })
    const en = await post<UploadVersionResponse>('/api/documents/udhr-test/versions', form({ lang: 'en', file: fixtureFile(`${FIXTURES}/udhr-mini/en.html`) }))
    expect(en.status).toBe(200)
    expect(en.body.version).toMatchObject({ lang: 'en', fileName: 'en.html', format: 'html', detected: { language: 'en' } })
    expect(en.body.version.blocks).toBeGreaterThan(3)
    const zh = await post<UploadVersionResponse>('/api/documents/udhr-test/versions', form({ lang: 'zh', file: fixtureFile(`${FIXTURES}/udhr-mini/zh.html`) }))
    expect(zh.body.document.alignment).toMatchObject({ state: 'aligned', pivot: 'zh', languages: ['zh', 'en'] })
    const again = await post<UploadVersionResponse>('/api/documents/udhr-test/versions', form({ lang: 'zh', file: fixtureFile(`${FIXTURES}/udhr-mini/zh.html`) }))
    expect(again.body.skipped).toBe(true)

    const wrong = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr', file: fixtureFile(`${FIXTURES}/udhr-mini/ar.html`, 'fr.html') }))
    expect(wrong.status).toBe(422)
    expect(wrong.body.error).toBe('language_mismatch')
    expect(wrong.body.message).toMatch(/fr/)
    expect(wrong.body.message).toMatch(/ar/)

    const big = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr', file: new File([new Uint8Array(300_000).fill(65)], 'fr.txt') }))
    expect(big.status).toBe(413)
    expect(big.body.error).toBe('payload_too_large')
    const notMultipart = await post<ApiError>('/api/documents/udhr-test/versions', { lang: 'fr' })
    expect(notMultipart.status).toBe(415)
    const noFile = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr' }))
    expect(noFile.status).toBe(400)
    const badLang = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'xx', file: fixtureFile(`${FIXTURES}/udhr-mini/fr.html`) }))
    expect(badLang.status).toBe(400)
    const exe = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr', file: new File(['MZ'], 'fr.exe') }))
    expect(exe.status).toBe(422)
    const empty = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr', file: new File([], 'Déclaration-FR.txt') }))
    expect(empty.status).toBe(422)
    expect(empty.body.message).toMatch(/^Déclaration-FR\.txt/)
    expect(empty.body.message).not.toMatch(/fr\.txt/)
    const mismatch = await post<ApiError>('/api/documents/udhr-test/versions', form({ lang: 'fr', file: fixtureFile(`${FIXTURES}/udhr-mini/ar.html`, 'upload-1.html') }))
    expect(mismatch.body.message).toMatch(/upload-1\.html/)
    expect(mismatch.body.message).not.toMatch(/--lang|fr\.html/)
    const detail = await get<DocumentDetail>('/api/documents/udhr-test')
    expect(detail.body.languages).toEqual(['zh', 'en'])
  })

  it('edits the alignment as human groups, and re-alignment after a changed version keeps them', async () => {
    const before = await get<AlignmentResponse>('/api/documents/udhr-test/alignment?level=paragraph&pageSize=200')
    expect(before.body.groups.length).toBeGreaterThan(4)
    const [g1, g2] = before.body.groups.slice(2, 4)
    const merged = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/merge', { level: 'paragraph', groupIds: [g1.id, g2.id] })
    expect(merged.status).toBe(200)
    expect(merged.body.removed).toEqual([g2.id])
    expect(merged.body.groups[0]).toMatchObject({ id: g1.id, origin: 'human', confidence: 1 })
    expect(merged.body.groups[0].members.en).toHaveLength(2)

    const split = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/split', { level: 'paragraph', groupId: g1.id, at: { en: 1, zh: 1 } })
    expect(split.body.groups).toHaveLength(2)
    expect(split.body.groups.every((g) => g.origin === 'human')).toBe(true)
    const merged2 = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/merge', { level: 'paragraph', groupIds: split.body.groups.map((g) => g.id) })
    const kept = merged2.body.groups[0]
    const confirmed = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/confirm', { level: 'paragraph', groupIds: [before.body.groups[0].id], languages: ['zh', 'en'] })
    expect(confirmed.body.groups[0].confirmed).toBe(true)

    // Relink: move the English member of group 5 into its own group, then back.
    const g5 = before.body.groups[5]
    const moved = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/relink', { level: 'paragraph', lang: 'en', memberIds: [g5.members.en![0].id], toGroupId: null })
    expect(moved.status).toBe(200)
    const lonely = moved.body.groups.find((g) => g.id !== g5.id)!
    expect(Object.keys(lonely.members)).toEqual(['en'])
    const back = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/relink', { level: 'paragraph', lang: 'en', memberIds: [g5.members.en![0].id], toGroupId: g5.id })
    expect(back.body.removed).toEqual([lonely.id])

    const conflict = await post<ApiError>('/api/documents/udhr-test/alignment/merge', { level: 'sentence', groupIds: [g1.id, g5.id] })
    expect(conflict.status).toBe(409)
    const missing = await post<ApiError>('/api/documents/udhr-test/alignment/merge', { level: 'paragraph', groupIds: [g1.id, 999999] })
    expect(missing.status).toBe(404)

    // A changed English file (another paragraph edited): the merged group and the confirmed one survive.
    const en = readFileSync(`${FIXTURES}/udhr-mini/en.html`, 'utf8').replace('Everyone has the right to life', 'Every person has the right to life')
    const upload = await post<UploadVersionResponse>('/api/documents/udhr-test/versions', form({ lang: 'en', file: new File([en], 'en.html') }))
    expect(upload.body.skipped).toBe(false)
    const after = await get<AlignmentResponse>('/api/documents/udhr-test/alignment?level=paragraph&pageSize=200')
    const survivor = after.body.groups.find((g) => g.id === kept.id)
    expect(survivor).toBeDefined()
    expect(survivor!.origin).toBe('human')
    expect(survivor!.members.en!.map((m) => m.text)).toEqual(kept.members.en!.map((m) => m.text))
    expect(survivor!.members.zh!.map((m) => m.id)).toEqual(kept.members.zh!.map((m) => m.id))
    expect(after.body.groups.find((g) => g.id === before.body.groups[0].id)?.confirmed).toBe(true)
    // Every block is in exactly one group, and the ordinals run in text order.
    const enIds = after.body.groups.flatMap((g) => g.members.en?.map((m) => m.blockOrdinal) ?? [])
    expect(enIds).toEqual([...enIds].sort((a, b) => a - b))
    expect(new Set(enIds).size).toBe(enIds.length)
    expect(after.body.groups.map((g) => g.ordinal)).toEqual(after.body.groups.map((_, i) => i))

    // Sentence level follows.
    const sentences = await get<AlignmentResponse>('/api/documents/udhr-test/alignment?level=sentence&langs=zh,en&order=confidence')
    expect(sentences.body.groups.length).toBeGreaterThan(0)
    expect(sentences.body.languages).toEqual(['zh', 'en'])
  })

  it('refuses edits that would break document order or paragraph nesting, and keeps both after any sequence of edits', async () => {
    const all = async (level: 'paragraph' | 'sentence') => (await get<AlignmentResponse>(`/api/documents/udhr-test/alignment?level=${level}&pageSize=200`)).body.groups
    const assertInvariants = async () => {
      const paragraphs = await all('paragraph')
      const sentences = await all('sentence')
      for (const l of ['zh', 'en'] as const) {
        const p = paragraphs.flatMap((g) => g.members[l]?.map((m) => m.blockOrdinal) ?? [])
        expect(p, `${l} paragraphs in order`).toEqual([...p].sort((a, b) => a - b))
        const s = sentences.flatMap((g) => g.members[l]?.map((m) => m.blockOrdinal * 1e6 + m.ordinal) ?? [])
        expect(s, `${l} sentences in order`).toEqual([...s].sort((a, b) => a - b))
        const owner = new Map(paragraphs.flatMap((g) => (g.members[l] ?? []).map((m) => [m.blockOrdinal, g.id] as const)))
        for (const g of sentences) for (const m of g.members[l] ?? []) expect(owner.get(m.blockOrdinal), `sentence group ${g.id} inside its paragraph group`).toBe(g.parentId)
      }
    }
    await assertInvariants()
    const p = await all('paragraph')
    const gap = await post<ApiError>('/api/documents/udhr-test/alignment/merge', { level: 'paragraph', groupIds: [p[1].id, p[3].id] })
    expect(gap.status).toBe(409)
    expect(gap.body.message).toMatch(/adjacent/)
    const s = await all('sentence')
    const i = s.findIndex((g, k) => k > 0 && g.parentId !== s[k - 1].parentId)
    const across = await post<ApiError>('/api/documents/udhr-test/alignment/merge', { level: 'sentence', groupIds: [s[i - 1].id, s[i].id] })
    expect(across.status).toBe(409)
    expect(across.body.message).toMatch(/same paragraph group/)
    const far = await post<ApiError>('/api/documents/udhr-test/alignment/relink', { level: 'paragraph', lang: 'en', memberIds: [p[1].members.en![0].id], toGroupId: p[4].id })
    expect(far.status).toBe(409)
    expect(far.body.message).toMatch(/order/)
    const otherParagraph = await post<ApiError>('/api/documents/udhr-test/alignment/relink', { level: 'sentence', lang: 'en', memberIds: [s[i].members.en![0].id], toGroupId: s[i - 1].id })
    expect(otherParagraph.status).toBe(409)
    await assertInvariants()

    // A sequence of allowed edits keeps both invariants.
    const m = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/merge', { level: 'paragraph', groupIds: [p[2].id, p[1].id] })
    expect(m.status).toBe(200)
    await assertInvariants()
    const first = m.body.groups[0]
    const alone = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/relink', { level: 'paragraph', lang: 'en', memberIds: [first.members.en![0].id], toGroupId: null })
    expect(alone.status).toBe(200)
    await assertInvariants()
    const sp = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/split', { level: 'paragraph', groupId: first.id, at: { zh: 1 } })
    expect(sp.status).toBe(200)
    await assertInvariants()
    const s2 = await all('sentence')
    const j = s2.findIndex((g, k) => k > 0 && g.parentId === s2[k - 1].parentId)
    if (j > 0) {
      const sm = await post<AlignmentEditResponse>('/api/documents/udhr-test/alignment/merge', { level: 'sentence', groupIds: [s2[j - 1].id, s2[j].id] })
      expect(sm.status).toBe(200)
      await assertInvariants()
    }
  })

  it('deletes a version and a document', async () => {
    const del = await app.request('/api/documents/udhr-test/versions/en', { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect((await get<DocumentDetail>('/api/documents/udhr-test')).body.languages).toEqual(['zh'])
    expect((await app.request('/api/documents/udhr-test/versions/en', { method: 'DELETE' })).status).toBe(404)
    expect((await app.request('/api/documents/udhr-test', { method: 'DELETE' })).status).toBe(200)
    expect((await get<ApiError>('/api/documents/udhr-test')).status).toBe(404)
    const left = await database.client.execute("SELECT count(*) AS n FROM blocks WHERE version_id NOT IN (SELECT id FROM versions)")
    expect(Number(left.rows[0].n)).toBe(0)
  })

  it('needs the token for every write when one is set, compared as a whole', async () => {
    const guarded = createApp({ database, align: alignByPosition, token: 's3cret-token' })
    expect((await guarded.request('/api/health')).status).toBe(200)
    expect(((await (await guarded.request('/api/health')).json()) as HealthResponse).writeNeedsToken).toBe(true)
    expect((await guarded.request('/api/search?q=the')).status).toBe(200)
    const body = () => form({ symbol: 'X/1' })
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: 'Bearer s3cret-toke' }, { authorization: 's3cret-token' }]) {
      const r = await guarded.request('/api/documents', { method: 'POST', body: body(), headers })
      expect(r.status).toBe(401)
      expect(((await r.json()) as ApiError).error).toBe('unauthorized')
    }
    const ok = await guarded.request('/api/documents', { method: 'POST', body: body(), headers: { authorization: 'Bearer s3cret-token' } })
    expect(ok.status).toBe(201)
    expect((await guarded.request('/api/documents/X-1', { method: 'DELETE' })).status).toBe(401)
    expect((await guarded.request('/api/documents/X-1', { method: 'DELETE', headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200)
  })

  it('answers 503 with the import progress before it is ready', async () => {
    const starting = createApp({
      database,
      status: () => ({ ready: false, progress: { state: 'importing', filesTotal: 6, filesDone: 2, filesImported: 2, filesSkipped: 0, filesFailed: 0, segments: 120, current: 'devset', errors: [] } }),
    })
    const r = await starting.request('/api/health')
    expect(r.status).toBe(503)
    expect(((await r.json()) as HealthResponse).import).toMatchObject({ state: 'importing', filesDone: 2 })
  })
})
