/**
 * Glossary and review acceptances in the database (glossary_entries, glossary_terms,
 * glossary_refs, review_acceptances). Every write is one transaction through the
 * server's write queue, so an entry is never stored half-written.
 */
import type { Client, InValue } from '@libsql/client'
import { isLang, LANGS, SixfoldError, type Lang } from '../../aligner/types.ts'
import { inWriteTransaction, type Executor } from '../db/write.ts'
import type { GlossaryRule } from './checks.ts'
import type { EntryStatus, GlossaryEntry, GlossaryEntryInput, GlossaryEntryPatch, GlossaryRef, GlossaryTerm } from './contract.ts'

/** The largest glossary file (TBX or CSV) read, through the API or the command line. */
export const MAX_GLOSSARY_BYTES = 10 * 1024 * 1024

export interface ListOptions {
  status?: EntryStatus
  q?: string
  lang?: Lang
  page?: number
  pageSize?: number
}

/** Two terms are the same when their language and their text (trimmed, NFC, case folded) are. */
function termIdentity(t: GlossaryTerm): string {
  return `${t.lang}\u0001${t.text.trim().normalize('NFC').toLowerCase()}`
}

function validateInput(input: GlossaryEntryInput | GlossaryEntryPatch, requireTerms: boolean): void {
  if (requireTerms && (!input.terms || input.terms.length === 0)) throw new SixfoldError('bad_request', 'an entry needs at least one term')
  const seen = new Set<string>()
  for (const t of input.terms ?? []) {
    if (!isLang(t.lang)) throw new SixfoldError('bad_request', `term language "${t.lang}" is not one of zh, en, fr, es, ru, ar`)
    if (!t.text || !t.text.trim()) throw new SixfoldError('bad_request', `an empty ${t.lang} term`)
    if (t.text.length > 500) throw new SixfoldError('bad_request', `the ${t.lang} term is longer than 500 characters`)
    const id = termIdentity(t)
    if (seen.has(id)) throw new SixfoldError('conflict', `the ${t.lang} term "${t.text.trim()}" is given twice in one entry (give it once, with one usage)`)
    seen.add(id)
  }
}

/** Imported files may repeat a term in one entry: the first occurrence is kept (its usage with it). */
function withoutDuplicateTerms<T extends { terms: GlossaryTerm[] }>(input: T): T {
  const seen = new Set<string>()
  return { ...input, terms: input.terms.filter((t) => !t.text || !isLang(t.lang) || (!seen.has(termIdentity(t)) && !!seen.add(termIdentity(t)))) }
}

/** API references must name existing groups (an import keeps a reference whose group is gone, without it). */
async function checkRefGroups(client: Client, refs: GlossaryRef[] | undefined): Promise<void> {
  const ids = [...new Set((refs ?? []).map((r) => r.groupId).filter((g): g is number => g !== null && g !== undefined))]
  if (ids.length === 0) return
  const rs = await client.execute({ sql: `SELECT id FROM align_groups WHERE id IN (${ids.map(() => '?').join(', ')})`, args: ids })
  const found = new Set(rs.rows.map((r) => Number(r.id)))
  const missing = ids.filter((g) => !found.has(g))
  if (missing.length) throw new SixfoldError('bad_request', `refs: no aligned group ${missing.slice(0, 5).join(', ')} in the memory`)
}

async function insertEntry(tx: Executor, input: GlossaryEntryInput): Promise<number> {
  const rs = await tx.execute({
    sql: 'INSERT INTO glossary_entries (concept, status, note, origin, score, frequency) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    args: [input.concept ?? null, input.status ?? 'candidate', input.note ?? null, input.origin ?? 'manual', input.score ?? null, input.frequency ?? null],
  })
  const id = Number(rs.rows[0].id)
  await writeTerms(tx, id, input.terms)
  await writeRefs(tx, id, input.refs ?? [])
  return id
}

async function writeTerms(tx: Executor, entryId: number, terms: GlossaryTerm[]): Promise<void> {
  for (const t of terms) {
    await tx.execute({ sql: 'INSERT INTO glossary_terms (entry_id, lang, text, usage) VALUES (?, ?, ?, ?)', args: [entryId, t.lang, t.text.trim(), t.usage ?? 'preferred'] })
  }
}

async function writeRefs(tx: Executor, entryId: number, refs: GlossaryRef[]): Promise<void> {
  for (const r of refs) {
    // a reference to a group that no longer exists keeps its document and paragraph
    let gid: number | null = r.groupId
    if (gid !== null) {
      const exists = await tx.execute({ sql: 'SELECT 1 FROM align_groups WHERE id = ?', args: [gid] })
      if (exists.rows.length === 0) gid = null
    }
    await tx.execute({ sql: 'INSERT INTO glossary_refs (entry_id, group_id, document_symbol, paragraph_label) VALUES (?, ?, ?, ?)', args: [entryId, gid, r.documentSymbol ?? null, r.paragraphLabel ?? null] })
  }
}

export async function createEntry(client: Client, input: GlossaryEntryInput): Promise<GlossaryEntry> {
  validateInput(input, true)
  await checkRefGroups(client, input.refs)
  const id = await inWriteTransaction(client, (tx) => insertEntry(tx, input))
  return (await getEntry(client, id))!
}

/**
 * Imports many entries in one transaction (all or nothing). An entry already in the glossary
 * is updated in place, not added again: the one with the file's id when the file holds all of
 * its terms (a file exported from this glossary), else the one with exactly the same terms. So a
 * glossary exported, edited and imported again keeps one entry per concept. Fields the file
 * leaves out (status, note, concept, references) keep their stored values.
 */
export async function importEntries(client: Client, raw: GlossaryEntryInput[]): Promise<{ created: number; updated: number }> {
  const inputs = raw.map(withoutDuplicateTerms)
  inputs.forEach((input, i) => {
    try {
      validateInput(input, true)
    } catch (error) {
      throw new SixfoldError('bad_request', `entry ${i + 1}: ${(error as Error).message}`)
    }
  })
  return inWriteTransaction(client, async (tx) => {
    // the glossary's terms, to find an entry again (the file's own entries count as they are added)
    const rs = await tx.execute('SELECT entry_id, lang, text FROM glossary_terms')
    const termsOf = new Map<number, Set<string>>()
    for (const r of rs.rows) {
      const id = Number(r.entry_id)
      let set = termsOf.get(id)
      if (!set) termsOf.set(id, (set = new Set()))
      set.add(termIdentity({ lang: String(r.lang) as Lang, text: String(r.text), usage: 'preferred' }))
    }
    const bySet = new Map<string, number>()
    for (const [id, set] of termsOf) bySet.set([...set].sort().join('\u0002'), id)
    let created = 0
    let updated = 0
    for (const input of inputs) {
      const ids = new Set(input.terms.map(termIdentity))
      const setKey = [...ids].sort().join('\u0002')
      // the file's id names the entry only when the file still holds every term of it (an export,
      // perhaps with terms added): an id from another glossary never overwrites a different concept
      const byId = input.id !== undefined ? termsOf.get(input.id) : undefined
      const same = byId && [...byId].every((t) => ids.has(t)) ? input.id! : bySet.get(setKey)
      if (same === undefined) {
        const id = await insertEntry(tx, input)
        termsOf.set(id, ids)
        bySet.set(setKey, id)
        created++
        continue
      }
      await tx.execute({
        sql: "UPDATE glossary_entries SET concept = coalesce(?, concept), status = coalesce(?, status), note = coalesce(?, note), score = coalesce(?, score), frequency = coalesce(?, frequency), updated_at = (unixepoch('subsec') * 1000) WHERE id = ?",
        args: [input.concept ?? null, input.status ?? null, input.note ?? null, input.score ?? null, input.frequency ?? null, same],
      })
      await tx.execute({ sql: 'DELETE FROM glossary_terms WHERE entry_id = ?', args: [same] })
      await writeTerms(tx, same, input.terms)
      if (input.refs?.length) {
        await tx.execute({ sql: 'DELETE FROM glossary_refs WHERE entry_id = ?', args: [same] })
        await writeRefs(tx, same, input.refs)
      }
      // the entry's old terms no longer name it
      const previous = termsOf.get(same)
      if (previous) bySet.delete([...previous].sort().join('\u0002'))
      termsOf.set(same, ids)
      bySet.set(setKey, same)
      updated++
    }
    return { created, updated }
  })
}

export async function updateEntry(client: Client, id: number, patch: GlossaryEntryPatch): Promise<GlossaryEntry> {
  validateInput(patch, false)
  if (patch.terms && patch.terms.length === 0) throw new SixfoldError('bad_request', 'an entry needs at least one term')
  await checkRefGroups(client, patch.refs)
  const found = await inWriteTransaction(client, async (tx) => {
    const rs = await tx.execute({ sql: 'SELECT id FROM glossary_entries WHERE id = ?', args: [id] })
    if (rs.rows.length === 0) return false
    const sets: string[] = []
    const args: InValue[] = []
    for (const [column, value] of [
      ['concept', patch.concept],
      ['status', patch.status],
      ['note', patch.note],
      ['score', patch.score],
      ['frequency', patch.frequency],
    ] as const) {
      if (value === undefined) continue
      sets.push(`${column} = ?`)
      args.push(value)
    }
    sets.push("updated_at = (unixepoch('subsec') * 1000)")
    await tx.execute({ sql: `UPDATE glossary_entries SET ${sets.join(', ')} WHERE id = ?`, args: [...args, id] })
    if (patch.terms) {
      await tx.execute({ sql: 'DELETE FROM glossary_terms WHERE entry_id = ?', args: [id] })
      await writeTerms(tx, id, patch.terms)
    }
    if (patch.refs) {
      await tx.execute({ sql: 'DELETE FROM glossary_refs WHERE entry_id = ?', args: [id] })
      await writeRefs(tx, id, patch.refs)
    }
    return true
  })
  if (!found) throw new SixfoldError('not_found', `no glossary entry ${id}`)
  return (await getEntry(client, id))!
}

export async function deleteEntry(client: Client, id: number): Promise<void> {
  const deleted = await inWriteTransaction(client, async (tx) => {
    const rs = await tx.execute({ sql: 'DELETE FROM glossary_entries WHERE id = ? RETURNING id', args: [id] })
    return rs.rows.length
  })
  if (!deleted) throw new SixfoldError('not_found', `no glossary entry ${id}`)
}

async function hydrate(client: Client, rows: Array<Record<string, unknown>>): Promise<GlossaryEntry[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => Number(r.id))
  const marks = ids.map(() => '?').join(',')
  const terms = await client.execute({ sql: `SELECT entry_id, lang, text, usage FROM glossary_terms WHERE entry_id IN (${marks}) ORDER BY id`, args: ids })
  const refs = await client.execute({ sql: `SELECT entry_id, group_id, document_symbol, paragraph_label FROM glossary_refs WHERE entry_id IN (${marks}) ORDER BY id`, args: ids })
  const byEntry = new Map<number, GlossaryEntry>()
  const out = rows.map((r) => {
    const e: GlossaryEntry = {
      id: Number(r.id),
      concept: (r.concept as string | null) ?? null,
      status: r.status as EntryStatus,
      note: (r.note as string | null) ?? null,
      origin: String(r.origin),
      score: r.score === null ? null : Number(r.score),
      frequency: r.frequency === null ? null : Number(r.frequency),
      terms: [],
      refs: [],
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    }
    byEntry.set(e.id, e)
    return e
  })
  for (const t of terms.rows) byEntry.get(Number(t.entry_id))?.terms.push({ lang: t.lang as Lang, text: String(t.text), usage: t.usage as GlossaryTerm['usage'] })
  // one canonical order (languages in UN order, then as entered), the order TBX and CSV write them in
  for (const e of out) e.terms.sort((a, b) => LANGS.indexOf(a.lang) - LANGS.indexOf(b.lang))
  for (const r of refs.rows)
    byEntry.get(Number(r.entry_id))?.refs.push({
      groupId: r.group_id === null ? null : Number(r.group_id),
      documentSymbol: (r.document_symbol as string | null) ?? null,
      paragraphLabel: (r.paragraph_label as string | null) ?? null,
    })
  return out
}

export async function getEntry(client: Client, id: number): Promise<GlossaryEntry | null> {
  const rs = await client.execute({ sql: 'SELECT * FROM glossary_entries WHERE id = ?', args: [id] })
  const [entry] = await hydrate(client, rs.rows as unknown as Array<Record<string, unknown>>)
  return entry ?? null
}

export async function listEntries(client: Client, options: ListOptions = {}): Promise<{ entries: GlossaryEntry[]; total: number }> {
  const where: string[] = []
  const args: InValue[] = []
  if (options.status) {
    where.push('e.status = ?')
    args.push(options.status)
  }
  if (options.q) {
    where.push(`EXISTS (SELECT 1 FROM glossary_terms t WHERE t.entry_id = e.id AND instr(lower(t.text), lower(?)) > 0${options.lang ? ' AND t.lang = ?' : ''})`)
    args.push(options.q)
    if (options.lang) args.push(options.lang)
  } else if (options.lang) {
    where.push('EXISTS (SELECT 1 FROM glossary_terms t WHERE t.entry_id = e.id AND t.lang = ?)')
    args.push(options.lang)
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = Number((await client.execute({ sql: `SELECT count(*) AS n FROM glossary_entries e ${clause}`, args })).rows[0].n)
  const pageSize = options.pageSize ?? 100
  const page = options.page ?? 1
  const rs = await client.execute({
    sql: `SELECT e.* FROM glossary_entries e ${clause} ORDER BY CASE e.status WHEN 'approved' THEN 0 WHEN 'candidate' THEN 1 ELSE 2 END, coalesce(e.frequency, 0) DESC, e.id LIMIT ? OFFSET ?`,
    args: [...args, pageSize, (page - 1) * pageSize],
  })
  return { entries: await hydrate(client, rs.rows as unknown as Array<Record<string, unknown>>), total }
}

export async function allEntries(client: Client): Promise<GlossaryEntry[]> {
  const rs = await client.execute('SELECT * FROM glossary_entries ORDER BY id')
  return hydrate(client, rs.rows as unknown as Array<Record<string, unknown>>)
}

/** The rules the consistency checks apply: approved entries' terms by usage. */
export function rulesFromEntries(entries: GlossaryEntry[]): GlossaryRule[] {
  const rules: GlossaryRule[] = []
  for (const e of entries) {
    if (e.status !== 'approved') continue
    const rule: GlossaryRule = { entryId: e.id, source: {}, approved: {}, deprecated: {} }
    for (const t of e.terms) {
      const bucket = t.usage === 'deprecated' ? rule.deprecated : rule.approved
      ;(bucket[t.lang] ??= []).push(t.text)
      if (t.usage !== 'deprecated') (rule.source[t.lang] ??= []).push(t.text)
    }
    rules.push(rule)
  }
  return rules
}

// ── review acceptances ─────────────────────────────────────────────────────

const FINDING_KEY = /^(variant|glossary|number|date|percent|symbol|untranslated|empty):(zh|en|fr|es|ru|ar)-(zh|en|fr|es|ru|ar):(.+)$/su

/**
 * Is this the key of a finding the checks can report? A unit finding names an existing aligned
 * group (`number:zh-en:<group>:<detail>`); a variant names a source term the memory holds
 * (`variant:zh-en:<term>:<rendering key>`). Anything else is not found.
 */
async function checkFindingKey(client: Client, key: string): Promise<void> {
  const m = FINDING_KEY.exec(key)
  if (!m || m[2] === m[3]) throw new SixfoldError('not_found', `"${key.slice(0, 100)}" is not the key of a finding (keys look like number:zh-en:<group>:<detail> or variant:zh-en:<term>:<rendering>; take them from the review report)`)
  const [, kind, src, , rest] = m
  if (kind === 'variant') {
    const cut = rest.lastIndexOf(':')
    const term = cut > 0 ? rest.slice(0, cut) : ''
    if (!term || cut === rest.length - 1) throw new SixfoldError('not_found', `"${key.slice(0, 100)}" is not the key of a variant finding (variant:<src>-<tgt>:<term>:<rendering>)`)
    const rs = await client.execute({ sql: 'SELECT 1 FROM sentences WHERE lang = ? AND group_id IS NOT NULL AND instr(lower(text), lower(?)) > 0 LIMIT 1', args: [src, term] })
    if (rs.rows.length === 0) throw new SixfoldError('not_found', `no finding: the memory holds no ${src} segment with "${term.slice(0, 100)}"`)
    return
  }
  const g = /^(\d{1,15}):./su.exec(rest)
  if (!g) throw new SixfoldError('not_found', `"${key.slice(0, 100)}" is not the key of a finding (${kind}:<src>-<tgt>:<group>:<detail>)`)
  const rs = await client.execute({ sql: 'SELECT 1 FROM align_groups WHERE id = ?', args: [Number(g[1])] })
  if (rs.rows.length === 0) throw new SixfoldError('not_found', `no finding: aligned group ${g[1]} is not in the memory`)
}

export async function acceptFinding(client: Client, key: string, note: string | null): Promise<void> {
  if (!key || key.length > 2000) throw new SixfoldError('bad_request', 'a finding key (1 to 2000 characters) is needed')
  await checkFindingKey(client, key)
  await inWriteTransaction(client, (tx) =>
    tx.execute({
      sql: "INSERT INTO review_acceptances (finding_key, note) VALUES (?, ?) ON CONFLICT(finding_key) DO UPDATE SET note = excluded.note, accepted_at = (unixepoch('subsec') * 1000)",
      args: [key, note],
    }),
  )
}

export async function unacceptFinding(client: Client, key: string): Promise<boolean> {
  const rs = await inWriteTransaction(client, (tx) => tx.execute({ sql: 'DELETE FROM review_acceptances WHERE finding_key = ? RETURNING id', args: [key] }))
  return rs.rows.length > 0
}

export async function acceptedKeys(client: Client): Promise<Set<string>> {
  const rs = await client.execute('SELECT finding_key FROM review_acceptances')
  return new Set(rs.rows.map((r) => String(r.finding_key)))
}
