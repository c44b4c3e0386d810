/**
 * Reading a file named on the command line, with what can go wrong said in one line: no such file,
 * a folder, a file that may not be read, one over the size limit.
 */
import { readFileSync, statSync } from 'node:fs'
import { SixfoldError } from '../../aligner/types.ts'
import { fileErrorText } from '../import/read-file.ts'

export { fileErrorText }

/** The size of a file to read, or a SixfoldError saying why it cannot be read (missing, a folder, over `maxBytes`). */
export function checkInput(path: string, maxBytes: number, what: string): number {
  let size: number
  try {
    const info = statSync(path)
    if (info.isDirectory()) throw new SixfoldError('file', `${path} is a folder, not a file: give ${what}`)
    size = info.size
  } catch (error) {
    if (error instanceof SixfoldError) throw error
    throw new SixfoldError('file', `cannot read ${path}: ${fileErrorText(error)}`)
  }
  if (size > maxBytes) throw new SixfoldError('too-large', `${path} is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${Math.round(maxBytes / 1024 / 1024)} MB limit for ${what}`)
  return size
}

/** The bytes of a file named on the command line, refused in one line when it cannot be read or is too large. */
export function readInput(path: string, maxBytes: number, what: string): Uint8Array {
  checkInput(path, maxBytes, what)
  try {
    return readFileSync(path)
  } catch (error) {
    throw new SixfoldError('file', `cannot read ${path}: ${fileErrorText(error)}`)
  }
}
