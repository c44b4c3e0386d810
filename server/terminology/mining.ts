/**
 * Term mining: candidate terms of the memory in Chinese (and English), scored by
 * frequency and termhood.
 *
 * Chinese text is segmented with segmentit's dictionary extended by the user
 * dictionary of UN names (zh-segmenter.ts, un-names.ts), so that names of bodies
 * and programmes stay whole; titles in 《…》 are candidates of their own. Candidates
 * are runs of 1 to 6 adjacent words inside a clause, with no function word (的 和
 * 与 及 在 等 …, or the/of/and… in English) at an edge and no digits-only word.
 *
 * Termhood is the C-value (Frantzi, Ananiadou & Mima 2000):
 *   C(a) = log2(|a| + 1) · f(a)                               if a is not nested
 *   C(a) = log2(|a| + 1) · (f(a) − Σ_{b ⊃ a} f(b) / |T_a|)    otherwise
 * with |a| the length in words (+1 so that one-word names count), f the frequency
 * and T_a the longer candidates containing a: a string that mostly occurs inside
 * one longer term ("毒品和犯罪问题" inside the UNODC name) loses to that term.
 */
import type { Lang } from '../../aligner/types.ts'
import { isStopword, tokenize, type Token } from './text.ts'
import { UN_NAMES_ZH } from './un-names.ts'

export interface MinedTerm {
  term: string
  language: Lang
  frequency: number
  score: number
  /** Unit indices (into the list mined) where the term occurs, up to 50. */
  units: number[]
}

export interface MiningOptions {
  minFrequency?: number
  maxWords?: number
  limit?: number
}

const UN_NAMES = new Set(UN_NAMES_ZH)
const TITLE = /《([^《》]{2,60})》/gu

interface Candidate {
  words: string[]
  surface: Map<string, number>
  frequency: number
  units: Set<number>
}

function joinWords(lang: Lang, words: string[]): string {
  return lang === 'zh' ? words.join('') : words.join(' ')
}

function adjacent(text: string, a: Token, b: Token, lang: Lang): boolean {
  const gap = text.slice(a.end, b.start)
  return lang === 'zh' ? gap === '' : /^[ \u00a0-]?$/.test(gap) || gap === ' '
}

/** Frequent verbs and adverbs of UN prose that open or close no term. */
const ZH_NON_TERM_EDGES = new Set([
  '特别是', '注意到', '进一步', '包括', '以及', '关于', '通过', '表示', '认为', '要求', '确保', '继续', '其他', '有关', '相关', '所有', '各国', '一些', '这一', '该国', '目前', '已经', '应当', '必须', '可以', '促请', '鼓励', '呼吁', '欢迎', '重申', '决定', '强调', '回顾', '请', '采取', '提供', '支持', '加强', '促进', '进行', '开展', '根据', '按照', '方面', '问题', '情况', '工作', '期间', '以来', '之间', '之后', '以后', '以前', '其中', '并且', '而且', '但是', '因此', '为了', '由于', '对于', '发言者', '一些发言者',
])

function okEdge(lang: Lang, t: Token): boolean {
  if (isStopword(lang, t.text)) return false
  if (lang === 'zh' && (ZH_NON_TERM_EDGES.has(t.text) || !/^\p{Script=Han}+$/u.test(t.text))) return false
  if (/^\d+([.,]\d+)?$/.test(t.text)) return false
  if (lang === 'zh' && t.text.length < 2 && !/[\p{Script=Latin}]/u.test(t.text)) return false
  if (lang !== 'zh' && t.text.length < 3) return false
  return true
}

/**
 * Mines candidate terms from texts in one language. `tokensOf` may hand over tokens
 * already computed (the rendering index has them), else the texts are tokenized.
 */
function termMiner(texts: string[], lang: Lang, options: MiningOptions, tokensOf?: (i: number) => Token[] | undefined) {
  const minFrequency = options.minFrequency ?? 2
  const maxWords = options.maxWords ?? 6
  const candidates = new Map<string, Candidate>()
  const add = (key: string, words: string[], surface: string, unit: number) => {
    let c = candidates.get(key)
    if (!c) candidates.set(key, (c = { words: words.slice(), surface: new Map(), frequency: 0, units: new Set() }))
    c.frequency++
    c.units.add(unit)
    c.surface.set(surface, (c.surface.get(surface) ?? 0) + 1)
  }
  const collect = (i: number) => {
    const text = texts[i]
    if (!text) return
    const toks = tokensOf?.(i) ?? tokenize(text, lang)
    // each token is judged once as an edge, and each run's key grows word by word
    const edge = toks.map((t) => okEdge(lang, t))
    const words: string[] = []
    for (let s = 0; s < toks.length; s++) {
      if (!edge[s]) continue
      // 2015年后… : a word glued to a number is not a term's start
      if (lang === 'zh' && toks[s].start > 0 && /[\d０-９]/u.test(text[toks[s].start - 1])) continue
      let key = ''
      words.length = 0
      for (let e = s; e < Math.min(toks.length, s + maxWords); e++) {
        if (e > s && !adjacent(text, toks[e - 1], toks[e], lang)) break
        key = e === s ? toks[e].key : `${key} ${toks[e].key}`
        words.push(toks[e].key)
        if (!edge[e]) continue
        if (e === s) {
          // a Chinese one-word candidate must be a name or at least three characters
          if (lang === 'zh' && toks[s].text.length < 3 && !UN_NAMES.has(toks[s].text)) continue
          // an English one-word candidate must be an acronym (UNODC); compounds (Secretary-General) are two words joined by a hyphen
          if (lang !== 'zh' && !/^\p{Lu}{2,}\d*$/u.test(toks[s].text)) continue
        }
        add(key, words, text.slice(toks[s].start, toks[e].end), i)
      }
    }
    if (lang === 'zh') for (const m of text.matchAll(TITLE)) add(`《${m[1]}》`, [`《${m[1]}》`], m[1], i)
  }
  const finish = (): MinedTerm[] => {
    const list = [...candidates.entries()].filter(([, c]) => c.frequency >= minFrequency)
    // nested: for each candidate, the longer candidates that contain it
    const nestedSum = new Map<string, { sum: number; count: number }>()
    for (const [, c] of list) {
      if (c.words.length < 2) continue
      for (let s = 0; s < c.words.length; s++)
        for (let e = s + 1; e <= c.words.length; e++) {
          if (s === 0 && e === c.words.length) continue
          const sub = c.words.slice(s, e).join(' ')
          if (!candidates.has(sub)) continue
          const n = nestedSum.get(sub) ?? { sum: 0, count: 0 }
          n.sum += c.frequency
          n.count++
          nestedSum.set(sub, n)
        }
    }
    const scored = list.map(([key, c]) => {
      const n = nestedSum.get(key)
      const base = Math.log2(c.words.length + 1)
      const score = n ? base * (c.frequency - n.sum / n.count) : base * c.frequency
      const surface = [...c.surface].sort((a, b) => b[1] - a[1])[0][0]
      return { term: key.startsWith('《') ? key.slice(1, -1) : surface, language: lang, frequency: c.frequency, score: Math.round(score * 100) / 100, units: [...c.units].slice(0, 50) }
    })
    return scored
      .filter((t) => t.score > 0)
      .sort((a, b) => b.score - a.score || b.frequency - a.frequency)
      .slice(0, options.limit ?? 200)
      .map((t) => ({ ...t, term: t.term }))
  }
  return { collect, finish }
}

/**
 * Mines candidate terms from texts in one language. `tokensOf` may hand over tokens
 * already computed (the rendering index has them), else the texts are tokenized.
 */
export function mineTerms(texts: string[], lang: Lang, options: MiningOptions = {}, tokensOf?: (i: number) => Token[] | undefined): MinedTerm[] {
  const miner = termMiner(texts, lang, options, tokensOf)
  for (let i = 0; i < texts.length; i++) miner.collect(i)
  return miner.finish()
}

/** mineTerms in slices of texts, yielding to the event loop between them (for servers). */
export async function mineTermsAsync(texts: string[], lang: Lang, options: MiningOptions = {}, tokensOf?: (i: number) => Token[] | undefined): Promise<MinedTerm[]> {
  const miner = termMiner(texts, lang, options, tokensOf)
  for (let i = 0; i < texts.length; i++) {
    miner.collect(i)
    if (i % 64 === 63) await new Promise((resolve) => setImmediate(resolve))
  }
  return miner.finish()
}

export { joinWords }
