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
  // Co-occurrences per source word: an inverted index (beads of each source word), then one dense
  // counter over the target vocabulary per source word, reset through the list of touched ids.
  const keptTgt: Int32Array[] = new Array(beads.length)
  const occStart = new Int32Array(srcWords.length + 1)
  for (let k = 0; k < beads.length; k++) {
    const [sa, sb] = beads[k]
    let nb = 0
    const b = new Int32Array(Math.min(sb.length, cap))
    for (let q = 0; q < sb.length && q < cap; q++) if (tgtFreq[sb[q]] >= minCount) b[nb++] = sb[q]
    keptTgt[k] = nb === b.length ? b : b.subarray(0, nb)
    if (nb === 0) continue
    for (let q = 0; q < sa.length && q < cap; q++) if (srcFreq[sa[q]] >= minCount) occStart[sa[q] + 1]++
  }
  for (let x = 0; x < srcWords.length; x++) occStart[x + 1] += occStart[x]
  const occ = new Int32Array(occStart[srcWords.length])
  const fill = occStart.slice(0, srcWords.length)
  for (let k = 0; k < beads.length; k++) {
    if (keptTgt[k].length === 0) continue
    const sa = beads[k][0]
    for (let q = 0; q < sa.length && q < cap; q++) if (srcFreq[sa[q]] >= minCount) occ[fill[sa[q]]++] = k
  }
  const counter = new Int32Array(tgtWords.length)
  const touched = new Int32Array(tgtWords.length)
  const best = new Map<number, Array<[number, number]>>()
  for (let x = 0; x < srcWords.length; x++) {
    const from = occStart[x]
    const to = occStart[x + 1]
    if (to - from < minCount) continue
    let nt = 0
    for (let o = from; o < to; o++) {
      const b = keptTgt[occ[o]]
      for (let q = 0; q < b.length; q++) {
        const y = b[q]
        if (counter[y]++ === 0) touched[nt++] = y
      }
    }
    let list: Array<[number, number]> | undefined
    for (let t = 0; t < nt; t++) {
      const y = touched[t]
      const c = counter[y]
      counter[y] = 0
      if (c < minCount) continue
      const dice = (2 * c) / (srcFreq[x] + tgtFreq[y])
      if (dice < minDice) continue
      if (!list) best.set(x, (list = []))
      list.push([y, dice])
    }
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
