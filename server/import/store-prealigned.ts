/**
 * Pre-aligned material (parallel lines, keyed YAML, TMX) replaces its whole
 * document in one write transaction: blocks, sentences and one paragraph
 * group + one sentence group per aligned unit, written in bulk with explicit
 * ids.
 */
import type { Client, InValue } from '@libsql/client'
import { fold } from '../search/fold.ts'
import { insertRows, inWriteTransaction, nextId } from '../db/write.ts'
import { BLOCK_COLUMNS, CHUNK, deleteDocumentRows, findDocument, GROUP_COLUMNS, insertDocument, insertVersion, SENTENCE_COLUMNS } from './document-rows.ts'
import type { PreparedDocument } from './prepared.ts'
import type { StoreHooks, StoreResult } from './store.ts'

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
