/**
 * A document's six-way alignment as the API shows it, and the edits a person
 * makes to it (merge, split, relink, confirm). Edited groups become human
 * groups (origin 'human', confidence 1), which re-alignment never overwrites.
 *
 * Every edit keeps all the document's languages consistent, whichever the person saw: a split
 * realigns the languages it was not given a cut for, a move of pivot paragraphs realigns the
 * languages that were not shown (server/api/realign.ts), and a paragraph edit realigns the sentences
 * inside the paragraph groups it touched, keeping the sentence groups a person made. With
 * `preview: true` an edit is made, read back and rolled back: nothing is stored.
 */
import type { Client, InValue } from '@libsql/client'
import type { Lang } from '../../aligner/types.ts'
import { inWriteTransaction, placeholders, type Executor } from '../db/write.ts'
import type { AlignmentEditResponse, AlignmentGroup, AlignmentLevel, AlignmentMember, AlignmentOrder, AlignmentResponse, MergeRequest, RelinkRequest, SplitRequest, ConfirmRequest } from './contract.ts'
import { ApiFailure } from './errors.ts'
import { realignHiddenLanguages, realignSentences } from './realign.ts'

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
  // Both levels read rows of the same shape: id, ordinal, bord (the block's ordinal), text, label, kind, lang, gid.
  const addRow = (r: Record<string, unknown>): void =>
    add(Number(r.gid), r.lang as Lang, {
      id: Number(r.id),
      ordinal: Number(r.ordinal),
      blockOrdinal: Number(r.bord),
      text: String(r.text),
      label: r.label === null ? null : String(r.label),
      kind: r.kind as AlignmentMember['kind'],
    })
  if (byLevel.paragraph.length) {
    const m = await ex.execute({
      sql: `SELECT b.id, b.ordinal, b.ordinal AS bord, b.text, b.label, b.kind, v.lang, b.paragraph_group_id AS gid FROM blocks b JOIN versions v ON v.id = b.version_id
            WHERE b.paragraph_group_id IN ${placeholders(byLevel.paragraph.length)} AND v.lang IN ${placeholders(langArgs.length)} ORDER BY b.ordinal`,
      args: [...byLevel.paragraph, ...langArgs],
    })
    for (const r of m.rows) addRow(r)
  }
  if (byLevel.sentence.length) {
    const m = await ex.execute({
      sql: `SELECT s.id, s.ordinal, s.text, s.lang, s.group_id AS gid, b.ordinal AS bord, b.label, b.kind FROM sentences s JOIN blocks b ON b.id = s.block_id
            WHERE s.group_id IN ${placeholders(byLevel.sentence.length)} AND s.lang IN ${placeholders(langArgs.length)} ORDER BY b.ordinal, s.ordinal`,
      args: [...byLevel.sentence, ...langArgs],
    })
    for (const r of m.rows) addRow(r)
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
    // Only what the contract names (callers may hand a fuller row).
    document: { id: doc.id, slug: doc.slug, symbol: doc.symbol, title: doc.title },
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

interface Violations {
  order: Record<AlignmentLevel, number>
  stray: number
}

/** Rows that break the order invariant at a level: a member placed before the previous member of its language. */
async function orderViolations(tx: Executor, documentId: number, level: AlignmentLevel): Promise<{ n: number; lang: string | null }> {
  const order =
    level === 'paragraph'
      ? `SELECT v.lang, b.ordinal AS bo, 0 AS so, lag(b.ordinal) OVER w AS pbo, 0 AS pso
         FROM blocks b JOIN versions v ON v.id = b.version_id JOIN align_groups g ON g.id = b.paragraph_group_id
         WHERE g.document_id = ? AND g.level = 'paragraph' WINDOW w AS (PARTITION BY b.version_id ORDER BY g.ordinal, g.id, b.ordinal)`
      : `SELECT s.lang, b.ordinal AS bo, s.ordinal AS so, lag(b.ordinal) OVER w AS pbo, lag(s.ordinal) OVER w AS pso
         FROM sentences s JOIN blocks b ON b.id = s.block_id JOIN align_groups g ON g.id = s.group_id
         WHERE g.document_id = ? AND g.level = 'sentence' WINDOW w AS (PARTITION BY s.version_id ORDER BY g.ordinal, g.id, b.ordinal, s.ordinal)`
  const r = await tx.execute({ sql: `SELECT count(*) AS n, min(lang) AS lang FROM (${order}) WHERE bo < pbo OR (bo = pbo AND so < pso)`, args: [documentId] })
  return { n: Number(r.rows[0].n), lang: r.rows[0].lang === null ? null : String(r.rows[0].lang) }
}

/** Sentences lying outside their sentence group's parent paragraph group. */
async function strayViolations(tx: Executor, documentId: number): Promise<{ n: number; group: number | null }> {
  const r = await tx.execute({
    sql: `SELECT count(*) AS n, min(g.id) AS g FROM align_groups g JOIN sentences s ON s.group_id = g.id JOIN blocks b ON b.id = s.block_id
          WHERE g.document_id = ? AND g.level = 'sentence' AND b.paragraph_group_id IS NOT g.parent_id`,
    args: [documentId],
  })
  return { n: Number(r.rows[0].n), group: r.rows[0].g === null ? null : Number(r.rows[0].g) }
}

/** The invariant counts before an edit (stored alignments should have none; an edit must never add any). */
async function violations(tx: Executor, documentId: number): Promise<Violations> {
  return {
    order: { paragraph: (await orderViolations(tx, documentId, 'paragraph')).n, sentence: (await orderViolations(tx, documentId, 'sentence')).n },
    stray: (await strayViolations(tx, documentId)).n,
  }
}

/**
 * The invariants every edit keeps, checked before it commits (a failure rolls the edit back with a 409):
 * each language's members run in document order across the groups of a level, and every sentence
 * group's sentences lie in its parent paragraph group.
 */
async function checkInvariants(tx: Executor, documentId: number, level: AlignmentLevel, before: Violations): Promise<void> {
  for (const l of level === 'paragraph' ? (['paragraph', 'sentence'] as const) : (['sentence'] as const)) {
    const now = await orderViolations(tx, documentId, l)
    if (now.n > before.order[l]) {
      throw new ApiFailure(409, 'conflict', `this edit would put the ${now.lang} ${l === 'paragraph' ? 'paragraphs' : 'sentences'} out of document order; only neighbouring groups and members can be combined`)
    }
  }
  const stray = await strayViolations(tx, documentId)
  if (stray.n > before.stray) throw new ApiFailure(409, 'conflict', `sentence group ${stray.group} would span two paragraph groups; split or relink its sentences first`)
}

/**
 * After a paragraph-level edit moved blocks between paragraph groups: sentences of the touched paragraph
 * groups that now lie outside their sentence group's paragraph group leave it for a new human group of
 * their own under their paragraph group (they were aligned across paragraphs that are no longer aligned),
 * and sentence groups are renumbered in paragraph order.
 */
async function detachStraySentences(tx: Executor, documentId: number, paragraphs: number[]): Promise<void> {
  if (!paragraphs.length) return
  const stray = await tx.execute({
    sql: `SELECT s.id, s.group_id AS g, b.paragraph_group_id AS p, g.ordinal FROM sentences s JOIN blocks b ON b.id = s.block_id JOIN align_groups g ON g.id = s.group_id
          WHERE g.document_id = ? AND g.level = 'sentence' AND b.paragraph_group_id IN ${placeholders(paragraphs.length)} AND b.paragraph_group_id IS NOT g.parent_id`,
    args: [documentId, ...paragraphs],
  })
  if (!stray.rows.length) return
  const moves = new Map<string, { ordinal: number; parent: number | null; ids: number[] }>()
  for (const r of stray.rows) {
    const key = `${r.g}:${r.p}`
    const m = moves.get(key) ?? { ordinal: Number(r.ordinal), parent: r.p === null ? null : Number(r.p), ids: [] }
    m.ids.push(Number(r.id))
    moves.set(key, m)
  }
  for (const m of moves.values()) {
    const created = await tx.execute({
      sql: `INSERT INTO align_groups (document_id, level, ordinal, parent_id, confidence, flagged, origin, confirmed) VALUES (?, 'sentence', ?, ?, 1, 0, 'human', 0) RETURNING id`,
      args: [documentId, m.ordinal, m.parent],
    })
    await tx.execute({ sql: `UPDATE sentences SET group_id = ? WHERE id IN ${placeholders(m.ids.length)}`, args: [Number(created.rows[0].id), ...m.ids] })
  }
  await renumberSentences(tx, documentId)
  const emptied = [...new Set(stray.rows.map((r) => Number(r.g)))]
  await dropEmpty(tx, documentId, 'sentence', emptied)
}

/** Thrown to roll a previewed edit back, carrying what the edit gave. */
class PreviewRollback extends Error {
  constructor(readonly result: AlignmentEditResponse) {
    super('preview')
  }
}

/** Runs an edit in a write transaction; a preview is rolled back after its result was read. */
async function editTransaction(client: Client, preview: boolean | undefined, work: (tx: Executor) => Promise<AlignmentEditResponse>): Promise<AlignmentEditResponse> {
  try {
    return await inWriteTransaction(client, async (tx) => {
      const result = await work(tx)
      if (preview) throw new PreviewRollback({ ...result, preview: true })
      return result
    })
  } catch (error) {
    if (error instanceof PreviewRollback) return error.result
    throw error
  }
}

/** Sentence groups a person made or confirmed (kept when a paragraph edit realigns the sentences around them). */
async function humanSentenceGroups(tx: Executor, documentId: number): Promise<Set<number>> {
  const r = await tx.execute({ sql: "SELECT id FROM align_groups WHERE document_id = ? AND level = 'sentence' AND (origin = 'human' OR confirmed = 1)", args: [documentId] })
  return new Set(r.rows.map((x) => Number(x.id)))
}

/** The pivot of a document's alignment: Chinese when present, else the first language. */
function pivotOf(langs: Lang[]): Lang {
  return langs.includes('zh') ? 'zh' : (langs[0] ?? 'zh')
}

/** Sentence groups renumbered in paragraph order (a paragraph group's own order first). */
async function renumberSentences(tx: Executor, documentId: number): Promise<void> {
  await tx.execute({
    sql: `UPDATE align_groups SET ordinal = r.rn FROM (
            SELECT g.id, row_number() OVER (ORDER BY p.ordinal, g.ordinal, g.id) - 1 AS rn FROM align_groups g LEFT JOIN align_groups p ON p.id = g.parent_id
            WHERE g.document_id = ? AND g.level = 'sentence') AS r
          WHERE align_groups.id = r.id`,
    args: [documentId],
  })
}

interface EditContext {
  before: Violations
  /** Sentence groups a person made before this edit. */
  humanSentences: Set<number>
  /** Languages realigned inside the edited window. */
  realigned: Lang[]
}

async function startEdit(tx: Executor, documentId: number): Promise<EditContext> {
  return { before: await violations(tx, documentId), humanSentences: await humanSentenceGroups(tx, documentId), realigned: [] }
}

async function finish(tx: Executor, documentId: number, level: AlignmentLevel, touched: number[], removed: number[], ctx: EditContext): Promise<AlignmentEditResponse> {
  await renumber(tx, documentId, level)
  const langs = await documentLanguages(tx, documentId)
  const alive = touched.filter((id) => !removed.includes(id))
  let sentences: number[] = []
  if (level === 'paragraph') {
    // the sentences inside the touched paragraph groups are aligned again, around the sentence groups a person made
    sentences = await realignSentences(tx, documentId, alive, ctx.humanSentences, (present) => (present.includes(pivotOf(langs)) ? pivotOf(langs) : present[0]))
    await reparentSentences(tx, documentId)
    await detachStraySentences(tx, documentId, alive)
    await renumberSentences(tx, documentId)
  }
  await checkInvariants(tx, documentId, level, ctx.before)
  return {
    groups: await loadGroups(tx, alive, langs),
    removed,
    languages: langs,
    realigned: ctx.realigned,
    sentences: await loadGroups(tx, sentences, langs),
    preview: false,
  }
}

export function mergeGroups(client: Client, documentId: number, req: MergeRequest): Promise<AlignmentEditResponse> {
  return editTransaction(client, req.preview, async (tx) => {
    const ctx = await startEdit(tx, documentId)
    const rows = (await groupRows(tx, documentId, req.level, req.groupIds)).sort((a, b) => a.ordinal - b.ordinal)
    if (rows.length < 2) throw new ApiFailure(400, 'bad_request', 'merge needs two different groups or more')
    if (req.level === 'sentence' && rows.some((r) => r.parentId !== rows[0].parentId)) {
      throw new ApiFailure(409, 'conflict', 'only sentence groups of the same paragraph group can be merged; merge the paragraph groups first')
    }
    const between = await tx.execute({
      sql: 'SELECT count(*) AS n FROM align_groups WHERE document_id = ? AND level = ? AND ordinal BETWEEN ? AND ?',
      args: [documentId, req.level, rows[0].ordinal, rows[rows.length - 1].ordinal],
    })
    if (Number(between.rows[0].n) !== rows.length) {
      throw new ApiFailure(409, 'conflict', `only adjacent groups can be merged: groups ${rows.map((r) => r.id).join(', ')} are not next to each other`)
    }
    const [keep, ...rest] = rows
    const restIds = rest.map((r) => r.id)
    const { table, column } = memberTable(req.level)
    await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE ${column} IN ${placeholders(restIds.length)}`, args: [keep.id, ...restIds] })
    if (req.level === 'paragraph') {
      await tx.execute({ sql: `UPDATE align_groups SET parent_id = ? WHERE parent_id IN ${placeholders(restIds.length)}`, args: [keep.id, ...restIds] })
    }
    await markHuman(tx, [keep.id])
    const removed = await dropEmpty(tx, documentId, req.level, restIds)
    return finish(tx, documentId, req.level, [keep.id], removed, ctx)
  })
}

export function splitGroup(client: Client, documentId: number, req: SplitRequest): Promise<AlignmentEditResponse> {
  return editTransaction(client, req.preview, async (tx) => {
    const ctx = await startEdit(tx, documentId)
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
    // the languages not given a cut are aligned again against the pivot, across the two groups
    const pivot = pivotOf(await documentLanguages(tx, documentId))
    const unlisted = [...seen.keys()].filter((l) => req.at[l] === undefined)
    if (unlisted.includes(pivot) && unlisted.length < seen.size) {
      throw new ApiFailure(400, 'bad_request', `give the split point of the pivot language (${pivot}) too: the other languages are aligned again against it`)
    }
    ctx.realigned = await realignHiddenLanguages(tx, req.level, [row.id, newId], pivot, unlisted)
    return finish(tx, documentId, req.level, [row.id, newId], [], ctx)
  })
}

export function relinkMembers(client: Client, documentId: number, req: RelinkRequest): Promise<AlignmentEditResponse> {
  return editTransaction(client, req.preview, async (tx) => {
    const ctx = await startEdit(tx, documentId)
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
    // Sentences stay within their paragraph group: the one their blocks belong to.
    let paragraph: number | null | undefined
    if (req.level === 'sentence') {
      const p = await tx.execute({
        sql: `SELECT DISTINCT b.paragraph_group_id AS p FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.id IN ${placeholders(ids.length)}`,
        args: ids,
      })
      if (p.rows.length > 1) throw new ApiFailure(409, 'conflict', 'these sentences lie in different paragraph groups: relink them one paragraph group at a time')
      paragraph = p.rows[0].p === null ? null : Number(p.rows[0].p)
    }
    let target: number
    if (req.toGroupId === null) {
      if (sources.length > 1) throw new ApiFailure(409, 'conflict', 'these members lie in different groups: move them to a new group one group at a time')
      const source = sources.length ? (await groupRows(tx, documentId, req.level, sources))[0] : null
      // The new group goes right after the source group, or right before it when the moved members come before those that stay.
      let at = 1e9
      if (source) {
        const rest = await tx.execute({
          sql:
            req.level === 'paragraph'
              ? `SELECT min(b.ordinal) AS o FROM blocks b JOIN versions v ON v.id = b.version_id WHERE b.paragraph_group_id = ? AND v.lang = ? AND b.id NOT IN ${placeholders(ids.length)}`
              : `SELECT min(b.ordinal * 1000000 + s.ordinal) AS o FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.group_id = ? AND s.lang = ? AND s.id NOT IN ${placeholders(ids.length)}`,
          args: [source.id, req.lang, ...ids],
        })
        const moved = await tx.execute({
          sql:
            req.level === 'paragraph'
              ? `SELECT max(ordinal) AS o FROM blocks WHERE id IN ${placeholders(ids.length)}`
              : `SELECT max(b.ordinal * 1000000 + s.ordinal) AS o FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.id IN ${placeholders(ids.length)}`,
          args: ids,
        })
        const before = rest.rows[0].o !== null && Number(moved.rows[0].o) < Number(rest.rows[0].o)
        at = before ? source.ordinal : source.ordinal + 1
        await tx.execute({ sql: 'UPDATE align_groups SET ordinal = ordinal + 1 WHERE document_id = ? AND level = ? AND ordinal >= ?', args: [documentId, req.level, at] })
      }
      const created = await tx.execute({
        sql: `INSERT INTO align_groups (document_id, level, ordinal, parent_id, confidence, flagged, origin, confirmed) VALUES (?, ?, ?, ?, 1, 0, 'human', 0) RETURNING id`,
        args: [documentId, req.level, at, req.level === 'sentence' ? (paragraph ?? source?.parentId ?? null) : null],
      })
      target = Number(created.rows[0].id)
    } else {
      const [to] = await groupRows(tx, documentId, req.level, [req.toGroupId])
      if (req.level === 'sentence' && paragraph !== undefined && to.parentId !== paragraph) {
        throw new ApiFailure(409, 'conflict', `sentence group ${to.id} is in another paragraph group than these sentences`)
      }
      target = req.toGroupId
    }
    const { table, column } = memberTable(req.level)
    await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE id IN ${placeholders(ids.length)}`, args: [target, ...ids] })
    const touched = [...new Set([target, ...sources])]
    await markHuman(tx, touched)
    if (req.shown) {
      // pivot members moved: the languages not shown are aligned again against them, across the groups touched
      const langs = await documentLanguages(tx, documentId)
      const pivot = pivotOf(langs)
      if (req.lang === pivot) {
        const window = (await groupRows(tx, documentId, req.level, touched)).sort((a, b) => a.ordinal - b.ordinal).map((g) => g.id)
        ctx.realigned = await realignHiddenLanguages(tx, req.level, window, pivot, langs.filter((l) => !req.shown!.includes(l)))
      }
    }
    const removed = await dropEmpty(tx, documentId, req.level, sources.filter((s) => s !== target))
    return finish(tx, documentId, req.level, touched, removed, ctx)
  })
}

/**
 * Confirms (or unconfirms) groups as the person saw them: `languages` names the languages shown.
 * A group with text in a language that was not shown is not confirmed: the answer says which.
 */
export function confirmGroups(client: Client, documentId: number, req: ConfirmRequest): Promise<AlignmentEditResponse> {
  return inWriteTransaction(client, async (tx) => {
    const rows = await groupRows(tx, documentId, req.level, req.groupIds)
    const ids = rows.map((r) => r.id)
    const langs = await documentLanguages(tx, documentId)
    if (req.preview) {
      // what a confirmation would cover: the groups in every language, nothing stored
      const groups = await loadGroups(tx, ids, langs)
      return { groups, removed: [], languages: langs.filter((l) => groups.some((g) => (g.members[l]?.length ?? 0) > 0)), realigned: [], sentences: [], preview: true }
    }
    if (req.confirmed !== false) {
      const groups = await loadGroups(tx, ids, langs)
      for (const g of groups) {
        const unseen = langs.filter((l) => !req.languages.includes(l) && (g.members[l]?.length ?? 0) > 0)
        if (unseen.length) {
          throw new ApiFailure(
            409,
            'conflict',
            `bead ${g.ordinal + 1} also has ${listNames(unseen)} text that was not shown: show ${unseen.length === 1 ? 'that language' : 'those languages'} (or all languages) to confirm it`,
          )
        }
      }
    }
    const args: InValue[] = [req.confirmed === false ? 0 : 1, ...ids]
    await tx.execute({ sql: `UPDATE align_groups SET confirmed = ? WHERE id IN ${placeholders(ids.length)}`, args })
    const groups = await loadGroups(tx, ids, langs)
    const covered = langs.filter((l) => groups.some((g) => (g.members[l]?.length ?? 0) > 0))
    return { groups, removed: [], languages: covered, realigned: [], sentences: [], preview: false }
  })
}

const NAMES: Record<Lang, string> = { zh: 'Chinese', en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', ar: 'Arabic' }
function listNames(langs: Lang[]): string {
  const names = langs.map((l) => NAMES[l])
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
