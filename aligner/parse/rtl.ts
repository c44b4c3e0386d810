/**
 * Right-to-left text (Arabic, Hebrew) in logical order.
 *
 * PDFs hold glyphs where they are drawn, so text taken from them can come out in visual order: a PDF's
 * text items sorted left to right, `pdftotext -raw` (words in visual order, each wrapped in U+202B … U+202C),
 * `pdftotext -layout` (logical Arabic, but number runs in visual order inside U+202A … U+202C, and a
 * paragraph label at the line end) or text copied from a viewer that gives visual lines. Each is turned
 * into logical order with the Unicode Bidirectional Algorithm (bidi-js): the visual line is read as if it
 * were logical in a right-to-left paragraph and reordered, which is the inverse of display for Arabic
 * with numbers, brackets and embedded Latin. Characters stay as the PDF maps them (a PDF maps a mirrored
 * bracket glyph to its logical character), so brackets are not mirrored.
 *
 * Then the extraction artefacts are undone: presentation forms are normalised (NFKC, U+FB50–U+FDFF and
 * U+FE70–U+FEFF only), a lam-alef ligature split into "ل ا" is made whole, and the character a PDF maps
 * its justification kashida to ("$", ":", "Z") is taken out.
 */
import bidiFactory from 'bidi-js'

const bidi = bidiFactory()

export const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
const RTL_LETTER = /[\u0590-\u05FF\u0600-\u06FF\u0700-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/u
const RTL_LETTERS = /[\u0590-\u05FF\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/gu
const LTR_LETTERS = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Han}]/gu
const ARABIC_LETTER = String.raw`[\u0620-\u064A\u066E-\u06D3]`

export function hasRtl(text: string): boolean {
  return RTL_LETTER.test(text)
}

/** The direction of a line by its strong letters: right-to-left when they are mostly Arabic or Hebrew. */
export function directionOf(text: string): 'ltr' | 'rtl' | null {
  const r = text.match(RTL_LETTERS)?.length ?? 0
  const l = text.match(LTR_LETTERS)?.length ?? 0
  if (!r && !l) return null
  return r >= l ? 'rtl' : 'ltr'
}

/** Reorder a string with the bidi algorithm, in a paragraph of the given direction (display order ⇄ logical order). */
export function reorder(text: string, base: 'ltr' | 'rtl' | 'auto'): string {
  if (!text) return text
  const levels = bidi.getEmbeddingLevels(text, base)
  const chars = text.split('')
  for (const [start, end] of bidi.getReorderSegments(text, levels)) {
    const part = chars.slice(start, end + 1).reverse()
    chars.splice(start, part.length, ...part)
  }
  return chars.join('')
}

/** A line in visual order (left to right as on the page) → logical order, in a right-to-left paragraph. */
export function visualToLogical(line: string): string {
  const lead = /^\s*/.exec(line)?.[0] ?? ''
  const trail = /\s*$/.exec(line)?.[0] ?? ''
  const body = line.slice(lead.length, line.length - trail.length)
  // Space at the left of a visual run ends it in reading order, space at its right starts it.
  return trail + reorder(body.replace(BIDI_CONTROLS, ''), 'rtl') + lead
}

/** Presentation forms → their letters (NFKC on U+FB50–U+FDFF and U+FE70–U+FEFC only; the rest of the text is left as it is). */
export function normalizePresentationForms(text: string): string {
  return text.replace(/[\uFB50-\uFDFF\uFE70-\uFEFC]+/g, (s) => s.normalize('NFKC'))
}

/** Undo the artefacts of Arabic extraction in logical-order text: presentation forms, split lam-alef, kashida mapped to "$", ":" or a letter. */
export function repairArabic(text: string): string {
  if (!hasRtl(text)) return text
  return (
    normalizePresentationForms(text)
      // A Latin letter, a digit, "$" or ":" (repeated or not) inside an Arabic word is a justification kashida the PDF maps to a wrong
      // character ("عZZال", "حكوم77ة", "مث:ل", "ه$$ذا": LibreOffice's kashida glyph, read by PDF.js or poppler), never text: nothing
      // Latin and no number is written inside an Arabic word, and a colon is followed by a space. pdftotext may put a space on one side of a "$".
      .replace(new RegExp(`(?<=${ARABIC_LETTER}[\\u064B-\\u0652\\u0670]*)(?: ?\\$+|\\$+ |([A-Za-z0-9:])\\1*)(?=[\\u064B-\\u0652\\u0670]*${ARABIC_LETTER})`, 'gu'), '')
      // A lam-alef ligature split in two ("ل ا يمكن", "ول ا"): an alef standing alone is no word, it ends the word before.
      .replace(/ل[ \u200B-\u200D]+([اأإآ])(?![\p{L}\p{M}])/gu, 'ل$1')
      // A vowel mark standing alone between spaces was moved off its letter by the extractor (pdftotext -layout): it is dropped.
      .replace(/(?<=^|\s)[\u064B-\u0652\u0670]+(?:\s+|$)/gu, '')
  )
}

/**
 * A `pdftotext -layout` line: columns (a label, its text) apart by runs of spaces, laid out left to right;
 * inside a column, right-to-left text is logical but each left-to-right run (U+202A … U+202C: numbers,
 * brackets) holds its characters in visual order. The runs are read back (a run with Latin letters reads
 * left to right as it stands), and the columns of a
 * right-to-left line are taken right to left.
 */
function layoutColumns(raw: string): string {
  const columns = raw
    .trim()
    .split(/ {3,}/)
    .map((col) => col.replace(/\u202A([^\u202A-\u202E]*)\u202C/g, (_, run: string) => (/[\p{Script=Latin}\p{Script=Cyrillic}]/u.test(run) ? run : visualToLogical(run))).replace(BIDI_CONTROLS, '').trim())
    .filter(Boolean)
  return (directionOf(columns.join(' ')) === 'rtl' ? columns.reverse() : columns).join(' ')
}

/** `pdftotext -raw` style: clusters each wrapped in U+202B … U+202C, the clusters in visual order. */
function clustersInVisualOrder(line: string): boolean {
  return (line.match(/\u202B/g)?.length ?? 0) >= 2 && /\u202C[^\u202A\u202B\u202C]{0,4}\u202B/.test(line) && !/\u202A/.test(line)
}

export interface LogicalLine {
  text: string
  rtl: boolean
  /** Whether the line was reordered (its spacing is then rebuilt); a line already logical keeps its spacing. */
  reordered: boolean
}

/**
 * One extracted line → logical order. Lines with bidi controls are `pdftotext` output: `-raw` lines hold
 * clusters in visual order (each cluster is reversed, then the whole line read back); `-layout` and
 * default-mode lines are read column by column (`layoutColumns`). Lines without controls are reordered
 * when their Arabic reads backwards (copied from a viewer that gives visual order). Other lines keep
 * their order and spacing; the artefacts are repaired in all.
 */
export function logicalLine(raw: string): LogicalLine {
  if (!hasRtl(raw)) {
    const controls = /[\u202A-\u202E]/.test(raw)
    return { text: controls ? layoutColumns(raw) : raw.replace(BIDI_CONTROLS, ''), rtl: false, reordered: controls }
  }
  let text: string
  if (/[\u202A-\u202E\u2066-\u2069]/.test(raw)) {
    if (clustersInVisualOrder(raw)) {
      // Each cluster is logical inside; reverse it so the whole line is visual, then read it back.
      const visual = raw.replace(/\u202B([^\u202A-\u202C]*)\u202C/g, (_, c: string) => c.split('').reverse().join(''))
      text = visualToLogical(visual)
    } else {
      text = layoutColumns(raw)
    }
  } else if (readsBackwards(raw)) {
    text = visualToLogical(raw)
  } else {
    // Already logical: only the artefacts are repaired; spacing (indentation, a trailing space marking a paragraph end) is kept.
    const plain = raw.replace(BIDI_CONTROLS, '')
    return { text: repairArabic(plain), rtl: directionOf(plain) === 'rtl', reordered: false }
  }
  // The gaps between a line's columns (a label, its text) say nothing once the line is in reading order.
  return { text: repairArabic(text.trim().replace(/ {2,}/g, ' ')), rtl: directionOf(text) === 'rtl', reordered: true }
}

/**
 * Arabic in visual order reads backwards: the article "ال" stands at word ends ("لا") and tā' marbūṭa
 * "ة" at word starts. Logical text has them the other way round.
 */
export function readsBackwards(text: string): boolean {
  const words = normalizePresentationForms(text).replace(BIDI_CONTROLS, '').match(/[\u0621-\u064A]{3,}/g) ?? []
  let forward = 0
  let backward = 0
  for (const w of words) {
    if (w.startsWith('ال')) forward++
    if (w.endsWith('ة')) forward++
    if (w.endsWith('لا')) backward++
    if (w.startsWith('ة')) backward++
  }
  return backward > forward && backward >= 2
}

/** Glue lines of `pdftotext -raw` right-to-left text that hold no letter (a number, a bracket, a label "1", "-") to their neighbours. */
export function joinFragments(lines: string[]): string[] {
  const out: string[] = []
  let glueNext = false
  for (const line of lines) {
    const t = line.trim()
    const fragment = t !== '' && !/\p{L}/u.test(t) && t.length <= 12
    const prev = out.length ? out[out.length - 1] : null
    if (prev !== null && prev.trim() && (fragment || glueNext) && t) {
      out[out.length - 1] = glue(prev, t)
    } else out.push(line)
    glueNext = fragment
  }
  return out
}

function glue(a: string, b: string): string {
  if (/[(\[/]$/.test(a) || /^[)\]،؛:.,/]/.test(b)) return a + b
  return `${a} ${b}`
}

const LONE_LABEL = /^\s*(?:\d{1,3}\s*[-–]|\([\u0621-\u064A]{1,2}\)|\( [\u0621-\u064A]{1,2}\)|[\u0621-\u064A]{3,4} [-–])\s*$/u

/**
 * poppler's default mode gives the label of a right-to-left paragraph ("1-", "(أ)") on a line of its own:
 * after the paragraph's first line when the paragraph goes on below it, else before the paragraph with a
 * blank line between. The label is put back at the start of its paragraph's first line.
 */
export function placeLoneLabels(lines: string[]): string[] {
  const out = [...lines]
  for (let k = 0; k < out.length; k++) {
    if (!LONE_LABEL.test(out[k])) continue
    const label = out[k].trim().replace(/^\( /, '(')
    const prev = k > 0 ? out[k - 1] : ''
    const next = k + 1 < out.length ? out[k + 1] : ''
    if (prev.trim() && next.trim() && hasRtl(prev) && !LONE_LABEL.test(prev)) {
      out[k - 1] = prev.replace(/^(\s*)/, `$1${label} `)
      out.splice(k, 1)
      k--
      continue
    }
    let j = k + 1
    while (j < out.length && !out[j].trim()) j++
    if (j < out.length && hasRtl(out[j]) && !LONE_LABEL.test(out[j])) {
      out[j] = out[j].replace(/^(\s*)/, `$1${label} `)
      out.splice(k, 1)
      k--
    }
  }
  return out
}

/** Whether the text is `pdftotext -raw` right-to-left output (lines of clusters in visual order). */
export function isRawRtl(text: string): boolean {
  let raw = 0
  let rtl = 0
  for (const line of text.split('\n')) {
    if (!hasRtl(line)) continue
    rtl++
    if (clustersInVisualOrder(line)) raw++
  }
  return rtl > 0 && raw / rtl > 0.3
}

/**
 * Extracted text (any of the forms above) → logical lines. Text without right-to-left letters and without
 * bidi controls comes back unchanged.
 */
export function logicalText(input: string): string {
  if (!hasRtl(input) && !/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(input)) return input
  if (!hasRtl(input)) return input.replace(BIDI_CONTROLS, '')
  // A form feed (pdftotext's page break) stands on a line of its own.
  let lines = input.replace(/\f/g, '\n\f\n').split('\n')
  const raw = isRawRtl(input)
  const converted = lines.map((l) => logicalLine(l))
  // `-layout` text places its lines in columns (right-to-left lines pushed right, a label apart from its text);
  // poppler's default mode gives them at the margin.
  const rtlLines = lines.filter(hasRtl)
  const layout = !raw && rtlLines.filter((l) => /^\s{4,}\S|\S {3,}\S/.test(l.replace(BIDI_CONTROLS, ''))).length > rtlLines.length * 0.3
  // A reordered line starts at the margin: `-layout` places right-to-left lines too roughly (a right-aligned title
  // on the first page, a justified line a few columns short) for their distance to the right edge to tell an indentation.
  lines = converted.map((c) => c.text)
  if (raw) return joinFragments(lines).join('\n')
  return (layout ? lines : placeLoneLabels(lines)).join('\n')
}

/** A text item placed on a PDF page (PDF.js): its string in logical order, its left edge and width. */
export interface PlacedText {
  str: string
  x: number
  width: number
}

type ItemClass = 'rtl' | 'ltr' | 'number' | 'neutral'

function classOf(str: string): ItemClass {
  if (hasRtl(str)) return 'rtl'
  if (/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(str)) return 'ltr'
  if (/\p{Nd}/u.test(str)) return 'number'
  return 'neutral'
}

/**
 * PDF.js merges what a PDF draws apart in a right-to-left line into one item, left to right, with a space
 * where something else is drawn: "15 79967" around a hyphen, "حزيران يونيه" around a slash, ") (" around
 * the item letter "أ", "( *" after "إيطاليا". Such an item is split again at its spaces (an Arabic one only
 * at the space nearest the item drawn inside it), each part placed in proportion to its characters, so
 * that the row can be put in reading order.
 */
function splitMerged<T extends PlacedText>(item: T, row: T[]): T[] {
  if (!/\S\s+\S/.test(item.str)) return [item]
  const inside = row.filter((o) => o !== item && o.str.trim() && o.x + o.width / 2 > item.x && o.x + o.width / 2 < item.x + item.width)
  const rtl = hasRtl(item.str)
  const cls = classOf(item.str)
  if ((rtl || cls === 'ltr') && !inside.length) return [item]
  const n = item.str.length
  const at = (i: number) => (rtl ? item.x + item.width - (item.width * i) / n : item.x + (item.width * i) / n)
  const spaces = [...item.str.matchAll(/\s+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const cuts = rtl
    ? inside.map((o) => {
        const c = o.x + o.width / 2
        return spaces.reduce((best, s) => (Math.abs(at((s.start + s.end) / 2) - c) < Math.abs(at((best.start + best.end) / 2) - c) ? s : best))
      })
    : spaces
  const bounds = [...new Set(cuts)].sort((a, b) => a.start - b.start)
  const parts: T[] = []
  let from = 0
  for (const cut of [...bounds, { start: n, end: n }]) {
    const str = item.str.slice(from, cut.start)
    if (str.trim()) {
      const x0 = at(from)
      const x1 = at(cut.start)
      parts.push({ ...item, str, x: Math.min(x0, x1), width: Math.abs(x1 - x0) })
    }
    from = cut.end
  }
  return parts
}

/**
 * The items of one row in reading order. A row is right-to-left when its letters are mostly Arabic or
 * Hebrew (or, with no letters at all, when the page is): its items go right to left, except runs of
 * left-to-right text (Latin words with the numbers and punctuation among them, "E/CN.15/2024/12") and
 * numbers drawn in parts ("15", "-", "79967"), which keep their left-to-right order inside the row.
 * Paragraph labels drawn at the right ("1", "-") thus come first.
 */
export function orderRowItems<T extends PlacedText>(items: T[], pageDirection: 'ltr' | 'rtl' = 'ltr'): { items: T[]; rtl: boolean } {
  const dir = directionOf(items.map((i) => i.str).join(' ')) ?? pageDirection
  // On a right-to-left page even a left-to-right row ("E/2024/30" in the header) may be drawn in parts.
  if (dir === 'ltr') {
    const parts = pageDirection === 'rtl' ? items.filter((i) => i.str.trim()).flatMap((i) => splitMerged(i, items)) : [...items]
    return { items: parts.sort((a, b) => a.x - b.x), rtl: false }
  }
  const sorted = items.flatMap((i) => splitMerged(i, items)).sort((a, b) => b.x + b.width / 2 - (a.x + a.width / 2))
  const visible = sorted.filter((i) => i.str.trim())
  const classes = visible.map((i) => classOf(i.str))
  const out: T[] = []
  let k = 0
  while (k < visible.length) {
    if (classes[k] !== 'ltr' && classes[k] !== 'number') {
      out.push(visible[k++])
      continue
    }
    // A run: left-to-right items, numbers and the neutral items between them, up to the next right-to-left item.
    let end = k
    let j = k
    let hasLtr = false
    while (j < visible.length && classes[j] !== 'rtl') {
      if (classes[j] === 'ltr' || classes[j] === 'number') {
        if (classes[j] === 'ltr') hasLtr = true
        end = j
      }
      j++
    }
    if (!hasLtr) {
      // Numbers alone: only one drawn in parts joined by a separator ("15" "-" "79967", "5" "." "3") reads left to right.
      end = k
      while (end + 2 < visible.length && classes[end + 1] === 'neutral' && /^[-–./:,]$/.test(visible[end + 1].str.trim()) && classes[end + 2] === 'number' && touching(visible[end + 1], visible[end], visible[end + 2])) end += 2
    }
    out.push(...visible.slice(k, end + 1).reverse())
    k = end + 1
  }
  return { items: out, rtl: true }
}

function touching(sep: PlacedText, a: PlacedText, b: PlacedText): boolean {
  const gap = (p: PlacedText, q: PlacedText) => Math.max(p.x, q.x) - Math.min(p.x + p.width, q.x + q.width)
  const size = Math.max(sep.width, 1)
  return gap(sep, a) < size && gap(sep, b) < size
}

/** A zero-width Latin letter on its own: an Arabic vowel mark the PDF maps to a wrong character (PDF.js reads LibreOffice's damma as "X"). */
export function isLostMark(item: PlacedText, pageDirection: 'ltr' | 'rtl'): boolean {
  return pageDirection === 'rtl' && item.width === 0 && /^[A-Za-z]$/.test(item.str)
}
