/**
 * A document pair: paragraphs (blocks) first, with larger merges allowed,
 * then sentences inside each paragraph bead. A lexicon learned from the
 * paragraph pass is reused for the sentences.
 */
import type { Bead, DocumentPairAlignment, Lang, ParsedDocument } from '../types.ts'
import type { Lexicon } from '../lexicon/learn.ts'
import { labelKey } from '../signals/labels.ts'
import type { AlignUnit } from './engine.ts'
import { PARAGRAPH_SHAPES, SENTENCE_SHAPES } from './engine.ts'
import { alignUnitsOriented } from './sentences.ts'

export interface DocumentPairOptions {
  lexicon?: Lexicon
  /** Learn a lexicon from the paragraph pass (default: when both sides have ≥ 40 blocks or ≥ 40 sentences). */
  learn?: boolean
  /** A trusted earlier paragraph alignment (e.g. composed through a pivot) to guide a single narrow pass. */
  guide?: ReadonlyArray<Pick<Bead, 'src' | 'tgt'>>
}

export interface DocumentPairResult extends DocumentPairAlignment {
  /** The lexicon used for the sentence pass (given and learned), for reuse. */
  lexicon: Lexicon | null
}

/** Paragraph units of a parsed document (cached per document so six-way alignment prepares each once). */
const unitCache = new WeakMap<ParsedDocument, { blocks: AlignUnit[]; sentences: AlignUnit[][]; offsets: number[] }>()

export function documentUnits(doc: ParsedDocument): { blocks: AlignUnit[]; sentences: AlignUnit[][]; offsets: number[] } {
  let u = unitCache.get(doc)
  if (!u) {
    const blocks: AlignUnit[] = []
    const sentences: AlignUnit[][] = []
    const offsets: number[] = []
    let offset = 0
    for (const b of doc.blocks) {
      const key = labelKey(b.label, b.kind, b.text, doc.language)
      blocks.push({ text: b.text, label: key })
      sentences.push(b.sentences.map((text, k) => ({ text, label: k === 0 ? key : null })))
      offsets.push(offset)
      offset += b.sentences.length
    }
    offsets.push(offset)
    u = { blocks, sentences, offsets }
    unitCache.set(doc, u)
  }
  return u
}

export function alignDocumentPair(src: ParsedDocument, tgt: ParsedDocument, options: DocumentPairOptions = {}): DocumentPairResult {
  const srcLang: Lang = src.language
  const tgtLang: Lang = tgt.language
  if (srcLang === tgtLang) throw new Error(`cannot align two ${srcLang} versions`)
  const su = documentUnits(src)
  const tu = documentUnits(tgt)
  const learn = options.learn ?? (Math.min(su.blocks.length, tu.blocks.length) >= 40 || Math.min(su.offsets.at(-1)!, tu.offsets.at(-1)!) >= 40)
  // one sentence a block (pre-split lines): paragraph beads are sentence beads
  const oneEach = (d: ParsedDocument) => d.blocks.every((b) => b.sentences.length <= 1)
  const shapes = oneEach(src) && oneEach(tgt) ? SENTENCE_SHAPES : PARAGRAPH_SHAPES
  const para = alignUnitsOriented(su.blocks, tu.blocks, { srcLang, tgtLang, lexicon: options.lexicon, learn, shapes, guide: options.guide })
  const lexicon = para.lexicon ?? options.lexicon ?? null
  const sentences: DocumentPairAlignment['sentences'] = []
  const all: Bead[] = []
  para.beads.forEach((pb, p) => {
    const sUnits = pb.src.flatMap((b) => su.sentences[b])
    const tUnits = pb.tgt.flatMap((b) => tu.sentences[b])
    const sBase = pb.src.length ? su.offsets[pb.src[0]] : 0
    const tBase = pb.tgt.length ? tu.offsets[pb.tgt[0]] : 0
    let beads: Bead[]
    if (sUnits.length === 0 || tUnits.length === 0) {
      beads = [...sUnits.map((_, k) => ({ src: [sBase + k], tgt: [], confidence: pb.confidence })), ...tUnits.map((_, k) => ({ src: [], tgt: [tBase + k], confidence: pb.confidence }))]
    } else if (sUnits.length === 1 && tUnits.length === 1) {
      beads = [{ src: [sBase], tgt: [tBase], confidence: pb.confidence }]
    } else {
      const r = alignUnitsOriented(sUnits, tUnits, { srcLang, tgtLang, lexicon: lexicon ?? undefined, learn: false, shapes: SENTENCE_SHAPES, lengthModel: para.lengthModel })
      beads = r.beads.map((b) => ({
        src: b.src.map((k) => sBase + k),
        tgt: b.tgt.map((k) => tBase + k),
        // a sentence bead is no surer than the paragraph bead it lies in
        confidence: Math.round(Math.min(b.confidence, Math.max(pb.confidence, 0.5)) * 1000) / 1000,
      }))
    }
    sentences.push({ paragraph: p, beads })
    all.push(...beads)
  })
  return { srcLang, tgtLang, beads: all, paragraphs: para.beads, sentences, lexicon }
}
