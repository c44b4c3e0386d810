/** The six languages as the interface shows them. */
import type { Lang } from '../../../aligner/types.ts'

export type { Lang }

export const LANGUAGES: readonly Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

export const LANGUAGE_NAMES: Record<Lang, string> = {
  zh: 'Chinese',
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ru: 'Russian',
  ar: 'Arabic',
}

/** The language's own name, shown next to the English one. */
export const LANGUAGE_AUTONYMS: Record<Lang, string> = {
  zh: '中文',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr'
}

/** Parses a comma-separated list of languages from the URL, keeping the canonical order. */
export function parseLangList(value: unknown, fallback: readonly Lang[] = LANGUAGES): Lang[] {
  if (typeof value !== 'string' || value === '') return [...fallback]
  const wanted = new Set(value.split(','))
  const list = LANGUAGES.filter((l) => wanted.has(l))
  return list.length > 0 ? list : [...fallback]
}

/**
 * A quick guess from the script alone, shown while the server's detection is
 * on its way (Latin script is reported as null: en, fr and es need the server).
 */
export function guessLanguageFromScript(text: string): Lang | null {
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return 'zh'
  if (/[\u0600-\u06ff\u0750-\u077f]/.test(text)) return 'ar'
  if (/[\u0400-\u04ff]/.test(text)) return 'ru'
  return null
}
