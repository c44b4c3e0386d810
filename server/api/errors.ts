/** Errors the API answers with: `{error, message}` and an HTTP status, never a stack trace. */
import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiError, ApiErrorCode } from './contract.ts'
import { bodyType } from './middleware/body-type.ts'

export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

export function errorResponse(c: Context, status: ContentfulStatusCode, error: ApiErrorCode, message: string): Response {
  const body: ApiError = { error, message }
  return c.json(body, status)
}

export interface Issue {
  code?: string
  path: PropertyKey[]
  message: string
  origin?: string
  maximum?: number | bigint
  minimum?: number | bigint
  inclusive?: boolean
  expected?: string
  values?: unknown[]
  input?: unknown
}

const KINDS: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object', file: 'a file' }

/** A zod issue as one plain sentence naming the field (zod's own wording is for programmers). */
export function plainIssue(issue: Issue): string {
  const field = issue.path.length
    ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('')
    : 'the request'
  // Messages written in this file (not zod's defaults) are already sentences for users.
  if (!/^(Invalid|Too (big|small)|expected|Input not instance)/i.test(issue.message)) return `${field}: ${issue.message}`
  const count = (n: number | bigint | undefined, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${field} is too long: at most ${count(issue.maximum, 'character')}.`
      if (issue.origin === 'array') return `${field} has too many items: at most ${issue.maximum}.`
      return `${field} must be at most ${issue.maximum}.`
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field} must not be empty.` : `${field} must have at least ${count(issue.minimum, 'character')}.`
      if (issue.origin === 'array') return `${field} needs at least ${count(issue.minimum, 'item')}.`
      if (issue.inclusive === false) return issue.origin === 'int' || issue.origin === 'number' ? `${field} must be greater than ${issue.minimum}.` : `${field} is too small.`
      return `${field} must be at least ${issue.minimum}.`
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${field} is required.`
      return `${field} must be ${KINDS[issue.expected ?? ''] ?? issue.expected ?? 'something else'}.`
    case 'invalid_value':
      return `${field} must be one of ${(issue.values ?? []).map(String).join(', ')}.`
    default:
      return `${field} is not valid.`
  }
}

/** zod's own range check of integers (|n| ≤ 2^53 − 1): less useful to a person than the field's own limit. */
const isSafeIntegerIssue = (issue: Issue) => issue.origin === 'int' && (issue.code === 'too_big' || issue.code === 'too_small')

/** The issue to tell a person about: the first, unless another on the same field says it better (the field's own limit rather than 2^53). */
export function mainIssue(issues: Issue[]): Issue {
  const first = issues[0]
  if (!isSafeIntegerIssue(first)) return first
  const same = issues.find((i) => i !== first && i.path.join('.') === first.path.join('.') && !isSafeIntegerIssue(i))
  return same ?? first
}

/**
 * zValidator hook: a failed validation as a 400 `{error: 'bad_request', message}`, one plain
 * sentence naming the field. A query or form field given more than once (`?q=a&q=b`) is said so
 * (zod would only see a list where it expects text).
 */
export function invalid(result: { success: boolean; error?: { issues: Issue[] }; data?: unknown; target?: string }, c: Context) {
  if (result.success) return
  const issue = mainIssue(result.error!.issues)
  const key = issue.path[0]
  const given = result.data && typeof result.data === 'object' && key !== undefined ? (result.data as Record<PropertyKey, unknown>)[key] : undefined
  if ((result.target === 'query' || result.target === 'form') && Array.isArray(given)) {
    return errorResponse(c, 400, 'bad_request', `${String(key)} is given ${given.length} times: give it once.`)
  }
  return errorResponse(c, 400, 'bad_request', plainIssue(issue))
}

/**
 * A route whose body is JSON says so when a request sends something else (without it, a
 * missing Content-Type reads as an empty body and the answer would be "terms is required"),
 * and takes no JSON-looking body under a type a web page may send cross-site (`text/plain`).
 */
export const requireJson: MiddlewareHandler = bodyType({
  accept: ['application/json'],
  suffixes: ['+json'],
  onRefused: (c) => errorResponse(c, 415, 'unsupported_media_type', 'send the body as JSON, with the header Content-Type: application/json'),
})

/** A route that takes a file upload (a form with a `file` field) refuses other bodies. */
export const requireMultipart: MiddlewareHandler = bodyType({
  accept: ['multipart/form-data'],
  onRefused: (c) => errorResponse(c, 415, 'unsupported_media_type', 'send the file as multipart/form-data'),
})
