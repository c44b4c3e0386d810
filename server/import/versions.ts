/**
 * Document versions (corpora/<document>/<lang>.<txt|pdf|docx|html>, or an
 * upload): parsed with the parser (aligner/parse), checked against the declared
 * language, and aligned with the aligner (aligner/align).
 */
import type { Lang, ParsedDocument, VersionsAlignment } from '../../aligner/types.ts'
import { SixfoldError } from '../../aligner/types.ts'
import { parseDocument } from '../../aligner/parse/index.ts'
import { sha256 } from './hash.ts'
import type { PreparedVersion } from './prepared.ts'
import type { AlignFn } from './store.ts'

export const VERSION_FILE = /^(zh|en|fr|es|ru|ar)\.(txt|pdf|docx|html?)$/i
export const VERSION_EXTENSIONS = ['txt', 'pdf', 'docx', 'html', 'htm']

const NAMES: Record<Lang, string> = { zh: 'Chinese', en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', ar: 'Arabic' }

type ParseFn = (bytes: Uint8Array, fileName: string, lang: Lang) => Promise<ParsedDocument>

let aligner: Promise<AlignFn> | null = null

// The aligner is loaded on first use (pre-aligned imports do not need it).
const ALIGN_MODULE = '../../aligner/align/index.ts'

const defaultParse: ParseFn = (bytes, fileName, lang) => parseDocument({ bytes, fileName }, { lang })

export function loadAligner(): Promise<AlignFn> {
  aligner ??= import(ALIGN_MODULE).then((mod: Record<string, unknown>) => {
    const align = mod.alignVersions as ((versions: Partial<Record<Lang, ParsedDocument>>) => VersionsAlignment | Promise<VersionsAlignment>) | undefined
    if (typeof align !== 'function') throw new Error('aligner/align/index.ts does not export alignVersions')
    return (docs: ParsedDocument[]) => align(Object.fromEntries(docs.map((d) => [d.language, d])) as Partial<Record<Lang, ParsedDocument>>)
  })
  return aligner
}

export function formatOf(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? ''
  if (ext === 'txt') return 'pdf-text'
  if (ext === 'htm') return 'html'
  return ext
}

/** Parses one language version and checks its language. Throws SixfoldError('language_mismatch') naming both languages. */
export async function prepareVersion(bytes: Uint8Array, fileName: string, lang: Lang, parse?: ParseFn): Promise<PreparedVersion> {
  const ext = fileName.toLowerCase().split('.').pop() ?? ''
  if (!VERSION_EXTENSIONS.includes(ext)) {
    throw new SixfoldError('unsupported_format', `${fileName}: unsupported file type ".${ext}" (use .txt, .pdf, .docx or .html)`)
  }
  if (bytes.length === 0) throw new SixfoldError('empty_file', `${fileName}: the file is empty`)
  const doParse = parse ?? defaultParse
  const parsed = await doParse(bytes, fileName, lang)
  const detected = parsed.detected
  if (detected && detected.language !== lang && detected.confidence >= 0.5) {
    throw new SixfoldError(
      'language_mismatch',
      `${fileName}: declared ${NAMES[lang]} (${lang}) but the text reads as ${NAMES[detected.language]} (${detected.language})`,
    )
  }
  if (parsed.blocks.length === 0) throw new SixfoldError('no_text', `${fileName}: no text found`)
  return {
    lang,
    fileName,
    format: formatOf(fileName),
    sha256: sha256(bytes),
    detected: detected ? { language: detected.language, confidence: detected.confidence } : null,
    blocks: parsed.blocks,
  }
}
