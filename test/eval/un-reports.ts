/**
 * Issue 10's measure: the eight UN-style six-language reports of test/fixtures/un-reports, read from
 * the PDF, the DOCX, and the text pdftotext gives of the PDF (default and -layout mode, extracted once
 * and committed), through the same path as `sixfold align zh.pdf X.pdf --input document --json`
 * (parseDocument, then alignDocumentPair). Per format:
 *   - blocks per language against the gold (body blocks: headings, paragraphs, items, footnotes; plus
 *     the front-matter lines of the first page);
 *   - footnotes found: gold footnotes whose text is held by a block the parser took for a footnote;
 *   - furniture leaked: sentences holding the job number or barcode, the running symbol beyond its one
 *     front-matter place, or nothing but a page number;
 *   - line-level strict F1 per pair zh–X: two devset lines are aligned when one bead holds both
 *     (test/eval/line-gold.ts), and how many beads hold more than one devset line on a side.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alignDocumentPair } from '../../aligner/align/document.ts'
import { parseDocument } from '../../aligner/parse/index.ts'
import { LANGS, type Lang, type ParsedDocument } from '../../aligner/types.ts'
import { devsetLines, type GoldReport } from '../fixtures/un-reports/devset-lines.ts'
import { locateLines, scoreLines } from './line-gold.ts'

const FIXTURES = fileURLToPath(new URL('../fixtures/un-reports/', import.meta.url))

export const FORMATS = [
  { name: 'PDF', file: (l: Lang) => `${l}.pdf` },
  { name: 'DOCX', file: (l: Lang) => `${l}.docx` },
  { name: 'pdftotext', file: (l: Lang) => `${l}.pdftotext.txt` },
  { name: 'pdftotext -layout', file: (l: Lang) => `${l}.layout.txt` },
] as const

const PAIRS = LANGS.filter((l) => l !== 'zh')

export function reports(): GoldReport[] {
  return readdirSync(FIXTURES)
    .filter((d) => existsSync(join(FIXTURES, d, 'gold.json')))
    .sort()
    .map((d) => JSON.parse(readFileSync(join(FIXTURES, d, 'gold.json'), 'utf8')) as GoldReport)
}

/** The devset lines a report holds, by line number, in one language. */
export function reportLines(report: GoldReport, lang: Lang, kinds?: ReadonlyArray<string>): Map<number, string> {
  const all = devsetLines(lang)
  const out = new Map<number, string>()
  for (const b of report.blocks) if (!kinds || kinds.includes(b.kind)) for (const i of b.lines) out.set(i, all[i])
  return out
}

export async function parseReport(report: GoldReport, lang: Lang, file: string): Promise<ParsedDocument> {
  const path = join(FIXTURES, report.id, file)
  return parseDocument({ bytes: readFileSync(path), fileName: path }, { lang })
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Sentences of a parsed version that carry page furniture. */
export function furnitureLeaks(doc: ParsedDocument, report: GoldReport): string[] {
  const job = report.job.split('-')[1]
  const jobRe = new RegExp(`(?<!\\d)${job}(?!\\d)`)
  const parts = report.symbol.split('/')
  const symbolRe = new RegExp(`${parts.map(escape).join('\\s*/\\s*')}|${[...parts].reverse().map(escape).join('\\s*/\\s*')}`)
  const sentences = doc.blocks.flatMap((b) => b.sentences)
  const leaks = sentences.filter((s) => jobRe.test(s) || /^\s*\d{1,2}\s*$/.test(s))
  const withSymbol = sentences.filter((s) => symbolRe.test(s) && !jobRe.test(s))
  return [...leaks, ...withSymbol.slice(1)]
}

interface FormatFigures {
  blocks: Record<Lang, number>
  footnotes: Record<Lang, number>
  furniture: Record<Lang, number>
  pairs: Record<string, { predicted: number; correct: number; gold: number; merged: number }>
  errors: string[]
}

export async function measureFormat(format: (typeof FORMATS)[number], all: GoldReport[]): Promise<FormatFigures> {
  const zero = () => Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>
  const fig: FormatFigures = { blocks: zero(), footnotes: zero(), furniture: zero(), pairs: {}, errors: [] }
  for (const report of all) {
    const docs: Partial<Record<Lang, ParsedDocument>> = {}
    for (const lang of LANGS) {
      try {
        const doc = await parseReport(report, lang, format.file(lang))
        docs[lang] = doc
        fig.blocks[lang] += doc.blocks.length
        const notes = doc.blocks.filter((b) => b.kind === 'footnote').map((b) => b.text)
        const located = locateLines(reportLines(report, lang, ['footnote']), notes, lang)
        fig.footnotes[lang] += [...located.values()].filter((k) => k >= 0).length
        fig.furniture[lang] += furnitureLeaks(doc, report).length
      } catch (error) {
        fig.errors.push(`${report.id} ${lang}: ${(error as Error).message}`)
      }
    }
    const zh = docs.zh
    if (!zh) continue
    for (const lang of PAIRS) {
      const doc = docs[lang]
      if (!doc) continue
      const r = alignDocumentPair(zh, doc)
      const ss = zh.blocks.flatMap((b) => b.sentences)
      const ts = doc.blocks.flatMap((b) => b.sentences)
      const beads = r.beads.map((b) => ({ srcText: b.src.map((i) => ss[i]).join(' '), tgtText: b.tgt.map((j) => ts[j]).join(' ') }))
      const s = scoreLines(beads, reportLines(report, 'zh'), reportLines(report, lang), 'zh', lang)
      const acc = (fig.pairs[lang] ??= { predicted: 0, correct: 0, gold: 0, merged: 0 })
      acc.predicted += s.predicted
      acc.correct += s.correct
      acc.gold += s.gold
      acc.merged += s.merged
    }
  }
  return fig
}

const n = (x: number) => x.toLocaleString('en-US')

export async function run(): Promise<void> {
  console.log('\n# UN-style reports (test/fixtures/un-reports): PDF, DOCX and pdftotext text, zh against each language')
  const all = reports()
  if (!all.length) {
    console.log('SKIPPED: no reports in test/fixtures/un-reports')
    return
  }
  const goldBlocks = all.reduce((s, r) => s + r.blocks.length, 0)
  const front = Object.fromEntries(LANGS.map((l) => [l, all.reduce((s, r) => s + r.front[l].length, 0)])) as Record<Lang, number>
  const footnotes = all.reduce((s, r) => s + r.blocks.filter((b) => b.kind === 'footnote').length, 0)
  const lines = all.reduce((s, r) => s + r.blocks.reduce((t, b) => t + b.lines.length, 0), 0)
  console.log(`${all.length} reports, ${n(lines)} devset lines, ${n(goldBlocks)} body blocks (headings, paragraphs, items, footnotes) + front-matter lines ${LANGS.map((l) => `${l} ${front[l]}`).join(', ')}; ${footnotes} footnotes`)
  const rows: string[] = []
  for (const format of FORMATS) {
    const t = performance.now()
    const fig = await measureFormat(format, all)
    const f1 = (l: Lang) => {
      const p = fig.pairs[l]
      if (!p) return '–'
      const precision = p.correct / Math.max(1, p.predicted)
      const recall = p.correct / Math.max(1, p.gold)
      return (precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0).toFixed(3)
    }
    console.log(`\n## ${format.name} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
    for (const e of fig.errors) console.log(`ERROR ${e}`)
    console.log(`blocks (gold ${n(goldBlocks)} + front matter): ${LANGS.map((l) => `${l} ${n(fig.blocks[l])} (${n(goldBlocks + front[l])})`).join(', ')}`)
    console.log(`footnotes found of ${footnotes}: ${LANGS.map((l) => `${l} ${fig.footnotes[l]}`).join(', ')}`)
    console.log(`furniture leaked (sentences): ${LANGS.map((l) => `${l} ${fig.furniture[l]}`).join(', ')}`)
    for (const l of PAIRS) {
      const p = fig.pairs[l]
      if (p) console.log(`zh–${l}: line pairs predicted ${n(p.predicted)}, correct ${n(p.correct)}, gold ${n(p.gold)}; beads holding >1 line on a side ${p.merged}; strict F1 ${f1(l)}`)
    }
    rows.push(`| ${format.name} | ${PAIRS.map(f1).join(' | ')} | ${LANGS.map((l) => fig.blocks[l]).join('/')} | ${LANGS.map((l) => fig.footnotes[l]).join('/')} | ${LANGS.map((l) => fig.furniture[l]).join('/')} |`)
  }
  console.log(`\n| from | zh–en | zh–fr | zh–es | zh–ru | zh–ar | blocks zh/en/fr/es/ru/ar | footnotes found (of ${footnotes}) | furniture leaked |`)
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) console.log(r)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run()
