/** The translation memory API (server/api/contract.ts), as functions. */
import type {
  AlignmentEditResponse,
  AlignmentLevel,
  AlignmentOrder,
  AlignmentResponse,
  ConfirmRequest,
  CreateDocumentResponse,
  DeleteResponse,
  DocumentDetail,
  DocumentsResponse,
  HealthResponse,
  Lang,
  MergeRequest,
  RelinkRequest,
  SearchMode,
  SearchResponse,
  SplitRequest,
  UploadVersionResponse,
} from '../../../server/api/contract.ts'
import { apiUrl, request, uploadWithProgress, type UploadProgress } from './client.ts'

export type * from '../../../server/api/contract.ts'

export async function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  // 503 while starting still carries a HealthResponse body; read it either way.
  const res = await fetch('/api/health', { headers: { accept: 'application/json' }, signal })
  return (await res.json()) as HealthResponse
}

export interface SearchParams {
  q: string
  lang?: Lang
  doc?: string
  mode?: SearchMode
  page?: number
  pageSize?: number
  langs?: Lang[]
}

export function search(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return request<SearchResponse>(
    apiUrl('/api/search', {
      q: params.q,
      lang: params.lang,
      doc: params.doc,
      mode: params.mode,
      page: params.page,
      pageSize: params.pageSize,
      langs: params.langs?.join(','),
    }),
    { signal },
  )
}

export function listDocuments(signal?: AbortSignal): Promise<DocumentsResponse> {
  return request<DocumentsResponse>('/api/documents', { signal })
}

export function getDocument(id: string | number, signal?: AbortSignal): Promise<DocumentDetail> {
  return request<DocumentDetail>(`/api/documents/${encodeURIComponent(String(id))}`, { signal })
}

export function deleteDocument(id: string | number): Promise<DeleteResponse> {
  return request<DeleteResponse>(`/api/documents/${encodeURIComponent(String(id))}`, { method: 'DELETE' })
}

export function deleteVersion(id: string | number, lang: Lang): Promise<DeleteResponse> {
  return request<DeleteResponse>(`/api/documents/${encodeURIComponent(String(id))}/versions/${lang}`, { method: 'DELETE' })
}

export function createDocument(fields: { symbol: string; title?: string }): Promise<CreateDocumentResponse> {
  const form = new FormData()
  form.set('symbol', fields.symbol)
  if (fields.title) form.set('title', fields.title)
  return request<CreateDocumentResponse>('/api/documents', { method: 'POST', body: form })
}

export function uploadVersion(id: string | number, lang: Lang, file: File, onProgress: (p: UploadProgress) => void): Promise<UploadVersionResponse> {
  const form = new FormData()
  form.set('lang', lang)
  form.set('file', file, file.name)
  return uploadWithProgress<UploadVersionResponse>(`/api/documents/${encodeURIComponent(String(id))}/versions`, form, onProgress)
}

export interface AlignmentParams {
  level?: AlignmentLevel
  langs?: Lang[]
  order?: AlignmentOrder
  page?: number
  pageSize?: number
}

export function getAlignment(id: string | number, params: AlignmentParams, signal?: AbortSignal): Promise<AlignmentResponse> {
  return request<AlignmentResponse>(
    apiUrl(`/api/documents/${encodeURIComponent(String(id))}/alignment`, {
      level: params.level,
      langs: params.langs?.join(','),
      order: params.order,
      page: params.page,
      pageSize: params.pageSize,
    }),
    { signal },
  )
}

function edit<B>(id: string | number, action: string, body: B): Promise<AlignmentEditResponse> {
  return request<AlignmentEditResponse>(`/api/documents/${encodeURIComponent(String(id))}/alignment/${action}`, { method: 'POST', body })
}

export const mergeGroups = (id: string | number, body: MergeRequest) => edit(id, 'merge', body)
export const splitGroup = (id: string | number, body: SplitRequest) => edit(id, 'split', body)
export const relinkMembers = (id: string | number, body: RelinkRequest) => edit(id, 'relink', body)
export const confirmGroups = (id: string | number, body: ConfirmRequest) => edit(id, 'confirm', body)

export function exportUrl(format: 'tmx' | 'csv', doc?: string): string {
  return apiUrl('/api/export', { format, doc })
}
