/** Errors the API answers with: `{error, message}` and an HTTP status, never a stack trace. */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiError, ApiErrorCode } from './contract.ts'

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
