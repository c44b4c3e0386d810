/**
 * The HTTP API (Hono). `createApp({ database, ... })` builds the app; server/main.ts
 * serves it. Every input is validated with zod; every error is JSON
 * `{error, message}` with its status and without a stack trace. Writes need the
 * token when one is configured (always, when bound to a non-loopback address).
 * Every request must name a served host (./middleware/host-check.ts), every write
 * must come from this app's own pages or from no page at all
 * (./middleware/same-origin-writes.ts), and every response carries the security
 * headers (./middleware/security-headers.ts).
 * Types of every request and response: ./contract.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { zValidator } from '@hono/zod-validator'
import type { Client } from '@libsql/client'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { SixfoldError, type Lang } from '../../aligner/types.ts'
import type { Database, Db } from '../db/client.ts'
import { unavailableMessage } from '../db/connection-errors.ts'
import { inWriteTransaction } from '../db/write.ts'
import { exportCsv, exportTmx } from '../import/export.ts'
import { emptyProgress } from '../import/pipeline.ts'
import { slugify } from '../import/prepared.ts'
import { deleteDocumentRows, type AlignFn } from '../import/store.ts'
import { terminologyRoutes } from '../terminology/routes.ts'
import { inProcessImporter, type Importer } from '../workers/imports.ts'
import { inProcessReader, type Reader } from '../workers/reads.ts'
import { confirmGroups, mergeGroups, relinkMembers, splitGroup, type DocumentRef } from './alignment.ts'
import type {
  CreateDocumentResponse,
  DeleteResponse,
  DocumentDetail,
  DocumentsResponse,
  DocumentSummary,
  HealthResponse,
  ImportProgress,
  ImportTmxResponse,
  UploadVersionResponse,
  VersionInfo,
} from './contract.ts'
import { ApiFailure, errorResponse, invalid, requireJson, requireMultipart } from './errors.ts'
import { databaseProblem } from '../db/health.ts'
import { closeUnreadBody } from './middleware/close-unread-body.ts'
import { hostCheck, isLoopbackHostname } from './middleware/host-check.ts'
import { sameOriginWrites } from './middleware/same-origin-writes.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import type { DocumentTarget } from './uploads.ts'

export const VERSION = '0.1.0'
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

export interface AppOptions {
  database: Database
  /** Writes need `Authorization: Bearer <token>` when set. */
  token?: string | null
  /** Host names the server is served as, besides localhost, 127.x.x.x and [::1]; other `Host` headers are refused (DNS rebinding). */
  hosts?: readonly string[]
  /** Origins besides the server's own whose pages may write (e.g. a development server). */
  origins?: readonly string[]
  maxUploadBytes?: number
  /** Whether the start-up import is finished, and its progress. */
  status?: () => { ready: boolean; progress: ImportProgress }
  /** The aligner (tests may pass their own; used by the default, in-process importer). */
  align?: AlignFn
  /** Where searches and other heavy reads run (default: in-process on the database's client; the server: worker threads). */
  reader?: Reader
  /** Where uploads are parsed, aligned and stored (default: in-process; the server: a worker thread). */
  importer?: Importer
  /** Extra routes mounted under /api after the built-in ones (e.g. terminology). */
  extend?: (api: Hono, context: ApiContext) => void
}

/** What route modules get: the database and the write guard. */
export interface ApiContext {
  database: Database
  db: Db
  client: Client
}

const LANGS = ['zh', 'en', 'fr', 'es', 'ru', 'ar'] as const
const lang = z.enum(LANGS)
const langList = z
  .string()
  .max(40)
  .optional()
  .transform((s, ctx) => {
    if (!s) return undefined
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean)
    for (const p of parts) {
      if (!(LANGS as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `unknown language "${p}" (use zh, en, fr, es, ru, ar)` })
        return z.NEVER
      }
    }
    return parts as Lang[]
  })
const pageNumber = z.coerce.number().int().min(1).max(1_000_000).default(1)
/**
 * A document in a URL: its numeric id, or its slug. Slugs are never all digits
 * (server/import/prepared.ts `slugify`), so the two cannot be confused: digits are always an id.
 */
const documentRef = z
  .string()
  .min(1)
  .max(200)
  .refine((v) => !/^\d+$/.test(v) || (Number(v) >= 1 && Number.isSafeInteger(Number(v))), 'a document id is a whole number from 1 to 9007199254740991 (or give the slug)')
const docParam = z.object({ id: documentRef })

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/** Constant-time token check (both sides hashed to the same length first). */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false
  return timingSafeEqual(digest(given), digest(expected))
}

function writeGuard(token: string | null | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token || c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next()
    const header = c.req.header('authorization')
    const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : c.req.header('x-sixfold-token')
    if (!tokenMatches(given, token)) return errorResponse(c, 401, 'unauthorized', 'this server needs a token for changes: send Authorization: Bearer <SIXFOLD_TOKEN>')
    return next()
  }
}

const iso = (v: unknown) => new Date(Number(v)).toISOString()

export function createApp(options: AppOptions): Hono {
  const { database } = options
  const { client } = database
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  const status = options.status ?? (() => ({ ready: true, progress: { ...emptyProgress(), state: 'done' as const } }))
  const reader = options.reader ?? inProcessReader(client)
  const importer = options.importer ?? inProcessImporter(client, options.align)
  /** A JSON answer a reader wrote (the same body and header as c.json would give). */
  const jsonText = (c: Context, text: string) => c.body(text, 200, { 'Content-Type': 'application/json' })
  const app = new Hono()
  const api = new Hono()

  const uploadLimit = bodyLimit({
    maxSize: maxUpload,
    onError: (c) => errorResponse(c, 413, 'payload_too_large', `the upload is larger than ${Math.round(maxUpload / 1024 / 1024)} MB`),
  })
  const multipartOnly = requireMultipart

  // Every response (API and the web app served after these) carries the security headers; a
  // request for another host name is refused (DNS rebinding); an error answer to a request with
  // a body closes the connection (the rest of the body may still be on it).
  app.use('*', securityHeaders())
  app.use('*', closeUnreadBody())
  app.use(
    '*',
    hostCheck({
      hosts: options.hosts,
      onRefused: (c, hostname) =>
        errorResponse(c, 403, 'forbidden', `this server is not served as "${hostname}": open it as ${['localhost', '127.0.0.1', ...(options.hosts ?? []).filter((h) => !isLoopbackHostname(h))].slice(0, 6).join(', ')} (other names can be added with SIXFOLD_HOSTS)`),
    }),
  )
  // Writes only from this app's pages (or from no web page at all: curl, scripts), then the token.
  api.use(
    '*',
    sameOriginWrites({
      origins: options.origins,
      onRefused: (c, reason) => errorResponse(c, 403, 'forbidden', `changes are accepted only from Sixfold's own pages: ${reason}`),
    }),
  )
  api.use('*', writeGuard(options.token))

  // ── Health ──
  let countsCache: { at: number; value: HealthResponse['counts'] } | null = null
  api.get('/health', async (c) => {
    const s = status()
    let counts: HealthResponse['counts'] = null
    if (s.ready) {
      // Counting millions of rows takes a moment: recount at most every 10 s.
      if (!countsCache || Date.now() - countsCache.at > 10_000) {
        countsCache = { at: Date.now(), value: JSON.parse(await reader.run('counts', undefined)) as HealthResponse['counts'] }
      }
      counts = countsCache.value
    }
    const body: HealthResponse = {
      status: s.ready ? 'ok' : 'starting',
      version: VERSION,
      import: s.progress,
      imports: importer.running(),
      writeNeedsToken: Boolean(options.token),
      counts,
    }
    return c.json(body, s.ready ? 200 : 503)
  })

  // ── Documents ──
  async function resolveDocument(idOrSlug: string): Promise<DocumentRef & { source: string; createdAt: unknown }> {
    const r = /^\d+$/.test(idOrSlug)
      ? await client.execute({ sql: 'SELECT * FROM documents WHERE id = ?', args: [Number(idOrSlug)] })
      : await client.execute({ sql: 'SELECT * FROM documents WHERE slug = ?', args: [idOrSlug] })
    if (r.rows.length === 0) throw new ApiFailure(404, 'not_found', `no document "${idOrSlug}"`)
    const d = r.rows[0]
    return { id: Number(d.id), slug: String(d.slug), symbol: String(d.symbol), title: d.title === null ? null : String(d.title), source: String(d.source), createdAt: d.created_at }
  }

  async function summaries(where = '', args: Array<string | number> = []): Promise<DocumentSummary[]> {
    const r = await client.execute({
      sql: `SELECT d.id, d.slug, d.symbol, d.title, d.source, d.created_at,
              (SELECT group_concat(lang) FROM versions WHERE document_id = d.id) AS langs,
              (SELECT count(*) FROM sentences s WHERE s.version_id IN (SELECT id FROM versions WHERE document_id = d.id)) AS segments
            FROM documents d ${where} ORDER BY d.id`,
      args,
    })
    return r.rows.map((d) => {
      const present = new Set(String(d.langs ?? '').split(',').filter(Boolean))
      return {
        id: Number(d.id),
        slug: String(d.slug),
        symbol: String(d.symbol),
        title: d.title === null ? null : String(d.title),
        source: d.source as DocumentSummary['source'],
        createdAt: iso(d.created_at),
        languages: LANGS.filter((l) => present.has(l)),
        segments: Number(d.segments),
      }
    })
  }

  async function detail(documentId: number): Promise<DocumentDetail> {
    const [summary] = await summaries('WHERE d.id = ?', [documentId])
    if (!summary) throw new ApiFailure(404, 'not_found', `no document ${documentId}`)
    const vs = await client.execute({
      sql: `SELECT v.*, (SELECT count(*) FROM blocks WHERE version_id = v.id) AS nblocks, (SELECT count(*) FROM sentences WHERE version_id = v.id) AS nsentences
            FROM versions v WHERE v.document_id = ?`,
      args: [documentId],
    })
    const versions: VersionInfo[] = vs.rows
      .map((v) => ({
        id: Number(v.id),
        lang: v.lang as Lang,
        fileName: String(v.file_name),
        format: String(v.format),
        sha256: String(v.sha256),
        detected: v.detected_lang ? { language: v.detected_lang as Lang, confidence: Number(v.detected_confidence ?? 0) } : null,
        importedAt: iso(v.imported_at),
        blocks: Number(v.nblocks),
        sentences: Number(v.nsentences),
      }))
      .sort((a, b) => LANGS.indexOf(a.lang) - LANGS.indexOf(b.lang))
    const a = await client.execute({
      sql: `SELECT sum(level = 'paragraph') AS p, sum(level = 'sentence') AS s, sum(flagged) AS f, sum(confidence < 0.5) AS low,
              sum(origin = 'human') AS h, sum(confirmed) AS c, avg(CASE WHEN level = 'paragraph' THEN confidence END) AS mean
            FROM align_groups WHERE document_id = ?`,
      args: [documentId],
    })
    const s = a.rows[0]
    const paragraphGroups = Number(s.p ?? 0)
    const sentenceGroups = Number(s.s ?? 0)
    return {
      ...summary,
      versions,
      alignment: {
        state: paragraphGroups + sentenceGroups > 0 ? 'aligned' : 'none',
        pivot: summary.languages.includes('zh') ? 'zh' : (summary.languages[0] ?? null),
        languages: summary.languages,
        paragraphGroups,
        sentenceGroups,
        flagged: Number(s.f ?? 0),
        lowConfidence: Number(s.low ?? 0),
        human: Number(s.h ?? 0),
        confirmed: Number(s.c ?? 0),
        meanConfidence: s.mean === null ? null : Math.round(Number(s.mean) * 1000) / 1000,
      },
    }
  }

  api.get('/documents', async (c) => c.json({ documents: await summaries() } satisfies DocumentsResponse))

  api.get('/documents/:id', zValidator('param', docParam, invalid), async (c) => {
    const doc = await resolveDocument(c.req.valid('param').id)
    return c.json(await detail(doc.id))
  })

  async function readUpload(file: File): Promise<Uint8Array> {
    if (file.size > maxUpload) throw new ApiFailure(413, 'payload_too_large', `the file is larger than ${Math.round(maxUpload / 1024 / 1024)} MB`)
    return new Uint8Array(await file.arrayBuffer())
  }
  /** Only the base name of what a browser says the file is called; never used as a path. */
  const safeName = (name: string) => (name.split(/[\\/]/).pop() ?? 'upload').replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'upload'

  /** Parsing, aligning and storing run in the importer (a worker thread on the server): this thread keeps answering. */
  async function addVersion(doc: DocumentTarget, file: File, language: Lang) {
    const bytes = await readUpload(file)
    return importer.addVersion({ doc, bytes, name: safeName(file.name), lang: language })
  }

  const createFields = z.object({
    symbol: z.string().trim().min(1, 'symbol is required').max(200),
    title: z.string().trim().max(1000).optional(),
    slug: z.string().trim().max(100).optional(),
    lang: lang.optional(),
    file: z.instanceof(File).optional(),
  })
  api.post('/documents', multipartOnly, uploadLimit, zValidator('form', createFields, invalid), async (c) => {
    const f = c.req.valid('form')
    if (f.file && !f.lang) throw new ApiFailure(400, 'bad_request', 'lang: say which language the file is in')
    const slug = slugify(f.slug || f.symbol)
    const exists = await client.execute({ sql: 'SELECT 1 FROM documents WHERE slug = ?', args: [slug] })
    if (exists.rows.length) throw new ApiFailure(409, 'conflict', `a document "${slug}" exists already`)
    let documentId: number
    if (f.file && f.lang) documentId = (await addVersion({ slug, symbol: f.symbol, title: f.title ?? null }, f.file, f.lang)).documentId
    else {
      documentId = await inWriteTransaction(client, async (tx) => {
        const r = await tx.execute({ sql: "INSERT INTO documents (slug, symbol, title, source) VALUES (?, ?, ?, 'document') RETURNING id", args: [slug, f.symbol, f.title ?? null] })
        return Number(r.rows[0].id)
      })
    }
    return c.json({ document: await detail(documentId) } satisfies CreateDocumentResponse, 201)
  })

  const uploadFields = z.object({ lang, file: z.instanceof(File, { message: 'file is required' }) })
  api.post('/documents/:id/versions', zValidator('param', docParam, invalid), multipartOnly, uploadLimit, zValidator('form', uploadFields, invalid), async (c) => {
    const doc = await resolveDocument(c.req.valid('param').id)
    if (doc.source !== 'document') throw new ApiFailure(409, 'conflict', `${doc.symbol} is pre-aligned material (${doc.source}): versions cannot be uploaded to it`)
    const { lang: language, file } = c.req.valid('form')
    const { skipped } = await addVersion(doc, file, language)
    const d = await detail(doc.id)
    const version = d.versions.find((v) => v.lang === language)!
    return c.json({ document: d, version, skipped } satisfies UploadVersionResponse)
  })

  api.delete('/documents/:id', zValidator('param', docParam, invalid), async (c) => {
    const doc = await resolveDocument(c.req.valid('param').id)
    await inWriteTransaction(client, (tx) => deleteDocumentRows(tx, doc.id))
    return c.json({ deleted: true } satisfies DeleteResponse)
  })

  api.delete('/documents/:id/versions/:lang', zValidator('param', z.object({ id: documentRef, lang }), invalid), async (c) => {
    const p = c.req.valid('param')
    const doc = await resolveDocument(p.id)
    const v = await client.execute({ sql: 'SELECT 1 FROM versions WHERE document_id = ? AND lang = ?', args: [doc.id, p.lang] })
    if (v.rows.length === 0) throw new ApiFailure(404, 'not_found', `${doc.symbol} has no ${p.lang} version`)
    if (doc.source !== 'document') {
      await inWriteTransaction(client, async (tx) => {
        await tx.execute({ sql: 'DELETE FROM sentences WHERE version_id IN (SELECT id FROM versions WHERE document_id = ? AND lang = ?)', args: [doc.id, p.lang] })
        await tx.execute({ sql: 'DELETE FROM blocks WHERE version_id IN (SELECT id FROM versions WHERE document_id = ? AND lang = ?)', args: [doc.id, p.lang] })
        await tx.execute({ sql: 'DELETE FROM versions WHERE document_id = ? AND lang = ?', args: [doc.id, p.lang] })
      })
    } else {
      await importer.removeVersion({ slug: doc.slug, symbol: doc.symbol, title: doc.title }, p.lang)
    }
    return c.json({ deleted: true } satisfies DeleteResponse)
  })

  // ── Alignment ──
  const alignmentQuery = z.object({
    level: z.enum(['paragraph', 'sentence']).default('paragraph'),
    langs: langList,
    order: z.enum(['document', 'confidence']).default('document'),
    page: pageNumber,
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  api.get('/documents/:id/alignment', zValidator('param', docParam, invalid), zValidator('query', alignmentQuery, invalid), async (c) => {
    const doc = await resolveDocument(c.req.valid('param').id)
    return jsonText(c, await reader.run('alignment', { doc: { id: doc.id, slug: doc.slug, symbol: doc.symbol, title: doc.title }, query: c.req.valid('query') }))
  })
  const level = z.enum(['paragraph', 'sentence'])
  const ids = z.array(z.number().int().positive()).min(1).max(1000)
  api.post('/documents/:id/alignment/merge', zValidator('param', docParam, invalid), requireJson, zValidator('json', z.object({ level, groupIds: ids.min(2), preview: z.boolean().optional() }), invalid), async (c) => {
    const doc = await resolveDocument(c.req.valid('param').id)
    return c.json(await mergeGroups(client, doc.id, c.req.valid('json')))
  })
  api.post(
    '/documents/:id/alignment/split',
    zValidator('param', docParam, invalid),
    requireJson,
    zValidator('json', z.object({ level, groupId: z.number().int().positive(), at: z.partialRecord(lang, z.number().int().min(0).max(100000)), preview: z.boolean().optional() }), invalid),
    async (c) => {
      const doc = await resolveDocument(c.req.valid('param').id)
      return c.json(await splitGroup(client, doc.id, c.req.valid('json')))
    },
  )
  api.post(
    '/documents/:id/alignment/relink',
    zValidator('param', docParam, invalid),
    requireJson,
    zValidator('json', z.object({ level, lang, memberIds: ids, toGroupId: z.number().int().positive().nullable(), shown: z.array(lang).min(1).optional(), preview: z.boolean().optional() }), invalid),
    async (c) => {
      const doc = await resolveDocument(c.req.valid('param').id)
      return c.json(await relinkMembers(client, doc.id, c.req.valid('json')))
    },
  )
  api.post(
    '/documents/:id/alignment/confirm',
    zValidator('param', docParam, invalid),
    requireJson,
    zValidator('json', z.object({ level, groupIds: ids, confirmed: z.boolean().optional(), languages: z.array(lang).min(1), preview: z.boolean().optional() }), invalid),
    async (c) => {
      const doc = await resolveDocument(c.req.valid('param').id)
      return c.json(await confirmGroups(client, doc.id, c.req.valid('json')))
    },
  )

  // ── Search ──
  const searchQuery = z.object({
    q: z
      .string({ message: 'type something to search' })
      .max(500, 'the search text is longer than the limit of 500 characters.')
      .refine((v) => v.trim().length > 0, 'type something to search (the search text is empty or only spaces).'),
    lang: lang.optional(),
    doc: documentRef.optional(),
    mode: z.enum(['phrase', 'words']).default('phrase'),
    page: pageNumber,
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    langs: langList,
  })
  api.get('/search', zValidator('query', searchQuery, invalid), async (c) => {
    const q = c.req.valid('query')
    const documentId = q.doc ? (await resolveDocument(q.doc)).id : undefined
    return jsonText(c, await reader.run('search', { q: q.q, lang: q.lang, documentId, mode: q.mode, page: q.page, pageSize: q.pageSize, langs: q.langs }))
  })

  // ── Export / import ──
  api.get('/export', zValidator('query', z.object({ format: z.enum(['tmx', 'csv']), doc: documentRef.optional() }), invalid), async (c) => {
    const q = c.req.valid('query')
    const doc = q.doc ? await resolveDocument(q.doc) : null
    const chunks = q.format === 'tmx' ? exportTmx(client, doc?.id, VERSION) : exportCsv(client, doc?.id)
    const encoder = new TextEncoder()
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      },
      async cancel() {
        await chunks.return(undefined)
      },
    })
    const name = `${doc ? doc.slug : 'sixfold-memory'}.${q.format}`
    return c.body(stream, 200, {
      'Content-Type': q.format === 'tmx' ? 'application/x-tmx+xml; charset=utf-8' : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    })
  })

  const tmxFields = z.object({
    file: z.instanceof(File, { message: 'file is required' }),
    symbol: z.string().trim().min(1).max(200).optional(),
    title: z.string().trim().max(1000).optional(),
    slug: z.string().trim().min(1).max(100).optional(),
  })
  api.post('/import/tmx', multipartOnly, uploadLimit, zValidator('form', tmxFields, invalid), async (c) => {
    const f = c.req.valid('form')
    const bytes = await readUpload(f.file)
    const stored = await importer.importTmx({ bytes, name: safeName(f.file.name), slug: f.slug, symbol: f.symbol, title: f.title ?? null })
    const [document] = await summaries('WHERE d.id = ?', [stored.documentId])
    return c.json({ document, groups: stored.groups, segments: stored.segments, skipped: stored.skipped } satisfies ImportTmxResponse)
  })

  // ── More routes ──
  const context: ApiContext = { database, db: database.db, client }
  // Terminology (server/terminology) mounts its routes here, e.g. `api.route('/', terminologyRoutes(context))`.
  api.route('/', terminologyRoutes(context))
  options.extend?.(api, context)

  app.route('/api', api)
  // Which methods each API path answers, for a 405 naming them instead of a 404.
  const routePatterns = () =>
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => ({ method: r.method, re: new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`) }))
  app.notFound((c) => {
    if (!(c.req.path.startsWith('/api/') || c.req.path === '/api')) return c.text('Not found', 404)
    const allowed = [...new Set(routePatterns().filter((r) => r.re.test(c.req.path)).map((r) => r.method))]
    if (allowed.length && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '))
      return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}: use ${allowed.join(' or ')}`)
    }
    return errorResponse(c, 404, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`)
  })

  app.onError((error, c) => {
    if (error instanceof ApiFailure) return errorResponse(c, error.status, error.code, error.message)
    const problem = databaseProblem(error)
    if (problem) return errorResponse(c, 503, problem.kind === 'read-only' ? 'read_only' : 'unavailable', problem.message)
    if (error instanceof SixfoldError) {
      return errorResponse(c, 422, error.code === 'language_mismatch' || error.code === 'language-mismatch' ? 'language_mismatch' : 'unprocessable', error.message.split('\n')[0])
    }
    if (error instanceof HTTPException) {
      const s = error.status
      return errorResponse(c, s as 400, s === 413 ? 'payload_too_large' : s === 401 ? 'unauthorized' : 'bad_request', error.message || 'bad request')
    }
    const unavailable = unavailableMessage(error, database)
    if (unavailable) return errorResponse(c, 503, 'unavailable', unavailable)
    console.error(`sixfold: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return errorResponse(c, 500, 'internal', 'the server failed to answer this request; the error is in its log')
  })
  return app
}
