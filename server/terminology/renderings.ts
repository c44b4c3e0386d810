/**
 * Rendering discovery: "how was this term translated before?"
 *
 * Given a query in one language, find the aligned units where it occurs, and in
 * each other language the span of the aligned segment that renders it.
 *
 * Method (and why):
 * 1. Word association against the rest of the memory. For every target word w
 *    (folded and stemmed, so inflected forms count together) we compare how
 *    often it appears in the units where the query occurs (p1 = a/n) with how
 *    often it appears in all other units (p0). The score ln(p1/p0) − τ is the
 *    pointwise log-likelihood ratio of "w is there because the query is there";
 *    it is positive for words that come with the query (Office, Drugs, Crime)
 *    and negative for words that are everywhere (the, of, de, и). Unlike plain
 *    Dice over whole spans, a per-word ratio needs no enumeration of all
 *    n-grams and still works for one or two occurrences. Unlike a learned
 *    translation table (IBM model 1), it needs no training pass over the
 *    memory, so a freshly imported document is searchable at once, and a
 *    query costs only the units it occurs in.
 * 2. Competition inside the occurrences. A word that is frequent with the query
 *    but only in the subset of occurrences where another source word is also
 *    present (可持续发展 + 目标 → "Goals") is explained by that other word and
 *    gets no credit: this is the competitive-linking idea restricted to the
 *    occurrence set, and it keeps "sustainable development" from growing into
 *    "Sustainable Development Goals".
 * 3. Span extraction. In each occurrence the rendering is the contiguous run of
 *    target words with the highest total score (maximum-sum subarray, so short
 *    function words inside a name, "on", "and", "de la", are bridged, while
 *    function words at an edge are trimmed).
 * 4. Grouping and ranking. Spans are grouped by their stem sequence (plurals
 *    and case endings together), shown by their most frequent surface form,
 *    and ranked by how many occurrences they explain; each group also carries
 *    its Dice coefficient against the whole memory (2·a/(n + F), a = units with
 *    both, F = units with the rendering) as a check of specificity.
 */
import { LANGS, type Lang } from '../../aligner/types.ts'
import { detectLanguage, languageName } from '../../aligner/language/index.ts'
import { fold } from '../search/fold.ts'
import type { AlignedUnit } from './units.ts'
import { isStopword, tokenize, type Token } from './text.ts'
import { findKeySequence, hasTokens, keyIdOf, keyIdsOf, materialize, tokenStoreBuilder, type TokenStore } from './token-store.ts'

/** How much stronger than background a word must be to count as part of a rendering (natural log). */
const TAU = 1.0
/** Occurrences examined per query (the most recent memory units beyond this are sampled out). */
const MAX_OCCURRENCES = 300
const MAX_RESULTS = 6
const MAX_EXAMPLES = 3

export interface MemoryIndex {
  units: AlignedUnit[]
  /** The tokens of every unit, compact (read them with tokensOf). */
  store: TokenStore
  /** Unit indices containing a key, per language (ascending, unique). */
  postings: Record<Lang, Map<string, number[]>>
  /** Number of units with text in both languages. */
  pairCount: Record<Lang, Record<Lang, number>>
  /** Characters of text in the second language per character in the first, over units with both. */
  lengthRatio: Record<Lang, Record<Lang, number>>
  /** Folded texts for query matching. */
  folded: Array<Partial<Record<Lang, string>>>
  /** Set when the index holds an even sample of a larger memory: the memory's number of units. */
  sampledFrom?: number
}

export interface Span {
  start: number
  end: number
}

export interface RenderingExample {
  groupId: number
  documentSymbol: string
  paragraphLabel: string | null
  source: { text: string; spans: Span[] }
  target: { text: string; start: number; end: number }
}

export interface Rendering {
  /** The most frequent surface form of the group. */
  text: string
  count: number
  /** count / occurrences that have a segment in this language */
  share: number
  /** Dice coefficient of the query and this rendering over the whole memory. */
  dice: number
  /** Of the units holding this rendering, the share that hold the query (low: it renders something else). */
  precision: number
  /** The stem-sequence key of the group. */
  key: string
  forms: Array<{ text: string; count: number }>
  examples: RenderingExample[]
}

export interface RenderingsResult {
  term: string
  language: Lang
  /** Units where the query occurs. */
  occurrences: number
  /** Occurrences examined (an even sample of at most MAX_OCCURRENCES; counts and shares are of these). */
  examined: number
  renderings: Partial<Record<Lang, Rendering[]>>
  /** Per target language: occurrences that have a segment in that language. */
  occurrencesWithTarget: Partial<Record<Lang, number>>
  /** Occurrences left out because they are part of a longer term (counted in `occurrences` no more). */
  nested?: { text: string; occurrences: number }
}

/** Units tokenized between two yields to the event loop while an index is built asynchronously. */
const BUILD_SLICE = 48

function indexBuilder(units: AlignedUnit[], known?: TokenStore) {
  const postings = {} as Record<Lang, Map<string, number[]>>
  const pairCount = {} as Record<Lang, Record<Lang, number>>
  const pairChars = {} as Record<Lang, Record<Lang, number>>
  for (const l of LANGS) {
    postings[l] = new Map()
    pairCount[l] = {} as Record<Lang, number>
    pairChars[l] = {} as Record<Lang, number>
    for (const m of LANGS) {
      pairCount[l][m] = 0
      pairChars[l][m] = 0
    }
  }
  const store = known ? null : tokenStoreBuilder(units.length)
  const folded: MemoryIndex['folded'] = new Array(units.length)
  const present: Lang[] = []
  const post = (l: Lang, key: string, i: number) => {
    const list = postings[l].get(key)
    // units are added in ascending order: a unit already listed is the last entry
    if (!list) postings[l].set(key, [i])
    else if (list[list.length - 1] !== i) list.push(i)
  }
  /** Adds unit i: its tokens from the known store (a snapshot), else tokenized now. */
  const add = (i: number) => {
    const unit = units[i]
    const foldedTexts: Partial<Record<Lang, string>> = {}
    present.length = 0
    for (const l of LANGS) {
      const text = unit.texts[l]
      if (!text) continue
      present.push(l)
      if (l === 'zh') foldedTexts.zh = normaliseZh(text)
      if (known) {
        const ids = keyIdsOf(known, i, l)
        if (ids) for (let k = 0; k < ids.count; k++) post(l, known.keys[ids.data[(ids.from + k) * 3 + 2]], i)
      } else {
        const toks = tokenize(text, l)
        store!.add(i, l, toks)
        for (const t of toks) post(l, t.key, i)
      }
    }
    for (const a of present)
      for (const b of present) {
        pairCount[a][b]++
        pairChars[a][b] += unit.texts[a]!.length
      }
    folded[i] = foldedTexts
  }
  const finish = (): MemoryIndex => {
    const lengthRatio = {} as Record<Lang, Record<Lang, number>>
    for (const a of LANGS) {
      lengthRatio[a] = {} as Record<Lang, number>
      for (const b of LANGS) lengthRatio[a][b] = pairChars[a][a] > 0 && pairChars[a][b] > 0 ? pairChars[b][a] / pairChars[a][b] : 1
    }
    return { units, store: known ?? store!.finish(), postings, pairCount, lengthRatio, folded }
  }
  return { add, finish }
}

export function buildIndex(units: AlignedUnit[]): MemoryIndex {
  const builder = indexBuilder(units)
  for (let i = 0; i < units.length; i++) builder.add(i)
  return builder.finish()
}

/**
 * The same index, built in slices that yield to the event loop (a server keeps answering
 * meanwhile). `known` gives the units' tokens when they were kept (an index snapshot): then
 * nothing is tokenized again.
 */
export async function buildIndexAsync(units: AlignedUnit[], known?: TokenStore): Promise<MemoryIndex> {
  const builder = indexBuilder(units, known)
  const slice = known ? BUILD_SLICE * 50 : BUILD_SLICE
  for (let i = 0; i < units.length; i++) {
    builder.add(i)
    if (i % slice === slice - 1) await yieldToEventLoop()
  }
  return builder.finish()
}

/** Token objects made lately, per index (a query reads the same few units again and again). */
const recentTokens = new WeakMap<MemoryIndex, Map<number, Token[] | undefined>>()
const RECENT_TOKENS = 4096

/** The tokens of unit `unit` in a language, or undefined when the unit has no text in it. */
export function tokensOf(index: MemoryIndex, unit: number, lang: Lang): Token[] | undefined {
  let recent = recentTokens.get(index)
  if (!recent) recentTokens.set(index, (recent = new Map()))
  const id = unit * 8 + LANGS.indexOf(lang)
  if (recent.has(id)) return recent.get(id)
  const text = index.units[unit].texts[lang]
  const toks = text ? materialize(index.store, unit, lang, text) : undefined
  if (recent.size >= RECENT_TOKENS) recent.delete(recent.keys().next().value!)
  recent.set(id, toks)
  return toks
}

/** Lets pending I/O and timers run (long computations call it between slices of work). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Chinese text for substring matching: full-width ASCII to ASCII, lower case; same length as the input. */
function normaliseZh(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()
}

interface Occurrence {
  unit: number
  spans: Span[]
}

/** The units where the query occurs, with the query's spans in each. */
export function findOccurrences(index: MemoryIndex, query: string, lang: Lang): Occurrence[] {
  const out: Occurrence[] = []
  if (lang === 'zh') {
    const needle = normaliseZh(query.trim())
    if (!needle) return out
    index.folded.forEach((f, i) => {
      const hay = f.zh
      if (!hay) return
      let at = hay.indexOf(needle)
      if (at < 0) return
      const spans: Span[] = []
      while (at >= 0) {
        spans.push({ start: at, end: at + needle.length })
        at = hay.indexOf(needle, at + needle.length)
      }
      out.push({ unit: i, spans })
    })
    return out
  }
  const keys = tokenize(query, lang).map((t) => t.key)
  if (keys.length === 0) return out
  let rarest = keys[0]
  for (const k of keys) if ((index.postings[lang].get(k)?.length ?? 0) < (index.postings[lang].get(rarest)?.length ?? 0)) rarest = k
  const ids = keys.map((k) => keyIdOf(index.store, k))
  if (ids.includes(-1)) return out
  for (const i of index.postings[lang].get(rarest) ?? []) {
    const spans = findKeySequence(index.store, i, lang, ids)
    if (spans.length) out.push({ unit: i, spans })
  }
  return out
}

function overlaps(t: { start: number; end: number }, spans: Span[]): boolean {
  return spans.some((s) => t.start < s.end && s.start < t.end)
}

const BARRIER = /[,;:()\[\]«»"“”„。，；：（）、《》!?！？]/

interface Extracted {
  key: string
  surface: string
  start: number
  end: number
}

/** The best-scoring contiguous runs of tokens (at most k, non-overlapping). */
function extractSpans(text: string, toks: Token[], score: (t: Token) => number, lang: Lang, k: number): Extracted[] {
  const scores = toks.map(score)
  const used = new Array<boolean>(toks.length).fill(false)
  const out: Extracted[] = []
  for (let round = 0; round < k; round++) {
    let best = 0
    let bestFrom = -1
    let bestTo = -1
    let cur = 0
    let from = 0
    for (let i = 0; i < toks.length; i++) {
      if (used[i]) {
        cur = 0
        from = i + 1
        continue
      }
      let gap = 0
      if (i > from && BARRIER.test(text.slice(toks[i - 1].end, toks[i].start))) gap = -1.5
      if (cur + gap <= 0) {
        cur = 0
        from = i
        gap = 0
      }
      cur += gap + scores[i]
      if (cur > best) {
        best = cur
        bestFrom = from
        bestTo = i
      }
    }
    if (bestFrom < 0) break
    // trim function words and non-positive words at the edges
    const weak = (i: number) => scores[i] <= 0 || isStopword(lang, toks[i].text)
    while (bestFrom <= bestTo && weak(bestFrom)) bestFrom++
    while (bestTo >= bestFrom && weak(bestTo)) bestTo--
    if (bestFrom > bestTo) break
    // brackets stay balanced: a span that opens one it does not close ends before it ("Women (UN Women")
    const unbalanced = unbalancedAt(text.slice(toks[bestFrom].start, toks[bestTo].end))
    if (unbalanced >= 0) {
      const cut = toks[bestFrom].start + unbalanced
      while (bestTo >= bestFrom && toks[bestTo].end > cut) bestTo--
      while (bestTo >= bestFrom && weak(bestTo)) bestTo--
      if (bestFrom > bestTo) break
    }
    for (let i = bestFrom; i <= bestTo; i++) used[i] = true
    const start = toks[bestFrom].start
    const end = toks[bestTo].end
    out.push({
      key: toks
        .slice(bestFrom, bestTo + 1)
        .map((t) => t.key)
        .join(' '),
      surface: text.slice(start, end),
      start,
      end,
    })
  }
  return out
}

/** Offset of the first bracket a text opens without closing (or closes without opening), or -1. */
function unbalancedAt(text: string): number {
  const open: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    // PDF text writes guillemets as << and >>
    const two = text.slice(i, i + 2)
    if (c === '(' || c === '[' || c === '（' || c === '«' || two === '<<') open.push(i)
    else if (c === ')' || c === ']' || c === '）' || c === '»' || two === '>>') {
      if (open.length === 0) return i
      open.pop()
    }
    if (two === '<<' || two === '>>') i++
  }
  return open.length ? open[0] : -1
}

const HAN = /^\p{Script=Han}+$/u

/**
 * Chinese words beside a query that the segmenter did not make: runs of two to four
 * single-character tokens that are not function words (两/年/期 → 两年期) and the part of a token that the query cuts
 * (缔约方大会 when the query ends just before it inside one token), at most eight a segment.
 */
export function unsegmentedWords(text: string, toks: Token[], spans: Span[]): string[] {
  const out = new Set<string>()
  let run: Token[] = []
  const flush = () => {
    if (run.length >= 2 && run.length <= 4) out.add(text.slice(run[0].start, run[run.length - 1].end))
    run = []
  }
  for (const t of toks) {
    const cut = spans.find((sp) => t.start < sp.end && sp.start < t.end)
    if (cut) {
      flush()
      // the part of a token outside the query's span
      const before = text.slice(t.start, Math.max(t.start, cut.start))
      const after = text.slice(Math.min(t.end, cut.end), t.end)
      for (const part of [before, after]) if (part.length >= 2 && HAN.test(part)) out.add(part)
      continue
    }
    // a function character (的, 和, 这 …) is not part of a name: it ends a run
    const single = t.end - t.start === 1 && HAN.test(t.text) && !isStopword('zh', t.text)
    if (single && (run.length === 0 || run[run.length - 1].end === t.start)) run.push(t)
    else {
      flush()
      if (single) run.push(t)
    }
  }
  flush()
  return [...out].slice(0, 8)
}

/** Occurrences up to which the global competition runs (it costs posting intersections). */
const GLOBAL_COMPETITION_MAX = 40

/**
 * The words that make up the query: its tokens in an occurrence and, for Chinese, every
 * word of the memory that is a substring of it (联合国, 毒品, 犯罪, 办公室 inside the one
 * dictionary word 联合国毒品和犯罪问题办公室), so that each part of a name keeps its translation.
 */
function queryWordKeys(index: MemoryIndex, term: string, lang: Lang, o: Occurrence): string[] {
  const keys = new Set((tokensOf(index, o.unit, lang) ?? []).filter((t) => overlaps(t, o.spans) && !isStopword(lang, t.text)).map((t) => t.key))
  if (lang === 'zh') {
    const q = normaliseZh(term)
    for (let i = 0; i < q.length; i++)
      for (let j = i + 1; j <= Math.min(q.length, i + 8); j++) {
        const sub = q.slice(i, j)
        if (index.postings.zh.has(sub) && !isStopword('zh', sub)) keys.add(sub)
      }
  }
  return [...keys]
}

const diceCache = new WeakMap<MemoryIndex, Map<string, number>>()


const substringUnits = new WeakMap<MemoryIndex, Map<string, number[]>>()

/**
 * Dice of a word of the query and a target word. For Chinese the query word is
 * looked up as a substring of the texts, not as a token: 理事会 inside the tokens
 * 安全理事会 and 人权理事会 still counts, which a token index would miss.
 */
function queryWordDice(index: MemoryIndex, lang: Lang, qk: string, tgt: Lang, w: string): number {
  if (lang !== 'zh') return dice(index, lang, qk, tgt, w)
  let cache = diceCache.get(index)
  if (!cache) diceCache.set(index, (cache = new Map()))
  const id = `substring\u0001${qk}\u0001${tgt}\u0001${w}`
  const hit = cache.get(id)
  if (hit !== undefined) return hit
  const d = substringDice(index, qk, tgt, w)
  cache.set(id, d)
  return d
}

function substringDice(index: MemoryIndex, qk: string, tgt: Lang, w: string): number {
  let m = substringUnits.get(index)
  if (!m) substringUnits.set(index, (m = new Map()))
  let units = m.get(qk)
  if (!units) {
    units = []
    const folded = index.folded
    for (let i = 0; i < folded.length; i++) if (folded[i].zh?.includes(qk)) units.push(i)
    if (m.size > 5000) m.clear()
    m.set(qk, units)
  }
  const pw = index.postings[tgt].get(w) ?? NONE
  const co = intersectCount(units, pw)
  return units.length + pw.length ? (2 * co) / (units.length + pw.length) : 0
}
const NONE: number[] = []

/**
 * How many values two ascending lists of unit indices share: the shorter list is walked
 * and each value looked up in the longer one by galloping (exponential then binary search),
 * so the cost is |short| · log(|long| / |short|) integer comparisons.
 */
export function intersectCount(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length > b.length) [a, b] = [b, a]
  const nb = b.length
  let count = 0
  let lo = 0
  for (let i = 0; i < a.length && lo < nb; i++) {
    const x = a[i]
    if (b[lo] < x) {
      let step = 1
      let hi = lo + 1
      while (hi < nb && b[hi] < x) {
        lo = hi
        step <<= 1
        hi = lo + step
      }
      if (hi > nb) hi = nb
      // b[lo] < x <= b[hi] (or hi = nb)
      while (lo + 1 < hi) {
        const mid = (lo + hi) >> 1
        if (b[mid] < x) lo = mid
        else hi = mid
      }
      lo = hi
    }
    if (lo < nb && b[lo] === x) {
      count++
      lo++
    }
  }
  return count
}

/**
 * Do a source word and a target word go together in the units where the query is not
 * (allUnits: the query's units)? True when the target word is at least e^TAU times as
 * likely in the other units with the source word as in the other units without it,
 * and the two share at least two such units.
 */
function associatedElsewhere(index: MemoryIndex, lang: Lang, e: string, tgt: Lang, w: string, allUnits: number[]): boolean {
  const pe = index.postings[lang].get(e) ?? NONE
  const pw = index.postings[tgt].get(w) ?? NONE
  const both = intersect(pe, pw)
  const bothOut = both.length - intersectCount(both, allUnits)
  if (bothOut < 2) return false
  const eOut = pe.length - intersectCount(pe, allUnits)
  const wOut = pw.length - intersectCount(pw, allUnits)
  const rest = Math.max(index.pairCount[lang][tgt] - allUnits.length - eOut, 1)
  const withE = bothOut / Math.max(eOut, 1)
  const withoutE = (Math.max(wOut - bothOut, 0) + 0.5) / rest
  return Math.log(withE / withoutE) > TAU
}

/** The values two ascending lists share, ascending. */
function intersect(a: number[], b: number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++
    else if (a[i] > b[j]) j++
    else {
      out.push(a[i])
      i++
      j++
    }
  }
  return out
}

/** Dice coefficient of a source word and a target word over the units of the memory. */
function dice(index: MemoryIndex, srcLang: Lang, e: string, tgtLang: Lang, w: string): number {
  let bySrc = pairDice.get(index)
  if (!bySrc) pairDice.set(index, (bySrc = new Map()))
  const pairKey = `${srcLang}${tgtLang}`
  let byE = bySrc.get(pairKey)
  if (!byE) bySrc.set(pairKey, (byE = new Map()))
  let byW = byE.get(e)
  if (!byW) byE.set(e, (byW = new Map()))
  const hit = byW.get(w)
  if (hit !== undefined) return hit
  const pe = index.postings[srcLang].get(e) ?? NONE
  const pw = index.postings[tgtLang].get(w) ?? NONE
  const d = pe.length + pw.length ? (2 * intersectCount(pe, pw)) / (pe.length + pw.length) : 0
  byW.set(w, d)
  return d
}
const pairDice = new WeakMap<MemoryIndex, Map<string, Map<string, Map<string, number>>>>()

/** Does a unit's token list contain this key sequence? */
function containsKeys(toks: Token[] | undefined, keys: string[]): boolean {
  if (!toks) return false
  for (let s = 0; s + keys.length <= toks.length; s++) {
    let ok = true
    for (let k = 0; k < keys.length && ok; k++) ok = toks[s + k].key === keys[k]
    if (ok) return true
  }
  return false
}

const unitsWithCache = new WeakMap<MemoryIndex, Map<string, number[]>>()

/** unitsWith, kept per index (rankings ask for the same renderings again and again). */
function unitsWithCached(index: MemoryIndex, lang: Lang, key: string): number[] {
  let m = unitsWithCache.get(index)
  if (!m) unitsWithCache.set(index, (m = new Map()))
  const id = `${lang}\u0001${key}`
  let hit = m.get(id)
  if (!hit) {
    hit = unitsWith(index, lang, key.split(' '))
    if (m.size > 20_000) m.clear()
    m.set(id, hit)
  }
  return hit
}

/** Units (indices) containing a key sequence in a language. */
function unitsWith(index: MemoryIndex, lang: Lang, keys: string[]): number[] {
  let rarest: number[] | undefined
  for (const k of keys) {
    const p = index.postings[lang].get(k)
    if (!p) return []
    if (!rarest || p.length < rarest.length) rarest = p
  }
  const ids = keys.map((k) => keyIdOf(index.store, k))
  if (ids.includes(-1)) return []
  return (rarest ?? []).filter((i) => findKeySequence(index.store, i, lang, ids).length > 0)
}

export interface DiscoverOptions {
  /** Target languages (default: the five others). */
  targets?: Lang[]
  maxResults?: number
  /** Restrict occurrences to these unit indices (e.g. one document). */
  restrictTo?: Set<number>
}

/** The occurrences of the query (sampled evenly beyond MAX_OCCURRENCES) and the result to fill. */
function startDiscovery(index: MemoryIndex, query: string, lang: Lang, options: DiscoverOptions): { result: Discovery; occ: Occurrence[]; targets: Lang[]; allUnits: number[] } {
  const term = query.trim()
  let occ = findOccurrences(index, term, lang)
  const allUnits = occ.map((o) => o.unit)
  if (options.restrictTo) occ = occ.filter((o) => options.restrictTo!.has(o.unit))
  const nested = longerTermOf(index, occ, lang)
  if (nested) occ = occ.filter((o) => !nested.units.has(o.unit))
  const total = occ.length
  if (occ.length > MAX_OCCURRENCES) {
    const step = occ.length / MAX_OCCURRENCES
    occ = Array.from({ length: MAX_OCCURRENCES }, (_, i) => occ[Math.floor(i * step)])
  }
  const result: Discovery = {
    term,
    language: lang,
    occurrences: total,
    examined: occ.length,
    renderings: {},
    occurrencesWithTarget: {},
    spans: {},
    ...(nested ? { nested: { text: nested.text, occurrences: nested.units.size } } : {}),
  }
  const targets = (options.targets ?? LANGS).filter((l) => l !== lang)
  return { result, occ, targets, allUnits }
}

/**
 * A longer term that holds the query in a good part of its occurrences ("least developed
 * countries" for "developed countries", 最不发达国家 for 发达国家): those occurrences are that
 * term's, and its rendering is not the query's. Found from the word right before or after the
 * query (for Chinese, the dictionary word the query sits inside), when one such word comes with
 * the query in at least a third of its occurrences (and at least three), though not in all.
 * Returns the longer term and the units left out, or null.
 */
function longerTermOf(index: MemoryIndex, occ: Occurrence[], lang: Lang): { text: string; units: Set<number> } | null {
  if (occ.length < 4) return null
  const byExtension = new Map<string, { text: string; units: Set<number> }>()
  // per occurrence, the extensions of each of its spans
  const spanKeys = new Map<number, Array<Set<string>>>()
  for (const o of occ) {
    // read from the token store in place: every occurrence of a frequent query is looked at
    const run = keyIdsOf(index.store, o.unit, lang)
    const text = index.units[o.unit].texts[lang] ?? ''
    const perSpan: Array<Set<string>> = []
    const count = run?.count ?? 0
    const start = (k: number) => run!.data[(run!.from + k) * 3]
    const end = (k: number) => run!.data[(run!.from + k) * 3 + 1]
    const key = (k: number) => index.store.keys[run!.data[(run!.from + k) * 3 + 2]]
    for (const sp of o.spans) {
      const keys: Array<[string, string]> = []
      if (lang === 'zh') {
        let covering = -1
        for (let k = 0; k < count && covering < 0; k++) if (start(k) <= sp.start && end(k) >= sp.end && end(k) - start(k) > sp.end - sp.start) covering = k
        if (covering >= 0) keys.push([`in:${key(covering)}`, text.slice(start(covering), end(covering))])
      } else {
        let i = -1
        let j = -1
        for (let k = 0; k < count; k++) {
          if (i < 0 && start(k) === sp.start) i = k
          if (j < 0 && end(k) === sp.end) j = k
        }
        const before = i > 0 ? i - 1 : -1
        const after = j >= 0 && j + 1 < count ? j + 1 : -1
        const word = (k: number) => text.slice(start(k), end(k))
        if (before >= 0 && !isStopword(lang, word(before)) && /^\s*$/.test(text.slice(end(before), sp.start))) keys.push([`before:${key(before)}`, `${word(before)} ${text.slice(sp.start, sp.end)}`])
        if (after >= 0 && !isStopword(lang, word(after)) && /^\s*$/.test(text.slice(sp.end, start(after)))) keys.push([`after:${key(after)}`, `${text.slice(sp.start, sp.end)} ${word(after)}`])
      }
      perSpan.push(new Set(keys.map(([k]) => k)))
      for (const [k, shown] of keys) {
        let e = byExtension.get(k)
        if (!e) byExtension.set(k, (e = { text: shown, units: new Set() }))
        e.units.add(o.unit)
      }
    }
    spanKeys.set(o.unit, perSpan)
  }
  let bestKey: string | null = null
  for (const [k, e] of byExtension) if (bestKey === null || e.units.size > byExtension.get(bestKey)!.units.size) bestKey = k
  const best = bestKey === null ? null : byExtension.get(bestKey)!
  if (!best || best.units.size < 3 || best.units.size * 3 < occ.length || best.units.size === occ.length) return null
  // an occurrence that also holds the query on its own (a span without that extension) is kept
  for (const u of [...best.units]) if (spanKeys.get(u)!.some((keys) => !keys.has(bestKey!))) best.units.delete(u)
  return best.units.size >= 3 ? best : null
}

/** The renderings of the query in one target language (fills result.renderings[tgt] and result.spans[tgt]). */
function discoverTarget(index: MemoryIndex, lang: Lang, occ: Occurrence[], allUnits: number[], tgt: Lang, options: DiscoverOptions, result: Discovery): void {
  const term = result.term
  const withT = occ.filter((o) => hasTokens(index.store, o.unit, tgt))
  const n = withT.length
  result.occurrencesWithTarget[tgt] = n
  if (n === 0) {
    result.renderings[tgt] = []
    return
  }
  const N = Math.max(index.pairCount[lang][tgt], n + 1)
  // a_w: occurrences containing each target key; also which occurrences (for competition)
  const inOcc = new Map<string, number[]>()
  withT.forEach((o, j) => {
    const seen = new Set<string>()
    for (const t of tokensOf(index, o.unit, tgt)!) {
      if (seen.has(t.key)) continue
      seen.add(t.key)
      let l = inOcc.get(t.key)
      if (!l) inOcc.set(t.key, (l = []))
      l.push(j)
    }
  })
  const wordScore = new Map<string, number>()
  for (const [key, occs] of inOcc) {
    const a = occs.length
    const f = index.postings[tgt].get(key)?.length ?? a
    const p1 = a / n
    const p0 = (Math.max(f - a, 0) + 0.5) / (N - n + 1)
    wordScore.set(key, Math.log(p1 / p0) - TAU)
  }
  // How strongly each target word goes with the query over the whole memory: the Dice of the
  // query itself, or of its strongest part (联合国, 毒品 … inside 联合国毒品和犯罪问题办公室).
  const queryKeys = queryWordKeys(index, term, lang, withT[0])
  const ownOf = new Map<string, number>()
  const ownAssociation = (w: string): number => {
    let own = ownOf.get(w)
    if (own === undefined) {
      const fw = index.postings[tgt].get(w)?.length ?? 1
      own = (2 * (inOcc.get(w)?.length ?? 0)) / (n + fw)
      for (const qk of queryKeys) own = Math.max(own, queryWordDice(index, lang, qk, tgt, w))
      ownOf.set(w, own)
    }
    return own
  }
  // Local competition: a word present in only part of the occurrences, in (nearly) exactly the
  // occurrences where some other source word outside the query is present, is that word's,
  // provided the rest of the memory agrees: away from the query the two still go together
  // (目标 with "Goals" everywhere, but 儿童 with "инвалиды" only where the two are listed side by side).
  if (n >= 10) {
    const srcKeysOf: string[][] = withT.map((o) => {
      const seen = new Set<string>()
      for (const t of tokensOf(index, o.unit, lang) ?? []) if (!overlaps(t, o.spans) && !isStopword(lang, t.text)) seen.add(t.key)
      return [...seen]
    })
    const srcCount = new Map<string, number>()
    for (const keys of srcKeysOf) for (const e of keys) srcCount.set(e, (srcCount.get(e) ?? 0) + 1)
    for (const [key, occs] of inOcc) {
      if ((wordScore.get(key) ?? 0) <= 0 || occs.length >= 0.8 * n) continue
      const co = new Map<string, number>()
      for (const j of occs) for (const e of srcKeysOf[j]) co.set(e, (co.get(e) ?? 0) + 1)
      for (const [e, both] of co) {
        if ((2 * both) / (srcCount.get(e)! + occs.length) >= 0.75 && associatedElsewhere(index, lang, e, tgt, key, allUnits)) {
          wordScore.set(key, -TAU)
          break
        }
      }
    }
  }
  // Global competition (few occurrences, where the ratios above cannot tell a rare word that
  // renders the query from a rare word that renders its neighbour): a target word that is more
  // strongly associated over the whole memory (Dice) with another word of the source segment
  // than with the query or any word of the query is that other word's translation.
  const explainedElsewhere = new Map<number, Set<string>>()
  if (n <= GLOBAL_COMPETITION_MAX) {
    for (const o of withT) {
      const dropped = new Set<string>()
      const srcKeys = [...new Set((tokensOf(index, o.unit, lang) ?? []).filter((t) => !overlaps(t, o.spans) && !isStopword(lang, t.text)).map((t) => t.key))]
      const extra = lang === 'zh' ? unsegmentedWords(index.units[o.unit].texts.zh!, tokensOf(index, o.unit, lang) ?? [], o.spans).filter((e) => !queryKeys.includes(e)) : []
      for (const w of new Set(tokensOf(index, o.unit, tgt)!.map((t) => t.key))) {
        if ((wordScore.get(w) ?? -1) <= 0) continue
        const fw = index.postings[tgt].get(w)?.length ?? 1
        const own = ownAssociation(w)
        let explained = false
        for (const e of srcKeys) {
          if (queryKeys.includes(e) || (lang === 'zh' && e.length < 2)) continue
          // Dice can be at most 2·min(fe, fw)/(fe + fw): skip the intersection when even that cannot win
          const fe = index.postings[lang].get(e)?.length ?? 0
          if ((2 * Math.min(fe, fw)) / (fe + fw) <= own) continue
          if (dice(index, lang, e, tgt, w) > own) {
            explained = true
            break
          }
        }
        // Chinese words the segmenter did not make (两/年/期, or the rest of a token the query cuts)
        // compete as substrings of the texts
        if (!explained) for (const e of extra) if (queryWordDice(index, lang, e, tgt, w) > own) {
          explained = true
          break
        }
        if (explained) dropped.add(w)
      }
      if (dropped.size) explainedElsewhere.set(o.unit, dropped)
    }
  }
  let currentUnit = -1
  const score = (t: Token) => (explainedElsewhere.get(currentUnit)?.has(t.key) ? -TAU : (wordScore.get(t.key) ?? -TAU))
  // Core words come with the query in at least half of its occurrences. A rendering replaces
  // the usual one (variants are alternatives), while context words come in addition to it: so
  // where the core words are present, the span is built from them alone, and only occurrences
  // without them are read with every associated word.
  const core = new Set<string>()
  for (const [key, occs] of inOcc) if (occs.length >= n / 2) core.add(key)
  const coreScore = (t: Token) => (core.has(t.key) ? score(t) : -TAU)
  interface Group {
    key: string
    count: number
    forms: Map<string, number>
    examples: RenderingExample[]
  }
  const groups = new Map<string, Group>()
  const spansByUnit = new Map<number, Extracted[]>()
  for (const o of withT) {
    const unit = index.units[o.unit]
    const text = unit.texts[tgt]!
    currentUnit = o.unit
    const k = Math.min(o.spans.length, 3)
    let spans = core.size > 0 && n >= 3 ? extractSpans(text, tokensOf(index, o.unit, tgt)!, coreScore, tgt, k) : []
    if (spans.length === 0) spans = extractSpans(text, tokensOf(index, o.unit, tgt)!, score, tgt, k)
    spansByUnit.set(o.unit, spans)
    const seenHere = new Set<string>()
    for (const s of spans) {
      if (seenHere.has(s.key)) continue
      seenHere.add(s.key)
      let g = groups.get(s.key)
      if (!g) groups.set(s.key, (g = { key: s.key, count: 0, forms: new Map(), examples: [] }))
      g.count++
      g.forms.set(s.surface, (g.forms.get(s.surface) ?? 0) + 1)
      if (g.examples.length < MAX_EXAMPLES)
        g.examples.push({
          groupId: unit.groupId,
          documentSymbol: unit.documentSymbol,
          paragraphLabel: unit.paragraphLabel,
          source: { text: unit.texts[lang]!, spans: o.spans },
          target: { text, start: s.start, end: s.end },
        })
    }
  }
  result.spans[tgt] = spansByUnit
  const limit = options.maxResults ?? MAX_RESULTS
  const ranked = [...groups.values()]
    .sort((x, y) => y.count - x.count)
    .slice(0, limit * 2)
    .map((g) => {
      // over the whole memory (not the sample nor the scope): units with the rendering, and with both
      const withRendering = unitsWithCached(index, tgt, g.key)
      const F = withRendering.length
      const a = intersectCount(allUnits, withRendering)
      const forms = [...g.forms].map(([text, count]) => ({ text, count })).sort((x, y) => y.count - x.count)
      return {
        text: displayForm(forms),
        count: g.count,
        share: round(g.count / n),
        dice: round((2 * a) / (allUnits.length + F)),
        precision: round(F > 0 ? Math.min(1, a / F) : 0),
        key: g.key,
        forms,
        examples: g.examples,
      }
    })
    .sort((x, y) => y.count - x.count || y.dice - x.dice || x.text.length - y.text.length)
    .slice(0, limit)
  result.renderings[tgt] = ranked
}

export type Discovery = RenderingsResult & { spans: Partial<Record<Lang, Map<number, Extracted[]>>> }

/**
 * Discovers the renderings of a query in the other languages. Also returns,
 * per target, the extracted span of each occurrence (for consistency checks).
 */
export function discoverRenderings(index: MemoryIndex, query: string, lang: Lang, options: DiscoverOptions = {}): Discovery {
  const { result, occ, targets, allUnits } = startDiscovery(index, query, lang, options)
  for (const tgt of targets) discoverTarget(index, lang, occ, allUnits, tgt, options, result)
  return result
}

/** discoverRenderings that yields to the event loop between target languages (for servers). */
export async function discoverRenderingsAsync(index: MemoryIndex, query: string, lang: Lang, options: DiscoverOptions = {}): Promise<Discovery> {
  const { result, occ, targets, allUnits } = startDiscovery(index, query, lang, options)
  for (const tgt of targets) {
    await yieldToEventLoop()
    discoverTarget(index, lang, occ, allUnits, tgt, options, result)
  }
  return result
}

/** The most frequent surface form; between equals, the one not starting with a capital inside a sentence is not preferred. */
function displayForm(forms: Array<{ text: string; count: number }>): string {
  return forms[0]?.text ?? ''
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

/** Does a text contain a phrase, compared by grouping keys (stems)? */
export function containsPhrase(text: string, lang: Lang, phrase: string): boolean {
  if (lang === 'zh') return zhWordMatches(text, phrase).length > 0
  const keys = tokenize(phrase, lang).map((t) => t.key)
  if (keys.length === 0) return false
  return containsKeys(tokenize(text, lang), keys)
}

/** Folded equality of two renderings by grouping keys (used by the eval and the checks). */
export function sameRendering(a: string, b: string, lang: Lang): boolean {
  if (lang === 'zh') return normaliseZh(a.trim()) === normaliseZh(b.trim())
  const ka = tokenize(a, lang).map((t) => t.key).join(' ')
  const kb = tokenize(b, lang).map((t) => t.key).join(' ')
  return ka === kb && ka !== '' ? true : fold(a).trim() === fold(b).trim()
}

/** The script each language is written in, as a test for one letter of it. */
export const SCRIPT_OF: Record<Lang, RegExp> = {
  zh: /\p{Script=Han}/u,
  en: /\p{Script=Latin}/u,
  fr: /\p{Script=Latin}/u,
  es: /\p{Script=Latin}/u,
  ru: /\p{Script=Cyrillic}/u,
  ar: /\p{Script=Arabic}/u,
}

/**
 * When a query cannot occur in the language asked (no letter of its script: "human rights"
 * as Chinese), the sentence that says so and what to ask instead; else null.
 */
export function wrongScriptNote(query: string, lang: Lang): string | null {
  if (!/\p{L}/u.test(query) || SCRIPT_OF[lang].test(query)) return null
  const guess = (LANGS.find((l) => l !== 'en' && l !== 'fr' && l !== 'es' && SCRIPT_OF[l].test(query)) ?? (SCRIPT_OF.en.test(query) ? (detectLanguage(query).language ?? 'en') : null)) as Lang | null
  const instead = guess && guess !== lang ? `; it looks ${languageName(guess)}: use --lang ${guess} (API: lang=${guess}) or leave the language out to detect it` : ''
  return `"${query.trim()}" is not written in ${languageName(lang)} script, so it cannot occur in the ${languageName(lang)} texts${instead}`
}

/**
 * The language of a query: by script for Chinese, Russian and Arabic; for Latin script,
 * detectLanguage (franc) when it is confident, else the language in which the memory
 * holds the query most often (a two-word term is too short for franc).
 */
export function detectQueryLanguage(index: MemoryIndex, query: string): Lang {
  const guess = detectLanguage(query)
  if (guess.language && guess.language !== 'en' && guess.language !== 'fr' && guess.language !== 'es') return guess.language
  const counts = (['en', 'fr', 'es'] as const).map((l) => ({ l, n: findOccurrences(index, query, l).length }))
  counts.sort((a, b) => b.n - a.n)
  if (counts[0].n > 0 && counts[0].n > counts[1].n) return counts[0].l
  if (guess.language) return guess.language
  if (/\p{Script=Han}/u.test(query)) return 'zh'
  return counts[0].n > 0 ? counts[0].l : 'en'
}

/**
 * Where a Chinese phrase occurs as whole words: each match must start and end on a word
 * boundary of the segmented text, so that 国际法 is not found inside 国际法律文书.
 */
export function zhWordMatches(text: string, phrase: string): Span[] {
  const hay = normaliseZh(text)
  const needle = normaliseZh(phrase.trim())
  if (!needle) return []
  let at = hay.indexOf(needle)
  if (at < 0) return []
  const starts = new Set<number>()
  const ends = new Set<number>()
  for (const t of tokenize(text, 'zh')) {
    starts.add(t.start)
    ends.add(t.end)
  }
  const out: Span[] = []
  while (at >= 0) {
    const end = at + needle.length
    const startOk = starts.has(at) || at === 0 || !/\p{Script=Han}/u.test(hay[at - 1])
    const endOk = ends.has(end) || end === hay.length || !/\p{Script=Han}/u.test(hay[end])
    if (startOk && endOk) out.push({ start: at, end })
    at = hay.indexOf(needle, at + 1)
  }
  return out
}

/** The grouping key of a phrase (folded, stemmed words; Chinese as written). */
export function phraseKeyOf(text: string, lang: Lang): string {
  if (lang === 'zh') return normaliseZh(text.trim())
  return tokenize(text, lang)
    .map((t) => t.key)
    .join(' ')
}
