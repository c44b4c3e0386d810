import type { Lang } from './languages.ts'

/**
 * Guesses a file's language from its name: `en.txt`, `report.fr.pdf`,
 * `A_RES_70_1_E.pdf`, `E-2024-30-C.docx` (UN document suffixes A C E F R S).
 */
export function languageFromFileName(name: string): Lang | null {
  const base = name.replace(/\.[a-z0-9]+$/i, '')
  const code = /(?:^|[._\-\s])(zh|en|fr|es|ru|ar)(?:[-_](?:hans|cn))?$/i.exec(base)
  if (code) return code[1].toLowerCase() as Lang
  const un = /[_\-\s]([ACEFRS])$/.exec(base)
  if (un) return ({ A: 'ar', C: 'zh', E: 'en', F: 'fr', R: 'ru', S: 'es' } as const)[un[1] as 'A' | 'C' | 'E' | 'F' | 'R' | 'S']
  return null
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export const ACCEPTED_EXTENSIONS = ['.txt', '.pdf', '.docx', '.html', '.htm']

export function isAcceptedFile(name: string): boolean {
  const lower = name.toLowerCase()
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext))
}
