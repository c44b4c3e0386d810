/** PDF → text with unpdf (PDF.js), one line per text line and a form feed between pages; the text then takes the PDF-text path. */
import { extractText, getDocumentProxy } from 'unpdf'
import { SixfoldError } from '../types.ts'

export async function pdfToText(bytes: Uint8Array, fileName: string): Promise<string> {
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new SixfoldError('bad-pdf', `${fileName} is not a PDF file (it does not start with %PDF): give the PDF itself or its text as .txt`)
  }
  let pages: string[]
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes))
    pages = (await extractText(pdf, { mergePages: false })).text
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new SixfoldError('bad-pdf', `${fileName} could not be read as PDF (${why}): give its text as .txt instead`)
  }
  const text = pages.join('\n\f\n')
  if (!text.trim()) throw new SixfoldError('empty-file', `${fileName} holds no text (a scanned PDF?): give its text as .txt`)
  return text
}
