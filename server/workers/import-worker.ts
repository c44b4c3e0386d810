/**
 * The import worker thread's handler (run through boot.mjs by piscina): parses,
 * aligns and stores uploads and corpora imports on its own connection to the
 * database, so that the main thread keeps answering while it works. Each
 * write transaction first waits for the main thread's write turn
 * (task-port.ts); a worker that dies mid-transaction leaves nothing written
 * (its connection closes with the thread, and SQLite rolls the transaction
 * back).
 */
import type { MessagePort } from 'node:worker_threads'
import type { Lang } from '../../aligner/types.ts'
import type { ImportProgress } from '../api/contract.ts'
import { removeVersion, storeUploadedTmx, storeUploadedVersion, type DocumentTarget, type TmxUpload, type VersionUpload } from '../api/uploads.ts'
import { openDatabase, type Database, type DatabaseOptions } from '../db/client.ts'
import { setOuterWriteSlot } from '../db/write.ts'
import { runImport, type ImportJob } from '../import/pipeline.ts'
import { loadAligner } from '../import/versions.ts'
import { outcome, type WorkerOutcome } from './errors.ts'
import { writeSlotOver, type TaskMessage } from './task-port.ts'

export type ImportTask =
  | { op: 'version'; upload: VersionUpload }
  | { op: 'remove-version'; doc: DocumentTarget; lang: Lang }
  | { op: 'tmx'; upload: TmxUpload }
  | { op: 'jobs'; jobs: ImportJob[]; force?: boolean; progress: ImportProgress }

export interface ImportRequest {
  database: DatabaseOptions
  port: MessagePort
  task: ImportTask
}

const databases = new Map<string, Database>()

function databaseFor(options: DatabaseOptions): Database {
  const key = JSON.stringify(options)
  let database = databases.get(key)
  if (!database) {
    database = openDatabase(options)
    databases.set(key, database)
  }
  return database
}

/** Test hook (server/workers/imports.test.ts): the thread exits outright once this many segments are written in a transaction. */
const exitAfter = Number(process.env.SIXFOLD_TEST_WORKER_EXIT_AFTER_SEGMENTS || 0)

export default async function handle(request: ImportRequest): Promise<WorkerOutcome<unknown>> {
  const { port, task } = request
  const { client } = databaseFor(request.database)
  setOuterWriteSlot(writeSlotOver(port))
  const post = (message: TaskMessage) => port.postMessage(message)
  try {
    return await outcome(async () => {
      switch (task.op) {
        case 'version':
          return storeUploadedVersion(client, task.upload, loadAligner, (stage) => post({ type: 'stage', stage }))
        case 'remove-version':
          return removeVersion(client, task.doc, task.lang, loadAligner)
        case 'tmx':
          return storeUploadedTmx(client, task.upload)
        case 'jobs':
          return runImport(
            client,
            task.jobs,
            {
              force: task.force,
              onProgress: (progress) => post({ type: 'progress', progress }),
              hooks: {
                afterChunk: (written) => {
                  if (exitAfter > 0 && written >= exitAfter) process.exit(1)
                },
              },
            },
            task.progress,
          )
      }
    })
  } finally {
    setOuterWriteSlot(null)
    port.close()
  }
}
