/**
 * The units the engine aligns and their features, prepared once per side: lengths, facts (strict and
 * names), structure labels, page furniture, and each unit's distinct lexical tokens as vocabulary ids.
 */
import type { Lang } from '../types.ts'
import { extractFacts } from '../signals/facts.ts'
import { isFurniture } from '../signals/furniture.ts'
import { extractLabel } from '../signals/labels.ts'
import { textLength } from '../signals/length.ts'
import { lexicalTokens } from '../lexicon/tokens.ts'

/** One unit to align (a sentence or a paragraph). */
export interface AlignUnit {
  text: string
  /** Normalised structure label key (`p:99`, `h:13`, `i:a`); undefined = read it from the text. */
  label?: string | null
  /** Page furniture; undefined = decide from the text. */
  furniture?: boolean
}

export interface Side {
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

export function sideVocab(side: Side): Side['vocab'] {
  return side.vocab
}

export const EMPTY = new Int32Array(0)

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

export function prepareSide(units: readonly AlignUnit[], lang: Lang): Side {
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


/** Words of a side's vocabulary by id. */
const wordLists = new WeakMap<Side, string[]>()
export function vocabWords(side: Side): string[] {
  let words = wordLists.get(side)
  if (!words) wordLists.set(side, (words = [...side.vocab.ids.keys()]))
  return words
}

