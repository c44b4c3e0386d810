import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParsedDocument, VersionsAlignment } from '../../aligner/types.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from './pipeline.ts'
import { storeVersions } from './store.ts'

const FIXTURES = 'test/fixtures/server/corpora'

/** Everything stored, as one comparable value. */
async function snapshot(database: Database): Promise<unknown> {
  const out: Record<string, unknown> = {}
  for (const table of ['documents', 'versions', 'blocks', 'sentences', 'align_groups', 'align_links']) {
    out[table] = (await database.client.execute(`SELECT * FROM ${table} ORDER BY id`)).rows.map((r) => ({ ...r }))
  }
  out.fts = (await database.client.execute(`SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH '"the"'`)).rows[0].n
  out.seq = (await database.client.execute('SELECT * FROM sqlite_sequence ORDER BY name')).rows.map((r) => ({ ...r }))
  return out
}

const pairUp = (docs: ParsedDocument[]): VersionsAlignment => ({
  pivot: docs[0].language,
  languages: docs.map((d) => d.language),
  paragraphs: docs[0].blocks.map((_, i) => ({ members: Object.fromEntries(docs.map((d) => [d.language, [i]])), confidence: 0.9, flagged: false })),
  sentences: [],
  pairs: [],
})

describe('import store', () => {
  let dir: string
  let database: Database

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-store-'))
    database = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
    await migrateDatabase(database)
    const p = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]))
    expect(p.errors).toEqual([])
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('skips unchanged files by their sha256', async () => {
    const p = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]))
    expect(p).toMatchObject({ filesImported: 0, filesSkipped: 6, segments: 0 })
  })

  it('leaves the database exactly as before when a pre-aligned import throws half-way', async () => {
    const before = await snapshot(database)
    let calls = 0
    const p = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]), {
      force: true,
      hooks: {
        afterChunk: () => {
          if (++calls === 3) throw new Error('simulated crash after the third chunk')
        },
      },
    })
    expect(calls).toBe(3)
    expect(p.filesFailed).toBe(6)
    expect(p.errors[0].message).toMatch(/simulated crash/)
    expect(await snapshot(database)).toEqual(before)
    // And the next import goes through.
    const ok = await runImport(database.client, await planImport([join(FIXTURES, 'devset-mini')]), { force: true })
    expect(ok.errors).toEqual([])
  })

  it('leaves the database exactly as before when document versions fail while aligning or writing', async () => {
    const first = await runImport(database.client, await planImport([join(FIXTURES, 'udhr-mini/en.html'), join(FIXTURES, 'udhr-mini/fr.html')]), { align: pairUp })
    expect(first.errors).toEqual([])
    const before = await snapshot(database)
    const failing = await runImport(database.client, await planImport([join(FIXTURES, 'udhr-mini')]), {
      force: true,
      align: () => {
        throw new Error('aligner exploded')
      },
    })
    expect(failing.errors[0].message).toBe('aligner exploded')
    expect(await snapshot(database)).toEqual(before)
    const writing = await runImport(database.client, await planImport([join(FIXTURES, 'udhr-mini')]), {
      force: true,
      align: pairUp,
      hooks: {
        afterChunk: (n) => {
          if (n > 0) throw new Error('disk full (simulated)')
        },
      },
    })
    expect(writing.errors[0].message).toMatch(/disk full/)
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses parallel files whose line counts differ, naming both', async () => {
    const bad = join(dir, 'bad-parallel')
    const { mkdirSync, writeFileSync } = await import('node:fs')
    mkdirSync(bad)
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ format: 'parallel', files: { en: 'a.en', fr: 'a.fr' } }))
    writeFileSync(join(bad, 'a.en'), 'one\ntwo\n')
    writeFileSync(join(bad, 'a.fr'), 'un\n')
    const p = await runImport(database.client, await planImport([bad]))
    expect(p.errors[0].message).toMatch(/a\.fr has 1 lines but a\.en has 2/)
  })

  it('keeps a human group whose members did not change when a version is replaced', async () => {
    const doc = await database.client.execute("SELECT id FROM documents WHERE slug = 'udhr-mini'")
    const documentId = Number(doc.rows[0].id)
    const groups = await database.client.execute({ sql: "SELECT id FROM align_groups WHERE document_id = ? AND level = 'paragraph' ORDER BY ordinal", args: [documentId] })
    const target = Number(groups.rows[1].id)
    await database.client.execute({ sql: "UPDATE align_groups SET origin = 'human' WHERE id = ?", args: [target] })
    const members = async () =>
      (
        await database.client.execute({
          sql: 'SELECT v.lang, b.text FROM blocks b JOIN versions v ON v.id = b.version_id WHERE b.paragraph_group_id = ? ORDER BY v.lang, b.ordinal',
          args: [target],
        })
      ).rows.map((r) => `${r.lang}:${r.text}`)
    const before = await members()
    expect(before.length).toBe(2)
    const fr = (await database.client.execute({ sql: "SELECT b.kind, b.label, b.text FROM blocks b JOIN versions v ON v.id = b.version_id WHERE v.document_id = ? AND v.lang = 'fr' ORDER BY b.ordinal", args: [documentId] })).rows
    const blocks = fr.map((r, i) => ({ kind: r.kind as 'paragraph', label: r.label as string | null, text: i === 5 ? `${r.text} (modifié)` : String(r.text), sentences: [String(r.text)], footnoteRefs: [] }))
    await storeVersions(
      database.client,
      { slug: 'udhr-mini', symbol: 'x', title: null, replace: [{ lang: 'fr', fileName: 'fr.html', format: 'html', sha256: 'changed', detected: null, blocks }] },
      pairUp,
    )
    expect(await members()).toEqual(before)
    const origin = await database.client.execute({ sql: 'SELECT origin FROM align_groups WHERE id = ?', args: [target] })
    expect(origin.rows[0].origin).toBe('human')
  })
})
