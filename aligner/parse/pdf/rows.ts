/**
 * Text items → lines: items on one baseline make a row (a raised, smaller superscript belongs to the
 * row it sits on); superscript footnote marks are taken out of the text and kept as references.
 */
import type { FootnoteRef } from '../../types.ts'
import { directionOf, isLostMark, orderRowItems, repairArabic } from '../rtl.ts'
import type { PdfPage, TextItem } from './read.ts'

export interface PdfLine {
  page: number
  /** Baseline, in points from the page's bottom. */
  y: number
  /** Left and right edges of the ink. */
  x0: number
  x1: number
  /** The size of most of the line's characters. */
  size: number
  /** Most of the line's characters are bold. */
  bold: boolean
  text: string
  /** Footnote marks set as superscripts, in reading order, with the offset in `text` they stood at. */
  refs: Array<{ mark: FootnoteRef; at: number }>
  rtl: boolean
  /** Where the text after a leading marker ("1.", "(a)", "*") starts, when a tab-like gap follows the marker. */
  hangAt: number | null
  /** The width of the first word (for "would it have fitted on the line before?"). */
  firstWord: number
  items: TextItem[]
}

const MARK = /^(?:\d{1,3}|\*{1,3}|[a-z])$/

/** All lines of a page, top to bottom. */
export function pageLines(page: PdfPage): PdfLine[] {
  const rows: Array<{ y: number; size: number; items: TextItem[] }> = []
  // The page's direction decides rows without letters, and which zero-width letters are lost vowel marks.
  const pageDirection = directionOf(page.items.map((i) => i.str).join(' ')) ?? 'ltr'
  const items = page.items.filter((i) => (i.str.trim() || i.width > 0) && !isLostMark(i, pageDirection))
  // Bigger items first, so that a row's baseline is its body text, not a superscript.
  const bySize = [...items].sort((a, b) => b.size - a.size)
  for (const item of bySize) {
    const row = rows.find((r) => {
      const dy = item.y - r.y
      if (Math.abs(dy) <= 0.3 * Math.max(r.size, item.size)) return true
      // A superscript: smaller and raised by less than the row's size; a subscript-like footnote mark: smaller, lowered a little.
      return item.size < 0.85 * r.size && dy > 0 && dy <= 0.65 * r.size && overlapsRow(item, r.items)
    })
    if (row) row.items.push(item)
    else rows.push({ y: item.y, size: item.size, items: [item] })
  }
  rows.sort((a, b) => b.y - a.y)
  const lines: PdfLine[] = []
  for (const row of rows) {
    const line = makeLine(page.number, row.y, row.items, pageDirection)
    if (!line) continue
    // A superscript mark pushed onto a line of its own by a full justified line is that line's reference.
    const prev = lines[lines.length - 1]
    if (prev && MARK.test(line.text) && line.size < 0.85 * prev.size && prev.y - line.y < 1.5 * prev.size) {
      prev.refs.push({ mark: /^\d+$/.test(line.text) ? Number(line.text) : line.text, at: prev.text.length })
      continue
    }
    lines.push(line)
  }
  return lines
}

/** The item lies within the row's horizontal extent or next to it (not a separate column's line). */
function overlapsRow(item: TextItem, items: TextItem[]): boolean {
  const x0 = Math.min(...items.map((i) => i.x))
  const x1 = Math.max(...items.map((i) => i.x + i.width))
  return item.x >= x0 - 2 * item.size && item.x <= x1 + 2 * item.size
}

/**
 * The order in which a row's items are read: left to right, or for a right-to-left row (most of its
 * letters Arabic or Hebrew) in reading order as `../rtl.ts` puts it (left-to-right runs and numbers
 * drawn in parts keep their order; items PDF.js merged around something drawn between them split again).
 */
export function orderRow(items: TextItem[], pageDirection: 'ltr' | 'rtl' = 'ltr'): { ordered: TextItem[]; rtl: boolean } {
  const { items: ordered, rtl } = orderRowItems(items, pageDirection)
  return { ordered, rtl }
}

function makeLine(page: number, y: number, rowItems: TextItem[], pageDirection: 'ltr' | 'rtl'): PdfLine | null {
  const shown = rowItems.filter((i) => i.str.trim())
  if (!shown.length) return null
  // The body size: the size carrying most characters.
  const weight = new Map<number, number>()
  for (const i of shown) weight.set(round(i.size), (weight.get(round(i.size)) ?? 0) + i.str.trim().length)
  const size = [...weight].sort((a, b) => b[1] - a[1])[0][0]
  const { ordered, rtl } = orderRow(rowItems, pageDirection)
  let text = ''
  const refs: PdfLine['refs'] = []
  // The item read before: the gap to it is measured between the two items' extents, whichever side each
  // stands on (inside a right-to-left row, a left-to-right run is read left to right).
  let prev: TextItem | null = null
  const gapTo = (item: TextItem) => (prev === null ? 0 : Math.max(prev.x, item.x) - Math.min(prev.x + prev.width, item.x + item.width))
  let hangAt: number | null = null
  let firstVisible: TextItem | null = null
  for (const item of ordered) {
    const str = item.str
    const raised = item.y - y > 0.15 * size && item.size < 0.85 * size
    if (raised && MARK.test(str.trim())) {
      // A superscript footnote mark: out of the text, into the references.
      const mark = str.trim()
      refs.push({ mark: /^\d+$/.test(mark) ? Number(mark) : mark, at: text.length })
      prev = item
      continue
    }
    if (!str.trim()) {
      // A space item stands for the gap it spans.
      if (text && !/\s$/.test(text)) text += ' '
      if (firstVisible && hangAt === null && [...text.trim()].length <= 6 && item.width > 0.7 * size) hangAt = rtl ? item.x : item.x + item.width
      prev = item
      continue
    }
    const gap = gapTo(item)
    // no space before a combining mark (an Arabic vowel mark drawn as an item of its own)
    if (prev !== null && gap > 0.2 * size && !/\s$/.test(text) && !/^[\s\p{M}]/u.test(str)) text += ' '
    if (firstVisible && hangAt === null && [...text.trim()].length <= 6 && gap > 0.7 * size) hangAt = rtl ? item.x + item.width : item.x
    if (!firstVisible) firstVisible = item
    text += text ? str : str.trimStart()
    prev = item
  }
  // Arabic as the PDF draws it: presentation forms, a split lam-alef, the kashida (rtl.ts)
  text = repairArabic(text).trimEnd()
  if (!text) return null
  for (const r of refs) r.at = Math.min(r.at, text.length)
  const body = shown.filter((i) => !(i.y - y > 0.15 * size && i.size < 0.85 * size && MARK.test(i.str.trim())))
  const x0 = Math.min(...body.map((i) => i.x))
  const x1 = Math.max(...body.map((i) => i.x + i.width))
  let boldChars = 0
  let chars = 0
  for (const i of body) {
    const n = i.str.trim().length
    chars += n
    if (i.bold) boldChars += n
  }
  const first = (rtl ? [...body].sort((a, b) => b.x + b.width - (a.x + a.width)) : [...body].sort((a, b) => a.x - b.x))[0]
  // Chinese breaks anywhere: its "first word" is one character.
  const firstStr = first.str.trim()
  const word = /^[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’]/u.test(firstStr) ? firstStr[0] : (/^[^\s\p{Script=Han}]+/u.exec(firstStr)?.[0] ?? '')
  const firstWord = firstStr.length ? (first.width * [...word].length) / [...firstStr].length : 0
  return { page, y, x0, x1, size, bold: chars > 0 && boldChars / chars > 0.6, text, refs, rtl, hangAt, firstWord, items: rowItems }
}

function round(n: number): number {
  return Math.round(n * 2) / 2
}
