/**
 * Aligner throughput: six-way alignment (zh pivot against en, fr, es, ru, ar,
 * plus the English second-pivot check) of the UNPC devset (4,000 sentences a
 * language) and of the devset concatenated ten times (40,000 a language).
 * Each size runs in a fresh process so that its peak memory is its own.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SELF = fileURLToPath(import.meta.url)

interface Measure {
  copies: number
  sentencesPerLanguage: number
  setupMs: number
  alignMs: number
  cpuMs: number
  maxRssMb: number
  groups: number
}

async function measure(copies: number): Promise<Measure> {
  const { alignVersions, documentFromLines } = await import('../../aligner/align/index.ts')
  const { chineseDictionary } = await import('../../aligner/lexicon/cedict.ts')
  const { LANGS } = await import('../../aligner/types.ts')
  const t0 = performance.now()
  chineseDictionary() // one-off dictionary load, reported apart
  const setupMs = performance.now() - t0
  const docs: Record<string, ReturnType<typeof documentFromLines>> = {}
  let n = 0
  for (const l of LANGS) {
    const lines = readFileSync(join(ROOT, 'corpora', 'unpc-devset', `UNv1.0.devset.${l}`), 'utf8').replace(/\n$/, '').split('\n')
    const all = Array.from({ length: copies }, () => lines).flat()
    n = all.length
    docs[l] = documentFromLines(all, l)
  }
  const cpu0 = process.cpuUsage()
  const t1 = performance.now()
  const result = alignVersions(docs)
  const alignMs = performance.now() - t1
  const cpu = process.cpuUsage(cpu0)
  return {
    copies,
    sentencesPerLanguage: n,
    setupMs,
    alignMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    groups: result.sentences.length,
  }
}

export async function run(): Promise<void> {
  console.log('\n## Aligner: six-way alignment of the UNPC devset (zh pivot, 5 pairs + English second-pivot check on 4 pairs)')
  const rows: Measure[] = []
  for (const copies of [1, 10]) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', String(copies)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 })
    if (child.status !== 0) throw new Error(`bench child (${copies}×) failed: ${child.stderr.split('\n').slice(-5).join(' ')}`)
    const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as Measure
    rows.push(m)
    const total = m.sentencesPerLanguage * 6
    console.log(
      `${String(m.sentencesPerLanguage).padStart(6)} sentences × 6 languages: ${(m.alignMs / 1000).toFixed(2)} s wall (${(m.cpuMs / 1000).toFixed(2)} s CPU), ` +
        `${Math.round(total / (m.alignMs / 1000)).toLocaleString('en')} sentences/s, peak RSS ${m.maxRssMb.toFixed(0)} MB, ${m.groups} sentence groups ` +
        `(+ ${m.setupMs.toFixed(0)} ms one-off CC-CEDICT load)`,
    )
  }
  if (rows.length === 2) {
    const ratio = rows[1].alignMs / rows[0].alignMs
    console.log(`cost growth: ${rows[1].copies / rows[0].copies}× the sentences took ${ratio.toFixed(1)}× the time (banded DP: linear in length × band width)`)
  }
}

if (process.argv[2] === '--child') {
  const m = await measure(Number(process.argv[3]))
  process.stdout.write(JSON.stringify(m) + '\n')
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run()
