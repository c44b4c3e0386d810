import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LANGS, type Lang } from '../types.ts'
import { devsetLines, type GoldReport } from '../../test/fixtures/un-reports/devset-lines.ts'
import { parseDocument } from './index.ts'

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/un-reports/', import.meta.url))
const gold = (id: string) => JSON.parse(readFileSync(`${FIXTURES}${id}/gold.json`, 'utf8')) as GoldReport
const parse = (id: string, lang: Lang) => parseDocument({ bytes: readFileSync(`${FIXTURES}${id}/${lang}.docx`), fileName: `${id}/${lang}.docx` }, { lang })
const squash = (s: string) => s.replace(/\s+/g, '')

describe('DOCX: Word footnotes (mammoth) become footnote blocks, their references data', () => {
  for (const id of ['r01', 'r03']) {
    for (const lang of LANGS) {
      it(`${id} ${lang}: every footnote, with its text, and every reference on the paragraph that holds it`, async () => {
        const report = gold(id)
        const doc = await parse(id, lang)
        const notes = doc.blocks.filter((b) => b.kind === 'footnote')
        const goldNotes = report.blocks.filter((b) => b.kind === 'footnote')
        expect(notes.map((b) => b.label)).toEqual(goldNotes.map((b) => b.label))
        expect(notes.map((b) => squash(b.text))).toEqual(goldNotes.map((b) => squash(devsetLines(lang)[b.lines[0]])))
        // the references, in order, on the blocks the gold puts them on (found by their paragraph or item label)
        const hosts = report.blocks.filter((b) => b.footnoteRefs?.length)
        const found = doc.blocks.filter((b) => b.footnoteRefs.length)
        expect(found.map((b) => [b.kind, b.label, b.footnoteRefs])).toEqual(hosts.map((b) => [b.kind, b.label, b.footnoteRefs]))
        // neither mammoth's "[1]" nor its back-link "↑" is left in any text
        for (const b of doc.blocks) expect(b.text).not.toMatch(/\[\d+\]|↑/)
      })
    }
  }

  it('a number glued to a Chinese word stays text when the notes come from the markup ("发生了2起")', async () => {
    const doc = await parse('r01', 'zh')
    const line = devsetLines('zh').findIndex((l) => l.includes('据报发生了2起具体事件'))
    expect(line).toBeGreaterThanOrEqual(0)
    expect(doc.blocks.some((b) => b.text.includes('据报发生了2起具体事件'))).toBe(true)
    expect(doc.blocks.filter((b) => b.kind !== 'footnote').flatMap((b) => b.footnoteRefs)).toEqual(gold('r01').blocks.flatMap((b) => b.footnoteRefs ?? []))
  })
})

describe('DOCX: the structure of the UN-style reports comes through whole', () => {
  // Every body block (after the front matter) with its kind, label and footnote references, in order, in all
  // eight reports, the chapter headings of the Chinese ("一、导言") and Arabic ("أولا - مقدمة") versions included.
  for (const id of ['r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07', 'r08']) {
    it(`${id}: every heading, numbered paragraph, item and footnote in the six languages`, async () => {
      const report = gold(id)
      for (const lang of LANGS) {
        const doc = await parse(id, lang)
        const body = doc.blocks.slice(report.front[lang].length)
        const shape = (b: { kind: string; label: string | null; footnoteRefs?: unknown[] }) => `${b.kind} ${b.label} ${JSON.stringify(b.footnoteRefs ?? [])}`
        expect(body.length, lang).toBe(report.blocks.length)
        expect(body.map(shape), lang).toEqual(report.blocks.map(shape))
        expect(doc.blocks.slice(0, report.front[lang].length).map((b) => squash(b.text)), lang).toEqual(report.front[lang].map(squash))
      }
    }, 30_000)
  }
})
