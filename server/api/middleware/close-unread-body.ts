/**
 * `Connection: close` on an error answer to a request that sent a body. Such answers often come
 * before the body was read (a 413 over the size limit, a refused origin, a wrong content type,
 * a missing token); closing after every error with a body is simpler than telling which, and
 * costs a client one new connection after an error. Without it the answer
 * says `keep-alive` while the rest of the body is still on the socket: Node's server then
 * drains it for half a second or 64 MB and drops the connection, and the client's next
 * request on that socket is lost. With it, the client knows to open a new connection.
 *
 *     app.use('*', closeUnreadBody())
 */
import type { MiddlewareHandler } from 'hono'

export interface CloseUnreadBodyOptions {
  /** Responses of these statuses and above close the connection when the request sent a body (default 400). */
  minStatus?: number
}

function hasBody(headers: { header: (name: string) => string | undefined }): boolean {
  const length = headers.header('content-length')
  if (length !== undefined) return Number(length) > 0
  return headers.header('transfer-encoding') !== undefined
}

export function closeUnreadBody(options: CloseUnreadBodyOptions = {}): MiddlewareHandler {
  const minStatus = options.minStatus ?? 400
  return async function closeUnreadBody(c, next) {
    await next()
    if (c.res.status < minStatus || !hasBody(c.req)) return
    try {
      c.res.headers.set('Connection', 'close')
    } catch {
      // a response with immutable headers (e.g. one passed through from fetch): copy it
      c.res = new Response(c.res.body, c.res)
      c.res.headers.set('Connection', 'close')
    }
  }
}
