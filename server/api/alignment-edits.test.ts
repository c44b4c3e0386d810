/**
 * Alignment edits keep all six languages consistent, on the UDHR as imported from corpora/udhr:
 * an edit made with two languages shown is checked in all six.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lang } from '../../aligner/types.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import { review } from '../terminology/service.ts'
import { createApp } from './app.ts'
import type { AlignmentEditResponse, AlignmentGroup, AlignmentResponse, ApiError } from './contract.ts'

const LANGS: Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']
const HIDDEN: Lang[] = ['fr', 'es', 'ru', 'ar']

let dir: string
let database: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sixfold-edits-'))
  database = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
  await migrateDatabase(database)
  const progress = await runImport(database.client, await planImport(['corpora/udhr']))
  expect(progress.errors).toEqual([])
  app = createApp({ database })
}, 120_000)
afterAll(() => {
  database.close()
  rmSync(dir, { recursive: true, force: true })
})

async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await app.request(`/api/documents/udhr/alignment/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
  return { status: res.status, body: (await res.json()) as T }
}
async function paragraphs(): Promise<AlignmentGroup[]> {
  const res = await app.request('/api/documents/udhr/alignment?level=paragraph&pageSize=200')
  return ((await res.json()) as AlignmentResponse).groups
}
async function sentencesOf(paragraph: number): Promise<AlignmentGroup[]> {
  const out: AlignmentGroup[] = []
  for (let page = 1; ; page++) {
    const res = (await (await app.request(`/api/documents/udhr/alignment?level=sentence&pageSize=200&page=${page}`)).json()) as AlignmentResponse
    out.push(...res.groups.filter((g) => g.parentId === paragraph))
    if (page * 200 >= res.total) return out
  }
}
const texts = (g: AlignmentGroup, l: Lang) => (g.members[l] ?? []).map((m) => m.text)
const starting = (list: AlignmentGroup[], zh: string) => {
  const g = list.find((x) => x.members.zh?.some((m) => m.text.startsWith(zh)))
  if (!g) throw new Error(`no bead with ${zh}`)
  return g
}
async function snapshot(): Promise<string> {
  const r = await database.client.execute('SELECT id, paragraph_group_id FROM blocks ORDER BY id')
  const s = await database.client.execute('SELECT id, group_id FROM sentences ORDER BY id')
  const g = await database.client.execute('SELECT id, ordinal, parent_id, origin, confirmed, confidence FROM align_groups ORDER BY id')
  return JSON.stringify([r.rows, s.rows, g.rows])
}

describe('alignment edits made with two languages shown, checked in all six', () => {
  it('a split shown before it is stored (a preview) stores nothing', async () => {
    const bead = starting(await paragraphs(), '鉴于有必要促进各国间友好关系')
    const before = await snapshot()
    const preview = await post<AlignmentEditResponse>('split', { level: 'paragraph', groupId: bead.id, at: { zh: 1, en: 1 }, preview: true })
    expect(preview.status).toBe(200)
    expect(preview.body.preview).toBe(true)
    expect(preview.body.groups).toHaveLength(2)
    expect(preview.body.realigned.sort()).toEqual([...HIDDEN].sort())
    expect(await snapshot()).toBe(before)
  })

  it('a split in the Chinese + English view splits French, Spanish, Russian and Arabic where they belong', async () => {
    const bead = starting(await paragraphs(), '鉴于有必要促进各国间友好关系')
    for (const l of ['zh', 'en', 'fr', 'es', 'ru'] as Lang[]) expect(texts(bead, l), l).toHaveLength(2)
    const split = await post<AlignmentEditResponse>('split', { level: 'paragraph', groupId: bead.id, at: { zh: 1, en: 1 } })
    expect(split.status, JSON.stringify(split.body)).toBe(200)
    expect(split.body.preview).toBe(false)
    const list = await paragraphs()
    const first = list.find((g) => g.id === bead.id)!
    const second = list[list.indexOf(first) + 1]
    expect(texts(first, 'zh')).toEqual([bead.members.zh![0].text])
    expect(texts(second, 'zh')).toEqual([bead.members.zh![1].text])
    // friendly relations between nations / the peoples of the United Nations
    expect(texts(first, 'fr')).toEqual([expect.stringMatching(/relations amicales/)])
    expect(texts(second, 'fr')).toEqual([expect.stringMatching(/peuples des Nations Unies/)])
    expect(texts(first, 'es')).toEqual([expect.stringMatching(/relaciones amistosas/)])
    expect(texts(second, 'es')).toEqual([expect.stringMatching(/pueblos de las Naciones Unidas/)])
    expect(texts(first, 'ru')).toEqual([expect.stringMatching(/дружественных отношений/)])
    expect(texts(second, 'ru')).toEqual([expect.stringMatching(/народы Объединенных Наций/)])
    // every language's paragraphs are still all there, once each
    for (const l of LANGS) expect([...texts(first, l), ...texts(second, l)].sort(), l).toEqual(texts(bead, l).sort())
    // the sentences inside both beads follow their paragraphs
    for (const g of [first, second]) {
      for (const s of await sentencesOf(g.id)) for (const l of LANGS) for (const m of s.members[l] ?? []) expect(texts(g, l).join(' ')).toContain(m.text)
    }
  })

  it('moving Chinese paragraphs with English shown realigns the languages not shown', async () => {
    const list = await paragraphs()
    const a = starting(list, '鉴于各会员国业已誓愿')
    const b = list[list.indexOf(a) + 1]
    // the pivot paragraph of bead a goes to the next bead: its French, Spanish, Russian and Arabic follow it, English (shown) stays
    const moved = await post<AlignmentEditResponse>('relink', { level: 'paragraph', lang: 'zh', memberIds: a.members.zh!.map((m) => m.id), toGroupId: b.id, shown: ['zh', 'en'] })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.realigned.sort()).toEqual([...HIDDEN].sort())
    const after = await paragraphs()
    const target = after.find((g) => g.id === b.id)!
    expect(texts(target, 'zh')).toEqual([...texts(a, 'zh'), ...texts(b, 'zh')])
    for (const l of HIDDEN) for (const t of texts(a, l)) expect(texts(target, l), l).toContain(t)
    const source = after.find((g) => g.id === a.id)
    expect(source && texts(source, 'en')).toEqual(texts(a, 'en'))
    expect(source && HIDDEN.flatMap((l) => texts(source, l))).toEqual([])
  })

  it('confirm covers only what was shown: refused, naming the languages not seen; with all six it says it covers them', async () => {
    const bead = starting(await paragraphs(), '鉴于对这些权利和自由的普遍了解')
    for (const l of HIDDEN) expect(texts(bead, l).length, l).toBeGreaterThan(0)
    const refused = await post<ApiError>('confirm', { level: 'paragraph', groupIds: [bead.id], languages: ['zh', 'en'] })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/also has French, Spanish, Russian and Arabic text that was not shown/)
    expect((await paragraphs()).find((g) => g.id === bead.id)!.confirmed).toBe(false)
    const confirmed = await post<AlignmentEditResponse>('confirm', { level: 'paragraph', groupIds: [bead.id], languages: LANGS })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.languages).toEqual(LANGS)
    expect(confirmed.body.groups[0].confirmed).toBe(true)
  })

  it('a merge realigns the sentences inside: no English sentence is left without its Chinese', async () => {
    const list = await paragraphs()
    const proclaims = starting(list, '因此现在')
    // "Now, therefore," and "The General Assembly," stand in beads of their own before "Proclaims…"
    const at = list.indexOf(proclaims)
    const run = list.slice(0, at + 1).reverse()
    const start = run.findIndex((g, k) => k > 0 && (g.members.zh?.length ?? 0) > 0)
    const ids = run.slice(0, start).reverse().map((g) => g.id)
    expect(ids.length).toBeGreaterThan(1)
    const lonely = async (g: number) => (await sentencesOf(g)).filter((s) => (s.members.en?.length ?? 0) > 0 && !s.members.zh)
    // what `sixfold check udhr` reports: "no zh text is aligned with this en segment" for "Now, therefore,"
    const unaligned = async () =>
      (await review(database.client, { document: 'udhr', kinds: ['empty'], sourceLang: 'en', targets: ['zh'] })).findings.filter((f) => f.segments.some((x) => /^Now, therefore/.test(x.text)))
    expect((await unaligned()).map((f) => f.message)).toEqual(['no zh text is aligned with this en segment'])
    const merged = await post<AlignmentEditResponse>('merge', { level: 'paragraph', groupIds: ids })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    const keep = merged.body.groups[0]
    expect(texts(keep, 'en').join(' ')).toMatch(/^Now, therefore,? The General Assembly,? Proclaims/)
    expect(await lonely(keep.id)).toEqual([])
    expect(await unaligned()).toEqual([])
    expect(merged.body.sentences.length).toBeGreaterThan(0)
    expect(merged.body.sentences.every((s) => s.parentId === keep.id)).toBe(true)
  })

  it('keeps the sentence edits a person made when a paragraph edit realigns the sentences around them', async () => {
    const list = await paragraphs()
    const bead = starting(list, '人人有资格享有本宣言所载的一切权利和自由')
    const next = list[list.indexOf(bead) + 1]
    const sentences = await sentencesOf(bead.id)
    // a person's sentence edit: the first sentence group gets confirmed and split off its English
    const s0 = sentences[0]
    const own = await post<AlignmentEditResponse>('relink', { level: 'sentence', lang: 'en', memberIds: s0.members.en!.map((m) => m.id), toGroupId: null })
    expect(own.status, JSON.stringify(own.body)).toBe(200)
    const human = own.body.groups.map((g) => g.id)
    // and a sentence bead of the next paragraph bead confirmed as it was
    const last = (await sentencesOf(next.id)).at(-1)!
    expect((await post<AlignmentEditResponse>('confirm', { level: 'sentence', groupIds: [last.id], languages: LANGS })).status).toBe(200)
    const merged = await post<AlignmentEditResponse>('merge', { level: 'paragraph', groupIds: [bead.id, next.id] })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    const after = await sentencesOf(merged.body.groups[0].id)
    const confirmed = after.find((g) => g.id === last.id)
    expect(confirmed?.confirmed).toBe(true)
    expect(confirmed?.members).toEqual(last.members)
    for (const id of human) {
      const was = own.body.groups.find((g) => g.id === id)!
      const now = after.find((g) => g.id === id)
      expect(now, `sentence group ${id} kept`).toBeDefined()
      expect(now!.members).toEqual(was.members)
      expect(now!.origin).toBe('human')
    }
  })

  it('a sentence split in the Chinese + English view realigns the sentences of the other languages', async () => {
    const all: AlignmentGroup[] = []
    for (let page = 1; ; page++) {
      const res = (await (await app.request(`/api/documents/udhr/alignment?level=sentence&pageSize=200&page=${page}`)).json()) as AlignmentResponse
      all.push(...res.groups)
      if (page * 200 >= res.total) break
    }
    const bead = all.find((g) => LANGS.every((l) => (g.members[l]?.length ?? 0) === 2))
    expect(bead, 'a sentence bead with two sentences in every language').toBeDefined()
    const split = await post<AlignmentEditResponse>('split', { level: 'sentence', groupId: bead!.id, at: { zh: 1, en: 1 } })
    expect(split.status, JSON.stringify(split.body)).toBe(200)
    expect(split.body.realigned).toEqual(HIDDEN)
    const [first, second] = split.body.groups
    for (const l of LANGS) {
      expect(texts(first, l), l).toEqual([texts(bead!, l)[0]])
      expect(texts(second, l), l).toEqual([texts(bead!, l)[1]])
    }
  })

  it('the edits survive a re-import of every language', async () => {
    const before = await paragraphs()
    const progress = await runImport(database.client, await planImport(['corpora/udhr']), { force: true })
    expect(progress.errors).toEqual([])
    const after = await paragraphs()
    const edited = before.filter((g) => g.origin === 'human')
    expect(edited.length).toBeGreaterThan(3)
    const key = (g: AlignmentGroup) => LANGS.map((l) => texts(g, l).join('|')).join('¦')
    const afterKeys = new Set(after.map(key))
    for (const g of edited) expect(afterKeys.has(key(g)), key(g).slice(0, 80)).toBe(true)
  })
})
