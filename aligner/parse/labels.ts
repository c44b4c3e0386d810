/**
 * Structural markers at the start of a line or paragraph, in the six languages, and the
 * normalised labels they give: chapters as roman numerals (第一章, Chapter I, Chapitre premier,
 * Глава I, الفصل الأول → "I"), sections as Latin capitals (A., ألف - → "A"), numbered paragraphs
 * as Western digits ("99.", "٣ -" → "99", "3"), list items as Latin small letters or roman numerals
 * ("(a)", "a)", "(أ)" → "a"; "(ii)" → "ii").
 */
import type { Lang } from '../types.ts'

export type MarkerType = 'chapter' | 'section' | 'numbered' | 'item' | 'resolution' | 'annex'

export interface Marker {
  type: MarkerType
  label: string | null
  /** The marker as written ("99.", "(a)", "第一章"). */
  raw: string
  /** The rest of the line after the marker (for 'resolution', the whole line). */
  rest: string
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
]

export function toRoman(n: number): string {
  let out = ''
  for (const [value, numeral] of ROMAN) {
    while (n >= value) {
      out += numeral
      n -= value
    }
  }
  return out
}

export function fromRoman(s: string): number | null {
  if (!/^[IVXLCDM]+$/i.test(s)) return null
  const map: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }
  const up = s.toUpperCase()
  let total = 0
  for (let i = 0; i < up.length; i++) {
    const v = map[up[i]]
    const next = map[up[i + 1]] ?? 0
    total += v < next ? -v : v
  }
  return toRoman(total) === up ? total : null
}

const ZH_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 → 1 … 99. */
export function fromChineseNumeral(s: string): number | null {
  if (!/^[〇零一二两三四五六七八九十]+$/.test(s)) return null
  if (!s.includes('十')) return s.length === 1 ? (ZH_DIGITS[s] ?? null) : null
  const [tens, units] = s.split('十')
  const t = tens === '' ? 1 : ZH_DIGITS[tens]
  const u = units === '' ? 0 : ZH_DIGITS[units]
  if (t === undefined || u === undefined) return null
  return t * 10 + u
}

const AR_ORDINALS: Record<string, number> = {
  الأول: 1, الثاني: 2, الثالث: 3, الرابع: 4, الخامس: 5, السادس: 6, السابع: 7, الثامن: 8, التاسع: 9, العاشر: 10,
  'الحادي عشر': 11, 'الثاني عشر': 12, 'الثالث عشر': 13, 'الرابع عشر': 14, 'الخامس عشر': 15, 'السادس عشر': 16,
  'السابع عشر': 17, 'الثامن عشر': 18, 'التاسع عشر': 19, العشرون: 20,
}

/** Arabic ordinal adverbs numbering chapters ("أولا -" = I). */
const AR_CHAPTER_ADVERBS = ['أولا', 'ثانيا', 'ثالثا', 'رابعا', 'خامسا', 'سادسا', 'سابعا', 'ثامنا', 'تاسعا', 'عاشرا']

/** Arabic letter names used for section labels, in order (ألف = A). */
const AR_SECTION_LETTERS = ['ألف', 'باء', 'جيم', 'دال', 'هاء', 'واو', 'زاي', 'حاء', 'طاء', 'ياء', 'كاف', 'لام']
/** Arabic item letters in abjad order ((أ) = a). */
const AR_ITEM_LETTERS = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض']
const CYRILLIC_TO_LATIN: Record<string, string> = { а: 'a', б: 'b', в: 'c', г: 'd', д: 'e', е: 'f', ж: 'g', з: 'h', и: 'i', к: 'j', л: 'k', м: 'l', н: 'm', о: 'n', п: 'o' }
const CYRILLIC_HOMOGLYPHS: Record<string, string> = { А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X' }

/** Eastern Arabic-Indic and Persian digits → Western digits. */
export function westernDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf))
}

function itemLabel(raw: string): string | null {
  if (/^[ivxlc]+$/.test(raw) || /^[a-z]{1,2}$/.test(raw)) return raw
  const lower = raw.toLowerCase()
  if (lower.length === 1 && CYRILLIC_TO_LATIN[lower]) return CYRILLIC_TO_LATIN[lower]
  const ar = AR_ITEM_LETTERS.indexOf(raw === 'ه' ? 'هـ' : raw)
  if (ar >= 0) return String.fromCharCode(97 + ar)
  return null
}

const RESOLUTION_PATTERNS: RegExp[] = [
  /^(?:决议草案|决定草案)([一二三四五六七八九十]*)$/u,
  /^第\s*(\d+\/\d+)\s*号(?:决议|决定)$/u,
  /^Draft (?:resolution|decision)(?:\s+([IVXLC]+))?$/u,
  /^(?:Resolution|Decision)\s+(\d+\/\d+)$/u,
  /^Projet de (?:résolution|décision)(?:\s+([IVXLC]+))?$/u,
  /^(?:Résolution|Décision)\s+(\d+\/\d+)$/u,
  /^Proyecto de (?:resolución|decisión)(?:\s+([IVXLC]+))?$/u,
  /^(?:Resolución|Decisión)\s+(\d+\/\d+)$/u,
  /^Проект (?:резолюции|решения)(?:\s+([IVXLC]+))?$/u,
  /^(?:Резолюция|Решение)\s+(\d+\/\d+)$/u,
  /^مشروع (?:القرار|المقرر)(?:\s+(\S+(?:\s+عشر)?))?$/u,
  /^(?:القرار|المقرر)\s+(\d+\/\d+)$/u,
]

function resolutionLabel(captured: string | undefined): string | null {
  if (!captured) return null
  if (/^\d+\/\d+$/.test(captured)) return captured
  const zh = fromChineseNumeral(captured)
  if (zh) return toRoman(zh)
  const ar = AR_ORDINALS[captured]
  if (ar) return toRoman(ar)
  if (fromRoman(captured)) return captured.toUpperCase()
  return null
}

/** "Article 12", "Article premier", "Artículo 12", "Статья 12", "المادة 12", "第十二条" (the whole text) → "12". */
export function articleNumber(text: string): string | null {
  const m = /^(?:Article|Artículo|Статья|المادة)\s+(premier|primero|\d{1,3}|[\u0660-\u0669]{1,3})$/iu.exec(text.trim())
  if (m) return /^prem|^prim/i.test(m[1]) ? '1' : String(Number(westernDigits(m[1])))
  const zh = /^第([一二三四五六七八九十百]+)条$/u.exec(text.trim())
  const n = zh ? fromChineseNumeral(zh[1]) : null
  return n ? String(n) : null
}

/** The structural marker a (trimmed) line starts with, if any. */
export function matchMarker(line: string, lang: Lang): Marker | null {
  const text = line.trim()
  if (!text) return null
  let m: RegExpExecArray | null

  // Chapters: 第一章 / Chapter I / Chapitre premier / Capítulo I / Глава I / الفصل الأول
  if ((m = /^第([一二三四五六七八九十]+)章$/u.exec(text))) {
    const n = fromChineseNumeral(m[1])
    if (n) return { type: 'chapter', label: toRoman(n), raw: text, rest: '' }
  }
  if ((m = /^(?:Chapter|Chapitre|Capítulo|Глава)\s+(premier|[IVXLC]+)$/iu.exec(text))) {
    const label = m[1].toLowerCase() === 'premier' ? 'I' : fromRoman(m[1]) ? m[1].toUpperCase() : null
    if (label) return { type: 'chapter', label, raw: text, rest: '' }
  }
  if ((m = /^الفصل\s+(.+)$/u.exec(text))) {
    const n = AR_ORDINALS[m[1].trim()] ?? (fromRoman(m[1].trim()) || null)
    if (n) return { type: 'chapter', label: toRoman(n), raw: text, rest: '' }
  }

  // Articles of a convention or declaration, on a line of their own: 第八条 / Article 8 / Article premier /
  // Artículo 8 / Статья 8 / المادة 8 → "8". They open a block as a section heading does, never joined to the paragraph before.
  const article = articleNumber(text)
  if (article) return { type: 'section', label: article, raw: text, rest: '' }

  // "一、导言": a chapter numbered in Chinese numerals with its title
  if ((m = /^([一二三四五六七八九十]{1,3})、\s*(\S.*)$/u.exec(text))) {
    const n = fromChineseNumeral(m[1])
    if (n) return { type: 'chapter', label: toRoman(n), raw: `${m[1]}、`, rest: m[2] }
  }
  // "أولا - مقدمة": a chapter numbered by an Arabic ordinal adverb (أولا، ثانيا … عاشرا, with or without tanwin)
  if ((m = /^(أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)ً?\s*[-–]\s*(\S.*)$/u.exec(text))) {
    const n = AR_CHAPTER_ADVERBS.indexOf(m[1]) + 1
    return { type: 'chapter', label: toRoman(n), raw: text.slice(0, text.length - m[2].length).trim(), rest: m[2] }
  }

  // "II. General debate": a chapter numbered in roman numerals with its title (I, V, X alone are chapters too; C, D, L, M are section letters)
  if ((m = /^([IVX]{1,5}|[IVXL]{2,6})\.\s+(\S.*)$/u.exec(text)) && fromRoman(m[1])) {
    return { type: 'chapter', label: m[1], raw: `${m[1]}.`, rest: m[2] }
  }

  // Annexes: "Annex", "Annex II", "Annexe I", "Anexo", "Приложение I", "المرفق الثاني", "附件一"
  if ((m = /^(?:Annex|Annexe|Anexo|Приложение)(?:\s+([IVXLC]+))?$/u.exec(text))) return { type: 'annex', label: m[1] ?? null, raw: '', rest: text }
  if ((m = /^المرفق(?:\s+(.+))?$/u.exec(text))) {
    const n = m[1] ? AR_ORDINALS[m[1].trim()] : undefined
    if (!m[1] || n) return { type: 'annex', label: n ? toRoman(n) : null, raw: '', rest: text }
  }
  if ((m = /^附件([一二三四五六七八九十]*)$/u.exec(text))) {
    const n = m[1] ? fromChineseNumeral(m[1]) : null
    return { type: 'annex', label: n ? toRoman(n) : null, raw: '', rest: text }
  }

  for (const pattern of RESOLUTION_PATTERNS) {
    if ((m = pattern.exec(text))) return { type: 'resolution', label: resolutionLabel(m[1]), raw: '', rest: text }
  }

  // Sections: "A. Title" (Latin or Cyrillic capital) / "ألف - العنوان"
  if ((m = /^([A-Z]|[АБВГДЕЖЗИК])\.\s+(\S.*)$/u.exec(text))) {
    const letter = CYRILLIC_HOMOGLYPHS[m[1]] ?? m[1]
    return { type: 'section', label: letter, raw: `${m[1]}.`, rest: m[2] }
  }
  if ((m = new RegExp(`^(${AR_SECTION_LETTERS.join('|')})\\s*[-–]\\s*(\\S.*)$`, 'u').exec(text))) {
    return { type: 'section', label: String.fromCharCode(65 + AR_SECTION_LETTERS.indexOf(m[1])), raw: m[1], rest: m[2] }
  }

  // Numbered paragraphs: "99. text", "99.text" before Chinese, Arabic "99 - text"
  if ((m = /^(\d{1,3})\.(?:\s+|(?=[\p{Script=Han}“《（]))(\S.*)$/u.exec(text))) {
    return { type: 'numbered', label: String(Number(m[1])), raw: `${m[1]}.`, rest: m[2] }
  }
  if ((m = /^([\d\u0660-\u0669]{1,3})\s*[-–]\s+(\S.*)$/u.exec(text)) && (lang === 'ar' || /[\u0600-\u06FF]/u.test(m[2]))) {
    return { type: 'numbered', label: String(Number(westernDigits(m[1]))), raw: m[1], rest: m[2] }
  }

  // Items: "(a) text", "a) text", "(ii) text", "(أ) text"
  if ((m = /^\(([a-z]{1,2}|[ivxlc]{1,6}|[а-к]|[\u0621-\u064Aـ]{1,2})\)\s*(\S.*)$/u.exec(text))) {
    const label = itemLabel(m[1])
    if (label) return { type: 'item', label, raw: `(${m[1]})`, rest: m[2] }
  }
  if ((m = /^([a-z]|[ivx]{1,5}|[а-к])\)\s+(\S.*)$/u.exec(text))) {
    const label = itemLabel(m[1])
    if (label) return { type: 'item', label, raw: `${m[1]})`, rest: m[2] }
  }
  return null
}
