/**
 * The rows of documents and versions, and the columns the store writes in
 * bulk (with explicit ids) for blocks, sentences and alignment groups.
 */
import type { PreparedDocument, PreparedVersion } from './prepared.ts'
import type { Executor } from '../db/write.ts'

export const BLOCK_COLUMNS = ['id', 'version_id', 'ordinal', 'kind', 'label', 'text', 'footnote_refs', 'paragraph_group_id']
export const SENTENCE_COLUMNS = ['id', 'block_id', 'version_id', 'lang', 'ordinal', 'text', 'norm', 'group_id']
export const GROUP_COLUMNS = ['id', 'document_id', 'level', 'ordinal', 'parent_id', 'confidence', 'flagged', 'origin', 'confirmed']
/** Rows built before they are written. */
export const CHUNK = 5000

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

export async function findDocument(ex: Executor, slug: string): Promise<number | null> {
  const r = await ex.execute({ sql: 'SELECT id FROM documents WHERE slug = ?', args: [slug] })
  return r.rows.length ? Number(r.rows[0].id) : null
}

export async function insertDocument(ex: Executor, doc: Pick<PreparedDocument, 'slug' | 'symbol' | 'title' | 'source'>): Promise<number> {
  const r = await ex.execute({
    sql: 'INSERT INTO documents (slug, symbol, title, source) VALUES (?, ?, ?, ?) RETURNING id',
    args: [doc.slug, doc.symbol, doc.title, doc.source],
  })
  return Number(r.rows[0].id)
}

export async function insertVersion(ex: Executor, documentId: number, v: PreparedVersion): Promise<number> {
  const r = await ex.execute({
    sql: `INSERT INTO versions (document_id, lang, file_name, format, sha256, detected_lang, detected_confidence)
          VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [documentId, v.lang, v.fileName, v.format, v.sha256, v.detected?.language ?? null, v.detected?.confidence ?? null],
  })
  return Number(r.rows[0].id)
}

