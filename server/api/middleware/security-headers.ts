/**
 * Security headers on every response, API and web app alike (Hono's secure-headers
 * middleware with this app's policy):
 *
 * - `Content-Security-Policy`: scripts, styles, images, fonts and requests from this origin
 *   only; no inline script or style element, no `eval`, no plugins; forms post only here;
 *   no page may frame this one (`frame-ancestors 'none'`). The built web app has no inline
 *   script or style (its icon is a file, `web/public/favicon.svg`); Vue's `:style` bindings
 *   set styles through the DOM, which the policy allows.
 * - `X-Frame-Options: DENY` (the same for older browsers), `X-Content-Type-Options: nosniff`,
 *   `Referrer-Policy: no-referrer`, and secure-headers' other defaults (cross-origin opener
 *   and resource policy `same-origin`, no DNS prefetch, ...).
 * - No `Strict-Transport-Security`: the server speaks plain HTTP on loopback; a TLS proxy in
 *   front decides that for its own name.
 */
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  })
}
