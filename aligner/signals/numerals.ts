/**
 * Numerals across the six UN scripts: Arabic-Indic and full-width digits,
 * Roman numerals, Chinese numerals, and the ordinal words that chapter
 * headings use (French `premier`, Arabic `الثالث عشر`).
 */

const DIGIT_MAP: Record<string, string> = {}
for (let d = 0; d < 10; d++) {
  DIGIT_MAP[String.fromCharCode(0x0660 + d)] = String(d) // Arabic-Indic
  DIGIT_MAP[String.fromCharCode(0x06f0 + d)] = String(d) // Extended Arabic-Indic (Persian/Urdu)
  DIGIT_MAP[String.fromCharCode(0xff10 + d)] = String(d) // full-width
}
const DIGIT_RE = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g

/** Replaces Arabic-Indic, Extended Arabic-Indic and full-width digits with ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(DIGIT_RE, (c) => DIGIT_MAP[c] ?? c)
}

/**
 * Full-width ASCII punctuation and letters (`（ａ）`, `％`, `／`) to their ASCII
 * forms, the Arabic decimal and thousands separators to `.` and `,`, and all
 * digits to ASCII.
 */
const WIDTH_ANY = /[\u0660-\u066c\u06f0-\u06f9\uff01-\uff5e]/

export function normaliseWidth(text: string): string {
  // most text has nothing to change: one scan instead of four replaces
  if (!WIDTH_ANY.test(text)) return text
  return asciiDigits(text)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',')
    .replace(/\u066a/g, '%')
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }

/** `XIII` → 13; null when the string is not a well-formed Roman numeral (case-insensitive). */
export function romanToInt(text: string): number | null {
  const s = text.toUpperCase()
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(s) || s === '') return null
  let total = 0
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]]
    const next = ROMAN[s[i + 1]] ?? 0
    total += v < next ? -v : v
  }
  return total
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const ZH_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 }

/** `十三` → 13, `一百零五` → 105, `二〇二四` → 2024; null when not a Chinese numeral. */
export function chineseToInt(text: string): number | null {
  if (!text || !/^[零〇一二两三四五六七八九十百千万亿]+$/.test(text)) return null
  // Digit-by-digit form used in years: 二〇二四
  if (!/[十百千万亿]/.test(text)) {
    let v = 0
    for (const c of text) v = v * 10 + ZH_DIGITS[c]
    return v
  }
  let total = 0
  let section = 0
  let digit = 0
  for (const c of text) {
    if (c in ZH_DIGITS) digit = ZH_DIGITS[c]
    else if (c in ZH_UNITS) {
      section += (digit || 1) * ZH_UNITS[c]
      digit = 0
    } else if (c in ZH_BIG) {
      total += (section + digit) * ZH_BIG[c]
      section = 0
      digit = 0
    }
  }
  return total + section + digit
}

const AR_UNITS: Array<[RegExp, number]> = [
  [/^(ال)?(أول|اول|أولى|حادي|حادية)$/, 1],
  [/^(ال)?(ثاني|ثانية|ثانى)$/, 2],
  [/^(ال)?(ثالث|ثالثة)$/, 3],
  [/^(ال)?(رابع|رابعة)$/, 4],
  [/^(ال)?(خامس|خامسة)$/, 5],
  [/^(ال)?(سادس|سادسة)$/, 6],
  [/^(ال)?(سابع|سابعة)$/, 7],
  [/^(ال)?(ثامن|ثامنة)$/, 8],
  [/^(ال)?(تاسع|تاسعة)$/, 9],
  [/^(ال)?(عاشر|عاشرة)$/, 10],
]
const AR_TENS: Array<[RegExp, number]> = [
  [/^(ال)?عشرون$/, 20],
  [/^(ال)?ثلاثون$/, 30],
  [/^(ال)?أربعون$/, 40],
  [/^(ال)?خمسون$/, 50],
]

/**
 * Arabic ordinal words as chapter headings write them: `الأول` → 1,
 * `الثالث عشر` → 13, `الحادي والعشرون` → 21. Reads from the start of `words`;
 * returns the value and how many words it used, or null.
 */
export function arabicOrdinal(words: string[]): { value: number; used: number } | null {
  const first = words[0]
  if (!first) return null
  let unit = 0
  for (const [re, v] of AR_UNITS) if (re.test(first)) unit = v
  if (!unit) {
    for (const [re, v] of AR_TENS) if (re.test(first)) return { value: v, used: 1 }
    return null
  }
  const second = words[1]
  if (second && /^(عشر|عشرة)$/.test(second) && unit < 10) return { value: unit + 10, used: 2 }
  if (second && second.startsWith('و')) {
    const rest = second.slice(1)
    for (const [re, v] of AR_TENS) if (re.test(rest)) return { value: v + unit, used: 2 }
  }
  return { value: unit, used: 1 }
}

const WORD_ORDINALS: Record<string, number> = {
  // en
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  // fr
  premier: 1, première: 1, deuxième: 2, second_fr: 2, troisième: 3, quatrième: 4, cinquième: 5, sixième: 6,
  // es
  primero: 1, primera: 1, segundo: 2, segunda: 2, tercero: 3, tercera: 3, cuarto: 4, quinto: 5, sexto: 6,
  // ru
  первая: 1, первый: 1, вторая: 2, второй: 2, третья: 3, третий: 3,
}

/** `premier` → 1, `Primero` → 1, `second` → 2; null otherwise. */
export function ordinalWord(word: string): number | null {
  return WORD_ORDINALS[word.toLowerCase()] ?? null
}

/** Reads a numeral of any supported kind: ASCII/Arabic-Indic digits, Roman, Chinese, ordinal words. */
export function anyNumeral(text: string): number | null {
  const t = asciiDigits(text.trim())
  if (/^\d+$/.test(t)) return Number(t)
  return romanToInt(t) ?? chineseToInt(t) ?? ordinalWord(t)
}
