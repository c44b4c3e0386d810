/**
 * Terminology HTTP routes (a Hono sub-app mounted under /api):
 *
 *   GET    /renderings?q=&lang=&doc=&targets=&limit=          how a query was rendered (RenderingsResponse)
 *   GET    /terms?lang=zh|en&doc=&limit=&renderings=           mined term candidates (TermsResponse)
 *   GET    /glossary?status=&q=&lang=&page=&pageSize=          entries (GlossaryResponse)
 *   POST   /glossary                                          create (GlossaryEntryInput) → GlossaryEntry
 *   GET    /glossary/export?format=tbx|csv&status=             the glossary (or the entries of one status) as a file
 *   POST   /glossary/import?format=tbx|csv                    body: the file (text/csv, application/xml) or a form with `file` → GlossaryImportResponse
 *   POST   /glossary/seed                                     imports the SDG goal titles (once)
 *   GET    /glossary/:id                                      one entry
 *   PATCH  /glossary/:id                                      edit (GlossaryEntryPatch)
 *   POST   /glossary/:id/approve | /glossary/:id/deprecate    change the status
 *   DELETE /glossary/:id
 *   GET    /review?doc=&kinds=&targets=&source=               consistency report (ReviewResponse)
 *          (`doc` names a document by id, slug or symbol; `document` is accepted as an alias)
 *   POST   /review/accept {key, note}                         accept a finding
 *   DELETE /review/accept?key=                                withdraw an acceptance
 *
 * Inputs are validated with zod; errors are JSON {error, message}.
 */
import { zValidator } from '@hono/zod-validator'
import type { Client } from '@libsql/client'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { decodeText } from '../../aligner/parse/decode.ts'
import { SixfoldError, type Lang } from '../../aligner/types.ts'
import { ApiFailure, errorResponse, invalid, requireJson } from '../api/errors.ts'
import { bodyType } from '../api/middleware/body-type.ts'
import type { FindingKind, GlossaryImportResponse, GlossaryResponse } from './contract.ts'
import { exportCsv, importCsv } from './csv.ts'
import { acceptFinding, allEntries, createEntry, deleteEntry, getEntry, importEntries, listEntries, MAX_GLOSSARY_BYTES, unacceptFinding, updateEntry } from './glossary.ts'
import { unreadableText } from './printable.ts'
import { sdgSeedEntries } from './seed.ts'
import { renderingsFor, review, termCandidates } from './service.ts'
import { exportTbx, importTbx } from './tbx.ts'

const LANGS = ['zh', 'en', 'fr', 'es', 'ru', 'ar'] as const
const KINDS = ['variant', 'glossary', 'number', 'date', 'percent', 'symbol', 'untranslated', 'empty'] as const
const lang = z.enum(LANGS)

function listOf<T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
      for (const p of parts)
        if (!(values as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `unknown ${what} "${p}" (use ${values.join(', ')})` })
          return z.NEVER
        }
      return parts as T[]
    })
}

const termInput = z.object({ lang, text: z.string().trim().min(1).max(500), usage: z.enum(['preferred', 'admitted', 'deprecated']).default('preferred') }).strict()
const refInput = z.object({
  groupId: z.number().int().positive().nullable().default(null),
  documentSymbol: z.string().max(200).nullable().default(null),
  paragraphLabel: z.string().max(100).nullable().default(null),
}).strict()
const entryInput = z.object({
  concept: z.string().max(2000).nullable().optional(),
  status: z.enum(['candidate', 'approved', 'deprecated']).optional(),
  note: z.string().max(5000).nullable().optional(),
  score: z.number().finite().nullable().optional(),
  frequency: z.number().int().min(0).nullable().optional(),
  /** Where a new entry came from: typed by a person, or adopted from the mined candidates. */
  origin: z.enum(['manual', 'mined']).optional(),
  terms: z.array(termInput).min(1, 'an entry needs at least one term').max(100),
  refs: z.array(refInput).max(500).optional(),
}).strict()
const entryPatch = entryInput.omit({ origin: true }).partial().strict()
/** A document by id, slug or symbol: `doc` (as search and export name it), or `document` (the older name). */
const docParams = { doc: z.string().min(1).max(200).optional(), document: z.string().min(1).max(200).optional() }
const idParam = z.object({ id: z.coerce.number().int().min(1) })

/** SixfoldErrors of the terminology module as HTTP errors. */
function asApi(error: unknown): never {
  if (error instanceof SixfoldError) {
    if (error.code === 'not_found') throw new ApiFailure(404, 'not_found', error.message)
    if (error.code === 'conflict') throw new ApiFailure(409, 'conflict', error.message)
    if (error.code === 'bad_request' || error.code === 'bad_tbx' || error.code === 'bad_csv') throw new ApiFailure(400, 'bad_request', error.message)
  }
  throw error
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    asApi(error)
  }
}

/**
 * What a glossary file may be sent as: the file itself as CSV or XML (TBX), or a multipart form.
 * Not `text/plain` or a URL-encoded form: a web page can send those to any server without asking,
 * and the file is the body, so they would let another site import entries.
 */
const glossaryBody = bodyType({
  accept: ['text/csv', 'application/csv', 'application/xml', 'text/xml', 'application/x-tbx+xml', 'application/tbx+xml', 'application/octet-stream', 'multipart/form-data'],
  suffixes: ['+xml'],
  onRefused: (c, received) =>
    errorResponse(c, 415, 'unsupported_media_type', `send the glossary with Content-Type text/csv (CSV) or application/xml (TBX), or as a multipart/form-data field named "file"${received ? ` (not ${received})` : ''}`),
})

/** JSON bodies (an entry, an acceptance): refused past this size before they are read. */
export const MAX_JSON_BODY = 1024 * 1024

export function terminologyRoutes(context: { client: Client }): Hono {
  const { client } = context
  const api = new Hono()
  const jsonLimit = bodyLimit({ maxSize: MAX_JSON_BODY, onError: (c) => errorResponse(c, 413, 'payload_too_large', 'the request body is larger than 1 MB') })
  for (const path of ['/glossary', '/glossary/seed', '/glossary/:id', '/glossary/:id/*', '/review/*']) {
    api.on(['POST', 'PATCH', 'PUT', 'DELETE'], path, async (c, next) => (c.req.path.endsWith('/glossary/import') ? next() : jsonLimit(c, next)))
  }

  api.get(
    '/renderings',
    zValidator('query', z.object({ q: z.string().trim().min(1).max(200), lang: lang.optional(), ...docParams, targets: listOf(LANGS, 'language'), limit: z.coerce.number().int().min(1).max(20).optional() }), invalid),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(await guarded(() => renderingsFor(client, { q: q.q, lang: q.lang, document: q.doc ?? q.document, targets: q.targets as Lang[] | undefined, limit: q.limit })))
    },
  )

  api.get(
    '/terms',
    zValidator('query', z.object({ lang: z.enum(['zh', 'en']).optional(), ...docParams, limit: z.coerce.number().int().min(1).max(200).optional(), renderings: z.coerce.number().int().min(0).max(5).optional() }), invalid),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(await guarded(() => termCandidates(client, { lang: q.lang, document: q.doc ?? q.document, limit: q.limit, renderings: q.renderings })))
    },
  )

  // ── glossary ──
  api.get(
    '/glossary',
    zValidator('query', z.object({ status: z.enum(['candidate', 'approved', 'deprecated']).optional(), q: z.string().max(200).optional(), lang: lang.optional(), page: z.coerce.number().int().min(1).max(1_000_000).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(100) }), invalid),
    async (c) => {
      const q = c.req.valid('query')
      const { entries, total } = await listEntries(client, q)
      return c.json({ entries, total, page: q.page, pageSize: q.pageSize } satisfies GlossaryResponse)
    },
  )

  api.post('/glossary', requireJson, zValidator('json', entryInput, invalid), async (c) => {
    const body = c.req.valid('json')
    return c.json(await guarded(() => createEntry(client, { ...body, origin: body.origin ?? 'manual' })), 201)
  })

  api.get('/glossary/export', zValidator('query', z.object({ format: z.enum(['tbx', 'csv']).default('tbx'), source: lang.default('zh'), status: z.enum(['candidate', 'approved', 'deprecated']).optional() }), invalid), async (c) => {
    const { format, source, status } = c.req.valid('query')
    const entries = (await allEntries(client)).filter((e) => !status || e.status === status)
    if (format === 'csv') {
      return c.body(exportCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="sixfold-glossary.csv"' })
    }
    return c.body(exportTbx(entries, source), 200, { 'content-type': 'application/x-tbx+xml; charset=utf-8', 'content-disposition': 'attachment; filename="sixfold-glossary.tbx"' })
  })

  api.post(
    '/glossary/import',
    bodyLimit({ maxSize: MAX_GLOSSARY_BYTES, onError: (c) => errorResponse(c, 413, 'payload_too_large', 'the glossary file is larger than 10 MB') }),
    glossaryBody,
    zValidator('query', z.object({ format: z.enum(['tbx', 'csv']).optional() }), invalid),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').toLowerCase()
      let bytes: Uint8Array
      let name = ''
      if (type.startsWith('multipart/form-data')) {
        let form: Record<string, unknown>
        try {
          form = await c.req.parseBody()
        } catch (error) {
          return errorResponse(c, 400, 'bad_request', `not a readable multipart form (${error instanceof Error ? error.message : String(error)}): send the glossary as a form field named "file", or the file itself as the body`)
        }
        const file = form.file
        if (!(file instanceof File)) return errorResponse(c, 400, 'bad_request', 'send the glossary as a form field named "file"')
        name = file.name.toLowerCase()
        bytes = new Uint8Array(await file.arrayBuffer())
      } else bytes = new Uint8Array(await c.req.arrayBuffer())
      // Decoded as every text input is: a Latin-1 or binary file is refused in words, not stored with U+FFFD.
      let text: string
      try {
        text = decodeText(bytes, name ? `the glossary file ${name.replace(/[\u0000-\u001f]/g, '')}` : 'the glossary file', { xml: true, expected: 'a TBX or CSV glossary file' })
      } catch (error) {
        if (error instanceof SixfoldError) return errorResponse(c, 400, 'bad_request', error.message)
        throw error
      }
      const unreadable = unreadableText(text)
      if (unreadable) return errorResponse(c, 400, 'bad_request', `${name ? `${name}: ` : ''}${unreadable}`)
      const format = c.req.valid('query').format ?? (name.endsWith('.csv') || type.includes('csv') ? 'csv' : name.endsWith('.tbx') || type.includes('xml') || text.trimStart().startsWith('<') ? 'tbx' : null)
      if (!format) return errorResponse(c, 400, 'bad_request', 'say which format: ?format=tbx or ?format=csv')
      const entries = await guarded(async () => (format === 'tbx' ? importTbx(text) : importCsv(text)))
      if (entries.length === 0) return errorResponse(c, 400, 'bad_request', `the ${format.toUpperCase()} file holds no entries`)
      const { created, updated } = await guarded(() => importEntries(client, entries))
      return c.json({ imported: created + updated, created, updated, format } satisfies GlossaryImportResponse)
    },
  )

  api.post('/glossary/seed', async (c) => {
    const existing = await client.execute("SELECT count(*) AS n FROM glossary_entries WHERE origin = 'sdg'")
    if (Number(existing.rows[0].n) > 0) return errorResponse(c, 409, 'conflict', 'the SDG seed glossary is already imported')
    const { created, updated } = await guarded(async () => importEntries(client, await sdgSeedEntries(client)))
    return c.json({ imported: created + updated, created, updated, format: 'tbx' } satisfies GlossaryImportResponse)
  })

  api.get('/glossary/:id', zValidator('param', idParam, invalid), async (c) => {
    const entry = await getEntry(client, c.req.valid('param').id)
    if (!entry) return errorResponse(c, 404, 'not_found', `no glossary entry ${c.req.valid('param').id}`)
    return c.json(entry)
  })

  api.patch('/glossary/:id', zValidator('param', idParam, invalid), requireJson, zValidator('json', entryPatch, invalid), async (c) => {
    return c.json(await guarded(() => updateEntry(client, c.req.valid('param').id, c.req.valid('json'))))
  })

  api.post('/glossary/:id/approve', zValidator('param', idParam, invalid), async (c) => c.json(await guarded(() => updateEntry(client, c.req.valid('param').id, { status: 'approved' }))))
  api.post('/glossary/:id/deprecate', zValidator('param', idParam, invalid), async (c) => c.json(await guarded(() => updateEntry(client, c.req.valid('param').id, { status: 'deprecated' }))))

  api.delete('/glossary/:id', zValidator('param', idParam, invalid), async (c) => {
    await guarded(() => deleteEntry(client, c.req.valid('param').id))
    return c.json({ deleted: true })
  })

  // ── review ──
  api.get(
    '/review',
    zValidator('query', z.object({ ...docParams, kinds: listOf(KINDS, 'kind'), targets: listOf(LANGS, 'language'), source: lang.optional() }), invalid),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(await guarded(() => review(client, { document: q.doc ?? q.document, kinds: q.kinds as FindingKind[] | undefined, targets: q.targets as Lang[] | undefined, sourceLang: q.source })))
    },
  )

  api.post('/review/accept', requireJson, zValidator('json', z.object({ key: z.string().min(1).max(2000), note: z.string().max(2000).nullable().optional() }), invalid), async (c) => {
    const { key, note } = c.req.valid('json')
    await guarded(() => acceptFinding(client, key, note ?? null))
    return c.json({ accepted: true, key })
  })

  api.delete('/review/accept', zValidator('query', z.object({ key: z.string().min(1).max(2000) }), invalid), async (c) => {
    const removed = await unacceptFinding(client, c.req.valid('query').key)
    if (!removed) return errorResponse(c, 404, 'not_found', 'no acceptance with this key')
    return c.json({ accepted: false, key: c.req.valid('query').key })
  })

  return api
}
