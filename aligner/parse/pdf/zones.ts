/**
 * A page's lines in three zones: page furniture (running header and footer: document symbol, page
 * number, job number, barcode, found by their place in the top or bottom band of the page and by
 * repeating across pages), the footnotes (under the short rule at the page foot, or in smaller type
 * there), and the body.
 */
import { furnitureKind } from '../furniture.ts'
import type { Metrics } from './metrics.ts'
import type { PdfPage } from './read.ts'
import type { PdfLine } from './rows.ts'

export interface PageZones {
  body: PdfLine[]
  notes: PdfLine[]
  furniture: PdfLine[]
}

/** The share of the page height, at the top and at the bottom, where running headers and footers sit. */
const BAND = 0.12
const JOB_NUMBER = /(?:^|\s)(?:[A-Z]{1,3}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s|$)|^\*\d{7,9}\*$/
const NOTE_START = /^(?:\d{1,3}|\*{1,3}|[a-z])(?:\s|$)/

export function splitZones(pages: PdfPage[], lines: PdfLine[][], metrics: Metrics): PageZones[] {
  const inBand = (page: PdfPage, l: PdfLine) => l.y > page.height * (1 - BAND) || l.y < page.height * BAND
  // Lines in the bands that repeat on other pages (digits aside): running headers and footers.
  const key = (l: PdfLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '').toLowerCase()
  const seen = new Map<string, Set<number>>()
  pages.forEach((page, k) => {
    for (const l of lines[k]) if (inBand(page, l)) seen.set(key(l), (seen.get(key(l)) ?? new Set()).add(k))
  })
  const repeated = (l: PdfLine) => (seen.get(key(l))?.size ?? 0) >= 2 && pages.length >= 2

  return pages.map((page, k) => {
    const all = lines[k]
    const furniture = new Set<PdfLine>()
    // An underscore line drawn in text is the footnote rule.
    const rules = [...page.rules]
    for (const l of all) {
      if (furnitureKind(l.text) === 'separator') {
        furniture.add(l)
        rules.push({ x0: l.x0, x1: Math.min(l.x1, l.x0 + 1), y: l.y + 0.3 * l.size })
      }
    }
    const underRule = (l: PdfLine) => rules.some((r) => r.y > l.y && r.y < l.y + 6 * metrics.pitch)
    const looksLike = (l: PdfLine) => {
      const kind = furnitureKind(l.text)
      if (repeated(l) || JOB_NUMBER.test(l.text) || kind === 'page') return true
      // Under a footnote rule, "1 E/CN.15/2024/12" is a note citing a document, not a running symbol.
      return kind === 'symbol' && !(underRule(l) && /^(?:\d{1,3}|\*{1,3}|[a-z])\s/.test(l.text))
    }
    for (const l of all) if (inBand(page, l) && looksLike(l)) furniture.add(l)
    // The page's first and last lines, as far as they look like furniture, wherever the band is.
    for (let j = 0; j < all.length && (furniture.has(all[j]) || looksLike(all[j])); j++) furniture.add(all[j])
    for (let j = all.length - 1; j >= 0 && (furniture.has(all[j]) || looksLike(all[j])); j--) furniture.add(all[j])
    const notes = footnoteZone({ ...page, rules }, all.filter((l) => !furniture.has(l)), metrics)
    // A line alone in a band, set apart from the text by a wide gap ("Please recycle"), belongs to the band too.
    // (Not the first note under the rule, which may stand far below a short page's text.)
    const rest = all.filter((l) => !furniture.has(l))
    for (let j = rest.length - 1; j >= 0; j--) {
      const l = rest[j]
      if (!(l.y < page.height * BAND)) break
      const above = rest[j - 1]
      if (above && notes.has(l) !== notes.has(above)) break
      if (above && above.y - l.y > 2.5 * metrics.pitch && (furniture.size > 0 || l.size < metrics.size)) furniture.add(l)
      else break
    }
    for (let j = 0; j < rest.length; j++) {
      const l = rest[j]
      if (!(l.y > page.height * (1 - BAND))) break
      const below = rest[j + 1]
      if (below && l.y - below.y > 2.5 * metrics.pitch && furniture.size > 0) furniture.add(l)
      else break
    }
    return { body: all.filter((l) => !furniture.has(l) && !notes.has(l)), notes: all.filter((l) => !furniture.has(l) && notes.has(l)), furniture: all.filter((l) => furniture.has(l)) }
  })
}

/** The lines of the page's footnote zone: under the footnote rule, or else trailing lines in smaller type that open with a note mark. */
function footnoteZone(page: PdfPage, lines: PdfLine[], metrics: Metrics): Set<PdfLine> {
  const zone = new Set<PdfLine>()
  if (!lines.length) return zone
  const columnWidth = Math.max(1, metrics.right - metrics.left)
  const rule = page.rules
    .filter((r) => r.x1 - r.x0 < 0.6 * columnWidth && lines.some((l) => l.y < r.y) && lines.some((l) => l.y > r.y))
    .sort((a, b) => b.y - a.y)
    .find((r) => {
      const first = lines.find((l) => l.y < r.y)
      return !!first && first.size <= metrics.size + 0.4
    })
  if (rule) {
    for (const l of lines) if (l.y < rule.y) zone.add(l)
    return zone
  }
  // No rule: a run of smaller lines at the foot, the first opening with a mark, set apart from the body.
  let start = lines.length
  for (let j = lines.length - 1; j >= 0 && lines[j].size < metrics.size - 0.4; j--) start = j
  while (start < lines.length && !(NOTE_START.test(lines[start].text) || lines[start].refs[0]?.at === 0)) start++
  if (start >= lines.length || start === 0) return zone
  if (lines[start - 1].y - lines[start].y < 1.2 * metrics.pitch) return zone
  for (let j = start; j < lines.length; j++) zone.add(lines[j])
  return zone
}
