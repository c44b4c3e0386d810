/**
 * Words for terminology work: tokens with their offsets in the original text,
 * a folded key for each (case, accents, script variants: the search folding of
 * server/search/fold.ts), and a light stem so that inflected forms group
 * together (French and Spanish plurals, Russian case endings, Arabic article
 * and attached particles, English plurals).
 *
 * The stems are deliberately conservative suffix/prefix strippers, not full
 * morphological analysers: two surface forms that share a stem sequence are
 * shown as one rendering (its most frequent surface form), which is what a
 * translator wants to see ("Генеральной Ассамблеи" and "Генеральная
 * Ассамблея" are one rendering).
 */
import type { Lang } from '../../aligner/types.ts'
import { fold } from '../search/fold.ts'
import { segmentChinese } from './zh-segmenter.ts'

/**
 * Changes whenever tokenize() would cut or key a text differently: kept token stores
 * (index-snapshot.ts) made by another version are not read.
 */
export const TOKENIZER_VERSION = 2

export interface Token {
  /** Offsets in the original text (UTF-16 code units), end exclusive. */
  start: number
  end: number
  /** The surface form. */
  text: string
  /** Folded and stemmed: the grouping key. */
  key: string
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu

/** Function words that never open or close a term or a rendering. */
export const STOPWORDS: Record<Lang, ReadonlySet<string>> = {
  zh: new Set(['的', '和', '与', '及', '在', '等', '了', '是', '对', '将', '为', '以', '并', '或', '中', '上', '其', '之', '于', '而', '也', '各', '把', '被', '从', '向', '由', '就', '这', '该', '所', '有', '都', '已', '以及', '并且', '或者', '关于', '对于', '一个', '这些', '那些', '我们', '他们', '它们']),
  en: new Set('the a an of and or to in on for by with at from as is are was were be been this that these those its their his her which who whom whose it not no also including such other into under between within upon all any each both'.split(' ')),
  fr: new Set("le la les l un une des de du d et ou à a au aux en dans par pour sur avec sous qui que qu dont ce ces cet cette son sa ses leur leurs est sont été être ne pas plus y se s n c j entre".split(' ')),
  es: new Set('el la los las lo un una unos unas de del y e o u a al en con por para sobre que quien cuyo su sus este esta estos estas ese esa se no es son ha han fue entre'.split(' ')),
  ru: new Set('и в во на с со по для о об от к ко из за при до у не что как а но или же ли то это этот эта эти его ее её их который которая которые также'.split(' ')),
  ar: new Set(['و', 'في', 'من', 'على', 'إلى', 'الى', 'عن', 'مع', 'أن', 'ان', 'إن', 'أو', 'او', 'التي', 'الذي', 'الذين', 'هذا', 'هذه', 'ذلك', 'تلك', 'ما', 'لا', 'قد', 'كان', 'كانت', 'بين', 'عند', 'أي', 'كل', 'لدى', 'حيث', 'ثم', 'فی']),
}

/** Is the folded form of this word a function word of the language? */
export function isStopword(lang: Lang, word: string): boolean {
  const set = STOPWORDS[lang]
  if (set.has(word)) return true
  const cache = stopCache[lang]
  let hit = cache.get(word)
  if (hit === undefined) {
    hit = set.has(fold(word).trim())
    if (cache.size > 100_000) cache.clear()
    cache.set(word, hit)
  }
  return hit
}

const stopCache: Record<Lang, Map<string, boolean>> = { zh: new Map(), en: new Map(), fr: new Map(), es: new Map(), ru: new Map(), ar: new Map() }

const RU_ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'ием', 'иях', 'иям', 'ые', 'ым', 'ою', 'ею', 'ах', 'ях', 'ам', 'ям', 'ов', 'ев', 'ей', 'ой', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ую', 'юю', 'ом', 'ем', 'ых', 'их', 'ия', 'ие', 'ии', 'ию', 'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й',
]
/** Endings of nouns in -ие/-ия/-ий whose и belongs to the stem (решени-е, Комисси-я, Комисси-и). */
const RU_NOUN_I = new Set(['иями', 'ией', 'ием', 'иях', 'иям', 'ия', 'ие', 'ии', 'ию', 'ий'])
const AR_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'فال', 'ولل', 'لل', 'ال']
const AR_SUFFIXES = ['ات', 'ون', 'ين', 'ان', 'ها', 'هم', 'يه', 'ه', 'ي']

/** The light stem of one folded word. */
export function stem(lang: Lang, folded: string): string {
  let w = folded
  switch (lang) {
    case 'en':
      if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y'
      if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1)
      return w
    case 'fr':
      if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1)
      if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1)
      return w
    case 'es':
      if (w.length > 4 && /[^aeiou]es$/.test(w)) w = w.slice(0, -2)
      else if (w.length > 3 && w.endsWith('s')) w = w.slice(0, -1)
      return w
    case 'ru':
      if (w.length > 5 && /(ся|сь)$/.test(w)) w = w.slice(0, -2)
      for (const e of RU_ENDINGS)
        if (w.length - e.length >= 3 && w.endsWith(e)) {
          // nouns in -ие/-ия keep their и (развити-е, развити-я), so that they do not meet the
          // adjective of the same root (развит-ых, развит-ые); after к г х ж ш ч щ, и is the adjective's (русск-ие)
          if (RU_NOUN_I.has(e) && !/[кгхжшчщ]$/.test(w.slice(0, -e.length))) return w.slice(0, -e.length + 1)
          return w.slice(0, -e.length)
        }
      return w
    case 'ar':
      for (const p of AR_PREFIXES) {
        if (w.startsWith(p) && w.length - p.length >= 2) {
          w = w.slice(p.length)
          break
        }
      }
      if (w.length >= 5 && /^[وبلف]/.test(w) && !AR_PREFIXES.some((p) => folded.startsWith(p))) w = w.slice(1)
      for (const s of AR_SUFFIXES) if (w.length - s.length >= 3 && w.endsWith(s)) return w.slice(0, -s.length)
      return w
    default:
      return w
  }
}

/** The grouping key of a word: folded, then stemmed. */
export function wordKey(lang: Lang, word: string): string {
  // words repeat (a memory of 30,000 segments has some 60,000 distinct words): fold each once
  const cache = keyCache[lang]
  let key = cache.get(word)
  if (key === undefined) {
    key = stem(lang, fold(word.normalize('NFC')).replace(/\s+/g, ''))
    if (cache.size > 300_000) cache.clear()
    cache.set(word, key)
  }
  return key
}

const keyCache: Record<Lang, Map<string, string>> = { zh: new Map(), en: new Map(), fr: new Map(), es: new Map(), ru: new Map(), ar: new Map() }

/** Tokens of a text in a language, with offsets. Chinese goes through the dictionary segmenter. */
export function tokenize(text: string, lang: Lang): Token[] {
  if (lang === 'zh') return tokenizeChinese(text)
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const start = m.index!
    out.push({ start, end: start + m[0].length, text: m[0], key: wordKey(lang, m[0]) })
  }
  return out
}

const HAN_RUN = /\p{Script=Han}+/u
const ZH_OTHER_WORD = /[\p{L}\p{M}\p{N}]+|[%％]/gu

function tokenizeChinese(text: string): Token[] {
  const out: Token[] = []
  for (const t of segmentChinese(text)) {
    if (HAN_RUN.test(t.text)) out.push({ ...t, key: t.text })
    else {
      // Latin words, numbers and the per cent sign inside Chinese text (15% renders "15 per cent")
      for (const m of t.text.matchAll(ZH_OTHER_WORD)) {
        const start = t.start + m.index!
        out.push({ start, end: start + m[0].length, text: m[0], key: fold(m[0]).replace(/\s+/g, '') })
      }
    }
  }
  return out
}

/** The grouping key of a phrase: its tokens' keys joined by spaces. */
export function phraseKey(text: string, lang: Lang): string {
  return tokenize(text, lang)
    .map((t) => t.key)
    .join(' ')
}
