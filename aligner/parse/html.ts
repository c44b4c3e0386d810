/** placeholder replaced below */
import type { Lang } from '../types.ts'
import type { RawParse } from './pdf-text.ts'
export function parseHtml(_html: string, _lang: Lang): RawParse {
  return { blocks: [], furniture: [] }
}
