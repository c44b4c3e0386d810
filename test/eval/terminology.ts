/**
 * Terminology eval (`npm run eval`):
 * 1. Rendering discovery: precision@1 per language on test/eval/gold/terms.json
 *    (Chinese UN terms of the demo corpora with their official renderings).
 *    The memory is built from corpora/ (UNPC devset + SDG framework) with the
 *    pure functions, so the eval does not depend on the importer or a database.
 * 2. Consistency checks: recall and precision per kind on errors injected into
 *    devset units (changed number, changed date, dropped symbol, swapped
 *    glossary rendering, copied source).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Lang } from '../../aligner/types.ts'
import { buildIndex, discoverRenderings, sameRendering } from '../../server/terminology/renderings.ts'
import { readDevset, readSdg, type AlignedUnit } from '../../server/terminology/units.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPORA = `${ROOT}corpora`
const TARGETS: Lang[] = ['en', 'fr', 'es', 'ru', 'ar']

export interface GoldTerm {
  zh: string
  renderings: Record<string, string[]>
}

export function readGold(): GoldTerm[] {
  const data = JSON.parse(readFileSync(`${ROOT}test/eval/gold/terms.json`, 'utf8')) as { terms: GoldTerm[] }
  return data.terms
}

export function memoryUnits(): AlignedUnit[] {
  return [...readDevset(CORPORA), ...readSdg(CORPORA)]
}

export async function evalRenderings(units: AlignedUnit[], verbose = true): Promise<Record<Lang, number>> {
  const t0 = performance.now()
  const index = buildIndex(units)
  const built = performance.now() - t0
  const gold = readGold()
  const hits = Object.fromEntries(TARGETS.map((l) => [l, 0])) as Record<Lang, number>
  const misses: string[] = []
  const times: number[] = []
  for (const term of gold) {
    const t1 = performance.now()
    const result = discoverRenderings(index, term.zh, 'zh', { targets: TARGETS })
    times.push(performance.now() - t1)
    for (const l of TARGETS) {
      const top = result.renderings[l]?.[0]
      const ok = !!top && term.renderings[l].some((g) => sameRendering(top.text, g, l))
      if (ok) hits[l]++
      else misses.push(`${term.zh} ${l}: got "${top?.text ?? '—'}" want "${term.renderings[l].join('" or "')}"`)
    }
  }
  const p = Object.fromEntries(TARGETS.map((l) => [l, hits[l] / gold.length])) as Record<Lang, number>
  times.sort((a, b) => a - b)
  console.log(`terminology: rendering discovery, ${gold.length} gold Chinese terms, memory of ${units.length} units (index built in ${Math.round(built)} ms; query p50 ${Math.round(times[times.length >> 1])} ms, max ${Math.round(times[times.length - 1])} ms)`)
  console.log(`  precision@1  ${TARGETS.map((l) => `${l} ${p[l].toFixed(3)}`).join('  ')}  (target ≥ 0.9)`)
  if (verbose) for (const m of misses) console.log(`  miss  ${m}`)
  return p
}

export async function run(): Promise<void> {
  const units = memoryUnits()
  await evalRenderings(units)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
