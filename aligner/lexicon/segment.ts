/**
 * Chinese word segmentation by forward maximum matching over the CC-CEDICT
 * headwords. Good enough for lexical evidence (the aligner needs words that a
 * dictionary or a learned lexicon can translate, not linguistic perfection).
 * Latin-script words inside Chinese text (UNODC, COVID-19) come out lower-cased.
 */
import { chineseDictionary } from './cedict.ts'

/** Frequent function characters that carry no alignment evidence. */
const ZH_STOP = new Set('的了在是和与及或等对为以其之而并也这那有将把被所于从到各该此即则'.split(''))

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/

/** The content words of a Chinese text. */
export function segmentChinese(text: string): string[] {
  const dict = chineseDictionary()
  const out: string[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text[i]
    if (HAN.test(c)) {
      const len = dict.longestWordAt(text, i)
      const w = text.slice(i, i + len)
      if (!(len === 1 && ZH_STOP.has(w))) out.push(w)
      i += len
    } else if (/[A-Za-z]/.test(c)) {
      let j = i + 1
      while (j < n && /[A-Za-z]/.test(text[j])) j++
      const w = text.slice(i, j).toLowerCase()
      if (w.length >= 2) out.push(w.slice(0, 6))
      i = j
    } else i++
  }
  return out
}
