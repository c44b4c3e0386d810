/**
 * A document's six-way alignment as the API shows it, and the edits a person
 * makes to it (merge, split, relink, confirm). Edited groups become human
 * groups (origin 'human', confidence 1), which re-alignment never overwrites.
 */
import type { Client, InValue } from '@libsql/client'
import type { Lang } from '../../aligner/types.ts'
import { inWriteTransaction, placeholders, type Executor } from '../db/write.ts'
import type { AlignmentEditResponse, AlignmentGroup, AlignmentLevel, AlignmentMember, AlignmentOrder, AlignmentResponse, MergeRequest, RelinkRequest, SplitRequest, ConfirmRequest } from './contract.ts'
import { ApiFailure } from './errors.ts'

const ORDER: Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

export interface DocumentRef {
  id: number
  slug: string
  symbol: string
  title: string | null
}

export async function documentLanguages(ex: Executor, documentId: number): Promise<Lang[]> {
  const r = await ex.execute({ sql: 'SELECT lang FROM versions WHERE document_id = ?', args: [documentId] })
  const set = new Set(r.rows.map((x) => x.lang as Lang))
  return ORDER.filter((l) => set.has(l))
}

function rowGroup(r: Record<string, unknown>): AlignmentGroup {
  return {
    id: Number(r.id),
    level: r.level as AlignmentLevel,
    ordinal: Number(r.ordinal),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    confidence: Number(r.confidence),
    flagged: Boolean(r.flagged),
    origin: r.origin as 'auto' | 'human',
    confirmed: Boolean(r.confirmed),
    paragraphLabel: null,
    members: {},
  }
}

/** Loads groups (by id) with their members in the given languages. */
export async function loadGroups(ex: Executor, ids: number[], langs: Lang[]): Promise<AlignmentGroup[]> {
  if (ids.length === 0) return []
  const rows = await ex.execute({ sql: `SELECT * FROM align_groups WHERE id IN ${placeholders(ids.length)}`, args: ids })
  const groups = new Map(rows.rows.map((r) => [Number(r.id), rowGroup(r as Record<string, unknown>)]))
  const byLevel = { paragraph: [] as number[], sentence: [] as number[] }
  for (const g of groups.values()) byLevel[g.level].push(g.id)
  const add = (gid: number, lang: Lang, m: AlignmentMember) => {
    const g = groups.get(gid)
    if (!g) return
    ;(g.members[lang] ??= []).push(m)
  }
  const langArgs = langs.length ? langs : ORDER
  if (byLevel.paragraph.length) {
    const m = await ex.execute({
      sql: `SELECT b.id, b.ordinal, b.text, b.label, b.kind, v.lang, b.paragraph_group_id AS gid FROM blocks b JOIN versions v ON v.id = b.version_id
            WHERE b.paragraph_group_id IN ${placeholders(byLevel.paragraph.length)} AND v.lang IN ${placeholders(langArgs.length)} ORDER BY b.ordinal`,
      args: [...byLevel.paragraph, ...langArgs],
    })
    for (const r of m.rows) {
      add(Number(r.gid), r.lang as Lang, {
        id: Number(r.id),
        ordinal: Number(r.ordinal),
        blockOrdinal: Number(r.ordinal),
        text: String(r.text),
        label: r.label === null ? null : String(r.label),
        kind: r.kind as AlignmentMember['kind'],
      })
    }
  }
  if (byLevel.sentence.length) {
    const m = await ex.execute({
      sql: `SELECT s.id, s.ordinal, s.text, s.lang, s.group_id AS gid, b.ordinal AS bord, b.label, b.kind FROM sentences s JOIN blocks b ON b.id = s.block_id
            WHERE s.group_id IN ${placeholders(byLevel.sentence.length)} AND s.lang IN ${placeholders(langArgs.length)} ORDER BY b.ordinal, s.ordinal`,
      args: [...byLevel.sentence, ...langArgs],
    })
    for (const r of m.rows) {
      add(Number(r.gid), r.lang as Lang, {
        id: Number(r.id),
        ordinal: Number(r.ordinal),
        blockOrdinal: Number(r.bord),
        text: String(r.text),
        label: r.label === null ? null : String(r.label),
        kind: r.kind as AlignmentMember['kind'],
      })
    }
  }
  for (const g of groups.values()) {
    const members: AlignmentGroup['members'] = {}
    for (const lang of ORDER) if (g.members[lang]) members[lang] = g.members[lang]
    g.members = members
    for (const lang of ORDER) {
      const label = g.members[lang]?.find((m) => m.label !== null)?.label
      if (label) {
        g.paragraphLabel = label
        break
      }
    }
  }
  return ids.map((id) => groups.get(id)).filter((g): g is AlignmentGroup => g !== undefined)
}

export async function readAlignment(
  client: Client,
  doc: DocumentRef,
  q: { level: AlignmentLevel; langs?: Lang[]; order: AlignmentOrder; page: number; pageSize: number },
): Promise<AlignmentResponse> {
  const present = await documentLanguages(client, doc.id)
  const languages = q.langs && q.langs.length ? present.filter((l) => q.langs!.includes(l)) : present
  const count = await client.execute({ sql: 'SELECT count(*) AS n FROM align_groups WHERE document_id = ? AND level = ?', args: [doc.id, q.level] })
  const orderBy = q.order === 'confidence' ? 'confidence ASC, ordinal ASC' : 'ordinal ASC'
  const page = await client.execute({
    sql: `SELECT id FROM align_groups WHERE document_id = ? AND level = ? ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    args: [doc.id, q.level, q.pageSize, (q.page - 1) * q.pageSize],
  })
  const groups = await loadGroups(client, page.rows.map((r) => Number(r.id)), languages)
  return {
    document: doc,
    level: q.level,
    order: q.order,
    pivot: present.includes('zh') ? 'zh' : (present[0] ?? null),
    languages,
    page: q.page,
    pageSize: q.pageSize,
    total: Number(count.rows[0].n),
    groups,
  }
}

// ─── Edits ───────────────────────────────────────────────────────────────────

interface GroupRow {
  id: number
  level: AlignmentLevel
  ordinal: number
  parentId: number | null
}

async function groupRows(tx: Executor, documentId: number, level: AlignmentLevel, ids: number[]): Promise<GroupRow[]> {
  const unique = [...new Set(ids)]
  const r = await tx.execute({
    sql: `SELECT id, level, ordinal, parent_id FROM align_groups WHERE document_id = ? AND id IN ${placeholders(unique.length)}`,
    args: [documentId, ...unique],
  })
  const rows = r.rows.map((x) => ({ id: Number(x.id), level: x.level as AlignmentLevel, ordinal: Number(x.ordinal), parentId: x.parent_id === null ? null : Number(x.parent_id) }))
  const found = new Set(rows.map((x) => x.id))
  const missing = unique.filter((id) => !found.has(id))
  if (missing.length) throw new ApiFailure(404, 'not_found', `no group ${missing.join(', ')} in this document`)
  const wrong = rows.filter((x) => x.level !== level)
  if (wrong.length) throw new ApiFailure(409, 'conflict', `group ${wrong[0].id} is a ${wrong[0].level} group, not a ${level} group`)
  return rows
}

const memberTable = (level: AlignmentLevel) =>
  level === 'paragraph' ? { table: 'blocks', column: 'paragraph_group_id' } : { table: 'sentences', column: 'group_id' }

async function markHuman(tx: Executor, ids: number[]): Promise<void> {
  if (!ids.length) return
  await tx.execute({ sql: `UPDATE align_groups SET origin = 'human', confidence = 1, flagged = 0 WHERE id IN ${placeholders(ids.length)}`, args: ids })
}

/** Renumbers a document level's ordinals 0..n-1 in (ordinal, id) order. */
async function renumber(tx: Executor, documentId: number, level: AlignmentLevel): Promise<void> {
  await tx.execute({
    sql: `UPDATE align_groups SET ordinal = r.rn FROM (SELECT id, row_number() OVER (ORDER BY ordinal, id) - 1 AS rn FROM align_groups WHERE document_id = ? AND level = ?) AS r
          WHERE align_groups.id = r.id`,
    args: [documentId, level],
  })
}

/** Removes groups that have no members left (and re-parents nothing: sentence groups of a removed paragraph group get a new parent below). */
async function dropEmpty(tx: Executor, documentId: number, level: AlignmentLevel, ids: number[]): Promise<number[]> {
  if (!ids.length) return []
  const { table, column } = memberTable(level)
  const r = await tx.execute({
    sql: `SELECT g.id FROM align_groups g WHERE g.document_id = ? AND g.id IN ${placeholders(ids.length)} AND NOT EXISTS (SELECT 1 FROM ${table} m WHERE m.${column} = g.id)`,
    args: [documentId, ...ids],
  })
  const empty = r.rows.map((x) => Number(x.id))
  if (empty.length) {
    await tx.execute({ sql: `DELETE FROM glossary_refs WHERE group_id IN ${placeholders(empty.length)}`, args: empty })
    await tx.execute({ sql: `DELETE FROM align_groups WHERE id IN ${placeholders(empty.length)}`, args: empty })
  }
  return empty
}

/** After paragraph-level edits: each sentence group's parent is the paragraph group of its first member's block. */
async function reparentSentences(tx: Executor, documentId: number): Promise<void> {
  await tx.execute({
    sql: `UPDATE align_groups SET parent_id = (
            SELECT b.paragraph_group_id FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.group_id = align_groups.id ORDER BY s.id LIMIT 1)
          WHERE document_id = ? AND level = 'sentence'`,
    args: [documentId],
  })
}

async function finish(tx: Executor, documentId: number, level: AlignmentLevel, touched: number[], removed: number[]): Promise<AlignmentEditResponse> {
  await renumber(tx, documentId, level)
  if (level === 'paragraph') await reparentSentences(tx, documentId)
  const langs = await documentLanguages(tx, documentId)
  const alive = touched.filter((id) => !removed.includes(id))
  return { groups: await loadGroups(tx, alive, langs), removed }
}

export function mergeGroups(client: Client, documentId: number, req: MergeRequest): Promise<AlignmentEditResponse> {
  return inWriteTransaction(client, async (tx) => {
    const rows = (await groupRows(tx, documentId, req.level, req.groupIds)).sort((a, b) => a.ordinal - b.ordinal)
    if (rows.length < 2) throw new ApiFailure(400, 'bad_request', 'merge needs two different groups or more')
    const [keep, ...rest] = rows
    const restIds = rest.map((r) => r.id)
    const { table, column } = memberTable(req.level)
    await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE ${column} IN ${placeholders(restIds.length)}`, args: [keep.id, ...restIds] })
    if (req.level === 'paragraph') {
      await tx.execute({ sql: `UPDATE align_groups SET parent_id = ? WHERE parent_id IN ${placeholders(restIds.length)}`, args: [keep.id, ...restIds] })
    }
    await markHuman(tx, [keep.id])
    const removed = await dropEmpty(tx, documentId, req.level, restIds)
    return finish(tx, documentId, req.level, [keep.id], removed)
  })
}

export function splitGroup(client: Client, documentId: number, req: SplitRequest): Promise<AlignmentEditResponse> {
  return inWriteTransaction(client, async (tx) => {
    const [row] = await groupRows(tx, documentId, req.level, [req.groupId])
    const { table, column } = memberTable(req.level)
    const members = await tx.execute({
      sql:
        req.level === 'paragraph'
          ? `SELECT b.id, v.lang FROM blocks b JOIN versions v ON v.id = b.version_id WHERE b.paragraph_group_id = ? ORDER BY b.ordinal`
          : `SELECT s.id, s.lang FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.group_id = ? ORDER BY b.ordinal, s.ordinal`,
      args: [row.id],
    })
    const moving: number[] = []
    const seen = new Map<Lang, number>()
    for (const m of members.rows) {
      const lang = m.lang as Lang
      const k = seen.get(lang) ?? 0
      seen.set(lang, k + 1)
      const at = req.at[lang]
      if (at !== undefined && k >= at) moving.push(Number(m.id))
    }
    for (const [lang, at] of Object.entries(req.at) as Array<[Lang, number]>) {
      const n = seen.get(lang) ?? 0
      if (at < 0 || at > n) throw new ApiFailure(400, 'bad_request', `split point ${at} for ${lang} is outside 0..${n}`)
    }
    if (moving.length === 0) throw new ApiFailure(400, 'bad_request', 'the split moves no member: give, for some language, a point before its last member')
    if (moving.length === members.rows.length) throw new ApiFailure(400, 'bad_request', 'the split leaves the first group empty')
    const created = await tx.execute({
      sql: `INSERT INTO align_groups (document_id, level, ordinal, parent_id, confidence, flagged, origin, confirmed) VALUES (?, ?, ?, ?, 1, 0, 'human', 0) RETURNING id`,
      args: [documentId, req.level, row.ordinal, row.parentId],
    })
    const newId = Number(created.rows[0].id)
    for (let i = 0; i < moving.length; i += 500) {
      const chunk = moving.slice(i, i + 500)
      await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE id IN ${placeholders(chunk.length)}`, args: [newId, ...chunk] })
    }
    await markHuman(tx, [row.id])
    return finish(tx, documentId, req.level, [row.id, newId], [])
  })
}

export function relinkMembers(client: Client, documentId: number, req: RelinkRequest): Promise<AlignmentEditResponse> {
  return inWriteTransaction(client, async (tx) => {
    const ids = [...new Set(req.memberIds)]
    const found = await tx.execute({
      sql:
        req.level === 'paragraph'
          ? `SELECT b.id, b.paragraph_group_id AS gid, v.lang FROM blocks b JOIN versions v ON v.id = b.version_id WHERE v.document_id = ? AND b.id IN ${placeholders(ids.length)}`
          : `SELECT s.id, s.group_id AS gid, s.lang FROM sentences s JOIN versions v ON v.id = s.version_id WHERE v.document_id = ? AND s.id IN ${placeholders(ids.length)}`,
      args: [documentId, ...ids],
    })
    if (found.rows.length !== ids.length) {
      const have = new Set(found.rows.map((r) => Number(r.id)))
      throw new ApiFailure(404, 'not_found', `no ${req.level === 'paragraph' ? 'block' : 'sentence'} ${ids.filter((i) => !have.has(i)).join(', ')} in this document`)
    }
    const wrongLang = found.rows.find((r) => r.lang !== req.lang)
    if (wrongLang) throw new ApiFailure(409, 'conflict', `member ${wrongLang.id} is ${wrongLang.lang}, not ${req.lang}`)
    const sources = [...new Set(found.rows.filter((r) => r.gid !== null).map((r) => Number(r.gid)))]
    let target: number
    if (req.toGroupId === null) {
      const after = sources.length ? (await groupRows(tx, documentId, req.level, sources)).sort((a, b) => b.ordinal - a.ordinal)[0] : null
      const created = await tx.execute({
        sql: `INSERT INTO align_groups (document_id, level, ordinal, parent_id, confidence, flagged, origin, confirmed) VALUES (?, ?, ?, ?, 1, 0, 'human', 0) RETURNING id`,
        args: [documentId, req.level, after?.ordinal ?? 1e9, after?.parentId ?? null],
      })
      target = Number(created.rows[0].id)
    } else {
      await groupRows(tx, documentId, req.level, [req.toGroupId])
      target = req.toGroupId
    }
    const { table, column } = memberTable(req.level)
    await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE id IN ${placeholders(ids.length)}`, args: [target, ...ids] })
    const touched = [...new Set([target, ...sources])]
    await markHuman(tx, touched)
    const removed = await dropEmpty(tx, documentId, req.level, sources.filter((s) => s !== target))
    return finish(tx, documentId, req.level, touched, removed)
  })
}

export function confirmGroups(client: Client, documentId: number, req: ConfirmRequest): Promise<AlignmentEditResponse> {
  return inWriteTransaction(client, async (tx) => {
    const rows = await groupRows(tx, documentId, req.level, req.groupIds)
    const ids = rows.map((r) => r.id)
    const args: InValue[] = [req.confirmed === false ? 0 : 1, ...ids]
    await tx.execute({ sql: `UPDATE align_groups SET confirmed = ? WHERE id IN ${placeholders(ids.length)}`, args })
    const langs = await documentLanguages(tx, documentId)
    return { groups: await loadGroups(tx, ids, langs), removed: [] }
  })
}
