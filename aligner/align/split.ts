/**
 * Two good beads are not one: a bead with two or more units on each side (2-2, 2-3, 3-3) is tested
 * against its split into two consecutive beads. Within one paragraph the sentences share their topic,
 * so a merged bead gathers chance translations across its sentences (the union coverage of the lexical
 * model) and pays one length cost where two beads pay two: the dynamic program then prefers a 2-2 to two
 * 1-1 beads that are each plainly right. After the DP the merged bead is split when each part stands on
 * its own (its evidence, without shape prior, favours translation) and the parts pair straight better
 * than crossed (first source part with second target part); when it is kept, its confidence says how
 * likely the split would have been (`splitShare`).
 */
import type { DPResult } from './dp.ts'
import type { Scorer } from './scorer.ts'

type Piece = DPResult['beads'][number]

/** Evidence (negative log-likelihood ratio, no shape prior) a part must show to stand on its own: it favours translation. */
const STANDS = 0
/** Evidence beyond which a part is plainly no translation on its own (a bead that could be two has none). */
const PLAUSIBLE = 8
/** How much better the straight pairing must be than the crossed one. */
const STRAIGHT_MARGIN = 4

export interface Split {
  first: Piece
  second: Piece
  /** Evidence of each part, and of the crossed pairing of the same units. */
  evidence: [number, number]
  crossed: number
  /** Cost of the two parts (with their shape priors) minus the cost of the merged bead. */
  gain: number
}

function evidence(scorer: Scorer, i0: number, a: number, j0: number, b: number): number {
  const p = scorer.parts(i0, a, j0, b)
  return p.lex + p.len + p.facts + p.labels
}

/** The best split of a bead into two consecutive beads, each with units on both sides; null when it has none. */
export function bestSplit(bead: Piece, scorer: Scorer): Split | null {
  const { i0, a, j0, b } = bead
  if (a < 2 || b < 2) return null
  let best: Split | null = null
  for (let x = 1; x < a; x++)
    for (let y = 1; y < b; y++) {
      const e1 = evidence(scorer, i0, x, j0, y)
      const e2 = evidence(scorer, i0 + x, a - x, j0 + y, b - y)
      if (best && e1 + e2 >= best.evidence[0] + best.evidence[1]) continue
      const c1 = scorer.cost(i0, x, j0, y)
      const c2 = scorer.cost(i0 + x, a - x, j0 + y, b - y)
      const crossed = evidence(scorer, i0, x, j0 + y, b - y) + evidence(scorer, i0 + x, a - x, j0, y)
      best = {
        first: { i0, a: x, j0, b: y, cost: c1 },
        second: { i0: i0 + x, a: a - x, j0: j0 + y, b: b - y, cost: c2 },
        evidence: [e1, e2],
        crossed,
        gain: c1 + c2 - scorer.cost(i0, a, j0, b),
      }
    }
  return best
}

/** Whether the split's parts are two good beads. */
export function standsApart(split: Split): boolean {
  const [e1, e2] = split.evidence
  return e1 <= STANDS && e2 <= STANDS && e1 + e2 <= split.crossed - STRAIGHT_MARGIN
}

/** The DP's beads with every merged bead that is two good beads split (recursively). */
export function splitMerged(beads: readonly Piece[], scorer: Scorer): Piece[] {
  const out: Piece[] = []
  const visit = (bead: Piece) => {
    const split = bestSplit(bead, scorer)
    if (split && standsApart(split)) {
      visit(split.first)
      visit(split.second)
    } else out.push(bead)
  }
  for (const bead of beads) visit(bead)
  return out
}

/**
 * For a merged bead kept whole: the probability that it is two beads rather than one. From the costs of
 * the two readings (0 when it cannot be split, about 0.5 when they cost the same); and at least a half
 * when its parts pair straight far better than crossed and neither is plainly no translation on its own:
 * the bead could be two, and its confidence must say so.
 */
export function splitShare(bead: Piece, scorer: Scorer): number {
  const split = bestSplit(bead, scorer)
  if (!split) return 0
  const byCost = 1 / (1 + Math.exp(Math.min(50, split.gain)))
  const [e1, e2] = split.evidence
  return e1 <= PLAUSIBLE && e2 <= PLAUSIBLE && e1 + e2 <= split.crossed - STRAIGHT_MARGIN ? Math.max(byCost, 0.5) : byCost
}
