/**
 * The lexical model of a pair of sides: which source words translate to which target tokens (identical
 * Latin tokens, CC-CEDICT for Chinese, a learned lexicon), and, for the cells of a band, which tokens of
 * each unit find a translation in the other (bit masks); the rates at which they do in true and in
 * unrelated pairs.
 */
import type { Lang } from '../types.ts'
import { isLatinLang } from '../signals/words.ts'
import { chineseDictionary } from '../lexicon/cedict.ts'
import type { Lexicon } from '../lexicon/learn.ts'
import type { Band } from './band.ts'
import { EMPTY, sideVocab, vocabWords, type Side } from './units.ts'

export interface LexicalModel {
  /** Translations of each source word, as target vocabulary ids. */
  trans: Int32Array[]
  /** Per source unit, its translatable words: srcWord[srcStart[i] .. srcStart[i + 1]). */
  srcStart: Int32Array
  srcWord: Int32Array
  dS: Int32Array
  /** Per target unit, its tokens that some source word translates to: tgtTok[tgtStart[j] .. tgtStart[j + 1]). */
  tgtStart: Int32Array
  tgtTok: Int32Array
  dT: Int32Array
  vocabSize: number
}

/**
 * Translations of each source word that need no learning (identical Latin
 * tokens, CC-CEDICT glosses), as target vocabulary ids: the same for every
 * pass over a pair of sides, so computed once per pair.
 */
const baseTranslations = new WeakMap<Side, WeakMap<Side, Int32Array[]>>()
function fixedTranslations(src: Side, tgt: Side, srcLang: Lang, tgtLang: Lang): Int32Array[] {
  let byTgt = baseTranslations.get(src)
  const hit = byTgt?.get(tgt)
  if (hit) return hit
  const vocab = tgt.vocab.ids
  // zh–en: the dictionary; zh–fr/es: its English glosses still meet French and Spanish cognates (développement ~ development)
  const dict = srcLang === 'zh' && isLatinLang(tgtLang) ? chineseDictionary() : null
  const identityAll = isLatinLang(srcLang) && isLatinLang(tgtLang)
  const words = vocabWords(src)
  const trans: Int32Array[] = new Array(words.length)
  const scratch: number[] = []
  for (let w = 0; w < words.length; w++) {
    const word = words[w]
    scratch.length = 0
    if (identityAll || (word.charCodeAt(0) >= 97 && word.charCodeAt(0) <= 122)) {
      const id = vocab.get(word)
      if (id !== undefined) scratch.push(id)
    }
    if (dict)
      for (const e of dict.english(word)) {
        const id = vocab.get(e)
        if (id !== undefined && !scratch.includes(id)) scratch.push(id)
      }
    trans[w] = scratch.length ? Int32Array.from(scratch) : EMPTY
  }
  if (!byTgt) baseTranslations.set(src, (byTgt = new WeakMap()))
  byTgt.set(tgt, trans)
  return trans
}

export function buildLexicalModel(src: Side, tgt: Side, srcLang: Lang, tgtLang: Lang, lexicon: Lexicon | null): LexicalModel {
  const { ids: vocab, start: tgtRawStart, tok: tgtRaw } = sideVocab(tgt)
  const sv = sideVocab(src)
  const base = fixedTranslations(src, tgt, srcLang, tgtLang)
  // translations per distinct source word (by the source side's vocabulary ids): fixed ones plus learned ones
  let trans = base
  if (lexicon && lexicon.entries.size) {
    trans = base.slice()
    const srcIds = sv.ids
    const scratch: number[] = []
    for (const [word, learned] of lexicon.entries) {
      const w = srcIds.get(word)
      if (w === undefined) continue
      scratch.length = 0
      for (const e of learned) {
        const id = vocab.get(e)
        if (id !== undefined && !scratch.includes(id) && !base[w].includes(id)) scratch.push(id)
      }
      if (scratch.length) {
        const merged = new Int32Array(base[w].length + scratch.length)
        merged.set(base[w])
        merged.set(scratch, base[w].length)
        trans[w] = merged
      }
    }
  }
  const reachable = new Uint8Array(vocab.size)
  const srcStart = new Int32Array(src.n + 1)
  const srcWord = new Int32Array(sv.tok.length)
  const dS = new Int32Array(src.n)
  let ns = 0
  for (let i = 0; i < src.n; i++) {
    for (let k = sv.start[i]; k < sv.start[i + 1]; k++) {
      const w = sv.tok[k]
      const tr = trans[w]
      if (tr.length === 0) continue
      srcWord[ns++] = w
      for (let q = 0; q < tr.length; q++) reachable[tr[q]] = 1
    }
    srcStart[i + 1] = ns
    dS[i] = ns - srcStart[i]
  }
  const tgtStart = new Int32Array(tgt.n + 1)
  const tgtTok = new Int32Array(tgtRaw.length)
  const dT = new Int32Array(tgt.n)
  let nt = 0
  for (let j = 0; j < tgt.n; j++) {
    for (let k = tgtRawStart[j]; k < tgtRawStart[j + 1]; k++) if (reachable[tgtRaw[k]] === 1) tgtTok[nt++] = tgtRaw[k]
    tgtStart[j + 1] = nt
    dT[j] = nt - tgtStart[j]
  }
  return { trans, srcStart, srcWord: srcWord.subarray(0, ns), dS, tgtStart, tgtTok: tgtTok.subarray(0, nt), dT, vocabSize: vocab.size }
}

/**
 * Pairwise lexical matches for the cells (i, j) of a band: how many of source
 * unit i's translatable tokens find a translation in target unit j (mS), and
 * how many of j's tokens are translations of something in i (mT).
 */
export interface CellCache {
  start: Int32Array
  lo: Int32Array
  hi: Int32Array
  /** Bits of source i's tokens translated in j. */
  mS: Int32Array
  /** Bits of target j's tokens translating something in i. */
  mT: Int32Array
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

export function buildCells(lex: LexicalModel, n: number, m: number, band: Band, maxRun: number): CellCache {
  const lo = new Int32Array(n)
  const hi = new Int32Array(n)
  const start = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    lo[i] = band.lo[Math.max(0, i - maxRun + 1)]
    hi[i] = Math.min(m - 1, band.hi[Math.min(n, i + maxRun)])
    start[i + 1] = start[i] + Math.max(0, hi[i] - lo[i] + 1)
  }
  const total = start[n]
  const mS = new Int32Array(total)
  const mT = new Int32Array(total)
  const stamp = new Int32Array(lex.vocabSize).fill(-1)
  const mask = new Int32Array(lex.vocabSize)
  const { trans, srcStart, srcWord, tgtStart, tgtTok } = lex
  for (let i = 0; i < n; i++) {
    const d = lex.dS[i]
    if (d === 0) continue
    const s0 = srcStart[i]
    for (let p = 0; p < d; p++) {
      const bit = 1 << (d > 32 ? Math.floor((p * 32) / d) : p)
      const tr = trans[srcWord[s0 + p]]
      for (let k = 0; k < tr.length; k++) {
        const y = tr[k]
        if (stamp[y] !== i) {
          stamp[y] = i
          mask[y] = 0
        }
        mask[y] |= bit
      }
    }
    const base = start[i] - lo[i]
    for (let j = lo[i]; j <= hi[i]; j++) {
      const t0 = tgtStart[j]
      const dt = tgtStart[j + 1] - t0
      let hit = 0
      let or = 0
      for (let k = 0; k < dt; k++) {
        const y = tgtTok[t0 + k]
        if (stamp[y] === i) {
          hit |= 1 << (dt > 32 ? Math.floor((k * 32) / dt) : k)
          or |= mask[y]
        }
      }
      mT[base + j] = hit
      mS[base + j] = or
    }
  }
  return { start, lo, hi, mS, mT }
}

export function estimateLexicalRates(lex: LexicalModel, cells: CellCache, n: number): { good: number; chance: number } {
  // chance: pairs far from each other; good: best cell of each row (its likely partner)
  let goodSum = 0
  let goodN = 0
  let chanceHits = 0
  let chanceTot = 0
  const step = Math.max(1, Math.floor(n / 400))
  for (let i = 0; i < n; i += step) {
    const lo = cells.lo[i]
    const hi = cells.hi[i]
    if (hi < lo) continue
    let best = -1
    for (let j = lo; j <= hi; j++) {
      const d = lex.dS[i] + lex.dT[j]
      if (d < 6) continue
      const k = cells.start[i] + j - lo
      const hits = popcount(cells.mS[k]) + popcount(cells.mT[k])
      const dd = Math.min(lex.dS[i], 32) + Math.min(lex.dT[j], 32)
      const r = hits / dd
      if (r > best) best = r
      // a cell away from the best diagonal estimate serves as chance
      if ((j - lo) % 7 === 3) {
        chanceHits += hits
        chanceTot += dd
      }
    }
    if (best >= 0) {
      goodSum += best
      goodN++
    }
  }
  const chance = chanceTot > 0 ? Math.min(Math.max(chanceHits / chanceTot, 0.01), 0.4) : 0.05
  const good = goodN > 0 ? Math.min(Math.max(goodSum / goodN, chance + 0.1), 0.95) : chance + 0.1
  return { good, chance }
}
