/**
 * The body's media type, checked before the body is read: a route that expects JSON or a file
 * refuses anything else with 415 and says what to send. Besides clear errors for scripts, this
 * closes a cross-site path: a web page may send `text/plain`, `application/x-www-form-urlencoded`
 * and `multipart/form-data` to any server without asking it first (a "simple" request), so a
 * route that expects JSON must not take a JSON-looking body under one of those types.
 *
 *     api.post('/things', bodyType({ accept: ['application/json'], suffixes: ['+json'] }), handler)
 */
import type { Context, MiddlewareHandler } from 'hono'

export interface BodyTypeOptions {
  /** Media types accepted, as type/subtype (parameters such as charset are ignored). */
  accept: readonly string[]
  /** Structured-syntax suffixes also accepted (`+json` takes `application/ld+json`). */
  suffixes?: readonly string[]
  /** The answer to a refused request (default: 415 saying which types are accepted). */
  onRefused?: (c: Context, received: string | null) => Response | Promise<Response>
}

/** The media type of a Content-Type header without its parameters, lower case; null when absent or empty. */
export function mediaType(header: string | undefined): string | null {
  const essence = header?.split(';')[0].trim().toLowerCase()
  return essence ? essence : null
}

export function bodyType(options: BodyTypeOptions): MiddlewareHandler {
  const accept = new Set(options.accept.map((t) => t.toLowerCase()))
  const suffixes = options.suffixes ?? []
  const refuse = options.onRefused ?? ((c: Context) => c.text(`Send the body as ${[...accept].join(' or ')}.`, 415))
  return async function bodyType(c, next) {
    const type = mediaType(c.req.header('content-type'))
    if (type === null || !(accept.has(type) || suffixes.some((s) => type.endsWith(s)))) return refuse(c, type)
    await next()
  }
}
