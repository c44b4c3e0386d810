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
  const minCount = options.minCount ?? 2
  const minDice = options.minDice ?? 0.25
  const maxPer = options.maxPerWord ?? 3
  const cap = options.maxTokensPerBead ?? 48
  const srcIds = new Map<string, number>()
  const tgtIds = new Map<string, number>()
  const srcWords: string[] = []
  const tgtWords: string[] = []
  const srcFreq: number[] = []
  const tgtFreq: number[] = []
  const intern = (w: string, ids: Map<string, number>, words: string[], freq: number[]) => {
    let id = ids.get(w)
    if (id === undefined) {
      id = words.length
      ids.set(w, id)
      words.push(w)
      freq.push(0)
    }
    return id
  }
  const uniq = (tokens: readonly string[], ids: Map<string, number>, words: string[], freq: number[]) => {
    const seen = new Set<number>()
    for (const t of tokens) {
      if (seen.size >= cap) break
      seen.add(intern(t, ids, words, freq))
    }
    return [...seen]
  }
  // Intern and count document frequencies first; a pair needs both words seen minCount times.
  const srcBeads: number[][] = []
  const tgtBeads: number[][] = []
  for (const [s, t] of pairs) {
    const a = uniq(s, srcIds, srcWords, srcFreq)
    const b = uniq(t, tgtIds, tgtWords, tgtFreq)
    for (const x of a) srcFreq[x]++
    for (const y of b) tgtFreq[y]++
    srcBeads.push(a)
    tgtBeads.push(b)
  }
  // Co-occurrences as sorted numeric keys (src * STRIDE + tgt): no per-pair objects.
  const STRIDE = 1 << 21
  let keys = new Float64Array(1 << 16)
  let nk = 0
  for (let k = 0; k < srcBeads.length; k++) {
    const a = srcBeads[k].filter((x) => srcFreq[x] >= minCount)
    const b = tgtBeads[k].filter((y) => tgtFreq[y] >= minCount)
    if (nk + a.length * b.length > keys.length) {
      const bigger = new Float64Array(Math.max(keys.length * 2, nk + a.length * b.length))
      bigger.set(keys.subarray(0, nk))
      keys = bigger
    }
    for (const x of a) {
      const base = x * STRIDE
      for (const y of b) keys[nk++] = base + y
    }
  }
  const sorted = keys.subarray(0, nk).sort()
  const best = new Map<number, Array<[number, number]>>()
  for (let k = 0; k < nk; ) {
    const key = sorted[k]
    let c = 0
    while (k < nk && sorted[k] === key) {
      c++
      k++
    }
    if (c < minCount) continue
    const x = Math.floor(key / STRIDE)
    const y = key - x * STRIDE
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
