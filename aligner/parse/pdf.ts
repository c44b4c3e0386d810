/**
 * PDF → text with unpdf (PDF.js), laid out as the PDF-text path expects: one line per text line, top
 * to bottom, indentation rebuilt from the text's distance to the page's left margin (right margin for
 * right-to-left lines), superscript footnote references kept on their line, glued to their word, and
 * a form feed between pages.
 */
import { extractText, extractTextItems, getDocumentProxy } from 'unpdf'
import { SixfoldError } from '../types.ts'
import { directionOf, isLostMark, joinRowItems, orderRowItems } from './rtl.ts'

interface Item {
  str: string
  x: number
  y: number
  width: number
  fontSize: number
  dir: string
}

interface Row {
  y: number
  size: number
  items: Item[]
}

export async function pdfToText(bytes: Uint8Array, fileName: string): Promise<string> {
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new SixfoldError('bad-pdf', `${fileName} is not a PDF file (it does not start with %PDF): give the PDF itself or its text as .txt`)
  }
  let pages: string[]
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes))
    const { items } = await extractTextItems(pdf)
    pages = items.map((page) => layoutPage(page as Item[]))
    if (!pages.some((p) => p.trim())) pages = (await extractText(pdf, { mergePages: false })).text
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new SixfoldError('bad-pdf', `${fileName} could not be read as PDF (${why}): give its text as .txt instead`)
  }
  const text = pages.join('\n\f\n')
  if (!text.trim()) throw new SixfoldError('empty-file', `${fileName} holds no text (a scanned PDF?): give its text as .txt`)
  return text
}

/** One page's text items → lines, top to bottom, with their indentation. */
export function layoutPage(items: Item[]): string {
  const rows: Row[] = []
  const pageDirection = directionOf(items.map((i) => i.str).join(' ')) ?? 'ltr'
  for (const item of items) {
    if (!item.str || isLostMark(item, pageDirection)) continue
    // A superscript (smaller, a little higher) belongs to the line it sits on.
    const row = rows.find((r) => {
      const dy = Math.abs(r.y - item.y)
      return dy <= 0.35 * Math.max(r.size, item.fontSize) || (item.fontSize < 0.85 * r.size && dy <= 0.6 * r.size) || (r.size < 0.85 * item.fontSize && dy <= 0.6 * item.fontSize)
    })
    if (row) {
      row.items.push(item)
      if (item.fontSize > row.size) {
        row.size = item.fontSize
        row.y = item.y
      }
    } else rows.push({ y: item.y, size: item.fontSize || 10, items: [item] })
  }
  rows.sort((a, b) => b.y - a.y)
  const visible = rows.map((r) => r.items.filter((i) => i.str.trim()))
  const starts = visible.filter((v) => v.length).map((v) => Math.min(...v.map((i) => i.x)))
  const ends = visible.filter((v) => v.length).map((v) => Math.max(...v.map((i) => i.x + i.width)))
  const left = starts.length ? Math.min(...starts) : 0
  const right = ends.length ? Math.max(...ends) : 0
  return rows
    .map((row) => {
      const { items: ordered, rtl } = orderRowItems(row.items, pageDirection)
      const text = joinRowItems(ordered, row.size)
      const shown = ordered.filter((i) => i.str.trim())
      if (!shown.length) return ''
      const offset = rtl ? right - Math.max(...shown.map((i) => i.x + i.width)) : Math.min(...shown.map((i) => i.x)) - left
      const indent = Math.min(12, Math.max(0, Math.round(offset / (row.size * 0.5))))
      return ' '.repeat(indent) + text.trim()
    })
    .join('\n')
}
