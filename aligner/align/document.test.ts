import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseDocument } from '../parse/index.ts'
import { LANGS, type Lang, type ParsedDocument } from '../types.ts'
import { alignDocumentPair } from './document.ts'
import { alignVersions, checkSecondPivot } from './versions.ts'
import { documentFromLines } from './lines.ts'

const udhr: Partial<Record<Lang, ParsedDocument>> = {}
beforeAll(async () => {
  for (const l of LANGS) {
    const file = fileURLToPath(new URL(`../../corpora/udhr/${l}.html`, import.meta.url))
    udhr[l] = await parseDocument({ bytes: readFileSync(file), fileName: file }, { lang: l })
  }
})

/** Index of the block that heads article k (heading labelled k). */
const articleHead = (d: ParsedDocument, k: number) => d.blocks.findIndex((b) => b.kind === 'heading' && b.label === String(k))

describe('alignDocumentPair on the UDHR', () => {
  it('aligns every article heading 1-1 in zh–en and zh–ar', () => {
    for (const l of ['en', 'ar'] as const) {
      const r = alignDocumentPair(udhr.zh!, udhr[l]!)
      for (let k = 1; k <= 30; k++) {
        const s = articleHead(udhr.zh!, k)
        const t = articleHead(udhr[l]!, k)
        expect(r.paragraphs.some((p) => p.src.length === 1 && p.tgt.length === 1 && p.src[0] === s && p.tgt[0] === t), `${l} article ${k}`).toBe(true)
      }
    }
  })
  it('gives calibrated confidence: ≥ 90% of zh–en paragraph beads at ≥ 0.8, every article heading bead ≥ 0.9', () => {
    const r = alignDocumentPair(udhr.zh!, udhr.en!)
    const sure = r.paragraphs.filter((p) => p.confidence >= 0.8).length
    expect(sure / r.paragraphs.length).toBeGreaterThanOrEqual(0.9)
    for (let k = 1; k <= 30; k++) {
      const s = articleHead(udhr.zh!, k)
      const bead = r.paragraphs.find((p) => p.src.includes(s))!
      expect(bead.confidence, `article ${k} heading`).toBeGreaterThanOrEqual(0.9)
    }
    // the title is a plain 1-1 between confident neighbours
    expect(r.paragraphs[0]).toMatchObject({ src: [0], tgt: [0] })
    expect(r.paragraphs[0].confidence).toBeGreaterThanOrEqual(0.9)
    for (const b of r.beads) expect(b.src.length + b.tgt.length).toBeGreaterThan(0)
  })
  it('covers every block and every sentence exactly once, sentence beads inside paragraph beads', () => {
    const r = alignDocumentPair(udhr.fr!, udhr.ru!)
    expect(r.paragraphs.flatMap((p) => p.src)).toEqual(udhr.fr!.blocks.map((_, k) => k))
    expect(r.paragraphs.flatMap((p) => p.tgt)).toEqual(udhr.ru!.blocks.map((_, k) => k))
    const nS = udhr.fr!.blocks.reduce((a, b) => a + b.sentences.length, 0)
    const nT = udhr.ru!.blocks.reduce((a, b) => a + b.sentences.length, 0)
    expect(r.beads.flatMap((b) => b.src)).toEqual(Array.from({ length: nS }, (_, k) => k))
    expect(r.beads.flatMap((b) => b.tgt)).toEqual(Array.from({ length: nT }, (_, k) => k))
    expect(r.sentences).toHaveLength(r.paragraphs.length)
  })
  it('refuses two versions in the same language', () => {
    expect(() => alignDocumentPair(udhr.en!, udhr.en!)).toThrow(/two en versions/)
  })
})

describe('alignVersions', () => {
  it('closes the six UDHR versions into article groups, one per article, all six languages present', () => {
    const r = alignVersions(udhr)
    expect(r.pivot).toBe('zh')
    expect(r.languages).toEqual(LANGS)
    expect(r.pairs).toHaveLength(5)
    for (let k = 1; k <= 30; k++) {
      const g = r.paragraphs.find((p) => p.members.zh?.includes(articleHead(udhr.zh!, k)))!
      for (const l of LANGS) expect(g.members[l], `${l} article ${k}`).toEqual([articleHead(udhr[l]!, k)])
    }
    // groups are in document order and every block of every version appears once
    for (const l of LANGS) {
      const seen = r.paragraphs.flatMap((g) => g.members[l] ?? [])
      expect(seen).toEqual(udhr[l]!.blocks.map((_, k) => k))
    }
    for (const s of r.sentences) expect(s.paragraph).toBeGreaterThanOrEqual(0)
  })
  it('works for any subset, with the first language as pivot when Chinese is absent', () => {
    const one = alignVersions({ fr: udhr.fr })
    expect(one.pivot).toBe('fr')
    expect(one.paragraphs).toHaveLength(udhr.fr!.blocks.length)
    const two = alignVersions({ es: udhr.es, ru: udhr.ru })
    expect(two.pivot).toBe('es')
    expect(two.pairs).toHaveLength(1)
  })
  it('flags nothing where the English second pivot agrees', () => {
    const zh = ['联合国的任何改革都不应重新定义《宪章》的这些原则。', '安全理事会改革是联合国改革的重要组成部分。', '2015年3月11日', '委员会举行了六次会议。']
    const en = ['No reform of the United Nations can redefine the principles of the Charter.', 'The reform of the Security Council is an essential part of the reform of the United Nations.', '11 March 2015', 'The Committee held six meetings.']
    const fr = ["Aucune réforme de l'Organisation des Nations Unies ne peut redéfinir les principes de la Charte.", 'La réforme du Conseil de sécurité est un élément essentiel de la réforme des Nations Unies.', '11 mars 2015', 'Le Comité a tenu six séances.']
    const r = alignVersions({ zh: documentFromLines(zh, 'zh'), en: documentFromLines(en, 'en'), fr: documentFromLines(fr, 'fr') })
    expect(r.sentences.map((g) => [g.members.zh, g.members.en, g.members.fr])).toEqual([0, 1, 2, 3].map((k) => [[k], [k], [k]]))
    expect(r.sentences.every((g) => !g.flagged)).toBe(true)
    for (const g of r.sentences) {
      expect(g.confidence).toBeGreaterThanOrEqual(0)
      expect(g.confidence).toBeLessThanOrEqual(1)
    }
  })
})

describe('checkSecondPivot', () => {
  it('flags and halves the confidence of groups an English–X bead would split or join', () => {
    const groups = [
      { members: { zh: [0], en: [0], fr: [0] }, confidence: 0.9, flagged: false },
      { members: { zh: [1], en: [1], fr: [1] }, confidence: 0.8, flagged: false },
      { members: { zh: [2], en: [2], fr: [2] }, confidence: 0.7, flagged: false },
    ]
    // English 1 goes with French 1 and 2: groups 1 and 2 disagree; group 0 agrees
    checkSecondPivot(groups, 'en', 'fr', [
      { src: [0], tgt: [0], confidence: 1 },
      { src: [1], tgt: [1, 2], confidence: 1 },
      { src: [2], tgt: [], confidence: 1 },
    ])
    expect(groups.map((g) => g.flagged)).toEqual([false, true, true])
    expect(groups.map((g) => g.confidence)).toEqual([0.9, 0.4, 0.35])
  })
})
