/**
 * Bytes → text, refusing what is not text: empty files, binary files, encodings other than UTF-8
 * (UTF-16 with a byte-order mark is decoded).
 */
import { SixfoldError } from '../types.ts'

export const MAX_BYTES = 50 * 1024 * 1024

/** Decode a text file's bytes, or throw a SixfoldError a user can act on. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new SixfoldError('empty-file', `${fileName} is empty: there is nothing to parse`)
  let text: string
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeStrict('utf-16le', bytes.subarray(2), fileName)
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeStrict('utf-16be', bytes.subarray(2), fileName)
  else {
    if (looksUtf16(bytes)) throw new SixfoldError('bad-encoding', `${fileName} looks like UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a byte-order mark)`)
    if (looksBinary(bytes)) throw new SixfoldError('binary-file', `${fileName} looks like a binary file, not text: give a .txt, .html, .docx or .pdf file`)
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    text = decodeStrict('utf-8', bytes.subarray(start), fileName)
  }
  if (text.includes('\u0000')) throw new SixfoldError('binary-file', `${fileName} looks like a binary file, not text: give a .txt, .html, .docx or .pdf file`)
  if (!text.trim()) throw new SixfoldError('empty-file', `${fileName} holds only white space: there is nothing to parse`)
  return text
}

function decodeStrict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    const hint = encoding === 'utf-8' ? 'save it as UTF-8 (or UTF-16 with a byte-order mark)' : `its ${encoding.toUpperCase()} bytes are damaged`
    throw new SixfoldError('bad-encoding', `${fileName} is not valid ${encoding.toUpperCase()} text: ${hint}`)
  }
}

/** Every other byte NUL in the first 200 bytes: UTF-16 text (of a Latin-script language) without its byte-order mark. */
function looksUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 200)
  if (sample.length < 8) return false
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddNul++ : evenNul++)
  const half = sample.length / 2
  return (oddNul > half * 0.8 && evenNul < half * 0.1) || (evenNul > half * 0.8 && oddNul < half * 0.1)
}

/** NUL bytes or many control characters in the first 8 KiB mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const b of sample) {
    if (b === 0) return true
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
  }
  return control / sample.length > 0.1
}
