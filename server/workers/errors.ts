/**
 * Errors across the thread boundary. A worker returns its failure as a value
 * (structured cloning keeps an Error's message but not its class or code);
 * the main thread throws it again as the same class, so that an API response
 * is exactly what the same error gives in-process.
 */
import { SixfoldError } from '../../aligner/types.ts'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorCode } from '../api/contract.ts'
import { ApiFailure } from '../api/errors.ts'

export type WorkerFailure =
  | { kind: 'api'; status: ContentfulStatusCode; code: ApiErrorCode; message: string }
  | { kind: 'sixfold'; code: string; message: string }
  | { kind: 'error'; name: string; message: string; stack?: string; code?: string; rawCode?: number }

export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure }

export function failureOf(error: unknown): WorkerFailure {
  if (error instanceof ApiFailure) return { kind: 'api', status: error.status, code: error.code, message: error.message }
  if (error instanceof SixfoldError) return { kind: 'sixfold', code: error.code, message: error.message }
  if (error instanceof Error) {
    // A database error keeps its code (SQLITE_READONLY, SQLITE_CORRUPT…), which the API's error handler reads.
    const { code, rawCode } = error as Error & { code?: unknown; rawCode?: unknown }
    return {
      kind: 'error',
      name: error.name,
      message: error.message,
      stack: error.stack,
      code: typeof code === 'string' ? code : undefined,
      rawCode: typeof rawCode === 'number' ? rawCode : undefined,
    }
  }
  return { kind: 'error', name: 'Error', message: String(error) }
}

/** Runs `work` in a worker and returns its result or its failure as a value. */
export async function outcome<T>(work: () => Promise<T>): Promise<WorkerOutcome<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    return { ok: false, failure: failureOf(error) }
  }
}

export function rethrow(failure: WorkerFailure): never {
  if (failure.kind === 'api') throw new ApiFailure(failure.status, failure.code, failure.message)
  if (failure.kind === 'sixfold') throw new SixfoldError(failure.code, failure.message)
  const error = Object.assign(new Error(failure.message), { code: failure.code, rawCode: failure.rawCode })
  error.name = failure.name
  if (failure.stack) error.stack = failure.stack
  throw error
}

/** The value of an outcome, or its failure thrown again. */
export function unwrap<T>(result: WorkerOutcome<T>): T {
  if (result.ok) return result.value
  return rethrow(result.failure)
}
