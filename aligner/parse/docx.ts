/** DOCX → HTML with mammoth; the HTML then takes the HTML path. */
import mammoth from 'mammoth'
import { SixfoldError } from '../types.ts'
import { checkZipInflation } from './zip-limits.ts'

export async function docxToHtml(bytes: Uint8Array, fileName: string): Promise<string> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new SixfoldError('bad-docx', `${fileName} is not a DOCX file (a DOCX is a ZIP archive): save it again as .docx`)
  // a ZIP bomb is refused before mammoth inflates anything
  checkZipInflation(bytes, fileName)
  try {
    // Word's Title is the document title (h1); its headings 1–3 are headings (h2–h4).
    const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='heading 1'] => h2:fresh", "p[style-name='heading 2'] => h3:fresh", "p[style-name='heading 3'] => h4:fresh"]
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { styleMap })
    return `<!doctype html><html><body>${result.value}</body></html>`
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new SixfoldError('bad-docx', `${fileName} could not be read as DOCX (${why}): save it again as .docx`)
  }
}
