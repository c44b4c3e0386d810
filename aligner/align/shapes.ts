/** Bead shapes the dynamic program may use, and the prior cost of each (re-estimated after a first pass). */
import type { DPResult } from './dp.ts'

export type Shape = readonly [number, number]

export const SENTENCE_SHAPES: readonly Shape[] = [
  [1, 1], [1, 0], [0, 1], [1, 2], [2, 1], [2, 2], [1, 3], [3, 1], [1, 4], [4, 1],
]
export const PARAGRAPH_SHAPES: readonly Shape[] = [
  ...SENTENCE_SHAPES, [2, 3], [3, 2], [1, 5], [5, 1], [3, 3],
]

export const DEFAULT_PRIOR: Record<string, number> = {
  '1-1': 0, '1-2': 1.5, '2-1': 1.5, '2-2': 3.5, '1-3': 3, '3-1': 3, '1-4': 4.5, '4-1': 4.5,
  '2-3': 5, '3-2': 5, '1-5': 6, '5-1': 6, '3-3': 6.5,
}


export function estimatePrior(beads: DPResult['beads'], shapes: readonly Shape[]): Record<string, number> {
  const counts = new Map<string, number>()
  let total = 0
  for (const b of beads) {
    if (b.a === 0 || b.b === 0) continue
    const k = `${b.a}-${b.b}`
    counts.set(k, (counts.get(k) ?? 0) + 1)
    total++
  }
  const prior: Record<string, number> = { ...DEFAULT_PRIOR }
  const one = (counts.get('1-1') ?? 0) + 1
  if (total < 30) return prior
  for (const [a, b] of shapes) {
    if (a === 0 || b === 0 || (a === 1 && b === 1)) continue
    const k = `${a}-${b}`
    const c = counts.get(k) ?? 0
    const est = -Math.log((c + 0.5) / one)
    // blend with the default and keep within sane bounds
    prior[k] = Math.min(Math.max(0.5 * est + 0.5 * (DEFAULT_PRIOR[k] ?? 6), 0.7), 9)
  }
  return prior
}
