/**
 * Body lines → paragraph starts, read from the layout: a wider gap between lines, a change of type
 * size or weight, a line indented differently from the one before (a first-line indent, a hanging
 * number), a line before that ended short of the right margin although the next word would have
 * fitted (for Chinese, any short line), a marker followed by a tab. A paragraph set wholly in bold
 * or in larger type is a heading.
 */
import type { Metrics } from './metrics.ts'
import type { PdfLine } from './rows.ts'

export interface BodyLine {
  line: PdfLine
  /** The line begins a paragraph. */
  opens: boolean
  /** The paragraph this line begins is set in bold or larger type. */
  heading: boolean
}

/** A marker that opens a paragraph when a tab-like gap follows it: "1.", "12.", "(a)", "a)", "IV.", "A.", "一、", "1 -". */
const MARKER = /^(?:\d{1,3}\.|\(\w{1,5}\)|[a-z]\)|[IVXL]{1,6}\.|[A-Z]\.|[一二三四五六七八九十]+、|[\d\u0660-\u0669]{1,3}\s*[-–])$/u

export function findParagraphs(lines: PdfLine[], metrics: Metrics): BodyLine[] {
  const out: BodyLine[] = []
  const pageLeft = new Map<number, number>()
  for (const page of new Set(lines.map((l) => l.page))) {
    const xs = new Map<number, number>()
    for (const l of lines) if (l.page === page && Math.abs(l.size - metrics.size) < 0.6) xs.set(Math.round(l.x0), (xs.get(Math.round(l.x0)) ?? 0) + 1)
    // The document's margin when the page has lines there (a page of list items would otherwise seem to have its own); else the page's own (mirrored margins).
    const best = [...xs].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]
    const atMargin = [...xs.keys()].some((x) => Math.abs(x - metrics.left) <= 1)
    pageLeft.set(page, atMargin || !best ? metrics.left : best[0])
  }
  const indent = (l: PdfLine) => l.x0 - (pageLeft.get(l.page) ?? metrics.left)
  let first: PdfLine | null = null
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]
    const prev = lines[k - 1]
    // The line that shows where this paragraph's lines end: the one before the previous line, else the next one.
    const before = k >= 2 && prev !== first ? lines[k - 2] : (lines[k + 1] ?? null)
    const opens = !prev || !first || startsParagraph(prev, line, prev === first, before, indent, metrics)
    if (opens) first = line
    out.push({ line, opens, heading: false })
  }
  // A paragraph wholly in bold, or in type larger than the body's, is a heading.
  for (let k = 0; k < out.length; ) {
    let end = k + 1
    while (end < out.length && !out[end].opens) end++
    const para = out.slice(k, end).map((b) => b.line)
    out[k].heading = para.every((l) => l.bold) || para.every((l) => l.size > metrics.size * 1.15)
    k = end
  }
  return out
}

function startsParagraph(prev: PdfLine, line: PdfLine, prevOpened: boolean, before: PdfLine | null, indent: (l: PdfLine) => number, metrics: Metrics): boolean {
  const size = Math.max(line.size, metrics.size)
  const tol = 0.6 * size
  if (prev.bold !== line.bold || Math.abs(prev.size - line.size) > 0.6) return true
  if (prev.page === line.page) {
    const pitch = metrics.pitch * (line.size / metrics.size)
    if (prev.y - line.y - pitch > 0.3 * line.size) return true
  }
  const marker = MARKER.test(line.text.split(' ')[0] ?? '')
  if (line.hangAt !== null && marker) return true
  // A sentence ended on the line before and this one opens with a number or letter: a new paragraph, however full the line before.
  if (marker && /[.!?;:。！？；：]["'”’»)）]*$/u.test(prev.text) && /^(?:\d{1,3}\.|\(\w{1,5}\)|[一二三四五六七八九十]+、)/u.test(line.text)) return true
  const dPrev = indent(prev)
  const dLine = indent(line)
  // Lines set far to the right (the Distr./date/Original block, a signature) stand alone.
  const far = 0.3 * (metrics.right - metrics.left)
  if (dLine > far && dPrev > far) return true
  if (dLine > dPrev + tol) {
    // Deeper than the line before: the text after a hanging number, or a new paragraph's first-line indent.
    if (prevOpened && prev.hangAt !== null && Math.abs(line.x0 - prev.hangAt) < tol) return false
    return true
  }
  if (dLine < dPrev - tol) {
    // Back out to the margin after a first-line indent: the same paragraph, unless the line before was short.
    if (!prevOpened) return true
  }
  // The line before stopped short of the margin although this line's first word would have fitted there.
  // The margin is where the neighbouring lines end (a list or a quotation may end short of the page's text column).
  const space = 0.3 * prev.size
  // Within a paragraph, the line before the previous one shows where its lines end; after a paragraph's first line, this line and
  // the next show it when they end at one place; else the text column's margin does.
  let edge = metrics.right
  if (!prevOpened && before && before.page === prev.page) edge = Math.min(metrics.right, before.x1)
  else if (prevOpened && before && before.page === line.page && Math.abs(before.x1 - line.x1) < tol) edge = Math.min(metrics.right, Math.max(line.x1, before.x1))
  const room = edge - prev.x1
  if (room > line.firstWord + space + 0.3 * size) return true
  return false
}
