/**
 * A fetch double for component tests: answers by method and path, records
 * every call (with its parsed JSON body) so a test can assert what the UI sent.
 */
import { vi } from 'vitest'

export interface RecordedCall {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

type Answer = unknown | ((call: RecordedCall) => unknown)

export interface MockApi {
  calls: RecordedCall[]
  /** Answers `METHOD /path` (path without query) with JSON, or with `{status, body}` via `respond`. */
  on: (method: string, path: string | RegExp, answer: Answer) => MockApi
  /** Answers with an error status and an `{error, message}` body. */
  fail: (method: string, path: string | RegExp, status: number, error: string, message: string) => MockApi
  /** Holds answers until `release()` (to see loading states). */
  hold: () => void
  release: () => void
  restore: () => void
}

interface Route {
  method: string
  path: string | RegExp
  status: number
  answer: Answer
}

export function mockApi(): MockApi {
  const routes: Route[] = []
  const calls: RecordedCall[] = []
  let held: Array<() => void> | null = null

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    let body: unknown = undefined
    if (typeof init.body === 'string') body = JSON.parse(init.body)
    else if (init.body instanceof FormData) body = Object.fromEntries(init.body.entries())
    const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, body }
    calls.push(call)
    if (held) await new Promise<void>((resolve) => held!.push(resolve))
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError')
    const route = [...routes]
      .reverse()
      .find((r) => r.method === method && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)))
    if (!route) return json(404, { error: 'not_found', message: `No mock for ${method} ${url.pathname}` })
    const answer = typeof route.answer === 'function' ? (route.answer as (c: RecordedCall) => unknown)(call) : route.answer
    return json(route.status, answer)
  })
  vi.stubGlobal('fetch', fetchMock)

  const api: MockApi = {
    calls,
    on(method, path, answer) {
      routes.push({ method, path, status: 200, answer })
      return api
    },
    fail(method, path, status, error, message) {
      routes.push({ method, path, status, answer: { error, message } })
      return api
    },
    hold() {
      held = []
    },
    release() {
      const waiting = held ?? []
      held = null
      for (const resolve of waiting) resolve()
    },
    restore() {
      vi.unstubAllGlobals()
    },
  }
  return api
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** Lets pending promises and Vue updates settle. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}
