/**
 * A guard against ZIP bombs, run on a DOCX before mammoth opens it: a small file whose parts inflate
 * to gigabytes would otherwise be inflated whole, in memory, before anything could refuse it.
 *
 * Two checks, because a ZIP's directory can lie: the sizes the central directory declares are added
 * up first (nothing is inflated when they are over the limit), then every part is inflated here with
 * a ceiling on its output (zlib stops at the limit instead of finishing), the parts' total counted as
 * it goes. Only what passes both is handed to mammoth, which then inflates the same bytes.
 */
import { inflateRawSync } from 'node:zlib'
import { SixfoldError } from '../types.ts'

/** What a DOCX's parts may inflate to, together. A long UN report's document.xml is 5–20 MB. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024
/** Parts a DOCX may hold (Word writes a few dozen, plus one per image). */
export const MAX_ZIP_ENTRIES = 10_000

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

interface Entry {
  name: string
  method: number
  compressedSize: number
  declaredSize: number
  localOffset: number
}

function refuse(message: string): never {
  throw new SixfoldError('too-large', message)
}

function damaged(fileName: string, why: string): never {
  throw new SixfoldError('bad-docx', `${fileName} could not be read as DOCX (${why}): save it again as .docx`)
}

/** The central directory's entries (throws on a ZIP too damaged to read, or ZIP64, which Word does not write). */
function centralDirectory(bytes: Uint8Array, fileName: string): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) damaged(fileName, 'its ZIP directory is missing: the file is cut short or not a ZIP archive')
  const count = view.getUint16(eocd + 10, true)
  const offset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || offset === 0xffffffff) damaged(fileName, 'it is a ZIP64 archive, which Word does not write')
  if (count > MAX_ZIP_ENTRIES) refuse(`${fileName} holds ${count.toLocaleString('en')} parts, over the limit of ${MAX_ZIP_ENTRIES.toLocaleString('en')} for a DOCX: refused as a ZIP bomb would be`)
  const entries: Entry[] = []
  let p = offset
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) damaged(fileName, 'its ZIP directory is damaged')
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      declaredSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * Throws a SixfoldError (`too-large`) when the ZIP's parts declare, or actually inflate to, more
 * than `limit` bytes together; `bad-docx` when the archive cannot be read.
 */
export function checkZipInflation(bytes: Uint8Array, fileName: string, limit = MAX_INFLATED_BYTES): void {
  const entries = centralDirectory(bytes, fileName)
  const declared = entries.reduce((n, e) => n + e.declaredSize, 0)
  if (declared > limit) {
    const largest = entries.reduce((a, b) => (b.declaredSize > a.declaredSize ? b : a))
    refuse(`${fileName} would inflate to ${mb(declared)} (${largest.name} alone to ${mb(largest.declaredSize)}), over the ${mb(limit)} limit for a DOCX's contents: refused as a ZIP bomb would be; split the document`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let total = 0
  for (const entry of entries) {
    const p = entry.localOffset
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) damaged(fileName, `its part ${entry.name} is missing`)
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true)
    const data = bytes.subarray(start, start + entry.compressedSize)
    let size: number
    if (entry.method === 0) size = data.length
    else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total) }).length
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          refuse(`${fileName}: its part ${entry.name} inflates past the ${mb(limit)} limit for a DOCX's contents, though its ZIP directory says ${mb(entry.declaredSize)}: refused as a ZIP bomb would be`)
        }
        damaged(fileName, `its part ${entry.name} is damaged`)
      }
    } else continue // another method: mammoth says it cannot read it
    total += size
    if (total > limit) refuse(`${fileName} inflates to more than ${mb(limit)}, the limit for a DOCX's contents: refused as a ZIP bomb would be; split the document`)
  }
}
