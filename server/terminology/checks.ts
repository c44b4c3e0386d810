/**
 * Consistency checks for reviewers, as pure functions over aligned units:
 *
 *  - number / date / percent / symbol: facts (aligner/signals/facts.ts, normalised
 *    across the six languages: `2024 年 5 月 16 日` = `16 May 2024`) present on one
 *    side and absent or different on the other;
 *  - glossary: an approved term on the source side while none of its approved
 *    renderings is in the aligned target segment; a deprecated rendering used;
 *  - untranslated: target equal to the source, or written in another language
 *    (script, then franc through detectLanguage); empty: no target text;
 *  - variant: one source term rendered in two or more ways (rendering discovery
 *    over the scope), the minority renderings flagged.
 *
 * Every finding names its groups, and carries a stable key for acceptances.
 */
import { detectLanguage, functionWords } from '../../aligner/language/index.ts'
import { extractFacts, type Fact } from '../../aligner/signals/facts.ts'
import { arabicOrdinal, chineseToInt, ordinalWord, romanToInt } from '../../aligner/signals/numerals.ts'
import { LANGS, type Lang } from '../../aligner/types.ts'
import type { Finding, FindingKind, FindingSegment, TextSpan } from './contract.ts'
import { containsPhrase, discoverRenderings, SCRIPT_OF, discoverRenderingsAsync, tokensOf, yieldToEventLoop, zhWordMatches, type Discovery, type MemoryIndex } from './renderings.ts'
import { isStopword, tokenize, type Token } from './text.ts'
import type { AlignedUnit } from './units.ts'

export interface GlossaryRule {
  entryId: number
  /** Source-language forms of the term. */
  source: Partial<Record<Lang, string[]>>
  /** Approved renderings (preferred and admitted) per language. */
  approved: Partial<Record<Lang, string[]>>
  /** Deprecated renderings per language. */
  deprecated: Partial<Record<Lang, string[]>>
}

export interface CheckOptions {
  /** The source language (default: zh when the unit has it, else en). */
  sourceLang?: Lang
  /** Target languages (default: all others present). */
  targets?: Lang[]
  kinds?: FindingKind[]
  glossary?: GlossaryRule[]
}

const ALL_KINDS: FindingKind[] = ['number', 'date', 'percent', 'symbol', 'glossary', 'untranslated', 'empty', 'variant']

function segment(unit: AlignedUnit, lang: Lang, spans: TextSpan[] = []): FindingSegment {
  return { groupId: unit.groupId, lang, text: unit.texts[lang] ?? '', spans }
}

function finding(kind: FindingKind, severity: Finding['severity'], unit: AlignedUnit, src: Lang, tgt: Lang, detail: string, message: string, segments: FindingSegment[]): Finding {
  return {
    key: `${kind}:${src}-${tgt}:${unit.groupId}:${detail}`,
    kind,
    severity,
    sourceLang: src,
    targetLang: tgt,
    groupIds: [unit.groupId],
    documentSymbol: unit.documentSymbol,
    paragraphLabel: unit.paragraphLabel,
    message,
    segments,
    accepted: false,
  }
}

// ── facts ──────────────────────────────────────────────────────────────────

type FactClass = 'number' | 'date' | 'percent' | 'symbol'

function classOf(f: Fact): FactClass | null {
  if (f.kind === 'number') return 'number'
  if (f.kind === 'date') return 'date'
  if (f.kind === 'percent') return 'percent'
  if (f.kind === 'symbol' || f.kind === 'resolution') return 'symbol'
  return null
}

/** Numbers worth checking: single digits are spelled out in most UN styles ("five discussions"). */
function significant(f: Fact): boolean {
  if (f.kind !== 'number') return true
  const v = Number(f.value)
  return !(Number.isInteger(v) && Math.abs(v) < 10)
}

/** Every way a fact may be met on the other side. */
function satisfiers(f: Fact): string[] {
  const out = [`${classOf(f)}:${f.value}`]
  if (f.kind === 'number') out.push(`percent:${f.value}`, `year:${f.value}`, `part:${f.value}`, `whole:${f.value}`)
  // 140.2 (paragraph 140.2) written as 140 on the other side; not 140.3, a different number
  if (f.kind === 'number' && f.value.includes('.')) out.push(`number:${Math.trunc(Number(f.value))}`)
  // a percentage also meets the same figure, or the same number in words ("seventy five per cent")
  if (f.kind === 'percent') out.push(`number:${f.value}`, `part:${f.value}`)
  if (f.kind === 'resolution') out.push(`part:${f.value}`)
  return out
}

/**
 * Times of day, kept out of the number checks: 12时40分, 10:15, 3.30 p.m., 10.00 horas, 10 h 15,
 * 15 heures, 10 ч. 15 м., الساعة 10, and the 24-hour forms of English reports (1100 hours, 2359Z,
 * "At 1310,"). A decimal number (1.23亿, 2.5 per cent) is a time only with a marker after it.
 */
const TIME = new RegExp(
  [
    /(?:[上下]午|晚上|中午)?\s*\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?/u.source,
    /\d{1,2}\s*[:h]\s*\d{2}\b(?:\s*(?:a\.\s?m\.|p\.\s?m\.|ч\.?|час\p{L}*))?/u.source,
    /\d{1,2}\.\d{2}\s*(?:a\.\s?m\.|p\.\s?m\.|h\b|ч\.?|час\p{L}*|horas|heures)/u.source,
    /\d{1,2}\s*(?:a\.\s?m\.|p\.\s?m\.)/u.source,
    /\d{1,2}\s*h\s*\d{1,2}\b/u.source,
    /\d{1,2}\s*ч\.?\s*\d{1,2}\s*(?:мин|м)\.?/u.source,
    // "à 15 heures" is a time and "pendant 18 heures" a duration (18小时), with nothing to tell them
    // apart but the sense: hours are kept out of the checks in every language alike
    // (one or two digits standing alone: "1,600 hours" and "130 hours" are quantities, checked)
    /(?<![\d.,\u00a0\u202f]|\d )\d{1,2}(?:[.:h]\s*\d{2})?\s*(?:heures?|horas?|hours?|час\p{L}*|ч\.|ساعة|ساعات)(?:\s+(?:sur|al día|в сутки|a day|per day)(?:\s+\d{1,2})?)?/u.source,
    /(?<![\d.,\u00a0\u202f]|\d )\d{1,2}\s*个?\s*小时/u.source,
    /\b(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs|Z)\b/u.source,
    // the first of "between 1100 and 1200 hours"
    /\b(?:[01]\d|2[0-3])[0-5]\d(?=\s{1,3}(?:and|to|-|–)\s{1,3}(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs)\b)/u.source,
    // "At 1310," in English incident reports (a fixed look-behind: no backtracking on long lines)
    /(?<=\b[Aa]t )(?!(?:19|20)\d\d\b)(?:[01]\d|2[0-3])[0-5]\d(?=,)/u.source,
    /الساعة\s*[\d\u0660-\u0669]{1,2}(?:[.:][\d\u0660-\u0669]{2})?/u.source,
  ].join('|'),
  'giu',
)
/**
 * A paragraph or list number opening the segment ("10. ", "(3) ", "112．", "2-26 وعلاوة"): the
 * alignment of labels is not the translator's. Not a figure: "1.5 million", "10-15 people".
 */
const LEADING_LABEL = /^\s*[(（]?(?:[\d\u0660-\u0669]{1,3}-[\d\u0660-\u0669]{1,3}\s(?=\p{Lu}|\p{Script=Arabic})|[\d\u0660-\u0669]{1,3}\s*(?:[.．](?!\d)|[)）、]|[-–—]\s))\s*/u
/** A month named by its number in Chinese without a day or a year (12月, 10月初, 12月份): a month, as "December" is, not a number. */
const ZH_BARE_MONTH = /(?<![\d.]|\d\s*年\s*)(?:1[0-2]|[1-9])\s*月(?!\s*\d{1,2}\s*日)/gu
/** A number joined by a hyphen to a word is part of a name, not a quantity (HFC-23, الهيدروفلوري-23, COVID-19), as is a mass number (U 235, 235U, 铀235); a year is a year (post-2015). */
const NAMED_NUMBER = /(?<=\p{L}[-‑])(?!(?:19|20)\d\d(?!\d))\d+|(?<![\p{L}\d])(?:U|Pu|Cs|Sr|Co|[Uu]ranium|[Pp]lutonium|[铀钚铯锶钴])[-‑ ]?\d{2,3}(?![\p{L}\d])|(?<![\p{L}\d])\d{2,3}(?:U|Pu|Cs|Sr|Co)(?![\p{L}\d])/gu
/** A bracketed footnote call after a word or sentence ("planning.[23]"). */
const FOOTNOTE_CALL = /(?<=[\p{L}.,;:)])\[\d{1,3}\]/gu

/**
 * Arabic text extracted from PDF often has the digit groups of a large number in reverse
 * order (`734 156` for 156 734): such runs are not checked as facts on the Arabic side, and
 * offer both readings to the other side.
 */
const AR_GROUPS = /(?<![\d,.])(?:\d{3}(?: \d{3})* \d{1,2}|\d{1,3}(?: \d{3})+)(?![\d,.])/gu

function arabicGroupReadings(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(AR_GROUPS)) {
    const groups = m[0].split(' ')
    out.push(Number(groups.join('')), Number([...groups].reverse().join('')))
  }
  return out
}

function checkable(text: string, facts: Fact[], lang?: Lang): Fact[] {
  const masked: Array<[number, number]> = []
  if (lang === 'ar') for (const m of text.matchAll(AR_GROUPS)) masked.push([m.index!, m.index! + m[0].length])
  for (const m of text.matchAll(TIME)) masked.push([m.index!, m.index! + m[0].length])
  // bare months, labels, footnote calls and numbers in names hide the numbers they are read as, not a date
  // they touch ("3-5 February 2015", "1 January-31 December 2014")
  const numbersOnly: Array<[number, number]> = []
  if (lang === 'zh') for (const m of text.matchAll(ZH_BARE_MONTH)) numbersOnly.push([m.index!, m.index! + m[0].length])
  for (const m of text.matchAll(FOOTNOTE_CALL)) numbersOnly.push([m.index!, m.index! + m[0].length])
  for (const m of text.matchAll(NAMED_NUMBER)) numbersOnly.push([m.index!, m.index! + m[0].length])
  const label = text.match(LEADING_LABEL)
  if (label) numbersOnly.push([0, label[0].length])
  const hidden = rangeSet(masked)
  const hiddenNumbers = rangeSet(numbersOnly)
  return facts.filter((f) => classOf(f) && significant(f) && !hidden(f.index, f.index + f.text.length) && !(f.kind === 'number' && hiddenNumbers(f.index, f.index + f.text.length)))
}

/**
 * A test of whether [start, end) overlaps any of the ranges: the ranges are sorted and merged
 * once, and each test is a binary search (a long line with thousands of times stays linear).
 */
function rangeSet(ranges: Array<[number, number]>): (start: number, end: number) => boolean {
  if (ranges.length === 0) return () => false
  const sorted = [...ranges].sort((x, y) => x[0] - y[0])
  const merged: Array<[number, number]> = [sorted[0]]
  for (const r of sorted.slice(1)) {
    const last = merged[merged.length - 1]
    if (r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return (start, end) => {
    // the last merged range starting before `end`
    let lo = 0
    let hi = merged.length - 1
    let at = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (merged[mid][0] < end) {
        at = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return at >= 0 && merged[at][1] > start
  }
}

/** Numbers written in words that can meet a digit on the other side (第五十二届 = 52nd, seventieth = 70). */
function wordNumbers(text: string, lang: Lang): number[] {
  const out: number[] = []
  if (lang === 'zh') {
    for (const m of text.matchAll(/[零〇一二两三四五六七八九十百千万]{2,}|十/gu)) {
      const v = chineseToInt(m[0])
      if (v !== null) out.push(v)
    }
  } else {
    const words = [...text.matchAll(/\p{L}+(?:-\p{L}+)?/gu)].map((m) => m[0])
    words.forEach((w, i) => {
      const v = ordinalWord(w) ?? ordinalWord(w.replace(/-/g, ' ')) ?? cardinalWord(lang, w)
      if (v !== null) out.push(v)
      // "seventy five" written as two words
      if (lang === 'en' && EN_TENS.indexOf(w.toLowerCase()) >= 2) {
        const unit = enUnitValue((words[i + 1] ?? '').toLowerCase())
        if (unit >= 1 && unit <= 9) out.push(EN_TENS.indexOf(w.toLowerCase()) * 10 + unit)
      }
      // "per million", "por millón": a million without a figure
      if (/^(?:million|millón|millon)$/iu.test(w)) out.push(1_000_000)
      if (lang === 'ar') {
        // الحادي عشر, الأربعة عشر: the article and the attached و/ب/ل are not part of the numeral
        const bare = words.slice(i, i + 2).map((x) => x.replace(/^(?:و|ب|ل)?(?:ال)?/u, ''))
        const ord = arabicOrdinal(bare) ?? arabicOrdinal(words.slice(i, i + 2))
        if (ord) out.push(ord.value)
        if (/^(?:ال)?(?:واحد|اثن|ثلاث|أربع|خمس|ست|سبع|ثمان|تسع)/u.test(w) && /^(عشر|عشرة)$/u.test(words[i + 1] ?? '')) {
          const units = ['واحد', 'اثن', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع']
          const u = units.findIndex((x) => w.replace(/^ال/u, '').startsWith(x))
          if (u >= 0) out.push(11 + u)
        }
      }
    })
  }
  // Roman numerals (session numbers: 1147 (XLI) = 1147 (د-41))
  for (const m of text.matchAll(/(?<![\p{L}])[IVXLCDM]{2,}(?![\p{L}])/gu)) {
    const v = romanToInt(m[0])
    if (v !== null) out.push(v)
  }
  return out
}

/** Fractions in words, as the other side may write them in figures (un tiers = 1/3, 三分之二 = 2/3). */
const FRACTIONS: Record<Lang, Array<[RegExp, string]>> = {
  en: [[/\btwo[- ]thirds\b/i, '2/3'], [/\bthree[- ]quarters\b/i, '3/4'], [/\bone[- ]third\b|\ba third\b/i, '1/3'], [/\bone[- ]quarter\b|\ba quarter\b/i, '1/4'], [/\bhalf\b/i, '1/2']],
  fr: [[/\bdeux tiers\b/i, '2/3'], [/\btrois quarts\b/i, '3/4'], [/\b(?:un|le) tiers\b/i, '1/3'], [/\b(?:un|le) quart\b/i, '1/4'], [/\bmoitié\b/i, '1/2']],
  es: [[/\bdos tercios\b/i, '2/3'], [/\btres cuart(?:os|as partes)\b/i, '3/4'], [/\b(?:un tercio|tercera parte)\b/i, '1/3'], [/\b(?:un cuarto|cuarta parte)\b/i, '1/4'], [/\bmitad\b/i, '1/2']],
  // whole words: третьей (third) and четвертой (fourth) are ordinals, not fractions
  ru: [[/две трети/iu, '2/3'], [/три четверти/iu, '3/4'], [/(?<!\p{L})трет(?:ь|и|ью)(?!\p{L})/iu, '1/3'], [/(?<!\p{L})четверт(?:ь|и|ью)(?!\p{L})/iu, '1/4'], [/(?<!\p{L})половин(?:а|ы|е|у|ой)(?!\p{L})/iu, '1/2']],
  ar: [[/(?<!\p{L})(?:[وب]?ال)?ثلث(?:ي|ا)(?!\p{L})/u, '2/3'], [/ثلاثة أرباع/u, '3/4'], [/(?<!\p{L})(?:[وب]?ال)?ثلث(?!\p{L})/u, '1/3'], [/(?<!\p{L})(?:[وب]?ال)?ربع(?!\p{L})/u, '1/4'], [/(?<!\p{L})(?:[وب]?ال)?نصف(?!\p{L})/u, '1/2']],
  zh: [[/三分之二/u, '2/3'], [/四分之三/u, '3/4'], [/三分之一/u, '1/3'], [/四分之一/u, '1/4'], [/一半/u, '1/2']],
}

function fractionWords(text: string, lang: Lang): string[] {
  return FRACTIONS[lang].filter(([re]) => re.test(text)).map(([, v]) => v)
}

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** Cardinal words that UN style spells out (ten to ninety, hundred), by language. */
const CARDINALS: Partial<Record<Lang, Record<string, number>>> = {
  fr: { dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, trente: 30, quarante: 40, quarantaine: 40, cinquante: 50, cinquantaine: 50, soixante: 60, cent: 100, centaine: 100, dizaine: 10, douzaine: 12, vingtaine: 20, trentaine: 30 },
  es: { diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciséis: 16, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90, cien: 100, ciento: 100, decena: 10, docena: 12 },
  ru: { десять: 10, десяти: 10, одиннадцать: 11, двенадцать: 12, пятнадцать: 15, двадцать: 20, двадцати: 20, тридцать: 30, тридцати: 30, сорок: 40, пятьдесят: 50, сто: 100 },
  ar: { عشرة: 10, عشر: 10, عشرين: 20, عشرون: 20, ثلاثين: 30, ثلاثون: 30, أربعين: 40, أربعون: 40, خمسين: 50, خمسون: 50, مائة: 100, مئة: 100 },
}

const RU_STEMS: Array<[string, number]> = [
  ['одиннадцат', 11], ['двенадцат', 12], ['тринадцат', 13], ['четырнадцат', 14], ['пятнадцат', 15], ['шестнадцат', 16], ['семнадцат', 17], ['восемнадцат', 18], ['девятнадцат', 19],
  ['двадцат', 20], ['тридцат', 30], ['сорок', 40], ['пятидесят', 50], ['шестидесят', 60], ['семидесят', 70], ['восьмидесят', 80], ['девяност', 90], ['десят', 10],
]

function cardinalWord(lang: Lang, word: string): number | null {
  const w = word.toLowerCase()
  if (lang === 'en') return englishCardinal(w)
  const direct = CARDINALS[lang]?.[w]
  if (direct !== undefined) return direct
  // French ordinals: onzième → onze
  if (lang === 'fr' && w.endsWith('ième')) {
    const base = w.slice(0, -4)
    return CARDINALS.fr![base] ?? CARDINALS.fr![`${base}e`] ?? null
  }
  // Russian numerals and ordinals in any case: одиннадцатом, двадцати
  if (lang === 'ru') for (const [stem, v] of RU_STEMS) if (w.startsWith(stem)) return v
  return null
}

const EN_ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth']

/** 1-9 for "one"…"nine" or "first"…"ninth"; -1 for anything else. */
function enUnitValue(word: string): number {
  const cardinal = EN_UNITS.indexOf(word)
  return cardinal >= 1 && cardinal <= 9 ? cardinal : EN_ORDINAL_UNITS.indexOf(word) >= 1 ? EN_ORDINAL_UNITS.indexOf(word) : -1
}

/** `Twenty-four` → 24, `twenty-first` → 21, `ten` → 10 (English cardinals up to 99, and compound ordinals). */
function englishCardinal(word: string): number | null {
  const [a, b] = word.toLowerCase().split('-')
  const u = EN_UNITS.indexOf(a)
  if (u >= 0 && b === undefined) return u
  const t = EN_TENS.indexOf(a)
  if (t >= 2) {
    if (b === undefined) return t * 10
    const v = enUnitValue(b)
    if (v >= 1 && v <= 9) return t * 10 + v
  }
  return null
}

/** The facts the checks compare: numbers (10 and up), dates, percentages, symbols; not times of day nor an opening paragraph number. */
export function contentFacts(text: string, lang: Lang): Fact[] {
  return checkable(text, factsOf(text, lang), lang)
}

/** Facts of a text; Chinese full-width commas are kept apart from numbers (the width folding would glue them). */
function factsOf(text: string, lang: Lang): Fact[] {
  // a Chinese, Russian or Arabic segment left in English ("6 February 2015") is read as English
  const own = OWN_SCRIPT[lang]
  if (own && !SCRIPT_OF[lang].test(text) && SCRIPT_OF.en.test(text)) lang = 'en'
  // Chinese commas are punctuation, not thousands separators (width folding would glue them to a
  // number), and so is an ASCII comma after a word ("(机率),15-49岁"): both read as 、, same length
  const facts = extractFacts(lang === 'zh' ? text.replace(/，/g, '、').replace(/(?<![\d\s]),(?=\d)/g, '、') : text, lang)
  // Security Council resolutions are cited by number and year, `2118 (2013)` / `第2118(2013)号`:
  // the symbol S/RES/2118 (2013), not two numbers.
  const symbols: Fact[] = []
  for (const m of text.matchAll(/(?<![\d/])(\d{1,4})\s*[(（]\s*(\d{4})\s*[)）]/gu)) {
    symbols.push({ kind: 'symbol', value: `S/RES/${Number(m[1])} (${m[2]})`, text: m[0], index: m.index! })
  }
  if (symbols.length === 0) return facts
  const rest = facts.filter((f) => !symbols.some((sy) => f.index < sy.index + sy.text.length && sy.index < f.index + f.text.length))
  return [...rest, ...symbols].sort((a, b) => a.index - b.index)
}

/** What a side offers: its facts and their parts (the year of a date, the numbers inside a symbol). */
function offers(facts: Fact[], extra: Array<number | string> = []): Map<string, number> {
  const m = new Map<string, number>()
  const add = (k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  for (const v of extra) add(`part:${v}`)
  for (const f of facts) {
    const c = classOf(f)
    if (!c) continue
    add(`${c}:${f.value}`)
    // paragraph 140.2 meets 140 where the other side writes it 140-2 (Arabic) or drops the part
    if (f.kind === 'number' && f.value.includes('.')) add(`whole:${Math.trunc(Number(f.value))}`)
    if (f.kind === 'date') {
      const { y, m: mo, d } = dateParts(f.value)
      if (y && /^\d{4}$/.test(y)) add(`year:${Number(y)}`)
      if (d) add(`part:${Number(d)}`)
      if (mo) add(`part:${Number(mo)}`)
    }
    if (f.kind === 'symbol' || f.kind === 'resolution') {
      for (const n of f.value.match(/\d+/g) ?? []) add(`part:${Number(n)}`)
      const rest = f.value.split('/').slice(-2).join('/')
      add(`part:${rest}`)
    }
  }
  return m
}

function dateParts(value: string): { y: string | null; m: string | null; d: string | null } {
  const parts = value.split('-').filter(Boolean)
  if (value.startsWith('-')) return { y: null, m: parts[0] ?? null, d: parts[1] ?? null }
  return { y: parts[0] ?? null, m: parts[1] ?? null, d: parts[2] ?? null }
}

/** Dates agree when one is a less precise form of the other (2024-05 and 2024-05-16, ---05-16). */
function dateCompatible(a: string, b: string): boolean {
  const x = dateParts(a)
  const y = dateParts(b)
  if (x.y && y.y && x.y !== y.y) return false
  if (x.m && y.m && x.m !== y.m) return false
  if (x.d && y.d && x.d !== y.d) return false
  return true
}

function factFindings(unit: AlignedUnit, src: Lang, tgt: Lang, kinds: Set<FindingKind>): Finding[] {
  const st = unit.texts[src]
  const tt = unit.texts[tgt]
  if (!st || !tt) return []
  // a target that is a copy of the source is reported once, as untranslated
  if (collapse(st) === collapse(tt)) return []
  const sf = checkable(st, factsOf(st, src), src)
  const tf = checkable(tt, factsOf(tt, tgt), tgt)
  if (sf.length === 0 && tf.length === 0) return []
  const out: Finding[] = []
  /** Facts of one side the other side does not meet; `repeats`: those whose value the other side has, fewer times. */
  const repeats = new Set<Fact>()
  const missing = (facts: Fact[], other: Fact[], otherText: string, otherLang: Lang): Fact[] => {
    const pool = offers(other, [...wordNumbers(otherText, otherLang), ...fractionWords(otherText, otherLang), ...(otherLang === 'ar' ? arabicGroupReadings(otherText) : [])])
    const present = new Set(pool.keys())
    const result: Fact[] = []
    for (const f of facts) {
      let met = false
      if (f.kind === 'date') {
        const idx = other.findIndex((o) => o.kind === 'date' && dateCompatible(o.value, f.value))
        met = idx >= 0
      } else {
        // each value on the other side meets one fact: a citation dropped where it is made twice
        // ("resolution 1807 (2008) … resolution ,") is found
        for (const k of satisfiers(f)) {
          const n = pool.get(k) ?? 0
          if (n > 0) {
            pool.set(k, n - 1)
            met = true
            break
          }
        }
      }
      if (!met) {
        result.push(f)
        if (satisfiers(f).some((k) => present.has(k))) repeats.add(f)
      }
    }
    return result
  }
  let srcMissing = missing(sf, tf, tt, tgt)
  let tgtMissing = missing(tf, sf, st, src)
  // An amount or a year said twice on one side and once on the other ("5 819 000 dollars … to
  // the same amount", "2015年 … 2015年" against "for 2015 … for the year") is a repetition, not
  // an error, when the other side has no number left over: a changed value leaves one over on
  // each side (2016 → 2017 in a list that has both). Symbols and dates keep their counts: a
  // citation dropped where it is made twice leaves a gap.
  const numeric = (f: Fact) => f.kind === 'number' || f.kind === 'percent'
  if (!srcMissing.some(numeric) || !tgtMissing.some(numeric)) {
    srcMissing = srcMissing.filter((f) => !(numeric(f) && repeats.has(f)))
    tgtMissing = tgtMissing.filter((f) => !(numeric(f) && repeats.has(f)))
  }
  for (const cls of ['number', 'date', 'percent', 'symbol'] as const) {
    if (!kinds.has(cls)) continue
    const a = srcMissing.filter((f) => classOf(f) === cls)
    const b = tgtMissing.filter((f) => classOf(f) === cls)
    if (a.length === 0 && b.length === 0) continue
    const label = cls === 'symbol' ? 'document symbol' : cls
    const message =
      a.length && b.length
        ? `${label} differs: ${a.map((f) => f.text).join(', ')} (${src}) but ${b.map((f) => f.text).join(', ')} (${tgt})`
        : a.length
          ? `${label} ${a.map((f) => f.text).join(', ')} (${src}) is missing from the ${tgt} segment`
          : `${label} ${b.map((f) => f.text).join(', ')} (${tgt}) is not in the ${src} segment`
    const detail = [...a.map((f) => f.value), '|', ...b.map((f) => f.value)].join(',')
    out.push(
      finding(cls, 'error', unit, src, tgt, detail, message, [
        segment(unit, src, a.map((f) => ({ start: f.index, end: f.index + f.text.length }))),
        segment(unit, tgt, b.map((f) => ({ start: f.index, end: f.index + f.text.length }))),
      ]),
    )
  }
  return out
}

// ── glossary ───────────────────────────────────────────────────────────────

function spansOf(text: string, lang: Lang, phrase: string): TextSpan[] {
  if (lang === 'zh') return zhWordMatches(text, phrase)
  const keys = tokenize(phrase, lang).map((t) => t.key)
  const toks = tokenize(text, lang)
  const out: TextSpan[] = []
  for (let s = 0; s + keys.length <= toks.length; s++) {
    if (keys.every((k, i) => toks[s + i].key === k)) out.push({ start: toks[s].start, end: toks[s + keys.length - 1].end })
  }
  return out
}

/** Shared leading characters of two keys. */
function commonPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/**
 * Is the rendering there in a derived form: each of its content words met, in order and close
 * together, by a word sharing all of its stem but at most two final letters, or for a long word
 * two thirds of it ("l'agression israélienne" for Israël, "израильскими поселенцами" for
 * Израиль, "образовательных" for образование, "renforcer les capacités" for renforcement des
 * capacités)? The adjective or verb of an approved rendering is that rendering, not a breach.
 */
export function containsDerivedForm(text: string, lang: Lang, rendering: string): boolean {
  if (lang === 'zh') return false
  const words = tokenize(rendering, lang).filter((t) => !isStopword(lang, t.text))
  if (words.length === 0) return false
  const toks = tokenize(text, lang)
  // a long word may change its ending more (renforcement → renforcer, образование → образовательных)
  const needed = (k: string) => (k.length >= 10 ? Math.max(8, Math.ceil(k.length * 0.65)) : Math.max(4, k.length - 2))
  const meets = (tok: Token, w: Token) => {
    if (tok.key === w.key) return true
    if (w.key.length < 5) return false
    // a name (Israël, Niger, Austria) is met by its adjective (israélienne, Israeli), not by a
    // longer name that starts the same way (Nigeria, Australia, Dominican): the adjective keeps the
    // whole name and is written in lower case, or in English adds -i, -ian, -an, -ese or -ish
    if (/^\p{Lu}/u.test(w.text)) {
      if (!tok.key.startsWith(w.key.length > 5 ? w.key.slice(0, -1) : w.key)) return false
      if (!/^\p{Lu}/u.test(tok.text)) return true
      return lang === 'en' && /^(?:i|is|ian|ians|an|ans|ese|ish)$/.test(tok.key.slice(w.key.length))
    }
    return commonPrefix(tok.key, w.key) >= needed(w.key)
  }
  for (let s = 0; s < toks.length; s++) {
    if (!meets(toks[s], words[0])) continue
    let at = s
    let ok = true
    for (let k = 1; k < words.length && ok; k++) {
      let next = -1
      for (let j = at + 1; j <= Math.min(toks.length - 1, at + 3); j++)
        if (meets(toks[j], words[k])) {
          next = j
          break
        }
      if (next < 0) ok = false
      else at = next
    }
    if (ok) return true
  }
  return false
}

function glossaryFindings(unit: AlignedUnit, src: Lang, tgt: Lang, rules: GlossaryRule[]): Finding[] {
  const st = unit.texts[src]
  const tt = unit.texts[tgt]
  if (!st || !tt) return []
  const out: Finding[] = []
  // the source terms present, with where they are; a term inside a longer glossary term
  // (联合国 in 联合国大会) is that longer term's occurrence and answers to its rendering only
  const found: Array<{ rule: GlossaryRule; form: string; spans: TextSpan[] }> = []
  for (const rule of rules) {
    for (const f of rule.source[src] ?? []) {
      // a cheap test first: a Chinese term must be a substring
      if (!f || (src === 'zh' && !st.includes(f.trim()))) continue
      const spans = spansOf(st, src, f)
      if (spans.length) {
        found.push({ rule, form: f, spans })
        break
      }
    }
  }
  const inLonger = (sp: TextSpan, self: GlossaryRule) =>
    found.some((o) => o.rule !== self && o.spans.some((x) => x.start <= sp.start && sp.end <= x.end && x.end - x.start > sp.end - sp.start))
  for (const { rule, form: present, spans } of found) {
    if (spans.every((sp) => inLonger(sp, rule))) continue
    const approved = rule.approved[tgt] ?? []
    const deprecated = rule.deprecated[tgt] ?? []
    const used = deprecated.find((d) => containsPhrase(tt, tgt, d))
    if (used) {
      out.push(
        finding('glossary', 'error', unit, src, tgt, `${rule.entryId}:deprecated`, `"${present}" is rendered with the deprecated "${used}"${approved.length ? ` (approved: "${approved[0]}")` : ''}`, [
          segment(unit, src, spansOf(st, src, present)),
          segment(unit, tgt, spansOf(tt, tgt, used)),
        ]),
      )
      continue
    }
    if (approved.length && !approved.some((a) => containsPhrase(tt, tgt, a) || containsDerivedForm(tt, tgt, a))) {
      out.push(
        finding('glossary', 'warning', unit, src, tgt, `${rule.entryId}:missing`, `"${present}" is in the ${src} segment but its approved rendering "${approved[0]}" is not in the ${tgt} segment`, [
          segment(unit, src, spansOf(st, src, present)),
          segment(unit, tgt),
        ]),
      )
    }
  }
  return out
}

// ── untranslated and empty ─────────────────────────────────────────────────

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase()
}

const OWN_SCRIPT: Partial<Record<Lang, RegExp>> = { zh: /\p{Script=Han}/gu, ru: /\p{Script=Cyrillic}/gu, ar: /\p{Script=Arabic}/gu }
const LATIN = /\p{Script=Latin}/gu

/**
 * Can language detection (franc, the costly part of the checks) find this target in another
 * language? Not when a Chinese, Russian or Arabic target is mostly in its own script (no other of
 * the six languages writes it), nor when a short English, French or Spanish target is mostly Latin
 * (too short for franc to tell the three apart with confidence: see the thresholds below), nor when
 * a long one's function words are plainly the target language's.
 */
function mayBeWrongLanguage(text: string, tgt: Lang, letters: number): boolean {
  const own = OWN_SCRIPT[tgt]
  if (own) return (text.match(own) ?? []).length * 2 < letters
  const latin = (text.match(LATIN) ?? []).length
  if (latin * 2 < letters) return true
  if (letters < 60) return false
  // a long Latin text whose function words are plainly the target's ("the … of … and") is not
  // handed to franc, which costs a trigram profile per segment
  const words = functionWords(text)
  return !(words.best === tgt && words.count >= 4 && words.count >= 3 * words.second)
}

function untranslatedFindings(unit: AlignedUnit, src: Lang, tgt: Lang, kinds: Set<FindingKind>): Finding[] {
  const st = unit.texts[src]
  const tt = unit.texts[tgt]
  if (!st || !st.trim()) return []
  if (!tt || !tt.trim()) {
    return kinds.has('empty') ? [finding('empty', 'warning', unit, src, tgt, 'empty', `no ${tgt} text is aligned with this ${src} segment`, [segment(unit, src), segment(unit, tgt)])] : []
  }
  if (!kinds.has('untranslated')) return []
  const letters = (tt.match(/\p{L}/gu) ?? []).length
  if (collapse(st) === collapse(tt) && letters >= 3) {
    return [finding('untranslated', 'error', unit, src, tgt, 'copy', `the ${tgt} segment is a copy of the ${src} segment`, [segment(unit, src), segment(unit, tgt, [{ start: 0, end: tt.length }])])]
  }
  if (!mayBeWrongLanguage(tt, tgt, letters)) return []
  const guess = detectLanguage(tt)
  if (guess.language && guess.language !== tgt) {
    const scriptBased = ['zh', 'ru', 'ar'].includes(guess.language) || ['zh', 'ru', 'ar'].includes(tgt)
    const confident = scriptBased ? guess.confidence >= 0.6 && letters >= 4 : guess.confidence >= 0.5 && letters >= 60
    if (confident) {
      return [
        finding('untranslated', 'error', unit, src, tgt, `lang-${guess.language}`, `the ${tgt} segment is written in ${guess.language} (detected, confidence ${guess.confidence})`, [
          segment(unit, src),
          segment(unit, tgt, [{ start: 0, end: tt.length }]),
        ]),
      ]
    }
  }
  return []
}

// ── variants ───────────────────────────────────────────────────────────────

/** A source term whose variants are reported. */
export interface VariantTerm {
  term: string
  /**
   * From the approved glossary (its renderings are known to be of this concept), or mined
   * (then only a term with one strongly associated majority rendering is judged).
   */
  approved: boolean
}

export interface VariantOptions {
  scope?: Set<number>
  /**
   * Longer source terms (mined): an occurrence of the term inside one of them is an occurrence
   * of that longer name (委员会 inside 妇女地位委员会), whose rendering may rightly differ.
   */
  longerTerms?: string[]
}

/** Minimum share of the majority rendering, and its Dice with the term, for a mined term to be judged. */
const MINED_MAJOR_SHARE = 0.4
const MINED_MAJOR_DICE = 0.4
/** Share of the units holding a minority rendering that must hold the term (else it renders something else). */
const MINOR_PRECISION = 0.5
/** Least share of the occurrences a minority rendering must have. */
const MINOR_SHARE = 0.05

/**
 * What an occurrence of a term is part of: the longest longer term found around it, else the
 * content word right before it (the modifier: 妇女地位|委员会, Human Rights|Committee), else the term.
 */
function occurrenceContext(index: MemoryIndex, unit: number, src: Lang, spanStart: number, term: string, longer: Array<{ text: string; at: number[] }>): string {
  const hay = src === 'zh' ? index.folded[unit].zh : index.units[unit].texts[src]?.toLowerCase()
  if (!hay) return term
  let best = term
  for (const l of longer) {
    if (l.text.length <= best.length) continue
    for (const k of l.at)
      if (spanStart - k >= 0 && hay.startsWith(l.text, spanStart - k)) {
        best = l.text
        break
      }
  }
  if (best !== term) return best
  const toks = tokensOf(index, unit, src) ?? []
  // inside a longer word of the segmentation (a dictionary name: 人权理事会)
  const covering = toks.find((t) => t.start <= spanStart && t.end >= spanStart + term.length && t.end - t.start > term.length)
  if (covering) return covering.key
  const before = toks.find((t) => t.end === spanStart || (src !== 'zh' && t.end + 1 === spanStart && hay[t.end] === ' '))
  if (before && !isStopword(src, before.text) && /\p{L}/u.test(before.text)) return `${before.key}|${term}`
  return term
}

/**
 * Variants of one term from its discovery: a majority rendering and a minority one used at least
 * twice that is a real alternative rendering of the same concept:
 *  - mined terms are judged only when their majority rendering is strongly associated with them;
 *  - the minority rendering must mostly occur where the term occurs (else it is another term's);
 *  - the minority occurrences must mostly be of the same source context as the majority ones
 *    (委员会 in 妇女地位委员会 → Commission and in 人权事务委员会 → Committee are different bodies).
 */
function variantsOfTerm(index: MemoryIndex, vt: VariantTerm, src: Lang, targets: Lang[], result: Discovery, options: VariantOptions): Finding[] {
  const out: Finding[] = []
  const term = vt.term
  const lowerTerm = src === 'zh' ? term : term.toLowerCase()
  const longer = (options.longerTerms ?? [])
    .map((t) => (src === 'zh' ? t : t.toLowerCase()))
    .filter((t) => t !== lowerTerm && t.includes(lowerTerm))
    .map((text) => {
      const at: number[] = []
      for (let k = text.indexOf(lowerTerm); k >= 0; k = text.indexOf(lowerTerm, k + 1)) at.push(k)
      return { text, at }
    })
  for (const tgt of targets) {
    const list = result.renderings[tgt] ?? []
    const n = result.occurrencesWithTarget[tgt] ?? 0
    if (list.length < 2 || n < 4) continue
    const [major, ...rest] = list
    if (major.share < 0.4) continue
    if (!vt.approved && (major.share < MINED_MAJOR_SHARE || major.dice < MINED_MAJOR_DICE)) continue
    const byUnit = result.spans[tgt]
    // source context of each occurrence, by the rendering extracted there
    const contextsOf = (key: string): Map<number, string> => {
      const m = new Map<number, string>()
      for (const [u, spans] of byUnit ?? []) {
        if (!spans.some((x) => x.key === key)) continue
        const srcText = src === 'zh' ? index.folded[u].zh : index.units[u].texts[src]?.toLowerCase()
        const at = srcText ? srcText.indexOf(lowerTerm) : -1
        m.set(u, at < 0 ? term : occurrenceContext(index, u, src, at, lowerTerm, longer))
      }
      return m
    }
    const majorContexts = new Set(contextsOf(major.key).values())
    for (const minor of rest) {
      // a rendering met once or twice in a large sample is noise (a garbled alignment, a quotation)
      if (minor.count < Math.max(2, MINOR_SHARE * n) || minor.dice < 0.1) continue
      // a longer or shorter span around the same words is not a variant, nor the same words in
      // another order across a list ("desarrollo y los países" beside "países en desarrollo")
      if (minor.key.includes(major.key) || major.key.includes(minor.key)) continue
      if (reorderedWords(minor, major, tgt)) continue
      // the minority rendering must mostly occur where the term occurs, else it renders something else
      if (minor.precision < MINOR_PRECISION) continue
      const contexts = contextsOf(minor.key)
      // judged on the occurrences inside a longer name or after a modifier (the bare term is ambiguous)
      let shared = 0
      let specific = 0
      for (const c of contexts.values())
        if (c !== term) {
          specific++
          if (majorContexts.has(c)) shared++
        }
      if (shared * 2 < specific) continue
      const groups: number[] = []
      const segments: FindingSegment[] = []
      const documents = new Map<string, number>()
      for (const [u, spans] of byUnit ?? []) {
        const s = spans.find((x) => x.key === minor.key)
        if (!s) continue
        const unit = index.units[u]
        groups.push(unit.groupId)
        documents.set(unit.documentSymbol, (documents.get(unit.documentSymbol) ?? 0) + 1)
        // each minority occurrence as the pair it is: the source with the term, the target with its rendering
        if (segments.length < 6) {
          segments.push({ ...segment(unit, src, spansOf(unit.texts[src] ?? '', src, term)), documentSymbol: unit.documentSymbol, paragraphLabel: unit.paragraphLabel })
          segments.push({ ...segment(unit, tgt, [{ start: s.start, end: s.end }]), documentSymbol: unit.documentSymbol, paragraphLabel: unit.paragraphLabel })
        }
      }
      if (groups.length === 0) continue
      const docs = [...documents.keys()]
      const first = segments[1] ?? segments[0]
      out.push({
        key: `variant:${src}-${tgt}:${term}:${minor.key}`,
        kind: 'variant',
        severity: 'warning',
        sourceLang: src,
        targetLang: tgt,
        groupIds: groups,
        // one document, or all of them (the segments name each their own)
        documentSymbol: docs.length === 1 ? docs[0] : docs.join(', '),
        paragraphLabel: docs.length === 1 && groups.length === 1 ? (first.paragraphLabel ?? null) : null,
        message: `"${term}" is rendered "${minor.text}" ${minor.count}× but "${major.text}" ${major.count}× (of ${n})${docs.length > 1 ? ` in ${docs.length} documents` : ''}`,
        segments,
        accepted: false,
      })
    }
  }
  return out
}

/**
 * Are two renderings the same content words in another order ("desarrollo y los países" and
 * "países en desarrollo")? Such a span runs across a list, it is not a second rendering; the
 * same words in the same order with other function words ("igualdad entre los géneros",
 * "igualdad de género") are one.
 */
function reorderedWords(a: { text: string }, b: { text: string }, lang: Lang): boolean {
  const words = (r: { text: string }) => [...new Set(tokenize(r.text, lang).filter((t) => !isStopword(lang, t.text)).map((t) => t.key))]
  const x = words(a)
  const y = words(b)
  return x.length === y.length && x.every((k) => y.includes(k)) && x.some((k, i) => y[i] !== k)
}

/** Variants of the given source terms within a set of units (indices into the index). */
export function variantFindings(index: MemoryIndex, terms: Array<string | VariantTerm>, src: Lang, targets: Lang[], options: VariantOptions = {}): Finding[] {
  const out: Finding[] = []
  for (const t of terms) {
    const vt = typeof t === 'string' ? { term: t, approved: true } : t
    const result = discoverRenderings(index, vt.term, src, { targets, restrictTo: options.scope, maxResults: 4 })
    out.push(...variantsOfTerm(index, vt, src, targets, result, options))
  }
  return out
}

/** variantFindings yielding to the event loop between terms and languages (for servers). */
export async function variantFindingsAsync(index: MemoryIndex, terms: VariantTerm[], src: Lang, targets: Lang[], options: VariantOptions = {}): Promise<Finding[]> {
  const out: Finding[] = []
  for (const vt of terms) {
    const result = await discoverRenderingsAsync(index, vt.term, src, { targets, restrictTo: options.scope, maxResults: 4 })
    out.push(...variantsOfTerm(index, vt, src, targets, result, options))
  }
  return out
}

/** The languages each document has: a language a document has no version in is not "empty". */
function documentLanguages(units: AlignedUnit[]): Map<string, Set<Lang>> {
  const docLangs = new Map<string, Set<Lang>>()
  for (const u of units) {
    let set = docLangs.get(u.documentSymbol)
    if (!set) docLangs.set(u.documentSymbol, (set = new Set()))
    for (const l of Object.keys(u.texts) as Lang[]) if (u.texts[l]?.trim()) set.add(l)
  }
  return docLangs
}

function checkUnit(unit: AlignedUnit, options: CheckOptions, kinds: Set<FindingKind>, docLangs: Map<string, Set<Lang>>, out: Finding[]): void {
  const src = options.sourceLang ?? (unit.texts.zh ? 'zh' : unit.texts.en ? 'en' : (LANGS.find((l) => unit.texts[l]) ?? 'zh'))
  if (!unit.texts[src]) return
  const targets = (options.targets ?? LANGS).filter((l) => l !== src && docLangs.get(unit.documentSymbol)?.has(l))
  // untranslated segments are looked for whatever kinds are asked, so that a report of numbers
  // alone leaves out the same copied or wrong-language segments as the full report does
  const detect = kinds.has('untranslated') ? kinds : new Set<FindingKind>([...kinds, 'untranslated'])
  for (const tgt of targets) {
    const untranslated = untranslatedFindings(unit, src, tgt, detect)
    out.push(...untranslated.filter((f) => kinds.has(f.kind)))
    // a copied or wrong-language segment is one finding, not also every fact and term it lacks
    if (!unit.texts[tgt] || untranslated.length) continue
    out.push(...factFindings(unit, src, tgt, kinds))
    if (kinds.has('glossary') && options.glossary?.length) out.push(...glossaryFindings(unit, src, tgt, options.glossary))
  }
}

/** All unit-level checks (facts, glossary, untranslated, empty) over a list of units. */
export function checkUnits(units: AlignedUnit[], options: CheckOptions = {}): Finding[] {
  const kinds = new Set(options.kinds ?? ALL_KINDS)
  const out: Finding[] = []
  const docLangs = documentLanguages(units)
  for (const unit of units) checkUnit(unit, options, kinds, docLangs, out)
  return out
}

/** checkUnits in slices of units, yielding to the event loop between them (for servers). */
export async function checkUnitsAsync(units: AlignedUnit[], options: CheckOptions = {}): Promise<Finding[]> {
  const kinds = new Set(options.kinds ?? ALL_KINDS)
  const out: Finding[] = []
  const docLangs = documentLanguages(units)
  for (let i = 0; i < units.length; i++) {
    checkUnit(units[i], options, kinds, docLangs, out)
    if (i % 32 === 31) await yieldToEventLoop()
  }
  return out
}
