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
