/** Sentence-level alignment of two lists of sentences (or of pre-split lines). */
import type { Bead, Lang, PairAlignment } from '../types.ts'
import type { Lexicon } from '../lexicon/learn.ts'
import type { LengthModel } from '../signals/length.ts'
import { alignUnits, SENTENCE_SHAPES, type AlignUnit, type EngineResult, type Shape } from './engine.ts'

export interface SentenceOptions {
  srcLang: Lang
  tgtLang: Lang
  lexicon?: Lexicon
  /** Learn a lexicon from a first pass (default: when both sides have ≥ 40 units). */
  learn?: boolean
  lengthModel?: LengthModel
  shapes?: readonly Shape[]
  /** A trusted earlier alignment to guide a single narrow pass (see EngineOptions.guide). */
  guide?: ReadonlyArray<Pick<Bead, 'src' | 'tgt'>>
  /** Structure label keys per unit (as labelKey makes them); default: read from the text. */
  srcLabels?: ReadonlyArray<string | null>
  tgtLabels?: ReadonlyArray<string | null>
}

function swapLexicon(lexicon: Lexicon | undefined): Lexicon | undefined {
  if (!lexicon) return undefined
  const entries = new Map<string, string[]>()
  for (const [s, ts] of lexicon.entries) for (const t of ts) entries.set(t, [...(entries.get(t) ?? []), s])
  return { srcLang: lexicon.tgtLang, tgtLang: lexicon.srcLang, entries }
}

/**
 * The engine on units, oriented so that Chinese (which has the dictionary and
 * the segmenter) is on the source side; beads come back in the caller's orientation.
 */
export function alignUnitsOriented(src: readonly AlignUnit[], tgt: readonly AlignUnit[], options: SentenceOptions): EngineResult {
  if (options.tgtLang === 'zh' && options.srcLang !== 'zh') {
    const r = alignUnits(tgt, src, {
      srcLang: options.tgtLang,
      tgtLang: options.srcLang,
      lexicon: swapLexicon(options.lexicon),
      learn: options.learn,
      shapes: options.shapes?.map(([a, b]) => [b, a] as const),
      lengthModel: options.lengthModel && { ratio: 1 / options.lengthModel.ratio, variance: options.lengthModel.variance },
      guide: options.guide?.map((b) => ({ src: b.tgt, tgt: b.src })),
    })
    return {
      beads: r.beads.map((b): Bead => ({ src: b.tgt, tgt: b.src, confidence: b.confidence })),
      lexicon: r.lexicon ? swapLexicon(r.lexicon)! : null,
      lengthModel: { ratio: 1 / r.lengthModel.ratio, variance: r.lengthModel.variance },
    }
  }
  return alignUnits(src, tgt, {
    srcLang: options.srcLang,
    tgtLang: options.tgtLang,
    lexicon: options.lexicon,
    learn: options.learn,
    shapes: options.shapes,
    lengthModel: options.lengthModel,
    guide: options.guide,
  })
}

/**
 * Aligns two lists of sentences: beads of shapes 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
 * 1-3, 3-1, 1-4, 4-1, in order, covering every sentence of both sides exactly once.
 */
export function alignSentences(src: string[], tgt: string[], options: SentenceOptions): PairAlignment {
  if (options.srcLang === options.tgtLang) throw new Error(`cannot align ${options.srcLang} with itself`)
  const units = (texts: string[], labels?: ReadonlyArray<string | null>): AlignUnit[] =>
    texts.map((text, k) => (labels ? { text, label: labels[k] ?? null } : { text }))
  const r = alignUnitsOriented(units(src, options.srcLabels), units(tgt, options.tgtLabels), { ...options, shapes: options.shapes ?? SENTENCE_SHAPES })
  return { srcLang: options.srcLang, tgtLang: options.tgtLang, beads: r.beads }
}
