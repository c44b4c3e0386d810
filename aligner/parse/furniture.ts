/**
 * Page furniture in PDF-extracted text: running headers and footers (document symbols, job numbers,
 * page numbers), the underscore line that opens the footnotes, and lines holding only the links of
 * the references above them.
 */

export type FurnitureKind = 'link' | 'symbol' | 'page' | 'separator'

/** One document symbol such as E/2024/30, E/CN.15/2024/16, A/RES/78/223, A/79/L.7/Rev.1. */
const SYMBOL = String.raw`[A-Z]{1,8}(?:\.\d+)?(?:\/[A-Z0-9][A-Za-z0-9.\-()]*)+`
const SYMBOL_LINE = new RegExp(`^(?:${SYMBOL})(?:\\s*[-–—]?\\s*${SYMBOL})*$`)
/**
 * A UN job number (24-09321, V.24-09321, 24-09321 (C)) or a barcode (*2409321*). Text taken from a
 * right-to-left page may give the job number and its language mark in visual order: "79967-15", "15 79967-",
 * ")A( 15-79967", "(A) 15-79967", and the barcode's stars on one side ("**1579967").
 */
const JOB_NUMBER = String.raw`\d{2}-\d{5}|\d{5}-\d{2}|\d{2} \d{5}-|-\d{5} \d{2}`
const LANGUAGE_MARK = String.raw`\([A-Z]\)|\)[A-Z]\(`
const JOB = String.raw`(?:[A-Z]{1,3}\.)?(?:${JOB_NUMBER})(?:\s*(?:${LANGUAGE_MARK}))?|(?:${LANGUAGE_MARK})\s*(?:${JOB_NUMBER})|\*\d{7,9}\*|\*\*\d{7,9}|\d{7,9}\*\*`
const PAGE = String.raw`\d{1,4}(?:\s*\/\s*\d{1,4})?|-\s*\d{1,4}\s*-|[ivxlc]{1,6}`
const RUNNING = new RegExp(`^(?:(?:${SYMBOL}|${JOB}|${PAGE})\\s*)+$`)

/** What kind of furniture a line is, judged on its own (context is weighed by the parser). */
export function furnitureKind(line: string): FurnitureKind | null {
  const text = line.trim()
  if (!text) return null
  if (/^_{5,}$/.test(text.replace(/\s+/g, ''))) return 'separator'
  if (/^https?:\/\/\S+$/i.test(text)) return 'link'
  if (/^www\.\S+$/i.test(text)) return 'link'
  if (SYMBOL_LINE.test(text)) return 'symbol'
  if (new RegExp(`^(?:${JOB})$`).test(text)) return 'symbol'
  if (/^(?:Page|Página|Страница|Стр\.|صفحة|第)\s*\d{1,4}\s*(?:页|\/\s*\d{1,4})?$/iu.test(text)) return 'page'
  if (/^\d{1,4}$/.test(text) || /^\d{1,4}\s*\/\s*\d{1,4}$/.test(text) || /^-\s*\d{1,4}\s*-$/.test(text)) return 'page'
  if (/\d/.test(text) && RUNNING.test(text) && /[A-Z\/-]/.test(text)) return 'symbol'
  return null
}
