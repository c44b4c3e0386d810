/**
 * Document versions replace only the versions that changed; the document is
 * then re-aligned, in one write transaction. Groups a person edited or
 * confirmed survive when all their members are still there (unchanged
 * versions keep their row ids; members in a changed version are found again by
 * identical text: human-groups.ts).
 */
import type { Client, InValue } from '@libsql/client'
import type { Lang, VersionsAlignment } from '../../aligner/types.ts'
import { fold } from '../search/fold.ts'
import { forChunks, insertRows, inWriteTransaction, nextId, placeholders, type Executor } from '../db/write.ts'
import { LINK_COLUMNS, linkRows } from './alignment-links.ts'
import { BLOCK_COLUMNS, findDocument, GROUP_COLUMNS, insertDocument, insertVersion, SENTENCE_COLUMNS } from './document-rows.ts'
import { collectGroups, memberGroups, orderGroups, sentenceParents } from './group-order.ts'
import { loadHumanGroups, reclaimHumanGroups } from './human-groups.ts'
import { LANG_ORDER, type PreparedVersion } from './prepared.ts'
import type { AlignFn, StoreHooks, StoreResult } from './store.ts'
import { loadVersions, toLoaded } from './stored-versions.ts'

export interface VersionChanges {
  slug: string
  symbol: string
  title: string | null
  /** Versions to add or replace. */
  replace: PreparedVersion[]
  /** Languages whose version is deleted. */
  remove?: Lang[]
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
    const { surviving, claimed } = reclaimHumanGroups(human, all, byLang, removed)
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

    // Align (two versions or more), then close the automatic groups around the human ones, in document order.
    let alignment: VersionsAlignment | null = null
    if (all.length >= 2) {
      alignment = await align(
        all.map((v) => ({ language: v.lang, detected: v.detected ?? { language: v.lang, confidence: 1 }, blocks: v.blocks, furniture: [] })),
      )
    }
    const groups = collectGroups(surviving, alignment, claimed, await nextId(tx, 'align_groups'))
    orderGroups(groups, alignment?.pivot ?? all[0]?.lang, byLang)
    const { blockGroupOf, sentenceGroupOf } = memberGroups(groups, all)
    const parentOf = sentenceParents(groups, byLang, blockGroupOf)

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
    if (alignment) await insertRows(tx, 'align_links', LINK_COLUMNS, linkRows(documentId, alignment, byLang))
    const groupCount = groups.filter((g) => g.level === 'sentence').length
    return { documentId, segments, groups: groupCount }
  })
}

/** Sets the group column of the rows whose group changed, one UPDATE per group. */
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
