/**
 * Damaged variants of pre-aligned (1-1) parallel text, with gold beads
 * adjusted, for evaluation and tests: sentences merged on one side (1-2, 2-1,
 * 1-3, 3-1), sentences missing on one side (1-0, 0-1), and page furniture
 * lines (page numbers, document symbols, job numbers, barcodes) inserted on
 * one side. Deterministic for a given seed.
 */
import type { Lang } from '../types.ts'

export interface DamageOptions {
  seed: number
  /** Probability that a position starts a merge on one side. */
  merge?: number
  /** Probability that a sentence is missing on one side. */
  delete?: number
  /** Probability of a furniture line before a position. */
  furniture?: number
}

export interface Damaged {
  src: string[]
  tgt: string[]
  gold: Array<{ src: number[]; tgt: number[] }>
}

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function furnitureLine(rand: () => number): string {
  const n = (k: number) => String(Math.floor(rand() * 10 ** k)).padStart(k, '0')
  const kinds = [
    () => String(1 + Math.floor(rand() * 300)),
    () => `A/${60 + Math.floor(rand() * 20)}/${1 + Math.floor(rand() * 900)}`,
    () => `E/CN.${[7, 15][Math.floor(rand() * 2)]}/20${n(2)}/${1 + Math.floor(rand() * 30)}`,
    () => `${n(2)}-${n(5)} (${['C', 'E', 'F', 'S', 'R', 'A'][Math.floor(rand() * 6)]})`,
    () => `GE.${n(2)}-${n(5)}`,
    () => `*${n(7)}*`,
    () => `V.${n(2)}-${n(5)}`,
  ]
  return kinds[Math.floor(rand() * kinds.length)]()
}

const join = (lang: Lang, parts: string[]) => (lang === 'zh' ? parts.join('') : parts.join(' '))

export function damage(src: readonly string[], tgt: readonly string[], srcLang: Lang, tgtLang: Lang, options: DamageOptions): Damaged {
  if (src.length !== tgt.length) throw new Error('damage: expects 1-1 parallel lines')
  const rand = seededRandom(options.seed)
  const pMerge = options.merge ?? 0.08
  const pDelete = options.delete ?? 0.03
  const pFurn = options.furniture ?? 0.03
  const out: Damaged = { src: [], tgt: [], gold: [] }
  const N = src.length
  let k = 0
  while (k < N) {
    if (rand() < pFurn) {
      const onSrc = rand() < 0.5
      const line = furnitureLine(rand)
      if (onSrc) {
        out.gold.push({ src: [out.src.length], tgt: [] })
        out.src.push(line)
      } else {
        out.gold.push({ src: [], tgt: [out.tgt.length] })
        out.tgt.push(line)
      }
    }
    const r = rand()
    if (r < pMerge && k + 1 < N) {
      const size = rand() < 0.25 && k + 2 < N ? 3 : 2
      const onSrc = rand() < 0.5
      const s0 = out.src.length
      const t0 = out.tgt.length
      if (onSrc) {
        out.src.push(join(srcLang, src.slice(k, k + size)))
        out.tgt.push(...tgt.slice(k, k + size))
        out.gold.push({ src: [s0], tgt: Array.from({ length: size }, (_, x) => t0 + x) })
      } else {
        out.tgt.push(join(tgtLang, tgt.slice(k, k + size)))
        out.src.push(...src.slice(k, k + size))
        out.gold.push({ src: Array.from({ length: size }, (_, x) => s0 + x), tgt: [t0] })
      }
      k += size
    } else if (r < pMerge + pDelete) {
      if (rand() < 0.5) {
        out.gold.push({ src: [out.src.length], tgt: [] })
        out.src.push(src[k])
      } else {
        out.gold.push({ src: [], tgt: [out.tgt.length] })
        out.tgt.push(tgt[k])
      }
      k++
    } else {
      out.gold.push({ src: [out.src.length], tgt: [out.tgt.length] })
      out.src.push(src[k])
      out.tgt.push(tgt[k])
      k++
    }
  }
  return out
}
