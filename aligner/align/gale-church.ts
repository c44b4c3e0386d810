/**
 * The classic length-only Gale–Church (1993) aligner, kept as a baseline for
 * the evaluation: character lengths, ratio from the document pair, variance
 * 6.8 scaled by the ratio, their bead priors, full dynamic program.
 */
import type { Bead } from '../types.ts'
import { lengthCost, textLength } from '../signals/length.ts'

const SHAPES: Array<[number, number, number]> = [
  [1, 1, 0.89], [1, 0, 0.0099 / 2], [0, 1, 0.0099 / 2], [2, 1, 0.089 / 2], [1, 2, 0.089 / 2], [2, 2, 0.011],
]

export function galeChurch(src: readonly string[], tgt: readonly string[]): Bead[] {
  const n = src.length
  const m = tgt.length
  const ls = src.map(textLength)
  const lt = tgt.map(textLength)
  const sumS = ls.reduce((x, y) => x + y, 0)
  const sumT = lt.reduce((x, y) => x + y, 0)
  const c = sumS > 0 && sumT > 0 ? sumT / sumS : 1
  const s2 = 6.8 * c
  const D = new Float64Array((n + 1) * (m + 1)).fill(Infinity)
  const back = new Uint8Array((n + 1) * (m + 1))
  D[0] = 0
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      let best = Infinity
      let arg = 0
      for (let s = 0; s < SHAPES.length; s++) {
        const [a, b, p] = SHAPES[s]
        if (i < a || j < b) continue
        const prev = D[(i - a) * (m + 1) + (j - b)]
        if (prev === Infinity) continue
        let l1 = 0
        let l2 = 0
        for (let k = 1; k <= a; k++) l1 += ls[i - k]
        for (let k = 1; k <= b; k++) l2 += lt[j - k]
        const mean = (l1 + l2 / c) / 2
        const delta = mean > 0 ? (l2 - l1 * c) / Math.sqrt(mean * s2) : 0
        const cost = prev - Math.log(p) + (a && b ? lengthCost(delta) : 0)
        if (cost < best) {
          best = cost
          arg = s
        }
      }
      D[i * (m + 1) + j] = best
      back[i * (m + 1) + j] = arg
    }
  const beads: Bead[] = []
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [a, b] = SHAPES[back[i * (m + 1) + j]]
    beads.push({ src: Array.from({ length: a }, (_, k) => i - a + k), tgt: Array.from({ length: b }, (_, k) => j - b + k), confidence: 0.5 })
    i -= a
    j -= b
  }
  return beads.reverse()
}
