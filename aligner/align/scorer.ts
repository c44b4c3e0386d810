/**
 * The cost of a bead: evidence as negative log-likelihood ratios (lexical coverage, length, facts,
 * structure labels, page furniture) plus the prior of its shape; and the parts of that evidence the
 * confidence is computed from.
 */
import { lengthCost, lengthDelta, type LengthModel } from '../signals/length.ts'
import { popcount, type CellCache, type LexicalModel } from './lexical-model.ts'
import type { Side } from './units.ts'


/** Unmatched facts are weak evidence and fail together (a number format read wrongly): their cost is capped. */
const FACT_MISS_CAP = 3

export interface Weights {
  /** Rate at which a translatable token finds its translation in a true bead. */
  good: number
  /** Rate at which it finds one in an unrelated unit. */
  chance: number
  /** Damping of the per-token log-likelihood ratios (tokens are not independent). */
  damp: number
  prior: Record<string, number>
  skip: number
}

export interface Scorer {
  cost(i0: number, a: number, j0: number, b: number): number
  /** Evidence of a bead without its shape prior, for confidence. */
  parts(i0: number, a: number, j0: number, b: number): { lex: number; len: number; facts: number; labels: number; tokens: number }
  /**
   * For a merged bead: how well its worst-covered unit (with enough translatable tokens) finds
   * translations in the other side, relative to the expected rate; 1 when not applicable.
   */
  weakestUnit(i0: number, a: number, j0: number, b: number): number
}

function prefix(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length + 1)
  for (let k = 0; k < values.length; k++) out[k + 1] = out[k] + values[k]
  return out
}

export function makeScorer(src: Side, tgt: Side, lex: LexicalModel, cells: CellCache, lengthModel: LengthModel, w: Weights): Scorer {
  const { start, lo: cLo, hi: cHi, mS: cS, mT: cT } = cells
  const lenS = prefix(src.len)
  const lenT = prefix(tgt.len)
  const dSp = prefix(lex.dS)
  const dTp = prefix(lex.dT)
  const furS = prefix(src.furniture)
  const furT = prefix(tgt.furniture)
  const count = (arrs: Int32Array[]) => prefix(arrs.map((f) => f.length))
  const strictS = count(src.facts)
  const strictT = count(tgt.facts)
  const nameS = count(src.names)
  const nameT = count(tgt.names)
  // strict facts cost when either side has some; names (no cost for a miss) only when both have some
  const factsOf = (i0: number, a: number, j0: number, b: number): number => {
    let c = 0
    if (strictS[i0 + a] - strictS[i0] + strictT[j0 + b] - strictT[j0] > 0) c += factScore(src.facts, tgt.facts, i0, a, j0, b, 3, 1)
    if (nameS[i0 + a] - nameS[i0] > 0 && nameT[j0 + b] - nameT[j0] > 0) c += factScore(src.names, tgt.names, i0, a, j0, b, 2, 0)
    return c
  }
  const scratch = new Int32Array(256)
  const colMask = new Int32Array(16)
  const used = new Uint8Array(256)
  // per-shape token weights: chance of a token finding a translation grows with the other side's size
  const hitS: number[] = []
  const missS: number[] = []
  // In a bead with b units on the other side, a token's own translation is in one of them (found
  // with rate good) and the b − 1 others add chance: P(hit | true) = 1 − (1−good)(1−chance)^(b−1),
  // P(hit | unrelated) = 1 − (1−chance)^b. A miss then costs the same whatever the bead size,
  // so merging never pays by itself.
  for (let size = 0; size <= 8; size++) {
    const b = Math.max(size, 1)
    const good = Math.max(w.good, w.chance + 0.02)
    const pTrue = 1 - (1 - good) * Math.pow(1 - w.chance, b - 1)
    const pRand = 1 - Math.pow(1 - w.chance, b)
    hitS.push(w.damp * Math.log(pTrue / pRand))
    missS.push(w.damp * Math.log((1 - w.chance) / (1 - good)))
  }

  const factScore = (arrS: Int32Array[], arrT: Int32Array[], i0: number, a: number, j0: number, b: number, hit: number, miss: number): number => {
    if (a === 1 && b === 1) {
      const fs = arrS[i0]
      const ft = arrT[j0]
      if (fs.length === 0 && ft.length === 0) return 0
      // facts are kept sorted: count matches by merging
      let x = 0
      let y = 0
      let matched = 0
      while (x < fs.length && y < ft.length) {
        if (fs[x] === ft[y]) {
          matched++
          x++
          y++
        } else if (fs[x] < ft[y]) x++
        else y++
      }
      return -hit * matched + Math.min(miss * (fs.length + ft.length - 2 * matched), FACT_MISS_CAP)
    }
    let na = 0
    for (let k = 0; k < a; k++) {
      const f = arrS[i0 + k]
      for (let q = 0; q < f.length && na < 128; q++) scratch[na++] = f[q]
    }
    let nb = 0
    for (let k = 0; k < b; k++) {
      const f = arrT[j0 + k]
      for (let q = 0; q < f.length && nb < 128; q++) scratch[128 + nb++] = f[q]
    }
    if (na === 0 && nb === 0) return 0
    if (na === 0 || nb === 0) return Math.min(miss * (na + nb), FACT_MISS_CAP)
    for (let k = 0; k < nb; k++) used[k] = 0
    let matched = 0
    for (let x = 0; x < na; x++) {
      const f = scratch[x]
      for (let k = 0; k < nb; k++) {
        if (used[k] === 0 && scratch[128 + k] === f) {
          used[k] = 1
          matched++
          break
        }
      }
    }
    return -hit * matched + Math.min(miss * (na + nb - 2 * matched), FACT_MISS_CAP)
  }

  const labelScore = (i0: number, a: number, j0: number, b: number): number => {
    let c = 0
    const ls = src.label[i0]
    const lt = tgt.label[j0]
    if (ls >= 0 && lt >= 0) c += ls === lt ? -5 : 8
    else if (ls >= 0 || lt >= 0) c += 1
    for (let k = 1; k < a; k++) if (src.label[i0 + k] >= 0) c += 3
    for (let k = 1; k < b; k++) if (tgt.label[j0 + k] >= 0) c += 3
    return c
  }

  const lexScore = (i0: number, a: number, j0: number, b: number): number => {
    const dS = dSp[i0 + a] - dSp[i0]
    const dT = dTp[j0 + b] - dTp[j0]
    if (dS + dT === 0) return 0
    // union coverage: a token counts once however many units of the other side translate it
    let mS = 0
    let mT = 0
    for (let y = 0; y < b; y++) colMask[y] = 0
    for (let x = 0; x < a; x++) {
      const i = i0 + x
      const lo = cLo[i]
      const hi = cHi[i]
      const base = start[i] - lo
      let row = 0
      for (let y = 0; y < b; y++) {
        const j = j0 + y
        if (j >= lo && j <= hi) {
          row |= cS[base + j]
          colMask[y] |= cT[base + j]
        }
      }
      if (row) {
        const d = lex.dS[i]
        mS += d > 32 ? (popcount(row) * d) / 32 : popcount(row)
      }
    }
    for (let y = 0; y < b; y++) {
      if (colMask[y]) {
        const d = lex.dT[j0 + y]
        mT += d > 32 ? (popcount(colMask[y]) * d) / 32 : popcount(colMask[y])
      }
    }
    return -hitS[b] * mS + missS[b] * (dS - mS) - hitS[a] * mT + missS[a] * (dT - mT)
  }

  const parts = (i0: number, a: number, j0: number, b: number) => {
    const lex = lexScore(i0, a, j0, b)
    const len = lengthCost(lengthDelta(lengthModel, lenS[i0 + a] - lenS[i0], lenT[j0 + b] - lenT[j0]))
    let facts = factsOf(i0, a, j0, b)
    if (a + b > 2) facts += 4 * (furS[i0 + a] - furS[i0] + furT[j0 + b] - furT[j0])
    const labels = labelScore(i0, a, j0, b)
    return { lex, len, facts, labels, tokens: dSp[i0 + a] - dSp[i0] + dTp[j0 + b] - dTp[j0] }
  }

  const prior = new Float64Array(100).fill(8)
  for (const [k, v] of Object.entries(w.prior)) {
    const [a, b] = k.split('-').map(Number)
    prior[a * 10 + b] = v
  }

  const { ratio, variance } = lengthModel
  const lenCost = lengthCost
  const pairCap = 2 * w.skip - 0.5
  const cost = (i0: number, a: number, j0: number, b: number): number => {
    if (a === 0 || b === 0) {
      let c = 0
      for (let k = 0; k < a; k++) c += src.furniture[i0 + k] ? 0.2 : w.skip + (src.label[i0 + k] >= 0 ? 1 : 0)
      for (let k = 0; k < b; k++) c += tgt.furniture[j0 + k] ? 0.2 : w.skip + (tgt.label[j0 + k] >= 0 ? 1 : 0)
      return c
    }
    const ls = lenS[i0 + a] - lenS[i0]
    const lt = lenT[j0 + b] - lenT[j0]
    const delta = (lt - ratio * ls) / Math.sqrt(ratio * variance * ((ls + lt / ratio) / 2 + 1))
    // a merge whose lengths disagree by more than 5 standard deviations is never the answer
    if ((a > 1 || b > 1) && (delta > 5 || delta < -5)) return Infinity
    let c = prior[a * 10 + b] + lexScore(i0, a, j0, b) + lenCost(delta)
    c += factsOf(i0, a, j0, b)
    if (a + b > 2) c += 4 * (furS[i0 + a] - furS[i0] + furT[j0 + b] - furT[j0])
    if (src.label[i0] >= 0 || tgt.label[j0] >= 0 || a > 1 || b > 1) c += labelScore(i0, a, j0, b)
    // Two units side by side are each other's translation unless clearly not: a 1-1 bead never
    // costs more than leaving both alone (adjacent 1-0 + 0-1 is almost never what happened).
    if (a === 1 && b === 1 && c > pairCap && !src.furniture[i0] && !tgt.furniture[j0]) c = pairCap
    return c
  }
  const weakestUnit = (i0: number, a: number, j0: number, b: number): number => {
    if (a + b <= 2) return 1
    let worst = 1
    for (let x = 0; x < a; x++) {
      const i = i0 + x
      const d = lex.dS[i]
      if (d < 4) continue
      let row = 0
      const base = start[i] - cLo[i]
      for (let y = 0; y < b; y++) if (j0 + y >= cLo[i] && j0 + y <= cHi[i]) row |= cS[base + j0 + y]
      worst = Math.min(worst, popcount(row) / Math.min(d, 32) / w.good)
    }
    for (let y = 0; y < b; y++) {
      const j = j0 + y
      const d = lex.dT[j]
      if (d < 4) continue
      let col = 0
      for (let x = 0; x < a; x++) {
        const i = i0 + x
        if (j >= cLo[i] && j <= cHi[i]) col |= cT[start[i] - cLo[i] + j]
      }
      worst = Math.min(worst, popcount(col) / Math.min(d, 32) / w.good)
    }
    return worst
  }
  return { cost, parts, weakestUnit }
}


export function weightsFrom(rates: { good: number; chance: number }, prior: Record<string, number>, skip: number): Weights {
  return { good: rates.good, chance: rates.chance, damp: 0.8, prior, skip }
}
