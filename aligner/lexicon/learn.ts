/**
 * A bilingual lexicon learned from the corpus itself, as hunalign does: align
 * once without it, count which source and target words co-occur in confident
 * beads, keep the pairs whose Dice coefficient is high, then realign with it.
 * This gives zh–fr/es/ru/ar the lexical evidence that only zh–en has from a
 * dictionary.
 */
import type { Lang } from '../types.ts'

/** Source token → target tokens that translate it (tokens as aligner/lexicon/tokens.ts makes them). */
export interface Lexicon {
  srcLang: Lang
  tgtLang: Lang
  entries: ReadonlyMap<string, readonly string[]>
}

export interface LearnOptions {
  /** Minimum number of beads a pair must co-occur in (default 2). */
  minCount?: number
  /** Minimum Dice coefficient (default 0.25). */
  minDice?: number
  /** Translations kept per source token (default 3). */
  maxPerWord?: number
  /** Distinct tokens per side and bead considered (default 48); long beads add noise, not evidence. */
  maxTokensPerBead?: number
}

/** Learns a lexicon from token lists of aligned beads (each pair: source tokens, target tokens). */
export function learnLexicon(pairs: ReadonlyArray<readonly [readonly string[], readonly string[]]>, srcLang: Lang, tgtLang: Lang, options: LearnOptions = {}): Lexicon {
  const srcIds = new Map<string, number>()
  const tgtIds = new Map<string, number>()
  const srcWords: string[] = []
  const tgtWords: string[] = []
  const toIds = (tokens: readonly string[], ids: Map<string, number>, words: string[]) => {
    const out = new Set<number>()
    for (const t of tokens) {
      let id = ids.get(t)
      if (id === undefined) {
        ids.set(t, (id = words.length))
        words.push(t)
      }
      out.add(id)
    }
    return Int32Array.from(out)
  }
  const beads = pairs.map(([s, t]) => [toIds(s, srcIds, srcWords), toIds(t, tgtIds, tgtWords)] as const)
  return learnLexiconFromIds(beads, srcWords, tgtWords, srcLang, tgtLang, options)
}

/**
 * The same on interned tokens: each bead gives the distinct token ids of each
 * side; `srcWords[id]` / `tgtWords[id]` name them.
 */
export function learnLexiconFromIds(
  beads: ReadonlyArray<readonly [Int32Array, Int32Array]>,
  srcWords: readonly string[],
  tgtWords: readonly string[],
  srcLang: Lang,
  tgtLang: Lang,
  options: LearnOptions = {},
): Lexicon {
  const minCount = options.minCount ?? 2
  const minDice = options.minDice ?? 0.25
  const maxPer = options.maxPerWord ?? 3
  const cap = options.maxTokensPerBead ?? 48
  const srcFreq = new Int32Array(srcWords.length)
  const tgtFreq = new Int32Array(tgtWords.length)
  for (const [a, b] of beads) {
    for (let k = 0; k < a.length && k < cap; k++) srcFreq[a[k]]++
    for (let k = 0; k < b.length && k < cap; k++) tgtFreq[b[k]]++
  }
  // Co-occurrences in an open-addressing hash table keyed by (src, tgt): no per-pair objects.
  let total = 0
  const keptSrc: number[][] = []
  const keptTgt: number[][] = []
  for (const [sa, sb] of beads) {
    const a: number[] = []
    const b: number[] = []
    for (let k = 0; k < sa.length && k < cap; k++) if (srcFreq[sa[k]] >= minCount) a.push(sa[k])
    for (let k = 0; k < sb.length && k < cap; k++) if (tgtFreq[sb[k]] >= minCount) b.push(sb[k])
    keptSrc.push(a)
    keptTgt.push(b)
    total += a.length * b.length
  }
  let size = 1024
  while (size < total * 1.5) size *= 2
  const keyX = new Int32Array(size).fill(-1)
  const keyY = new Int32Array(size)
  const count = new Int32Array(size)
  const mask = size - 1
  for (let k = 0; k < keptSrc.length; k++) {
    const b = keptTgt[k]
    for (const x of keptSrc[k]) {
      const hx = Math.imul(x, 0x9e3779b1)
      for (const y of b) {
        let h = (hx ^ Math.imul(y, 0x85ebca6b)) & mask
        while (keyX[h] !== -1 && (keyX[h] !== x || keyY[h] !== y)) h = (h + 1) & mask
        if (keyX[h] === -1) {
          keyX[h] = x
          keyY[h] = y
        }
        count[h]++
      }
    }
  }
  const best = new Map<number, Array<[number, number]>>()
  for (let h = 0; h < size; h++) {
    const c = count[h]
    if (c < minCount) continue
    const x = keyX[h]
    const y = keyY[h]
    const dice = (2 * c) / (srcFreq[x] + tgtFreq[y])
    if (dice < minDice) continue
    let list = best.get(x)
    if (!list) best.set(x, (list = []))
    list.push([y, dice])
  }
  const entries = new Map<string, string[]>()
  for (const [x, list] of best) {
    list.sort((p, q) => q[1] - p[1])
    const top = list[0][1]
    entries.set(
      srcWords[x],
      list
        .filter((p) => p[1] >= top * 0.6)
        .slice(0, maxPer)
        .map((p) => tgtWords[p[0]]),
    )
  }
  return { srcLang, tgtLang, entries }
}

/** Merges lexicons of the same language pair (translations of later ones appended). */
export function mergeLexicons(a: Lexicon, b: Lexicon): Lexicon {
  const entries = new Map<string, readonly string[]>(a.entries)
  for (const [k, v] of b.entries) {
    const prev = entries.get(k)
    entries.set(k, prev ? [...new Set([...prev, ...v])] : v)
  }
  return { srcLang: a.srcLang, tgtLang: a.tgtLang, entries }
}
