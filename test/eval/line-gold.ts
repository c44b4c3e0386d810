/**
 * Line-level scoring of a document alignment against devset lines: where each devset line ended up
 * (which sentence bead holds it), and strict precision/recall/F1 over line pairs, as issue 10 defines
 * it: two devset lines are aligned when one bead holds both; the gold pairs are (i, i) for every line
 * of the document.
 *
 * A bead side "holds" a line when it holds most of the line's character n-grams (letters and digits
 * only, after NFKC, lower case, Arabic marks dropped), and more of them than any other bead: a line the
 * parser cut across two beads is held by the one with more of it, or by none when neither has half.
 */
import type { Lang } from '../../aligner/types.ts'

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(ARABIC_MARKS, '').replace(/[^\p{L}\p{N}]+/gu, '')
}

function ngramSize(lang: Lang): number {
  return lang === 'zh' ? 2 : lang === 'ar' ? 3 : 4
}

export function ngrams(text: string, lang: Lang): Set<string> {
  const s = normalise(text)
  const n = ngramSize(lang)
  const out = new Set<string>()
  if (s.length <= n) {
    if (s) out.add(s)
    return out
  }
  for (let k = 0; k + n <= s.length; k++) out.add(s.slice(k, k + n))
  return out
}

/**
 * For each line (by its key), the index of the unit (bead side, sentence or block) that holds it, or -1.
 * `minShare`: the share of the line's n-grams the unit must hold.
 */
export function locateLines(lines: ReadonlyMap<number, string>, units: readonly string[], lang: Lang, minShare = 0.5): Map<number, number> {
  const index = new Map<string, number[]>()
  units.forEach((u, k) => {
    for (const g of ngrams(u, lang)) {
      let list = index.get(g)
      if (!list) index.set(g, (list = []))
      list.push(k)
    }
  })
  const found = new Map<number, number>()
  for (const [key, text] of lines) {
    const grams = ngrams(text, lang)
    const votes = new Map<number, number>()
    for (const g of grams) for (const k of index.get(g) ?? []) votes.set(k, (votes.get(k) ?? 0) + 1)
    let best = -1
    let bestVotes = 0
    for (const [k, v] of votes) if (v > bestVotes) [best, bestVotes] = [k, v]
    found.set(key, grams.size && bestVotes / grams.size >= minShare ? best : -1)
  }
  return found
}

export interface LineScores {
  precision: number
  recall: number
  f1: number
  /** Predicted line pairs, correct ones, gold pairs. */
  predicted: number
  correct: number
  gold: number
  /** Beads holding more than one devset line on a side: beads that could have been split. */
  merged: number
}

/**
 * Score sentence beads (texts of each side) against devset lines: `src`/`tgt` map a devset line
 * number to its text in each language.
 */
export function scoreLines(
  beads: ReadonlyArray<{ srcText: string; tgtText: string }>,
  src: ReadonlyMap<number, string>,
  tgt: ReadonlyMap<number, string>,
  srcLang: Lang,
  tgtLang: Lang,
): LineScores {
  const inSrc = locateLines(src, beads.map((b) => b.srcText), srcLang)
  const inTgt = locateLines(tgt, beads.map((b) => b.tgtText), tgtLang)
  const srcOf = new Map<number, number[]>()
  const tgtOf = new Map<number, number[]>()
  for (const [line, bead] of inSrc) if (bead >= 0) (srcOf.get(bead) ?? srcOf.set(bead, []).get(bead)!).push(line)
  for (const [line, bead] of inTgt) if (bead >= 0) (tgtOf.get(bead) ?? tgtOf.set(bead, []).get(bead)!).push(line)
  let predicted = 0
  let correct = 0
  let merged = 0
  for (const [bead, ss] of srcOf) {
    const ts = tgtOf.get(bead) ?? []
    if (ss.length > 1 || ts.length > 1) merged++
    predicted += ss.length * ts.length
    for (const s of ss) if (ts.includes(s)) correct++
  }
  const gold = [...src.keys()].filter((k) => tgt.has(k)).length
  const precision = correct / Math.max(1, predicted)
  const recall = correct / Math.max(1, gold)
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, predicted, correct, gold, merged }
}
