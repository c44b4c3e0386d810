/** The aligner-eval bead format, one bead a line: `[4]:[4, 5]`, `[3]:[]`, `[]:[7]`. */
import type { Bead } from '../types.ts'

export function formatBead(bead: Pick<Bead, 'src' | 'tgt'>): string {
  return `[${bead.src.join(', ')}]:[${bead.tgt.join(', ')}]`
}

export function formatBeads(beads: ReadonlyArray<Pick<Bead, 'src' | 'tgt'>>): string {
  return beads.map(formatBead).join('\n') + (beads.length ? '\n' : '')
}

/** Parses the bead format; throws on a malformed line. */
export function parseBeads(text: string): Array<{ src: number[]; tgt: number[] }> {
  const out: Array<{ src: number[]; tgt: number[] }> = []
  for (const [k, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue
    const m = line.match(/^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$/)
    if (!m) throw new Error(`line ${k + 1}: not a bead: ${line}`)
    const nums = (s: string) => (s.trim() ? s.split(',').map((x) => Number(x.trim())) : [])
    out.push({ src: nums(m[1]), tgt: nums(m[2]) })
  }
  return out
}
