/**
 * The typed data that crosses Sixfold's seams.
 *
 *   text ──parse──▶ Paragraph[] (with sentences) ──align──▶ Bead[] ──group──▶ Alignment
 *
 * Everything here is plain data: no classes, no methods, safe to serialise as JSON.
 */

/** The six official languages of the United Nations, as ISO 639-1 codes. */
export type Lang = 'zh' | 'en' | 'fr' | 'es' | 'ru' | 'ar'

export const LANGS: readonly Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

/** What a block of a document is. */
export type BlockKind = 'title' | 'heading' | 'paragraph' | 'item' | 'footnote'

/** A footnote reference: a number (`32`) or a mark (`a`, `*`, `**`). */
export type FootnoteRef = number | string

/**
 * One block of a document as its authors wrote it: a numbered paragraph, a
 * list item, a heading, a footnote. `label` is the block's own number or mark
 * without decoration (`"99"`, `"a"`, `"XIII"`, `"A"`, `"32"`), or null.
 * `text` holds the body without the label and without footnote reference
 * numbers, which are kept apart in `footnoteRefs`.
 */
export interface Paragraph {
  kind: BlockKind
  label: string | null
  text: string
  sentences: string[]
  footnoteRefs: FootnoteRef[]
}

/** A parsed language version of a document. */
export interface ParsedDocument {
  language: Lang
  /** Language identification of the body text (may differ from `language` only when no language was declared). */
  detected: { language: Lang; confidence: number }
  blocks: Paragraph[]
  /** Lines dropped as page furniture (running headers, footers, page numbers, link lines). */
  furniture: string[]
}

/** The file formats a language version can come in. */
export type SourceFormat = 'pdf-text' | 'lines' | 'html' | 'docx' | 'pdf'

/**
 * One unit to align: a paragraph or a sentence, with its position in its
 * version. `index` is 0-based within the sequence being aligned.
 */
export interface Segment {
  index: number
  text: string
  /** The structural label of the paragraph this segment opens, if any (`"99"`, `"(a)"`, `"XIII"`). */
  label?: string | null
  kind?: BlockKind
}

/**
 * A bead: `src` segments aligned with `tgt` segments (0-based indices, each
 * list ascending and contiguous; either may be empty for 1-0 / 0-1).
 * `confidence` is in [0, 1]; low means "a person should look".
 */
export interface Bead {
  src: number[]
  tgt: number[]
  confidence: number
}

/** The shape of a bead, e.g. "1-2". */
export function beadShape(bead: Pick<Bead, 'src' | 'tgt'>): string {
  return `${bead.src.length}-${bead.tgt.length}`
}

/** A pairwise alignment of two sequences of segments. */
export interface PairAlignment {
  srcLang: Lang
  tgtLang: Lang
  beads: Bead[]
}

/**
 * A document pair aligned paragraph by paragraph, then sentence by sentence
 * inside each paragraph bead. Sentence indices in `sentences[k].beads` are
 * global indices into the flattened sentence list of each version (block order,
 * then sentence order).
 */
export interface DocumentPairAlignment extends PairAlignment {
  paragraphs: Bead[]
  sentences: Array<{ paragraph: number; beads: Bead[] }>
}

/**
 * A six-way group: for each language present, the indices of the segments
 * that belong together. `flagged` marks groups where pivots disagree.
 */
export interface Group {
  members: Partial<Record<Lang, number[]>>
  confidence: number
  flagged: boolean
}

/** The six-way alignment of one document's versions, at one level. */
export interface Alignment {
  pivot: Lang
  languages: Lang[]
  groups: Group[]
}

/** A user-facing error with a message a person can act on. */
export class SixfoldError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'SixfoldError'
  }
}

/**
 * A document's versions aligned six ways: paragraph groups (members are block
 * indices of each version), and sentence groups (members are global sentence
 * indices of each version: block order, then sentence order), each sentence
 * group lying inside one paragraph group.
 */
export interface VersionsAlignment {
  pivot: Lang
  languages: Lang[]
  paragraphs: Group[]
  sentences: Array<Group & { paragraph: number }>
  /** The pairwise alignments (each language against the pivot) the groups were closed from. */
  pairs: DocumentPairAlignment[]
}
