/** Pre-split text (one sentence a line) as a parsed document, so line files can go through the document and six-way aligners. */
import type { Lang, ParsedDocument } from '../types.ts'

/** One block per line, each holding that line as its only sentence (labels are read from the text by the aligner). */
export function documentFromLines(lines: readonly string[], lang: Lang): ParsedDocument {
  return {
    language: lang,
    detected: { language: lang, confidence: 0 },
    blocks: lines.map((text) => ({ kind: 'paragraph', label: null, text, sentences: [text], footnoteRefs: [] })),
    furniture: [],
  }
}

/** Lines of a text: a final newline ends the last line rather than starting an empty one; empty lines are lines. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}
