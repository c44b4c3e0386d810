/**
 * The alignment engine: one dynamic program over beads, used for paragraphs
 * and for sentences alike. Each bead's cost adds up evidence as negative
 * log-likelihood ratios ("how much likelier is this bead under translation
 * than under chance"):
 *   - length (Gale–Church, ratio and variance estimated per document pair),
 *   - lexical coverage (CC-CEDICT for zh–en, a learned lexicon, identical tokens),
 *   - facts (numbers, dates, percentages, symbols, resolutions, names),
 *   - structure labels (paragraph numbers, items, chapter headings),
 *   - page furniture (free to leave unaligned, costly to merge),
 *   - a prior per bead shape (re-estimated after the first pass).
 * Anchors (facts and labels unique on both sides) give a guide path; the DP
 * runs in a band around it, widened where the best path touches its edge.
 */
import type { Bead, Lang } from '../types.ts'
import { extractFacts } from '../signals/facts.ts'
import { isFurniture } from '../signals/furniture.ts'
import { extractLabel } from '../signals/labels.ts'
import { estimateRatio, estimateVariance, initialLengthModel, lengthCost, lengthDelta, textLength, type LengthModel } from '../signals/length.ts'
import { isLatinLang } from '../signals/words.ts'
import { chineseDictionary } from '../lexicon/cedict.ts'
import { learnLexiconFromIds, mergeLexicons, type Lexicon } from '../lexicon/learn.ts'
import { lexicalTokens } from '../lexicon/tokens.ts'
import { beadClass, calibrate, neighbourBucket } from './calibration.ts'
import { bandAround, bandAroundPath, fullBand, guidePath, monotoneChain, type Band } from './band.ts'

/** One unit to align (a sentence or a paragraph). */
export interface AlignUnit {
  text: string
  /** Normalised structure label key (`p:99`, `h:13`, `i:a`); undefined = read it from the text. */
  label?: string | null
  /** Page furniture; undefined = decide from the text. */
  furniture?: boolean
}

export type Shape = readonly [number, number]

export const SENTENCE_SHAPES: readonly Shape[] = [
  [1, 1], [1, 0], [0, 1], [1, 2], [2, 1], [2, 2], [1, 3], [3, 1], [1, 4], [4, 1],
]
export const PARAGRAPH_SHAPES: readonly Shape[] = [
  ...SENTENCE_SHAPES, [2, 3], [3, 2], [1, 5], [5, 1], [3, 3],
]

const DEFAULT_PRIOR: Record<string, number> = {
  '1-1': 0, '1-2': 1.5, '2-1': 1.5, '2-2': 3.5, '1-3': 3, '3-1': 3, '1-4': 4.5, '4-1': 4.5,
  '2-3': 5, '3-2': 5, '1-5': 6, '5-1': 6, '3-3': 6.5,
}

export interface EngineOptions {
  srcLang: Lang
  tgtLang: Lang
  /** Extra lexicon (src token → tgt tokens). */
  lexicon?: Lexicon
  shapes?: readonly Shape[]
  /** Learn a lexicon from a first pass and realign (default: when there are ≥ 40 units a side). */
  learn?: boolean
  /** Length model to start from (e.g. the document's, for sentences inside a paragraph). */
  lengthModel?: LengthModel
  /**
   * A trusted earlier alignment of these units (e.g. composed through a pivot
   * language): it replaces the first pass — its beads guide the band and teach
   * the lexicon — so only one, narrow pass runs.
   */
  guide?: ReadonlyArray<Pick<Bead, 'src' | 'tgt'>>
}

export interface EngineResult {
  beads: Bead[]
  lexicon: Lexicon | null
  lengthModel: LengthModel
}

// ---------------------------------------------------------------- features

interface Side {
  n: number
  len: Float64Array
  /** Strict fact ids (numbers, dates, percentages, symbols, resolutions). */
  facts: Int32Array[]
  /** Name/acronym fact ids. */
  names: Int32Array[]
  /** Label id or -1. */
  label: Int32Array
  furniture: Uint8Array
  /**
   * The side's vocabulary and each unit's distinct token ids, packed: unit k's ids are
   * tok[start[k] .. start[k + 1]) (one array for the side, not one per unit; token
   * strings are not kept: they dominate memory).
   */
  vocab: { ids: Map<string, number>; start: Int32Array; tok: Int32Array }
}

function sideVocab(side: Side): Side['vocab'] {
  return side.vocab
}

const EMPTY = new Int32Array(0)

/** 32-bit FNV-1a hash: fact and label keys as numbers, the same in every pair (collisions are negligible). */
function hashKey(key: string): number {
  let h = 0x811c9dc5
  for (let k = 0; k < key.length; k++) {
    h ^= key.charCodeAt(k)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 1
}

/** Prepared sides, by unit list identity and language: a version aligned against five others is prepared once. */
const sideCache = new WeakMap<readonly AlignUnit[], Map<Lang, Side>>()

function prepareSide(units: readonly AlignUnit[], lang: Lang): Side {
  let byLang = sideCache.get(units)
  const hit = byLang?.get(lang)
  if (hit) return hit
  const side = computeSide(units, lang)
  if (!byLang) sideCache.set(units, (byLang = new Map()))
  byLang.set(lang, side)
  return side
}

interface UnitFeatures {
  lang: Lang
  len: number
  facts: Int32Array
  names: Int32Array
  label: number
  furniture: number
}

/**
 * Features of one unit, kept on the unit object under a symbol: a sentence aligned against
 * five languages is read once. (A WeakMap with hundreds of thousands of keys made every
 * major garbage collection walk its ephemeron table.)
 */
const FEATURES = Symbol('sixfold.unitFeatures')
type CarriesFeatures = AlignUnit & { [FEATURES]?: UnitFeatures }

function unitFeatures(u: AlignUnit, lang: Lang): UnitFeatures {
  const hit = (u as CarriesFeatures)[FEATURES]
  if (hit && hit.lang === lang) return hit
  const facts = extractFacts(u.text, lang)
  const strict: number[] = []
  const names: number[] = []
  for (const f of facts) (f.kind === 'name' ? names : strict).push(hashKey(`${f.kind}:${f.value}`))
  const label = u.label !== undefined ? u.label : (extractLabel(u.text, lang)?.key ?? null)
  const furniture = (u.furniture ?? isFurniture(u.text)) ? 1 : 0
  const out: UnitFeatures = {
    lang,
    len: textLength(u.text),
    facts: strict.length ? Int32Array.from(strict).sort() : EMPTY,
    names: names.length ? Int32Array.from(names).sort() : EMPTY,
    label: label ? hashKey(label) : -1,
    furniture,
  }
  if (Object.isExtensible(u)) (u as CarriesFeatures)[FEATURES] = out
  return out
}

const TOKENS = Symbol('sixfold.unitTokens')
function cachedTokens(u: CarriesFeatures & { [TOKENS]?: { lang: Lang; tokens: string[] } }, lang: Lang): string[] {
  const hit = u[TOKENS]
  if (hit && hit.lang === lang) return hit.tokens
  const tokens = lexicalTokens(u.text, lang)
  if (Object.isExtensible(u)) u[TOKENS] = { lang, tokens }
  return tokens
}

function computeSide(units: readonly AlignUnit[], lang: Lang): Side {
  const n = units.length
  const side: Side = {
    n,
    len: new Float64Array(n),
    facts: new Array(n),
    names: new Array(n),
    label: new Int32Array(n).fill(-1),
    furniture: new Uint8Array(n),
    vocab: { ids: new Map(), start: new Int32Array(n + 1), tok: EMPTY },
  }
  const ids = side.vocab.ids
  // The sentences of a paragraph bead are aligned again for every language pair: a small side keeps its
  // units' tokens on them (a large one would hold too much memory for what it saves).
  const small = n <= 64
  // distinct ids per unit without a Set per unit: the unit that last saw each id
  let lastSeen = new Int32Array(1024).fill(-1)
  let tok = new Int32Array(Math.max(1024, n * 8))
  let used = 0
  const start = side.vocab.start
  for (let k = 0; k < n; k++) {
    const f = unitFeatures(units[k], lang)
    side.len[k] = f.len
    side.facts[k] = f.facts
    side.names[k] = f.names
    side.label[k] = f.label
    side.furniture[k] = f.furniture
    if (!f.furniture) {
      const tokens = small ? cachedTokens(units[k] as CarriesFeatures, lang) : lexicalTokens(units[k].text, lang)
      for (let q = 0; q < tokens.length; q++) {
        const t = tokens[q]
        let id = ids.get(t)
        if (id === undefined) {
          ids.set(t, (id = ids.size))
          if (id >= lastSeen.length) {
            const grown = new Int32Array(lastSeen.length * 2).fill(-1)
            grown.set(lastSeen)
            lastSeen = grown
          }
        }
        if (lastSeen[id] !== k) {
          lastSeen[id] = k
          if (used === tok.length) {
            const grown = new Int32Array(tok.length * 2)
            grown.set(tok)
            tok = grown
          }
          tok[used++] = id
        }
      }
    }
    start[k + 1] = used
  }
  side.vocab.tok = tok.slice(0, used)
  return side
}

// ---------------------------------------------------------------- lexical model

interface LexicalModel {
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

/** Words of a side's vocabulary by id. */
const wordLists = new WeakMap<Side, string[]>()
function vocabWords(side: Side): string[] {
  let words = wordLists.get(side)
  if (!words) wordLists.set(side, (words = [...side.vocab.ids.keys()]))
  return words
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

function buildLexicalModel(src: Side, tgt: Side, srcLang: Lang, tgtLang: Lang, lexicon: Lexicon | null): LexicalModel {
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
interface CellCache {
  start: Int32Array
  lo: Int32Array
  hi: Int32Array
  /** Bits of source i's tokens translated in j. */
  mS: Int32Array
  /** Bits of target j's tokens translating something in i. */
  mT: Int32Array
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function buildCells(lex: LexicalModel, n: number, m: number, band: Band, maxRun: number): CellCache {
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

// ---------------------------------------------------------------- cost

/** Unmatched facts are weak evidence and fail together (a number format read wrongly): their cost is capped. */
const FACT_MISS_CAP = 3

interface Weights {
  /** Rate at which a translatable token finds its translation in a true bead. */
  good: number
  /** Rate at which it finds one in an unrelated unit. */
  chance: number
  /** Damping of the per-token log-likelihood ratios (tokens are not independent). */
  damp: number
  prior: Record<string, number>
  skip: number
}

interface Scorer {
  cost(i0: number, a: number, j0: number, b: number): number
  /** Evidence of a bead without its shape prior, for confidence. */
  parts(i0: number, a: number, j0: number, b: number): { lex: number; len: number; facts: number; labels: number; tokens: number }
  /**
   * For a merged bead: how well its worst-covered unit (with enough translatable tokens) finds
   * translations in the other side, relative to the expected rate; 1 when not applicable.
   */
  weakestUnit(i0: number, a: number, j0: number, b: number): number
}

function prefix(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length + 1)
  for (let k = 0; k < values.length; k++) out[k + 1] = out[k] + values[k]
  return out
}

function makeScorer(src: Side, tgt: Side, lex: LexicalModel, cells: CellCache, lengthModel: LengthModel, w: Weights): Scorer {
  const { start, lo: cLo, hi: cHi, mS: cS, mT: cT } = cells
  const lenS = prefix(src.len)
  const lenT = prefix(tgt.len)
  const dSp = prefix(lex.dS)
  const dTp = prefix(lex.dT)
  const furS = prefix(src.furniture)
  const furT = prefix(tgt.furniture)
  const count = (arrs: Int32Array[]) => prefix(arrs.map((f) => f.length))
  const strictS = count(src.facts)
  const strictT = count(tgt.facts)
  const nameS = count(src.names)
  const nameT = count(tgt.names)
  // strict facts cost when either side has some; names (no cost for a miss) only when both have some
  const factsOf = (i0: number, a: number, j0: number, b: number): number => {
    let c = 0
    if (strictS[i0 + a] - strictS[i0] + strictT[j0 + b] - strictT[j0] > 0) c += factScore(src.facts, tgt.facts, i0, a, j0, b, 3, 1)
    if (nameS[i0 + a] - nameS[i0] > 0 && nameT[j0 + b] - nameT[j0] > 0) c += factScore(src.names, tgt.names, i0, a, j0, b, 2, 0)
    return c
  }
  const scratch = new Int32Array(256)
  const colMask = new Int32Array(16)
  const used = new Uint8Array(256)
  // per-shape token weights: chance of a token finding a translation grows with the other side's size
  const hitS: number[] = []
  const missS: number[] = []
  // In a bead with b units on the other side, a token's own translation is in one of them (found
  // with rate good) and the b − 1 others add chance: P(hit | true) = 1 − (1−good)(1−chance)^(b−1),
  // P(hit | unrelated) = 1 − (1−chance)^b. A miss then costs the same whatever the bead size,
  // so merging never pays by itself.
  for (let size = 0; size <= 8; size++) {
    const b = Math.max(size, 1)
    const good = Math.max(w.good, w.chance + 0.02)
    const pTrue = 1 - (1 - good) * Math.pow(1 - w.chance, b - 1)
    const pRand = 1 - Math.pow(1 - w.chance, b)
    hitS.push(w.damp * Math.log(pTrue / pRand))
    missS.push(w.damp * Math.log((1 - w.chance) / (1 - good)))
  }

  const factScore = (arrS: Int32Array[], arrT: Int32Array[], i0: number, a: number, j0: number, b: number, hit: number, miss: number): number => {
    if (a === 1 && b === 1) {
      const fs = arrS[i0]
      const ft = arrT[j0]
      if (fs.length === 0 && ft.length === 0) return 0
      // facts are kept sorted: count matches by merging
      let x = 0
      let y = 0
      let matched = 0
      while (x < fs.length && y < ft.length) {
        if (fs[x] === ft[y]) {
          matched++
          x++
          y++
        } else if (fs[x] < ft[y]) x++
        else y++
      }
      return -hit * matched + Math.min(miss * (fs.length + ft.length - 2 * matched), FACT_MISS_CAP)
    }
    let na = 0
    for (let k = 0; k < a; k++) {
      const f = arrS[i0 + k]
      for (let q = 0; q < f.length && na < 128; q++) scratch[na++] = f[q]
    }
    let nb = 0
    for (let k = 0; k < b; k++) {
      const f = arrT[j0 + k]
      for (let q = 0; q < f.length && nb < 128; q++) scratch[128 + nb++] = f[q]
    }
    if (na === 0 && nb === 0) return 0
    if (na === 0 || nb === 0) return Math.min(miss * (na + nb), FACT_MISS_CAP)
    for (let k = 0; k < nb; k++) used[k] = 0
    let matched = 0
    for (let x = 0; x < na; x++) {
      const f = scratch[x]
      for (let k = 0; k < nb; k++) {
        if (used[k] === 0 && scratch[128 + k] === f) {
          used[k] = 1
          matched++
          break
        }
      }
    }
    return -hit * matched + Math.min(miss * (na + nb - 2 * matched), FACT_MISS_CAP)
  }

  const labelScore = (i0: number, a: number, j0: number, b: number): number => {
    let c = 0
    const ls = src.label[i0]
    const lt = tgt.label[j0]
    if (ls >= 0 && lt >= 0) c += ls === lt ? -5 : 8
    else if (ls >= 0 || lt >= 0) c += 1
    for (let k = 1; k < a; k++) if (src.label[i0 + k] >= 0) c += 3
    for (let k = 1; k < b; k++) if (tgt.label[j0 + k] >= 0) c += 3
    return c
  }

  const lexScore = (i0: number, a: number, j0: number, b: number): number => {
    const dS = dSp[i0 + a] - dSp[i0]
    const dT = dTp[j0 + b] - dTp[j0]
    if (dS + dT === 0) return 0
    // union coverage: a token counts once however many units of the other side translate it
    let mS = 0
    let mT = 0
    for (let y = 0; y < b; y++) colMask[y] = 0
    for (let x = 0; x < a; x++) {
      const i = i0 + x
      const lo = cLo[i]
      const hi = cHi[i]
      const base = start[i] - lo
      let row = 0
      for (let y = 0; y < b; y++) {
        const j = j0 + y
        if (j >= lo && j <= hi) {
          row |= cS[base + j]
          colMask[y] |= cT[base + j]
        }
      }
      if (row) {
        const d = lex.dS[i]
        mS += d > 32 ? (popcount(row) * d) / 32 : popcount(row)
      }
    }
    for (let y = 0; y < b; y++) {
      if (colMask[y]) {
        const d = lex.dT[j0 + y]
        mT += d > 32 ? (popcount(colMask[y]) * d) / 32 : popcount(colMask[y])
      }
    }
    return -hitS[b] * mS + missS[b] * (dS - mS) - hitS[a] * mT + missS[a] * (dT - mT)
  }

  const parts = (i0: number, a: number, j0: number, b: number) => {
    const lex = lexScore(i0, a, j0, b)
    const len = lengthCost(lengthDelta(lengthModel, lenS[i0 + a] - lenS[i0], lenT[j0 + b] - lenT[j0]))
    let facts = factsOf(i0, a, j0, b)
    if (a + b > 2) facts += 4 * (furS[i0 + a] - furS[i0] + furT[j0 + b] - furT[j0])
    const labels = labelScore(i0, a, j0, b)
    return { lex, len, facts, labels, tokens: dSp[i0 + a] - dSp[i0] + dTp[j0 + b] - dTp[j0] }
  }

  const prior = new Float64Array(100).fill(8)
  for (const [k, v] of Object.entries(w.prior)) {
    const [a, b] = k.split('-').map(Number)
    prior[a * 10 + b] = v
  }

  const { ratio, variance } = lengthModel
  const lenCost = lengthCost
  const pairCap = 2 * w.skip - 0.5
  const cost = (i0: number, a: number, j0: number, b: number): number => {
    if (a === 0 || b === 0) {
      let c = 0
      for (let k = 0; k < a; k++) c += src.furniture[i0 + k] ? 0.2 : w.skip + (src.label[i0 + k] >= 0 ? 1 : 0)
      for (let k = 0; k < b; k++) c += tgt.furniture[j0 + k] ? 0.2 : w.skip + (tgt.label[j0 + k] >= 0 ? 1 : 0)
      return c
    }
    const ls = lenS[i0 + a] - lenS[i0]
    const lt = lenT[j0 + b] - lenT[j0]
    const delta = (lt - ratio * ls) / Math.sqrt(ratio * variance * ((ls + lt / ratio) / 2 + 1))
    // a merge whose lengths disagree by more than 5 standard deviations is never the answer
    if ((a > 1 || b > 1) && (delta > 5 || delta < -5)) return Infinity
    let c = prior[a * 10 + b] + lexScore(i0, a, j0, b) + lenCost(delta)
    c += factsOf(i0, a, j0, b)
    if (a + b > 2) c += 4 * (furS[i0 + a] - furS[i0] + furT[j0 + b] - furT[j0])
    if (src.label[i0] >= 0 || tgt.label[j0] >= 0 || a > 1 || b > 1) c += labelScore(i0, a, j0, b)
    // Two units side by side are each other's translation unless clearly not: a 1-1 bead never
    // costs more than leaving both alone (adjacent 1-0 + 0-1 is almost never what happened).
    if (a === 1 && b === 1 && c > pairCap && !src.furniture[i0] && !tgt.furniture[j0]) c = pairCap
    return c
  }
  const weakestUnit = (i0: number, a: number, j0: number, b: number): number => {
    if (a + b <= 2) return 1
    let worst = 1
    for (let x = 0; x < a; x++) {
      const i = i0 + x
      const d = lex.dS[i]
      if (d < 4) continue
      let row = 0
      const base = start[i] - cLo[i]
      for (let y = 0; y < b; y++) if (j0 + y >= cLo[i] && j0 + y <= cHi[i]) row |= cS[base + j0 + y]
      worst = Math.min(worst, popcount(row) / Math.min(d, 32) / w.good)
    }
    for (let y = 0; y < b; y++) {
      const j = j0 + y
      const d = lex.dT[j]
      if (d < 4) continue
      let col = 0
      for (let x = 0; x < a; x++) {
        const i = i0 + x
        if (j >= cLo[i] && j <= cHi[i]) col |= cT[start[i] - cLo[i] + j]
      }
      worst = Math.min(worst, popcount(col) / Math.min(d, 32) / w.good)
    }
    return worst
  }
  return { cost, parts, weakestUnit }
}

// ---------------------------------------------------------------- DP

interface DPResult {
  beads: Array<{ i0: number; a: number; j0: number; b: number; cost: number }>
  touchesEdge: boolean
}

function runDP(n: number, m: number, band: Band, shapes: readonly Shape[], scorer: Scorer): DPResult {
  // integer offsets (a double index makes every element access slower)
  const rowStart = new Int32Array(n + 2)
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i] + (band.hi[i] - band.lo[i] + 1)
  const total = rowStart[n + 1]
  const D = new Float64Array(total).fill(Infinity)
  const back = new Uint8Array(total)
  const shA = Int32Array.from(shapes, (s) => s[0])
  const shB = Int32Array.from(shapes, (s) => s[1])
  const bandLo = band.lo
  const bandHi = band.hi
  const S = shapes.length
  for (let i = 0; i <= n; i++) {
    const lo = band.lo[i]
    const hi = band.hi[i]
    const base = rowStart[i] - lo
    for (let j = lo; j <= hi; j++) {
      if (i === 0 && j === 0) {
        D[base] = 0
        continue
      }
      let best = Infinity
      let arg = 0
      for (let s = 0; s < S; s++) {
        const pi = i - shA[s]
        const pj = j - shB[s]
        if (pi < 0 || pj < 0) continue
        const plo = bandLo[pi]
        if (pj < plo || pj > bandHi[pi]) continue
        const prev = D[rowStart[pi] + pj - plo]
        if (prev === Infinity) continue
        const c = prev + scorer.cost(pi, shA[s], pj, shB[s])
        if (c < best) {
          best = c
          arg = s
        }
      }
      D[base + j] = best
      back[base + j] = arg
    }
  }
  const beads: DPResult['beads'] = []
  let touchesEdge = false
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const idx = rowStart[i] + j - band.lo[i]
    const s = back[idx]
    const a = shA[s]
    const b = shB[s]
    if ((j === band.lo[i] && j > 0) || (j === band.hi[i] && j < m)) touchesEdge = true
    const prevCost = D[rowStart[i - a] + (j - b) - band.lo[i - a]]
    beads.push({ i0: i - a, a, j0: j - b, b, cost: D[idx] - prevCost })
    i -= a
    j -= b
  }
  beads.reverse()
  return { beads, touchesEdge }
}

// ---------------------------------------------------------------- anchors

/** Keys a unit offers as anchor evidence: its strict facts and its label. */
function anchorKeys(side: Side, k: number): string[] {
  const keys: string[] = []
  for (const f of side.facts[k]) keys.push(`f${f}`)
  if (side.label[k] >= 0) keys.push(`l${side.label[k]}`)
  return keys
}

/** Pairs (i, j) whose key occurs exactly once in src[s0, s1) and once in tgt[t0, t1). */
function uniqueMatches(src: Side, tgt: Side, s0: number, s1: number, t0: number, t1: number): Array<[number, number]> {
  const count = (side: Side, from: number, to: number) => {
    const where = new Map<string, number>()
    for (let k = from; k < to; k++)
      for (const key of new Set(anchorKeys(side, k))) where.set(key, where.has(key) ? -1 : k)
    return where
  }
  const s = count(src, s0, s1)
  const t = count(tgt, t0, t1)
  const pts: Array<[number, number]> = []
  for (const [key, i] of s) {
    const j = t.get(key)
    if (i >= 0 && j !== undefined && j >= 0) pts.push([i, j])
  }
  return pts
}

/**
 * Anchors: units sharing a fact or label unique in the whole document pair,
 * then, around the path those give, unique within windows (a long document
 * repeats its numbers, but rarely within a few hundred sentences).
 */
function findAnchors(src: Side, tgt: Side): Array<[number, number]> {
  const global = monotoneChain(uniqueMatches(src, tgt, 0, src.n, 0, tgt.n))
  if (src.n < 600) return global
  const guide = guidePath(src.n, tgt.n, src.len, tgt.len, global)
  const W = 300
  const pts: Array<[number, number]> = [...global]
  for (let s0 = 0; s0 < src.n; s0 += W) {
    const s1 = Math.min(src.n, s0 + W)
    const t0 = Math.max(0, Math.floor(guide[s0]) - W / 2)
    const t1 = Math.min(tgt.n, Math.ceil(guide[s1]) + W / 2)
    pts.push(...uniqueMatches(src, tgt, s0, s1, t0, t1))
  }
  return monotoneChain(pts)
}

// ---------------------------------------------------------------- estimation

function estimateLexicalRates(lex: LexicalModel, cells: CellCache, n: number): { good: number; chance: number } {
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

function weightsFrom(rates: { good: number; chance: number }, prior: Record<string, number>, skip: number): Weights {
  return { good: rates.good, chance: rates.chance, damp: 0.8, prior, skip }
}

function estimatePrior(beads: DPResult['beads'], shapes: readonly Shape[]): Record<string, number> {
  const counts = new Map<string, number>()
  let total = 0
  for (const b of beads) {
    if (b.a === 0 || b.b === 0) continue
    const k = `${b.a}-${b.b}`
    counts.set(k, (counts.get(k) ?? 0) + 1)
    total++
  }
  const prior: Record<string, number> = { ...DEFAULT_PRIOR }
  const one = (counts.get('1-1') ?? 0) + 1
  if (total < 30) return prior
  for (const [a, b] of shapes) {
    if (a === 0 || b === 0 || (a === 1 && b === 1)) continue
    const k = `${a}-${b}`
    const c = counts.get(k) ?? 0
    const est = -Math.log((c + 0.5) / one)
    // blend with the default and keep within sane bounds
    prior[k] = Math.min(Math.max(0.5 * est + 0.5 * (DEFAULT_PRIOR[k] ?? 6), 0.7), 9)
  }
  return prior
}

// ---------------------------------------------------------------- main

const FULL_CELLS = 300_000

interface PassOptions {
  shapes: readonly Shape[]
  /** Guide: anchors (first pass) or a previous path (later passes). */
  anchors?: Array<[number, number]>
  path?: DPResult['beads']
  width: number
}

function align(src: Side, tgt: Side, opts: EngineOptions, lexicon: Lexicon | null, lengthModel: LengthModel, prior: Record<string, number>, pass: PassOptions) {
  const n = src.n
  const m = tgt.n
  const shapes = pass.shapes
  const maxRun = Math.max(...shapes.map((s) => Math.max(s[0], s[1])))
  const lex = buildLexicalModel(src, tgt, opts.srcLang, opts.tgtLang, lexicon)
  const guide = pass.path ? null : guidePath(n, m, src.len, tgt.len, pass.anchors ?? [])
  let width = pass.width
  for (;;) {
    const full = (n + 1) * (m + 1) <= FULL_CELLS || width >= Math.max(n, m)
    const band = full ? fullBand(n, m) : guide ? bandAround(guide, m, width) : bandAroundPath(pass.path!, n, m, width)
    const cells = buildCells(lex, n, m, band, maxRun)
    const rates = estimateLexicalRates(lex, cells, n)
    const weights = weightsFrom(rates, prior, 4)
    const scorer = makeScorer(src, tgt, lex, cells, lengthModel, weights)
    const dp = runDP(n, m, band, shapes, scorer)
    if (full || !dp.touchesEdge || width > 400) return { dp, scorer }
    width *= 2
  }
}

function toBeads(dp: DPResult, scorer: Scorer, src: Side, tgt: Side): Bead[] {
  const raw = new Float64Array(dp.beads.length)
  const cls = new Uint8Array(dp.beads.length)
  dp.beads.forEach((b, k) => {
    let confidence: number
    if (b.a === 0 || b.b === 0) {
      let furn = true
      for (let x = 0; x < b.a; x++) if (!src.furniture[b.i0 + x]) furn = false
      for (let y = 0; y < b.b; y++) if (!tgt.furniture[b.j0 + y]) furn = false
      confidence = furn ? 0.9 : 0.35
      cls[k] = beadClass(b.a, b.b, furn)
    } else {
      const p = scorer.parts(b.i0, b.a, b.j0, b.b)
      const evidence = p.lex + p.len + p.facts + p.labels
      // per-bead evidence to a score; strong lexical agreement ≈ −10 or below
      confidence = 1 / (1 + Math.exp(0.45 * evidence + 0.3 * (b.a + b.b - 2) - 0.5))
      // a merged bead with a unit that finds (almost) nothing in the other side is suspect
      const weakest = scorer.weakestUnit(b.i0, b.a, b.j0, b.b)
      if (weakest < 0.35) confidence *= 0.3 + weakest
      cls[k] = beadClass(b.a, b.b, false)
    }
    raw[k] = Math.round(confidence * 1000) / 1000
  })
  // the raw score to the probability that the bead is right (see calibration.ts); a bead
  // between doubtful neighbours is itself more often wrong
  return dp.beads.map((b, k) => {
    const nb = Math.min(k > 0 ? raw[k - 1] : 1, k + 1 < raw.length ? raw[k + 1] : 1)
    const confidence = calibrate(cls[k], neighbourBucket(nb), raw[k])
    return {
      src: Array.from({ length: b.a }, (_, x) => b.i0 + x),
      tgt: Array.from({ length: b.b }, (_, y) => b.j0 + y),
      confidence: Math.round(confidence * 1000) / 1000,
    }
  })
}

type Span = { i0: number; a: number; j0: number; b: number }

/** The beads of a first pass most likely right (best length, fact and label agreement). */
function confidentSpans(dp: DPResult, scorer: Scorer): Span[] {
  const scored = dp.beads
    .filter((b) => b.a >= 1 && b.b >= 1 && b.a + b.b <= 3)
    .map((b) => {
      const c = scorer.parts(b.i0, b.a, b.j0, b.b)
      return { b, q: c.len + c.facts + c.labels }
    })
  scored.sort((x, y) => x.q - y.q)
  return scored.slice(0, Math.ceil(scored.length * 0.8)).map((x) => x.b)
}

function learnFromSpans(keep: readonly Span[], src: Side, tgt: Side, srcLang: Lang, tgtLang: Lang): Lexicon {
  const sv = sideVocab(src)
  const tv = sideVocab(tgt)
  const join = (v: Side['vocab'], first: number, count: number) => {
    if (count === 1) return v.tok.subarray(v.start[first], v.start[first + 1])
    const set = new Set<number>()
    for (let k = v.start[first]; k < v.start[first + count]; k++) set.add(v.tok[k])
    return Int32Array.from(set)
  }
  // a few thousand beads teach all there is to learn; more only cost time and memory
  const step = Math.max(1, keep.length / 1500)
  const sample: Span[] = []
  for (let k = 0; k < keep.length; k += step) sample.push(keep[Math.floor(k)])
  const beads = sample.map((b) => [join(sv, b.i0, b.a), join(tv, b.j0, b.b)] as const)
  return learnLexiconFromIds(beads, vocabWords(src), vocabWords(tgt), srcLang, tgtLang, { maxTokensPerBead: 28 })
}

/** Aligns two sequences of units; the core used by every level. */
export function alignUnits(srcUnits: readonly AlignUnit[], tgtUnits: readonly AlignUnit[], opts: EngineOptions): EngineResult {
  const n = srcUnits.length
  const m = tgtUnits.length
  if (n === 0 || m === 0) {
    const beads: Bead[] = [
      ...srcUnits.map((_, i) => ({ src: [i], tgt: [], confidence: 0.5 })),
      ...tgtUnits.map((_, j) => ({ src: [], tgt: [j], confidence: 0.5 })),
    ]
    return { beads, lexicon: opts.lexicon ?? null, lengthModel: opts.lengthModel ?? { ratio: 1, variance: 10 } }
  }
  const src = prepareSide(srcUnits, opts.srcLang)
  const tgt = prepareSide(tgtUnits, opts.tgtLang)
  const anchors = opts.guide ? [] : findAnchors(src, tgt)
  let lengthModel = opts.lengthModel ?? initialLengthModel(src.len, tgt.len)
  let lexicon = opts.lexicon ?? null
  const shapes = opts.shapes ?? SENTENCE_SHAPES
  const learn = opts.learn ?? Math.min(n, m) >= 40

  const adapt = (spans: readonly Span[], priorFrom: DPResult['beads'] | null) => {
    const ones = spans.filter((b) => b.a === 1 && b.b === 1 && !src.furniture[b.i0] && !tgt.furniture[b.j0])
    const lens = ones.map((b) => [src.len[b.i0], tgt.len[b.j0]] as const)
    if (!opts.lengthModel) lengthModel = estimateVariance(estimateRatio(lengthModel, lens), lens)
    const learned = learnFromSpans(spans, src, tgt, opts.srcLang, opts.tgtLang)
    lexicon = opts.lexicon ? mergeLexicons(opts.lexicon, learned) : learned
    return priorFrom ? estimatePrior(priorFrom, shapes) : DEFAULT_PRIOR
  }

  if (opts.guide) {
    const spans: Span[] = []
    const points: Array<[number, number]> = []
    for (const g of opts.guide) {
      if (!g.src.length || !g.tgt.length) continue
      const i0 = Math.min(...g.src)
      const j0 = Math.min(...g.tgt)
      const a = Math.max(...g.src) - i0 + 1
      const b = Math.max(...g.tgt) - j0 + 1
      if (i0 < 0 || j0 < 0 || i0 + a > n || j0 + b > m) continue
      points.push([i0, j0], [i0 + a - 1, j0 + b - 1])
      if (a + b <= 3) spans.push({ i0, a, j0, b })
    }
    const prior = learn ? adapt(spans, null) : DEFAULT_PRIOR
    const { dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, prior, { shapes, anchors: monotoneChain(points), width: 6 })
    return { beads: toBeads(dp, scorer, src, tgt), lexicon, lengthModel }
  }

  const firstShapes = learn ? shapes.filter(([a, b]) => a + b <= 3) : shapes
  const firstWidth = Math.min(64, 16 + Math.ceil(Math.abs(n - m) * 0.05))
  let { dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, DEFAULT_PRIOR, { shapes: firstShapes, anchors, width: firstWidth })
  if (learn) {
    const prior = adapt(confidentSpans(dp, scorer), dp.beads)
    ;({ dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, prior, { shapes, path: dp.beads, width: 5 }))
  }
  return { beads: toBeads(dp, scorer, src, tgt), lexicon, lengthModel }
}
