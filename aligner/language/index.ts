/**
 * Language identification for the six UN languages.
 *
 * Script first: Han → zh, Arabic → ar, Cyrillic → ru. Latin text is then
 * told apart by franc, restricted to English, French and Spanish.
 */
import { francAll } from 'franc'
import type { Lang } from '../types.ts'

export interface LanguageGuess {
  language: Lang | null
  confidence: number
}

export interface ScriptCounts {
  han: number
  arabic: number
  cyrillic: number
  latin: number
  /** All letters counted (of any script). */
  letters: number
}

const FRANC_TO_LANG: Record<string, Lang> = { eng: 'en', fra: 'fr', spa: 'es' }

/** How many letters of each script a text holds (a long text is sampled: its first 200,000 characters). */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, arabic: 0, cyrillic: 0, latin: 0, letters: 0 }
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
        counts.latin++
        counts.letters++
      }
      continue
    }
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff)) counts.han++
    else if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) counts.arabic++
    else if (c >= 0x0400 && c <= 0x052f) counts.cyrillic++
    else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) counts.latin++
    else if (!/\p{L}/u.test(ch)) continue
    counts.letters++
  }
  return counts
}

/**
 * The language of a text: `{ language: null, confidence: 0 }` when it holds
 * too few letters to tell. Confidence is in [0, 1].
 */
export function detectLanguage(text: string): LanguageGuess {
  // Scripts are counted on all the text; franc reads at most the first 20,000 characters.
  const counts = countScripts(text)
  const share = (n: number) => n / counts.letters
  // Han characters carry a word each: two of them are enough to tell Chinese.
  if (counts.han >= 2 && share(counts.han) >= 0.15) return { language: 'zh', confidence: round(Math.min(1, 0.5 + share(counts.han))) }
  if (counts.letters < 3) return { language: null, confidence: 0 }
  // Chinese text carries Latin symbols and names; a modest share of Han characters is decisive.
  if (share(counts.han) >= 0.3) return { language: 'zh', confidence: round(Math.min(1, 0.5 + share(counts.han))) }
  if (counts.arabic >= counts.cyrillic && counts.arabic >= counts.latin && counts.arabic > 0) return { language: 'ar', confidence: round(share(counts.arabic)) }
  if (counts.cyrillic >= counts.latin && counts.cyrillic > 0) return { language: 'ru', confidence: round(share(counts.cyrillic)) }
  if (counts.latin === 0) return { language: null, confidence: 0 }
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text
  const ranked = francAll(sample, { only: ['eng', 'fra', 'spa'], minLength: 3 })
  const [best, second] = ranked
  const byFranc = best ? FRANC_TO_LANG[best[0]] : undefined
  // franc scores are relative (best = 1): the gap to the runner-up, weighed by how much text there
  // is (a small gap over a long text is decisive, over a short one it is not), is the evidence.
  const margin = second ? 1 - second[1] : 1
  const francConfidence = byFranc ? 1 - Math.exp(-margin * Math.sqrt(Math.min(counts.latin, sample.length))) : 0
  // Function words settle short texts, where trigrams are thin: "the", "des", "los" …
  const words = functionWords(sample)
  let language = byFranc ?? null
  let confidence = francConfidence
  if (words.best && words.count >= 2 && words.count >= 2 * words.second) {
    const wordConfidence = 1 - Math.exp(-(words.count - words.second) / 1.5)
    if (words.best === language) confidence = Math.max(confidence, wordConfidence)
    else if (wordConfidence > francConfidence) {
      language = words.best
      confidence = wordConfidence
    }
  }
  if (!language) return { language: null, confidence: 0 }
  return { language, confidence: round(share(counts.latin) * confidence) }
}

const FUNCTION_WORDS: Record<'en' | 'fr' | 'es', Set<string>> = {
  en: new Set(['the', 'of', 'and', 'to', 'is', 'that', 'for', 'with', 'by', 'which', 'this', 'are', 'was', 'were', 'has', 'have', 'be', 'on', 'its', 'their', 'from', 'at', 'an', 'or', 'it', 'as', 'not', 'should', 'would', 'been']),
  fr: new Set(['le', 'les', 'des', 'du', 'et', 'à', 'qui', 'dans', 'pour', 'sur', 'par', 'une', 'est', 'au', 'aux', 'ce', 'cette', 'sont', 'été', 'il', 'elle', 'ont', 'pas', 'ou', 'avec', 'leur', 'leurs', 'son', 'ses', 'été']),
  es: new Set(['el', 'los', 'las', 'del', 'y', 'por', 'para', 'con', 'una', 'es', 'se', 'al', 'su', 'sus', 'lo', 'como', 'fue', 'han', 'ha', 'o', 'sobre', 'entre', 'también', 'pero', 'este', 'esta', 'estos', 'sin']),
}

/** Which of English, French and Spanish the text's function words point to, and how many each has. */
export function functionWords(text: string): { best: Lang | null; count: number; second: number } {
  const counts = { en: 0, fr: 0, es: 0 }
  for (const token of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const lang of ['en', 'fr', 'es'] as const) if (FUNCTION_WORDS[lang].has(token)) counts[lang]++
  }
  const ranked = (Object.entries(counts) as Array<['en' | 'fr' | 'es', number]>).sort((a, b) => b[1] - a[1])
  return { best: ranked[0][1] > 0 ? ranked[0][0] : null, count: ranked[0][1], second: ranked[1][1] }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

const NAMES: Record<Lang, string> = { zh: 'Chinese', en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', ar: 'Arabic' }

/** A language's English name, for messages. */
export function languageName(lang: Lang): string {
  return NAMES[lang]
}
