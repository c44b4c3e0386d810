/** The terminology API (server/terminology/contract.ts), as functions. */
import type { Lang } from '../lib/languages.ts'
import { apiUrl, request } from './client.ts'

// Provisional shapes until server/terminology/contract.ts lands.
export interface RenderingExample {
  groupId: number
  documentSymbol: string
  paragraphLabel: string | null
  source: { text: string; spans: Array<{ start: number; end: number }> }
  target: { text: string; start: number; end: number }
}
export interface Rendering {
  /** The most frequent surface form. */
  text: string
  count: number
  share: number
  dice?: number
  /** Inflected or variant surface forms grouped under this rendering. */
  forms?: Array<{ text: string; count: number }>
  examples?: RenderingExample[]
}
export interface RenderingsResponse {
  term: string
  language: Lang
  occurrences?: number
  renderings: Partial<Record<Lang, Rendering[]>>
}

export function getRenderings(term: string, lang: Lang | undefined, doc: string | undefined, signal?: AbortSignal): Promise<RenderingsResponse> {
  return request<RenderingsResponse>(apiUrl('/api/renderings', { term, lang, doc }), { signal })
}

// ── glossary (provisional until server/terminology/contract.ts) ─────────────
export type GlossaryStatus = 'candidate' | 'approved' | 'deprecated'
export type TermUsage = 'preferred' | 'admitted' | 'deprecated'

export interface GlossaryTerm {
  lang: Lang
  text: string
  usage: TermUsage
}

export interface GlossaryRef {
  groupId: number | null
  documentSymbol: string | null
  documentSlug?: string | null
  paragraphLabel: string | null
}

export interface GlossaryEntry {
  id: number
  concept: string | null
  status: GlossaryStatus
  note: string | null
  origin: string
  score: number | null
  frequency: number | null
  terms: GlossaryTerm[]
  refs: GlossaryRef[]
}

export interface GlossaryListResponse {
  entries: GlossaryEntry[]
  total: number
  page: number
  pageSize: number
}

export interface GlossaryListParams {
  status?: GlossaryStatus
  q?: string
  page?: number
  pageSize?: number
}

export function listGlossary(params: GlossaryListParams, signal?: AbortSignal): Promise<GlossaryListResponse> {
  return request<GlossaryListResponse>(apiUrl('/api/glossary', { ...params }), { signal })
}

export interface GlossaryPatch {
  status?: GlossaryStatus
  note?: string | null
  terms?: GlossaryTerm[]
}

export async function updateGlossaryEntry(id: number, patch: GlossaryPatch): Promise<GlossaryEntry> {
  const res = await request<GlossaryEntry | { entry: GlossaryEntry }>(`/api/glossary/${id}`, { method: 'PATCH', body: patch })
  return 'entry' in res ? res.entry : res
}

export interface GlossaryImportResponse {
  imported: number
  updated?: number
  skipped?: number
}

export function importGlossary(file: File): Promise<GlossaryImportResponse> {
  const form = new FormData()
  form.set('file', file, file.name)
  form.set('format', /\.csv$/i.test(file.name) ? 'csv' : 'tbx')
  return request<GlossaryImportResponse>('/api/glossary/import', { method: 'POST', body: form })
}

export function glossaryExportUrl(format: 'tbx' | 'csv', status?: GlossaryStatus): string {
  return apiUrl('/api/glossary/export', { format, status })
}

// ── review (provisional) ───────────────────────────────────────────────────
export type FindingKind = 'variant' | 'glossary' | 'number' | 'untranslated'

export interface FindingSegment {
  groupId: number | null
  lang: Lang
  text: string
  spans?: Array<{ start: number; end: number }>
  documentSymbol?: string | null
  documentSlug?: string | null
  paragraphLabel?: string | null
}

export interface Finding {
  key: string
  kind: FindingKind
  message: string
  sourceLang?: Lang
  targetLang?: Lang
  segments: FindingSegment[]
  accepted: boolean
}

export interface ReviewResponse {
  findings: Finding[]
}

export function getReview(doc: string | undefined, signal?: AbortSignal): Promise<ReviewResponse> {
  return request<ReviewResponse>(apiUrl('/api/review', { doc }), { signal })
}

export function acceptFinding(key: string, note?: string): Promise<unknown> {
  return request('/api/review/accept', { method: 'POST', body: { key, note } })
}
