/**
 * Text items → lines: items on one baseline make a row (a raised, smaller superscript belongs to the
 * row it sits on); superscript footnote marks are taken out of the text and kept as references.
 */
import type { FootnoteRef } from '../../types.ts'
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
  const items = page.items.filter((i) => i.str.trim() || i.width > 0)
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
    const line = makeLine(page.number, row.y, row.items)
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
 * The order in which a row's items are read. Left to right; a right-to-left row (most of its
 * items marked rtl) right to left. Kept in this one function so that right-to-left reading can be
 * refined in one place.
 */
export function orderRow(items: TextItem[]): { ordered: TextItem[]; rtl: boolean } {
  // The row's direction is that of most of its letters (spaces, digits and punctuation have none).
  let right = 0
  let left = 0
  for (const i of items) {
    right += i.str.match(/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu)?.length ?? 0
    left += i.str.match(/[A-Za-z\u00C0-\u024F\u0370-\u052F\p{Script=Han}]/gu)?.length ?? 0
  }
  const rtl = right > left
  return { ordered: [...items].sort((a, b) => (rtl ? b.x + b.width - (a.x + a.width) : a.x - b.x)), rtl }
}

function makeLine(page: number, y: number, rowItems: TextItem[]): PdfLine | null {
  const shown = rowItems.filter((i) => i.str.trim())
  if (!shown.length) return null
  // The body size: the size carrying most characters.
  const weight = new Map<number, number>()
  for (const i of shown) weight.set(round(i.size), (weight.get(round(i.size)) ?? 0) + i.str.trim().length)
  const size = [...weight].sort((a, b) => b[1] - a[1])[0][0]
  const { ordered, rtl } = orderRow(rowItems)
  let text = ''
  const refs: PdfLine['refs'] = []
  let edge: number | null = null
  let hangAt: number | null = null
  let firstVisible: TextItem | null = null
  for (const item of ordered) {
    const str = item.str
    const raised = item.y - y > 0.15 * size && item.size < 0.85 * size
    if (raised && MARK.test(str.trim())) {
      // A superscript footnote mark: out of the text, into the references.
      const mark = str.trim()
      refs.push({ mark: /^\d+$/.test(mark) ? Number(mark) : mark, at: text.length })
      edge = rtl ? item.x : item.x + item.width
      continue
    }
    if (!str.trim()) {
      // A space item stands for the gap it spans.
      if (text && !/\s$/.test(text)) text += ' '
      if (firstVisible && hangAt === null && [...text.trim()].length <= 6 && item.width > 0.7 * size) hangAt = rtl ? item.x : item.x + item.width
      edge = rtl ? item.x : item.x + item.width
      continue
    }
    const gap = edge === null ? 0 : rtl ? edge - (item.x + item.width) : item.x - edge
    if (edge !== null && gap > 0.2 * size && !/\s$/.test(text) && !/^\s/.test(str)) text += ' '
    if (firstVisible && hangAt === null && [...text.trim()].length <= 6 && gap > 0.7 * size) hangAt = rtl ? item.x + item.width : item.x
    if (!firstVisible) firstVisible = item
    text += text ? str : str.trimStart()
    edge = rtl ? item.x : item.x + item.width
  }
  text = text.trimEnd()
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
