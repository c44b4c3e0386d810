/**
 * The import pipeline shared by `npm start` and `sixfold import`: find what is
 * to be imported under the given paths, skip what is unchanged (sha256), and
 * store each document in its own transaction.
 *
 *   corpora/<document>/<lang>.<txt|pdf|docx|html>   document versions (parsed + aligned)
 *   corpora/<document>/manifest.json                symbol, title; format parallel | keyed-yaml
 *   *.tmx                                           TMX 1.4b (one group per <tu>)
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Client } from '@libsql/client'
import { decodeText } from '../../aligner/parse/decode.ts'
import type { Lang } from '../../aligner/types.ts'
import type { ImportProgress } from '../api/contract.ts'
import { sha256 } from './hash.ts'
import { readKeyedYaml, prepareKeyed } from './keyed-yaml.ts'
import { parseManifest, type Manifest } from './manifest.ts'
import { prepareParallel, readParallel } from './parallel.ts'
import { slugify } from './prepared.ts'
import { storePrealigned, storeVersions, type AlignFn, type StoreHooks } from './store.ts'
import { readInputFile } from './read-file.ts'
import { prepareTmx } from './tmx.ts'
import { loadAligner, prepareVersion, VERSION_FILE } from './versions.ts'

export type ImportJob =
  | { kind: 'versions'; dir: string; slug: string; manifest: Manifest; files: Array<{ lang: Lang; path: string }> }
  | { kind: 'parallel' | 'keyed-yaml'; dir: string; slug: string; manifest: Manifest }
  | { kind: 'tmx'; path: string; slug: string }

export function emptyProgress(): ImportProgress {
  return { state: 'idle', filesTotal: 0, filesDone: 0, filesImported: 0, filesSkipped: 0, filesFailed: 0, segments: 0, current: null, errors: [] }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

async function readManifest(dir: string): Promise<Manifest | null> {
  const path = join(dir, 'manifest.json')
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch {
    return null
  }
  return parseManifest(decodeText(bytes, path, { expected: 'a JSON manifest' }), path)
}

/** A file planImport passes over, and why. */
export type SkipFn = (path: string, reason: string) => void

const SIX = ['zh', 'en', 'fr', 'es', 'ru', 'ar']
/** Notes, provenance (SOURCE.txt) and metadata that sit beside documents and are no document themselves: passed over silently. */
const QUIET = /^(\.|manifest\.json$|source\.txt$|readme|licen[cs]e|notice|changelog)|\.(md|ids)$/i

/** Why a file in a document folder is not imported (null: a version file, or one to pass over silently). */
export function skipReason(name: string): string | null {
  if (VERSION_FILE.test(name) || QUIET.test(name)) return null
  const m = /^([^.]+)\.([^.]+)$/.exec(name)
  if (m && !SIX.includes(m[1].toLowerCase()) && /^(txt|pdf|docx|html?)$/i.test(m[2])) return `"${m[1]}" is not one of the six languages (zh, en, fr, es, ru, ar)`
  if (m && SIX.includes(m[1].toLowerCase())) return `.${m[2]} files are not read (use .txt, .pdf, .docx or .html)`
  return 'not a <lang>.<txt|pdf|docx|html> version file'
}

/** The import job of one document folder, or null when the folder holds no document. */
async function documentJob(dir: string, only?: string[], onSkip?: SkipFn): Promise<ImportJob | null> {
  const manifest = (await readManifest(dir)) ?? {}
  const slug = slugify(basename(resolve(dir)))
  if (manifest.format === 'parallel' || manifest.format === 'keyed-yaml') return { kind: manifest.format, dir, slug, manifest }
  const all = await readdir(dir)
  if (onSkip && !only) {
    for (const name of all.sort()) {
      const reason = skipReason(name)
      if (reason && !(await isDir(join(dir, name)))) onSkip(join(dir, name), reason)
    }
  }
  const names = all.filter((n) => VERSION_FILE.test(n)).sort()
  const files: Array<{ lang: Lang; path: string }> = []
  const seen = new Set<string>()
  for (const name of names) {
    if (only && !only.includes(name)) continue
    const lang = name.split('.')[0].toLowerCase() as Lang
    if (seen.has(lang)) throw new Error(`${dir}: two files for language "${lang}" (${names.filter((n) => n.toLowerCase().startsWith(lang + '.')).join(', ')})`)
    seen.add(lang)
    files.push({ lang, path: join(dir, name) })
  }
  if (files.length === 0) return null
  return { kind: 'versions', dir, slug, manifest, files }
}

/** What to import under the given paths: corpora roots, document folders, single version files, TMX files. Files passed over go to `onSkip` with the reason. */
export async function planImport(paths: string[], onSkip?: SkipFn): Promise<ImportJob[]> {
  const jobs: ImportJob[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      throw new Error(`${path}: no such file or folder`)
    }
    if (info.isFile()) {
      const name = basename(path)
      if (/\.tmx$/i.test(name)) jobs.push({ kind: 'tmx', path, slug: slugify(name.replace(/\.tmx$/i, '')) })
      else if (VERSION_FILE.test(name)) {
        const job = await documentJob(dirname(path), [name])
        if (job) jobs.push(job)
      } else throw new Error(`${path}: not a document version (<lang>.txt|pdf|docx|html with lang one of zh en fr es ru ar) nor a .tmx file`)
      continue
    }
    const own = await documentJob(path)
    if (own) {
      if (onSkip) await documentJob(path, undefined, onSkip)
      jobs.push(own)
      continue
    }
    // A corpora root: each sub-folder is a document; .tmx files are memories.
    const entries = (await readdir(path)).sort()
    for (const entry of entries) {
      const full = join(path, entry)
      if (await isDir(full)) {
        const job = await documentJob(full, undefined, onSkip)
        if (job) jobs.push(job)
      } else if (/\.tmx$/i.test(entry)) jobs.push({ kind: 'tmx', path: full, slug: slugify(entry.replace(/\.tmx$/i, '')) })
      else if (!QUIET.test(entry)) onSkip?.(full, 'not in a document folder (a corpora folder holds one folder per document, and .tmx files)')
    }
  }
  return jobs
}

/** How many files (language versions) a job covers. */
export function fileCount(job: ImportJob): number {
  if (job.kind === 'versions') return job.files.length
  if (job.kind === 'tmx') return 1
  return Object.keys(job.manifest.files ?? {}).length
}

async function storedHashes(client: Client, slug: string): Promise<Map<Lang, string> | null> {
  const doc = await client.execute({ sql: 'SELECT id FROM documents WHERE slug = ?', args: [slug] })
  if (doc.rows.length === 0) return null
  const rows = await client.execute({ sql: 'SELECT lang, sha256 FROM versions WHERE document_id = ?', args: [doc.rows[0].id] })
  return new Map(rows.rows.map((r) => [r.lang as Lang, String(r.sha256)]))
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  hooks?: StoreHooks
  /** Re-import even when nothing changed. */
  force?: boolean
  align?: AlignFn
}

/** Runs the jobs one document at a time (each in its own transaction). Failures are recorded and the next document goes on. */
export async function runImport(client: Client, jobs: ImportJob[], options: ImportOptions = {}, progress: ImportProgress = emptyProgress()): Promise<ImportProgress> {
  progress.state = 'importing'
  progress.filesTotal += jobs.reduce((n, j) => n + fileCount(j), 0)
  const report = () => options.onProgress?.(progress)
  const killAfter = Number(process.env.SIXFOLD_TEST_KILL_AFTER_SEGMENTS || 0)
  // Segments of the documents stored so far, plus what the current document's transaction has written
  // (`written` counts from 0 again when a libSQL server makes the transaction start over).
  let stored = progress.segments
  const hooks: StoreHooks = {
    onSegments: (n) => options.hooks?.onSegments?.(n),
    afterChunk: (written) => {
      progress.segments = stored + written
      report()
      options.hooks?.afterChunk?.(written)
      // Test hook for the crash tests (test/e2e/server.test.ts, server-team.test.ts): the process is killed outright mid-transaction.
      if (killAfter > 0 && written >= killAfter) process.kill(process.pid, 'SIGKILL')
    },
  }
  report()
  for (const job of jobs) {
    const files = fileCount(job)
    progress.current = job.kind === 'tmx' ? basename(job.path) : job.slug
    report()
    try {
      const outcome = await runJob(client, job, options, hooks)
      stored = progress.segments
      progress.filesImported += outcome.imported
      progress.filesSkipped += outcome.skipped
      progress.filesDone += outcome.imported + outcome.skipped
    } catch (error) {
      progress.segments = stored
      progress.filesFailed += files
      progress.filesDone += files
      progress.errors.push({ path: job.kind === 'tmx' ? job.path : job.dir, message: error instanceof Error ? error.message : String(error) })
    }
    report()
  }
  progress.current = null
  progress.state = progress.filesFailed > 0 && progress.filesImported === 0 && progress.filesSkipped === 0 ? 'failed' : 'done'
  report()
  return progress
}

async function runJob(client: Client, job: ImportJob, options: ImportOptions, hooks: StoreHooks): Promise<{ imported: number; skipped: number }> {
  const stored = await storedHashes(client, job.slug)
  if (job.kind === 'tmx') {
    const bytes = await readInputFile(job.path)
    const hash = sha256(bytes)
    if (!options.force && stored && stored.size > 0 && [...stored.values()].every((h) => h === hash)) return { imported: 0, skipped: 1 }
    const doc = prepareTmx(decodeText(bytes, basename(job.path), { xml: true, expected: 'a TMX file' }), { fileName: basename(job.path), slug: job.slug })
    await storePrealigned(client, doc, hooks)
    return { imported: 1, skipped: 0 }
  }
  if (job.kind === 'parallel' || job.kind === 'keyed-yaml') {
    const symbolTitle = { slug: job.slug }
    if (job.kind === 'parallel') {
      const src = await readParallel(job.dir, symbolTitle.slug, job.manifest)
      const langs = Object.keys(src.texts) as Lang[]
      if (!options.force && unchanged(stored, langs.map((l) => [l, src.texts[l]!.sha256]))) return { imported: 0, skipped: langs.length }
      await storePrealigned(client, prepareParallel(src), hooks)
      return { imported: langs.length, skipped: 0 }
    }
    const src = await readKeyedYaml(job.dir, job.slug, job.manifest)
    const langs = Object.keys(src.langs) as Lang[]
    if (!options.force && unchanged(stored, langs.map((l) => [l, src.langs[l]!.sha256]))) return { imported: 0, skipped: langs.length }
    await storePrealigned(client, prepareKeyed(src), hooks)
    return { imported: langs.length, skipped: 0 }
  }
  // Document versions: parse only the files that changed, then re-align the document.
  if (job.kind !== 'versions') throw new Error(`unknown import job`)
  const changed = []
  let skipped = 0
  for (const f of job.files) {
    const bytes = await readInputFile(f.path)
    if (!options.force && stored?.get(f.lang) === sha256(bytes)) {
      skipped++
      continue
    }
    changed.push(await prepareVersion(bytes, basename(f.path), f.lang))
  }
  if (changed.length === 0) return { imported: 0, skipped }
  const align = options.align ?? (await loadAligner())
  await storeVersions(client, { slug: job.slug, symbol: job.manifest.symbol ?? basename(job.dir), title: job.manifest.title ?? null, replace: changed }, align, hooks)
  return { imported: changed.length, skipped }
}

function unchanged(stored: Map<Lang, string> | null, current: Array<[Lang, string]>): boolean {
  if (!stored || stored.size !== current.length) return false
  return current.every(([l, h]) => stored.get(l) === h)
}
