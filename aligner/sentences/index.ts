/**
 * Sentence splitting for the six UN languages.
 *
 * - Chinese: after 。！？； (and their half-width forms) plus any closing quotes or brackets.
 * - Arabic: after ؟ . ؛ ! followed by a space, with the Latin guards below.
 * - English, French, Spanish, Russian: after . ! ? (plus closing quotes or brackets) followed by a
 *   space and a capital, digit, opening quote or bracket — unless the word before the full stop is an
 *   abbreviation (No., para., e.g., i.e., art., Mr., M., Sr., г., п. …), a single initial (but not a
 *   roman numeral after "annex", "chapter", "приложении" …), or a list label such as (a) or 1.
 *
 * Document symbols (E/CN.15/2024/L.7) and decimals (16.2) never split: their inner full stops are not
 * followed by a space.
 */
import type { Lang } from '../types.ts'

const CLOSERS = '"\'”’»」』）)】〉》\\]'
const ZH_BREAK = new RegExp(`[。！？；!?;]+[${CLOSERS}]*`, 'gu')

/** Abbreviations (lower-cased, without their final full stop) after which a full stop does not end a sentence. */
const ABBREVIATIONS: Record<'en' | 'fr' | 'es' | 'ru' | 'ar', string[]> = {
  en: ['no', 'nos', 'para', 'paras', 'subpara', 'e.g', 'i.e', 'art', 'arts', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vol', 'vols', 'p', 'pp', 'cf', 'etc', 'al', 'ch', 'chap', 'sect', 'fig', 'approx', 'rev', 'add', 'corr', 'amb', 'gen', 'hon', 'h.e', 'ibid', 'op', 'cit', 'inc', 'ltd', 'co', 'jr', 'sr', 'u.s', 'u.k', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'vs', 'viz', 'resp', 'incl', 'est'],
  fr: ['no', 'nos', 'n°', 'par', 'al', 'art', 'arts', 'm', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'p', 'pp', 'cf', 'etc', 'vol', 'chap', 's.e', 'e.g', 'i.e', 'op', 'cit', 'ibid', 'env', 'av', 'apr', 'j.-c', 'st', 'ste', 'rev', 'add', 'corr', 'janv', 'févr', 'sept', 'oct', 'nov', 'déc'],
  es: ['no', 'núm', 'nº', 'párr', 'párrs', 'art', 'arts', 'sr', 'sra', 'sres', 'sras', 'srta', 'dr', 'dra', 'excmo', 'excma', 'ud', 'uds', 'p', 'pp', 'pág', 'págs', 'cf', 'etc', 'vol', 'cap', 'e.g', 'i.e', 'p.ej', 'ee.uu', 'op', 'cit', 'ibid', 'aprox', 'apdo', 'rev', 'add', 'corr', 'dña', 'd'],
  ru: ['г', 'гг', 'п', 'пп', 'ст', 'стр', 'т', 'т.е', 'т.д', 'т.п', 'т.к', 'др', 'пр', 'см', 'ср', 'им', 'ул', 'в', 'вв', 'млн', 'млрд', 'тыс', 'руб', 'долл', 'г-н', 'г-жа', 'гн', 'проф', 'акад', 'no', 'рис', 'табл', 'гл', 'разд', 'подп', 'е.г', 'и.о', 'e.g', 'i.e', 'art', 'para'],
  ar: ['no', 'para', 'e.g', 'i.e', 'art', 'mr'],
}

/** Split one paragraph's text into sentences; whitespace at sentence edges is dropped, nothing else is. */
export function splitSentences(text: string, lang: Lang): string[] {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (!clean) return []
  const cuts = lang === 'zh' ? chineseCuts(clean) : alphabeticCuts(clean, lang)
  const sentences: string[] = []
  let start = 0
  for (const cut of cuts) {
    const piece = clean.slice(start, cut).trim()
    if (piece) sentences.push(piece)
    start = cut
  }
  const rest = clean.slice(start).trim()
  if (rest) sentences.push(rest)
  return mergeLabels(sentences)
}

function chineseCuts(text: string): number[] {
  const cuts: number[] = []
  for (const match of text.matchAll(ZH_BREAK)) {
    const end = (match.index ?? 0) + match[0].length
    const mark = match[0][0]
    // Half-width marks only break before Chinese text (a Latin name "Yahoo!" in Chinese text should not split).
    if ((mark === '!' || mark === '?' || mark === ';') && !/^\s*[\p{Script=Han}“‘《（]/u.test(text.slice(end))) continue
    if (end < text.length) cuts.push(end)
  }
  return cuts
}

const ALPHA_BREAK = new RegExp(`([.!?…؟؛]+)([${CLOSERS}]*)(\\s+)`, 'gu')

function alphabeticCuts(text: string, lang: Exclude<Lang, 'zh'>): number[] {
  const cuts: number[] = []
  const abbreviations = new Set(ABBREVIATIONS[lang])
  for (const match of text.matchAll(ALPHA_BREAK)) {
    const at = match.index ?? 0
    const punct = match[1]
    const cut = at + punct.length + match[2].length
    const next = text.slice(cut + match[3].length)
    if (!next) continue
    const before = text.slice(0, at)
    const word = /(\S+)$/.exec(before)?.[1] ?? ''
    if (lang === 'ar') {
      if (punct.endsWith('.') && !isSentenceEndingWord(word, abbreviations)) continue
      cuts.push(cut)
      continue
    }
    if (!/^[\p{Lu}\p{Lt}\d"'“‘«¿¡(\[]/u.test(next)) continue
    if (punct === '.' && !isSentenceEndingWord(word, abbreviations) && !NUMBERED_PART.test(before)) continue
    // A list label ("as follows: 1. Election …") is no sentence end.
    if (punct === '.' && /^\(?\d{1,3}\)?$|^\(?[a-z]\)$/.test(word) && /(^|[:;]\s*)$/.test(before.slice(0, before.length - word.length))) continue
    cuts.push(cut)
  }
  return cuts
}

/**
 * A roman numeral after the name of a part of a document ("as annex I. The rate…", "qu'annexe I.",
 * "como anexo I.", "в приложении I.") is a number, not an initial: the full stop after it may end the
 * sentence.
 */
const NUMBERED_PART = new RegExp(
  `(?:^|[\\s'’])(?:${[
    'annex', 'annexes', 'appendix', 'chapter', 'part', 'section', 'schedule', 'article', 'title', 'volume', 'phase', 'table', 'figure', 'stage', 'category', 'level', 'group', 'protocol',
    'annexe', 'appendice', 'chapitre', 'partie', 'titre', 'tome', 'tableau', 'catégorie', 'niveau', 'groupe', 'protocole',
    'anexo', 'anexos', 'apéndice', 'capítulo', 'parte', 'sección', 'título', 'fase', 'cuadro', 'figura', 'categoría', 'nivel', 'grupo', 'protocolo',
    'приложение', 'приложении', 'приложения', 'глава', 'главе', 'главы', 'часть', 'части', 'раздел', 'разделе', 'раздела', 'том', 'этап', 'таблица', 'таблице', 'рисунок', 'категории', 'группы', 'протокол',
  ].join('|')})\\s+[IVXLC]{1,6}$`,
  'iu',
)

/** Whether the word before a full stop lets it end a sentence. */
function isSentenceEndingWord(word: string, abbreviations: Set<string>): boolean {
  const bare = word.replace(/^[(\["'“‘«]+/, '').replace(/^\p{L}['’]/u, '')
  if (!bare) return true
  const lower = bare.toLowerCase()
  if (abbreviations.has(lower)) return false
  // A single initial ("J. Smith"; "M. Dupont" is in the list) or a bare list label ("a." before its item)
  if (/^\p{L}$/u.test(bare)) return false
  return true
}

/** A piece that is only a list label ("(a)", "1.", "a)") joins the sentence after it. */
function mergeLabels(sentences: string[]): string[] {
  const out: string[] = []
  let carry = ''
  for (const s of sentences) {
    if (/^(\(?[\p{L}\d]{1,4}[.)])$/u.test(s)) {
      carry = carry ? `${carry} ${s}` : s
      continue
    }
    out.push(carry ? `${carry} ${s}` : s)
    carry = ''
  }
  if (carry) {
    if (out.length) out[out.length - 1] += ` ${carry}`
    else out.push(carry)
  }
  return out
}
