/** The document's typical measures: body type size, line pitch, text column. */
import type { PdfLine } from './rows.ts'

export interface Metrics {
  /** The size most body characters are set in. */
  size: number
  /** The usual distance between baselines of body lines in one paragraph. */
  pitch: number
  /** The text column's usual left and right edges (continuation lines start and end there). */
  left: number
  right: number
}

export function measure(pages: PdfLine[][]): Metrics {
  const sizes = new Map<number, number>()
  for (const lines of pages) for (const l of lines) sizes.set(l.size, (sizes.get(l.size) ?? 0) + l.text.length)
  const size = mode(sizes) ?? 10
  const body = (l: PdfLine) => Math.abs(l.size - size) < 0.6
  const pitches = new Map<number, number>()
  const lefts = new Map<number, number>()
  const rights = new Map<number, number>()
  for (const lines of pages) {
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k]
      if (!body(l)) continue
      lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1)
      rights.set(Math.round(l.x1), (rights.get(Math.round(l.x1)) ?? 0) + 1)
      const next = lines[k + 1]
      if (next && body(next)) {
        const d = Math.round((l.y - next.y) * 2) / 2
        if (d > 0.8 * size && d < 3 * size) pitches.set(d, (pitches.get(d) ?? 0) + 1)
      }
    }
  }
  // Inside a paragraph lines are closest: the smallest distance that is common (where most paragraphs are one or two lines long, the gap between paragraphs is the most common).
  const most = Math.max(0, ...pitches.values())
  const close = [...pitches].filter(([, n]) => n >= Math.max(2, 0.25 * most)).sort((a, b) => a[0] - b[0])
  // Distances half a point apart are one distance rounded two ways.
  const pitch = close.length ? Math.max(...close.filter(([d]) => d - close[0][0] <= 0.5).map(([d]) => d)) : size * 1.2
  const left = mode(lefts) ?? 0
  // Justified text ends its full lines at one edge, ragged text short of it: the edge most full lines reach.
  const ends = [...rights].flatMap(([x, n]) => Array<number>(n).fill(x)).sort((a, b) => a - b)
  const right = ends.length ? ends[Math.floor(ends.length * 0.9)] : left + 400
  return { size, pitch, left, right }
}

function mode(counts: Map<number, number>): number | undefined {
  let best: number | undefined
  let n = -1
  for (const [k, v] of counts) if (v > n || (v === n && best !== undefined && k < best)) [best, n] = [k, v]
  return best
}
