/**
 * The thin database side of terminology: reads the memory's six-way sentence
 * groups as aligned units, and keeps one rendering index per database,
 * rebuilt only when the memory changes (a cheap fingerprint query tells).
 */
import type { Client } from '@libsql/client'
import { isLang, SixfoldError, type Lang } from '../../aligner/types.ts'
import { localFileOf } from '../db/write.ts'
import { readSnapshot, snapshotPathOf, writeSnapshot } from './index-snapshot.ts'
import { buildIndexAsync, type MemoryIndex } from './renderings.ts'
import type { AlignedUnit } from './units.ts'

export interface DocumentInfo {
  id: number
  slug: string
  symbol: string
}

/**
 * Finds a document by id (all digits), else by slug, else by symbol; a clear error when there is
 * none, or when several documents share the symbol. Digits are only ever an id (slugs are never
 * all digits), so a reference cannot name one document by id and another by slug.
 */
export async function findDocument(client: Client, ref: string): Promise<DocumentInfo> {
  const byId = /^\d+$/.test(ref)
  let rs = byId
    ? await client.execute({ sql: 'SELECT id, slug, symbol FROM documents WHERE id = ?', args: [Number.isSafeInteger(Number(ref)) ? Number(ref) : -1] })
    : await client.execute({ sql: 'SELECT id, slug, symbol FROM documents WHERE slug = ?', args: [ref] })
  if (!byId && rs.rows.length === 0) {
    rs = await client.execute({ sql: 'SELECT id, slug, symbol FROM documents WHERE symbol = ? ORDER BY id LIMIT 10', args: [ref] })
    if (rs.rows.length > 1) {
      const slugs = rs.rows.map((r) => String(r.slug)).join(', ')
      throw new SixfoldError('conflict', `several documents have the symbol "${ref}": name one by its slug (${slugs})`)
    }
  }
  const row = rs.rows[0]
  if (!row) {
    const all = await client.execute('SELECT symbol FROM documents ORDER BY id LIMIT 20')
    const known = all.rows.map((r) => String(r.symbol)).join(', ')
    throw new SixfoldError('not_found', `no document "${ref}" in the memory${known ? ` (documents: ${known})` : ' (the memory is empty: import corpora first)'}`)
  }
  return { id: Number(row.id), slug: String(row.slug), symbol: String(row.symbol) }
}

/** Rows read per query while loading units (each query blocks the event loop while it runs). */
const LOAD_PAGE = 2500

/**
 * The memory's sentence groups as aligned units (texts of a language in one group joined by a space).
 * Read in pages of whole groups, yielding between pages, so that a server keeps answering.
 * `every` > 1 reads an even sample of about one group in `every`, chosen by a multiplicative
 * hash of the group id (not by the id itself: ids of sentence groups need not be evenly spaced).
 */
export async function loadUnits(client: Client, documentId?: number, every = 1): Promise<AlignedUnit[]> {
  const units: AlignedUnit[] = []
  const step = Math.max(1, Math.floor(every))
  let from = 0
  for (;;) {
    const rs = await client.execute({
      sql: `SELECT s.group_id AS gid, s.lang AS lang, s.text AS text, d.symbol AS symbol, b.label AS label
            FROM sentences s
            JOIN blocks b ON b.id = s.block_id
            JOIN versions v ON v.id = s.version_id
            JOIN documents d ON d.id = v.document_id
            WHERE s.group_id >= ? ${documentId === undefined ? '' : 'AND d.id = ?'} ${step > 1 ? `AND ((s.group_id * 2654435761) % 4294967296) % ${step} = 0` : ''}
            ORDER BY s.group_id, s.lang, b.ordinal, s.ordinal
            LIMIT ${LOAD_PAGE}`,
      args: documentId === undefined ? [from] : [from, documentId],
    })
    const rows = rs.rows
    if (rows.length === 0) break
    const full = rows.length < LOAD_PAGE
    // the last group of a full page may continue on the next page: it is read again there
    const lastGid = Number(rows[rows.length - 1].gid)
    let current: AlignedUnit | null = null
    for (const row of rows) {
      const gid = Number(row.gid)
      if (!full && gid === lastGid) break
      const lang = String(row.lang)
      if (!isLang(lang)) continue
      if (!current || current.groupId !== gid) {
        current = { groupId: gid, documentSymbol: String(row.symbol), paragraphLabel: null, texts: {} }
        units.push(current)
      }
      const text = String(row.text)
      current.texts[lang] = current.texts[lang] ? `${current.texts[lang]} ${text}` : text
      if (row.label !== null && row.label !== undefined && (current.paragraphLabel === null || lang === 'zh')) current.paragraphLabel = String(row.label)
    }
    if (full) break
    if (Number(rows[0].gid) === lastGid) {
      // one group fills the page: read it whole
      throw new SixfoldError('internal', `sentence group ${lastGid} has more than ${LOAD_PAGE} sentences`)
    }
    from = lastGid
    await new Promise((resolve) => setImmediate(resolve))
  }
  return units
}

/** Changes whenever sentences, groups or group membership change. */
export async function fingerprint(client: Client): Promise<string> {
  const rs = await client.execute(
    'SELECT (SELECT count(*) FROM sentences) AS n, (SELECT max(id) FROM sentences) AS ms, (SELECT total(group_id) FROM sentences) AS tg, (SELECT count(*) FROM align_groups) AS ng, (SELECT max(id) FROM align_groups) AS mg',
  )
  const r = rs.rows[0]
  return `${r.n}:${r.ms}:${r.tg}:${r.ng}:${r.mg}`
}

/** Sentence groups of the memory: its aligned units (asked only when an index is built). */
async function unitCount(client: Client): Promise<number> {
  const rs = await client.execute('SELECT count(DISTINCT group_id) AS n FROM sentences WHERE group_id IS NOT NULL')
  return Number(rs.rows[0].n)
}

/** Aligned units the terminology index holds at most, unless SIXFOLD_TERMS_MAX_UNITS says otherwise. */
export const DEFAULT_MAX_INDEXED_UNITS = 150_000

/**
 * How many aligned units the terminology index may hold (SIXFOLD_TERMS_MAX_UNITS): the index
 * lives in memory (about 5.4 kB a unit, and the unit's texts), so a larger memory is indexed as an even sample.
 */
export function maxIndexedUnits(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SIXFOLD_TERMS_MAX_UNITS
  if (raw === undefined || raw === '') return DEFAULT_MAX_INDEXED_UNITS
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new SixfoldError('bad_request', `SIXFOLD_TERMS_MAX_UNITS must be a whole number of aligned units (1 or more), not "${raw}"`)
  return n
}

export interface MemoryIndexOptions {
  /** Aligned units the index may hold (default: maxIndexedUnits(), from the environment). */
  maxUnits?: number
  /** Where a failure to keep the index snapshot is told (default: once per database, on stderr). */
  warn?: (message: string) => void
}

interface Cached {
  key: string
  index: Promise<MemoryIndex>
}
/** The index last built per database, and the look-up or build in progress (one at a time). */
const cache = new WeakMap<Client, Cached>()
const inFlight = new WeakMap<Client, Promise<MemoryIndex>>()

/**
 * The rendering index of the whole memory (built once, rebuilt when the memory changed), or of
 * an even sample of it when the memory has more groups than the index may hold. Calls made
 * while one is looking or building share its answer: two first queries never build two indexes,
 * and during an import (the memory changes with every batch) queries wait for the build under way.
 */
export function memoryIndex(client: Client, options: MemoryIndexOptions = {}): Promise<MemoryIndex> {
  const running = inFlight.get(client)
  if (running) return running
  const look = currentIndex(client, options).finally(() => {
    if (inFlight.get(client) === look) inFlight.delete(client)
  })
  inFlight.set(client, look)
  return look
}

async function currentIndex(client: Client, options: MemoryIndexOptions): Promise<MemoryIndex> {
  const max = options.maxUnits ?? maxIndexedUnits()
  const key = `${await fingerprint(client)}:${max}`
  const hit = cache.get(client)
  if (hit && hit.key === key) return hit.index
  const entry: Cached = {
    key,
    index: (async () => {
      // a memory larger than the index may hold is read as an even sample of its groups
      const total = await unitCount(client)
      const every = total > max ? Math.ceil(total / max) : 1
      const index = await indexWithSnapshot(client, key, await loadUnits(client, undefined, every), options.warn ?? warnOnce(client))
      if (every > 1) index.sampledFrom = total
      return index
    })(),
  }
  cache.set(client, entry)
  entry.index.catch(() => {
    if (cache.get(client) === entry) cache.delete(client)
  })
  return entry.index
}

/** Writes a message on stderr the first time it is said for a database. */
function warnOnce(client: Client): (message: string) => void {
  return (message) => {
    if (warned.has(client)) return
    warned.add(client)
    console.warn(message)
  }
}
const warned = new WeakSet<Client>()

/**
 * Builds the index of `units`; for an embedded database, from the snapshot of the same memory
 * state when there is one (no text is segmented again), else anew, leaving a snapshot behind.
 */
async function indexWithSnapshot(client: Client, fingerprint: string, units: AlignedUnit[], warn: (message: string) => void): Promise<MemoryIndex> {
  const file = localFileOf(client)
  if (!file) return buildIndexAsync(units)
  const path = snapshotPathOf(file)
  const known = await readSnapshot(path, fingerprint, units)
  if (known) return buildIndexAsync(units, known)
  const index = await buildIndexAsync(units)
  const failed = await writeSnapshot(path, index, fingerprint)
  if (failed) warn(`sixfold: could not keep the terminology index beside the database (${failed.message}); it will be rebuilt on each start`)
  return index
}

/** Unit indices of one document in the index. */
export function unitsOfDocument(index: MemoryIndex, symbol: string): Set<number> {
  const out = new Set<number>()
  index.units.forEach((u, i) => {
    if (u.documentSymbol === symbol) out.add(i)
  })
  return out
}

export function languagesOf(index: MemoryIndex): Lang[] {
  const present = new Set<Lang>()
  for (const u of index.units) for (const l of Object.keys(u.texts)) present.add(l as Lang)
  return [...present]
}
