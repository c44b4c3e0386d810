/**
 * Migration 0003 (drizzle/0003_numeric_slugs.sql): slugs stored before slugs could not be all
 * digits get the prefix `slugify` now gives (`7` → `doc-7`), so a number in a URL names one
 * document only, its id.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../import/prepared.ts'
import { openDatabase, type Database } from './client.ts'
import { migrateDatabase } from './migrate.ts'

describe('migration of all-digit slugs', () => {
  let dir: string
  let database: Database

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-slugs-'))
    database = openDatabase({ url: `file:${join(dir, 'old.db')}` })
    await migrateDatabase(database)
  })
  afterAll(() => {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('renames 7 to doc-7 as slugify names it now, leaves a slug whose new form is taken, and touches no other', async () => {
    const { client } = database
    // a database from before the rule: documents with all-digit slugs, the migration not yet run
    for (const [slug, symbol] of [['7', '7'], ['8', 'A/8'], ['doc-8', 'B/8'], ['2024-30', 'E/2024/30'], ['E-2024-30', 'E/2024/30/Rev']]) {
      await client.execute({ sql: "INSERT INTO documents (slug, symbol, source) VALUES (?, ?, 'document')", args: [slug, symbol] })
    }
    await client.execute('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)')
    await migrateDatabase(database)
    const slugs = (await client.execute('SELECT symbol, slug FROM documents ORDER BY id')).rows.map((r) => [String(r.symbol), String(r.slug)])
    expect(slugs).toEqual([
      ['7', 'doc-7'],
      ['A/8', '8'], // doc-8 is taken: this one stays reachable by its id
      ['B/8', 'doc-8'],
      ['E/2024/30', '2024-30'],
      ['E/2024/30/Rev', 'E-2024-30'],
    ])
    expect(slugify('7')).toBe('doc-7') // the same name an import of a folder `7` looks for
    await migrateDatabase(database) // and once applied, it is not run again
    expect((await client.execute("SELECT count(*) AS n FROM documents WHERE slug = 'doc-7'")).rows[0].n).toBe(1)
  })
})
