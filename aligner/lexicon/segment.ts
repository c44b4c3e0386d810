/**
 * Chinese word segmentation by forward maximum matching over the CC-CEDICT
 * headwords. Good enough for lexical evidence (the aligner needs words that a
 * dictionary or a learned lexicon can translate, not linguistic perfection).
 * Latin-script words inside Chinese text (UNODC, COVID-19) come out lower-cased.
 */
import { chineseDictionary } from './cedict.ts'

/** Frequent function characters that carry no alignment evidence. */
const ZH_STOP = new Set('的了在是和与及或等对为以其之而并也这那有将把被所于从到各该此即则'.split(''))

const isHan = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** The content words of a Chinese text. */
export function segmentChinese(text: string): string[] {
  const dict = chineseDictionary()
  const out: string[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isHan(c)) {
      const len = dict.longestWordAt(text, i)
      if (len === 1) {
        const w = text[i]
        if (!ZH_STOP.has(w)) out.push(w)
      } else out.push(text.slice(i, i + len))
      i += len
    } else if (isAsciiLetter(c)) {
      let j = i + 1
      while (j < n && isAsciiLetter(text.charCodeAt(j))) j++
      if (j - i >= 2) out.push(text.slice(i, Math.min(j, i + 6)).toLowerCase())
      i = j
    } else i++
  }
  return out
}
