import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from './client.ts'
import { migrateDatabase } from './migrate.ts'
import * as t from './schema.ts'

describe('database schema', () => {
  let dir: string
  let database: Database

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-schema-'))
    database = openDatabase({ url: `file:${join(dir, 'test.db')}` })
    await migrateDatabase(database)
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('migrates a fresh file database, then writes and reads every table', async () => {
    const { db } = database
    const [doc] = await db.insert(t.documents).values({ slug: 'E-2024-30', symbol: 'E/2024/30', title: 'Report' }).returning()
    const [zh] = await db
      .insert(t.versions)
      .values({ documentId: doc.id, lang: 'zh', fileName: 'zh.txt', format: 'pdf-text', sha256: 'ab'.repeat(32), detectedLang: 'zh', detectedConfidence: 1 })
      .returning()
    const [en] = await db
      .insert(t.versions)
      .values({ documentId: doc.id, lang: 'en', fileName: 'en.txt', format: 'pdf-text', sha256: 'cd'.repeat(32) })
      .returning()
    const [pg] = await db.insert(t.alignGroups).values({ documentId: doc.id, level: 'paragraph', ordinal: 0, confidence: 0.9 }).returning()
    const [sg] = await db
      .insert(t.alignGroups)
      .values({ documentId: doc.id, level: 'sentence', ordinal: 0, parentId: pg.id, confidence: 0.8, flagged: true })
      .returning()
    const [zb] = await db
      .insert(t.blocks)
      .values({ versionId: zh.id, ordinal: 0, kind: 'paragraph', label: '1', text: '委员会举行了会议。', footnoteRefs: [32], paragraphGroupId: pg.id })
      .returning()
    const [eb] = await db
      .insert(t.blocks)
      .values({ versionId: en.id, ordinal: 0, kind: 'paragraph', label: '1', text: 'The Commission met.', paragraphGroupId: pg.id })
      .returning()
    const [zs] = await db
      .insert(t.sentences)
      .values({ blockId: zb.id, versionId: zh.id, lang: 'zh', ordinal: 0, text: '委员会举行了会议。', norm: '委员会举行了会议。', groupId: sg.id })
      .returning()
    const [es] = await db
      .insert(t.sentences)
      .values({ blockId: eb.id, versionId: en.id, lang: 'en', ordinal: 0, text: 'The Commission met.', norm: 'the commission met.', groupId: sg.id })
      .returning()
    await db.insert(t.alignLinks).values({ documentId: doc.id, level: 'sentence', srcLang: 'zh', tgtLang: 'en', srcIds: [zs.id], tgtIds: [es.id], shape: '1-1', confidence: 0.8 })
    const [entry] = await db.insert(t.glossaryEntries).values({ status: 'approved', note: 'UN body' }).returning()
    await db.insert(t.glossaryTerms).values([
      { entryId: entry.id, lang: 'zh', text: '委员会' },
      { entryId: entry.id, lang: 'en', text: 'Commission' },
    ])
    await db.insert(t.glossaryRefs).values({ entryId: entry.id, groupId: sg.id, documentSymbol: 'E/2024/30', paragraphLabel: '1' })
    await db.insert(t.reviewAcceptances).values({ findingKey: 'number:1:2024' })

    expect((await db.select().from(t.blocks).where(eq(t.blocks.id, zb.id)))[0].footnoteRefs).toEqual([32])
    expect(await db.select({ text: t.sentences.text }).from(t.sentences).where(eq(t.sentences.groupId, sg.id))).toHaveLength(2)
    expect((await db.select().from(t.alignLinks))[0]).toMatchObject({ shape: '1-1', srcIds: [zs.id], tgtIds: [es.id], origin: 'auto' })
    expect((await db.select().from(t.alignGroups).where(eq(t.alignGroups.id, sg.id)))[0]).toMatchObject({ flagged: true, parentId: pg.id })
    expect(await db.select().from(t.glossaryTerms)).toHaveLength(2)
    expect(await db.select().from(t.glossaryRefs)).toHaveLength(1)
    expect(await db.select().from(t.reviewAcceptances)).toHaveLength(1)

    // The trigram full-text index follows the sentences table through its triggers.
    const hits = await db.all<{ id: number }>(sql`SELECT rowid AS id FROM sentences_fts WHERE sentences_fts MATCH '"举行了"'`)
    expect(hits.map((h) => h.id)).toEqual([zs.id])
    await db.delete(t.documents).where(eq(t.documents.id, doc.id))
    expect(await db.select().from(t.sentences)).toHaveLength(0)
    expect(await db.all(sql`SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH '"commission"'`)).toHaveLength(0)
  })

  it('running the migrations twice changes nothing', async () => {
    await migrateDatabase(database)
    const tables = await database.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    expect(tables.map((r) => r.name)).toContain('sentences_fts')
  })
})
