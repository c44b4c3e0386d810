import { describe, expect, it } from 'vitest'
import { bandAround, bandAroundPath, guidePath, monotoneChain } from './band.ts'

describe('search band', () => {
  it('keeps the longest chain of anchors increasing on both sides', () => {
    expect(monotoneChain([[0, 0], [5, 2], [2, 3], [3, 4], [4, 9], [6, 7]])).toEqual([[0, 0], [2, 3], [3, 4], [6, 7]])
    expect(monotoneChain([[1, 1], [1, 2], [2, 2]])).toHaveLength(2)
  })
  it('runs the guide through anchors and by cumulative length between them', () => {
    const g = guidePath(4, 8, [10, 10, 10, 10], [5, 5, 5, 5, 5, 5, 5, 5], [])
    expect(g[0]).toBe(0)
    expect(g[4]).toBe(8)
    expect(g[2]).toBeCloseTo(4, 0)
    const anchored = guidePath(4, 8, [10, 10, 10, 10], [5, 5, 5, 5, 5, 5, 5, 5], [[1, 6]])
    expect(anchored[1]).toBeCloseTo(6, 6)
  })
  it('makes a connected monotone band that contains the corners', () => {
    const b = bandAround(guidePath(50, 80, new Array(50).fill(10), new Array(80).fill(6), []), 80, 3)
    expect(b.lo[0]).toBe(0)
    expect(b.hi[50]).toBe(80)
    for (let i = 0; i < 50; i++) {
      expect(b.lo[i + 1]).toBeGreaterThanOrEqual(b.lo[i])
      expect(b.hi[i + 1]).toBeGreaterThanOrEqual(b.hi[i])
      expect(b.lo[i + 1]).toBeLessThanOrEqual(b.hi[i])
    }
  })
  it('follows a previous path', () => {
    const b = bandAroundPath([{ i0: 0, a: 1, j0: 0, b: 2 }, { i0: 1, a: 1, j0: 2, b: 1 }, { i0: 2, a: 0, j0: 3, b: 1 }], 2, 4, 1)
    expect([b.lo[1], b.hi[1]]).toEqual([1, 3])
    expect(b.hi[2]).toBe(4)
  })
})
