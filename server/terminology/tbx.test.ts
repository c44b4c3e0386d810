import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { GlossaryEntry, GlossaryEntryInput } from './contract.ts'
import { exportCsv, importCsv } from './csv.ts'
import { sdgGoalEntries } from './seed.ts'
import { exportTbx, importTbx } from './tbx.ts'

function asEntries(inputs: GlossaryEntryInput[]): GlossaryEntry[] {
  return inputs.map((e, i) => ({
    id: i + 1,
    concept: e.concept ?? null,
    status: e.status ?? 'candidate',
    note: e.note ?? null,
    origin: e.origin ?? 'manual',
    score: e.score ?? null,
    frequency: e.frequency ?? null,
    terms: e.terms,
    refs: e.refs ?? [],
    createdAt: 0,
    updatedAt: 0,
  }))
}

const sample: GlossaryEntryInput[] = [
  {
    concept: 'UN body for drugs & crime <UNODC>',
    status: 'approved',
    note: 'line one\nline "two"',
    origin: 'manual',
    frequency: 39,
    score: 12.5,
    terms: [
      { lang: 'zh', text: '联合国毒品和犯罪问题办公室', usage: 'preferred' },
      { lang: 'zh', text: '毒罪办', usage: 'admitted' },
      { lang: 'en', text: 'United Nations Office on Drugs and Crime', usage: 'preferred' },
      { lang: 'en', text: 'UN Drugs Office', usage: 'deprecated' },
      { lang: 'fr', text: "Office des Nations Unies contre la drogue et le crime", usage: 'preferred' },
      { lang: 'ar', text: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة', usage: 'preferred' },
    ],
    refs: [{ groupId: 12, documentSymbol: 'E/2024/30', paragraphLabel: '3' }],
  },
  { concept: null, status: 'candidate', note: null, origin: 'mined', terms: [{ lang: 'ru', text: 'Совет Безопасности', usage: 'preferred' }], refs: [] },
]

const strip = (e: GlossaryEntry) => ({ concept: e.concept, status: e.status, note: e.note, origin: e.origin, frequency: e.frequency, score: e.score, terms: e.terms, refs: e.refs })

describe('TBX', () => {
  it('exports TBX-Basic that re-imports to the same glossary', () => {
    const entries = asEntries(sample)
    const xml = exportTbx(entries)
    expect(xml).toContain('<tbx type="TBX-Basic"')
    expect(xml).toContain('<conceptEntry id="c1">')
    expect(xml).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>')
    const again = asEntries(importTbx(xml))
    expect(again.map(strip)).toEqual(entries.map(strip))
    expect(exportTbx(again)).toBe(xml)
  })

  it('reads TBX 2008 (martif, termEntry, langSet, tig)', () => {
    const xml = `<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><martifHeader/><text><body>
      <termEntry id="t1"><langSet xml:lang="en"><tig><term>climate change</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
      <langSet xml:lang="zh-CN"><tig><term>气候变化</term></tig></langSet></termEntry></body></text></martif>`
    const [e] = importTbx(xml)
    expect(e.status).toBe('approved')
    expect(e.terms).toEqual([
      { lang: 'en', text: 'climate change', usage: 'preferred' },
      { lang: 'zh', text: '气候变化', usage: 'preferred' },
    ])
  })

  it('refuses bad files with a clear message', () => {
    expect(() => importTbx('')).toThrow(/empty/)
    expect(() => importTbx('<tbx><text><body>')).toThrow(/not well-formed XML/)
    expect(() => importTbx('<glossary/>')).toThrow(/root element must be <tbx>/)
    expect(() => importTbx('<tbx><text/></tbx>')).toThrow(/missing <text>/)
    expect(() => importTbx('<tbx><text><p>x</p></text></tbx>')).toThrow(/missing <body>/)
    expect(() => importTbx('<tbx><text><body><conceptEntry id="a"/></body></text></tbx>')).toThrow(/entry 1 \(id "a"\) has no <langSec>/)
    expect(() => importTbx('<tbx><text><body><conceptEntry><langSec xml:lang="de"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>')).toThrow(/"de" is not one of/)
    expect(() => importTbx('<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term></term></termSec></langSec></conceptEntry></body></text></tbx>')).toThrow(/no <term> text/)
  })

  it('imports the shipped SDG seed glossary, the 17 goal titles in six languages', () => {
    const xml = readFileSync('test/fixtures/terminology/sdg-goals.tbx', 'utf8')
    const entries = importTbx(xml)
    expect(entries).toHaveLength(17)
    expect(entries[0].terms.find((t) => t.lang === 'en')?.text).toBe('No poverty')
    // the goal titles come in as candidates, for a terminologist to approve
    expect(entries.every((e) => e.terms.length === 6 && e.status === 'candidate')).toBe(true)
    expect(importTbx(exportTbx(asEntries(sdgGoalEntries('corpora'))))).toEqual(entries)
  })
})

describe('TBX and CSV input as users send it', () => {
  it('says an empty body holds no entries', () => {
    expect(() => importTbx('<martif type="TBX"><text><body></body></text></martif>')).toThrow(/holds no <conceptEntry>/)
  })

  it('reads a CSV separated by semicolons (spreadsheets with a decimal comma) and by tabs', () => {
    for (const sep of [';', '\t']) {
      const [e] = importCsv(['status', 'zh', 'en', 'fr'].join(sep) + '\n' + ['approved', '会员国', 'Member States', 'États Membres, y compris'].join(sep) + '\n')
      expect(e.status).toBe('approved')
      expect(e.terms.map((t) => t.text)).toEqual(['会员国', 'Member States', 'États Membres, y compris'])
    }
  })

  it('writes CSV with a byte order mark, which it reads back', () => {
    const csv = exportCsv(asEntries(sample))
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(importCsv(csv)).toHaveLength(sample.length)
  })
})

describe('TBX status', () => {
  it('sets no status for an entry whose terms carry none, and approved for one with a preferred term', () => {
    const bare = '<martif type="TBX"><text><body><termEntry id="t1"><langSet xml:lang="en"><tig><term>ocean</term></tig></langSet><langSet xml:lang="zh"><tig><term>海洋</term></tig></langSet></termEntry></body></text></martif>'
    // no status: none is set (a new entry is stored as a candidate, one already there keeps its own)
    expect(importTbx(bare)[0].status).toBeUndefined()
    const preferred = bare.replace('<term>ocean</term>', '<term>ocean</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>')
    expect(importTbx(preferred)[0].status).toBe('approved')
  })
})

describe('CSV', () => {
  it('exports CSV that re-imports to the same terms, statuses and notes', () => {
    const entries = asEntries(sample)
    const csv = exportCsv(entries)
    const again = importCsv(csv)
    expect(again.map((e) => ({ status: e.status, concept: e.concept, note: e.note, terms: [...e.terms].sort((a, b) => (a.lang + a.usage + a.text).localeCompare(b.lang + b.usage + b.text)) }))).toEqual(
      entries.map((e) => ({ status: e.status, concept: e.concept, note: e.note, terms: [...e.terms].sort((a, b) => (a.lang + a.usage + a.text).localeCompare(b.lang + b.usage + b.text)) })),
    )
  })

  it('refuses bad CSV with the line at fault', () => {
    expect(() => importCsv('')).toThrow(/empty/)
    expect(() => importCsv('term,meaning\na,b')).toThrow(/no language column/)
    expect(() => importCsv('status,zh,en\nfinal,会员国,Member States')).toThrow(/line 2: status "final"/)
    expect(() => importCsv('zh,en\n"会员国,Member States')).toThrow(/not closed/)
    expect(() => importCsv('zh,en\n,')).not.toThrow()
    expect(() => importCsv('zh,en\n会员国,Member States,extra')).toThrow(/line 2: 3 fields/)
  })
})
