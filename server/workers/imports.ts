/**
 * Where imports run. The server hands uploads, version removals (which
 * re-align a document) and the start-up corpora import to one worker thread
 * (import-worker.ts) at a lower CPU priority, so that requests keep being
 * answered while a document is parsed, aligned and written; the thread exits
 * when idle, giving its memory back. Tests and the command line run the same
 * code in-process (`inProcessImporter`).
 */
import { MessageChannel } from 'node:worker_threads'
import type { Client } from '@libsql/client'
import type { Lang } from '../../aligner/types.ts'
import type { ImportProgress, RunningImport } from '../api/contract.ts'
import { removeVersion, storeUploadedTmx, storeUploadedVersion, type DocumentTarget, type TmxUpload, type VersionUpload } from '../api/uploads.ts'
import type { DatabaseOptions } from '../db/client.ts'
import { fileCount, runImport, type ImportJob } from '../import/pipeline.ts'
import type { AlignFn, StoreResult } from '../import/store.ts'
import { loadAligner } from '../import/versions.ts'
import { unwrap, type WorkerOutcome } from './errors.ts'
import type { ImportRequest, ImportTask } from './import-worker.ts'
import { createPool } from './pool.ts'
import { serveTask, type TaskMessage } from './task-port.ts'

export interface Importer {
  /** Imports running now (uploads, removals, corpora), with their stage. */
  running(): RunningImport[]
  addVersion(upload: VersionUpload): Promise<{ documentId: number; skipped: boolean }>
  removeVersion(doc: DocumentTarget, lang: Lang): Promise<StoreResult>
  importTmx(upload: TmxUpload): Promise<StoreResult & { skipped: number }>
  /** Runs corpora import jobs, updating `progress` in place as they go. */
  importJobs(jobs: ImportJob[], progress: ImportProgress, onProgress?: (progress: ImportProgress) => void): Promise<ImportProgress>
  close(): Promise<void>
}

/** Imports run on the calling thread (tests, the command line, a database that is an embedded replica). */
export function inProcessImporter(client: Client, align?: AlignFn): Importer {
  const aligner = () => (align ? Promise.resolve(align) : loadAligner())
  const running = new Set<RunningImport>()
  const track = async <T>(name: string, work: (entry: RunningImport) => Promise<T>): Promise<T> => {
    const entry: RunningImport = { name, stage: 'importing' }
    running.add(entry)
    try {
      return await work(entry)
    } finally {
      running.delete(entry)
    }
  }
  return {
    running: () => [...running].map((r) => ({ ...r })),
    addVersion: (upload) => track(upload.name, (entry) => storeUploadedVersion(client, upload, aligner, (stage) => (entry.stage = stage))),
    removeVersion: (doc, lang) => track(`${doc.slug} (${lang} removed)`, () => removeVersion(client, doc, lang, aligner)),
    importTmx: (upload) => track(upload.name, () => storeUploadedTmx(client, upload)),
    importJobs: (jobs, progress, onProgress) => track('corpora', () => runImport(client, jobs, { onProgress }, progress)),
    close: async () => {},
  }
}

/** How the import thread is set up: one at a time, below the request threads' priority, its heap capped. */
export const IMPORT_THREAD = { niceIncrement: 5, maxOldGenerationSizeMb: 4096, idleTimeout: 5_000 }

/** Imports run in a worker thread with its own connection to `database`. */
export function workerImporter(database: DatabaseOptions): Importer {
  const pool = createPool({ entry: new URL('./import-worker.ts', import.meta.url), minThreads: 0, maxThreads: 1, ...IMPORT_THREAD })
  const running = new Set<RunningImport>()

  async function run<T>(task: ImportTask, onMessage?: (message: TaskMessage) => void): Promise<T> {
    const name = task.op === 'version' || task.op === 'tmx' ? task.upload.name : task.op === 'remove-version' ? `${task.doc.slug} (${task.lang} removed)` : 'corpora'
    const entry: RunningImport = { name, stage: 'importing' }
    running.add(entry)
    const { port1, port2 } = new MessageChannel()
    const served = serveTask(port1, (message) => {
      if (message.type === 'stage') entry.stage = message.stage
      else onMessage?.(message)
    })
    // An upload's bytes move to the thread instead of being copied, when they are a whole buffer of their own.
    const bytes = task.op === 'version' || task.op === 'tmx' ? task.upload.bytes : null
    const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    const transfer = own ? [port2, bytes.buffer as ArrayBuffer] : [port2]
    try {
      const request: ImportRequest = { database, port: port2, task }
      let result: WorkerOutcome<T>
      try {
        result = await pool.run(request, { transferList: transfer })
      } catch (error) {
        // The thread died (out of memory, or killed): its transaction was rolled back with its connection.
        throw new Error(`the import stopped unexpectedly (${(error as Error).message}); nothing of it was stored`)
      }
      return unwrap(result)
    } finally {
      served.done()
      running.delete(entry)
    }
  }

  return {
    running: () => [...running].map((r) => ({ ...r })),
    addVersion: (upload) => run({ op: 'version', upload }),
    removeVersion: (doc, lang) => run({ op: 'remove-version', doc, lang }),
    importTmx: (upload) => run({ op: 'tmx', upload }),
    importJobs: async (jobs, progress, onProgress) => {
      const before = { ...progress, errors: [...progress.errors] }
      try {
        const final = await run<ImportProgress>({ op: 'jobs', jobs, progress }, (message) => {
          if (message.type !== 'progress') return
          Object.assign(progress, message.progress)
          onProgress?.(progress)
        })
        Object.assign(progress, final)
      } catch (error) {
        // Documents finished before the thread died are stored; the one being written and those after it are not.
        const done = progress.filesDone
        const total = before.filesTotal + jobs.reduce((n, j) => n + fileCount(j), 0)
        progress.filesFailed += total - done
        progress.filesDone = total
        progress.errors.push({ path: progress.current ?? 'import', message: (error as Error).message })
        progress.current = null
        progress.state = progress.filesImported === 0 && progress.filesSkipped === 0 ? 'failed' : 'done'
      }
      onProgress?.(progress)
      return progress
    },
    close: () => pool.destroy(),
  }
}
