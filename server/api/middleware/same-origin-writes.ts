/**
 * Writes only from this app's own pages (against cross-site request forgery). Without a token
 * (the loopback default), any page the user opens could otherwise POST to
 * `http://127.0.0.1:8787/api/...`: a `no-cors` fetch or a plain HTML form needs no permission
 * from this server. A browser names the page a request comes from, so a state-changing request
 * (any method but GET, HEAD, OPTIONS) is refused when
 *
 * - its `Sec-Fetch-Site` is `cross-site` or `same-site` (another port of 127.0.0.1 is the same
 *   *site*, but not the same origin), or
 * - its `Origin` is not this server's own (compared as host and port, so that a TLS proxy in
 *   front does not matter; `Origin: null`, sent by sandboxed frames and `data:` pages, is
 *   refused too).
 *
 * A request with neither header does not come from a web page (curl, scripts, the test
 * suite) and is let through: such clients are held by the token when one is set.
 *
 * Hono's own `csrf` middleware (hono/csrf) was the starting point, and is not used because
 * it looks only at form and text bodies (a cross-origin write with another content type
 * passes it), it refuses a form or text body that has no `Origin` (so `curl -F file=@x`
 * would stop working), and it answers a bare "Forbidden".
 *
 *     api.use('*', sameOriginWrites({ onRefused: (c, reason) => c.json({ reason }, 403) }))
 */
import type { Context, MiddlewareHandler } from 'hono'

export interface SameOriginWritesOptions {
  /** Other origins whose pages may write (e.g. `http://localhost:5173`, a development server). */
  origins?: readonly string[]
  /** The answer to a refused request (default: 403 with the reason as plain text). */
  onRefused?: (c: Context, reason: string) => Response | Promise<Response>
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Why a request must not write, or null when it may. */
export function crossOriginReason(c: Context, extraOrigins: ReadonlySet<string> = new Set()): string | null {
  const site = c.req.header('sec-fetch-site')?.trim().toLowerCase()
  if (site === 'cross-site' || site === 'same-site') return `the request comes from a page on another site (Sec-Fetch-Site: ${site})`
  const origin = c.req.header('origin')?.trim()
  if (origin === undefined) return null
  if (origin === 'null') return 'the request comes from a page without an origin (a sandboxed frame, a file or a data: page)'
  let originHost: string
  try {
    const url = new URL(origin)
    if (extraOrigins.has(url.origin)) return null
    originHost = url.host
  } catch {
    return `the request's Origin header "${origin.slice(0, 100)}" is not an origin`
  }
  const hostHeader = c.req.header('host')
  let ownHost: string
  try {
    ownHost = hostHeader !== undefined ? new URL(`http://${hostHeader.trim()}`).host : new URL(c.req.url).host
  } catch {
    return 'the request has no readable Host header'
  }
  if (originHost !== ownHost) return `the request comes from a page of another origin (${origin.slice(0, 100)})`
  return null
}

export function sameOriginWrites(options: SameOriginWritesOptions = {}): MiddlewareHandler {
  const extra = new Set((options.origins ?? []).map((o) => new URL(o).origin))
  const refuse = options.onRefused ?? ((c: Context, reason: string) => c.text(`Refused: ${reason}.`, 403))
  return async function sameOriginWrites(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const reason = crossOriginReason(c, extra)
      if (reason) return refuse(c, reason)
    }
    await next()
  }
}
