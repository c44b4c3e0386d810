/**
 * Word tokens for lexical evidence: lower case, accents and Arabic
 * diacritics removed, Arabic clitic prefixes stripped, stop words dropped,
 * then cut to a short stem so that `development` / `developing` and
 * `nation` / `national` meet. Numbers are left to the facts signal.
 * Chinese has no spaces: see aligner/lexicon/segment.ts.
 */
import type { Lang } from '../types.ts'

const STOP: Record<Exclude<Lang, 'zh'>, string> = {
  en: 'the of and to in a an for on by with as at from that this be is are was were which it its or not has have had been will shall should may all other their such these those also any into who under between through upon within including further both each more than his her they them we our us he she i you your there per said would could can must where when what how do does did so if no nor but about over only same very s',
  fr: 'le la les de des du un une et en à au aux pour par sur dans avec que qui ce cette ces se sa son ses leur leurs est sont été être a ont ainsi ou ne pas plus d l qu n s c il elle ils elles y dont',
  es: 'el la los las de del un una unos unas y e en a al para por con que se su sus lo le les es son ha han sido ser o u no más como este esta estos estas entre sobre',
  ru: 'и в во не на с со по к ко о об от до из за для что как это его ее её их он она они а но же бы ли у при также или был была были быть который которые которых которой том этом',
  ar: 'في من على الى عن مع ان او و ما لا هذا هذه التي الذي كما قد كان ذلك تلك بين عند وقد ثم اي كل',
}
const stopSets = new Map<Lang, Set<string>>()
function stopSet(lang: Exclude<Lang, 'zh'>): Set<string> {
  let s = stopSets.get(lang)
  if (!s) stopSets.set(lang, (s = new Set(STOP[lang].split(' '))))
  return s
}

/** Arabic letter normalisation: diacritics and tatweel out, alef forms to ا, ى to ي, ة to ه. */
export function normaliseArabic(word: string): string {
  return word
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
}

/** The stem of an Arabic word already normalised by normaliseArabic. */
function stemNormalisedArabic(normalised: string): string {
  let w = normalised
  for (const p of ['وبال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال']) {
    if (w.startsWith(p) && w.length - p.length >= 3) {
      w = w.slice(p.length)
      break
    }
  }
  if (w.length >= 5 && (w[0] === 'و' || w[0] === 'ف')) w = w.slice(1)
  for (const s of ['ات', 'ون', 'ين', 'ها', 'هم', 'ه', 'ي']) {
    if (w.endsWith(s) && w.length - s.length >= 3) {
      w = w.slice(0, -s.length)
      break
    }
  }
  return w.slice(0, 5)
}

const NON_ASCII = /[^\u0000-\u007f]/
const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}'’\-]*/gu

/** The content-word stems of a non-Chinese text (Chinese: use segmentChinese). */
export function wordStems(text: string, lang: Exclude<Lang, 'zh'>): string[] {
  const out: string[] = []
  const stop = stopSet(lang)
  // Arabic: normalised once for the whole text (the replacements are letter by letter)
  const lower = lang === 'ar' ? normaliseArabic(text) : text.toLowerCase()
  // accents off (NFD, combining marks dropped) only where there is something beyond ASCII
  const words = (lang === 'ar' || !NON_ASCII.test(lower) ? lower : lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '')).match(WORD_RE)
  if (!words) return out
  for (const raw of words) {
    if (lang === 'ar') {
      if (stop.has(raw) || raw.length < 2) continue
      out.push(stemNormalisedArabic(raw))
      continue
    }
    let w = raw
    if (w.indexOf("'") >= 0 || w.indexOf('’') >= 0) w = w.replace(/’/g, "'").replace(/^(?:l|d|qu|n|s|c|j)'/, '').replace(/'s$/, '')
    if (w.indexOf('-') >= 0) {
      for (const part of w.split('-')) if (part.length >= 2 && !stop.has(part)) out.push(part.slice(0, lang === 'ru' ? 5 : 6))
    } else if (w.length >= 2 && !stop.has(w)) out.push(w.slice(0, lang === 'ru' ? 5 : 6))
  }
  return out
}

/** True for scripts written with Latin letters. */
export function isLatinLang(lang: Lang): boolean {
  return lang === 'en' || lang === 'fr' || lang === 'es'
}
