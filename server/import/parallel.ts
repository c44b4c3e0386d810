/**
 * Pre-aligned parallel files: one segment per line, line i the same segment in
 * every language (the UNPC devset). An optional ids file labels each line.
 */
import { join } from 'node:path'
import { decodeText } from '../../aligner/parse/decode.ts'
import type { Lang } from '../../aligner/types.ts'
import { sha256 } from './hash.ts'
import type { Manifest } from './manifest.ts'
import { readInputFile } from './read-file.ts'
import { LANG_ORDER, type PreparedDocument, type PreparedVersion } from './prepared.ts'

export interface ParallelSource {
  slug: string
  symbol: string
  title: string | null
  /** lang → file contents */
  texts: Partial<Record<Lang, { fileName: string; text: string; sha256: string }>>
  ids?: string
}

export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines.length && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Builds the pre-aligned document; refuses files whose line counts differ. */
export function prepareParallel(src: ParallelSource): PreparedDocument {
  const langs = LANG_ORDER.filter((l) => src.texts[l])
  if (langs.length === 0) throw new Error(`${src.slug}: no parallel files`)
  const lines = new Map<Lang, string[]>()
  for (const l of langs) lines.set(l, splitLines(src.texts[l]!.text))
  const count = lines.get(langs[0])!.length
  for (const l of langs) {
    const n = lines.get(l)!.length
    if (n !== count) throw new Error(`${src.slug}: ${src.texts[l]!.fileName} has ${n} lines but ${src.texts[langs[0]]!.fileName} has ${count}: parallel files must have the same number of lines`)
  }
  const labels = src.ids ? splitLines(src.ids).map((l) => l.split(/\s+/)[0] || null) : undefined
  const versions: PreparedVersion[] = langs.map((lang) => {
    const all = lines.get(lang)!
    const blocks: PreparedVersion['blocks'] = []
    const groupOf: number[] = []
    for (let i = 0; i < all.length; i++) {
      const text = all[i].trim()
      if (!text) continue
      blocks.push({ kind: 'paragraph', label: labels?.[i] ?? null, text, sentences: [text], footnoteRefs: [] })
      groupOf.push(i)
    }
    const t = src.texts[lang]!
    return { lang, fileName: t.fileName, format: 'lines', sha256: t.sha256, detected: null, blocks, groupOf }
  })
  return { slug: src.slug, symbol: src.symbol, title: src.title, source: 'parallel', versions, prealigned: { groups: count, labels } }
}

/** The files a parallel manifest names, with their hashes (cheap: to decide whether to import). */
export async function readParallel(dir: string, slug: string, manifest: Manifest): Promise<ParallelSource> {
  const texts: ParallelSource['texts'] = {}
  for (const [lang, file] of Object.entries(manifest.files ?? {}) as Array<[Lang, string]>) {
    const bytes = await readInputFile(join(dir, file))
    texts[lang] = { fileName: file, text: decodeText(bytes, join(dir, file), { expected: 'a text file with one segment per line' }), sha256: sha256(bytes) }
  }
  const ids = manifest.ids ? decodeText(await readInputFile(join(dir, manifest.ids)), join(dir, manifest.ids), { expected: 'a text file with one id per line' }) : undefined
  return { slug, symbol: manifest.symbol ?? slug, title: manifest.title ?? null, texts, ids }
}
