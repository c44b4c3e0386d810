/**
 * A PDF's pages as PDF.js sees them: every text item with its position, size and font (name and
 * weight), and the horizontal rules drawn on the page (the short line above the footnotes).
 */
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf'
import { SixfoldError } from '../../types.ts'
import { checkPdfInflation } from '../pdf-limits.ts'

export interface TextItem {
  str: string
  /** Left edge and baseline, in PDF points from the page's bottom left. */
  x: number
  y: number
  width: number
  /** Font size in points (the text matrix's vertical scale). */
  size: number
  bold: boolean
  /** The font's own name without the subset prefix ("NotoSerif-Bold"), or PDF.js's id when unknown. */
  font: string
  dir: string
}

export interface Rule {
  x0: number
  x1: number
  y: number
}

export interface PdfPage {
  number: number
  width: number
  height: number
  items: TextItem[]
  rules: Rule[]
}

/**
 * PDF.js sends font data to the main thread with ArrayBuffer.prototype.transferToFixedLength, which
 * Node 20 lacks (Node 21 has it); without it no font name (and so no weight) and no drawing can be
 * read. This stand-in copies instead of transferring, which is all PDF.js needs.
 */
function ensureTransfer(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer }
  if (proto.transferToFixedLength) return
  Object.defineProperty(proto, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const out = new ArrayBuffer(length ?? this.byteLength)
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(this.byteLength, out.byteLength)))
      return out
    },
  })
}

interface RawTextItem {
  str?: string
  transform: number[]
  width: number
  fontName: string
  dir: string
}

export async function readPdf(bytes: Uint8Array, fileName: string): Promise<PdfPage[]> {
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new SixfoldError('bad-pdf', `${fileName} is not a PDF file (it does not start with %PDF): give the PDF itself or its text as .txt`)
  }
  // a PDF bomb is refused before PDF.js inflates anything
  checkPdfInflation(bytes, fileName)
  ensureTransfer()
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes))
    const { OPS } = await getResolvedPDFJS()
    const pages: PdfPage[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      let rules: Rule[] = []
      const fonts = new Map<string, { name: string; bold: boolean }>()
      try {
        const ops = await page.getOperatorList()
        rules = findRules(ops.fnArray, ops.argsArray, OPS)
        for (const item of content.items as RawTextItem[]) {
          if (fonts.has(item.fontName) || !page.commonObjs.has(item.fontName)) continue
          const font = page.commonObjs.get(item.fontName) as { name?: string; bold?: boolean; black?: boolean }
          const name = (font.name ?? item.fontName).replace(/^[A-Z]{6}\+/, '')
          fonts.set(item.fontName, { name, bold: !!font.bold || !!font.black || /bold|black|heavy|semibold|demi/i.test(name) })
        }
      } catch {
        // Drawings and font names are a help, not a need: the text alone still gives positions and sizes.
      }
      const [x0, y0, x1, y1] = page.view
      const items: TextItem[] = []
      for (const item of content.items as RawTextItem[]) {
        if (typeof item.str !== 'string' || !item.str) continue
        const [a, b, c, d, e, f] = item.transform
        const font = fonts.get(item.fontName)
        items.push({ str: item.str, x: e - x0, y: f - y0, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b) || 10, bold: font?.bold ?? false, font: font?.name ?? item.fontName, dir: item.dir })
      }
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, rules: rules.map((r) => ({ x0: r.x0 - x0, x1: r.x1 - x0, y: r.y - y0 })) })
      page.cleanup()
    }
    await pdf.destroy()
    return pages
  } catch (error) {
    if (error instanceof SixfoldError) throw error
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new SixfoldError('bad-pdf', `${fileName} could not be read as PDF (${why}): give its text as .txt instead`)
  }
}

type Matrix = [number, number, number, number, number, number]

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]]
}

/** Thin horizontal shapes (filled or stroked) at least 30 pt long: rules. */
function findRules(fnArray: number[], argsArray: unknown[], OPS: Record<string, number>): Rule[] {
  const rules: Rule[] = []
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const stack: Matrix[] = []
  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k]
    const args = argsArray[k] as unknown[]
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix)
    else if (fn === OPS.constructPath) {
      // PDF.js 5: [paint op, path data, bounding box [minX, minY, maxX, maxY]].
      const box = args[2] as ArrayLike<number> | null
      if (!box || box.length < 4) continue
      const p = [
        [box[0], box[1]],
        [box[2], box[3]],
      ].map(([x, y]) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]])
      const xa = Math.min(p[0][0], p[1][0])
      const xb = Math.max(p[0][0], p[1][0])
      const ya = Math.min(p[0][1], p[1][1])
      const yb = Math.max(p[0][1], p[1][1])
      if (yb - ya <= 2 && xb - xa >= 30) rules.push({ x0: xa, x1: xb, y: (ya + yb) / 2 })
    }
  }
  return rules
}
