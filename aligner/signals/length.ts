/**
 * Length evidence, as Gale and Church (1993) model it: the target length of a
 * bead is roughly `ratio × source length`, with a variance that grows with
 * length. Unlike the original (ratio 1, variance 6.8 for English–German), both
 * parameters are estimated from each document pair: Chinese to English is
 * about 1:3 in characters, Chinese to Arabic different again.
 */

/** Characters that carry text (whitespace excluded), the unit Gale–Church counts. */
export function textLength(text: string): number {
  let n = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0x3000) n++
  }
  return n
}

export interface LengthModel {
  /** Expected target length per source character. */
  ratio: number
  /** Variance per (mean) character of `target − ratio × source`. */
  variance: number
}

/** The ratio from total lengths; the variance from a default scaled to the ratio. */
export function initialLengthModel(srcLengths: ArrayLike<number>, tgtLengths: ArrayLike<number>): LengthModel {
  let s = 0
  let t = 0
  for (let k = 0; k < srcLengths.length; k++) s += srcLengths[k]
  for (let k = 0; k < tgtLengths.length; k++) t += tgtLengths[k]
  const ratio = s > 0 && t > 0 ? t / s : 1
  // Gale–Church's 6.8 is for ratio 1 in characters; translation between unrelated
  // languages varies more, so start wide and let estimateVariance narrow it.
  return { ratio, variance: 6.8 * Math.max(ratio, 1 / ratio) * 1.5 }
}

/** The normalised length difference δ of a bead with the given total lengths. */
export function lengthDelta(model: LengthModel, srcLength: number, tgtLength: number): number {
  const mean = (srcLength + tgtLength / model.ratio) / 2
  return (tgtLength - model.ratio * srcLength) / Math.sqrt(model.ratio * model.variance * (mean + 1))
}

/** −log of the two-sided normal tail probability of δ (0 at δ = 0, ≈ δ²/2 for large δ). */
export function lengthCost(delta: number): number {
  const d = Math.abs(delta)
  if (d < TABLE_MAX) {
    const x = d * TABLE_STEPS
    const k = Math.floor(x)
    const f = x - k
    return COST_TABLE[k] * (1 - f) + COST_TABLE[k + 1] * f
  }
  return exactLengthCost(d)
}

const TABLE_MAX = 16
const TABLE_STEPS = 64
const COST_TABLE = new Float64Array(TABLE_MAX * TABLE_STEPS + 2)

function exactLengthCost(d: number): number {
  // log(2·(1−Φ(d))) via an accurate erfc approximation (Abramowitz–Stegun 7.1.26 is too coarse in the tail).
  return -logErfc(d / Math.SQRT2)
}

function logErfc(x: number): number {
  if (x < 0.5) {
    // erfc(x) = 1 − erf(x); series for erf
    const t = x * x
    const erf = (2 / Math.sqrt(Math.PI)) * x * (1 - t / 3 + (t * t) / 10 - (t * t * t) / 42)
    return Math.log(1 - erf)
  }
  // Continued fraction (Lentz) for erfc, good for x ≥ 0.5
  const z = x
  let f = z
  let C = z
  let D = 0
  for (let k = 1; k < 60; k++) {
    const a = k / 2
    D = z + a * D
    D = 1 / D
    C = z + a / C
    const delta = C * D
    f *= delta
    if (Math.abs(delta - 1) < 1e-12) break
  }
  return -z * z - 0.5 * Math.log(Math.PI) - Math.log(f)
}

/**
 * Re-estimates the variance from beads believed correct (pairs of total
 * lengths), robustly: median of the squared normalised residual over the
 * median of χ²₁ (0.455).
 */
export function estimateVariance(model: LengthModel, beads: ReadonlyArray<readonly [number, number]>): LengthModel {
  if (beads.length < 20) return model
  const r: number[] = []
  for (const [s, t] of beads) {
    const mean = (s + t / model.ratio) / 2
    r.push(((t - model.ratio * s) ** 2) / (model.ratio * (mean + 1)))
  }
  r.sort((a, b) => a - b)
  const med = r[Math.floor(r.length / 2)]
  return { ratio: model.ratio, variance: Math.min(Math.max(med / 0.455, 1), 200) }
}

/** Re-estimates the ratio from beads believed correct. */
export function estimateRatio(model: LengthModel, beads: ReadonlyArray<readonly [number, number]>): LengthModel {
  if (beads.length < 20) return model
  let s = 0
  let t = 0
  for (const [a, b] of beads) {
    s += a
    t += b
  }
  return s > 0 && t > 0 ? { ratio: t / s, variance: model.variance } : model
}

for (let k = 0; k < COST_TABLE.length; k++) COST_TABLE[k] = exactLengthCost(k / TABLE_STEPS)
