/**
 * The search band of the dynamic program: for each source position i (a DP
 * node row, 0..n), the target positions [lo[i], hi[i]] the path may visit.
 * Built around a guide path through anchor points, interpolated by
 * cumulative length between them, so the DP costs O((n + m) · width).
 */

export interface Band {
  lo: Int32Array
  hi: Int32Array
}

/** Longest chain of anchors increasing in both coordinates (patience sorting, O(k log k)). */
export function monotoneChain(points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const seen = new Set<string>()
  const pts: Array<[number, number]> = []
  for (const [x, y] of points) {
    const key = `${x},${y}`
    if (!seen.has(key)) {
      seen.add(key)
      pts.push([x, y])
    }
  }
  // x ascending, y descending within equal x: a strictly increasing run of y then never repeats an x
  pts.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const tails: number[] = []
  const tailIdx: number[] = []
  const prev = new Int32Array(pts.length).fill(-1)
  for (let k = 0; k < pts.length; k++) {
    const y = pts[k][1]
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tails[mid] < y) lo = mid + 1
      else hi = mid
    }
    tails[lo] = y
    tailIdx[lo] = k
    prev[k] = lo > 0 ? tailIdx[lo - 1] : -1
  }
  const out: Array<[number, number]> = []
  for (let k = tails.length ? tailIdx[tails.length - 1] : -1; k >= 0; k = prev[k]) out.push(pts[k])
  return out.reverse()
}

/**
 * Guide path: for each node row i (0..n), the expected target node position,
 * through (0,0), the anchors (unit i ↔ unit j gives nodes (i,j) and (i+1,j+1)),
 * and (n,m), interpolated by cumulative length.
 */
export function guidePath(n: number, m: number, srcLen: ArrayLike<number>, tgtLen: ArrayLike<number>, anchors: ReadonlyArray<readonly [number, number]>): Float64Array {
  const cumS = new Float64Array(n + 1)
  const cumT = new Float64Array(m + 1)
  for (let i = 0; i < n; i++) cumS[i + 1] = cumS[i] + srcLen[i] + 1
  for (let j = 0; j < m; j++) cumT[j + 1] = cumT[j] + tgtLen[j] + 1
  const pts: Array<[number, number]> = [[0, 0]]
  for (const [i, j] of anchors) {
    const last = pts[pts.length - 1]
    if (i >= last[0] && j >= last[1]) pts.push([i, j])
    if (i + 1 <= n && j + 1 <= m) pts.push([i + 1, j + 1])
  }
  if (pts[pts.length - 1][0] !== n || pts[pts.length - 1][1] !== m) pts.push([n, m])
  const guide = new Float64Array(n + 1)
  const tgtAt = (c: number) => {
    // fractional index where cumT reaches c
    let lo = 0
    let hi = m
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (cumT[mid] <= c) lo = mid
      else hi = mid - 1
    }
    if (lo >= m) return m
    const span = cumT[lo + 1] - cumT[lo]
    return lo + (span > 0 ? (c - cumT[lo]) / span : 0)
  }
  let k = 0
  for (let i = 0; i <= n; i++) {
    while (k < pts.length - 2 && pts[k + 1][0] <= i) k++
    const [i0, j0] = pts[k]
    const [i1, j1] = pts[Math.min(k + 1, pts.length - 1)]
    if (i1 === i0) {
      guide[i] = j1
      continue
    }
    const ds = cumS[i1] - cumS[i0]
    const f = ds > 0 ? (cumS[i] - cumS[i0]) / ds : (i - i0) / (i1 - i0)
    const c = cumT[j0] + f * (cumT[j1] - cumT[j0])
    guide[i] = Math.min(Math.max(tgtAt(c), j0), j1)
  }
  return guide
}

/**
 * Makes a band usable by the dynamic program: it starts at column 0 and ends at
 * column m, its edges never go back, and each row overlaps the next.
 */
function monotoneConnected(lo: Int32Array, hi: Int32Array, m: number): Band {
  const n = lo.length - 1
  lo[0] = 0
  hi[n] = m
  for (let i = 1; i <= n; i++) if (hi[i] < hi[i - 1]) hi[i] = hi[i - 1]
  for (let i = n - 1; i >= 0; i--) if (lo[i] > lo[i + 1]) lo[i] = lo[i + 1]
  for (let i = 0; i < n; i++) if (lo[i + 1] > hi[i]) lo[i + 1] = hi[i]
  return { lo, hi }
}

/** A band of half-width `width` around the guide, made monotone and connected. */
export function bandAround(guide: Float64Array, m: number, width: number): Band {
  const n = guide.length - 1
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.max(0, Math.floor(guide[i] - width))
    hi[i] = Math.min(m, Math.ceil(guide[i] + width))
  }
  return monotoneConnected(lo, hi, m)
}

/** The whole matrix. */
export function fullBand(n: number, m: number): Band {
  return { lo: new Int32Array(n + 1), hi: new Int32Array(n + 1).fill(m) }
}

/** A band of half-width `width` around a previous alignment path (its nodes after each bead). */
export function bandAroundPath(beads: ReadonlyArray<{ i0: number; a: number; j0: number; b: number }>, n: number, m: number, width: number): Band {
  const minJ = new Float64Array(n + 1).fill(Infinity)
  const maxJ = new Float64Array(n + 1).fill(-Infinity)
  const visit = (i: number, j: number) => {
    if (j < minJ[i]) minJ[i] = j
    if (j > maxJ[i]) maxJ[i] = j
  }
  visit(0, 0)
  for (const b of beads) {
    // nodes inside a multi-row bead lie on its diagonal
    for (let x = 1; x <= b.a; x++) visit(b.i0 + x, b.j0 + Math.round((b.b * x) / b.a))
    if (b.a === 0) visit(b.i0, b.j0 + b.b)
  }
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  let last = 0
  for (let i = 0; i <= n; i++) {
    if (minJ[i] === Infinity) {
      minJ[i] = last
      maxJ[i] = last
    }
    last = maxJ[i]
    lo[i] = Math.max(0, minJ[i] - width)
    hi[i] = Math.min(m, maxJ[i] + width)
  }
  return monotoneConnected(lo, hi, m)
}
