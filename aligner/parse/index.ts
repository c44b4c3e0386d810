/**
 * Parsing: one language version of a document → ordered blocks (title, heading, paragraph, item,
 * footnote), each with its label, text, sentences and footnote references.
 *
 * Labels are normalised so that the six languages can be compared: chapters as roman numerals
 * ("第一章", "Chapter I", "Chapitre premier", "الفصل الأول" → "I"), sections as Latin capitals ("A"),
 * paragraphs as Western digits ("99"), items as Latin small letters or roman numerals ("a", "ii"),
 * footnotes as their number or mark ("32", "a", "*"). Text never holds the label or the footnote
 * reference numbers; those are kept in `label` and `footnoteRefs`.
 */
import { LANGS, SixfoldError, isLang, type FootnoteRef, type Lang, type Paragraph, type ParsedDocument } from '../types.ts'
import { detectLanguage, languageName } from '../language/index.ts'
import { splitSentences } from '../sentences/index.ts'
import { MAX_BYTES, decodeText } from './decode.ts'
import { extractRefs, type RefState } from './footnote-refs.ts'
import { parseHtml } from './html.ts'
import { parseLines, looksLikeOneParagraphPerLine } from './lines.ts'
import { parsePdfText, tableRow, type RawBlock, type RawParse } from './pdf-text.ts'
import { joinLines, tidy } from './text.ts'

export type TextFormat = 'pdf-text' | 'lines' | 'html'

export interface ParseOptions {
  /** The declared language; refused when the text is plainly in another one. */
  lang?: Lang
}

/** Parse text already decoded (synchronous). */
export function parseText(text: string, options: { format: TextFormat; lang?: Lang }): ParsedDocument {
  if (options.lang !== undefined && !isLang(options.lang)) throw badLanguage(String(options.lang))
  const plain = text.replace(/^\uFEFF/, '')
  const sample = options.format === 'html' ? plain.replace(/<[^>]*>/g, ' ') : plain.replace(/^\s*(?:https?:\/\/|www\.)\S+\s*$/gim, '')
  const guess = detectLanguage(sample)
  const language = resolveLanguage(options.lang, guess)
  const raw = options.format === 'html' ? parseHtml(plain, language) : options.format === 'lines' ? parseLines(plain, language) : parsePdfText(plain, language)
  return finish(raw, language, guess.language ? { language: guess.language, confidence: guess.confidence } : { language, confidence: 0 })
}

/** Parse a file's bytes; the format comes from the extension (.txt, .html/.htm, .docx, .pdf). */
export async function parseDocument(input: { bytes: Uint8Array; fileName: string }, options: ParseOptions = {}): Promise<ParsedDocument> {
  const { bytes, fileName } = input
  if (options.lang !== undefined && !isLang(options.lang)) throw badLanguage(String(options.lang))
  if (bytes.length > MAX_BYTES) throw new SixfoldError('too-large', `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the 50 MB limit: split the document or give its text`)
  if (bytes.length === 0) throw new SixfoldError('empty-file', `${fileName} is empty: there is nothing to parse`)
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
  switch (ext) {
    case 'txt': {
      const text = decodeText(bytes, fileName)
      return parseText(text, { format: looksLikeOneParagraphPerLine(text) ? 'lines' : 'pdf-text', lang: options.lang })
    }
    case 'html':
    case 'htm':
      return parseText(decodeText(bytes, fileName), { format: 'html', lang: options.lang })
    case 'docx': {
      const { docxToHtml } = await import('./docx.ts')
      return parseText(await docxToHtml(bytes, fileName), { format: 'html', lang: options.lang })
    }
    case 'pdf': {
      const { pdfToText } = await import('./pdf.ts')
      return parseText(await pdfToText(bytes, fileName), { format: 'pdf-text', lang: options.lang })
    }
    default:
      throw new SixfoldError('unknown-format', `${fileName}: unknown file type${ext ? ` ".${ext}"` : ' (no extension)'}; give a .txt, .html, .htm, .docx or .pdf file`)
  }
}

function badLanguage(value: string): SixfoldError {
  return new SixfoldError('bad-language', `"${value}" is not one of the six UN languages: use one of ${LANGS.join(', ')}`)
}

/** The language to parse as: the declared one unless the text is plainly in another, else the detected one. */
function resolveLanguage(declared: Lang | undefined, guess: { language: Lang | null; confidence: number }): Lang {
  if (declared) {
    if (guess.language && guess.language !== declared && disagrees(declared, guess)) {
      throw new SixfoldError(
        'language-mismatch',
        `declared language ${declared} (${languageName(declared)}) disagrees with the text, which reads as ${guess.language} (${languageName(guess.language)}, confidence ${guess.confidence.toFixed(2)}): check the file or the --lang value`,
      )
    }
    return declared
  }
  if (!guess.language) throw new SixfoldError('unknown-language', 'cannot tell the language of the text (too little of it?): declare it with --lang')
  return guess.language
}

function disagrees(declared: Lang, guess: { language: Lang | null; confidence: number }): boolean {
  const latin = (l: Lang | null) => l === 'en' || l === 'fr' || l === 'es'
  // A different script is decisive; among English, French and Spanish only a confident guess is.
  if (!(latin(declared) && latin(guess.language))) return guess.confidence >= 0.3
  return guess.confidence >= 0.6
}

/** Join lines, take out footnote references, tidy the text and split sentences. */
function finish(raw: RawParse, language: Lang, detected: { language: Lang; confidence: number }): ParsedDocument {
  const hyphenated = hyphenIndex(raw.blocks, language)
  const state: RefState = {
    numbers: new Set(raw.blocks.filter((b) => b.kind === 'footnote' && /^\d+$/.test(b.label ?? '')).map((b) => Number(b.label))),
    marks: new Set(raw.blocks.filter((b) => b.kind === 'footnote' && b.label && !/^\d+$/.test(b.label)).map((b) => b.label as string)),
    last: 0,
  }
  const blocks: Paragraph[] = []
  for (const block of raw.blocks) {
    const joined = block.text ?? joinLines(block.lines, language, hyphenated)
    let text = joined
    let refs: FootnoteRef[] = block.footnoteRefs ?? []
    // References the PDF layout already took out (superscripts) are in footnoteRefs; text-only input has them found here.
    if (block.kind !== 'footnote' && block.footnoteRefs === undefined) {
      const taken = extractRefs(joined, state, language)
      text = taken.text
      refs = [...refs, ...taken.refs]
    }
    const cells = language === 'zh' && block.lines.length > 0 && block.lines.every(tableRow)
    text = tidy(text, language, cells)
    // A chapter heading without a title keeps its marker as text ("Chapter I"), so that no block is empty.
    if (!text && block.kind === 'heading' && block.marker) text = block.marker
    if (!text) continue
    blocks.push({ kind: block.kind, label: block.label, text, sentences: splitSentences(text, language), footnoteRefs: refs })
  }
  return { language, detected, blocks, furniture: raw.furniture }
}

/** Words the document spells with a hyphen inside a line ("decision-making"): a line-end hyphen in them is kept. */
function hyphenIndex(blocks: RawBlock[], language: Lang): (word: string) => boolean {
  if (language === 'zh' || language === 'ar') return () => false
  const words = new Set<string>()
  for (const b of blocks) for (const line of b.lines) for (const m of line.matchAll(/\p{L}+-\p{L}+/gu)) words.add(m[0].toLowerCase())
  return (word) => words.has(word.toLowerCase())
}

export { splitSentences } from '../sentences/index.ts'
export { detectLanguage } from '../language/index.ts'
