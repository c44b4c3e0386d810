/**
 * Host check (against DNS rebinding): a page on `http://evil.example:8787/` whose name the
 * attacker points at 127.0.0.1 is, to the browser, same-origin with this server, so the origin
 * check alone would let it read and write. Every request (API and web app) must therefore name,
 * in its `Host` header, a host this server is served as: a loopback name (localhost, 127.x.x.x,
 * [::1]) or one of `hosts`. The port is not checked: the name is what an attacker controls.
 *
 *     app.use('*', hostCheck({ hosts: ['sixfold.example.org'] }))
 */
import type { Context, MiddlewareHandler } from 'hono'

export interface HostCheckOptions {
  /** Host names (or IP addresses) the server is served as, besides the loopback names. Case does not matter; IPv6 with or without brackets. */
  hosts?: readonly string[]
  /** Accept localhost, 127.0.0.0/8 and ::1 (default true). */
  loopback?: boolean
  /** The answer to a refused request (default: 403 with a plain-text reason). */
  onRefused?: (c: Context, hostname: string) => Response | Promise<Response>
}

/** A host name as compared: lower case, IPv6 without brackets, no trailing dot. */
export function normalHostname(name: string): string {
  return name.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
}

export function isLoopbackHostname(name: string): boolean {
  const h = normalHostname(name)
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** The host name a request names: its Host header (what the browser sent), else its URL's. Null when unreadable. */
export function requestHostname(c: Context): string | null {
  const header = c.req.header('host')
  try {
    return normalHostname(new URL(header !== undefined ? `http://${header}` : c.req.url).hostname)
  } catch {
    return null
  }
}

export function hostCheck(options: HostCheckOptions = {}): MiddlewareHandler {
  const allowed = new Set((options.hosts ?? []).map(normalHostname).filter(Boolean))
  const loopback = options.loopback ?? true
  const refuse = options.onRefused ?? ((c: Context, hostname: string) => c.text(`Requests for the host name "${hostname}" are refused.`, 403))
  return async function hostCheck(c, next) {
    const hostname = requestHostname(c)
    if (hostname === null || !(allowed.has(hostname) || (loopback && isLoopbackHostname(hostname)))) {
      return refuse(c, hostname ?? String(c.req.header('host')).slice(0, 100))
    }
    await next()
  }
}
