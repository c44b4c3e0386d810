import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Lang, ParsedDocument } from '../types.ts'
import { devsetLines, type GoldReport } from '../../test/fixtures/un-reports/devset-lines.ts'
import { locateLines } from '../../test/eval/line-gold.ts'
import { parseDocument } from '../parse/index.ts'
import { alignDocumentPair } from './document.ts'

// Issue 10, item 5: on the DOCX of the UN-style reports, the sentence aligner merged two right 1-1
// beads into one 2-2 at confidence 0.99 (zh–ru, zh–ar, zh–fr).
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/un-reports/', import.meta.url))
const gold = (id: string) => JSON.parse(readFileSync(`${FIXTURES}${id}/gold.json`, 'utf8')) as GoldReport
const docs = new Map<string, ParsedDocument>()
async function doc(id: string, lang: Lang): Promise<ParsedDocument> {
  const key = `${id}/${lang}`
  if (!docs.has(key)) docs.set(key, await parseDocument({ bytes: readFileSync(`${FIXTURES}${key}.docx`), fileName: `${key}.docx` }, { lang }))
  return docs.get(key)!
}

/** Sentence beads of a zh–X pair with their texts and the devset lines each side holds. */
async function beadsWithLines(id: string, lang: Lang) {
  const zh = await doc(id, 'zh')
  const x = await doc(id, lang)
  const r = alignDocumentPair(zh, x)
  const ss = zh.blocks.flatMap((b) => b.sentences)
  const ts = x.blocks.flatMap((b) => b.sentences)
  const beads = r.beads.map((b) => ({ ...b, srcText: b.src.map((i) => ss[i]).join(' '), tgtText: b.tgt.map((j) => ts[j]).join(' ') }))
  const lines = (l: Lang) => new Map(gold(id).blocks.flatMap((b) => b.lines).map((i) => [i, devsetLines(l)[i]] as const))
  const inSrc = locateLines(lines('zh'), beads.map((b) => b.srcText), 'zh')
  const inTgt = locateLines(lines(lang), beads.map((b) => b.tgtText), lang)
  return beads.map((b, k) => ({ ...b, srcLines: [...inSrc].filter(([, v]) => v === k).map(([l]) => l), tgtLines: [...inTgt].filter(([, v]) => v === k).map(([l]) => l) }))
}

describe('two good 1-1 sentence beads are not merged into a confident 2-2 (DOCX of the UN-style reports)', () => {
  beforeAll(async () => {
    for (const id of ['r02', 'r03']) for (const l of ['zh', 'fr', 'ru', 'ar'] as const) await doc(id, l)
  }, 60_000)

  it('r02 zh–ru: "这个并非在包容各方基础上作出的决定…" and "政府重申反对一切形式的暴力…" are two 1-1 beads', async () => {
    const beads = await beadsWithLines('r02', 'ru')
    const first = beads.find((b) => b.srcText.includes('这个并非在包容各方基础上作出的决定'))!
    const second = beads.find((b) => b.srcText.includes('政府重申反对一切形式的暴力'))!
    expect(first).not.toBe(second)
    expect([first.src.length, first.tgt.length]).toEqual([1, 1])
    expect([second.src.length, second.tgt.length]).toEqual([1, 1])
    expect(first.tgtText).toMatch(/не будет способствовать/)
    expect(second.tgtText).toMatch(/^Правительство вновь отвергает/)
  })

  for (const [id, lang] of [['r02', 'ru'], ['r03', 'ru'], ['r02', 'fr'], ['r03', 'fr'], ['r02', 'ar'], ['r03', 'ar']] as const) {
    it(`${id} zh–${lang}: a bead holding two devset lines a side, each the other's translation, says it could be two (confidence ≤ 0.5)`, async () => {
      const beads = await beadsWithLines(id, lang)
      const couldBeTwo = beads.filter((b) => b.src.length >= 2 && b.tgt.length >= 2 && b.srcLines.length >= 2 && b.srcLines.every((l) => b.tgtLines.includes(l)) && b.tgtLines.length === b.srcLines.length)
      expect(couldBeTwo.filter((b) => b.confidence > 0.5).map((b) => `${b.confidence} ${b.srcText}`)).toEqual([])
      // and most such pairs come out as 1-1 beads: at most one bead in 40 holds two lines a side
      expect(couldBeTwo.length).toBeLessThanOrEqual(Math.ceil(beads.length / 40))
    })
  }
})
