/**
 * A snapshot of the rendering index's tokens, kept in a file beside an embedded database
 * (`data/sixfold.db.terms-index`), so that a command-line run or a restarted server does
 * not segment and stem the whole memory again (the costly part of building the index).
 *
 * The snapshot holds, per unit and language, each token's offsets and an id into one table
 * of keys; a token's surface is its slice of the unit's text. It is tied to the memory state
 * it was made from (the fingerprint of memory.ts) and to the exact list of sentence groups:
 * anything else, a damaged file or an older format, is ignored and the index is built anew.
 */
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { LANGS, type Lang } from '../../aligner/types.ts'
import type { MemoryIndex } from './renderings.ts'
import type { Token } from './text.ts'
import type { AlignedUnit } from './units.ts'

const FORMAT = 1

interface Snapshot {
  format: number
  fingerprint: string
  /** sha1 of the units' texts: a database made anew with the same shape is not the same memory. */
  textHash: string
  groupIds: Int32Array
  keys: string[]
  /** start, end, key id of every token, unit by unit, language by language (LANGS order). */
  tokens: Int32Array
  /** Index into `tokens` (in triples) where each unit's language starts; -1: no text in that language. */
  starts: Int32Array
  /** Tokens of each unit's language. */
  counts: Int32Array
}

function textHash(units: AlignedUnit[]): string {
  const h = createHash('sha1')
  for (const u of units) for (const l of LANGS) h.update(`${u.texts[l] ?? ''}\u0000`)
  return h.digest('hex')
}

/** The snapshot file of an embedded database file. */
export function snapshotPathOf(databaseFile: string): string {
  return `${databaseFile}.terms-index`
}

export function encodeSnapshot(index: MemoryIndex, fingerprint: string): Buffer {
  const keyIds = new Map<string, number>()
  const keys: string[] = []
  let total = 0
  for (const perLang of index.tokens) for (const l of LANGS) total += perLang[l]?.length ?? 0
  const tokens = new Int32Array(total * 3)
  const starts = new Int32Array(index.units.length * LANGS.length).fill(-1)
  const counts = new Int32Array(index.units.length * LANGS.length)
  let at = 0
  index.tokens.forEach((perLang, u) => {
    LANGS.forEach((l, li) => {
      const toks = perLang[l]
      if (!toks) return
      starts[u * LANGS.length + li] = at
      counts[u * LANGS.length + li] = toks.length
      for (const t of toks) {
        let id = keyIds.get(t.key)
        if (id === undefined) {
          id = keys.length
          keys.push(t.key)
          keyIds.set(t.key, id)
        }
        tokens[at * 3] = t.start
        tokens[at * 3 + 1] = t.end
        tokens[at * 3 + 2] = id
        at++
      }
    })
  })
  const snapshot: Snapshot = { format: FORMAT, fingerprint, textHash: textHash(index.units), groupIds: Int32Array.from(index.units, (u) => u.groupId), keys, tokens, starts, counts }
  return serialize(snapshot)
}

/** The tokens of `units` from a snapshot made of the same memory state, or null. */
export function decodeSnapshot(buffer: Buffer, fingerprint: string, units: AlignedUnit[]): MemoryIndex['tokens'] | null {
  let s: Snapshot
  try {
    s = deserialize(buffer) as Snapshot
  } catch {
    return null
  }
  if (!s || s.format !== FORMAT || s.fingerprint !== fingerprint || !(s.groupIds instanceof Int32Array) || s.groupIds.length !== units.length) return null
  for (let i = 0; i < units.length; i++) if (s.groupIds[i] !== units[i].groupId) return null
  if (s.textHash !== textHash(units)) return null
  const out: MemoryIndex['tokens'] = new Array(units.length)
  for (let u = 0; u < units.length; u++) {
    const perLang: Partial<Record<Lang, Token[]>> = {}
    for (let li = 0; li < LANGS.length; li++) {
      const start = s.starts[u * LANGS.length + li]
      const l = LANGS[li]
      const text = units[u].texts[l]
      if (start < 0) {
        if (text) return null
        continue
      }
      if (!text) return null
      const n = s.counts[u * LANGS.length + li]
      const toks: Token[] = new Array(n)
      for (let k = 0; k < n; k++) {
        const p = (start + k) * 3
        const a = s.tokens[p]
        const b = s.tokens[p + 1]
        if (b > text.length) return null
        toks[k] = { start: a, end: b, text: text.slice(a, b), key: s.keys[s.tokens[p + 2]] }
      }
      perLang[l] = toks
    }
    out[u] = perLang
  }
  return out
}

/** Reads a snapshot file; null when there is none or it does not fit. */
export function readSnapshot(path: string, fingerprint: string, units: AlignedUnit[]): MemoryIndex['tokens'] | null {
  let buffer: Buffer
  try {
    buffer = readFileSync(path)
  } catch {
    return null
  }
  return decodeSnapshot(buffer, fingerprint, units)
}

/**
 * Writes a snapshot file whole or not at all (a temporary file renamed over the old one).
 * A snapshot is a cache: a failure to write it is returned, not thrown.
 */
export function writeSnapshot(path: string, index: MemoryIndex, fingerprint: string): Error | null {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, encodeSnapshot(index, fingerprint))
    renameSync(tmp, path)
    return null
  } catch (error) {
    rmSync(tmp, { force: true })
    return error instanceof Error ? error : new Error(String(error))
  }
}
