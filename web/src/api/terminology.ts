/** The terminology API (server/terminology/contract.ts), as functions. */
import type {
  AcceptRequest,
  EntryStatus,
  GlossaryEntry,
  GlossaryEntryInput,
  GlossaryEntryPatch,
  GlossaryImportResponse,
  GlossaryResponse,
  RenderingsResponse,
  ReviewResponse,
  TermsResponse,
} from '../../../server/terminology/contract.ts'
import type { Lang } from '../lib/languages.ts'
import { ApiError, apiUrl, authHeaders, errorFromResponse, request } from './client.ts'

export type * from '../../../server/terminology/contract.ts'

export function getRenderings(q: string, lang: Lang | undefined, document: string | undefined, signal?: AbortSignal): Promise<RenderingsResponse> {
  return request<RenderingsResponse>(apiUrl('/api/renderings', { q, lang, doc: document }), { signal })
}

// ── mined terms ───────────────────────────────────────────────────────────
export function getTerms(params: { lang?: Lang; document?: string; limit?: number }, signal?: AbortSignal): Promise<TermsResponse> {
  const { document, ...rest } = params
  return request<TermsResponse>(apiUrl('/api/terms', { ...rest, doc: document }), { signal })
}

// ── glossary ──────────────────────────────────────────────────────────────
export interface GlossaryListParams {
  status?: EntryStatus
  q?: string
  lang?: Lang
  page?: number
  pageSize?: number
}

export function listGlossary(params: GlossaryListParams, signal?: AbortSignal): Promise<GlossaryResponse> {
  return request<GlossaryResponse>(apiUrl('/api/glossary', { ...params }), { signal })
}

type EntryAnswer = GlossaryEntry | { entry: GlossaryEntry }
const unwrap = (res: EntryAnswer): GlossaryEntry => ('entry' in res ? res.entry : res)

export async function createGlossaryEntry(input: GlossaryEntryInput): Promise<GlossaryEntry> {
  return unwrap(await request<EntryAnswer>('/api/glossary', { method: 'POST', body: input }))
}

export async function updateGlossaryEntry(id: number, patch: GlossaryEntryPatch): Promise<GlossaryEntry> {
  return unwrap(await request<EntryAnswer>(`/api/glossary/${id}`, { method: 'PATCH', body: patch }))
}

/** POST /api/glossary/import?format=tbx|csv with the file as the body. */
export async function importGlossary(file: File): Promise<GlossaryImportResponse> {
  const format = /\.csv$/i.test(file.name) ? 'csv' : 'tbx'
  let res: Response
  try {
    res = await fetch(apiUrl('/api/glossary/import', { format }), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': format === 'csv' ? 'text/csv' : 'application/xml', ...authHeaders() },
      body: file,
    })
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Sixfold server. Is it running?')
  }
  if (!res.ok) throw await errorFromResponse(res)
  return (await res.json()) as GlossaryImportResponse
}

/** POST /api/glossary/seed: the SDG framework's terms in six languages as a starting glossary. */
export function seedGlossary(): Promise<GlossaryImportResponse> {
  return request<GlossaryImportResponse>('/api/glossary/seed', { method: 'POST' })
}

export function glossaryExportUrl(format: 'tbx' | 'csv', status?: EntryStatus): string {
  return apiUrl('/api/glossary/export', { format, status })
}

// ── review ────────────────────────────────────────────────────────────────
export function getReview(document: string | undefined, signal?: AbortSignal): Promise<ReviewResponse> {
  return request<ReviewResponse>(apiUrl('/api/review', { doc: document }), { signal })
}

export function acceptFinding(key: string, note?: string): Promise<unknown> {
  const body: AcceptRequest = { key, note: note ?? null }
  return request('/api/review/accept', { method: 'POST', body })
}
