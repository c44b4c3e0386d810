/** The terminology API (server/terminology/contract.ts), as functions. */
import type { Lang } from '../lib/languages.ts'
import { apiUrl, request } from './client.ts'

// Provisional shapes until server/terminology/contract.ts lands.
export interface Rendering {
  text: string
  count: number
  share: number
  forms?: string[]
}
export interface RenderingsResponse {
  term: string
  language: Lang
  renderings: Partial<Record<Lang, Rendering[]>>
}

export function getRenderings(term: string, lang: Lang | undefined, doc: string | undefined, signal?: AbortSignal): Promise<RenderingsResponse> {
  return request<RenderingsResponse>(apiUrl('/api/renderings', { term, lang, doc }), { signal })
}
