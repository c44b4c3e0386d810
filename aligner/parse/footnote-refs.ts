/**
 * Footnote reference numbers glued to words ("常驻代表32", "Convention,12 and", "children,a including",
 * "待遇，*包括") are taken out of the text and kept as data.
 *
 * A glued number is a reference only if the document has a footnote with that number and it comes
 * in sequence (the same as the last reference, or up to a few past it): "92个会员国" or
 * "第 1、2、4、5次会议" are never mistaken for references that way.
 */
import type { FootnoteRef, Lang } from '../types.ts'
import { westernDigits } from './labels.ts'

export interface RefState {
  /** Numbers of the document's footnotes. */
  numbers: Set<number>
  /** Marks of the document's footnotes (a, *, **). */
  marks: Set<string>
  /** The last numbered reference taken. */
  last: number
}

const MEASURE_WORDS = '个年月日次号项名卷条款段届位人家国元份种周岁'
/** A number glued after a letter or a closing mark (not inside a symbol like E/CN.15 or a date like 2024-05). */
const NUMBER_REF = /(?<=[\p{L}\p{M}，、。；：）》”’」』,;:.)\]"'?!؟،؛])(\d{1,3})(?=$|[\s\p{Script=Han}，、。；：（）《》“”‘’,;:.)\]"'?!؟،؛\u0600-\u06FF])/gu
/** A letter mark glued after a comma or closing mark, followed by a space (zh "待遇，a 包括", en "children,a including"). */
const LETTER_REF = /(?<=[，、。；：）》”,;:)\]"])([a-z])(?=\s|\p{Script=Han})/gu
const PAREN_REF = /(?<=[\u0600-\u06FF\p{L}])\(([\d\u0660-\u0669]{1,3})\)/gu
const STAR_REF = /(?<=\S)(\*{1,3})/gu

/** Take the references out of one block's text (in reading order), advancing the state. */
export function extractRefs(text: string, state: RefState, lang: Lang): { text: string; refs: FootnoteRef[] } {
  type Hit = { start: number; end: number; ref: FootnoteRef }
  const hits: Hit[] = []
  for (const m of text.matchAll(NUMBER_REF)) {
    const start = m.index ?? 0
    const n = Number(m[1])
    if (!state.numbers.has(n)) continue
    if (n < state.last || n > state.last + 4) continue
    const token = tokenAround(text, start, start + m[1].length)
    if (/[\/]/.test(token) || /\d[.,]$/.test(text.slice(0, start))) continue
    const after = text.slice(start + m[1].length).trimStart()[0] ?? ''
    if (lang === 'zh' && after && MEASURE_WORDS.includes(after)) continue
    // Latin: a number right after a letter is a reference only when the word is a word (not "G77", "COVID")
    if (lang !== 'zh' && /[A-Z]$/.test(text.slice(0, start)) && /\b[A-Z]{1,5}$/.test(text.slice(0, start))) continue
    hits.push({ start, end: start + m[1].length, ref: n })
    state.last = n
  }
  // Arabic references are numbers in brackets glued to the word: "الجنائية(1)."
  for (const m of text.matchAll(PAREN_REF)) {
    const start = m.index ?? 0
    const n = Number(westernDigits(m[1]))
    if (!state.numbers.has(n) || n < state.last || n > state.last + 4) continue
    hits.push({ start, end: start + m[0].length, ref: n })
    state.last = n
  }
  if (state.marks.size) {
    for (const m of text.matchAll(LETTER_REF)) {
      if (!state.marks.has(m[1])) continue
      const start = m.index ?? 0
      hits.push({ start, end: start + 1, ref: m[1] })
    }
    for (const m of text.matchAll(STAR_REF)) {
      if (!state.marks.has(m[1])) continue
      const start = m.index ?? 0
      hits.push({ start, end: start + m[1].length, ref: m[1] })
    }
  }
  if (!hits.length) return { text, refs: [] }
  hits.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const hit of hits) {
    out += text.slice(at, hit.start)
    at = hit.end
  }
  out += text.slice(at)
  return { text: out, refs: hits.map((h) => h.ref) }
}

function tokenAround(text: string, start: number, end: number): string {
  let s = start
  let e = end
  while (s > 0 && !/\s/.test(text[s - 1])) s--
  while (e < text.length && !/\s/.test(text[e])) e++
  return text.slice(s, e)
}
