/**
 * Facts a translation must keep: numbers, dates, percentages, document
 * symbols, resolution numbers and Latin-script names/acronyms, each with a
 * value normalised so that the six language versions compare equal:
 *   `2024 年 5 月 16 日` = `16 May 2024` = `16 mai 2024` = `16 de mayo de 2024`
 *   = `16 мая 2024 года` = `16 أيار/مايو 2024`  → date 2024-05-16
 *   `1,000` (en) = `1 000` (fr, ru) = `1.000` (es) = `١٬٠٠٠` (ar) → number 1000
 *   `第 76/181 号决议` = `resolution 76/181` → resolution 76/181
 */
import type { Lang } from '../types.ts'
import { chineseToInt, normaliseWidth } from './numerals.ts'

export type FactKind = 'number' | 'date' | 'percent' | 'symbol' | 'resolution' | 'name'

export interface Fact {
  kind: FactKind
  /** Normalised value: `1000`, `2024-05-16`, `2024-05`, `--05-16`, `12.5`, `E/CN.15/2024/L.7`, `76/181`, `UNODC`. */
  value: string
  /** The text it was read from. */
  text: string
  /** Offset of `text` in the (width-normalised) input. */
  index: number
}

/** Month names by language (lower case, accents kept), 1-based by position. */
const MONTHS: Record<Exclude<Lang, 'zh'>, string[][]> = {
  en: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
  fr: [['janvier'], ['février', 'fevrier'], ['mars'], ['avril'], ['mai'], ['juin'], ['juillet'], ['août', 'aout'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'decembre']],
  es: [['enero'], ['febrero'], ['marzo'], ['abril'], ['mayo'], ['junio'], ['julio'], ['agosto'], ['septiembre', 'setiembre'], ['octubre'], ['noviembre'], ['diciembre']],
  // genitive, nominative, prepositional and instrumental ("между октябрем 2013 года и февралем 2014 года")
  ru: [['января', 'январь', 'январе', 'январем', 'январём'], ['февраля', 'февраль', 'феврале', 'февралем', 'февралём'], ['марта', 'март', 'марте', 'мартом'], ['апреля', 'апрель', 'апреле', 'апрелем'], ['мая', 'май', 'мае', 'маем'], ['июня', 'июнь', 'июне', 'июнем'], ['июля', 'июль', 'июле', 'июлем'], ['августа', 'август', 'августе', 'августом'], ['сентября', 'сентябрь', 'сентябре', 'сентябрем', 'сентябрём'], ['октября', 'октябрь', 'октябре', 'октябрем', 'октябрём'], ['ноября', 'ноябрь', 'ноябре', 'ноябрем', 'ноябрём'], ['декабря', 'декабрь', 'декабре', 'декабрем', 'декабрём']],
  // UN Arabic writes the Levantine and the Egyptian name joined by a slash: أيار/مايو
  ar: [['كانون الثاني/يناير', 'يناير', 'كانون الثاني'], ['شباط/فبراير', 'فبراير', 'شباط'], ['آذار/مارس', 'مارس', 'آذار'], ['نيسان/أبريل', 'أبريل', 'نيسان', 'ابريل'], ['أيار/مايو', 'مايو', 'أيار'], ['حزيران/يونيه', 'يونيه', 'يونيو', 'حزيران'], ['تموز/يوليه', 'يوليه', 'يوليو', 'تموز'], ['آب/أغسطس', 'أغسطس', 'آب'], ['أيلول/سبتمبر', 'سبتمبر', 'أيلول'], ['تشرين الأول/أكتوبر', 'أكتوبر', 'تشرين الأول'], ['تشرين الثاني/نوفمبر', 'نوفمبر', 'تشرين الثاني'], ['كانون الأول/ديسمبر', 'ديسمبر', 'كانون الأول']],
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

interface MonthMatcher {
  re: RegExp
  month: Map<string, number>
  /** A month name and a list or range word ending a text ("October and ", "octobre et "): a month list's first month. */
  before: RegExp
}
const monthMatchers = new Map<Lang, MonthMatcher>()
function monthMatcher(lang: Exclude<Lang, 'zh'>): MonthMatcher {
  let m = monthMatchers.get(lang)
  if (!m) {
    const month = new Map<string, number>()
    const names: string[] = []
    MONTHS[lang].forEach((forms, i) => {
      for (const f of forms) {
        month.set(f, i + 1)
        names.push(f)
      }
    })
    names.sort((a, b) => b.length - a.length)
    const alt = names.map(escape).join('|')
    const L = lang === 'ar' || lang === 'ru' ? '' : '\\b'
    // a month name is a whole word: "Mai" is not in "Maintien" (Arabic names take no ending)
    const E = lang === 'ar' ? '' : '(?!\\p{L})'
    // day month [de] year | month day, year | month [de] year
    const src =
      lang === 'en'
        ? `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(${alt})\\.?(?:,?\\s+(\\d{4}))?|(${alt})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*(\\d{4}))?|(${alt})\\s+(\\d{4}))${L}`
        : `(?:(\\d{1,2})(?:er|º|°|\\.)?\\s+(?:de\\s+)?(${alt})${E}(?:\\s+(?:de\\s+|del\\s+|месяца\\s+)?(\\d{4}))?|(${alt})${E}(?:\\s+(?:de\\s+|del\\s+|месяца\\s+)?)(\\d{4}))`
    const before = new RegExp(`(?<!\\p{L})(${alt})\\s*(?:,|and|et|y|e|и|و|to|à|a|-|–)\\s*$`, lang === 'ar' ? 'u' : 'iu')
    m = { re: new RegExp(src, lang === 'ar' ? 'gu' : 'giu'), month, before }
    monthMatchers.set(lang, m)
  }
  return m
}

/** After a Chinese date with a day: the next day of a range or list (至22日, 和12日, 、18日, 至6月2日). */
const ZH_NEXT_DAY = /^\s*(?:至|到|-|–|—|和|及|与|、|,)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/
/** After a Chinese month without a day: the next month of a range or list (2014年7月至8月). */
const ZH_NEXT_MONTH = /^\s*(?:至|到|-|–|—|和|及|与|、)\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/

const pad = (n: number | string) => String(n).padStart(2, '0')

function dateValue(year: string | undefined, month: number, day: string | undefined): string {
  return `${year ?? '--'}-${pad(month)}${day ? `-${pad(day)}` : ''}`
}

/** Parses a number as written in `lang` (thousands and decimal separators differ). */
export function parseNumber(raw: string, lang: Lang): number | null {
  let s = normaliseWidth(raw).replace(/[\s\u00a0\u202f\u2009']/g, ' ')
  const decimalComma = lang === 'fr' || lang === 'es' || lang === 'ru'
  if (decimalComma) {
    // 1.000 (es) and 1 000 are thousands; 1,5 is a decimal
    s = s.replace(/ /g, '')
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '')
    s = s.replace(',', '.')
  } else {
    s = s.replace(/ /g, '')
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '')
    else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.')
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

/** A value as text, without the binary noise of a scaled decimal (2.779 × 1e8 is 277900000, not 277900000.00000006); whole numbers exact. */
const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))))

/**
 * Scale words after a number, so that `150万` = `1.5 million` = `1,5 millones` = `1500 тыс.`.
 * Tried in order: "mil millones" before "mil". Chinese 多/余 ("200多万", more than 2 million) sits
 * between the number and its scale.
 */
const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^\s*(?:billion|billions|milliard|milliards|mil millones|млрд\.?|миллиард\p{L}*|مليار|بليون|بلايين)(?![\p{L}])/iu, 1e9],
  [/^\s*(?:million|millions|millones|millón|millon|млн\.?|миллион\p{L}*|مليون|ملايين)(?![\p{L}])/iu, 1e6],
  [/^\s*(?:mil|тыс\.?|тысяч\p{L}*|ألف|آلاف)(?![\p{L}])/iu, 1e3],
  [/^\s*[多余]?\s*万/u, 1e4],
  [/^\s*[多余]?\s*亿/u, 1e8],
]

/** The scale word right after a number (`万`, `million`, `тыс.`): its multiplier and length, or none. */
function scaleAfter(after: string): { multiplier: number; length: number } | null {
  for (const [re, multiplier] of MULTIPLIERS) {
    const mm = after.match(re)
    if (mm) return { multiplier, length: mm[0].length }
  }
  return null
}

/** A Latin-script name or acronym: two or more capitals, perhaps with a number (COVID-19, G20). */
const NAME = /(?<![A-Za-z\d])[A-Z][A-Za-z]*[A-Z](?:-?\d+)?(?![A-Za-z\d])/g

const PERCENT_AFTER = /^\s*(?:%|per\s*cent|percent|pour\s*cent|por\s*ciento|процент\w*|في المائة|في المئة|بالمائة)/iu

/**
 * The facts in a text: numbers, dates, percentages, document symbols,
 * resolution numbers, and Latin-script names and acronyms.
 */
export function extractFacts(text: string, lang: Lang): Fact[] {
  const t = normaliseWidth(text)
  const facts: Fact[] = []
  const taken = new Uint8Array(t.length)
  const take = (start: number, end: number) => taken.fill(1, start, end)
  const free = (start: number, end: number) => {
    for (let k = start; k < end; k++) if (taken[k]) return false
    return true
  }
  const add = (kind: FactKind, value: string, start: number, end: number) => {
    facts.push({ kind, value, text: t.slice(start, end), index: start })
    take(start, end)
  }
  let m: RegExpExecArray | null
  // Latin-script names and acronyms: UNODC, COVID-19, SDG, G20 (two or more capitals), where no other fact is
  const addNames = () => {
    for (const n of t.matchAll(NAME)) if (n[0].length >= 2 && free(n.index!, n.index! + n[0].length)) add('name', n[0].toUpperCase(), n.index!, n.index! + n[0].length)
  }
  // Every fact but a name holds a digit (Chinese numerals only in dates with 月 and in 百分之):
  // most sentences take this short way.
  const digits = /\d/.test(t) || (lang === 'zh' && (t.includes('月') || t.includes('百分之')))
  if (!digits) {
    if (/[A-Z]/.test(t)) addNames()
    return facts
  }

  // Document symbols: E/CN.15/2024/L.7, A/RES/76/181, S/2024/123, E/2024/30
  const SYMBOL = /\b(?:[A-Z]{1,6}(?:\.\d+)?)(?:\/(?:[A-Z]{1,8}(?:\.\d+)*|\d+(?:\.\d+)?|[A-Z]+\.\d+(?:\/Rev\.\d+)?))+(?:\/(?:Rev|Add|Corr)\.\d+)*/g
  while ((m = SYMBOL.exec(t))) {
    if (m[0].split('/').length >= 2 && /\d/.test(m[0])) add('symbol', m[0].toUpperCase(), m.index, m.index + m[0].length)
  }
  // Resolutions and decisions: 76/181, 2024/30 (a number/number pair not part of a symbol or date)
  const RES = /(?<![\d/.])(\d{1,4})\s*\/\s*(\d{1,4}[A-Z]?)(?![\d/])/g
  while ((m = RES.exec(t))) {
    if (free(m.index, m.index + m[0].length)) add('resolution', `${Number(m[1])}/${m[2]}`, m.index, m.index + m[0].length)
  }
  // Chinese dates: 2024年5月16日, 2024年5月, 5月16日
  if (lang === 'zh') {
    // a range of months in one: 2014年7-8月 → 2014-07 and 2014-08
    const ZH_MONTHS = /(\d{4})\s*年\s*(\d{1,2})\s*[-–—至到]\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/g
    while ((m = ZH_MONTHS.exec(t))) {
      const a = Number(m[2])
      const b = Number(m[3])
      if (a < 1 || a > 12 || b < 1 || b > 12) continue
      const split = m.index + m[0].search(/[-–—至到]/)
      add('date', dateValue(m[1], a, undefined), m.index, split)
      add('date', dateValue(m[1], b, undefined), split, m.index + m[0].length)
    }
    // the day's 日 may be left to the end of a range: 2月17至25日
    const ZH_DATE = /(?:(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)?(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:日|(?=(?:至|到|-|–|—)\s*\d{1,2}\s*日)))?/g
    while ((m = ZH_DATE.exec(t))) {
      const toN = (s: string | undefined) => (s == null ? undefined : /\d/.test(s) ? String(Number(s)) : String(chineseToInt(s) ?? ''))
      const month = Number(toN(m[2]))
      if (!month || month > 12) continue
      if (!m[1] && !m[3]) continue
      if (!free(m.index, m.index + m[0].length)) continue
      add('date', dateValue(toN(m[1]), month, toN(m[3])), m.index, m.index + m[0].length)
      // ranges and lists: 2015年5月18日至22日, 3月11日和12日, 2月17日、18日和19日 → also 2015-05-22, 03-12 …;
      // 2014年7月至8月, 2014年7-8月 → also 2014-08
      let at = m.index + m[0].length
      let tail: RegExpMatchArray | null
      while ((tail = t.slice(at).match(m[3] ? ZH_NEXT_DAY : ZH_NEXT_MONTH))) {
        const nextMonth = m[3] ? (tail[1] ? Number(tail[1]) : month) : Number(tail[1])
        if (nextMonth < 1 || nextMonth > 12) break
        add('date', dateValue(toN(m[1]), nextMonth, m[3] ? String(Number(tail[2])) : undefined), at, at + tail[0].length)
        at += tail[0].length
      }
      ZH_DATE.lastIndex = at
    }
    const ZH_YEAR = /(\d{4})\s*年/g
    while ((m = ZH_YEAR.exec(t))) if (free(m.index, m.index + m[0].length)) add('number', String(Number(m[1])), m.index, m.index + m[0].length)
    // 百分之十五 / 百分之15
    const ZH_PCT = /百分之\s*(\d+(?:\.\d+)?|[零〇一二三四五六七八九十百点]+)/g
    while ((m = ZH_PCT.exec(t))) {
      const v = /\d/.test(m[1]) ? Number(m[1]) : chineseToInt(m[1].replace(/点.*/, ''))
      if (v != null) add('percent', formatNumber(v), m.index, m.index + m[0].length)
    }
  } else {
    const { re, month, before: monthBefore } = monthMatcher(lang)
    re.lastIndex = 0
    while ((m = re.exec(t))) {
      const name = (m[2] ?? m[4] ?? m[7] ?? '').toLowerCase()
      const mo = month.get(name)
      if (!mo) continue
      const day = lang === 'en' ? (m[1] ?? m[5]) : m[1]
      const year = lang === 'en' ? (m[3] ?? m[6] ?? m[8]) : (m[3] ?? m[5])
      if (!day && !year) continue
      if (day && Number(day) > 31) continue
      add('date', dateValue(year, mo, day ? String(Number(day)) : undefined), m.index, m.index + m[0].length)
      // a range: 18-22 May 2015, du 18 au 22 mai, del 18 al 22 de mayo → also the first day
      const head = day ? t.slice(Math.max(0, m.index - 16), m.index).match(/(?<![\d.,])(\d{1,2})(?:er)?\s*(?:[-–—]{1,2}|al|au|a|по|إلى|و|to|and|et|y|и)\s*$/iu) : null
      if (head) add('date', dateValue(year, mo, String(Number(head[1]))), m.index - head[0].length, m.index)
      // a list or range of months sharing the year: "October and November 2014", "octobre et novembre 2014"
      if (!day && year) {
        const before = t.slice(Math.max(0, m.index - 40), m.index)
        const prev = monthBefore.exec(before)
        const pm = prev ? month.get(prev[1].toLowerCase()) : undefined
        const start = prev ? m.index - before.length + prev.index : -1
        if (pm && free(start, m.index)) add('date', dateValue(year, pm, undefined), start, m.index)
      }
    }
  }
  // A number glued to a currency code or name written before it (EUR1.5 million, Euro1.5 million,
  // SwF2.5): read before the names, which would take EUR1 as one. ($2 million is an ordinary number.)
  const GLUED = /(?<=(?:Euro|EUR|USD|CHF|SwF))(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?![\d])/g
  while ((m = GLUED.exec(t))) {
    const v = parseNumber(m[0], lang)
    if (v == null || !free(m.index, m.index + m[0].length)) continue
    const scale = scaleAfter(t.slice(m.index + m[0].length, m.index + m[0].length + 24))
    add('number', formatNumber(scale ? v * scale.multiplier : v), m.index, m.index + m[0].length + (scale?.length ?? 0))
  }
  addNames()
  // Numbers (with percentages and multipliers)
  // Thousands separators: commas (en, zh, ar), spaces (fr, ru, and Chinese UN texts), dots (es); decimals: dot or comma.
  const NUM =
    lang === 'fr' || lang === 'ru'
      ? /(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,])\d+\.\d{1,2}(?![\d]|[.,]\d)|(?<![\w.,])\d+(?:,\d+)?(?![\d])/g
      : lang === 'es'
        ? /(?<![\w.,])\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,])\d+\.\d{1,2}(?![\d]|[.,]\d)|(?<![\w.,])\d+(?:,\d+)?(?![\d])/g
        : lang === 'ar'
          ? // Arabic UN texts write decimals with a comma too (0,7 في المائة)
            /(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+,\d{1,2}(?![\d]|[.,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\d])/g
          : /(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])/g
  NUM.lastIndex = 0
  while ((m = NUM.exec(t))) {
    const start = m.index
    let end = start + m[0].length
    if (!free(start, end)) continue
    let v = parseNumber(m[0], lang)
    if (v == null) continue
    const after = t.slice(end, end + 24)
    const pct = after.match(PERCENT_AFTER)
    if (pct) {
      add('percent', formatNumber(v), start, end + pct[0].length)
      continue
    }
    const scale = scaleAfter(after)
    if (scale) {
      v *= scale.multiplier
      end += scale.length
    }
    add('number', formatNumber(v), start, end)
  }
  facts.sort((a, b) => a.index - b.index)
  return facts
}

/** `kind:value` strings, the form the aligner compares. */
export function factKeys(text: string, lang: Lang): string[] {
  return extractFacts(text, lang).map((f) => `${f.kind}:${f.value}`)
}
