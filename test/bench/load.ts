/**
 * `npm run bench -- load`: a team on one server. The real server
 * (`tsx server/main.ts`, as `npm start` runs it) on a free loopback port with
 * the demo corpora in a temporary database, and autocannon as a bounded load
 * generator (keep-alive connections, each run stopping after a fixed time):
 *
 * 1. 1, 10 and 100 concurrent clients, each cycling over a six-language mix
 *    of searches (single terms and phrases, with and without a language):
 *    requests/s, p50/p95/p99/max latency, errors and timeouts.
 * 2. The same search load at LOAD_IMPORT_CLIENTS clients without and then
 *    during the upload of a ~10 MB English version as a new document
 *    (decode, parse, language check, write with its search index): search
 *    p95 during the import against without it.
 * 3. The server's resident memory (its process and threads) before and after
 *    the import, and after a refused ~10 MB upload (the wrong language).
 *
 * Targets (issue 15), ratios within this one run: throughput at 100 clients
 * ≥ 1.8× one client's; p99 at 100 clients ≤ 5× p50; no errors or timeouts;
 * search p95 during the import ≤ 2× without.
 *
 * Environment: LOAD_SECONDS (each run, default 15), LOAD_IMPORT_CLIENTS
 * (default 10), LOAD_IMPORT_MB (size of the imported version, default 10).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import type { Lang } from '../../aligner/types.ts'
import type { HealthResponse } from '../../server/api/contract.ts'
import { ROOT, sleep, startServer, type RunningServer } from '../e2e/support/server.ts'
import { QUERIES } from './server.ts'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 15)
const IMPORT_CLIENTS = Number(process.env.LOAD_IMPORT_CLIENTS ?? 10)
const IMPORT_MB = Number(process.env.LOAD_IMPORT_MB ?? 10)

/** The search mix: every term and phrase of the server bench, with its language, and the first two of each kind without one. */
export function searchPaths(): string[] {
  const paths: string[] = []
  for (const lang of Object.keys(QUERIES) as Lang[]) {
    for (const kind of ['term', 'phrase'] as const) {
      QUERIES[lang][kind].forEach((q, i) => {
        paths.push(`/api/search?q=${encodeURIComponent(q)}&lang=${lang}`)
        if (i < 2) paths.push(`/api/search?q=${encodeURIComponent(q)}`)
      })
    }
  }
  // Interleave the languages, so that each client's next request is in another one.
  const byLang = (Object.keys(QUERIES) as Lang[]).map((l) => paths.filter((p) => p.includes(`lang=${l}`) || (!p.includes('lang=') && QUERIES[l].term.concat(QUERIES[l].phrase).some((q) => p.includes(encodeURIComponent(q))))))
  const mixed: string[] = []
  for (let i = 0; mixed.length < paths.length; i++) for (const list of byLang) if (i < list.length) mixed.push(list[i])
  return mixed
}

export interface LoadResult {
  clients: number
  requests: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  errors: number
  timeouts: number
  non2xx: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** One bounded run: `clients` keep-alive connections for `seconds`, each request the next path of the mix. */
async function load(url: string, clients: number, seconds: number): Promise<LoadResult> {
  const paths = searchPaths()
  let next = 0
  const latencies: number[] = []
  const instance = autocannon({
    url,
    connections: clients,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  })
  // autocannon's typings leave out the first argument (the client).
  ;(instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time))
  const result = await instance
  latencies.sort((a, b) => a - b)
  return {
    clients,
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }
}

const ms = (x: number) => (x >= 100 ? `${Math.round(x).toLocaleString('en')} ms` : `${x.toFixed(1)} ms`)

function row(label: string, r: LoadResult): string {
  return `  ${label.padEnd(28)} ${r.perSecond.toFixed(0).padStart(6)}  ${ms(r.p50).padStart(9)}  ${ms(r.p95).padStart(9)}  ${ms(r.p99).padStart(9)}  ${ms(r.max).padStart(9)}  ${`${r.errors} / ${r.timeouts} / ${r.non2xx}`.padStart(11)}  (${r.requests.toLocaleString('en')} requests)`
}

/** Resident memory of the server: the launcher's process tree (tsx starts node as its child), in MB. */
function residentMb(pid: number): number {
  let kb = 0
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8')
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      for (const task of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(task))
    } catch {
      /* gone */
    }
  }
  visit(pid)
  return kb / 1024
}

/** The node process that runs the server: the deepest process under the launcher (tsx runs node as its child). */
function serverProcess(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
    return children.length ? serverProcess(Number(children[0])) : pid
  } catch {
    return pid
  }
}

/** CPU seconds used so far by the server's main thread and by its other threads (read and import threads, libuv, V8). */
function cpuSeconds(pid: number): { main: number; others: number } {
  let main = 0
  let others = 0
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ticks = Number(fields[11]) + Number(fields[12])
      if (Number(tid) === pid) main += ticks / 100
      else others += ticks / 100
    } catch {
      /* the thread ended */
    }
  }
  return { main, others }
}

/** A ~`bytes` version as PDF-extracted text: devset lines of one language, one paragraph each, repeated. */
function versionText(lang: Lang, bytes: number): Uint8Array<ArrayBuffer> {
  const lines = readFileSync(join(ROOT, `corpora/unpc-devset/UNv1.0.devset.${lang}`), 'utf8').split('\n').filter(Boolean)
  const parts: string[] = []
  let size = 0
  for (let k = 0; size < bytes; k++) {
    const line = lines[k % lines.length]
    parts.push(line, '')
    size += Buffer.byteLength(line) + 2
  }
  return new TextEncoder().encode(parts.join('\n'))
}

/** A multipart upload over node:http (fetch gives up waiting for an answer after 300 s; an import beside full load may take longer), bounded by `timeoutMs`. */
async function upload(server: RunningServer, path: string, fields: Record<string, string>, file: { bytes: Uint8Array<ArrayBuffer>; name: string }, timeoutMs = 20 * 60_000): Promise<{ status: number; body: { message?: string }; seconds: number }> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('file', new File([file.bytes], file.name))
  const encoded = new Response(form)
  const bytes = Buffer.from(await encoded.arrayBuffer())
  const t = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': bytes.length }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), seconds: (performance.now() - t) / 1000 }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`no answer to the upload within ${timeoutMs / 1000} s`)))
    req.on('error', reject)
    req.end(bytes)
  })
}

async function health(server: RunningServer): Promise<HealthResponse> {
  return (await (await fetch(`${server.url}/api/health`)).json()) as HealthResponse
}

export async function run(): Promise<void> {
  console.log(`load: concurrent searches against the real server (autocannon, ${SECONDS} s per run)`)
  const t0 = performance.now()
  const server = await startServer({ corporaDir: join(ROOT, 'corpora'), readyTimeoutMs: 15 * 60_000 })
  try {
    const ready = await health(server)
    console.log(`  server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${ready.counts?.segments.toLocaleString('en')} segments in ${ready.counts?.documents} documents (demo corpora); ${searchPaths().length} searches in the mix`)
    // Warm-up: every query once, at a few clients (page cache, compiled code).
    await load(server.url, 4, 3)

    console.log('\n  clients                       req/s        p50        p95        p99        max  err/tmo/non2xx')
    const results: LoadResult[] = []
    const node = serverProcess(server.pid)
    const cpu: string[] = []
    for (const clients of [1, 10, 100]) {
      const before = cpuSeconds(node)
      const r = await load(server.url, clients, SECONDS)
      const after = cpuSeconds(node)
      results.push(r)
      console.log(row(String(clients), r))
      const perRequest = (x: number) => `${((x * 1000) / r.requests).toFixed(1)} ms`
      cpu.push(`${clients} clients: ${perRequest(after.main - before.main)} on the main thread, ${perRequest(after.others - before.others)} on the others`)
    }
    console.log(`  server CPU per request: ${cpu.join('; ')}`)
    console.log(`  machine load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')} (2 cores)`)
    const [one, , hundred] = results
    const throughput = hundred.perSecond / one.perSecond
    const tail = hundred.p99 / hundred.p50
    const failures = results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0)
    console.log(`\n  throughput at 100 clients / 1 client: ${throughput.toFixed(2)}× (target ≥ 1.8×)`)
    console.log(`  p99 / p50 at 100 clients: ${tail.toFixed(2)}× (target ≤ 5×)`)
    console.log(`  errors, timeouts, non-2xx: ${failures} (target 0)`)

    // Searches beside an import: a ~10 MB English version as a new document (decoded, parsed into
    // paragraphs and sentences, its language checked, written with its search index).
    const en = versionText('en', IMPORT_MB * 1e6)
    console.log(`\n  import beside searches: a ${(en.length / 1e6).toFixed(1)} MB English version (.txt, devset sentences) uploaded as a new document`)
    const before = await load(server.url, IMPORT_CLIENTS, SECONDS)
    const rssBefore = residentMb(server.pid)
    let settled = false
    const importing = upload(server, '/api/documents', { symbol: 'LOAD/1', slug: 'load-1', lang: 'en' }, { bytes: en, name: 'en.txt' }).finally(() => (settled = true))
    importing.catch(() => undefined)
    while (!settled && (await health(server)).imports.length === 0) await sleep(20)
    let peak = residentMb(server.pid)
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(server.pid))), 250)
    const during = await load(server.url, IMPORT_CLIENTS, SECONDS)
    const stillRunning = !settled && (await health(server)).imports.length > 0
    let imported
    try {
      imported = await importing
    } finally {
      clearInterval(sampler)
    }
    if (imported.status !== 201) throw new Error(`the English version was refused: ${JSON.stringify(imported.body)}`)
    console.log('\n  clients                       req/s        p50        p95        p99        max  err/tmo/non2xx')
    console.log(row(`${IMPORT_CLIENTS}, no import`, before))
    console.log(row(`${IMPORT_CLIENTS}, during the import`, during))
    console.log(`  search p95 during the import / without: ${(during.p95 / before.p95).toFixed(2)}× (target ≤ 2×)${stillRunning ? ' (the import ran through the whole run)' : ' — the import ended before the run did: part of the run was without it'}`)
    console.log(`  the import took ${imported.seconds.toFixed(1)} s with the searches beside it (${IMPORT_CLIENTS} clients for the first ${SECONDS} s)`)
    await sleep(8000) // the import thread exits after 5 s idle
    const rssAfter = residentMb(server.pid)
    const refused = await upload(server, '/api/documents', { symbol: 'LOAD/2', slug: 'load-2', lang: 'fr' }, { bytes: en, name: 'fr.txt' })
    await sleep(8000)
    const rssRefused = residentMb(server.pid)
    console.log(`\n  server memory (resident, all threads): ${rssBefore.toFixed(0)} MB before the import, ${peak.toFixed(0)} MB at most during it, ${rssAfter.toFixed(0)} MB 8 s after it;`)
    console.log(`  ${rssRefused.toFixed(0)} MB 8 s after a refused ${(en.length / 1e6).toFixed(1)} MB upload (${refused.status}: ${String(refused.body.message ?? '').slice(0, 100)})`)
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
