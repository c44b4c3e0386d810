/** Tokens of any of the six languages for lexical evidence. */
import type { Lang } from '../types.ts'
import { wordStems } from '../signals/words.ts'
import { segmentChinese } from './segment.ts'

export function lexicalTokens(text: string, lang: Lang): string[] {
  return lang === 'zh' ? segmentChinese(text) : wordStems(text, lang)
}
