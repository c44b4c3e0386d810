/**
 * A guard against PDF bombs, run before PDF.js opens a file: a small PDF whose Flate streams (page
 * contents, fonts, object streams) inflate to gigabytes would otherwise be inflated by PDF.js, in
 * memory, while the text is extracted. Every Flate stream but an image's (text extraction does not
 * decode images) is inflated here with a ceiling on the total (zlib stops at the limit).
 *
 * The scan reads the file's bytes, not its object tree: a stream is the data between a dictionary's
 * `stream` keyword and `endstream`. A stream the scan cannot inflate is left to PDF.js, which then
 * says whether the file is damaged.
 */
import { inflateSync } from 'node:zlib'
import { SixfoldError } from '../types.ts'

/** What a PDF's Flate streams (images aside) may inflate to, together. */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

/** Throws a SixfoldError (`too-large`) when the PDF's Flate streams inflate past `limit` together. */
export function checkPdfInflation(bytes: Uint8Array, fileName: string, limit = MAX_PDF_INFLATED_BYTES): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const keyword = /stream\r?\n/g
  let total = 0
  let from = 0
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (m.index > 0 && /[a-z]/i.test(text[m.index - 1])) continue // "endstream"
    const start = m.index + m[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) break
    const dictionaryStart = Math.max(text.lastIndexOf(' obj', m.index), from)
    const dictionary = text.slice(dictionaryStart, m.index)
    from = end
    keyword.lastIndex = end + 9
    if (!/\/FlateDecode|\/Fl\b/.test(dictionary) || /\/Subtype\s*\/Image/.test(dictionary)) continue
    let size: number
    try {
      size = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, limit - total), finishFlush: 2 /* Z_SYNC_FLUSH: a stream cut short still counts */ }).length
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new SixfoldError('too-large', `${fileName}: its compressed streams inflate past ${mb(limit)}, the limit for a PDF's text and fonts: refused as a PDF bomb would be; give its text as .txt`)
      }
      continue
    }
    total += size
    if (total > limit) throw new SixfoldError('too-large', `${fileName}: its compressed streams inflate past ${mb(limit)}, the limit for a PDF's text and fonts: refused as a PDF bomb would be; give its text as .txt`)
  }
}
