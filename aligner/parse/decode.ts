/**
 * Bytes → text, refusing what is not text: empty files, binary files, encodings other than UTF-8
 * (UTF-16 with a byte-order mark is decoded). Every text a user gives Sixfold (a version file, a
 * glossary, a TMX file, parallel and YAML files, a manifest, an upload) is decoded here, so that a
 * Latin-1 file is refused in words instead of being stored with U+FFFD in place of its accents.
 * An XML file (TMX, TBX) that declares its encoding (`<?xml … encoding="ISO-8859-1"?>`) is decoded
 * as it declares, as XML readers do.
 */
import { SixfoldError } from '../types.ts'

export const MAX_BYTES = 50 * 1024 * 1024

/** The refusal of an input over a limit, MAX_BYTES by default (parse, import, align and uploads say the same). */
export function tooLarge(fileName: string, size: number, limit = MAX_BYTES, advice = 'split the document or give its text'): SixfoldError {
  return new SixfoldError('too-large', `${fileName} is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${limit / 1024 / 1024} MB limit: ${advice}`)
}

export interface DecodeOptions {
  /** What the file should be, for the hint on a binary file (default: a document version). */
  expected?: string
  /** XML: an encoding named in the XML declaration is used. */
  xml?: boolean
}

const DOCUMENT_FILES = 'a .txt, .html, .docx or .pdf file'

/** Decode a text file's bytes, or throw a SixfoldError a user can act on. */
export function decodeText(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): string {
  const expected = options.expected ?? DOCUMENT_FILES
  const binary = () => new SixfoldError('binary-file', `${fileName} looks like a binary file, not text: give ${expected}`)
  if (bytes.length === 0) throw new SixfoldError('empty-file', `${fileName} is empty: there is nothing to read`)
  let text: string
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeStrict('utf-16le', bytes.subarray(2), fileName)
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeStrict('utf-16be', bytes.subarray(2), fileName)
  else {
    if (looksUtf16(bytes)) throw new SixfoldError('bad-encoding', `${fileName} looks like UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a byte-order mark)`)
    if (looksBinary(bytes)) throw binary()
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const declared = options.xml && start === 0 ? declaredEncoding(bytes) : null
    text = declared ? decodeDeclared(declared, bytes, fileName) : decodeStrict('utf-8', bytes.subarray(start), fileName)
  }
  if (text.includes('\u0000')) throw binary()
  if (!text.trim()) throw new SixfoldError('empty-file', `${fileName} holds only white space: there is nothing to read`)
  return text
}

/** The encoding an XML declaration names, when it is not UTF-8 (null: none, or UTF-8). */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200))
  const m = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)
  if (!m || /^utf-?8$/i.test(m[1])) return null
  return m[1]
}

function decodeDeclared(encoding: string, bytes: Uint8Array, fileName: string): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(encoding, { fatal: true })
  } catch {
    throw new SixfoldError('bad-encoding', `${fileName} declares the encoding "${encoding}", which Sixfold cannot read: save it as UTF-8`)
  }
  if (decoder.encoding.startsWith('utf-16')) throw new SixfoldError('bad-encoding', `${fileName} declares ${encoding} but has no byte-order mark: save it as UTF-8 (or UTF-16 with a byte-order mark)`)
  try {
    return decoder.decode(bytes)
  } catch {
    throw new SixfoldError('bad-encoding', `${fileName} is not valid ${encoding} text, as its XML declaration says: save it as UTF-8`)
  }
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
