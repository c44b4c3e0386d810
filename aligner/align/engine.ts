/**
 * The alignment engine: one dynamic program over beads, used for paragraphs
 * and for sentences alike. Each bead's cost adds up evidence as negative
 * log-likelihood ratios ("how much likelier is this bead under translation
 * than under chance"):
 *   - length (Gale–Church, ratio and variance estimated per document pair),
 *   - lexical coverage (CC-CEDICT for zh–en, a learned lexicon, identical tokens),
 *   - facts (numbers, dates, percentages, symbols, resolutions, names),
 *   - structure labels (paragraph numbers, items, chapter headings),
 *   - page furniture (free to leave unaligned, costly to merge),
 *   - a prior per bead shape (re-estimated after the first pass).
 * Anchors (facts and labels unique on both sides) give a guide path; the DP
 * runs in a band around it, widened where the best path touches its edge.
 */
import type { Bead, Lang } from '../types.ts'
import { estimateRatio, estimateVariance, initialLengthModel, type LengthModel } from '../signals/length.ts'
import { learnLexiconFromIds, mergeLexicons, type Lexicon } from '../lexicon/learn.ts'
import { bandAround, bandAroundPath, fullBand, guidePath, monotoneChain } from './band.ts'
import { findAnchors } from './anchors.ts'
import { toBeads } from './confidence.ts'
import { runDP, type DPResult } from './dp.ts'
import { buildCells, buildLexicalModel, estimateLexicalRates } from './lexical-model.ts'
import { makeScorer, weightsFrom, type Scorer } from './scorer.ts'
import { splitMerged } from './split.ts'
import { DEFAULT_PRIOR, SENTENCE_SHAPES, estimatePrior, type Shape } from './shapes.ts'
import { prepareSide, sideVocab, vocabWords, type AlignUnit, type Side } from './units.ts'

export { PARAGRAPH_SHAPES, SENTENCE_SHAPES, type Shape } from './shapes.ts'
export type { AlignUnit } from './units.ts'

export interface EngineOptions {
  srcLang: Lang
  tgtLang: Lang
  /** Extra lexicon (src token → tgt tokens). */
  lexicon?: Lexicon
  shapes?: readonly Shape[]
  /** Learn a lexicon from a first pass and realign (default: when there are ≥ 40 units a side). */
  learn?: boolean
  /** Length model to start from (e.g. the document's, for sentences inside a paragraph). */
  lengthModel?: LengthModel
  /**
   * A trusted earlier alignment of these units (e.g. composed through a pivot
   * language): it replaces the first pass — its beads guide the band and teach
   * the lexicon — so only one, narrow pass runs.
   */
  guide?: ReadonlyArray<Pick<Bead, 'src' | 'tgt'>>
}

export interface EngineResult {
  beads: Bead[]
  lexicon: Lexicon | null
  lengthModel: LengthModel
}

const FULL_CELLS = 300_000

interface PassOptions {
  shapes: readonly Shape[]
  /** Guide: anchors (first pass) or a previous path (later passes). */
  anchors?: Array<[number, number]>
  path?: DPResult['beads']
  width: number
}

function align(src: Side, tgt: Side, opts: EngineOptions, lexicon: Lexicon | null, lengthModel: LengthModel, prior: Record<string, number>, pass: PassOptions) {
  const n = src.n
  const m = tgt.n
  const shapes = pass.shapes
  const maxRun = Math.max(...shapes.map((s) => Math.max(s[0], s[1])))
  const lex = buildLexicalModel(src, tgt, opts.srcLang, opts.tgtLang, lexicon)
  const guide = pass.path ? null : guidePath(n, m, src.len, tgt.len, pass.anchors ?? [])
  let width = pass.width
  for (;;) {
    const full = (n + 1) * (m + 1) <= FULL_CELLS || width >= Math.max(n, m)
    const band = full ? fullBand(n, m) : guide ? bandAround(guide, m, width) : bandAroundPath(pass.path!, n, m, width)
    const cells = buildCells(lex, n, m, band, maxRun)
    const rates = estimateLexicalRates(lex, cells, n)
    const weights = weightsFrom(rates, prior, 4)
    const scorer = makeScorer(src, tgt, lex, cells, lengthModel, weights)
    const path = runDP(n, m, band, shapes, scorer)
    const dp = { ...path, beads: splitMerged(path.beads, scorer) }
    if (full || !dp.touchesEdge || width > 400) return { dp, scorer }
    width *= 2
  }
}

type Span = { i0: number; a: number; j0: number; b: number }

/** The beads of a first pass most likely right (best length, fact and label agreement). */
function confidentSpans(dp: DPResult, scorer: Scorer): Span[] {
  const scored = dp.beads
    .filter((b) => b.a >= 1 && b.b >= 1 && b.a + b.b <= 3)
    .map((b) => {
      const c = scorer.parts(b.i0, b.a, b.j0, b.b)
      return { b, q: c.len + c.facts + c.labels }
    })
  scored.sort((x, y) => x.q - y.q)
  return scored.slice(0, Math.ceil(scored.length * 0.8)).map((x) => x.b)
}

function learnFromSpans(keep: readonly Span[], src: Side, tgt: Side, srcLang: Lang, tgtLang: Lang): Lexicon {
  const sv = sideVocab(src)
  const tv = sideVocab(tgt)
  const join = (v: Side['vocab'], first: number, count: number) => {
    if (count === 1) return v.tok.subarray(v.start[first], v.start[first + 1])
    const set = new Set<number>()
    for (let k = v.start[first]; k < v.start[first + count]; k++) set.add(v.tok[k])
    return Int32Array.from(set)
  }
  // a few thousand beads teach all there is to learn; more only cost time and memory
  const step = Math.max(1, keep.length / 1500)
  const sample: Span[] = []
  for (let k = 0; k < keep.length; k += step) sample.push(keep[Math.floor(k)])
  const beads = sample.map((b) => [join(sv, b.i0, b.a), join(tv, b.j0, b.b)] as const)
  return learnLexiconFromIds(beads, vocabWords(src), vocabWords(tgt), srcLang, tgtLang, { maxTokensPerBead: 28 })
}

/** Aligns two sequences of units; the core used by every level. */
export function alignUnits(srcUnits: readonly AlignUnit[], tgtUnits: readonly AlignUnit[], opts: EngineOptions): EngineResult {
  const n = srcUnits.length
  const m = tgtUnits.length
  if (n === 0 || m === 0) {
    const beads: Bead[] = [
      ...srcUnits.map((_, i) => ({ src: [i], tgt: [], confidence: 0.5 })),
      ...tgtUnits.map((_, j) => ({ src: [], tgt: [j], confidence: 0.5 })),
    ]
    return { beads, lexicon: opts.lexicon ?? null, lengthModel: opts.lengthModel ?? { ratio: 1, variance: 10 } }
  }
  const src = prepareSide(srcUnits, opts.srcLang)
  const tgt = prepareSide(tgtUnits, opts.tgtLang)
  const anchors = opts.guide ? [] : findAnchors(src, tgt)
  let lengthModel = opts.lengthModel ?? initialLengthModel(src.len, tgt.len)
  let lexicon = opts.lexicon ?? null
  const shapes = opts.shapes ?? SENTENCE_SHAPES
  const learn = opts.learn ?? Math.min(n, m) >= 40

  const adapt = (spans: readonly Span[], priorFrom: DPResult['beads'] | null) => {
    const ones = spans.filter((b) => b.a === 1 && b.b === 1 && !src.furniture[b.i0] && !tgt.furniture[b.j0])
    const lens = ones.map((b) => [src.len[b.i0], tgt.len[b.j0]] as const)
    if (!opts.lengthModel) lengthModel = estimateVariance(estimateRatio(lengthModel, lens), lens)
    const learned = learnFromSpans(spans, src, tgt, opts.srcLang, opts.tgtLang)
    lexicon = opts.lexicon ? mergeLexicons(opts.lexicon, learned) : learned
    return priorFrom ? estimatePrior(priorFrom, shapes) : DEFAULT_PRIOR
  }

  if (opts.guide) {
    const spans: Span[] = []
    const points: Array<[number, number]> = []
    for (const g of opts.guide) {
      if (!g.src.length || !g.tgt.length) continue
      const i0 = Math.min(...g.src)
      const j0 = Math.min(...g.tgt)
      const a = Math.max(...g.src) - i0 + 1
      const b = Math.max(...g.tgt) - j0 + 1
      if (i0 < 0 || j0 < 0 || i0 + a > n || j0 + b > m) continue
      points.push([i0, j0], [i0 + a - 1, j0 + b - 1])
      if (a + b <= 3) spans.push({ i0, a, j0, b })
    }
    const prior = learn ? adapt(spans, null) : DEFAULT_PRIOR
    const { dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, prior, { shapes, anchors: monotoneChain(points), width: 6 })
    return { beads: toBeads(dp, scorer, src, tgt), lexicon, lengthModel }
  }

  const firstShapes = learn ? shapes.filter(([a, b]) => a + b <= 3) : shapes
  const firstWidth = Math.min(64, 16 + Math.ceil(Math.abs(n - m) * 0.05))
  let { dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, DEFAULT_PRIOR, { shapes: firstShapes, anchors, width: firstWidth })
  if (learn) {
    const prior = adapt(confidentSpans(dp, scorer), dp.beads)
    ;({ dp, scorer } = align(src, tgt, opts, lexicon, lengthModel, prior, { shapes, path: dp.beads, width: 5 }))
  }
  return { beads: toBeads(dp, scorer, src, tgt), lexicon, lengthModel }
}
