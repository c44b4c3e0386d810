import { describe, expect, it } from 'vitest'
import { estimateVariance, initialLengthModel, lengthCost, lengthDelta, textLength } from './length.ts'

describe('Gale–Church length evidence', () => {
  it('counts characters without whitespace', () => {
    expect(textLength('联合国 改革')).toBe(5)
    expect(textLength('No reform')).toBe(8)
  })
  it('costs nothing at the expected length and grows like δ²/2', () => {
    expect(lengthCost(0)).toBeCloseTo(0, 6)
    expect(lengthCost(1)).toBeCloseTo(1.1479, 3) // −log(2(1−Φ(1)))
    expect(lengthCost(-2)).toBeCloseTo(3.09, 2)
    expect(lengthCost(30)).toBeGreaterThan(450)
  })
  it('estimates the ratio per document pair', () => {
    const zh = [20, 40, 30]
    const en = [60, 120, 90]
    const m = initialLengthModel(zh, en)
    expect(m.ratio).toBeCloseTo(3, 6)
    expect(lengthDelta(m, 30, 90)).toBeCloseTo(0, 6)
    expect(Math.abs(lengthDelta(m, 30, 30))).toBeGreaterThan(Math.abs(lengthDelta(m, 30, 80)))
  })
  it('narrows the variance from beads that agree', () => {
    const m = initialLengthModel([100], [300])
    const beads = Array.from({ length: 50 }, (_, k) => [100 + k, 3 * (100 + k) + (k % 3) - 1] as const)
    expect(estimateVariance(m, beads).variance).toBeLessThan(m.variance)
  })
})
