/**
 * The main job (`npm start`): migrate the database, serve the API and the
 * built web app, and import everything in corpora/ that is new or changed
 * (with a progress bar). /api/health answers 503 with the import progress
 * until the import is done, then 200.
 *
 * Environment: HOST (127.0.0.1), PORT (8787; 0 = any free port),
 * DATABASE_URL (file:data/sixfold.db; libsql://… or http://… with
 * DATABASE_AUTH_TOKEN; DATABASE_SYNC_URL for an embedded replica, synced every
 * DATABASE_SYNC_INTERVAL seconds, 15),
 * CORPORA_DIR (corpora/; "" to import nothing), SIXFOLD_TOKEN (required when
 * HOST is not a loopback address), MAX_UPLOAD_MB (20), SIXFOLD_HOSTS (more host
 * names the server is served as, comma-separated; requests naming any other host are
 * refused, against DNS rebinding).
 */
import { existsSync } from 'node:fs'
import { hostname as machineName, networkInterfaces } from 'node:os'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import cliProgress from 'cli-progress'
import { createApp, DEFAULT_MAX_UPLOAD_BYTES } from './api/app.ts'
import { SixfoldError } from '../aligner/types.ts'
import { databaseOptionsFromEnv, openDatabase, type Database, type DatabaseOptions } from './db/client.ts'
import { describeDatabaseError } from './db/connection-errors.ts'
import type { DatabaseState } from './db/health.ts'
import { migrateDatabase } from './db/migrate.ts'
import { emptyProgress, fileCount, planImport, type ImportJob } from './import/pipeline.ts'
import { warmTerminology } from './terminology/service.ts'
import { inProcessImporter, workerImporter } from './workers/imports.ts'
import { inProcessReader, workerReader } from './workers/reads.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url))

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

function fail(message: string): never {
  process.stderr.write(`sixfold: ${message}\n`)
  process.exit(1)
}

const host = process.env.HOST || '127.0.0.1'
const portText = process.env.PORT ?? '8787'
const port = Number(portText)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number (0-65535), not "${portText}"`)
const token = process.env.SIXFOLD_TOKEN || null
if (!isLoopback(host) && !token) {
  fail(`HOST=${host} is reachable from other machines: set SIXFOLD_TOKEN (a long random secret) so that only holders of it can change the memory, or bind to 127.0.0.1`)
}
if (token && token.length < 12) fail('SIXFOLD_TOKEN is too short: use at least 12 characters (e.g. `openssl rand -hex 24`)')
const maxUploadMb = Number(process.env.MAX_UPLOAD_MB ?? DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024)
if (!(maxUploadMb > 0)) fail(`MAX_UPLOAD_MB must be a positive number, not "${process.env.MAX_UPLOAD_MB}"`)
const corporaDir = process.env.CORPORA_DIR ?? `${ROOT}corpora`

/**
 * The host names this server is served as (besides localhost, 127.x.x.x and [::1], always
 * accepted): HOST itself, SIXFOLD_HOSTS, and when HOST is a wildcard (0.0.0.0, ::) the machine's
 * name and addresses. A request whose Host header names anything else is refused.
 */
function servedHosts(): string[] {
  const names = (process.env.SIXFOLD_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean)
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare === '0.0.0.0' || bare === '::') {
    names.push(machineName())
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.push(a.address)
  } else names.push(bare)
  return [...new Set(names)]
}

let dbOptions: DatabaseOptions
try {
  dbOptions = databaseOptionsFromEnv()
} catch (error) {
  fail((error as Error).message)
}
let database: Database
let dbState: DatabaseState
try {
  // A replica syncs as it opens (and every DATABASE_SYNC_INTERVAL seconds after); a server is first reached by the migration.
  database = openDatabase(dbOptions)
  if (dbOptions.syncUrl) await database.client.sync()
  dbState = await migrateDatabase(database)
} catch (error) {
  fail(error instanceof SixfoldError ? error.message : ((await describeDatabaseError(error, dbOptions)) ?? `cannot open the database ${dbOptions.url}: ${(error as Error).message.split('\n')[0]}`))
}
// A read-only file is served for reading; writes answer 503 with the reason.
if (dbState.readOnly) process.stderr.write(`sixfold: ${dbState.readOnly.message}\n`)

// On an embedded file, searches run in read threads and imports in an import thread (server/workers), so that
// neither waits for the other nor stalls this thread, which only speaks HTTP. An embedded replica keeps them here.
const embedded = database.url.startsWith('file:') && !dbOptions.syncUrl
const reader = embedded ? workerReader(database.url) : inProcessReader(database.client)
const importer = dbOptions.syncUrl ? inProcessImporter(database.client) : workerImporter(dbOptions)

const progress = emptyProgress()
let ready = false
const app = createApp({ database, token, hosts: servedHosts(), reader, importer, maxUploadBytes: Math.round(maxUploadMb * 1024 * 1024), status: () => ({ ready, progress }) })

// The web app (built by Vite into dist/web), with the SPA fallback to index.html.
// index.html is read per request, so a rebuilt dist/web is served without a restart; a missing file
// with an extension (/assets/x.js) is a 404, only extension-less paths (client routes) get index.html.
app.use('/*', serveStatic({ root: WEB_DIR }))
app.get('*', async (c) => {
  const last = c.req.path.split('/').pop() ?? ''
  if (c.req.path.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(last)) return c.notFound()
  let index: string
  try {
    index = await readFile(`${WEB_DIR}/index.html`, 'utf8')
  } catch {
    return c.text('The web app is not built: run `npm run build` (the API is at /api).', 404)
  }
  return c.html(index)
})

// Long query strings (a 5,000-character search) reach the API's validation instead of Node's bare 431.
const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions: { maxHeaderSize: 64 * 1024 } }, (info) => {
  const shown = host.includes(':') ? `[${host}]` : host
  process.stdout.write(`Sixfold is serving on http://${shown}:${info.port}/\n`)
})
server.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use: set PORT to another one` : error.message))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close()
    // An import thread stopped in a transaction leaves nothing written (SQLite rolls it back with the connection).
    const stopped = Promise.allSettled([reader.close(), importer.close()])
    void Promise.race([stopped, new Promise((r) => setTimeout(r, 3000))]).finally(() => {
      database.close()
      process.exit(0)
    })
  })
}

// Import corpora/ (new or changed files only).
if (corporaDir && existsSync(corporaDir)) {
  progress.state = 'scanning'
  let jobs: ImportJob[]
  try {
    jobs = await planImport([corporaDir], (path, reason) => process.stderr.write(`import: skipped ${path}: ${reason}\n`))
  } catch (error) {
    progress.errors.push({ path: corporaDir, message: (error as Error).message })
    jobs = []
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'importing {bar} {value}/{total} files | {segments} segments | {current}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  )
  const total = jobs.reduce((n, j) => n + fileCount(j), 0)
  bar.start(total, 0, { segments: 0, current: '' })
  await importer.importJobs(jobs, progress, (p) => bar.update(p.filesDone, { segments: p.segments.toLocaleString('en'), current: p.current ?? '' }))
  bar.stop()
  process.stderr.write(
    `import: ${progress.filesImported} files imported, ${progress.filesSkipped} unchanged, ${progress.filesFailed} failed; ${progress.segments.toLocaleString('en')} segments written\n`,
  )
  for (const e of progress.errors) process.stderr.write(`import: ${e.path}: ${e.message.split('\n')[0]}\n`)
} else {
  progress.state = 'done'
  if (corporaDir) process.stderr.write(`import: ${corporaDir} not found, nothing imported\n`)
}
// Build the terminology index before reporting ready, so that the first renderings query is fast.
const importState = progress.state as string
progress.state = 'indexing'
const warmStarted = performance.now()
await warmTerminology(database.client)
process.stderr.write(`terminology: index built in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s\n`)
progress.state = importState === 'failed' ? 'failed' : 'done'
ready = true
process.stdout.write('Sixfold is ready.\n')
