/**
 * Keyed YAML (the SDG framework texts): a folder per language holding YAML
 * files of `key: text`; the same key in every language is one aligned unit.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { decodeText } from '../../aligner/parse/decode.ts'
import type { Lang } from '../../aligner/types.ts'
import { sha256 } from './hash.ts'
import type { Manifest } from './manifest.ts'
import { fileErrorText, readInputFile } from './read-file.ts'
import { LANG_ORDER, type PreparedDocument, type PreparedVersion } from './prepared.ts'

export interface KeyedSource {
  slug: string
  symbol: string
  title: string | null
  /** lang → folder name, its entries (file/key → text) in file order, and a hash of its files. */
  langs: Partial<Record<Lang, { folder: string; entries: Map<string, string>; sha256: string }>>
}

/** Natural order: "1-2-title" before "1-10-title". */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

async function readFolder(path: string): Promise<string[]> {
  try {
    return await readdir(path)
  } catch (error) {
    throw new Error(`cannot read the folder ${path}: ${fileErrorText(error)}`)
  }
}

export async function readKeyedYaml(dir: string, slug: string, manifest: Manifest): Promise<KeyedSource> {
  const langs: KeyedSource['langs'] = {}
  for (const [lang, folder] of Object.entries(manifest.files ?? {}) as Array<[Lang, string]>) {
    const path = join(dir, folder)
    const files = (await readFolder(path)).filter((f) => /\.ya?ml$/i.test(f)).sort()
    const entries = new Map<string, string>()
    const hashes: string[] = []
    for (const file of files) {
      const text = decodeText(await readInputFile(join(path, file)), join(path, file), { expected: 'a YAML file of keys and texts' })
      hashes.push(`${file}:${sha256(text)}`)
      let data: unknown
      try {
        data = parse(text)
      } catch (error) {
        throw new Error(`${join(path, file)}: not valid YAML (${(error as Error).message.split('\n')[0]})`)
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${join(path, file)}: expected a mapping of keys to texts`)
      const base = file.replace(/\.ya?ml$/i, '')
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        if (typeof value === 'string' && value.trim()) entries.set(`${base}/${key}`, value.replace(/\s+/g, ' ').trim())
      }
    }
    langs[lang] = { folder, entries, sha256: sha256(hashes.join('\n')) }
  }
  return { slug, symbol: manifest.symbol ?? slug, title: manifest.title ?? null, langs }
}

export function prepareKeyed(src: KeyedSource): PreparedDocument {
  const present = LANG_ORDER.filter((l) => src.langs[l])
  if (present.length === 0) throw new Error(`${src.slug}: no language folders`)
  const keySet = new Set<string>()
  for (const l of present) for (const k of src.langs[l]!.entries.keys()) keySet.add(k)
  const keys = [...keySet].sort((a, b) => {
    const [fa, ka] = a.split('/')
    const [fb, kb] = b.split('/')
    return fa === fb ? naturalCompare(ka, kb) : FILE_ORDER(fa) - FILE_ORDER(fb) || fa.localeCompare(fb)
  })
  const labels = keys.map((k) => k.split('/')[1].replace(/-title$/, ''))
  const versions: PreparedVersion[] = present.map((lang) => {
    const { entries, folder, sha256: hash } = src.langs[lang]!
    const blocks: PreparedVersion['blocks'] = []
    const groupOf: number[] = []
    keys.forEach((key, g) => {
      const text = entries.get(key)
      if (!text) return
      const kind = key.endsWith('-short') || key.startsWith('global_goals/') ? 'heading' : 'paragraph'
      blocks.push({ kind, label: labels[g], text, sentences: [text], footnoteRefs: [] })
      groupOf.push(g)
    })
    return { lang, fileName: folder, format: 'yaml', sha256: hash, detected: null, blocks, groupOf }
  })
  return { slug: src.slug, symbol: src.symbol, title: src.title, source: 'parallel', versions, prealigned: { groups: keys.length, labels } }
}

function FILE_ORDER(name: string): number {
  const order = ['global_goals', 'global_targets', 'global_indicators']
  const i = order.indexOf(name)
  return i < 0 ? order.length : i
}
