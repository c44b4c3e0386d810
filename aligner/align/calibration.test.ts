import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { calibrate, CLASS_EMPTY, CLASS_MERGE, CLASS_ONE_ONE } from './calibration.ts'
import { alignSentences } from './sentences.ts'
import { parseBeads } from './beads.ts'
import type { Lang } from '../types.ts'

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../test/fixtures/align/${name}`, import.meta.url)), 'utf8')
const lines = (name: string) => fixture(name).replace(/\n$/, '').split('\n')

describe('confidence calibration', () => {
  it('is monotone in the raw score and stays within (0, 1)', () => {
    for (const cls of [CLASS_ONE_ONE, CLASS_MERGE, CLASS_EMPTY])
      for (const nb of [0, 1, 2]) {
        let prev = 0
        for (let raw = 0; raw <= 1.0001; raw += 0.01) {
          const p = calibrate(cls, nb, raw)
          expect(p).toBeGreaterThan(0)
          expect(p).toBeLessThan(1)
          expect(p).toBeGreaterThanOrEqual(prev)
          prev = p
        }
      }
  })
  it('means "probability this bead is right" on damaged text it was not fitted on', () => {
    for (const l of ['en', 'ru'] as Lang[]) {
      const gold = new Set(parseBeads(fixture(`zh-${l}.gold.align`)).map((b) => `${b.src}:${b.tgt}`))
      const r = alignSentences(lines(`zh-${l}.zh.txt`), lines(`zh-${l}.${l}.txt`), { srcLang: 'zh', tgtLang: l })
      const right = r.beads.filter((b) => gold.has(`${b.src}:${b.tgt}`)).length / r.beads.length
      const mean = r.beads.reduce((a, b) => a + b.confidence, 0) / r.beads.length
      expect(Math.abs(mean - right), `zh–${l}: mean confidence ${mean.toFixed(3)}, right ${right.toFixed(3)}`).toBeLessThan(0.04)
      // doubtful beads are wrong more often than sure ones
      const acc = (f: (c: number) => boolean) => {
        const xs = r.beads.filter((b) => f(b.confidence))
        return xs.filter((b) => gold.has(`${b.src}:${b.tgt}`)).length / Math.max(1, xs.length)
      }
      expect(acc((c) => c >= 0.9)).toBeGreaterThan(acc((c) => c < 0.9))
    }
  })
})
