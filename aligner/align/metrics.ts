/** Strict and lax precision/recall/F1 as Vecalign and Bertalign report them (beads with an empty side left out). */
export interface Scores {
  precision: number
  recall: number
  f1: number
}
type B = { src: number[]; tgt: number[] }

const key = (b: B) => `${b.src.join(',')}:${b.tgt.join(',')}`

export function strictScores(test: B[], gold: B[]): Scores {
  const g = gold.filter((b) => b.src.length && b.tgt.length)
  const t = test.filter((b) => b.src.length && b.tgt.length)
  const gs = new Set(g.map(key))
  const ts = new Set(t.map(key))
  const tp = t.filter((b) => gs.has(key(b))).length
  const tpR = g.filter((b) => ts.has(key(b))).length
  return prf(tp / Math.max(1, t.length), tpR / Math.max(1, g.length))
}

/** Lax: a bead counts when it shares a (src, tgt) sentence pair with a bead of the other side. */
export function laxScores(test: B[], gold: B[]): Scores {
  const g = gold.filter((b) => b.src.length && b.tgt.length)
  const t = test.filter((b) => b.src.length && b.tgt.length)
  const pairs = (bs: B[]) => {
    const s = new Set<string>()
    for (const b of bs) for (const i of b.src) for (const j of b.tgt) s.add(`${i}:${j}`)
    return s
  }
  const gp = pairs(g)
  const tp = pairs(t)
  const hit = (b: B, set: Set<string>) => b.src.some((i) => b.tgt.some((j) => set.has(`${i}:${j}`)))
  return prf(t.filter((b) => hit(b, gp)).length / Math.max(1, t.length), g.filter((b) => hit(b, tp)).length / Math.max(1, g.length))
}

function prf(p: number, r: number): Scores {
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 }
}

export const fmt = (s: Scores) => `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`
