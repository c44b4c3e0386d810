/**
 * What an upload does once its bytes are read: a language version parsed,
 * checked and stored with its document re-aligned; a TMX file read and
 * stored; a version removed and the rest re-aligned. Errors are worded for the
 * API user (the file by the name they gave it, form fields instead of
 * command-line flags). These run in the import worker thread on the server
 * (server/workers/imports.ts) and in-process in tests.
 */
import type { Client } from '@libsql/client'
import { decodeText } from '../../aligner/parse/decode.ts'
import { SixfoldError, type Lang } from '../../aligner/types.ts'
import { slugify } from '../import/prepared.ts'
import { storePrealigned, storeVersions, type AlignFn, type StoreResult } from '../import/store.ts'
import { prepareTmx } from '../import/tmx.ts'
import { prepareVersion } from '../import/versions.ts'
import type { RunningImport } from './contract.ts'
import { ApiFailure } from './errors.ts'

export type ImportStage = RunningImport['stage']

export interface DocumentTarget {
  slug: string
  symbol: string
  title: string | null
  /** Set when the document exists already. */
  id?: number
}

export interface VersionUpload {
  doc: DocumentTarget
  bytes: Uint8Array
  /** The file name the user gave (base name only). */
  name: string
  lang: Lang
}

/** Parses an uploaded version, checks its language and stores it (re-aligning the document); an unchanged file is skipped. */
export async function storeUploadedVersion(
  client: Client,
  upload: VersionUpload,
  align: () => Promise<AlignFn>,
  onStage: (stage: ImportStage) => void = () => {},
): Promise<{ documentId: number; skipped: boolean }> {
  const { doc, bytes, name, lang } = upload
  onStage('parsing')
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '.txt'
  const storedName = `${lang}${ext.toLowerCase()}`
  let version
  try {
    version = await prepareVersion(bytes, storedName, lang)
  } catch (error) {
    if (error instanceof ApiFailure) throw error
    if (error instanceof SixfoldError) {
      // The parser knows the file by its stored name and speaks to command-line users: say it as the API user sees it.
      const message = error.message
        .split('\n')[0]
        .split(storedName)
        .join(name)
        .replace(/check the file or the --lang value/g, 'check the file or the lang field')
        .replace(/declare it with --lang/g, 'give it in the lang field')
        .replace(/--lang/g, 'the lang field')
      throw new SixfoldError(error.code, message.includes(name) ? message : `${name}: ${message}`)
    }
    throw new ApiFailure(422, 'unprocessable', `${name}: could not be read (${(error as Error).message.split('\n')[0]})`)
  }
  onStage('storing')
  if (doc.id !== undefined) {
    const same = await client.execute({ sql: 'SELECT 1 FROM versions WHERE document_id = ? AND lang = ? AND sha256 = ?', args: [doc.id, lang, version.sha256] })
    if (same.rows.length) return { documentId: doc.id, skipped: true }
  }
  version.fileName = name
  const stored = await storeVersions(client, { slug: doc.slug, symbol: doc.symbol, title: doc.title, replace: [version] }, await align())
  return { documentId: stored.documentId, skipped: false }
}

/** Removes a document's version in one language and re-aligns the others. */
export async function removeVersion(client: Client, doc: DocumentTarget, lang: Lang, align: () => Promise<AlignFn>): Promise<StoreResult> {
  return storeVersions(client, { slug: doc.slug, symbol: doc.symbol, title: doc.title, replace: [], remove: [lang] }, await align())
}

export interface TmxUpload {
  bytes: Uint8Array
  name: string
  symbol?: string
  title?: string | null
  slug?: string
}

/** Reads an uploaded TMX file and stores it as one pre-aligned document. */
export async function storeUploadedTmx(client: Client, upload: TmxUpload): Promise<StoreResult & { skipped: number }> {
  const { bytes, name } = upload
  let text: string
  try {
    // Decoded as every text input is: Latin-1 or binary refused in words, an XML encoding declaration honoured.
    text = decodeText(bytes, name, { xml: true, expected: 'a TMX file' })
  } catch (error) {
    throw new ApiFailure(422, 'unprocessable', (error as Error).message)
  }
  let prepared
  try {
    prepared = prepareTmx(text, { fileName: name, slug: upload.slug ? slugify(upload.slug) : undefined, symbol: upload.symbol, title: upload.title ?? null })
  } catch (error) {
    throw new ApiFailure(422, 'unprocessable', (error as Error).message)
  }
  const existing = await client.execute({ sql: 'SELECT source FROM documents WHERE slug = ?', args: [prepared.slug] })
  if (existing.rows.length && existing.rows[0].source !== 'tmx') {
    throw new ApiFailure(409, 'conflict', `a document "${prepared.slug}" exists already and is not a TMX import: give another slug`)
  }
  const stored = await storePrealigned(client, prepared)
  return { ...stored, skipped: prepared.skipped }
}
