import { describe, expect, it } from 'vitest'
import { SixfoldError } from '../../aligner/types.ts'
import { ApiFailure } from '../api/errors.ts'
import { failureOf, rethrow } from './errors.ts'

/** What a failure becomes after crossing to the main thread (structured clone) and being thrown again. */
function roundTrip(error: unknown): unknown {
  try {
    rethrow(structuredClone(failureOf(error)))
  } catch (thrown) {
    return thrown
  }
}

describe('errors across the thread boundary', () => {
  it('keeps the class, code, status and message of API and Sixfold errors', () => {
    const api = roundTrip(new ApiFailure(409, 'conflict', 'a document "x" exists already and is not a TMX import: give another slug'))
    expect(api).toBeInstanceOf(ApiFailure)
    expect(api).toMatchObject({ status: 409, code: 'conflict', message: 'a document "x" exists already and is not a TMX import: give another slug' })
    const six = roundTrip(new SixfoldError('language_mismatch', 'en.txt: declared language fr (French) disagrees with the text'))
    expect(six).toBeInstanceOf(SixfoldError)
    expect(six).toMatchObject({ code: 'language_mismatch', message: 'en.txt: declared language fr (French) disagrees with the text' })
  })

  it('keeps a database error\'s name, code and stack', () => {
    const original = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY', rawCode: 8 })
    original.name = 'SqliteError'
    const back = roundTrip(original) as Error & { code?: string; rawCode?: number }
    expect(back).toBeInstanceOf(Error)
    expect(back).toMatchObject({ name: 'SqliteError', message: 'attempt to write a readonly database', code: 'SQLITE_READONLY', rawCode: 8 })
    expect(back.stack).toBe(original.stack)
    expect(roundTrip('plain text')).toMatchObject({ message: 'plain text' })
  })
})
