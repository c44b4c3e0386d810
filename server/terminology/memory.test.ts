import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SixfoldError } from '../../aligner/types.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from '../import/pipeline.ts'
import { DEFAULT_MAX_INDEXED_UNITS, loadUnits, maxIndexedUnits, memoryIndex } from './memory.ts'
import { renderingsFor, review } from './service.ts'

describe('the terminology index of a memory larger than it may hold', { timeout: 120_000 }, () => {
  let dir: string
  let database: Database
  const saved = process.env.SIXFOLD_TERMS_MAX_UNITS

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-memory-'))
    database = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
    await migrateDatabase(database)
    const progress = await runImport(database.client, await planImport(['test/fixtures/server/corpora']))
    expect(progress.errors).toEqual([])
  })
  afterAll(() => {
    if (saved === undefined) delete process.env.SIXFOLD_TERMS_MAX_UNITS
    else process.env.SIXFOLD_TERMS_MAX_UNITS = saved
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads the limit from SIXFOLD_TERMS_MAX_UNITS and refuses a value that is not a count', () => {
    expect(maxIndexedUnits({})).toBe(DEFAULT_MAX_INDEXED_UNITS)
    expect(maxIndexedUnits({ SIXFOLD_TERMS_MAX_UNITS: '5000' })).toBe(5000)
    for (const bad of ['0', '-3', '2.5', 'many']) expect(() => maxIndexedUnits({ SIXFOLD_TERMS_MAX_UNITS: bad })).toThrow(SixfoldError)
  })

  it('builds one index for calls made at the same time', async () => {
    const other = openDatabase({ url: `file:${join(dir, 'tm.db')}` })
    const [a, b, c] = await Promise.all([memoryIndex(other.client), memoryIndex(other.client), memoryIndex(other.client)])
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(await memoryIndex(other.client)).toBe(a)
    other.close()
  })

  it('indexes an even sample, says so in its answers, and still checks a document whole', async () => {
    const all = await loadUnits(database.client)
    delete process.env.SIXFOLD_TERMS_MAX_UNITS
    const whole = await memoryIndex(database.client)
    expect(whole.units.length).toBe(all.length)
    expect(whole.sampledFrom).toBeUndefined()

    const limit = Math.floor(all.length / 3)
    process.env.SIXFOLD_TERMS_MAX_UNITS = String(limit)
    const sampled = await memoryIndex(database.client)
    expect(sampled.sampledFrom).toBeGreaterThanOrEqual(all.length)
    expect(sampled.units.length).toBeLessThanOrEqual(limit)
    expect(sampled.units.length).toBeGreaterThan(limit / 2)
    // evenly over the memory: from its first third to its last
    const ids = sampled.units.map((u) => u.groupId)
    expect(Math.min(...ids)).toBeLessThan(all[Math.floor(all.length / 3)].groupId)
    expect(Math.max(...ids)).toBeGreaterThan(all[Math.floor((2 * all.length) / 3)].groupId)

    const r = await renderingsFor(database.client, { q: '人权', lang: 'zh' })
    expect(r.sample).toEqual({ units: sampled.units.length, of: sampled.sampledFrom })
    const symbol = all[0].documentSymbol
    const report = await review(database.client, { document: symbol })
    expect(report.units).toBe(all.filter((u) => u.documentSymbol === symbol).length)
    expect(report.sample).toEqual({ units: sampled.units.length, of: sampled.sampledFrom })
  })

  it('says why a document with one language version has nothing to check and no renderings', async () => {
    delete process.env.SIXFOLD_TERMS_MAX_UNITS
    const single = join(dir, 'single', 'report')
    mkdirSync(single, { recursive: true })
    writeFileSync(join(single, 'zh.txt'), '1. 委员会审议了人权问题。\n2. 委员会通过了决议。\n')
    writeFileSync(join(single, 'manifest.json'), JSON.stringify({ symbol: 'TEST/1' }))
    const progress = await runImport(database.client, await planImport([join(dir, 'single')]))
    expect(progress.errors).toEqual([])
    const report = await review(database.client, { document: 'TEST/1' })
    expect(report.units).toBe(0)
    expect(report.note).toBe('TEST/1 has no aligned segments yet (it needs at least two language versions): add a language version to check it')
    const r = await renderingsFor(database.client, { q: '人权', lang: 'zh', document: 'TEST/1' })
    expect(r.occurrences).toBe(0)
    expect(r.note).toBe('TEST/1 has no aligned segments yet (it needs at least two language versions): add a language version to align it, or search the whole memory')
  })
})
