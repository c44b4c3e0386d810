/**
 * A snapshot of the rendering index's tokens, kept in a file beside an embedded database
 * (`data/sixfold.db.terms-index`), so that a command-line run or a restarted server does
 * not segment and stem the whole memory again (the costly part of building the index).
 *
 * The snapshot holds the index's token store (token-store.ts: per unit and language, each
 * token's offsets and an id into one table of keys). It is tied to the memory state
 * it was made from (the fingerprint of memory.ts) and to the exact list of sentence groups:
 * anything else, a damaged file or an older format, is ignored and the index is built anew.
 */
import { createHash } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { deserialize, serialize } from 'node:v8'
import { LANGS } from '../../aligner/types.ts'
import type { MemoryIndex } from './renderings.ts'
import { TOKENIZER_VERSION } from './text.ts'
import type { TokenStore } from './token-store.ts'
import type { AlignedUnit } from './units.ts'

const FORMAT = 2

interface Snapshot {
  format: number
  /** text.ts TOKENIZER_VERSION of the tokens. */
  tokenizer: number
  fingerprint: string
  /** sha1 of the units' texts: a database made anew with the same shape is not the same memory. */
  textHash: string
  groupIds: Int32Array
  store: TokenStore
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
  const snapshot: Snapshot = { format: FORMAT, tokenizer: TOKENIZER_VERSION, fingerprint, textHash: textHash(index.units), groupIds: Int32Array.from(index.units, (u) => u.groupId), store: index.store }
  return serialize(snapshot)
}

/** The token store of `units` from a snapshot made of the same memory state, or null. */
export function decodeSnapshot(buffer: Buffer, fingerprint: string, units: AlignedUnit[]): TokenStore | null {
  let s: Snapshot
  try {
    s = deserialize(buffer) as Snapshot
  } catch {
    return null
  }
  if (!s || s.format !== FORMAT || s.tokenizer !== TOKENIZER_VERSION || s.fingerprint !== fingerprint || !(s.groupIds instanceof Int32Array) || s.groupIds.length !== units.length) return null
  for (let i = 0; i < units.length; i++) if (s.groupIds[i] !== units[i].groupId) return null
  if (s.textHash !== textHash(units)) return null
  const { store } = s
  if (!store || !(store.data instanceof Int32Array) || !(store.starts instanceof Int32Array) || !(store.counts instanceof Int32Array) || !Array.isArray(store.keys)) return null
  if (store.starts.length !== units.length * LANGS.length || store.counts.length !== store.starts.length) return null
  // every unit's tokens lie inside its text, and every language with text has tokens (and only those)
  for (let u = 0; u < units.length; u++)
    for (let li = 0; li < LANGS.length; li++) {
      const text = units[u].texts[LANGS[li]]
      const from = store.starts[u * LANGS.length + li]
      if ((from >= 0) !== !!text) return null
      if (from < 0) continue
      const n = store.counts[u * LANGS.length + li]
      if ((from + n) * 3 > store.data.length) return null
      if (n > 0 && store.data[(from + n - 1) * 3 + 1] > text!.length) return null
    }
  return store
}

/** Reads a snapshot file; null when there is none or it does not fit. */
export async function readSnapshot(path: string, fingerprint: string, units: AlignedUnit[]): Promise<TokenStore | null> {
  let buffer: Buffer
  try {
    buffer = await readFile(path)
  } catch {
    return null
  }
  return decodeSnapshot(buffer, fingerprint, units)
}

/**
 * Writes a snapshot file whole or not at all (a temporary file renamed over the old one).
 * A snapshot is a cache: a failure to write it is returned, not thrown.
 */
export async function writeSnapshot(path: string, index: MemoryIndex, fingerprint: string): Promise<Error | null> {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(tmp, encodeSnapshot(index, fingerprint))
    await rename(tmp, path)
    return null
  } catch (error) {
    await rm(tmp, { force: true })
    return error instanceof Error ? error : new Error(String(error))
  }
}
