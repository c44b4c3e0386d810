/**
 * Confidence calibration: the engine's raw per-bead score (a logistic of the
 * bead's evidence) mapped to the probability that the bead is right, as
 * observed on damaged text with a known answer.
 *
 * The table was fitted once, offline, by test/fixtures/align/calibrate.ts
 * (UNPC devset windows, zh–en/fr/es/ru/ar and en–fr/ru/ar, damaged with
 * merges, deletions and page furniture at light, medium and heavy rates and
 * seeds the eval and the tests do not use); rerun it after changing how raw
 * confidence is computed and paste its output below.
 *
 * Rows: bead class (1-1, merge, one side empty, page furniture left alone) ×
 * neighbour bucket (lower raw confidence of the two adjacent beads < 0.5,
 * < 0.9, ≥ 0.9). Each row is a monotone piecewise-linear map given by knots
 * [raw, probability]; between knots it is interpolated, beyond them flat.
 */

/** table[class][neighbourBucket] = knots [raw, probability], raw ascending. */
export type CalibrationTable = Array<Array<Array<[number, number]>>>

// prettier-ignore
// fitted on 32465 beads (2026-11-27); held-out beads 32516: expected calibration error raw 0.0530, calibrated 0.0038
const FITTED: CalibrationTable = [
  // 1-1: neighbours < 0.5 | < 0.9 | ≥ 0.9
  [[[0.003,0.265],[0.073,0.93],[0.273,0.93],[0.426,0.945],[0.611,0.958],[1,0.958]],[[0.013,0.698],[0.066,0.928],[0.154,0.928],[0.288,0.955],[0.423,0.995],[0.994,0.995],[1,0.995]],[[0.012,0.699],[0.074,0.989],[0.421,0.989],[0.603,0.995],[0.785,0.995],[0.994,0.995],[1,0.995]]],
  // merge: neighbours < 0.5 | < 0.9 | ≥ 0.9
  [[[0.049,0.492],[0.301,0.492],[0.456,0.561],[0.588,0.687],[0.772,0.779],[0.917,0.779],[0.972,0.823],[0.994,0.823],[1,0.849]],[[0.094,0.819],[0.302,0.842],[0.428,0.91],[0.973,0.91],[0.994,0.921],[1,0.995]],[[0.034,0.822],[0.296,0.822],[0.438,0.838],[0.593,0.928],[0.976,0.928],[0.995,0.938],[1,0.99]]],
  // one side empty: neighbours < 0.5 | < 0.9 | ≥ 0.9
  [[[0.35,0.738]],[[0.35,0.928]],[[0.35,0.849]]],
  // page furniture left alone: neighbours < 0.5 | < 0.9 | ≥ 0.9
  [[[0.9,0.995]],[[0.9,0.995]],[[0.9,0.995]]],
]

let active: CalibrationTable | null = FITTED

/** Replaces the table (null: raw scores pass through); for the fitting script only. */
export function setCalibration(table: CalibrationTable | null): void {
  active = table
}

export const CLASS_ONE_ONE = 0
export const CLASS_MERGE = 1
export const CLASS_EMPTY = 2
export const CLASS_FURNITURE = 3

export function beadClass(a: number, b: number, furniture: boolean): number {
  if (a === 0 || b === 0) return furniture ? CLASS_FURNITURE : CLASS_EMPTY
  return a === 1 && b === 1 ? CLASS_ONE_ONE : CLASS_MERGE
}

export function neighbourBucket(neighbourRaw: number): number {
  return neighbourRaw < 0.5 ? 0 : neighbourRaw < 0.9 ? 1 : 2
}

/** Probability that a bead is right, from its class, its neighbours' bucket and its raw score. */
export function calibrate(cls: number, nbBucket: number, raw: number): number {
  const knots = active?.[cls]?.[nbBucket]
  if (!knots || knots.length === 0) return raw
  if (raw <= knots[0][0]) return knots[0][1]
  for (let k = 1; k < knots.length; k++) {
    const [x1, y1] = knots[k]
    if (raw <= x1) {
      const [x0, y0] = knots[k - 1]
      return x1 > x0 ? y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0) : y1
    }
  }
  return knots[knots.length - 1][1]
}
