/**
 * Web benchmark (`npm run bench -- web`):
 *  1. the built app's JavaScript, gzipped (target: under 200 kB), in total and
 *     what the search page loads first;
 *  2. the search page's time to interactive in chromium against the real
 *     server with the demo corpora (target: under 1 s): from navigation start
 *     to the moment the result rows are on screen and the main thread is free
 *     (no long task running), with the HTTP cache disabled, over several loads.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { openBrowser } from '../e2e/support/browser.ts'
import { buildWeb, ROOT, startServer } from '../e2e/support/server.ts'

const LOADS = 10
const QUERIES = ['可持续发展', 'human rights', 'développement durable', 'права человека', 'التنمية المستدامة', 'Naciones Unidas']

function jsSizes(): { total: number; initial: number; files: number } {
  const dir = join(ROOT, 'dist/web/assets')
  const html = readFileSync(join(ROOT, 'dist/web/index.html'), 'utf8')
  let total = 0
  let initial = 0
  let files = 0
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const size = gzipSync(readFileSync(join(dir, name))).length
    total += size
    files++
    // what index.html loads (entry and its preloaded chunks)
    if (html.includes(name)) initial += size
  }
  return { total, initial, files }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

export async function run(): Promise<void> {
  buildWeb()
  const size = jsSizes()
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  console.log(`web: JavaScript gzipped ${kb(size.total)} in ${size.files} files (search page loads ${kb(size.initial)} first); limit 200 kB: ${size.total < 200 * 1024 ? 'ok' : 'OVER'}`)

  const started = Date.now()
  const server = await startServer({ corporaDir: join(ROOT, 'corpora'), readyTimeoutMs: 600_000 })
  const browser = await openBrowser()
  try {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { counts?: { documents: number; segments: number } }
    console.log(`web: server ready with the demo corpora in ${((Date.now() - started) / 1000).toFixed(1)} s (${health.counts?.documents ?? '?'} documents, ${health.counts?.segments?.toLocaleString('en') ?? '?'} segments)`)
    const page = browser.page
    const cdp = await browser.context.newCDPSession(page)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    // Records long tasks from the start of each load.
    await page.addInitScript(() => {
      const w = window as unknown as { __longTaskEnd: number }
      w.__longTaskEnd = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTaskEnd = Math.max(w.__longTaskEnd, e.startTime + e.duration)
      }).observe({ type: 'longtask', buffered: true })
    })

    const measure = async (url: string, ready: string): Promise<number> => {
      await page.goto('about:blank')
      await page.goto(url, { waitUntil: 'commit' })
      await page.locator(ready).first().waitFor({ timeout: 60_000 })
      const t = await page.evaluate(() => {
        const now = performance.now()
        const w = window as unknown as { __longTaskEnd: number }
        return Math.max(now, w.__longTaskEnd)
      })
      // let the page's later requests (renderings) finish before the next load
      await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined)
      return t
    }

    // The very first query builds the server's rendering index: measured on its own.
    const coldRows = await measure(`${server.url}/?q=${encodeURIComponent(QUERIES[0])}`, 'article.hit')
    const coldChart = await page.evaluate(() => performance.now())
    console.log(`web: first query after start: rows interactive in ${coldRows.toFixed(0)} ms, renderings shown by ${coldChart.toFixed(0)} ms (builds the rendering index)`)

    const start: number[] = []
    for (let i = 0; i < LOADS; i++) start.push(await measure(`${server.url}/`, 'input.searchbox'))
    const results: number[] = []
    for (let i = 0; i < LOADS; i++) {
      const q = QUERIES[i % QUERIES.length]
      results.push(await measure(`${server.url}/?q=${encodeURIComponent(q)}`, 'article.hit, .state.empty'))
    }
    const fmt = (v: number[]) => `p50 ${quantile(v, 0.5).toFixed(0)} ms, max ${Math.max(...v).toFixed(0)} ms`
    console.log(`web: start page interactive (cache off, ${LOADS} loads): ${fmt(start)}`)
    console.log(`web: search page with results interactive (cache off, ${LOADS} loads, ${QUERIES.length} queries in six languages): ${fmt(results)}; target < 1000 ms: ${quantile(results, 0.5) < 1000 ? 'ok' : 'MISSED'}`)
  } finally {
    await browser.close()
    await server.stop()
  }
}
