/**
 * Plain text with one paragraph per line (the form of the UNPC devset, or of text saved from a word
 * processor): every non-empty line is a block; markers at its start give its kind and label.
 */
import type { Lang } from '../types.ts'
import { matchMarker } from './labels.ts'
import type { RawBlock, RawParse } from './pdf-text.ts'
import { displayWidth } from './text.ts'
import { logicalText } from './rtl.ts'

export function parseLines(text: string, lang: Lang): RawParse {
  const blocks: RawBlock[] = []
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)) {
    const line = raw.trim()
    if (!line) continue
    const m = matchMarker(line, lang)
    if (!m) {
      blocks.push({ kind: 'paragraph', label: null, marker: '', lines: [line] })
      continue
    }
    switch (m.type) {
      case 'chapter':
        blocks.push({ kind: 'heading', label: m.label, marker: m.raw, lines: [m.rest], structural: 'chapter' })
        break
      case 'section':
      case 'annex':
      case 'resolution':
        blocks.push({ kind: 'heading', label: m.label, marker: m.raw, lines: [m.rest] })
        break
      case 'numbered':
        blocks.push({ kind: 'paragraph', label: m.label, marker: m.raw, lines: [m.rest] })
        break
      case 'item':
        blocks.push({ kind: 'item', label: m.label, marker: m.raw, lines: [m.rest] })
        break
    }
  }
  // A chapter heading on its own line takes the title line after it (an article heading stays alone).
  const merged: RawBlock[] = []
  for (const b of blocks) {
    const prev = merged[merged.length - 1]
    if (prev && prev.structural === 'chapter' && prev.lines.join('') === '' && b.label === null) {
      prev.lines = b.lines
      continue
    }
    merged.push(b)
  }
  return { blocks: merged, furniture: [] }
}

/** A line that ends with punctuation (a sentence, a clause or a list entry ends there). */
const ENDS_WITH_PUNCTUATION = /[.!?;:,。！？；：，、؟؛،]["'”’»)）]*$/u

/**
 * Whether a .txt file is one paragraph per line rather than hard-wrapped PDF text, judged on the
 * whole file in the same way for every language. Hard-wrapped text breaks paragraphs wherever the
 * column ends, so many of its lines run to the column width and stop in the middle of a sentence,
 * without punctuation; in one-paragraph-per-line text a line that stops without punctuation is a
 * heading or a title ("第八条", "Article 8"), short beside the long paragraphs. Measured on the seed
 * and its re-wrapped layouts and on the PDF-text samples, 40–65 % of the lines are such full,
 * unpunctuated lines; in the UDHR and the UNPC devset saved one paragraph a line, 0–2 %.
 * Lines are judged in logical order: right-to-left text a PDF extractor gave in visual order has its
 * final punctuation at the line's start, and would otherwise look like one paragraph a line.
 */
export function looksLikeOneParagraphPerLine(text: string): boolean {
  const lines = logicalText(text).split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l && !/^(?:https?:\/\/|www\.)\S+$/.test(l))
  if (lines.length === 0) return true
  const widths = lines.map(displayWidth)
  const column = [...widths].sort((a, b) => a - b)[Math.floor(widths.length * 0.9)]
  const wrapped = lines.filter((l, k) => widths[k] >= 0.8 * column && !ENDS_WITH_PUNCTUATION.test(l)).length
  return wrapped / lines.length < 0.2
}
