/**
 * Paragraphs, footnotes and furniture read from the layout of real typeset PDFs: a small UN-style
 * report in Chinese and English (test/fixtures/pdf-layout, typeset by LibreOffice from UNPC devset
 * text: masthead, chapters, numbered paragraphs, items, a section, footnotes under a rule, a running
 * symbol header, page numbers and a job-number footer with barcode text).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Lang, ParsedDocument } from '../../types.ts'
import { parseDocument } from '../index.ts'
import { hyphenates } from './index.ts'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/pdf-layout/${name}`, import.meta.url)))
const parse = (lang: Lang) => parseDocument({ bytes: fixture(`report-${lang}.pdf`), fileName: `report-${lang}.pdf` }, { lang })

/** The body of the report as written in the source (report-<lang>.fodt, from make-report.mjs): kind, label, start of the text. */
const BODY: Record<'zh' | 'en', Array<[string, string | null, string]>> = {
  en: [
    ['heading', 'I', 'Introduction'],
    ['paragraph', '1', 'The South Pacific Nuclear Free Zone Treaty (Treaty of Rarotonga) entered into force'],
    ['paragraph', '2', 'The Group of Non-Aligned States Parties to the Treaty stresses'],
    ['paragraph', '3', 'The Group of Non-Aligned States Parties to the Treaty on the NonProliferation'],
    ['heading', 'II', 'Security assurances'],
    ['paragraph', '4', 'The Movement expresses its deepest concern'],
    ['paragraph', '5', 'The Group of Non-Aligned States Parties to the Treaty, mindful'],
    ['paragraph', '6', 'The scenarios would include, for example:'],
    ['item', 'a', 'A single proceeding concerning multiple group members;'],
    ['item', 'b', 'Multiple proceedings in different jurisdictions'],
    ['heading', 'A', 'Regional cooperation'],
    ['paragraph', '7', 'The United Nations system, under the technical lead of WHO'],
    ['paragraph', '8', 'By supporting the establishment of treatment centres'],
    ['paragraph', '9', 'Council members broadly expressed their hopes'],
    ['paragraph', '10', 'The Greek Cypriot representative'],
    ['paragraph', '11', 'Under no circumstances may the provisions'],
    ['paragraph', '12', 'Furthermore, the realization of human potential'],
    ['paragraph', '13', 'We would like to highlight the major challenge'],
    ['paragraph', null, 'The Group of Non-Aligned States Parties to the Treaty,'],
    ['heading', 'III', 'Conclusions and recommendations'],
    ['paragraph', '14', 'In Guatemala, maternal mortality among Mayan women'],
  ],
  zh: [
    ['heading', 'I', '导言'],
    ['paragraph', '1', '《南太平洋无核区条约》(《拉罗通加条约》)于'],
    ['paragraph', '2', '条约不结盟缔约国集团强调指出'],
    ['paragraph', '3', '不扩散核武器条约不结盟缔约国集团对越来越多地'],
    ['heading', 'II', '安全保证'],
    ['paragraph', '4', '不结盟运动表示最深为关切的是'],
    ['paragraph', '5', '条约不结盟缔约国集团意识到'],
    ['paragraph', '6', '这些情形例如将可包括：'],
    ['item', 'a', '单独一项程序，但针对集团多个成员；'],
    ['item', 'b', '不同法域针对集团不同成员实行的多重程序；'],
    ['heading', 'A', '区域合作'],
    ['paragraph', '7', '联合国系统还将在世卫组织的技术领导下'],
    ['paragraph', '8', '通过支持建立治疗中心'],
    ['paragraph', '9', '安理会成员"五加一"小组'],
    ['paragraph', '10', '希族塞人代表无耻地引用《宪章》'],
    ['paragraph', '11', '在任何情况下都不可援引'],
    ['paragraph', '12', '此外，以基于性别、种族'],
    ['paragraph', '13', '我们想强调的是'],
    ['paragraph', null, '条约不结盟缔约国集团，'],
    ['heading', 'III', '结论和建议'],
    ['paragraph', '14', '在危地马拉，玛雅妇女的产妇死亡率'],
  ],
}

const FOOTNOTES: Record<'zh' | 'en', Array<[string, string]>> = {
  en: [
    ['*', 'A/70/50.'],
    ['1', 'United Nations, Treaty Series, vol. 1445, No. 24592.'],
    ['2', 'See NPT/CONF.2015/WP.10.'],
    ['3', 'See the report of the Secretary-General on the Ebola response (A/69/720).'],
  ],
  zh: [
    ['*', 'A/70/50。'],
    ['1', '联合国，《条约汇编》，第 1445 卷，第 24592 号。'],
    ['2', '见 NPT/CONF.2015/WP.10。'],
    ['3', '见秘书长关于埃博拉应对工作的报告(A/69/720)。'],
  ],
}

function body(doc: ParsedDocument) {
  const start = doc.blocks.findIndex((b) => b.kind === 'heading' && b.label === 'I')
  return doc.blocks.slice(start).filter((b) => b.kind !== 'footnote')
}

describe.each(['en', 'zh'] as const)('a UN-style report typeset by LibreOffice (%s)', (lang) => {
  it('gives the source paragraphs, one block each: not cut at line ends, headings not glued to the paragraph before', async () => {
    const doc = await parse(lang)
    const blocks = body(doc)
    expect(blocks).toHaveLength(BODY[lang].length)
    blocks.forEach((b, k) => {
      const [kind, label, start] = BODY[lang][k]
      expect([b.kind, b.label, b.text.slice(0, start.length)]).toEqual([kind, label, start])
    })
    // A paragraph that runs over a page break is whole ("… for States | parties to engage …").
    const five = blocks.find((b) => b.label === '5')?.text ?? ''
    expect(five.endsWith(lang === 'en' ? 'material and technology for peaceful purposes.' : '用于和平目的提供了可信保证。')).toBe(true)
  })

  it('finds every footnote with its number and text, and takes the superscript references out of the text', async () => {
    const doc = await parse(lang)
    expect(doc.blocks.filter((b) => b.kind === 'footnote').map((b) => [b.label, b.text])).toEqual(FOOTNOTES[lang])
    const refs = doc.blocks.filter((b) => b.footnoteRefs.length).map((b) => [b.label, b.footnoteRefs])
    expect(refs).toEqual([
      [null, ['*']],
      ['1', [1]],
      ['3', [2]],
      ['8', [3]],
    ])
    const one = doc.blocks.find((b) => b.kind === 'paragraph' && b.label === '1')?.text ?? ''
    expect(one).toContain(lang === 'en' ? '(Treaty of Rarotonga) entered into force' : '(《拉罗通加条约》)于 1986 年')
    // The footnote text never lands inside the paragraph the page break cuts.
    for (const b of doc.blocks.filter((b) => b.kind !== 'footnote')) expect(b.text).not.toMatch(/A\/69\/720|24592|A\/70\/50/)
  })

  it('sets the running header, page numbers, job number and barcode aside, and leaves none of them in a block', async () => {
    const doc = await parse(lang)
    expect(doc.furniture).toEqual([`15-79932 (${lang === 'en' ? 'E' : 'C'}) 170315 180315`, '*1579932*', 'A/70/123', '2/2 15-79932'])
    for (const b of doc.blocks) expect(b.text).not.toMatch(/15-79932|\*1579932\*|^A\/70\/123$|^2\/2$/)
  })
})

describe('line-end hyphens', () => {
  it('are taken for the word’s own when the document never splits a word there', () => {
    expect(hyphenates(['arrested a 15-year-', 'old girl', 'and the non-', 'interference in'])).toBe(false)
  })
  it('are taken for word breaks when a broken word is written whole elsewhere', () => {
    expect(hyphenates(['the imple-', 'mentation of the plan', 'its implementation and the imple-', 'mentation'])).toBe(true)
  })
})

describe('a report of the issue-10 development set (test/fixtures/un-reports/r01), from its PDFs', () => {
  const gold = JSON.parse(readFileSync(new URL('../../../test/fixtures/un-reports/r01/gold.json', import.meta.url), 'utf8')) as {
    blocks: Array<{ kind: string; label: string | null }>
  }
  const read = (lang: Lang) => {
    const bytes = new Uint8Array(readFileSync(new URL(`../../../test/fixtures/un-reports/r01/${lang}.pdf`, import.meta.url)))
    return parseDocument({ bytes, fileName: `${lang}.pdf` }, { lang })
  }

  it.each(['zh', 'en', 'fr', 'es', 'ru'] as const)('%s: the gold blocks, kind and label, in order, after the front matter', async (lang) => {
    const doc = await read(lang)
    const start = doc.blocks.findIndex((b) => b.kind === 'heading' && b.label === 'I')
    expect(doc.blocks.slice(start).map((b) => [b.kind, b.label])).toEqual(gold.blocks.map((b) => [b.kind, b.label]))
  })

  it.each(['zh', 'en', 'ru', 'ar'] as const)('%s: numbered paragraphs 1–32 and footnotes 1–3, and no page furniture in any block', async (lang) => {
    const doc = await read(lang)
    expect(doc.blocks.filter((b) => b.kind === 'paragraph' && b.label).map((b) => b.label)).toEqual(Array.from({ length: 32 }, (_, k) => String(k + 1)))
    expect(doc.blocks.filter((b) => b.kind === 'footnote').map((b) => b.label)).toEqual(['1', '2', '3'])
    // Job number and barcode (digits in either order, as right-to-left extraction may give them).
    for (const b of doc.blocks) expect(b.text).not.toMatch(/10321|1510321|15-10321/)
    expect(doc.furniture.length).toBeGreaterThanOrEqual(7)
  })
})
