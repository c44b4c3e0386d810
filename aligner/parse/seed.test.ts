/**
 * Acceptance on the seed: the Chinese E/2024/30 as extracted from its PDF, and the same text laid
 * out as other extractors would lay it out.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ParsedDocument, Paragraph } from '../types.ts'
import { parseText } from './index.ts'
import { fromChineseNumeral, fromRoman } from './labels.ts'
import { joinChinese, rewrapped, trimmedLineEnds, withBom, withCrlf, withoutBlankLines } from '../../test/fixtures/parse/layout-variants.ts'

const seed = readFileSync(new URL('../../corpora/E-2024-30/zh.txt', import.meta.url), 'utf8')
const golden: Array<{ label: string; head: string; tail: string }> = JSON.parse(
  readFileSync(new URL('../../test/fixtures/parse/e-2024-30-zh.paragraphs.json', import.meta.url), 'utf8'),
)

const variants: Record<string, string> = {
  'as extracted': seed,
  'without blank lines': withoutBlankLines(seed),
  'with CRLF line ends': withCrlf(seed),
  'with a BOM': withBom(seed),
  'with trailing spaces trimmed': trimmedLineEnds(seed),
  'trimmed and without blank lines': withoutBlankLines(trimmedLineEnds(seed)),
  're-wrapped at 48 columns': rewrapped(seed, 48, true, joinChinese),
  're-wrapped at 100 columns, single-spaced': rewrapped(seed, 100, false, joinChinese),
  're-wrapped at 100 columns, trimmed, CRLF': withCrlf(trimmedLineEnds(rewrapped(seed, 100, false, joinChinese))),
  're-wrapped at 56 columns, trimmed, without blank lines': trimmedLineEnds(rewrapped(seed, 56, false, joinChinese)),
}

const squeeze = (s: string) => s.replace(/\s+/g, '')
const isResolutionHeading = (b: Paragraph) => b.kind === 'heading' && /^(决议草案|决定草案|第\s*\d+\/\d+\s*号(决议|决定))/.test(b.text)
/** Chapter headings are labelled I … XIII; sections A … G (C and D are roman numerals too, but far too large). */
const isChapter = (b: Paragraph) => b.kind === 'heading' && !isResolutionHeading(b) && (fromRoman(b.label ?? '') ?? 99) <= 30
const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三']

/** The characters a block's label stood for in the source ("99." for 99, "(a)" for a, "第一章" for I). */
function labelSource(b: Paragraph): string {
  const label = b.label ?? ''
  if (!label) return ''
  if (b.kind === 'footnote') return label
  if (b.kind === 'heading') {
    if (isResolutionHeading(b)) return ''
    if (isChapter(b)) return `第${CHINESE_NUMERALS[fromRoman(label) ?? 0]}章`
  }
  if (/^\d+$/.test(label) || /^[A-Z]$/.test(label)) return `${label}.`
  return `(${label})`
}

function multiset(s: string): Map<string, number> {
  const m = new Map<string, number>()
  for (const ch of squeeze(s)) m.set(ch, (m.get(ch) ?? 0) + 1)
  return m
}

function difference(a: Map<string, number>, b: Map<string, number>): string {
  const out: string[] = []
  for (const [ch, n] of a) if ((b.get(ch) ?? 0) !== n) out.push(`${ch}:${n}/${b.get(ch) ?? 0}`)
  for (const [ch, n] of b) if (!a.has(ch)) out.push(`${ch}:0/${n}`)
  return out.join(' ')
}

describe.each(Object.entries(variants))('the seed %s', (_name, text) => {
  const doc: ParsedDocument = parseText(text, { format: 'pdf-text' })
  const body = doc.blocks.filter((b) => b.kind !== 'footnote')

  it('is Chinese', () => {
    expect(doc.language).toBe('zh')
    expect(doc.detected.language).toBe('zh')
  })

  it('has the report paragraphs 1–170 exactly once each, in order, each complete', () => {
    const found: Paragraph[] = []
    for (const g of golden) {
      const matches = doc.blocks.filter((b) => b.kind === 'paragraph' && b.label === g.label && squeeze(b.text).startsWith(g.head))
      expect(matches, `paragraph ${g.label}`).toHaveLength(1)
      expect(squeeze(matches[0].text).endsWith(g.tail), `paragraph ${g.label} ends with ${g.tail}`).toBe(true)
      found.push(matches[0])
    }
    const order = found.map((b) => doc.blocks.indexOf(b))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // Not merged with a neighbour: each one ends with its own last words (checked above) and holds no "N." of the next.
    for (let k = 0; k + 1 < found.length; k++) expect(squeeze(found[k].text)).not.toContain(`${k + 2}.${golden[k + 1].head}`)
  })

  it("gives each resolution's operative paragraphs their own blocks and labels", () => {
    const runs: Array<{ heading: string; labels: string[] }> = []
    for (const b of doc.blocks) {
      if (isResolutionHeading(b)) runs.push({ heading: b.text, labels: [] })
      else if (b.kind === 'heading' && b.label && (fromRoman(b.label) || /^[A-Z]$/.test(b.label))) runs.push({ heading: '', labels: [] })
      else if (b.kind === 'paragraph' && b.label && runs.length && runs[runs.length - 1].heading) runs[runs.length - 1].labels.push(b.label)
    }
    const seq = (n: number) => Array.from({ length: n }, (_, k) => String(k + 1))
    const byHeading = runs.filter((r) => r.heading).map((r) => [r.heading, r.labels])
    expect(byHeading).toEqual([
      ['决议草案一', seq(27)],
      ['决议草案二', seq(5)],
      ['决议草案三', seq(12)],
      ['决议草案', seq(10)],
      ['决定草案一', []],
      ['决定草案二', []],
      ['第 33/1号决议', seq(11)],
      ['第 33/1号决定', ['5']], // report paragraph 5 follows the decision's title
    ])
  })

  it('has the 38 numbered footnotes and the notes a, *, ** as footnote blocks, in no paragraph', () => {
    const footnotes = doc.blocks.filter((b) => b.kind === 'footnote')
    expect(footnotes.filter((b) => /^\d+$/.test(b.label ?? '')).map((b) => b.label)).toEqual(Array.from({ length: 38 }, (_, k) => String(k + 1)))
    expect(footnotes.filter((b) => !/^\d+$/.test(b.label ?? '')).map((b) => b.label)).toEqual(['a', '*', '**'])
    for (const f of footnotes) {
      const probe = squeeze(f.text)
      if (probe.length < 8) continue // "同上。"
      for (const b of body) expect(squeeze(b.text).includes(probe), `footnote ${f.label} inside "${b.text.slice(0, 20)}"`).toBe(false)
    }
    // Footnote 23 as extracted reads "联合国反恐办 公室是《 联合国全球反 恐协调契 约》的秘书处 ，与 www.un.org/"
    expect(footnotes.find((f) => f.label === '23')?.text).toMatch(/^联合国反恐办公室是《联合国全球反恐协调契约》的秘书处，与 ?www\.un\.org\//)
  })

  it('keeps footnote references as data, not text', () => {
    const speaker = body.find((b) => b.text.startsWith('墨西哥驻联合国（维也纳）大使兼常驻代表'))
    expect(speaker?.text).toBe('墨西哥驻联合国（维也纳）大使兼常驻代表')
    expect(speaker?.footnoteRefs).toEqual([32])
    const refs = body.flatMap((b) => b.footnoteRefs)
    expect(refs.filter((r) => typeof r === 'number')).toEqual([...Array.from({ length: 30 }, (_, k) => k + 1), 30, ...Array.from({ length: 8 }, (_, k) => k + 31)])
    expect(refs.filter((r) => typeof r === 'string')).toEqual(['a', '*', '**'])
    // "92个会员国", "2个非会员国", "第 1、2、4、5次会议" keep their numbers
    expect(body.find((b) => b.label === '163' && b.kind === 'paragraph')?.text).toContain('2个非会员国的观察员')
    expect(body.find((b) => b.label === '6' && b.kind === 'paragraph' && b.text.includes('一般性辩论'))?.text).toContain('第 1、2、4、5次会议')
  })

  it('holds no header, footer, page number or link line in any block', () => {
    for (const b of doc.blocks) {
      expect(b.text).not.toMatch(/https?:\/\//)
      expect(b.text).not.toMatch(/E\/2024\/30|E\/CN\.15\/2024\/16(?!\d)/)
      expect(b.text).not.toMatch(/^\d+$/)
      expect(b.text).not.toMatch(/_{3,}/)
    }
    for (const line of doc.furniture) expect(line).toMatch(/^(?:https?:\/\/\S+|E\/2024\/30|E\/CN\.15\/2024\/16|12|48|_{5,})$/)
    expect(doc.furniture.filter((l) => /^https?:/.test(l))).toHaveLength(68)
  })

  it('has the 13 chapter headings as headings labelled I–XIII', () => {
    const chapters = doc.blocks.filter((b) => b.kind === 'heading' && isChapter(b))
    expect(chapters.map((b) => b.label)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII'])
    expect(chapters[0].text).toBe('需请经济及社会理事会采取行动或提请其注意的事项')
    expect(chapters[3].text).toBe('专题讨论：在引渡、司法协助和资产追回等领域促进国际合作和技术援助，以预防和应对有组织犯罪、腐败、一切形式和表现的恐怖主义以及其他形式的犯罪')
    expect(fromChineseNumeral('十三')).toBe(13)
  })

  it('loses no text: every non-space character is in a block, a furniture line or a footnote reference', () => {
    const source = multiset(text.replace(/^\uFEFF/, ''))
    const removed = multiset(doc.furniture.join(''))
    for (const [ch, n] of removed) source.set(ch, (source.get(ch) ?? 0) - n)
    for (const [ch, n] of [...source]) if (n === 0) source.delete(ch)
    const kept = multiset(doc.blocks.map((b) => b.text + labelSource(b) + b.footnoteRefs.join('')).join(''))
    expect(difference(source, kept)).toBe('')
  })

  it('removes the spurious spaces between Chinese characters and splits sentences', () => {
    const p169 = doc.blocks.find((b) => b.kind === 'paragraph' && b.label === '169')
    expect(p169?.text).toBe('委员会第三十三届会议收到的文件一览表载于会议室文件E/CN.15/2024/CRP.7。')
    const p23 = doc.blocks.find((b) => b.kind === 'paragraph' && b.label === '23' && b.text.startsWith('与会者强调'))
    expect(p23?.sentences).toEqual([
      '与会者强调了及时编写并向捐助国提供项目报告和财务报表的重要性。',
      '一些发言者吁请捐助国向毒罪办提供预算外资源，用于在发展中国家开展技术援助和能力建设活动。',
      '另一位发言者建议毒罪办减少对预算外资源的过度依赖，以确保独立性和公正性。',
    ])
  })
})

describe('the seed as extracted', () => {
  const doc = parseText(seed, { format: 'pdf-text' })
  it('keeps its executive summary, resolution titles, items and section headings', () => {
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', label: null, text: '执行摘要' })
    expect(doc.blocks[1].kind).toBe('paragraph')
    const title = doc.blocks[doc.blocks.findIndex((b) => b.text === '决议草案一') + 1]
    expect(title).toMatchObject({ kind: 'heading', text: '第十四届联合国预防犯罪和刑事司法大会的后续行动和第十五届联合国预防犯罪和刑事司法大会的筹备工作' })
    const items = doc.blocks.filter((b) => b.kind === 'item' && /^[a-z]$/.test(b.label ?? ''))
    expect(items.length).toBeGreaterThan(40)
    const sections = doc.blocks.filter((b) => b.kind === 'heading' && /^[A-G]$/.test(b.label ?? '')).map((b) => b.label)
    expect(sections).toEqual(['A', 'B', 'C', 'D', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'C', 'D', 'E', 'F', 'G'])
    // Chapter V's sub-sections "1." … "5." are headings, not paragraphs
    expect(doc.blocks.filter((b) => b.kind === 'heading' && /^\d$/.test(b.label ?? '')).map((b) => b.label)).toEqual(['1', '2', '3', '4', '5'])
    expect(doc.blocks.find((b) => b.kind === 'footnote' && b.label === '23')?.text).toBe(
      '联合国反恐办公室是《联合国全球反恐协调契约》的秘书处，与 www.un.org/counterterrorism/global-ct-compact/entities 所列的实体合作，特别是与联合国儿童基金会就儿童相关问题开展合作。',
    )
    // Table rows keep their cells apart; characters spaced one by one are joined
    expect(doc.blocks.some((b) => b.text === '主席 东欧国家 Ivo Šrámek（捷克）')).toBe(true)
    // The provisional agendas are numbered items
    expect(doc.blocks.filter((b) => b.kind === 'item' && b.text === '选举主席团成员。').map((b) => b.label)).toEqual(['1', '1'])
  })
})
