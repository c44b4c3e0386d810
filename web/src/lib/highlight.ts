/**
 * Highlights built from offsets. Segment text is never inserted as HTML: the
 * text is cut into pieces at the given offsets, and each piece is rendered as
 * a text node (inside a <mark> when highlighted).
 *
 * Offsets are UTF-16 code unit indices into the text (JavaScript string
 * indices), `end` exclusive.
 */

export type HighlightKind = 'query' | 'rendering'

export interface HighlightSpan {
  start: number
  end: number
  kind: HighlightKind
}

export interface TextPiece {
  text: string
  kind: HighlightKind | null
}

/**
 * Cuts `text` into plain and highlighted pieces. Spans out of range are clipped,
 * empty or inverted spans ignored; where spans overlap, the earlier-starting
 * span wins and a 'query' span wins over a 'rendering' span at the same start.
 */
export function splitByOffsets(text: string, spans: readonly HighlightSpan[]): TextPiece[] {
  const clean = spans
    .map((s) => ({ start: Math.max(0, Math.floor(s.start)), end: Math.min(text.length, Math.floor(s.end)), kind: s.kind }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || (a.kind === b.kind ? b.end - a.end : a.kind === 'query' ? -1 : 1))

  const pieces: TextPiece[] = []
  let at = 0
  for (const span of clean) {
    const start = Math.max(span.start, at)
    if (span.end <= start) continue
    if (start > at) pieces.push({ text: text.slice(at, start), kind: null })
    pieces.push({ text: text.slice(start, span.end), kind: span.kind })
    at = span.end
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), kind: null })
  return pieces.filter((p, i) => p.text.length > 0 || (i === 0 && pieces.length === 1))
}

/**
 * Folds a string for matching while keeping a map back to the original
 * offsets: lower case, Latin diacritics removed, Russian ё → е, Arabic
 * diacritics and tatweel removed, alef/hamza forms, ى → ي, ة → ه.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = ''
  const map: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    for (const f of foldChar(ch)) {
      folded += f
      map.push(i)
    }
  }
  map.push(text.length)
  return { folded, map }
}

const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/

function foldChar(ch: string): string {
  if (ARABIC_MARKS.test(ch)) return ''
  switch (ch) {
    case 'أ':
    case 'إ':
    case 'آ':
    case 'ٱ':
      return 'ا'
    case 'ى':
      return 'ي'
    case 'ة':
      return 'ه'
    case 'ؤ':
      return 'و'
    case 'ئ':
      return 'ي'
    case 'ё':
    case 'Ё':
      return 'е'
    case '\u2019':
      return "'"
  }
  const lower = ch.toLowerCase()
  const bare = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  return bare.length > 0 ? bare : lower
}

const LETTER = /\p{L}|\p{M}/u

/**
 * Widens spans to the whole word when only a few letters are outside them: a
 * rendering found inside an inflected or prefixed word (Arabic بـ/الـ/و,
 * Russian endings, French plurals) is highlighted as the whole word.
 * Chinese has no spaces between words, so it is left as is.
 */
export function widenToWords(text: string, spans: HighlightSpan[], maxExtra = 3): HighlightSpan[] {
  return spans.map((span) => {
    let { start, end } = span
    let s = start
    while (s > 0 && start - s < maxExtra + 1 && LETTER.test(text[s - 1]) && !isHan(text[s - 1])) s--
    if (start - s <= maxExtra && (s === 0 || !LETTER.test(text[s - 1]))) start = s
    let e = end
    while (e < text.length && e - end < maxExtra + 1 && LETTER.test(text[e]) && !isHan(text[e])) e++
    if (e - end <= maxExtra && (e === text.length || !LETTER.test(text[e]))) end = e
    return { ...span, start, end }
  })
}

function isHan(ch: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(ch)
}

/**
 * Finds the occurrences of `needle` in `text` (folded as above) and returns
 * their offsets in the original text. Used to point at a discovered rendering
 * inside an aligned segment when the server gave the rendering but not its offsets.
 */
export function findFolded(text: string, needle: string, kind: HighlightKind = 'rendering'): HighlightSpan[] {
  const n = foldWithMap(needle.trim()).folded
  if (!n) return []
  const { folded, map } = foldWithMap(text)
  const spans: HighlightSpan[] = []
  let from = 0
  for (;;) {
    const at = folded.indexOf(n, from)
    if (at < 0) break
    spans.push({ start: map[at], end: map[at + n.length - 1] + 1, kind })
    from = at + n.length
  }
  return spans
}
