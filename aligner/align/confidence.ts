/** The confidence of each bead: its evidence to a raw score, then calibrated (calibration.ts). */
import type { Bead } from '../types.ts'
import { beadClass, calibrate, neighbourBucket } from './calibration.ts'
import type { DPResult } from './dp.ts'
import type { Scorer } from './scorer.ts'
import { splitShare } from './split.ts'
import type { Side } from './units.ts'

export function toBeads(dp: DPResult, scorer: Scorer, src: Side, tgt: Side): Bead[] {
  const raw = new Float64Array(dp.beads.length)
  const cls = new Uint8Array(dp.beads.length)
  dp.beads.forEach((b, k) => {
    let confidence: number
    if (b.a === 0 || b.b === 0) {
      let furn = true
      for (let x = 0; x < b.a; x++) if (!src.furniture[b.i0 + x]) furn = false
      for (let y = 0; y < b.b; y++) if (!tgt.furniture[b.j0 + y]) furn = false
      confidence = furn ? 0.9 : 0.35
      cls[k] = beadClass(b.a, b.b, furn)
    } else {
      const p = scorer.parts(b.i0, b.a, b.j0, b.b)
      const evidence = p.lex + p.len + p.facts + p.labels
      // per-bead evidence to a score; strong lexical agreement ≈ −10 or below
      confidence = 1 / (1 + Math.exp(0.45 * evidence + 0.3 * (b.a + b.b - 2) - 0.5))
      // a merged bead with a unit that finds (almost) nothing in the other side is suspect
      const weakest = scorer.weakestUnit(b.i0, b.a, b.j0, b.b)
      if (weakest < 0.35) confidence *= 0.3 + weakest
      cls[k] = beadClass(b.a, b.b, false)
    }
    raw[k] = Math.round(confidence * 1000) / 1000
  })
  // the raw score to the probability that the bead is right (see calibration.ts); a bead
  // between doubtful neighbours is itself more often wrong
  return dp.beads.map((b, k) => {
    const nb = Math.min(k > 0 ? raw[k - 1] : 1, k + 1 < raw.length ? raw[k + 1] : 1)
    // a merged bead that could be two is no surer than the chance that it is one
    const confidence = calibrate(cls[k], neighbourBucket(nb), raw[k]) * (1 - splitShare(b, scorer))
    return {
      src: Array.from({ length: b.a }, (_, x) => b.i0 + x),
      tgt: Array.from({ length: b.b }, (_, y) => b.j0 + y),
      confidence: Math.round(confidence * 1000) / 1000,
    }
  })
}
