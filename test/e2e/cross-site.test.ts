/**
 * Safety against other web pages, as a user's browser meets it: the real server process on
 * loopback without a token, and Debian's Chromium opening a page from a second origin (a tiny
 * HTTP server on another port) that tries the writes of issue #11. Nothing may be written.
 * Also over a real socket: a 413 closes its connection instead of promising keep-alive.
 */
import { createServer, request, type Server } from 'node:http'
import { hostname, networkInterfaces } from 'node:os'
import { connect } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentsResponse } from '../../server/api/contract.ts'
import type { GlossaryResponse } from '../../server/terminology/contract.ts'
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from './support/browser.ts'
import { freePort, startServer, type RunningServer } from './support/server.ts'

const CSV = 'id,status,concept,note,zh,en,fr,es,ru,ar\n,approved,,,,marker,,,,\n'

/** The attacker's page: the no-cors fetch, a FormData POST, a form posted into a frame, and a no-cors approve. */
function attackPage(target: string): string {
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="f" method="POST" enctype="multipart/form-data" action="${target}/api/documents" target="sink">
  <input name="symbol" value="FORM/1">
</form>
<form id="g" method="POST" enctype="text/plain" action="${target}/api/glossary/import?format=csv" target="sink">
  <input name="id,status,concept,note,zh,en,fr,es,ru,ar&#10;,approved,,,,formmarker,,,," value=",,,">
</form>
<script>
window.results = {}
async function attempt(name, url, init) {
  try { const r = await fetch(url, init); window.results[name] = r.type + ' ' + r.status } catch (e) { window.results[name] = 'error ' + e.message }
}
window.attack = async () => {
  await attempt('csv', '${target}/api/glossary/import?format=csv', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(CSV)} })
  const fd = new FormData(); fd.append('symbol', 'FETCH/1')
  await attempt('formdata', '${target}/api/documents', { method: 'POST', mode: 'no-cors', body: fd })
  const file = new FormData(); file.append('file', new Blob([${JSON.stringify(CSV)}], { type: 'text/csv' }), 'g.csv')
  await attempt('file', '${target}/api/glossary/import', { method: 'POST', mode: 'no-cors', body: file })
  await attempt('seed', '${target}/api/glossary/seed', { method: 'POST', mode: 'no-cors' })
  await attempt('cors-json', '${target}/api/glossary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ terms: [{ lang: 'en', text: 'corsmarker' }] }) })
  await new Promise((r) => { const frame = document.querySelector('iframe'); frame.onload = r; document.getElementById('f').submit() })
  await new Promise((r) => { const frame = document.querySelector('iframe'); frame.onload = r; document.getElementById('g').submit() })
  return window.results
}
</script></body></html>`
}

let server: RunningServer
let attacker: Server
let attackerPort: number
let context: BrowserContext
let page: Page
let profile: string

beforeAll(async () => {
  const missing = chromiumMissing()
  if (missing) throw new Error(missing)
  server = await startServer({ corporaDir: '', env: { MAX_UPLOAD_MB: '1' } })
  attackerPort = await freePort()
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(attackPage(req.url?.startsWith('/rebind') ? `http://evil.example:${server.port}` : server.url))
  })
  await new Promise<void>((r) => attacker.listen(attackerPort, '127.0.0.1', () => r()))
  profile = mkdtempSync(join(tmpdir(), 'sixfold-chromium-'))
  // evil.example resolves to this machine, as an attacker's DNS would make it (DNS rebinding)
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(20_000)
}, 300_000)

afterAll(async () => {
  await context?.close().catch(() => undefined)
  if (profile) rmSync(profile, { recursive: true, force: true })
  await new Promise((r) => attacker?.close(r))
  await server?.stop()
})

async function stored(): Promise<{ documents: string[]; glossary: string[] }> {
  const docs = (await (await fetch(`${server.url}/api/documents`)).json()) as DocumentsResponse
  const glossary = (await (await fetch(`${server.url}/api/glossary`)).json()) as GlossaryResponse
  return { documents: docs.documents.map((d) => d.symbol), glossary: glossary.entries.flatMap((e) => e.terms.map((t) => t.text)) }
}

describe('pages from another origin, in chromium', () => {
  for (const [name, origin] of [
    ['another port of 127.0.0.1 (same site, another origin)', () => `http://127.0.0.1:${attackerPort}/`],
    ['another site (evil.example)', () => `http://evil.example:${attackerPort}/`],
  ] as const) {
    it(`cannot write from ${name}: the fetch, FormData and form posts of issue #11 are refused and nothing is stored`, async () => {
      const before = await stored()
      const sent: string[] = []
      const answered: number[] = []
      const target = (url: string) => url.startsWith(server.url) && !url.endsWith('/favicon.ico')
      page.on('request', (r) => {
        if (target(r.url())) sent.push(`${r.method()} ${r.url().slice(server.url.length)}`)
      })
      page.on('response', (r) => {
        if (target(r.url())) answered.push(r.status())
      })
      await page.goto(origin())
      const results = await page.evaluate(() => (window as unknown as { attack: () => Promise<Record<string, string>> }).attack())
      page.removeAllListeners('request')
      page.removeAllListeners('response')
      // The no-cors writes and both forms reached the server (a browser sends them without asking);
      // their answers are hidden from the page (opaque, or blocked by Cross-Origin-Resource-Policy).
      for (const name of ['csv', 'formdata', 'file', 'seed']) expect(results[name], name).toMatch(/^(opaque 0|error Failed to fetch)$/)
      expect(results['cors-json']).toMatch(/^error/) // a JSON write needs a preflight, which is not granted
      expect(sent.filter((r) => r.startsWith('POST')).length).toBeGreaterThanOrEqual(6)
      expect(answered.length).toBeGreaterThan(0)
      for (const status of answered) expect(status).toBe(403)
      expect(await stored()).toEqual(before)
    })
  }

  it('the same writes from the app\'s own origin are taken (the guard is not simply closed)', async () => {
    await page.goto(`${server.url}/api/health`)
    const status = await page.evaluate(async (csv) => {
      const r = await fetch('/api/glossary/import?format=csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })
      return r.status
    }, CSV)
    expect(status).toBe(200)
    expect((await stored()).glossary).toContain('marker')
    const id = ((await (await fetch(`${server.url}/api/glossary?q=marker`)).json()) as GlossaryResponse).entries[0].id
    expect((await fetch(`${server.url}/api/glossary/${id}`, { method: 'DELETE' })).status).toBe(200)
  })

  it('a rebinding page (evil.example pointing at this server) can neither read nor write', async () => {
    const read = await page.goto(`http://evil.example:${server.port}/api/documents`)
    expect(read?.status()).toBe(403)
    expect(await read?.text()).toContain('this server is not served as \\"evil.example\\"')
    const before = await stored()
    const status = await page.evaluate(async (csv) => (await fetch('/api/glossary/import?format=csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status, CSV)
    expect(status).toBe(403)
    expect(await stored()).toEqual(before)
  })

  it('every answer carries the security headers, the web app\'s pages too', async () => {
    for (const path of ['/', '/api/health', '/api/documents/no-such', '/assets/missing.js']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'.*frame-ancestors 'none'/)
      expect(res.headers.get('x-frame-options'), path).toBe('DENY')
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
  })
})

/** One raw HTTP/1.1 exchange: what came back before the server closed (or 3 s passed), and whether it closed. */
function rawExchange(port: number, head: string, body: Buffer, then?: string): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolveExchange) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    let closed = false
    socket.on('data', (d) => (text += d.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      closed = true
      clearTimeout(timer)
      resolveExchange({ text, closed })
    })
    socket.write(head)
    socket.write(body)
    if (then) setTimeout(() => socket.writable && socket.write(then), 300)
    const timer = setTimeout(() => {
      socket.destroy()
      resolveExchange({ text, closed })
    }, 3000)
  })
}

describe('a 413 over a real socket', () => {
  it('says Connection: close and closes, instead of keep-alive and a dropped next request', async () => {
    const declared = 30 * 1024 * 1024
    for (const path of ['/api/glossary/import?format=csv', '/api/documents']) {
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: ${path.includes('glossary') ? 'text/csv' : 'multipart/form-data; boundary=x'}\r\nContent-Length: ${declared}\r\n\r\n`
      const next = `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`
      const { text, closed } = await rawExchange(server.port, head, Buffer.alloc(64 * 1024, 'x'), next)
      const [status, ...headers] = text.split('\r\n\r\n')[0].split('\r\n')
      expect(status, path).toBe('HTTP/1.1 413 Payload Too Large')
      expect(headers.map((h) => h.toLowerCase())).toContain('connection: close')
      expect(headers.some((h) => /^keep-alive:/i.test(h))).toBe(false)
      expect(closed).toBe(true)
      // the client was told to reconnect: a new connection is answered
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    }
  })

  it('a request within the limit keeps its connection alive', async () => {
    const head = `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`
    const { text } = await rawExchange(server.port, head, Buffer.alloc(0), head)
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2)
  })
})

/** GET with a given Host header (fetch does not let a caller set it). */
function getWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume()
      resolveStatus(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('served host names', () => {
  it('on HOST=0.0.0.0: the machine\'s name and addresses and SIXFOLD_HOSTS are served, other names refused', async () => {
    const wide = await startServer({ corporaDir: '', env: { HOST: '0.0.0.0', SIXFOLD_TOKEN: 'correct-horse-battery', SIXFOLD_HOSTS: 'team.example.org, proxy.example.org' } })
    try {
      const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address))
      for (const host of ['127.0.0.1', 'localhost', hostname(), ...own, 'team.example.org', 'proxy.example.org']) {
        expect(await getWithHost(wide.port, '/api/health', `${host}:${wide.port}`), host).toBe(200)
      }
      for (const host of ['evil.example', 'team.example.org.evil.example']) {
        expect(await getWithHost(wide.port, '/api/health', `${host}:${wide.port}`), host).toBe(403)
      }
    } finally {
      await wide.stop()
    }
  })
})
