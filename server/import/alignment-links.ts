/**
 * The pairwise links behind a document's groups (align_links): each bead of
 * each aligned pair, at paragraph and sentence level, with the row ids of its
 * two sides.
 */
import type { InValue } from '@libsql/client'
import type { Lang, VersionsAlignment } from '../../aligner/types.ts'
import type { LoadedVersion } from './stored-versions.ts'

export const LINK_COLUMNS = ['document_id', 'level', 'src_lang', 'tgt_lang', 'src_ids', 'tgt_ids', 'shape', 'confidence', 'origin']

export function linkRows(documentId: number, alignment: VersionsAlignment, byLang: Map<Lang, LoadedVersion>): InValue[][] {
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
  return linkRows
}
