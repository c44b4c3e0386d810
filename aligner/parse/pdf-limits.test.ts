/**
 * A PDF bomb, generated here: a page whose Flate content stream inflates to 300 MB (a line of text,
 * then spaces) from a few hundred kilobytes. Refused before PDF.js inflates it; a PDF with small
 * Flate streams still reads.
 */
import { once } from 'node:events'
import { createDeflate, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { SixfoldError } from '../types.ts'
import { parseDocument } from './index.ts'

async function deflated(head: string, padding: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (b: Buffer) => out.push(b))
  deflate.write(head)
  const chunk = Buffer.alloc(1024 * 1024, ' ')
  for (let left = padding; left > 0; left -= chunk.length) if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await once(deflate, 'drain')
  deflate.end()
  await once(deflate, 'end')
  return Buffer.concat(out)
}

/** A one-page PDF whose content stream is the given Flate data. */
function pdf(content: Buffer): Uint8Array {
  const parts: Buffer[] = []
  const offsets: number[] = []
  let length = 0
  const add = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b
    parts.push(buf)
    length += buf.length
  }
  add('%PDF-1.4\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
  ]
  objects.forEach((o, k) => {
    offsets[k + 1] = length
    add(`${k + 1} 0 obj\n${o}\nendobj\n`)
  })
  offsets[5] = length
  add(`5 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`)
  add(content)
  add('\nendstream\nendobj\n')
  const xref = length
  add(`xref\n0 6\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return new Uint8Array(Buffer.concat(parts))
}

const LINE = 'BT /F1 11 Tf 72 700 Td (The Commission held its general debate at its first meeting.) Tj ET\n'

describe('a PDF that is a compression bomb', () => {
  it('is refused before PDF.js inflates it', async () => {
    const bytes = pdf(await deflated(LINE, 300 * 1024 * 1024))
    expect(bytes.length).toBeLessThan(1024 * 1024)
    const error = await parseDocument({ bytes, fileName: 'bomb.pdf' }, { lang: 'en' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(SixfoldError)
    expect((error as SixfoldError).code).toBe('too-large')
    expect((error as SixfoldError).message).toBe("bomb.pdf: its compressed streams inflate past 256.0 MB, the limit for a PDF's text and fonts: refused as a PDF bomb would be; give its text as .txt")
  }, 120_000)

  it('but a PDF with a small Flate content stream is read', async () => {
    const doc = await parseDocument({ bytes: pdf(deflateSync(LINE)), fileName: 'ok.pdf' }, { lang: 'en' })
    expect(doc.blocks.map((b) => b.text)).toEqual(['The Commission held its general debate at its first meeting.'])
  })
})
