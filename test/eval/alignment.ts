/**
 * Alignment accuracy, as Vecalign and Bertalign report it (strict: the
 * identical bead is in gold; lax: the bead overlaps a gold bead; beads with an
 * empty side left out):
 *   1. ../shared/eval/pol-zhen (manual zh–en gold), with a length-only Gale–Church baseline;
 *   2. the UNPC devset, zh against en/fr/es/ru/ar, as shipped and with seeded damage
 *      (merges and deletions on one side, page furniture inserted), gold adjusted;
 *   3. the UDHR (corpora/udhr, parsed) at paragraph level in all 15 language pairs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alignSentences, alignDocumentPair, alignVersions, documentFromLines, galeChurch, damage, strictScores, laxScores, parseBeads, type Scores } from '../../aligner/align/index.ts'
import { LANGS, type Lang, type ParsedDocument } from '../../aligner/types.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SHARED = join(ROOT, '..', 'shared', 'eval')

const f3 = (x: number) => x.toFixed(3)
const fmt = (s: Scores) => `P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`

function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function polZhen(): void {
  const dir = join(SHARED, 'pol-zhen')
  console.log('\n## pol-zhen (zh–en, manual gold)')
  if (!existsSync(join(dir, 'gold.align'))) {
    console.log(`SKIPPED: ${dir} is absent (it is only on the development machine).`)
    return
  }
  const zh = readLines(join(dir, 'zh.txt'))
  const en = readLines(join(dir, 'en.txt'))
  const gold = parseBeads(readFileSync(join(dir, 'gold.align'), 'utf8'))
  let t = performance.now()
  const ours = alignSentences(zh, en, { srcLang: 'zh', tgtLang: 'en' })
  const oursMs = performance.now() - t
  t = performance.now()
  const gc = galeChurch(zh, en)
  const gcMs = performance.now() - t
  console.log(`${zh.length} zh / ${en.length} en sentences, ${gold.length} gold beads`)
  console.log(`Sixfold        strict ${fmt(strictScores(ours.beads, gold))}   lax ${fmt(laxScores(ours.beads, gold))}   ${oursMs.toFixed(0)} ms`)
  console.log(`Gale–Church    strict ${fmt(strictScores(gc, gold))}   lax ${fmt(laxScores(gc, gold))}   ${gcMs.toFixed(0)} ms`)
}

function devsetDir(): { dir: string; where: string } {
  const shared = join(SHARED, 'unpc-devset')
  if (existsSync(join(shared, 'UNv1.0.devset.zh'))) return { dir: shared, where: '../shared/eval/unpc-devset' }
  return { dir: join(ROOT, 'corpora', 'unpc-devset'), where: 'corpora/unpc-devset' }
}

const PROFILES = [
  { name: 'light', merge: 0.05, delete: 0.02, furniture: 0.02 },
  { name: 'medium', merge: 0.1, delete: 0.04, furniture: 0.05 },
  { name: 'heavy', merge: 0.2, delete: 0.08, furniture: 0.1 },
]
const SEEDS = [101, 202, 303]

function devset(): void {
  const { dir, where } = devsetDir()
  console.log(`\n## UNPC devset (${where}), zh against each language`)
  const zh = readLines(join(dir, 'UNv1.0.devset.zh'))
  const rows: string[] = []
  const summary: Record<string, number[]> = {}
  for (const l of ['en', 'fr', 'es', 'ru', 'ar'] as const) {
    const tgt = readLines(join(dir, `UNv1.0.devset.${l}`))
    const gold = zh.map((_, k) => ({ src: [k], tgt: [k] }))
    const clean = alignSentences(zh, tgt, { srcLang: 'zh', tgtLang: l })
    rows.push(`zh–${l}  as shipped            strict ${fmt(strictScores(clean.beads, gold))}   lax ${fmt(laxScores(clean.beads, gold))}`)
    for (const p of PROFILES) {
      const f1s: number[] = []
      const lax: number[] = []
      for (const seed of SEEDS) {
        const d = damage(zh, tgt, 'zh', l, { seed: seed + LANGS.indexOf(l), merge: p.merge, delete: p.delete, furniture: p.furniture })
        const r = alignSentences(d.src, d.tgt, { srcLang: 'zh', tgtLang: l })
        f1s.push(strictScores(r.beads, d.gold).f1)
        lax.push(laxScores(r.beads, d.gold).f1)
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
      ;(summary[p.name] ??= []).push(mean(f1s))
      rows.push(`zh–${l}  damaged ${p.name.padEnd(7)} strict F1 ${f3(mean(f1s))} (min ${f3(Math.min(...f1s))} over ${SEEDS.length} seeds)   lax F1 ${f3(mean(lax))}`)
    }
  }
  console.log(`damage profiles (per position): ${PROFILES.map((p) => `${p.name} = merge ${p.merge}, delete ${p.delete}, furniture ${p.furniture}`).join('; ')}`)
  for (const r of rows) console.log(r)
  for (const [name, xs] of Object.entries(summary)) console.log(`mean strict F1, ${name}: ${f3(xs.reduce((a, b) => a + b, 0) / xs.length)} (min pair ${f3(Math.min(...xs))})`)

  // six-way on the shipped devset: how many groups come out exactly as the 6-way gold
  const docs: Partial<Record<Lang, ParsedDocument>> = {}
  for (const l of LANGS) docs[l] = documentFromLines(readLines(join(dir, `UNv1.0.devset.${l}`)), l)
  const t = performance.now()
  const six = alignVersions(docs)
  const exact = six.sentences.filter((g) => LANGS.every((l) => g.members[l]?.length === 1 && g.members[l]![0] === g.members.zh![0])).length
  const flaggedWrong = six.sentences.filter((g) => g.flagged && !LANGS.every((l) => g.members[l]?.length === 1 && g.members[l]![0] === g.members.zh![0])).length
  console.log(
    `six-way: ${exact} of ${zh.length} sentence groups exactly as gold; ${six.sentences.filter((g) => g.flagged).length} flagged by the English second pivot (${flaggedWrong} of them wrong); ${(performance.now() - t).toFixed(0)} ms`,
  )
}

/** UDHR gold: each article's heading 1-1, its body 1-1 when both have as many blocks, else one n:m bead; the preamble likewise. */
function udhrGold(a: ParsedDocument, b: ParsedDocument): { gold: Array<{ src: number[]; tgt: number[] }>; articles: Array<{ src: number; tgt: number; srcEnd: number; tgtEnd: number }> } | null {
  const sections = (d: ParsedDocument) => {
    const heads: number[] = []
    d.blocks.forEach((blk, k) => {
      if (blk.kind === 'heading' && blk.label && /^\d+$/.test(blk.label)) heads.push(k)
    })
    return heads
  }
  const ha = sections(a)
  const hb = sections(b)
  if (ha.length !== hb.length) return null
  const gold: Array<{ src: number[]; tgt: number[] }> = []
  const range = (x: number, y: number) => Array.from({ length: Math.max(0, y - x) }, (_, k) => x + k)
  const region = (s0: number, s1: number, t0: number, t1: number) => {
    if (s1 - s0 === t1 - t0) for (let k = 0; k < s1 - s0; k++) gold.push({ src: [s0 + k], tgt: [t0 + k] })
    else if (s1 > s0 && t1 > t0) gold.push({ src: range(s0, s1), tgt: range(t0, t1) })
  }
  // title and preamble heading are 1-1 when both exist; the preamble body n:m
  gold.push({ src: [0], tgt: [0] })
  gold.push({ src: [1], tgt: [1] })
  region(2, ha[0], 2, hb[0])
  const articles: Array<{ src: number; tgt: number; srcEnd: number; tgtEnd: number }> = []
  for (let k = 0; k < ha.length; k++) {
    const sEnd = k + 1 < ha.length ? ha[k + 1] : a.blocks.length
    const tEnd = k + 1 < hb.length ? hb[k + 1] : b.blocks.length
    gold.push({ src: [ha[k]], tgt: [hb[k]] })
    region(ha[k] + 1, sEnd, hb[k] + 1, tEnd)
    articles.push({ src: ha[k], tgt: hb[k], srcEnd: sEnd, tgtEnd: tEnd })
  }
  return { gold, articles }
}

async function udhr(): Promise<void> {
  console.log('\n## UDHR (corpora/udhr, parsed), paragraph level, 15 language pairs')
  let parseDocument: typeof import('../../aligner/parse/index.ts').parseDocument
  try {
    ;({ parseDocument } = await import('../../aligner/parse/index.ts'))
  } catch (error) {
    console.log(`SKIPPED: the parser is not available (${(error as Error).message})`)
    return
  }
  const docs: Partial<Record<Lang, ParsedDocument>> = {}
  for (const l of LANGS) {
    const file = join(ROOT, 'corpora', 'udhr', `${l}.html`)
    docs[l] = await parseDocument({ bytes: readFileSync(file), fileName: file }, { lang: l })
  }
  let allArticles = 0
  let alignedArticles = 0
  const f1s: number[] = []
  for (let x = 0; x < LANGS.length; x++)
    for (let y = x + 1; y < LANGS.length; y++) {
      const a = docs[LANGS[x]]!
      const b = docs[LANGS[y]]!
      const g = udhrGold(a, b)
      if (!g) {
        console.log(`${LANGS[x]}–${LANGS[y]}: article headings differ in number; skipped`)
        continue
      }
      const r = alignDocumentPair(a, b)
      // an article is aligned when its heading bead is exactly 1-1 and no bead crosses its boundaries
      let ok = 0
      for (const art of g.articles) {
        const head = r.paragraphs.some((p) => p.src.length === 1 && p.tgt.length === 1 && p.src[0] === art.src && p.tgt[0] === art.tgt)
        const inside = (p: { src: number[]; tgt: number[] }) => {
          const sIn = p.src.map((i) => i >= art.src && i < art.srcEnd)
          const tIn = p.tgt.map((j) => j >= art.tgt && j < art.tgtEnd)
          const any = sIn.some(Boolean) || tIn.some(Boolean)
          return !any || (sIn.every(Boolean) && tIn.every(Boolean))
        }
        if (head && r.paragraphs.every(inside)) ok++
      }
      allArticles += g.articles.length
      alignedArticles += ok
      const s = strictScores(r.paragraphs, g.gold)
      const lx = laxScores(r.paragraphs, g.gold)
      f1s.push(s.f1)
      console.log(`${LANGS[x]}–${LANGS[y]}: articles aligned ${ok}/${g.articles.length}   blocks ${a.blocks.length}/${b.blocks.length}   strict ${fmt(s)}   lax F1 ${f3(lx.f1)}`)
    }
  console.log(`UDHR: ${alignedArticles}/${allArticles} articles aligned over all pairs; mean paragraph strict F1 ${f3(f1s.reduce((p, q) => p + q, 0) / Math.max(1, f1s.length))}`)
}

export async function run(): Promise<void> {
  console.log('# Alignment evaluation')
  polZhen()
  devset()
  await udhr()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run()
