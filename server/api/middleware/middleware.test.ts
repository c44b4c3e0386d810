/**
 * The request guards on a bare Hono app, each with its own options (their use in the Sixfold
 * API is tested in ../safety.test.ts).
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { bodyType, mediaType } from './body-type.ts'
import { closeUnreadBody } from './close-unread-body.ts'
import { hostCheck, isLoopbackHostname } from './host-check.ts'
import { sameOriginWrites } from './same-origin-writes.ts'

function appWith(...middleware: Parameters<Hono['use']>[1][]): Hono {
  const app = new Hono()
  for (const m of middleware) app.use('*', m)
  app.all('*', (c) => c.text('done'))
  return app
}

describe('hostCheck', () => {
  it('takes loopback names and the listed hosts, and refuses others with a reason', async () => {
    const app = appWith(hostCheck({ hosts: ['Team.Example.org.', '[fd00::1]'] }))
    for (const host of ['localhost:1', 'a.localhost', '127.0.0.1', '127.9.9.9:80', '[::1]', 'team.example.org', 'TEAM.example.org.:8443', '[fd00::1]:8787']) {
      expect((await app.request(`http://x/`, { headers: { host } })).status, host).toBe(200)
    }
    for (const host of ['evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', '0.0.0.0', '192.168.1.5', 'team.example.org.evil.example']) {
      const res = await app.request('http://x/', { headers: { host } })
      expect(res.status, host).toBe(403)
      expect(await res.text()).toMatch(/^Requests for the host name ".+" are refused\.$/)
    }
  })

  it('can leave loopback out (loopback: false) and answer in its own words (onRefused)', async () => {
    const app = appWith(hostCheck({ hosts: ['team.example.org'], loopback: false, onRefused: (c, name) => c.json({ refused: name }, 421) }))
    const res = await app.request('http://localhost/')
    expect(res.status).toBe(421)
    expect(await res.json()).toEqual({ refused: 'localhost' })
    expect(isLoopbackHostname('[::1]')).toBe(true)
    expect(isLoopbackHostname('127.0.0.1.nip.io')).toBe(false)
  })
})

describe('sameOriginWrites', () => {
  const app = appWith(sameOriginWrites({ origins: ['http://localhost:5173/'] }))
  const send = (method: string, headers: Record<string, string>) => app.request('http://127.0.0.1:8787/x', { method, headers: { host: '127.0.0.1:8787', ...headers } })

  it('lets reads through from anywhere, and writes from the own origin, listed origins and non-browsers', async () => {
    expect((await send('GET', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    expect((await send('OPTIONS', { origin: 'http://evil.example' })).status).toBe(200)
    expect((await send('POST', {})).status).toBe(200)
    expect((await send('POST', { origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await send('DELETE', { 'sec-fetch-site': 'none' })).status).toBe(200)
    expect((await send('POST', { origin: 'http://localhost:5173' })).status).toBe(200)
  })

  it('refuses writes that a browser says come from another page, saying why', async () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['POST', { origin: 'http://evil.example' }, /another origin \(http:\/\/evil\.example\)/],
      ['PUT', { origin: 'http://127.0.0.1:9999' }, /another origin/],
      ['PATCH', { 'sec-fetch-site': 'same-site' }, /Sec-Fetch-Site: same-site/],
      ['DELETE', { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:8787' }, /Sec-Fetch-Site: cross-site/],
      ['POST', { origin: 'null' }, /without an origin/],
      ['POST', { origin: 'not a url' }, /is not an origin/],
      ['POST', { origin: 'http://127.0.0.1.evil.example:8787' }, /another origin/],
    ]
    for (const [method, headers, reason] of cases) {
      const res = await send(method, headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await res.text()).toMatch(reason)
    }
  })
})

describe('bodyType', () => {
  it('reads the media type without parameters and accepts listed types and suffixes only', async () => {
    expect(mediaType(' Application/JSON ; charset=utf-8')).toBe('application/json')
    expect(mediaType('')).toBeNull()
    const app = appWith(bodyType({ accept: ['application/json'], suffixes: ['+json'] }))
    const post = (type?: string) => app.request('http://localhost/', { method: 'POST', body: '{}', headers: type ? { 'content-type': type } : {} })
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/ld+json']) expect((await post(type)).status, type).toBe(200)
    for (const type of [undefined, 'text/plain', 'text/plain; application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const res = await post(type)
      expect(res.status, String(type)).toBe(415)
      expect(await res.text()).toBe('Send the body as application/json.')
    }
  })
})

describe('closeUnreadBody', () => {
  it('closes the connection after an error answer to a request with a body, not otherwise', async () => {
    const app = new Hono()
    app.use('*', closeUnreadBody())
    app.post('/too-big', (c) => c.text('too big', 413))
    app.post('/ok', (c) => c.text('ok'))
    app.get('/missing', (c) => c.text('no', 404))
    const body = { method: 'POST', body: 'x'.repeat(10), headers: { 'content-length': '10' } }
    expect((await app.request('/too-big', body)).headers.get('connection')).toBe('close')
    expect((await app.request('/ok', body)).headers.get('connection')).toBeNull()
    expect((await app.request('/missing')).headers.get('connection')).toBeNull()
  })
})
