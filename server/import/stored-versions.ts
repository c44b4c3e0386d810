/**
 * A document's versions as stored (blocks and sentences with their row ids and
 * groups, in document order), and a prepared version in the same shape before
 * it has rows.
 */
import type { Lang, Paragraph } from '../../aligner/types.ts'
import type { Executor } from '../db/write.ts'
import type { PreparedVersion } from './prepared.ts'

export interface LoadedVersion {
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

export async function loadVersions(ex: Executor, documentId: number): Promise<LoadedVersion[]> {
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

export function toLoaded(v: PreparedVersion): LoadedVersion {
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

/** Global sentence k of version v (in block bi): its text. */
export function sentenceText(v: LoadedVersion, k: number, bi: number): string {
  // Global sentence k of version v: its position inside block bi.
  let first = k
  while (first > 0 && v.sentenceBlock[first - 1] === bi) first--
  return v.blocks[bi].sentences[k - first]
}

