/**
 * Writes prepared documents into the translation memory, each in ONE write
 * transaction: a failure anywhere (a bad file, a crash, a thrown hook) leaves
 * the database exactly as it was.
 *
 * - Pre-aligned material (parallel lines, keyed YAML, TMX) replaces its whole
 *   document (store-prealigned.ts).
 * - Document versions replace only the versions that changed; the document is
 *   then re-aligned, keeping the groups a person edited or confirmed
 *   (store-versions.ts, with stored-versions.ts, human-groups.ts,
 *   group-order.ts, alignment-links.ts).
 * - Rows of documents and versions: document-rows.ts.
 *
 * This file holds the types the store's callers share.
 */
import type { ParsedDocument, VersionsAlignment } from '../../aligner/types.ts'

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

export { deleteDocumentRows } from './document-rows.ts'
export { storePrealigned } from './store-prealigned.ts'
export { storeVersions, type VersionChanges } from './store-versions.ts'
