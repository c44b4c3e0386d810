/**
 * UN structure labels, normalised across scripts so that `第十三章`,
 * `Chapter XIII`, `Chapitre XIII`, `Capítulo XIII`, `Глава XIII` and
 * `الفصل الثالث عشر` all read `h:13`; numbered paragraphs `99.` / `99 -` read
 * `p:99`; list items `(a)`, `а)`, `(أ)` read `i:a`.
 */
import type { BlockKind, Lang } from '../types.ts'
import { anyNumeral, arabicOrdinal, chineseToInt, normaliseWidth, romanToInt } from './numerals.ts'

export interface StructureLabel {
  /** Normalised key, comparable across languages: `h:13`, `h:A`, `p:99`, `i:a`, `annex:1`. */
  key: string
  /** The label as written (`第十三章`, `99.`, `(a)`). */
  raw: string
}

/** Arabic letters in the abjad order UN Arabic texts use for items: (أ) (ب) (ج) (د) (هـ) (و) ... */
const ABJAD = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض']
/** Arabic letter names used for section headings: `ألف -` = A, `باء -` = B ... */
const ABJAD_NAMES = ['ألف', 'باء', 'جيم', 'دال', 'هاء', 'واو', 'زاي', 'حاء', 'طاء', 'ياء', 'كاف', 'لام', 'ميم', 'نون', 'سين', 'عين']
/** Russian item letters (а, б, в, ...) in order, mapped to a, b, c, ... */
const CYRILLIC_ITEMS = 'абвгдежзиклмнопрстуфхцчшщэюя'
/** Arabic adverbial ordinals used for roman-numbered headings: `أولا -` = I. */
const AR_ADVERBIAL = ['أولا', 'ثانيا', 'ثالثا', 'رابعا', 'خامسا', 'سادسا', 'سابعا', 'ثامنا', 'تاسعا', 'عاشرا']

const LATIN_LETTER = 'abcdefghijklmnopqrstuvwxyz'

function itemKey(letter: string): string | null {
  const l = letter.toLowerCase()
  if (/^[a-z]{1,2}$/.test(l) || /^[ivxlc]+$/.test(l)) return `i:${l}`
  if (/^\d{1,3}$/.test(l)) return `i:${Number(l)}`
  const cyr = CYRILLIC_ITEMS.indexOf(l)
  if (l.length === 1 && cyr >= 0) return `i:${LATIN_LETTER[cyr] ?? l}`
  const ab = ABJAD.indexOf(letter === 'ه' ? 'هـ' : letter)
  if (ab >= 0) return `i:${LATIN_LETTER[ab]}`
  return null
}

const HEADING_WORDS = /^(?:chapter|chapitre|cap[ií]tulo|глава|part|partie|parte|часть|section|sección|раздел|title|titre|título|article|artículo|статья)\s+([ivxlcdm]+|\d+|premier|première|primero|primera|первая|первый)\b\.?/i
const ZH_HEADING = /^第\s*([零〇一二两三四五六七八九十百千\d]+)\s*(章|条|部分|节|篇|编)/
const AR_HEADING = /^(?:الفصل|الجزء|الباب|المادة|الفرع)\s+/
const ANNEX = /^(?:annex|annexe|anexo|приложение|附件|المرفق)(?:\s*([ivxlc]+|\d+|[一二三四五六七八九十]+|[a-z]))?(?=\s|$|[.:—–-])/i

/**
 * Reads the structure label at the start of a line of text, if any.
 * `lang` refines a few script-specific forms; all languages accept the forms
 * UN documents share (digits, Latin letters, Roman numerals).
 */
export function extractLabel(text: string, lang: Lang): StructureLabel | null {
  const t = normaliseWidth(text).trimStart()
  if (!t) return null
  let m: RegExpMatchArray | null

  if ((m = t.match(ZH_HEADING))) {
    const v = /\d/.test(m[1]) ? Number(m[1]) : chineseToInt(m[1])
    if (v != null) return { key: `h:${v}`, raw: m[0] }
  }
  if ((m = t.match(HEADING_WORDS))) {
    const v = anyNumeral(m[1])
    if (v != null) return { key: `h:${v}`, raw: m[0] }
  }
  if (lang === 'ar' && (m = t.match(AR_HEADING))) {
    const words = t.slice(m[0].length).split(/\s+/)
    const num = words[0] && /^\d+$/.test(words[0]) ? Number(words[0]) : romanToInt(words[0] ?? '')
    if (num != null) return { key: `h:${num}`, raw: `${m[0]}${words[0]}` }
    const ord = arabicOrdinal(words)
    if (ord) return { key: `h:${ord.value}`, raw: `${m[0]}${words.slice(0, ord.used).join(' ')}` }
  }
  if ((m = t.match(ANNEX))) {
    const v = m[1] ? anyNumeral(m[1]) : null
    return { key: v != null ? `annex:${v}` : m[1] ? `annex:${m[1].toUpperCase()}` : 'annex', raw: m[0] }
  }
  // Roman-numbered heading: "XIII. Title", "IV. ", zh "十三、" / "一. "
  if ((m = t.match(/^([IVXLC]{1,6})\.\s+\S/))) {
    const v = romanToInt(m[1])
    if (v != null) return { key: `h:${v}`, raw: `${m[1]}.` }
  }
  if ((m = t.match(/^([一二三四五六七八九十]{1,3})\s*[、.．]\s*\S/))) {
    const v = chineseToInt(m[1])
    if (v != null) return { key: `h:${v}`, raw: m[0].slice(0, m[1].length + 1) }
  }
  if (lang === 'ar') {
    if ((m = t.match(/^(\S+)\s*[-–—]\s*\S/))) {
      const adv = AR_ADVERBIAL.indexOf(m[1].replace(/ً/g, ''))
      if (adv >= 0) return { key: `h:${adv + 1}`, raw: m[1] }
      const name = ABJAD_NAMES.indexOf(m[1])
      if (name >= 0) return { key: `h:${LATIN_LETTER[name].toUpperCase()}`, raw: m[1] }
    }
  }
  // Section letter heading: "A. Title" (Latin or Cyrillic capital that looks Latin)
  if ((m = t.match(/^([A-ZА-Я])\.\s+\S/))) {
    const cyr = 'АБВГДЕЖЗИКЛМН'.indexOf(m[1])
    const letter = cyr >= 0 ? LATIN_LETTER[cyr].toUpperCase() : m[1]
    return { key: `h:${letter}`, raw: `${m[1]}.` }
  }
  // Numbered paragraph: "99. ", Arabic "99 - "
  if ((m = t.match(/^(\d{1,4})\s*(?:\.(?!\d)|\s[-–—]\s|-\s)\s*\S/))) {
    return { key: `p:${Number(m[1])}`, raw: m[1] }
  }
  // Items: "(a)", "(iv)", "(1)", "а)", "(أ)"
  if ((m = t.match(/^\(([^()\s]{1,4})\)/))) {
    const k = itemKey(m[1])
    if (k) return { key: k, raw: m[0] }
  }
  if ((m = t.match(/^([a-zа-я])\)\s/))) {
    const k = itemKey(m[1])
    if (k) return { key: k, raw: m[0].trim() }
  }
  return null
}

/**
 * The comparable key of a parsed block's label (`Paragraph.label`), given its
 * kind; falls back to reading the label from the text.
 */
export function labelKey(label: string | null, kind: BlockKind | undefined, text: string, lang: Lang): string | null {
  if (label != null && label !== '') {
    const raw = normaliseWidth(label).replace(/^[([（]|[)\]）.]$/g, '').trim()
    if (kind === 'item') return itemKey(raw) ?? `i:${raw.toLowerCase()}`
    if (kind === 'footnote') return `f:${raw}`
    const n = anyNumeral(raw)
    if (kind === 'heading' || kind === 'title') {
      if (n != null) return `h:${n}`
      if (/^[A-Z]$/.test(raw)) return `h:${raw}`
      const ab = ABJAD_NAMES.indexOf(raw)
      if (ab >= 0) return `h:${LATIN_LETTER[ab].toUpperCase()}`
      return `h:${raw}`
    }
    if (n != null && /^\d+$/.test(asciiOnly(raw))) return `p:${n}`
    return itemKey(raw) ?? `p:${raw}`
  }
  return extractLabel(text, lang)?.key ?? null
}

function asciiOnly(s: string): string {
  return normaliseWidth(s)
}
