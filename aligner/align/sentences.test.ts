import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { alignSentences } from './sentences.ts'
import { parseBeads } from './beads.ts'
import { laxScores, strictScores } from './metrics.ts'
import type { Bead } from '../types.ts'

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/align/', import.meta.url))
const lines = (file: string) => readFileSync(join(FIXTURES, file), 'utf8').replace(/\n$/, '').split('\n')

/** Every line of both sides exactly once, in order, contiguous beads. */
function expectCover(beads: Bead[], n: number, m: number) {
  const s = beads.flatMap((b) => b.src)
  const t = beads.flatMap((b) => b.tgt)
  expect(s).toEqual(Array.from({ length: n }, (_, k) => k))
  expect(t).toEqual(Array.from({ length: m }, (_, k) => k))
  for (const b of beads) {
    expect(b.confidence).toBeGreaterThanOrEqual(0)
    expect(b.confidence).toBeLessThanOrEqual(1)
    expect(b.src.length + b.tgt.length).toBeGreaterThan(0)
  }
}

describe('alignSentences on fixed damaged devset slices (merges, deletions, page furniture)', () => {
  // thresholds sit a little under what the aligner scores, so that a regression shows
  const thresholds = { en: 0.97, fr: 0.97, es: 0.97, ru: 0.94, ar: 0.96 } as const
  for (const [lang, min] of Object.entries(thresholds) as Array<[keyof typeof thresholds, number]>) {
    it(`zh–${lang}: strict F1 ≥ ${min}`, () => {
      const zh = lines(`zh-${lang}.zh.txt`)
      const tgt = lines(`zh-${lang}.${lang}.txt`)
      const gold = parseBeads(readFileSync(join(FIXTURES, `zh-${lang}.gold.align`), 'utf8'))
      const r = alignSentences(zh, tgt, { srcLang: 'zh', tgtLang: lang })
      expectCover(r.beads, zh.length, tgt.length)
      expect(strictScores(r.beads, gold).f1).toBeGreaterThanOrEqual(min)
      expect(laxScores(r.beads, gold).f1).toBeGreaterThanOrEqual(0.99)
    })
  }
  it('aligns in either direction (en → zh gives the mirror beads)', () => {
    const zh = lines('zh-en.zh.txt').slice(0, 60)
    const en = lines('zh-en.en.txt').slice(0, 60)
    const a = alignSentences(zh, en, { srcLang: 'zh', tgtLang: 'en' })
    const b = alignSentences(en, zh, { srcLang: 'en', tgtLang: 'zh' })
    expect(b.beads.map((x) => [x.tgt, x.src])).toEqual(a.beads.map((x) => [x.src, x.tgt]))
  })
})

describe('alignSentences on small inputs', () => {
  it('finds a 1-2 bead where Chinese packs two English sentences', () => {
    const zh = ['第六十九届会议', '联合国的任何改革都不应重新定义《宪章》的这些原则，也不应破坏这些原则的实行。安全理事会改革是联合国改革的重要组成部分。', '2015年3月11日']
    const en = [
      'Sixty-ninth session',
      'No reform of the United Nations can redefine the principles of the Charter or undermine their implementation.',
      'The reform of the Security Council is an essential part of the reform of the United Nations.',
      '11 March 2015',
    ]
    const r = alignSentences(zh, en, { srcLang: 'zh', tgtLang: 'en' })
    expect(r.beads.map((b) => [b.src, b.tgt])).toEqual([
      [[0], [0]],
      [[1], [1, 2]],
      [[2], [3]],
    ])
  })
  it('leaves inserted page furniture unaligned', () => {
    const zh = ['联合国的任何改革都不应重新定义《宪章》的这些原则。', '15-01234 (C)', '2015年3月11日']
    const en = ['No reform of the United Nations can redefine the principles of the Charter.', '11 March 2015']
    const r = alignSentences(zh, en, { srcLang: 'zh', tgtLang: 'en' })
    expect(r.beads.map((b) => [b.src, b.tgt])).toEqual([
      [[0], [0]],
      [[1], []],
      [[2], [1]],
    ])
  })
  it('handles empty lines and one-sided input', () => {
    const r = alignSentences(['', '联合国'], ['United Nations'], { srcLang: 'zh', tgtLang: 'en' })
    expectCover(r.beads, 2, 1)
    expect(alignSentences([], ['a'], { srcLang: 'zh', tgtLang: 'en' }).beads).toEqual([{ src: [], tgt: [0], confidence: 0.5 }])
  })
  it('refuses to align a language with itself', () => {
    expect(() => alignSentences(['a'], ['b'], { srcLang: 'en', tgtLang: 'en' })).toThrow(/itself/)
  })
})
