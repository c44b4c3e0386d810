import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { deserialize, serialize } from 'node:v8'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import { decodeSnapshot, encodeSnapshot, snapshotPathOf } from './index-snapshot.ts'
import { memoryIndex } from './memory.ts'
import { buildIndex, discoverRenderings } from './renderings.ts'
import { readDevset } from './units.ts'

describe('index snapshot', () => {
  const units = readDevset('corpora', 300)
  const index = buildIndex(units)

  it('gives back the token store: every token of every unit and language, offsets and key', () => {
    const tokens = decodeSnapshot(encodeSnapshot(index, 'fp-1'), 'fp-1', units)
    expect(tokens).not.toBeNull()
    expect(tokens).toEqual(index.store)
  })

  it('is ignored for another memory state, other groups, changed texts, another tokenizer or a damaged file', () => {
    const buffer = encodeSnapshot(index, 'fp-1')
    expect(decodeSnapshot(buffer, 'fp-2', units)).toBeNull()
    expect(decodeSnapshot(buffer, 'fp-1', units.slice(1))).toBeNull()
    const changed = units.map((u, i) => (i === 7 ? { ...u, texts: { ...u.texts, en: `${u.texts.en} (revised)` } } : u))
    expect(decodeSnapshot(buffer, 'fp-1', changed)).toBeNull()
    expect(decodeSnapshot(Buffer.from('not a snapshot'), 'fp-1', units)).toBeNull()
    // tokens cut by another version of the tokenizer
    const older = deserialize(buffer) as { tokenizer: number }
    expect(decodeSnapshot(serialize({ ...older, tokenizer: older.tokenizer - 1 }), 'fp-1', units)).toBeNull()
    expect(decodeSnapshot(buffer.subarray(0, buffer.length >> 1), 'fp-1', units)).toBeNull()
  })

  describe('beside an embedded database', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sixfold-snapshot-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('is written when the index is built, and a new connection builds the same index from it', async () => {
      const dbPath = join(dir, 'tm.db')
      const first = openDatabase({ url: `file:${dbPath}` })
      await migrateDatabase(first)
      const progress = await runImport(first.client, await planImport(['test/fixtures/server/corpora']))
      expect(progress.errors).toEqual([])
      const built = await memoryIndex(first.client)
      first.close()
      expect(existsSync(snapshotPathOf(dbPath))).toBe(true)
      const second = openDatabase({ url: `file:${dbPath}` })
      const reused = await memoryIndex(second.client)
      expect(reused.store).toEqual(built.store)
      expect([...reused.postings.en.keys()].sort()).toEqual([...built.postings.en.keys()].sort())
      const query = built.units.find((u) => u.texts.zh)?.texts.zh?.slice(0, 4) ?? ''
      expect(discoverRenderings(reused, query, 'zh').renderings).toEqual(discoverRenderings(built, query, 'zh').renderings)
      second.close()
    })

    it('is rebuilt, not trusted, when the file is damaged', async () => {
      const dbPath = join(dir, 'tm.db')
      writeFileSync(snapshotPathOf(dbPath), 'damaged')
      const db = openDatabase({ url: `file:${dbPath}` })
      const index = await memoryIndex(db.client)
      expect(index.units.length).toBeGreaterThan(0)
      expect(index.store).toEqual(buildIndex(index.units).store)
      db.close()
      // and the damaged file is replaced by a good one, which the next connection reads
      expect(readFileSync(snapshotPathOf(dbPath)).length).toBeGreaterThan(1000)
      const next = openDatabase({ url: `file:${dbPath}` })
      expect((await memoryIndex(next.client)).store).toEqual(index.store)
      next.close()
    })
  })
})
