/**
 * Writes prepared documents into the translation memory, each in ONE write
 * transaction: a failure anywhere (a bad file, a crash, a thrown hook) leaves
 * the database exactly as it was.
 *
 * - Pre-aligned material (parallel lines, keyed YAML, TMX) replaces its whole
 *   document: blocks, sentences and one paragraph group + one sentence group
 *   per aligned unit, written in bulk with explicit ids.
 * - Document versions replace only the versions that changed; the document is
 *   then re-aligned. Groups a person edited or confirmed survive when all their
 *   members are still there (unchanged versions keep their row ids; members in
 *   a changed version are found again by identical text).
 */
import type { Client, InValue } from '@libsql/client'
import type { Lang, ParsedDocument, Paragraph, VersionsAlignment } from '../../aligner/types.ts'
import { fold } from '../search/fold.ts'
import { forChunks, insertRows, inWriteTransaction, nextId, placeholders, type Executor } from '../db/write.ts'
import { LANG_ORDER, type PreparedDocument, type PreparedVersion } from './prepared.ts'

export type AlignFn = (docs: ParsedDocument[]) => VersionsAlignment | Promise<VersionsAlignment>

export interface StoreHooks {
  /** Called as sentence rows are written (count written since the last call). */
  onSegments?: (count: number) => void
  /** Test hook: called after each chunk of rows; throwing aborts the import. */
  afterChunk?: (written: number) => void
}

export interface StoreResult {
  documentId: number
  segments: number
  groups: number
}

const BLOCK_COLUMNS = ['id', 'version_id', 'ordinal', 'kind', 'label', 'text', 'footnote_refs', 'paragraph_group_id']
const SENTENCE_COLUMNS = ['id', 'block_id', 'version_id', 'lang', 'ordinal', 'text', 'norm', 'group_id']
const GROUP_COLUMNS = ['id', 'document_id', 'level', 'ordinal', 'parent_id', 'confidence', 'flagged', 'origin', 'confirmed']
const CHUNK = 5000

/** Deletes a document and everything under it (explicitly, not trusting cascades on every connection). */
export async function deleteDocumentRows(ex: Executor, documentId: number): Promise<void> {
  const args = [documentId]
  await ex.execute({ sql: 'DELETE FROM sentences WHERE version_id IN (SELECT id FROM versions WHERE document_id = ?)', args })
  await ex.execute({ sql: 'DELETE FROM blocks WHERE version_id IN (SELECT id FROM versions WHERE document_id = ?)', args })
  await ex.execute({ sql: 'DELETE FROM align_links WHERE document_id = ?', args })
  await ex.execute({ sql: 'DELETE FROM glossary_refs WHERE group_id IN (SELECT id FROM align_groups WHERE document_id = ?)', args })
  await ex.execute({ sql: 'DELETE FROM align_groups WHERE document_id = ?', args })
  await ex.execute({ sql: 'DELETE FROM versions WHERE document_id = ?', args })
  await ex.execute({ sql: 'DELETE FROM documents WHERE id = ?', args })
}

async function findDocument(ex: Executor, slug: string): Promise<number | null> {
  const r = await ex.execute({ sql: 'SELECT id FROM documents WHERE slug = ?', args: [slug] })
  return r.rows.length ? Number(r.rows[0].id) : null
}

async function insertDocument(ex: Executor, doc: Pick<PreparedDocument, 'slug' | 'symbol' | 'title' | 'source'>): Promise<number> {
  const r = await ex.execute({
    sql: 'INSERT INTO documents (slug, symbol, title, source) VALUES (?, ?, ?, ?) RETURNING id',
    args: [doc.slug, doc.symbol, doc.title, doc.source],
  })
  return Number(r.rows[0].id)
}

async function insertVersion(ex: Executor, documentId: number, v: PreparedVersion): Promise<number> {
  const r = await ex.execute({
    sql: `INSERT INTO versions (document_id, lang, file_name, format, sha256, detected_lang, detected_confidence)
          VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [documentId, v.lang, v.fileName, v.format, v.sha256, v.detected?.language ?? null, v.detected?.confidence ?? null],
  })
  return Number(r.rows[0].id)
}

/** Writes a pre-aligned document (replacing any document with the same slug). */
export async function storePrealigned(client: Client, doc: PreparedDocument, hooks: StoreHooks = {}): Promise<StoreResult> {
  if (!doc.prealigned) throw new Error('storePrealigned needs a pre-aligned document')
  const groupCount = doc.prealigned.groups
  return inWriteTransaction(client, async (tx) => {
    const existing = await findDocument(tx, doc.slug)
    if (existing !== null) await deleteDocumentRows(tx, existing)
    const documentId = await insertDocument(tx, doc)

    // Which groups have members at all (a TMX unit may hold one language only; empty lines are skipped).
    const used = new Uint8Array(groupCount)
    for (const v of doc.versions) for (const g of v.groupOf ?? []) used[g] = 1
    const groupBase = await nextId(tx, 'align_groups')
    const paragraphId = new Int32Array(groupCount)
    const sentenceGroupId = new Int32Array(groupCount)
    let next = groupBase
    let groups = 0
    for (let g = 0; g < groupCount; g++) if (used[g]) paragraphId[g] = next++
    for (let g = 0; g < groupCount; g++) if (used[g]) sentenceGroupId[g] = next++
    let rows: InValue[][] = []
    let ordinal = 0
    for (let g = 0; g < groupCount; g++) {
      if (!used[g]) continue
      rows.push([paragraphId[g], documentId, 'paragraph', ordinal, null, 1, 0, 'auto', 0])
      rows.push([sentenceGroupId[g], documentId, 'sentence', ordinal, paragraphId[g], 1, 0, 'auto', 0])
      ordinal++
      groups++
      if (rows.length >= CHUNK) {
        await insertRows(tx, 'align_groups', GROUP_COLUMNS, rows)
        rows = []
      }
    }
    await insertRows(tx, 'align_groups', GROUP_COLUMNS, rows)

    let blockId = await nextId(tx, 'blocks')
    let sentenceId = await nextId(tx, 'sentences')
    let segments = 0
    for (const v of doc.versions) {
      const versionId = await insertVersion(tx, documentId, v)
      const groupOf = v.groupOf ?? []
      for (let start = 0; start < v.blocks.length; start += CHUNK) {
        const blockRows: InValue[][] = []
        const sentenceRows: InValue[][] = []
        const end = Math.min(v.blocks.length, start + CHUNK)
        for (let i = start; i < end; i++) {
          const b = v.blocks[i]
          const g = groupOf[i]
          blockRows.push([blockId, versionId, i, b.kind, b.label, b.text, JSON.stringify(b.footnoteRefs), g === undefined ? null : paragraphId[g]])
          b.sentences.forEach((s, k) => {
            sentenceRows.push([sentenceId++, blockId, versionId, v.lang, k, s, fold(s), g === undefined ? null : sentenceGroupId[g]])
          })
          blockId++
        }
        await insertRows(tx, 'blocks', BLOCK_COLUMNS, blockRows)
        await insertRows(tx, 'sentences', SENTENCE_COLUMNS, sentenceRows)
        segments += sentenceRows.length
        hooks.onSegments?.(sentenceRows.length)
        hooks.afterChunk?.(segments)
      }
    }
    return { documentId, segments, groups }
  })
}

// ─── Document versions: replace what changed, re-align, keep human edits ───────

interface LoadedVersion {
  versionId: number
  lang: Lang
  detected: { language: Lang; confidence: number } | null
  blocks: Paragraph[]
  blockIds: number[]
  blockGroup: Array<number | null>
  /** Global sentence order (block order, then sentence order). */
  sentenceIds: number[]
  sentenceBlock: number[]
  sentenceGroup: Array<number | null>
}

interface HumanGroup {
  id: number
  level: 'paragraph' | 'sentence'
  confirmed: boolean
  origin: 'auto' | 'human'
  confidence: number
  flagged: boolean
  /** Members that are still there: lang → indices (block indices or global sentence indices). */
  members: Map<Lang, number[]>
  /** Members in versions being replaced, to be found again by text. */
  lost: Array<{ lang: Lang; text: string; ordinal: number }>
}

export interface VersionChanges {
  slug: string
  symbol: string
  title: string | null
  /** Versions to add or replace. */
  replace: PreparedVersion[]
  /** Languages whose version is deleted. */
  remove?: Lang[]
}

async function loadVersions(ex: Executor, documentId: number): Promise<LoadedVersion[]> {
  const vs = await ex.execute({ sql: 'SELECT id, lang, detected_lang, detected_confidence FROM versions WHERE document_id = ?', args: [documentId] })
  const out: LoadedVersion[] = []
  for (const row of vs.rows) {
    const versionId = Number(row.id)
    const bs = await ex.execute({
      sql: 'SELECT id, kind, label, text, footnote_refs, paragraph_group_id FROM blocks WHERE version_id = ? ORDER BY ordinal',
      args: [versionId],
    })
    const ss = await ex.execute({
      sql: 'SELECT s.id, s.block_id, s.text, s.group_id FROM sentences s JOIN blocks b ON b.id = s.block_id WHERE s.version_id = ? ORDER BY b.ordinal, s.ordinal',
      args: [versionId],
    })
    const index = new Map<number, number>()
    const v: LoadedVersion = {
      versionId,
      lang: row.lang as Lang,
      detected: row.detected_lang ? { language: row.detected_lang as Lang, confidence: Number(row.detected_confidence ?? 0) } : null,
      blocks: [],
      blockIds: [],
      blockGroup: [],
      sentenceIds: [],
      sentenceBlock: [],
      sentenceGroup: [],
    }
    for (const b of bs.rows) {
      index.set(Number(b.id), v.blocks.length)
      v.blocks.push({
        kind: b.kind as Paragraph['kind'],
        label: (b.label as string | null) ?? null,
        text: String(b.text),
        sentences: [],
        footnoteRefs: JSON.parse(String(b.footnote_refs)) as Array<number | string>,
      })
      v.blockIds.push(Number(b.id))
      v.blockGroup.push(b.paragraph_group_id === null ? null : Number(b.paragraph_group_id))
    }
    for (const s of ss.rows) {
      const bi = index.get(Number(s.block_id))!
      v.blocks[bi].sentences.push(String(s.text))
      v.sentenceIds.push(Number(s.id))
      v.sentenceBlock.push(bi)
      v.sentenceGroup.push(s.group_id === null ? null : Number(s.group_id))
    }
    out.push(v)
  }
  return out
}

function toLoaded(v: PreparedVersion): LoadedVersion {
  const sentenceBlock: number[] = []
  v.blocks.forEach((b, i) => b.sentences.forEach(() => sentenceBlock.push(i)))
  return {
    versionId: -1,
    lang: v.lang,
    detected: v.detected,
    blocks: v.blocks,
    blockIds: [],
    blockGroup: v.blocks.map(() => null),
    sentenceIds: [],
    sentenceBlock,
    sentenceGroup: sentenceBlock.map(() => null),
  }
}

/**
 * Adds, replaces or removes language versions of a document and re-aligns it,
 * in one transaction. Returns the document id.
 */
export async function storeVersions(client: Client, changes: VersionChanges, align: AlignFn, hooks: StoreHooks = {}): Promise<StoreResult> {
  return inWriteTransaction(client, async (tx) => {
    let documentId = await findDocument(tx, changes.slug)
    if (documentId === null) documentId = await insertDocument(tx, { ...changes, source: 'document' })
    else
      await tx.execute({
        sql: "UPDATE documents SET symbol = ?, title = coalesce(?, title), source = 'document' WHERE id = ?",
        args: [changes.symbol, changes.title, documentId],
      })

    const current = await loadVersions(tx, documentId)
    const replacing = new Set<Lang>([...changes.replace.map((v) => v.lang), ...(changes.remove ?? [])])
    const removed = new Set<Lang>(changes.remove ?? [])
    const human = await loadHumanGroups(tx, documentId, current, replacing)

    // Delete the versions being replaced or removed.
    for (const v of current) {
      if (!replacing.has(v.lang)) continue
      await tx.execute({ sql: 'DELETE FROM sentences WHERE version_id = ?', args: [v.versionId] })
      await tx.execute({ sql: 'DELETE FROM blocks WHERE version_id = ?', args: [v.versionId] })
      await tx.execute({ sql: 'DELETE FROM versions WHERE id = ?', args: [v.versionId] })
    }
    const kept = current.filter((v) => !replacing.has(v.lang))
    const fresh = changes.replace.map(toLoaded)
    const all = [...kept, ...fresh].sort((a, b) => LANG_ORDER.indexOf(a.lang) - LANG_ORDER.indexOf(b.lang))
    const byLang = new Map(all.map((v) => [v.lang, v]))

    // Ids for the new rows.
    let blockId = await nextId(tx, 'blocks')
    let sentenceId = await nextId(tx, 'sentences')
    for (const v of fresh) {
      v.versionId = await insertVersion(tx, documentId, changes.replace.find((p) => p.lang === v.lang)!)
      v.blockIds = v.blocks.map(() => blockId++)
      v.sentenceIds = v.sentenceBlock.map(() => sentenceId++)
    }

    // Human groups: find lost members again by identical text in the new versions.
    const claimedBlocks = new Map<Lang, Set<number>>()
    const claimedSentences = new Map<Lang, Set<number>>()
    for (const v of all) {
      claimedBlocks.set(v.lang, new Set())
      claimedSentences.set(v.lang, new Set())
    }
    const surviving: HumanGroup[] = []
    for (const g of human) {
      let ok = true
      const found = new Map<Lang, number[]>()
      for (const m of g.lost) {
        if (removed.has(m.lang)) continue
        const v = byLang.get(m.lang)
        if (!v || v.versionId < 0) {
          ok = false
          break
        }
        const claimed = (g.level === 'paragraph' ? claimedBlocks : claimedSentences).get(m.lang)!
        const texts = g.level === 'paragraph' ? v.blocks.map((b) => b.text) : v.sentenceBlock.map((bi, k) => sentenceText(v, k, bi))
        let best = -1
        for (let i = 0; i < texts.length; i++) {
          if (texts[i] !== m.text || claimed.has(i) || (found.get(m.lang) ?? []).includes(i)) continue
          if (best < 0 || Math.abs(i - m.ordinal) < Math.abs(best - m.ordinal)) best = i
        }
        if (best < 0) {
          ok = false
          break
        }
        found.set(m.lang, [...(found.get(m.lang) ?? []), best])
      }
      if (!ok) continue
      for (const [lang, idx] of found) g.members.set(lang, [...(g.members.get(lang) ?? []), ...idx].sort((a, b) => a - b))
      let empty = true
      for (const [lang, idx] of g.members) {
        const claimed = (g.level === 'paragraph' ? claimedBlocks : claimedSentences).get(lang)
        if (!claimed) continue
        for (const i of idx) claimed.add(i)
        if (idx.length) empty = false
      }
      if (!empty) surviving.push(g)
    }
    const survivingIds = new Set(surviving.map((g) => g.id))

    // Drop the automatic groups (and human ones that did not survive) with their links.
    await tx.execute({ sql: 'DELETE FROM align_links WHERE document_id = ?', args: [documentId] })
    const oldGroups = await tx.execute({ sql: 'SELECT id FROM align_groups WHERE document_id = ?', args: [documentId] })
    const dropIds = oldGroups.rows.map((r) => Number(r.id)).filter((id) => !survivingIds.has(id))
    await forChunks(dropIds, 500, async (ids) => {
      const p = placeholders(ids.length)
      await tx.execute({ sql: `UPDATE blocks SET paragraph_group_id = NULL WHERE paragraph_group_id IN ${p}`, args: ids })
      await tx.execute({ sql: `UPDATE sentences SET group_id = NULL WHERE group_id IN ${p}`, args: ids })
      await tx.execute({ sql: `DELETE FROM glossary_refs WHERE group_id IN ${p}`, args: ids })
      await tx.execute({ sql: `DELETE FROM align_groups WHERE id IN ${p}`, args: ids })
    })

    // Align (two versions or more), then close the automatic groups around the human ones.
    let alignment: VersionsAlignment | null = null
    if (all.length >= 2) {
      alignment = await align(
        all.map((v) => ({ language: v.lang, detected: v.detected ?? { language: v.lang, confidence: 1 }, blocks: v.blocks, furniture: [] })),
      )
    }
    interface NewGroup {
      id: number
      level: 'paragraph' | 'sentence'
      confidence: number
      flagged: boolean
      origin: 'auto' | 'human'
      confirmed: boolean
      members: Map<Lang, number[]>
      existing: boolean
      key: number
    }
    const groups: NewGroup[] = surviving.map((g) => ({ ...g, existing: true, key: 0 }))
    let groupId = await nextId(tx, 'align_groups')
    if (alignment) {
      for (const level of ['paragraph', 'sentence'] as const) {
        const list = level === 'paragraph' ? alignment.paragraphs : alignment.sentences
        const claimedAll = level === 'paragraph' ? claimedBlocks : claimedSentences
        for (const g of list) {
          const members = new Map<Lang, number[]>()
          for (const [lang, idx] of Object.entries(g.members) as Array<[Lang, number[]]>) {
            const claimed = claimedAll.get(lang)
            if (!claimed || !idx) continue
            const free = idx.filter((i) => !claimed.has(i))
            if (free.length) members.set(lang, free)
          }
          if (members.size === 0) continue
          groups.push({ id: groupId++, level, confidence: g.confidence, flagged: g.flagged, origin: 'auto', confirmed: false, members, existing: false, key: 0 })
        }
      }
    }
    // A block or sentence left out of every group (a version alone, or a gap the aligner left) gets no group.

    // Order the groups by where their members sit in the texts: a group holding a
    // pivot member sits at that member's place; any other group right after the
    // group that holds the member before its own first member.
    const pivot = alignment?.pivot ?? all[0]?.lang
    for (const level of ['paragraph', 'sentence'] as const) {
      const ofLevel = groups.filter((g) => g.level === level)
      const holder = new Map<Lang, Map<number, NewGroup>>()
      for (const g of ofLevel) {
        for (const [lang, idx] of g.members) {
          const m = holder.get(lang) ?? new Map<number, NewGroup>()
          for (const i of idx) m.set(i, g)
          holder.set(lang, m)
        }
      }
      const anchored = new Set<NewGroup>()
      for (const g of ofLevel) {
        const p = pivot ? g.members.get(pivot) : undefined
        if (p && p.length) {
          g.key = Math.min(...p)
          anchored.add(g)
        }
      }
      for (const g of ofLevel) {
        if (anchored.has(g)) continue
        const lang = LANG_ORDER.find((l) => (g.members.get(l)?.length ?? 0) > 0 && byLang.has(l))
        if (!lang) {
          g.key = Number.MAX_SAFE_INTEGER
          continue
        }
        const v = byLang.get(lang)!
        const size = Math.max(1, level === 'paragraph' ? v.blocks.length : v.sentenceIds.length)
        const first = Math.min(...g.members.get(lang)!)
        let anchor = -1
        for (let j = first - 1; j >= 0; j--) {
          const h = holder.get(lang)?.get(j)
          if (h && anchored.has(h)) {
            anchor = h.key
            break
          }
        }
        g.key = anchor + 0.5 + 0.49 * (first / size)
      }
    }

    // Member → group maps.
    const blockGroupOf = new Map<Lang, Array<number | null>>()
    const sentenceGroupOf = new Map<Lang, Array<number | null>>()
    for (const v of all) {
      blockGroupOf.set(v.lang, v.blocks.map(() => null))
      sentenceGroupOf.set(v.lang, v.sentenceIds.map(() => null))
    }
    for (const g of groups) {
      const target = g.level === 'paragraph' ? blockGroupOf : sentenceGroupOf
      for (const [lang, idx] of g.members) {
        const arr = target.get(lang)
        if (!arr) continue
        for (const i of idx) if (i >= 0 && i < arr.length) arr[i] = g.id
      }
    }
    // A sentence group's parent: the paragraph group of its first member's block.
    const parentOf = new Map<number, number | null>()
    for (const g of groups) {
      if (g.level !== 'sentence') continue
      let parent: number | null = null
      for (const lang of LANG_ORDER) {
        const idx = g.members.get(lang)
        const v = byLang.get(lang)
        if (!idx?.length || !v) continue
        parent = blockGroupOf.get(lang)![v.sentenceBlock[idx[0]]] ?? null
        if (parent !== null) break
      }
      parentOf.set(g.id, parent)
    }

    // Write the groups.
    const groupRows: InValue[][] = []
    for (const level of ['paragraph', 'sentence'] as const) {
      const sorted = groups.filter((g) => g.level === level).sort((a, b) => a.key - b.key)
      for (let i = 0; i < sorted.length; i++) {
        const g = sorted[i]
        const parent = level === 'sentence' ? (parentOf.get(g.id) ?? null) : null
        if (g.existing) {
          await tx.execute({ sql: 'UPDATE align_groups SET ordinal = ?, parent_id = ? WHERE id = ?', args: [i, parent, g.id] })
        } else {
          groupRows.push([g.id, documentId, level, i, parent, g.confidence, g.flagged ? 1 : 0, 'auto', 0])
        }
      }
    }
    await insertRows(tx, 'align_groups', GROUP_COLUMNS, groupRows)

    // Write the new versions' rows with their groups.
    let segments = 0
    for (const v of fresh) {
      const bg = blockGroupOf.get(v.lang)!
      const sg = sentenceGroupOf.get(v.lang)!
      const blockRows = v.blocks.map((b, i) => [v.blockIds[i], v.versionId, i, b.kind, b.label, b.text, JSON.stringify(b.footnoteRefs), bg[i]] as InValue[])
      const sentenceRows: InValue[][] = []
      let k = 0
      v.blocks.forEach((b, bi) => {
        b.sentences.forEach((s, ord) => {
          sentenceRows.push([v.sentenceIds[k], v.blockIds[bi], v.versionId, v.lang, ord, s, fold(s), sg[k]])
          k++
        })
      })
      await insertRows(tx, 'blocks', BLOCK_COLUMNS, blockRows)
      hooks.afterChunk?.(segments)
      await insertRows(tx, 'sentences', SENTENCE_COLUMNS, sentenceRows)
      segments += sentenceRows.length
      hooks.onSegments?.(sentenceRows.length)
      hooks.afterChunk?.(segments)
    }
    // Point the kept versions' rows at their (new) groups.
    for (const v of kept) {
      await updateMembers(tx, 'blocks', 'paragraph_group_id', v.blockIds, blockGroupOf.get(v.lang)!, v.blockGroup)
      await updateMembers(tx, 'sentences', 'group_id', v.sentenceIds, sentenceGroupOf.get(v.lang)!, v.sentenceGroup)
    }

    // The pairwise links behind the groups.
    if (alignment) {
      const linkRows: InValue[][] = []
      for (const pair of alignment.pairs) {
        const src = byLang.get(pair.srcLang)
        const tgt = byLang.get(pair.tgtLang)
        if (!src || !tgt) continue
        for (const b of pair.paragraphs) {
          linkRows.push([documentId, 'paragraph', pair.srcLang, pair.tgtLang, JSON.stringify(b.src.map((i) => src.blockIds[i])), JSON.stringify(b.tgt.map((i) => tgt.blockIds[i])), `${b.src.length}-${b.tgt.length}`, b.confidence, 'auto'])
        }
        for (const sp of pair.sentences) {
          for (const b of sp.beads) {
            linkRows.push([documentId, 'sentence', pair.srcLang, pair.tgtLang, JSON.stringify(b.src.map((i) => src.sentenceIds[i])), JSON.stringify(b.tgt.map((i) => tgt.sentenceIds[i])), `${b.src.length}-${b.tgt.length}`, b.confidence, 'auto'])
          }
        }
      }
      await insertRows(tx, 'align_links', ['document_id', 'level', 'src_lang', 'tgt_lang', 'src_ids', 'tgt_ids', 'shape', 'confidence', 'origin'], linkRows)
    }
    const groupCount = groups.filter((g) => g.level === 'sentence').length
    return { documentId, segments, groups: groupCount }
  })
}

function sentenceText(v: LoadedVersion, k: number, bi: number): string {
  // Global sentence k of version v: its position inside block bi.
  let first = k
  while (first > 0 && v.sentenceBlock[first - 1] === bi) first--
  return v.blocks[bi].sentences[k - first]
}

async function updateMembers(tx: Executor, table: string, column: string, ids: number[], next: Array<number | null>, prev: Array<number | null>): Promise<void> {
  const byGroup = new Map<number | null, number[]>()
  ids.forEach((id, i) => {
    if (next[i] === prev[i]) return
    const list = byGroup.get(next[i]) ?? []
    list.push(id)
    byGroup.set(next[i], list)
  })
  for (const [group, list] of byGroup) {
    await forChunks(list, 500, async (chunk) => {
      await tx.execute({ sql: `UPDATE ${table} SET ${column} = ? WHERE id IN ${placeholders(chunk.length)}`, args: [group, ...chunk] })
    })
  }
}

async function loadHumanGroups(ex: Executor, documentId: number, current: LoadedVersion[], replacing: Set<Lang>): Promise<HumanGroup[]> {
  const rows = await ex.execute({
    sql: "SELECT id, level, confidence, flagged, origin, confirmed FROM align_groups WHERE document_id = ? AND (origin = 'human' OR confirmed = 1)",
    args: [documentId],
  })
  const groups = new Map<number, HumanGroup>()
  for (const r of rows.rows) {
    groups.set(Number(r.id), {
      id: Number(r.id),
      level: r.level as 'paragraph' | 'sentence',
      confirmed: Boolean(r.confirmed),
      origin: r.origin as 'auto' | 'human',
      confidence: Number(r.confidence),
      flagged: Boolean(r.flagged),
      members: new Map(),
      lost: [],
    })
  }
  if (groups.size === 0) return []
  for (const v of current) {
    const lost = replacing.has(v.lang)
    v.blockGroup.forEach((gid, i) => {
      const g = gid === null ? undefined : groups.get(gid)
      if (!g) return
      if (lost) g.lost.push({ lang: v.lang, text: v.blocks[i].text, ordinal: i })
      else g.members.set(v.lang, [...(g.members.get(v.lang) ?? []), i])
    })
    v.sentenceGroup.forEach((gid, k) => {
      const g = gid === null ? undefined : groups.get(gid)
      if (!g) return
      if (lost) g.lost.push({ lang: v.lang, text: sentenceText(v, k, v.sentenceBlock[k]), ordinal: k })
      else g.members.set(v.lang, [...(g.members.get(v.lang) ?? []), k])
    })
  }
  return [...groups.values()]
}
