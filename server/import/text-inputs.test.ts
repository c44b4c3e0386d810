/**
 * Every text a user gives Sixfold is decoded by one function (aligner/parse/decode.ts): a Latin-1
 * glossary, TMX, parallel file, YAML file or manifest is refused in words, on every path (HTTP, the
 * command line, the start-up import), instead of being stored with U+FFFD in place of its accents;
 * UTF-16 with a byte-order mark is read, and an XML file that declares its encoding is read as declared.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../api/app.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import { planImport, runImport } from './pipeline.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sixfold-text-inputs-'))
const DATABASE_URL = `file:${join(dir, 'tm.db')}`
let database: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  database = openDatabase({ url: DATABASE_URL })
  await migrateDatabase(database)
  app = createApp({ database })
})
afterAll(() => {
  database.close()
  rmSync(dir, { recursive: true, force: true })
})

const latin1 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'latin1'))
const utf16 = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
const CSV = 'status,fr,en\napproved,Sécurité alimentaire,food security\n'
const tbx = (declaration: string) =>
  `${declaration}<tbx type="TBX-Basic" xml:lang="fr"><text><body><conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>Développement durable</term></termSec></langSec><langSec xml:lang="en"><termSec><term>sustainable development</term></termSec></langSec></conceptEntry></body></text></tbx>\n`
const tmx = (declaration: string) =>
  `${declaration}<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>Economic and Social Council</seg></tuv><tuv xml:lang="fr"><seg>Conseil économique et social</seg></tuv></tu></body></tmx>\n`

async function termTexts(): Promise<string[]> {
  const r = await database.client.execute('SELECT text FROM glossary_terms ORDER BY id')
  return r.rows.map((row) => String(row.text))
}
async function segmentTexts(): Promise<string[]> {
  const r = await database.client.execute('SELECT text FROM sentences ORDER BY id')
  return r.rows.map((row) => String(row.text))
}
const noReplacement = (texts: string[]) => expect(texts.filter((t) => t.includes('\uFFFD'))).toEqual([])

const sixfold = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server/cli/sixfold.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL } })

describe('POST /api/glossary/import', () => {
  it('refuses a Latin-1 CSV or TBX in words (body or form upload), and stores nothing', async () => {
    const before = await termTexts()
    const bodies: Array<[string, BodyInit, Record<string, string>]> = [
      ['csv', latin1(CSV), { 'content-type': 'text/csv' }],
      ['tbx', latin1(tbx('')), { 'content-type': 'application/xml' }],
    ]
    for (const [format, body, headers] of bodies) {
      const res = await app.request(`/api/glossary/import?format=${format}`, { method: 'POST', body, headers })
      expect(res.status, format).toBe(400)
      const json = (await res.json()) as { error: string; message: string }
      expect(json.message).toBe('the glossary file is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)')
    }
    const form = new FormData()
    form.append('file', new File([latin1(CSV)], 'glossaire.csv', { type: 'text/csv' }))
    const upload = await app.request('/api/glossary/import', { method: 'POST', body: form })
    expect(upload.status).toBe(400)
    expect(((await upload.json()) as { message: string }).message).toBe('the glossary file glossaire.csv is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)')
    const binary = await app.request('/api/glossary/import?format=csv', { method: 'POST', body: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 0xff]), headers: { 'content-type': 'text/csv' } })
    expect(((await binary.json()) as { message: string }).message).toBe('the glossary file looks like a binary file, not text: give a TBX or CSV glossary file')
    expect(await termTexts()).toEqual(before)
  })

  it('reads UTF-16 with a byte-order mark, and a TBX that declares ISO-8859-1, with their accents', async () => {
    const a = await app.request('/api/glossary/import?format=csv', { method: 'POST', body: utf16(CSV), headers: { 'content-type': 'text/csv' } })
    expect(a.status).toBe(200)
    const b = await app.request('/api/glossary/import?format=tbx', { method: 'POST', body: latin1(tbx('<?xml version="1.0" encoding="ISO-8859-1"?>\n')), headers: { 'content-type': 'application/xml' } })
    expect(b.status).toBe(200)
    const terms = await termTexts()
    expect(terms).toContain('Sécurité alimentaire')
    expect(terms).toContain('Développement durable')
    noReplacement(terms)
  })
})

describe('POST /api/import/tmx', () => {
  it('refuses a Latin-1 TMX without an encoding declaration, and reads one that declares it', async () => {
    const send = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const form = new FormData()
      form.append('file', new File([bytes], name))
      return app.request('/api/import/tmx', { method: 'POST', body: form })
    }
    const bad = await send(latin1(tmx('')), 'ecosoc.tmx')
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { message: string }).message).toBe('ecosoc.tmx is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)')
    const good = await send(latin1(tmx('<?xml version="1.0" encoding="ISO-8859-1"?>\n')), 'ecosoc-declared.tmx')
    expect(good.status).toBe(200)
    const segments = await segmentTexts()
    expect(segments).toContain('Conseil économique et social')
    noReplacement(segments)
  })
})

describe('the import pipeline (npm start, sixfold import)', () => {
  it('refuses a Latin-1 TMX, parallel file, YAML file or manifest in words, naming the file', async () => {
    const corpora = join(dir, 'corpora')
    mkdirSync(join(corpora, 'parallel'), { recursive: true })
    writeFileSync(join(corpora, 'parallel', 'manifest.json'), JSON.stringify({ format: 'parallel', files: { en: 'en.txt', fr: 'fr.txt' } }))
    writeFileSync(join(corpora, 'parallel', 'en.txt'), 'Economic and Social Council\n')
    writeFileSync(join(corpora, 'parallel', 'fr.txt'), latin1('Conseil économique et social\n'))
    mkdirSync(join(corpora, 'keyed', 'fr'), { recursive: true })
    mkdirSync(join(corpora, 'keyed', 'en'), { recursive: true })
    writeFileSync(join(corpora, 'keyed', 'manifest.json'), JSON.stringify({ format: 'keyed-yaml', files: { en: 'en', fr: 'fr' } }))
    writeFileSync(join(corpora, 'keyed', 'en', 'goals.yml'), 'goal-1: No poverty\n')
    writeFileSync(join(corpora, 'keyed', 'fr', 'goals.yml'), latin1('goal-1: Pas de pauvreté\n'))
    writeFileSync(join(corpora, 'ecosoc.tmx'), latin1(tmx('')))
    const before = await segmentTexts()
    const progress = await runImport(database.client, await planImport([corpora]))
    const errors = progress.errors.map((e) => e.message)
    expect(errors).toContain('ecosoc.tmx is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)')
    expect(errors).toContain(`${join(corpora, 'parallel', 'fr.txt')} is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)`)
    expect(errors).toContain(`${join(corpora, 'keyed', 'fr', 'goals.yml')} is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)`)
    expect(await segmentTexts()).toEqual(before)

    const manifest = join(dir, 'manifest-doc')
    mkdirSync(manifest)
    writeFileSync(join(manifest, 'manifest.json'), latin1('{"title": "Résumé"}'))
    writeFileSync(join(manifest, 'en.txt'), 'Everyone has the right to life, liberty and security of person.\n')
    await expect(planImport([manifest])).rejects.toThrow(`${join(manifest, 'manifest.json')} is not valid UTF-8 text`)
  })
})

describe('the command line', () => {
  it('sixfold glossary import and sixfold import refuse Latin-1 files in one line, exit 1, and store nothing', async () => {
    const csv = join(dir, 'glossaire.csv')
    writeFileSync(csv, latin1(CSV.replace('Sécurité alimentaire', 'Sécurité nutritionnelle')))
    const g = sixfold('glossary', 'import', csv)
    expect(g.status).toBe(1)
    expect(g.stderr).toBe(`sixfold: ${csv} is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)\n`)
    const t = join(dir, 'latin1.tmx')
    writeFileSync(t, latin1(tmx('').replace('Conseil', 'Le Conseil')))
    const i = sixfold('import', '--quiet', t)
    expect(i.status).toBe(1)
    expect(i.stderr).toContain(`sixfold: import: ${t}: is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark)`.replace(`${t}: is`, `${t}: latin1.tmx is`))
    expect((await termTexts()).some((x) => x.includes('nutritionnelle'))).toBe(false)
    expect((await segmentTexts()).some((x) => x.startsWith('Le Conseil'))).toBe(false)
  }, 180_000)
})
