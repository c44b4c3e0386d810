/**
 * Plain text with one paragraph per line (the form of the UNPC devset, or of text saved from a word
 * processor): every non-empty line is a block; markers at its start give its kind and label.
 */
import type { Lang } from '../types.ts'
import { matchMarker } from './labels.ts'
import type { RawBlock, RawParse } from './pdf-text.ts'
import { displayWidth } from './text.ts'

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
  // A chapter heading on its own line takes the title line after it.
  const merged: RawBlock[] = []
  for (const b of blocks) {
    const prev = merged[merged.length - 1]
    if (prev && prev.kind === 'heading' && prev.lines.join('') === '' && b.label === null) {
      prev.lines = b.lines
      continue
    }
    merged.push(b)
  }
  return { blocks: merged, furniture: [] }
}

/**
 * Whether a .txt file is one paragraph per line rather than hard-wrapped PDF text: long lines, or
 * lines that mostly end a sentence.
 */
export function looksLikeOneParagraphPerLine(text: string): boolean {
  const lines = text.split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l && !/^(?:https?:\/\/|www\.)\S+$/.test(l))
  if (lines.length === 0) return true
  const widths = lines.map(displayWidth).sort((a, b) => a - b)
  const p90 = widths[Math.floor(widths.length * 0.9)]
  if (p90 > 220) return true
  const ending = lines.filter((l) => /[.!?;:。！？；：؟؛]["'”’»)）]*$/u.test(l)).length
  return lines.length >= 3 && ending / lines.length > 0.75
}
