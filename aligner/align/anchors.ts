/** Anchors: units sharing a fact or a label unique on both sides, which guide the band. */
import { guidePath, monotoneChain } from './band.ts'
import type { Side } from './units.ts'

/** Keys a unit offers as anchor evidence: its strict facts and its label. */
function anchorKeys(side: Side, k: number): string[] {
  const keys: string[] = []
  for (const f of side.facts[k]) keys.push(`f${f}`)
  if (side.label[k] >= 0) keys.push(`l${side.label[k]}`)
  return keys
}

/** Pairs (i, j) whose key occurs exactly once in src[s0, s1) and once in tgt[t0, t1). */
function uniqueMatches(src: Side, tgt: Side, s0: number, s1: number, t0: number, t1: number): Array<[number, number]> {
  const count = (side: Side, from: number, to: number) => {
    const where = new Map<string, number>()
    for (let k = from; k < to; k++)
      for (const key of new Set(anchorKeys(side, k))) where.set(key, where.has(key) ? -1 : k)
    return where
  }
  const s = count(src, s0, s1)
  const t = count(tgt, t0, t1)
  const pts: Array<[number, number]> = []
  for (const [key, i] of s) {
    const j = t.get(key)
    if (i >= 0 && j !== undefined && j >= 0) pts.push([i, j])
  }
  return pts
}

/**
 * Anchors: units sharing a fact or label unique in the whole document pair,
 * then, around the path those give, unique within windows (a long document
 * repeats its numbers, but rarely within a few hundred sentences).
 */
export function findAnchors(src: Side, tgt: Side): Array<[number, number]> {
  const global = monotoneChain(uniqueMatches(src, tgt, 0, src.n, 0, tgt.n))
  if (src.n < 600) return global
  const guide = guidePath(src.n, tgt.n, src.len, tgt.len, global)
  const W = 300
  const pts: Array<[number, number]> = [...global]
  for (let s0 = 0; s0 < src.n; s0 += W) {
    const s1 = Math.min(src.n, s0 + W)
    const t0 = Math.max(0, Math.floor(guide[s0]) - W / 2)
    const t1 = Math.min(tgt.n, Math.ceil(guide[s1]) + W / 2)
    pts.push(...uniqueMatches(src, tgt, s0, s1, t0, t1))
  }
  return monotoneChain(pts)
}
