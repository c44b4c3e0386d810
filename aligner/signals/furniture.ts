/**
 * Page furniture that survives text extraction: page numbers, running
 * document symbols, job numbers (`24-01234 (C)`, `V.24-01234`, `GE.15-01234`),
 * barcodes (`*2401234*`), "Please recycle" lines. Such a line has no
 * counterpart to align with; the aligner lets it stand alone cheaply.
 */
import { normaliseWidth } from './numerals.ts'

const PATTERNS: RegExp[] = [
  /^\d{1,4}$/, // page number
  /^[-–—]\s*\d{1,4}\s*[-–—]$/, // - 12 -
  /^(?:page|página|стр\.?|الصفحة)\s*\d{1,4}(?:\s*(?:of|de|из|من)\s*\d{1,4})?$/i,
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // 3/12
  /^[A-Z]{1,6}(?:\.\d+)?(?:\/[A-Za-z0-9.]+)+(?:\s+\d{1,4})?$/, // E/2024/30, A/HRC/55/L.1 12
  /^\d{1,4}\s+[A-Z]{1,6}(?:\.\d+)?(?:\/[A-Za-z0-9.]+)+$/, // 12 E/2024/30
  /^(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]{1,2}\))?(?:\s+\d{6}\s+\d{6})?$/, // 24-01234 (C) 160524 170524
  /^\*\d{6,8}\*$/, // barcode
  /^(?:please recycle|merci de recycler|se ruega reciclar|просьба отправить на вторичную переработку)/i,
]

/** True when a line is page furniture rather than text. */
export function isFurniture(line: string): boolean {
  const t = normaliseWidth(line).trim()
  if (t === '') return true
  if (t.length > 60) return false
  return PATTERNS.some((re) => re.test(t))
}
