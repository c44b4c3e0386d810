/**
 * What an importer hands to the store: a document with its language versions,
 * already parsed into blocks (and, per block, sentences).
 */
import type { Lang, Paragraph } from '../../aligner/types.ts'

export type DocumentSource = 'document' | 'parallel' | 'tmx'

export interface PreparedVersion {
  lang: Lang
  fileName: string
  /** 'pdf-text' | 'lines' | 'html' | 'docx' | 'pdf' | 'yaml' | 'tmx' */
  format: string
  sha256: string
  detected: { language: Lang; confidence: number } | null
  blocks: Paragraph[]
  /**
   * Pre-aligned material only: the group of each block (block i belongs to
   * group groupOf[i]); every block holds exactly one sentence.
   */
  groupOf?: number[]
}

export interface PreparedDocument {
  slug: string
  symbol: string
  title: string | null
  source: DocumentSource
  versions: PreparedVersion[]
  /** Pre-aligned material: the number of groups and a label per group (e.g. the YAML key). */
  prealigned?: { groups: number; labels?: Array<string | null> }
}

/** Languages in the canonical order. */
export const LANG_ORDER: Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

export function sortLangs(langs: Iterable<Lang>): Lang[] {
  const set = new Set(langs)
  return LANG_ORDER.filter((l) => set.has(l))
}

/**
 * A slug from a symbol or file name: letters, digits, dashes. Never all digits (`3` becomes
 * `doc-3`): a document in a URL or a `doc` parameter is its id when all digits, else its slug,
 * so a slug that looked like a number would name another document.
 */
export function slugify(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
  if (/^\d+$/.test(slug)) return `doc-${slug}`
  return slug || 'document'
}
