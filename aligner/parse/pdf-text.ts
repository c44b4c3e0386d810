/**
 * Text extracted from a PDF (hard-wrapped lines, page furniture, footnotes) → blocks.
 *
 * The parser walks the lines once. Furniture lines (running headers and footers, page numbers, link
 * lines, the underscore line) are set aside; after an underscore line come footnotes, until the page
 * ends or the body resumes. Body lines either open a block (a chapter heading, a section heading, a
 * resolution heading, a numbered paragraph, an item, or a plain paragraph) or continue the open one.
 *
 * Whether a line ends its paragraph is read, in order of trust, from: a trailing space (the seed's
 * extractor marks paragraph ends that way, and this is used when the document shows the pattern),
 * a blank line in single-spaced text, a short line (unless the next word was too long to fit),
 * terminal punctuation followed by an indented line, an indented line. Across a page break only
 * punctuation and indentation count. Chinese table rows (cells apart by spaces) stand alone.
 *
 * Numbered paragraphs are told apart from the operative paragraphs of resolutions and from numbered
 * lists by their sequence: the report's own paragraphs run 1, 2, 3 … through the whole document
 * (an annex starts again), while a resolution's operative paragraphs and a list restart at 1. A
 * numbered line with no end punctuation followed by the next report paragraph is a sub-heading.
 * Table-of-contents entries (dot leaders and a page number) are items of their own.
 */
import type { BlockKind, FootnoteRef, Lang } from '../types.ts'
import { furnitureKind, type FurnitureKind } from './furniture.ts'
import { matchMarker, type Marker } from './labels.ts'
import { logicalText } from './rtl.ts'
import { displayWidth, joinLines } from './text.ts'

export interface RawBlock {
  kind: BlockKind
  label: string | null
  /** The marker as written in the source ("99.", "(a)", "第一章"); empty when none was stripped. */
  marker: string
  lines: string[]
  /** A chapter, section or resolution heading (as opposed to a plain heading-like line). */
  structural?: 'chapter' | 'section' | 'resolution' | 'numbered'
  /** Set once the text is final. */
  text?: string
  footnoteRefs?: FootnoteRef[]
}

export interface RawParse {
  blocks: RawBlock[]
  furniture: string[]
  /** Every hyphen at a line end is the word's own (the document was set without hyphenation). */
  keepLineEndHyphens?: boolean
}

/**
 * A line whose place in the document the PDF's layout has already told (aligner/parse/pdf): the
 * walker follows these decisions instead of guessing them from the text, and reads only the
 * markers (chapter, section, numbered paragraph, item) and sequences from the text.
 */
export interface LaidOutLine {
  text: string
  /** The line begins a block. */
  opens: boolean
  /** The block it begins is set as a heading (bold or larger type). */
  heading: boolean
  /** Footnote references taken out of the line (superscripts). */
  refs: FootnoteRef[]
  /** A line of the footnote zone: the note's label when the line begins a note, null when it continues one. */
  note?: { label: string | null }
}

interface Line {
  layout?: LaidOutLine
  raw: string
  text: string
  indent: number
  trailing: boolean
  blank: boolean
  furniture: FurnitureKind | null
}

const TERMINAL_ZH = /[。．！？；：，!?;:]$/u
const TERMINAL = /[.!?;:。！？؟؛]["'”’»)]*$/u
/** Dot leaders and a page number at the end of a line: a table-of-contents entry. */
const TOC_ENTRY = /(?:\s?[.·…]){4,}\s*\d{1,4}$/u
const SENTENCE_END = /[.!?。！？؟]["'”’»)）]*$/u

export function parsePdfText(input: string, lang: Lang): RawParse {
  const lines = toLines(input)
  const ctx = new Walker(lines, lang)
  ctx.run()
  return { blocks: ctx.blocks, furniture: ctx.furniture }
}

/** Blocks from lines whose paragraph starts, headings, footnotes and furniture the PDF layout gave. */
export function parseLaidOut(input: LaidOutLine[], furniture: string[], lang: Lang, keepLineEndHyphens = false): RawParse {
  const lines: Line[] = input.map((layout) => ({ layout, raw: layout.text, text: layout.text.trim(), indent: 0, trailing: false, blank: !layout.text.trim(), furniture: null }))
  const ctx = new Walker(lines, lang)
  ctx.run()
  return { blocks: ctx.blocks, furniture: [...furniture, ...ctx.furniture], keepLineEndHyphens }
}

function toLines(input: string): Line[] {
  // Right-to-left lines in visual order (pdftotext, copy-paste) become logical first.
  const text = logicalText(input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).replace(/\f/g, '\n')
  return text.split('\n').map((raw) => {
    const expanded = raw.replace(/\t/g, '    ').replace(/\u00A0/g, ' ')
    const trimmed = expanded.trim()
    return {
      raw,
      text: trimmed,
      indent: trimmed ? expanded.length - expanded.trimStart().length : 0,
      trailing: trimmed !== '' && /\s$/.test(expanded),
      blank: trimmed === '',
      furniture: null,
    }
  })
}

class Walker {
  blocks: RawBlock[] = []
  furniture: string[] = []
  private open: RawBlock | null = null
  private lastBody: Line | null = null
  private blankSinceBody = false
  /** Furniture (a page break) came between the last body line and this one. */
  private pageBreakSinceBody = false
  private zone: 'body' | 'footnotes' = 'body'
  private footnote: RawBlock | null = null
  private lastFootnote = 0
  private report = 0
  private sub: { kind: BlockKind; last: number } | null = null
  private resolution: 'none' | 'title' | 'body' = 'none'
  private readonly trailingSignal: boolean
  private readonly doubleSpaced: boolean
  private readonly fullWidth: number
  private readonly zh: boolean
  /** The lines come with the layout's decisions (a PDF read with positions). */
  private readonly laidOut: boolean
  /** The layout shows headings by type (bold, size): then a plain block is never taken for a heading from its text alone. */
  private readonly typographic: boolean
  private readonly typesetHeadings = new Set<RawBlock>()
  private i = 0

  constructor(
    private readonly lines: Line[],
    private readonly lang: Lang,
  ) {
    this.zh = lang === 'zh'
    this.laidOut = lines.some((l) => l.layout)
    this.typographic = lines.some((l) => l.layout?.heading)
    if (!this.laidOut) markFurniture(lines)
    const content = lines.filter((l) => !l.blank && !l.furniture)
    const ending = content.filter((l) => l.trailing).length
    this.trailingSignal = content.length > 20 && ending / content.length > 0.15 && ending / content.length < 0.85
    let followedByBlank = 0
    let nonBlank = 0
    for (let k = 0; k < lines.length - 1; k++) {
      if (lines[k].blank) continue
      nonBlank++
      if (lines[k + 1].raw === '') followedByBlank++
    }
    this.doubleSpaced = nonBlank > 10 && followedByBlank / nonBlank > 0.6
    const widths = content.map((l) => displayWidth(l.text)).sort((a, b) => a - b)
    this.fullWidth = widths.length ? widths[Math.floor(widths.length * 0.9)] : 80
  }

  run(): void {
    const toc = tableOfContents(this.lines, this.lang)
    for (this.i = 0; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]
      const tocEnd = toc.get(this.i)
      if (tocEnd !== undefined) {
        // A table-of-contents entry ("I. Matters calling for action … . . . 5") is an item of its own.
        this.closeOpen()
        const entry = this.lines.slice(this.i, tocEnd + 1).filter((l) => !l.blank)
        const m = matchMarker(entry[0].text, this.lang)
        this.blocks.push({ kind: 'item', label: m?.label ?? null, marker: '', lines: entry.map((l) => l.text) })
        this.open = null
        this.lastBody = this.lines[tocEnd]
        this.blankSinceBody = false
        this.pageBreakSinceBody = false
        this.i = tocEnd
        continue
      }
      if (line.layout?.note) {
        this.noteLine(line.layout.note.label, line.text)
        continue
      }
      if (line.blank) {
        // Blank lines among page furniture are page layout, not paragraph breaks.
        if ((line.raw === '' || !this.doubleSpaced) && !this.pageBreakSinceBody) this.blankSinceBody = true
        continue
      }
      if (line.furniture && this.zone === 'footnotes' && line.furniture === 'symbol' && this.citesSymbol(line)) {
        // "1 E/CN.15/2024/12" under the underscore line is a footnote citing a document, not a running header.
        line.furniture = null
      }
      if (line.furniture) {
        this.furniture.push(line.text)
        this.pageBreakSinceBody = true
        this.blankSinceBody = false
        if (line.furniture === 'separator') {
          this.zone = 'footnotes'
          this.footnote = null
        } else if (this.zone === 'footnotes') {
          this.zone = 'body'
          this.footnote = null
        }
        continue
      }
      if (this.zone === 'footnotes' && this.footnoteLine(line)) continue
      if (this.zone === 'body' && !this.laidOut && this.unseparatedFootnote(line)) continue
      this.bodyLine(line)
      if (line.layout && this.open) this.open.footnoteRefs = [...(this.open.footnoteRefs ?? []), ...line.layout.refs]
    }
  }

  private runningSymbols: Set<string> | null = null

  /** A line of a footnote found by the layout: it begins a note (with its label) or continues the last one. */
  private noteLine(label: string | null, text: string): void {
    if (label !== null) {
      if (/^\d+$/.test(label)) this.lastFootnote = Number(label)
      this.startFootnote(label, text)
    } else if (this.footnote) this.footnote.lines.push(text)
    else this.startFootnote(null, text)
  }

  /** A footnote-numbered line whose symbol is not the document's running header symbol. */
  private citesSymbol(line: Line): boolean {
    const m = /^(\d{1,3})\s+(\S+)$/.exec(line.text)
    if (!m || Number(m[1]) !== this.lastFootnote + 1) return false
    if (!this.runningSymbols) {
      const counts = new Map<string, number>()
      for (const l of this.lines) if (l.furniture === 'symbol') for (const token of l.text.split(/\s+/)) counts.set(token, (counts.get(token) ?? 0) + 1)
      this.runningSymbols = new Set([...counts].filter(([, n]) => n >= 2).map(([token]) => token))
    }
    return !this.runningSymbols.has(m[2])
  }

  /** Handle a line in the footnote zone; false when the body has resumed. */
  private footnoteLine(line: Line): boolean {
    const start = this.footnoteStart(line)
    if (start) {
      this.startFootnote(start.label, start.rest)
      return true
    }
    if (!this.footnote) {
      this.zone = 'body'
      return false
    }
    // The body resumes with a heading or the next numbered paragraph, or with an indented line after a finished footnote
    // (footnote lines run on at the margin).
    const marker = matchMarker(line.text, this.lang)
    const structural =
      marker !== null &&
      (marker.type === 'chapter' || marker.type === 'section' || marker.type === 'resolution' || (marker.type === 'numbered' && [this.report + 1, (this.sub?.last ?? -1) + 1].includes(Number(marker.label))))
    const last = this.footnote.lines[this.footnote.lines.length - 1] ?? ''
    const ended = SENTENCE_END.test(last) || /[。）)]$/.test(last)
    if (structural || (ended && (line.indent >= 1 || marker !== null))) {
      this.zone = 'body'
      this.footnote = null
      return false
    }
    this.footnote.lines.push(line.text)
    return true
  }

  private footnoteStart(line: Line): { label: string; rest: string } | null {
    const m = /^(\d{1,3}|\(\d{1,3}\)|[a-z]|\*{1,3})\s+(\S.*)$/u.exec(line.text) ?? /^(\*{1,3})(\S.*)$/u.exec(line.text)
    if (!m) return null
    const mark = m[1].replace(/[()]/g, '')
    if (/^\d+$/.test(mark)) {
      const n = Number(mark)
      if (n <= this.lastFootnote || n > this.lastFootnote + 6) return null
      this.lastFootnote = n
      return { label: String(n), rest: m[2] }
    }
    if (/^[a-z]$/.test(mark) && !this.markReferenced(mark)) return null
    return { label: mark, rest: m[2] }
  }

  /** A footnote marked a, * or ** that the text referred to, standing after the end of a paragraph with no underscore line. */
  private unseparatedFootnote(line: Line): boolean {
    const m = /^([a-z]|\*{1,3})\s+(\S.*)$/u.exec(line.text)
    if (!m || line.indent < 1) return false
    if (this.open && this.lastBody && !this.endsParagraph(this.lastBody, line) && !SENTENCE_END.test(withoutRef(this.lastBody.text))) return false
    if (!this.markReferenced(m[1])) return false
    this.zone = 'footnotes'
    this.startFootnote(m[1], m[2])
    return true
  }

  private textBefore: { upTo: number; text: string } = { upTo: 0, text: '' }

  private markReferenced(mark: string): boolean {
    // The text of the lines read so far, grown as the walk goes on.
    if (this.textBefore.upTo < this.i) {
      this.textBefore.text += this.lines.slice(this.textBefore.upTo, this.i).map((l) => `${l.text}\n`).join('')
      this.textBefore.upTo = this.i
    }
    const before = this.textBefore.text
    if (mark.startsWith('*')) return new RegExp(`\\S${mark.replace(/\*/g, '\\*')}(?!\\*)`).test(before)
    return new RegExp(`[，、。；：）》”,;:)\\]"]${mark}\\s`, 'u').test(before)
  }

  private startFootnote(label: string | null, rest: string): void {
    const block: RawBlock = { kind: 'footnote', label, marker: label ?? '', lines: [rest] }
    this.blocks.push(block)
    this.footnote = block
  }

  private bodyLine(line: Line): void {
    const marker = matchMarker(line.text, this.lang)
    const ended = !this.open || !this.lastBody || this.endsParagraph(this.lastBody, line)
    // A finished plain block is judged (paragraph or heading) before the next line is read: that can close a resolution or a list.
    if (ended && !(this.open?.structural === 'chapter' && this.open.lines.length === 0)) this.closeOpen()
    const handled = marker ? this.markerLine(line, marker, ended) : false
    if (!handled) {
      if (this.open && !ended) this.open.lines.push(line.text)
      else if (this.open && this.open.structural === 'chapter' && this.open.lines.length === 0) this.open.lines.push(line.text)
      else this.startBlock({ kind: 'paragraph', label: null, marker: '', lines: [line.text] })
    }
    if (ended && line.layout?.heading && this.open) this.typesetHeadings.add(this.open)
    this.lastBody = line
    this.blankSinceBody = false
    this.pageBreakSinceBody = false
  }

  /** Open a block for a marker line; false when the line is a continuation after all. */
  private markerLine(line: Line, marker: Marker, ended: boolean): boolean {
    // The layout said the line runs on: a marker-like start ("2015. The…", "(b) of article 4") is text.
    if (this.laidOut && !ended) return false
    // After a finished sentence, a heading-like marker line ("B. Action taken by the Commission") or an item opens a block.
    const afterSentence = !!this.lastBody && SENTENCE_END.test(withoutRef(this.lastBody.text)) && !this.trailingSignal
    const titleLine = !TERMINAL.test(marker.rest) && displayWidth(line.text) < this.fullWidth * 0.9
    if (!ended && afterSentence && (marker.type === 'item' || ((marker.type === 'section' || marker.type === 'chapter') && titleLine))) {
      ended = true
      this.closeOpen()
    }
    switch (marker.type) {
      case 'chapter':
        // A chapter heading line ("V. Conclusions and recommendations", "ثانيا - الاستنتاجات والتوصيات") never continues the
        // paragraph before, even one ending with a comma ("The Economic and Social Council,").
        if (marker.rest && !ended && !this.zh && !titleLine) return false
        this.closeLists()
        this.startBlock({ kind: 'heading', label: marker.label, marker: marker.raw, lines: marker.rest ? [marker.rest] : [], structural: 'chapter' })
        return true
      case 'section':
        if (!ended && !this.zh && !titleLine) return false
        this.closeLists()
        this.startBlock({ kind: 'heading', label: marker.label, marker: marker.raw, lines: [marker.rest], structural: 'section' })
        return true
      case 'annex':
        // An annex numbers its paragraphs afresh.
        if (!ended && !this.zh && !afterSentence) return false
        this.closeLists()
        this.report = 0
        this.startBlock({ kind: 'heading', label: marker.label, marker: '', lines: [marker.rest], structural: 'section' })
        return true
      case 'resolution':
        // A line that is exactly a resolution heading ("决议草案一", "Draft resolution I") opens one even without a paragraph end before it.
        this.closeOpen()
        this.sub = null
        this.resolution = 'title'
        this.startBlock({ kind: 'heading', label: marker.label, marker: '', lines: [marker.rest], structural: 'resolution' })
        return true
      case 'item': {
        if (!ended) {
          if (this.trailingSignal) return false
          const prev = this.lastBody?.text ?? ''
          const introduces = /[:;：；,，]$|\b(?:and|or|et|ou|y|o|и|или)$|(?:و|أو)$/u.test(prev)
          if (!introduces) return false
        }
        this.startBlock({ kind: 'item', label: marker.label, marker: marker.raw, lines: [marker.rest] })
        return true
      }
      case 'numbered':
        return this.numberedLine(marker, ended)
    }
  }

  private numberedLine(marker: Marker, ended: boolean): boolean {
    const n = Number(marker.label)
    const nextReport = n === this.report + 1
    const nextSub = this.sub !== null && n === this.sub.last + 1
    // A sentence that ended on the line before lets a numbered line start a block even without other signs.
    if (!ended && this.lastBody && SENTENCE_END.test(withoutRef(this.lastBody.text)) && !this.trailingSignal) ended = true
    if (!ended && !nextReport && !nextSub && n !== 1) return false
    // The block before is finished: judge it first (a heading there closes a resolution or a list).
    this.closeOpen()
    const block = (kind: BlockKind): RawBlock => ({ kind, label: marker.label, marker: marker.raw, lines: [marker.rest], structural: 'numbered' })

    if (this.resolution !== 'none') {
      if (nextSub || (n === 1 && !(this.sub && this.sub.last >= 1 && nextReport))) {
        if (n === 1) this.sub = { kind: 'paragraph', last: 1 }
        else if (this.sub) this.sub.last = n
        this.resolution = 'body'
        this.startBlock(block('paragraph'))
        return true
      }
      if (nextReport || n > this.report) {
        this.resolution = 'none'
        this.sub = null
        this.report = n
        this.startBlock(block('paragraph'))
        return true
      }
      this.startBlock(block('paragraph'))
      return true
    }
    if (nextSub && this.sub) {
      this.sub.last = n
      this.startBlock(block(this.sub.kind))
      return true
    }
    // The first numbered paragraph met starts the report's sequence (a document may begin at any number, an annex at 1).
    if (nextReport || (this.report === 0 && this.sub === null && !this.numberedHeading(marker))) {
      this.sub = null
      this.report = n
      this.startBlock(block('paragraph'))
      return true
    }
    if (this.numberedHeading(marker)) {
      this.sub = null
      this.startBlock({ kind: 'heading', label: marker.label, marker: marker.raw, lines: [marker.rest], structural: 'section' })
      return true
    }
    if (n === 1) {
      this.sub = { kind: 'item', last: 1 }
      this.startBlock(block('item'))
      return true
    }
    if (n > this.report + 1 && n < this.report + 10) {
      // Paragraphs missing from the text: keep the sequence going.
      this.sub = null
      this.report = n
      this.startBlock(block('paragraph'))
      return true
    }
    this.startBlock(block('item'))
    return true
  }

  /** A numbered line is a sub-heading ("1. 《联合国反腐败公约》的批准和实施") when its text has no end punctuation and the report paragraphs go on after it. */
  private numberedHeading(marker: Marker): boolean {
    const parts = [marker.rest]
    let k = this.i + 1
    let prev = this.lines[this.i]
    for (; k < this.lines.length; k++) {
      const l = this.lines[k]
      if (l.blank) continue
      if (l.furniture) continue
      const m = matchMarker(l.text, this.lang)
      if (m) {
        const joined = parts.join('')
        if (TERMINAL.test(joined) || (this.zh && TERMINAL_ZH.test(joined))) return false
        if (displayWidth(joined) > Math.max(160, this.fullWidth * 3)) return false
        return (m.type === 'numbered' && Number(m.label) === this.report + 1) || m.type === 'chapter' || m.type === 'section'
      }
      if (this.endsParagraph(prev, l)) return false
      parts.push(l.text)
      prev = l
      if (parts.length > 4) return false
    }
    return false
  }

  private closeLists(): void {
    this.sub = null
    this.resolution = 'none'
  }

  private startBlock(block: RawBlock): void {
    this.closeOpen()
    if (this.laidOut) block.footnoteRefs ??= []
    this.blocks.push(block)
    this.open = block
  }

  /** Decide what a finished plain block was: a paragraph or a heading. */
  private closeOpen(): void {
    const block = this.open
    if (!block) return
    this.open = null
    if (block.kind !== 'paragraph' || block.label !== null || block.structural) return
    const prev = this.previousBody(block)
    const heading = this.typographic ? this.typesetHeadings.has(block) && displayWidth(joinLines(block.lines, this.lang)) <= (this.zh ? 200 : 300) : this.headingLike(block, prev)
    if (heading) {
      block.kind = 'heading'
      if (this.resolution === 'body') this.closeLists()
      else this.sub = null
    } else if (this.resolution === 'title') {
      this.resolution = 'body'
    }
  }

  private previousBody(block: RawBlock): RawBlock | null {
    for (let k = this.blocks.lastIndexOf(block) - 1; k >= 0; k--) if (this.blocks[k].kind !== 'footnote') return this.blocks[k]
    return null
  }

  private headingLike(block: RawBlock, prev: RawBlock | null): boolean {
    const text = joinLines(block.lines, this.lang)
    if (!text || displayWidth(text) > (this.zh ? 130 : 160)) return false
    if (/[.,;:!?。．，；：！？、،؛؟]["'”’»]?$/u.test(text)) return false
    if (/^\p{Ll}/u.test(text)) return false
    if (!prev) return true
    if (prev.structural === 'chapter' || prev.structural === 'section' || prev.structural === 'resolution') return prev.kind === 'heading'
    const prevText = joinLines(prev.lines, this.lang)
    return SENTENCE_END.test(prevText.replace(/[\d*]+$/, ''))
  }

  /** Whether `prev` (a body line) ends its paragraph, given the body line `next` that follows. */
  private endsParagraph(prev: Line, next: Line): boolean {
    if (next.layout) return next.layout.opens
    if (this.trailingSignal) {
      if (!prev.trailing) return false
      if (!/[A-Za-z\/\-]$/.test(prev.text)) return true
    }
    if (this.blankSinceBody && !this.doubleSpaced) {
      // A blank line ends a paragraph, unless a sentence plainly runs on (page break mid-sentence).
      const caseless = !/^[\p{Lu}\p{Ll}]/u.test(next.text)
      const runsOn = !TERMINAL.test(withoutRef(prev.text)) && (/^\p{Ll}/u.test(next.text) || (caseless && /\p{L}$/u.test(prev.text)))
      if (!runsOn) return true
    }
    const bare = withoutRef(prev.text)
    const terminal = TERMINAL.test(bare) || (this.zh && TERMINAL_ZH.test(bare))
    // Table rows (cells apart by spaces) stand on their own lines.
    if (this.zh && tableRow(next.text) && (SENTENCE_END.test(bare) || tableRow(prev.text))) return true
    // Across a page break the last line's length says little: only its punctuation and the new page's indentation count.
    if (this.pageBreakSinceBody) return terminal && next.indent >= 2
    const width = displayWidth(prev.text) + prev.indent
    if (width < this.fullWidth * 0.75) {
      // A line cut short because the next word (a long symbol, a URL) would not fit is no paragraph end.
      const word = /^[^\s\p{Script=Han}，。；：、（）《》“”]+/u.exec(next.text)?.[0] ?? next.text.slice(0, 1)
      const forced = width + 1 + displayWidth(word) > this.fullWidth
      return terminal || !forced
    }
    if (terminal && next.indent >= 2 && next.indent > prev.indent) return true
    // A colon at the end of a line, then an opening quote: a quoted agenda or text follows as its own block.
    if (this.zh && /[：:]$/.test(bare) && /^[“"《]/.test(next.text)) return true
    // An indented line opens a paragraph (continuation lines start at the margin, or one space in at a page top).
    if (next.indent >= 2 && (this.zh || (!/[,\-]$/.test(prev.text) && !/^\p{Ll}/u.test(next.text)))) return true
    return false
  }
}

/** Table-of-contents entries: first line → last line (the one ending in dot leaders and a page number). */
function tableOfContents(lines: Line[], lang: Lang): Map<number, number> {
  const entries = new Map<number, number>()
  const leaders = (l: Line) => TOC_ENTRY.test(l.text)
  for (let k = 0; k < lines.length; k++) {
    if (lines[k].blank || lines[k].furniture || !leaders(lines[k])) continue
    let start = k
    if (!matchMarker(lines[k].text.replace(TOC_ENTRY, ''), lang)) {
      // The entry may begin a line or two above, at its marker ("I.", "A.", "Annex").
      for (let j = k - 1, seen = 0; j >= 0 && seen < 2; j--) {
        const l = lines[j]
        if (l.blank) continue
        if (l.furniture || leaders(l) || /[.;:。；：]$/.test(l.text)) break
        seen++
        if (matchMarker(l.text, lang) || /^(Annex|Annexe|Anexo|Приложение|المرفق|附件)/u.test(l.text)) {
          start = j
          break
        }
      }
    }
    entries.set(start, k)
  }
  return entries
}

/**
 * A Chinese line of table cells: words apart by spaces, no sentence punctuation ("主席 东欧国家 Ivo Šrámek（捷克）").
 * Characters spaced one by one ("委 员 会 第 三 十 三 届") are a PDF artefact, not cells.
 */
export function tableRow(text: string): boolean {
  const gaps = text.match(/[\p{Script=Han}）)]\s+(?=[\p{Script=Han}A-Z])/gu)?.length ?? 0
  if (gaps < 2 || /[。；，：]/.test(text)) return false
  const cells = text.trim().split(/\s+/)
  return cells.filter((c) => [...c].length === 1).length < cells.length * 0.5
}

function adjacentLink(lines: Line[], k: number): boolean {
  for (const step of [-1, 1]) {
    let j = k + step
    while (j >= 0 && j < lines.length && lines[j].blank) j += step
    if (j >= 0 && j < lines.length && lines[j].furniture === 'link' && /^https?:/i.test(lines[j].text)) return true
  }
  return false
}

/** A line's text without a footnote reference glued to its last punctuation ("…公约》，25" → "…公约》，"). */
function withoutRef(text: string): string {
  return text.replace(/(?<=[。，；：）》”,.;:)"])(?:\d{1,3}|\*{1,3}|[a-z])$/u, '')
}

/** Mark furniture lines, weighing context: a bare number is a page number only next to other furniture or at an edge. */
function markFurniture(lines: Line[]): void {
  for (const l of lines) l.furniture = l.blank ? null : furnitureKind(l.text)
  const symbolCounts = new Map<string, number>()
  for (const l of lines) if (l.furniture === 'symbol') symbolCounts.set(l.text, (symbolCounts.get(l.text) ?? 0) + 1)
  const near = (k: number, kinds: FurnitureKind[]): boolean => {
    let seen = 0
    for (let d = -1; d >= -8 && k + d >= 0 && seen < 3; d--) {
      const l = lines[k + d]
      if (l.blank) continue
      seen++
      if (l.furniture && kinds.includes(l.furniture)) return true
    }
    seen = 0
    for (let d = 1; d <= 8 && k + d < lines.length && seen < 3; d++) {
      const l = lines[k + d]
      if (l.blank) continue
      seen++
      if (l.furniture && kinds.includes(l.furniture)) return true
    }
    return false
  }
  const firstContent = lines.findIndex((l) => !l.blank)
  let lastContent = lines.length - 1
  while (lastContent >= 0 && lines[lastContent].blank) lastContent--
  const decided = lines.map((l) => l.furniture)
  for (let k = 0; k < lines.length; k++) {
    const kind = lines[k].furniture
    // "www.…" alone on a line is a link line only among other link lines; else it is text wrapped there.
    if (kind === 'link' && /^www\./i.test(lines[k].text) && !adjacentLink(lines, k)) decided[k] = null
    if (kind === 'page') {
      if (!(near(k, ['symbol']) || k === firstContent || k === lastContent)) decided[k] = null
    } else if (kind === 'symbol') {
      const repeated = (symbolCounts.get(lines[k].text) ?? 0) >= 2
      if (!(repeated || near(k, ['symbol', 'page']) || k === firstContent || k === lastContent)) decided[k] = null
    }
  }
  for (let k = 0; k < lines.length; k++) lines[k].furniture = decided[k]
}
