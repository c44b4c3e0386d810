/** The import and export commands as a user runs them: their messages and exit codes. */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { createEntry } from '../../terminology/glossary.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sixfold-cli-'))
const DATABASE_URL = `file:${join(dir, 'tm.db')}`
const sixfold = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'cli', 'sixfold.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL } })

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sixfold import and export', () => {
  it('prints usage on stderr and exits 2 with no command', () => {
    const r = sixfold()
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/usage:/)
    expect(r.stdout).toBe('')
  })

  it('names each file it passes over, and why', () => {
    const corpora = join(dir, 'corpora')
    mkdirSync(join(corpora, 'doc'), { recursive: true })
    writeFileSync(join(corpora, 'doc', 'en.txt'), 'Everyone has the right to life, liberty and security of person.\n')
    writeFileSync(join(corpora, 'doc', 'de.txt'), 'Jeder hat das Recht auf Leben.\n')
    writeFileSync(join(corpora, 'doc', 'en.rtf'), '{\\rtf1 hello}\n')
    writeFileSync(join(corpora, 'doc', 'manifest.json'), '{}\n')
    // provenance and notes beside the versions are passed over without a word
    writeFileSync(join(corpora, 'doc', 'SOURCE.txt'), 'What: a test document\n')
    writeFileSync(join(corpora, 'doc', 'README.md'), '# doc\n')
    const r = sixfold('import', '--quiet', corpora)
    expect(r.status, r.stderr).toBe(0)
    const skipped = r.stderr.split('\n').filter((l) => l.includes('skipped'))
    expect(skipped).toHaveLength(2)
    expect(skipped[0]).toMatch(/^sixfold: import: skipped .*de\.txt: "de" is not one of the six languages/)
    expect(skipped[1]).toMatch(/^sixfold: import: skipped .*en\.rtf: \.rtf files are not read/)
  })

  it('reports a broken TMX file in one clear line and exits 1', () => {
    const bad = join(dir, 'broken.tmx')
    writeFileSync(bad, '<tmx><body><tu>')
    const r = sixfold('import', '--quiet', bad)
    expect(r.status).toBe(1)
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('sixfold:'))
    expect(errors).toHaveLength(1)
    expect(errors[0].match(/broken\.tmx/g)).toHaveLength(1)
    expect(errors[0]).toMatch(/not well-formed XML \(line 1: the file ends with <tmx>, <body>, <tu> still open\)$/)
  })

  it('exports the glossary as TBX, and refuses bad options with exit 2', async () => {
    const database = openDatabase({ url: DATABASE_URL })
    await migrateDatabase(database)
    await createEntry(database.client, { status: 'approved', terms: [{ lang: 'zh', text: '可持续发展', usage: 'preferred' }, { lang: 'en', text: 'sustainable development', usage: 'preferred' }] })
    await createEntry(database.client, { status: 'candidate', terms: [{ lang: 'zh', text: '安全理事会', usage: 'preferred' }, { lang: 'en', text: 'Security Council', usage: 'preferred' }] })
    database.close()
    const all = sixfold('export', '--format', 'tbx')
    expect(all.status, all.stderr).toBe(0)
    expect(all.stdout).toMatch(/<tbx/)
    expect(all.stdout).toContain('sustainable development')
    expect(all.stdout).toContain('Security Council')
    const approved = sixfold('export', '--format', 'tbx', '--status', 'approved')
    expect(approved.stdout).toContain('sustainable development')
    expect(approved.stdout).not.toContain('Security Council')
    for (const args of [['--format', 'xml'], ['--format', 'tbx', '--status', 'maybe'], ['--format', 'tmx', '--status', 'approved'], ['--format', 'tbx', 'some-doc']]) {
      const r = sixfold('export', ...args)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^sixfold: export: /)
    }
    const missing = sixfold('export', 'no-such-doc', '--format', 'tmx')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/^sixfold: export: no document "no-such-doc"/)
  })

  it('imports a glossary file with sixfold glossary import, and twice without doubling it; import points a .tbx there', () => {
    const tbx = join(dir, 'goals.tbx')
    writeFileSync(tbx, readFileSync(join(ROOT, 'test', 'fixtures', 'terminology', 'sdg-goals.tbx')))
    const first = sixfold('glossary', 'import', tbx)
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toBe(`imported 17 entries from ${tbx}: 17 new, 0 already in the glossary and updated\n`)
    const again = sixfold('glossary', 'import', tbx)
    expect(again.stdout).toBe(`imported 17 entries from ${tbx}: 0 new, 17 already in the glossary and updated\n`)
    const wrong = sixfold('import', tbx)
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toContain(`a .tbx file is a glossary, not aligned text: import it with npm run --silent sixfold -- glossary import ${tbx}`)
    const bad = sixfold('glossary', 'import', join(dir, 'notes.txt'))
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/a glossary file is \.tbx .* or \.csv, not "\.txt"/)
  })

  const folder = join(dir, 'odd')
  it('import says in one line why a file cannot be read (a folder, a missing file)', () => {
    mkdirSync(join(folder, 'doc', 'en.txt'), { recursive: true })
    const asFolder = sixfold('import', '--quiet', join(folder, 'doc'))
    expect(asFolder.status).toBe(1)
    expect(asFolder.stderr).toContain(`sixfold: import: ${join(folder, 'doc')}: cannot read ${join(folder, 'doc', 'en.txt')}: it is a folder, not a file\n`)
    mkdirSync(join(folder, 'par'))
    writeFileSync(join(folder, 'par', 'manifest.json'), JSON.stringify({ format: 'parallel', files: { en: 'en.txt', fr: 'fr.txt' } }))
    writeFileSync(join(folder, 'par', 'en.txt'), 'Economic and Social Council\n')
    const missing = sixfold('import', '--quiet', join(folder, 'par'))
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(`cannot read ${join(folder, 'par', 'fr.txt')}: no such file or folder\n`)
    for (const text of [asFolder.stderr, missing.stderr]) expect(text).not.toMatch(/EISDIR|ENOENT/)
  }, 180_000)

  it('glossary import says in one line why a file cannot be read', () => {
    mkdirSync(join(folder, 'terms.csv'), { recursive: true })
    const glossaryFolder = sixfold('glossary', 'import', join(folder, 'terms.csv'))
    expect(glossaryFolder.status).toBe(1)
    expect(glossaryFolder.stderr).toBe(`sixfold: ${join(folder, 'terms.csv')} is a folder, not a file: give a glossary file\n`)
    const glossaryMissing = sixfold('glossary', 'import', join(folder, 'none.tbx'))
    expect(glossaryMissing.stderr).toBe(`sixfold: cannot read ${join(folder, 'none.tbx')}: no such file or folder\n`)
  }, 180_000)

  it('export --out says in one line why it cannot write, and export says on stderr what it wrote', () => {
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'a-file.txt'), 'text\n')
    const cases: Array<[string, string]> = [
      [folder, 'it is a folder: give a file name (e.g. --out memory.tmx)'],
      [join(folder, 'none', 'tm.tmx'), `its folder ${join(folder, 'none')} does not exist (no such file or folder)`],
      [join(folder, 'a-file.txt', 'tm.tmx'), `${join(folder, 'a-file.txt')} is a file, not a folder`],
    ]
    for (const [out, why] of cases) {
      const r = sixfold('export', '--format', 'tmx', '--out', out)
      expect(r.status, out).toBe(1)
      expect(r.stderr).toBe(`sixfold: export: cannot write ${out}: ${why}\n`)
    }
    // success is said on stderr, so that stdout still carries the export itself
    const piped = sixfold('export', '--format', 'tbx')
    expect(piped.status).toBe(0)
    expect(piped.stdout).toMatch(/^<\?xml/)
    expect(piped.stderr).toMatch(/^sixfold: export: wrote \d+ glossary entries as TBX \(\d+\.\d kB\) to standard output\n$/)
    const file = join(folder, 'glossary.tbx')
    writeFileSync(file, 'an older export\n')
    const written = sixfold('export', '--format', 'tbx', '--out', file)
    expect(written.status).toBe(0)
    expect(written.stdout).toBe('')
    expect(written.stderr).toMatch(new RegExp(`^sixfold: export: wrote \\d+ glossary entries as TBX \\(\\d+\\.\\d kB\\) to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`))
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout)
  }, 180_000)
})
