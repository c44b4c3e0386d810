/**
 * A PDF read from its layout: text items → lines (rows.ts), the document's measures (metrics.ts),
 * each page's furniture, footnotes and body (zones.ts), notes (footnotes.ts), paragraph starts and
 * headings (paragraphs.ts). The result is lines with those decisions taken, for the block walker
 * (pdf-text.ts parseLaidOut), which reads markers and numbering from the text.
 */
import { SixfoldError, type FootnoteRef } from '../../types.ts'
import type { LaidOutLine } from '../pdf-text.ts'
import { readNotes } from './footnotes.ts'
import { measure } from './metrics.ts'
import { findParagraphs } from './paragraphs.ts'
import { readPdf } from './read.ts'
import { pageLines, type PdfLine } from './rows.ts'
import { splitZones } from './zones.ts'

export interface PdfLayout {
  lines: LaidOutLine[]
  /** Text of the lines set aside as page furniture, in page order. */
  furniture: string[]
}

export async function readLayout(bytes: Uint8Array, fileName: string): Promise<PdfLayout> {
  const pages = await readPdf(bytes, fileName)
  const lines = pages.map(pageLines)
  if (!lines.some((l) => l.length)) throw new SixfoldError('empty-file', `${fileName} holds no text (a scanned PDF?): give its text as .txt`)
  const metrics = measure(lines)
  const zones = splitZones(pages, lines, metrics)
  const body = findParagraphs(
    zones.flatMap((z) => z.body),
    metrics,
  )
  const notes = zones.map((z) => readNotes(z.notes))
  const labels = new Set(notes.flatMap((page) => page.map((n) => n.label).filter((l): l is string => l !== null)))
  const out: LaidOutLine[] = []
  let b = 0
  zones.forEach((zone, k) => {
    for (; b < body.length && body[b].line.page === pages[k].number; b++) {
      const { line, opens, heading } = body[b]
      const { text, refs } = keepRefs(line, labels)
      out.push({ text, opens, heading, refs })
    }
    for (const note of notes[k]) {
      const { text } = keepRefs({ ...note.line, text: note.text, refs: [] }, labels)
      out.push({ text, opens: note.label !== null, heading: false, refs: [], note: { label: note.label } })
    }
  })
  return { lines: out, furniture: zones.flatMap((z) => z.furniture.map((l) => l.text)) }
}

/** Superscript marks with a footnote of that label are references; any other (a raised "2" of "m2", an ordinal "e") goes back into the text. */
function keepRefs(line: PdfLine, labels: Set<string>): { text: string; refs: FootnoteRef[] } {
  let text = line.text
  const refs: FootnoteRef[] = []
  for (const r of [...line.refs].reverse()) {
    if (labels.has(String(r.mark))) refs.unshift(r.mark)
    else text = text.slice(0, r.at) + String(r.mark) + text.slice(r.at)
  }
  return { text, refs }
}
