/**
 * The tokens of a whole memory, kept compact: for every unit and language a run of
 * (start, end, key id) triples in one Int32Array, and one table of keys. A token object
 * ({start, end, text, key}) costs about 80 bytes and its surface string more; a triple
 * costs 12 bytes, and the surface is the slice of the unit's text it points to.
 *
 * Token objects are made on demand (`tokensOf`) for the few units a query looks at.
 */
import { LANGS, type Lang } from '../../aligner/types.ts'
import type { Token } from './text.ts'

const LANG_INDEX = new Map<Lang, number>(LANGS.map((l, i) => [l, i]))

/** Where a unit's tokens in a language are described in `starts` and `counts`. */
function slotOf(unit: number, lang: Lang): number {
  return unit * LANGS.length + LANG_INDEX.get(lang)!
}

export interface TokenStore {
  /** Key of each key id. */
  keys: string[]
  /** start, end, key id of each token, unit by unit, language by language (LANGS order). */
  data: Int32Array
  /** Per unit × language: index (in triples) of its first token in `data`, or -1 when it has no text. */
  starts: Int32Array
  /** Per unit × language: its number of tokens. */
  counts: Int32Array
}

/** Fills a TokenStore unit by unit (units in any order, each once). */
export function tokenStoreBuilder(unitCount: number) {
  const keys: string[] = []
  const keyIds = new Map<string, number>()
  let data = new Int32Array(1 << 16)
  let used = 0
  const starts = new Int32Array(unitCount * LANGS.length).fill(-1)
  const counts = new Int32Array(unitCount * LANGS.length)
  return {
    add(unit: number, lang: Lang, toks: Token[]): void {
      const slot = slotOf(unit, lang)
      if ((used + toks.length) * 3 > data.length) {
        let size = data.length * 2
        while ((used + toks.length) * 3 > size) size *= 2
        const bigger = new Int32Array(size)
        bigger.set(data.subarray(0, used * 3))
        data = bigger
      }
      starts[slot] = used
      counts[slot] = toks.length
      for (const t of toks) {
        let id = keyIds.get(t.key)
        if (id === undefined) {
          id = keys.length
          keys.push(t.key)
          keyIds.set(t.key, id)
        }
        data[used * 3] = t.start
        data[used * 3 + 1] = t.end
        data[used * 3 + 2] = id
        used++
      }
    },
    finish(): TokenStore {
      return { keys, data: data.slice(0, used * 3), starts, counts }
    },
  }
}

/** Does the store hold text of this unit in this language? */
export function hasTokens(store: TokenStore, unit: number, lang: Lang): boolean {
  return store.starts[slotOf(unit, lang)] >= 0
}

/**
 * A unit's tokens in a language as a view, not a copy: token k is at data[(from + k) * 3]
 * (start, end, key id); undefined without text.
 */
export function keyIdsOf(store: TokenStore, unit: number, lang: Lang): { data: Int32Array; from: number; count: number } | undefined {
  const slot = slotOf(unit, lang)
  const from = store.starts[slot]
  if (from < 0) return undefined
  return { data: store.data, from, count: store.counts[slot] }
}

/** The tokens of a unit in a language as objects; `text` is the unit's text in that language. */
export function materialize(store: TokenStore, unit: number, lang: Lang, text: string): Token[] | undefined {
  const slot = slotOf(unit, lang)
  const from = store.starts[slot]
  if (from < 0) return undefined
  const n = store.counts[slot]
  const out: Token[] = new Array(n)
  const d = store.data
  for (let k = 0; k < n; k++) {
    const p = (from + k) * 3
    out[k] = { start: d[p], end: d[p + 1], text: text.slice(d[p], d[p + 1]), key: store.keys[d[p + 2]] }
  }
  return out
}

const keyIdMaps = new WeakMap<TokenStore, Map<string, number>>()

/** The id of a key in the store, or -1 when no token has it. */
export function keyIdOf(store: TokenStore, key: string): number {
  let m = keyIdMaps.get(store)
  if (!m) {
    m = new Map()
    store.keys.forEach((k, i) => m!.set(k, i))
    keyIdMaps.set(store, m)
  }
  return m.get(key) ?? -1
}

/**
 * Where a sequence of key ids occurs in a unit's tokens: the character spans of the
 * non-overlapping matches, left to right (empty without a match or without text).
 */
export function findKeySequence(store: TokenStore, unit: number, lang: Lang, ids: number[]): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = []
  const slot = slotOf(unit, lang)
  const from = store.starts[slot]
  if (from < 0 || ids.length === 0) return out
  const n = store.counts[slot]
  const d = store.data
  for (let s = 0; s + ids.length <= n; s++) {
    let ok = true
    for (let k = 0; k < ids.length && ok; k++) ok = d[(from + s + k) * 3 + 2] === ids[k]
    if (ok) {
      out.push({ start: d[(from + s) * 3], end: d[(from + s + ids.length - 1) * 3 + 1] })
      s += ids.length - 1
    }
  }
  return out
}
