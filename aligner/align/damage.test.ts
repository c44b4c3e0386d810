import { describe, expect, it } from 'vitest'
import { damage } from './damage.ts'
import { formatBeads, parseBeads } from './beads.ts'
import { laxScores, strictScores } from './metrics.ts'

const zh = Array.from({ length: 200 }, (_, k) => `第${k}句。`)
const en = Array.from({ length: 200 }, (_, k) => `Sentence ${k}.`)

describe('damaged variants', () => {
  it('is deterministic for a seed and keeps gold consistent with the text', () => {
    const a = damage(zh, en, 'zh', 'en', { seed: 5, merge: 0.2, delete: 0.1, furniture: 0.1 })
    const b = damage(zh, en, 'zh', 'en', { seed: 5, merge: 0.2, delete: 0.1, furniture: 0.1 })
    expect(a).toEqual(b)
    expect(a.gold.flatMap((g) => g.src)).toEqual(a.src.map((_, k) => k))
    expect(a.gold.flatMap((g) => g.tgt)).toEqual(a.tgt.map((_, k) => k))
    const shapes = new Set(a.gold.map((g) => `${g.src.length}-${g.tgt.length}`))
    for (const s of ['1-1', '1-0', '0-1', '1-2', '2-1']) expect(shapes.has(s), s).toBe(true)
    // a merged line holds exactly the sentences its gold bead pairs it with
    for (const g of a.gold)
      if (g.src.length === 1 && g.tgt.length > 1) expect(a.src[g.src[0]]).toBe(g.tgt.map((j) => a.tgt[j].replace('Sentence ', '第').replace('.', '句。')).join(''))
  })
})

describe('bead format and scores', () => {
  it('round-trips the aligner-eval format', () => {
    const beads = [{ src: [0], tgt: [0] }, { src: [1], tgt: [1, 2] }, { src: [2], tgt: [] }, { src: [], tgt: [3] }]
    expect(formatBeads(beads)).toBe('[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[]:[3]\n')
    expect(parseBeads(formatBeads(beads))).toEqual(beads)
    expect(() => parseBeads('[0]-[1]')).toThrow(/not a bead/)
  })
  it('scores strict and lax as Vecalign does, leaving out beads with an empty side', () => {
    const gold = [{ src: [0], tgt: [0] }, { src: [1], tgt: [1, 2] }, { src: [2], tgt: [] }]
    const test = [{ src: [0], tgt: [0] }, { src: [1], tgt: [1] }, { src: [], tgt: [2] }, { src: [2], tgt: [] }]
    expect(strictScores(test, gold)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 })
    expect(laxScores(test, gold).f1).toBe(1)
  })
})
