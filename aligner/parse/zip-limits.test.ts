/**
 * ZIP bombs as DOCX files, generated here: word/document.xml deflated from a run of one letter, a
 * thousand to one. Refused before mammoth inflates them, whether the ZIP directory tells the truth
 * about the size or lies about it; a real DOCX (deflated, written by LibreOffice's format) still reads.
 */
import { once } from 'node:events'
import { createDeflateRaw, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { SixfoldError } from '../types.ts'
import { parseDocument } from './index.ts'
import { MAX_INFLATED_BYTES } from './zip-limits.ts'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const HEAD = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>`
const TAIL = '</w:t></w:r></w:p></w:body></w:document>'

/** HEAD + `size` letters + TAIL, deflated in a stream (never held inflated in memory). */
async function deflatedDocument(size: number): Promise<{ data: Buffer; inflated: number }> {
  const deflate = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (b: Buffer) => out.push(b))
  deflate.write(HEAD)
  const chunk = Buffer.alloc(1024 * 1024, 'A')
  for (let left = size; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await once(deflate, 'drain')
  }
  deflate.end(TAIL)
  await once(deflate, 'end')
  return { data: Buffer.concat(out), inflated: HEAD.length + size + TAIL.length }
}

/** A ZIP of deflated parts; `declared` overrides the uncompressed size its directory states. */
function zip(parts: Array<{ name: string; data: Buffer; size: number; declared?: number }>): Uint8Array {
  const chunks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(p.data.length, 18)
    local.writeUInt32LE(p.declared ?? p.size, 22)
    local.writeUInt16LE(name.length, 26)
    chunks.push(local, name, p.data)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt32LE(p.data.length, 20)
    entry.writeUInt32LE(p.declared ?? p.size, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt32LE(offset, 42)
    central.push(entry, name)
    offset += 30 + name.length + p.data.length
  }
  const size = central.reduce((n, c) => n + c.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(size, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]))
}

const small = (name: string, text: string) => ({ name, data: deflateRawSync(text), size: Buffer.byteLength(text) })
const RELS = small(
  '_rels/.rels',
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
)

async function refusal(bytes: Uint8Array): Promise<SixfoldError> {
  const error = await parseDocument({ bytes, fileName: 'bomb.docx' }, { lang: 'en' }).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(SixfoldError)
  return error as SixfoldError
}

describe('a DOCX that is a ZIP bomb', () => {
  it('is refused from its ZIP directory, before anything is inflated, when the directory tells the truth', async () => {
    // 1 GiB of letters in 1 MB: the size the issue measured (12–23 s and 2.4 GB before this guard)
    const doc = await deflatedDocument(1024 * 1024 * 1024)
    expect(doc.data.length).toBeLessThan(2 * 1024 * 1024)
    const error = await refusal(zip([RELS, { name: 'word/document.xml', data: doc.data, size: doc.inflated }]))
    expect(error.code).toBe('too-large')
    expect(error.message).toBe(
      'bomb.docx would inflate to 1024.0 MB (word/document.xml alone to 1024.0 MB), over the 100.0 MB limit for a DOCX\'s contents: refused as a ZIP bomb would be; split the document',
    )
  }, 120_000)

  it('is refused while inflating when the directory lies about the size', async () => {
    const doc = await deflatedDocument(MAX_INFLATED_BYTES + 1024 * 1024)
    const error = await refusal(zip([RELS, { name: 'word/document.xml', data: doc.data, size: doc.inflated, declared: 4096 }]))
    expect(error.code).toBe('too-large')
    expect(error.message).toBe(
      "bomb.docx: its part word/document.xml inflates past the 100.0 MB limit for a DOCX's contents, though its ZIP directory says 0.0 MB: refused as a ZIP bomb would be",
    )
  }, 120_000)

  it('is refused when many parts, each small enough, add up past the limit', async () => {
    const doc = await deflatedDocument(30 * 1024 * 1024)
    const parts = [RELS, ...[1, 2, 3, 4].map((k) => ({ name: `word/media/part${k}.xml`, data: doc.data, size: doc.inflated, declared: 100 }))]
    const error = await refusal(zip(parts))
    expect(error.message).toMatch(/^bomb\.docx(: its part word\/media\/part4\.xml inflates past| inflates to more than) the 100\.0 MB limit/)
  }, 120_000)

  it('but a deflated DOCX under the limit is read', async () => {
    const text = '1. The Commission held its general debate at its first meeting, and statements were made by many speakers.'
    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
    const doc = await parseDocument({ bytes: zip([RELS, small('word/document.xml', xml)]), fileName: 'ok.docx' }, { lang: 'en' })
    expect(doc.blocks.map((b) => b.text)).toEqual([text.slice(3)])
  })
})
