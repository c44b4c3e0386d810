/** The dynamic program over beads inside a band, and its best path. */
import type { Band } from './band.ts'
import type { Shape } from './shapes.ts'
import type { Scorer } from './scorer.ts'

export interface DPResult {
  beads: Array<{ i0: number; a: number; j0: number; b: number; cost: number }>
  touchesEdge: boolean
}

export function runDP(n: number, m: number, band: Band, shapes: readonly Shape[], scorer: Scorer): DPResult {
  // integer offsets (a double index makes every element access slower)
  const rowStart = new Int32Array(n + 2)
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i] + (band.hi[i] - band.lo[i] + 1)
  const total = rowStart[n + 1]
  const D = new Float64Array(total).fill(Infinity)
  const back = new Uint8Array(total)
  const shA = Int32Array.from(shapes, (s) => s[0])
  const shB = Int32Array.from(shapes, (s) => s[1])
  const bandLo = band.lo
  const bandHi = band.hi
  const S = shapes.length
  for (let i = 0; i <= n; i++) {
    const lo = band.lo[i]
    const hi = band.hi[i]
    const base = rowStart[i] - lo
    for (let j = lo; j <= hi; j++) {
      if (i === 0 && j === 0) {
        D[base] = 0
        continue
      }
      let best = Infinity
      let arg = 0
      for (let s = 0; s < S; s++) {
        const pi = i - shA[s]
        const pj = j - shB[s]
        if (pi < 0 || pj < 0) continue
        const plo = bandLo[pi]
        if (pj < plo || pj > bandHi[pi]) continue
        const prev = D[rowStart[pi] + pj - plo]
        if (prev === Infinity) continue
        const c = prev + scorer.cost(pi, shA[s], pj, shB[s])
        if (c < best) {
          best = c
          arg = s
        }
      }
      D[base + j] = best
      back[base + j] = arg
    }
  }
  const beads: DPResult['beads'] = []
  let touchesEdge = false
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const idx = rowStart[i] + j - band.lo[i]
    const s = back[idx]
    const a = shA[s]
    const b = shB[s]
    if ((j === band.lo[i] && j > 0) || (j === band.hi[i] && j < m)) touchesEdge = true
    const prevCost = D[rowStart[i - a] + (j - b) - band.lo[i - a]]
    beads.push({ i0: i - a, a, j0: j - b, b, cost: D[idx] - prevCost })
    i -= a
    j -= b
  }
  beads.reverse()
  return { beads, touchesEdge }
}
