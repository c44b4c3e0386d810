/**
 * The lines of a page's footnote zone → notes: a line that opens with a mark ("1", "23", "*", "a")
 * set apart from its text by a tab, or with a superscript mark, begins a note; other lines continue
 * the note before (on the next page too, when a long note runs over).
 */
import type { PdfLine } from './rows.ts'

export interface NoteLine {
  line: PdfLine
  /** The note's label when the line begins one, else null. */
  label: string | null
  /** The line's text without the label. */
  text: string
}

const MARKED = /^(\d{1,3}|\*{1,3}|[a-z])\s+(\S.*)$/u

export function readNotes(lines: PdfLine[]): NoteLine[] {
  return lines.map((line) => {
    const lead = line.refs[0]
    if (lead && lead.at === 0) return { line, label: String(lead.mark), text: line.text }
    const m = MARKED.exec(line.text)
    if (m && (line.hangAt !== null || /^\d/.test(m[1]))) return { line, label: m[1], text: m[2] }
    return { line, label: null, text: line.text }
  })
}
