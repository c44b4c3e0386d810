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
import { readPdf, type PdfPage } from './read.ts'
import { pageLines, type PdfLine } from './rows.ts'
import { splitZones } from './zones.ts'

export interface PdfLayout {
  lines: LaidOutLine[]
  /** Text of the lines set aside as page furniture, in page order. */
  furniture: string[]
  /** The document breaks words with hyphens at line ends (else a hyphen there is the word's own: "15-year-|old"). */
  hyphenates: boolean
}

export async function readLayout(bytes: Uint8Array, fileName: string): Promise<PdfLayout> {
  const read = await readPdf(bytes, fileName)
  const raw = read.map(pageLines)
  if (!raw.some((l) => l.length)) throw new SixfoldError('empty-file', `${fileName} holds no text (a scanned PDF?): give its text as .txt`)
  // A right-to-left document is read in a mirror: its lines start at the right margin and end short at the left.
  const all = raw.flat()
  const rtl = all.filter((l) => l.rtl).length > all.length / 2
  const pages = rtl ? read.map(mirrorPage) : read
  const lines = rtl ? raw.map((page, k) => page.map((l) => mirrorLine(l, read[k].width))) : raw
  const metrics = measure(lines)
  const zones = splitZones(pages, lines, metrics)
  const body = findParagraphs(
    zones.flatMap((z) => z.body),
    metrics,
  )
  const notes = zones.map((z) => readNotes(z.notes))
  const labels = new Set(notes.flatMap((page) => page.map((n) => n.label).filter((l): l is string => l !== null)))
  // The body, then the footnotes in order (as a DOCX gives them): where a page breaks differs from one language version to another.
  const out: LaidOutLine[] = []
  for (const { line, opens, heading } of body) {
    const { text, refs } = keepRefs(line, labels)
    out.push({ text, opens, heading, refs })
  }
  for (const note of notes.flat()) out.push({ text: note.text, opens: note.label !== null, heading: false, refs: [], note: { label: note.label } })
  return { lines: out, furniture: zones.flatMap((z) => z.furniture.map((l) => l.text)), hyphenates: hyphenates(out.map((l) => l.text)) }
}

/**
 * Whether line-end hyphens split words: some word broken that way ("imple-|mentation") is written
 * whole elsewhere in the document, more often than a broken compound ("cross-|border") is written
 * with its hyphen.
 */
export function hyphenates(lines: string[]): boolean {
  const words = new Set<string>()
  for (const line of lines) for (const w of line.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? []) words.add(w)
  let split = 0
  let compound = 0
  for (let k = 0; k + 1 < lines.length; k++) {
    const head = /([\p{L}]+)-$/u.exec(lines[k])?.[1]
    const tail = /^(\p{Ll}+)/u.exec(lines[k + 1])?.[1]
    if (!head || !tail) continue
    if (words.has(`${head}${tail}`.toLowerCase())) split++
    else if (words.has(`${head}-${tail}`.toLowerCase())) compound++
  }
  return split > compound
}

function mirrorPage(page: PdfPage): PdfPage {
  return { ...page, rules: page.rules.map((r) => ({ ...r, x0: page.width - r.x1, x1: page.width - r.x0 })) }
}

function mirrorLine(line: PdfLine, width: number): PdfLine {
  return { ...line, x0: width - line.x1, x1: width - line.x0, hangAt: line.hangAt === null ? null : width - line.hangAt }
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
