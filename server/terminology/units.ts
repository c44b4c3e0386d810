/**
 * The plain data terminology works on: aligned units (a six-way sentence group
 * of the memory, or a line of a pre-aligned corpus), and readers that build
 * them straight from the shipped corpora (for tests, the eval, and a memory
 * without a database).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { LANGS, type Lang } from '../../aligner/types.ts'

export interface AlignedUnit {
  /** The align_groups id in the database (or a line number for corpus units). */
  groupId: number
  documentSymbol: string
  paragraphLabel: string | null
  texts: Partial<Record<Lang, string>>
}

/** The UNPC devset (one segment per line, line i the same segment in all six files). */
export function readDevset(corporaDir: string, limit = Infinity): AlignedUnit[] {
  const dir = join(corporaDir, 'unpc-devset')
  const lines = {} as Record<Lang, string[]>
  for (const l of LANGS) lines[l] = readFileSync(join(dir, `UNv1.0.devset.${l}`), 'utf8').split('\n')
  const ids = readFileSync(join(dir, 'UNv1.0.devset.ids'), 'utf8').split('\n')
  const units: AlignedUnit[] = []
  const n = Math.min(lines.zh.length, limit)
  for (let i = 0; i < n; i++) {
    const texts: Partial<Record<Lang, string>> = {}
    for (const l of LANGS) {
      const t = lines[l][i]?.trim()
      if (t) texts[l] = t
    }
    if (Object.keys(texts).length === 0) continue
    const symbol = ids[i]?.split(' ')[0]?.replace(/^\d{4}\//, '').toUpperCase() ?? 'UNv1.0.devset'
    units.push({ groupId: i + 1, documentSymbol: symbol, paragraphLabel: String(i + 1), texts })
  }
  return units
}

const SDG_FOLDERS: Record<Lang, string> = { zh: 'zh-Hans', en: 'en', fr: 'fr', es: 'es', ru: 'ru', ar: 'ar' }

/** The SDG framework YAML (goals, targets, indicators): one unit per key. */
export function readSdg(corporaDir: string, firstGroupId = 100_000): AlignedUnit[] {
  const byKey = new Map<string, AlignedUnit>()
  let next = firstGroupId
  for (const file of ['global_goals.yml', 'global_targets.yml', 'global_indicators.yml']) {
    for (const l of LANGS) {
      const data = parseYaml(readFileSync(join(corporaDir, 'sdg', SDG_FOLDERS[l], file), 'utf8')) as Record<string, unknown>
      for (const [key, value] of Object.entries(data ?? {})) {
        if (typeof value !== 'string' || !value.trim()) continue
        let unit = byKey.get(key)
        if (!unit) {
          unit = { groupId: next++, documentSymbol: 'A/RES/70/1 & A/RES/71/313', paragraphLabel: key, texts: {} }
          byKey.set(key, unit)
        }
        unit.texts[l] = value.replace(/\s+/g, ' ').trim()
      }
    }
  }
  return [...byKey.values()]
}
