import { describe, expect, it } from 'vitest'
import { checkUnits, contentFacts, type GlossaryRule } from './checks.ts'
import { readDevset } from './units.ts'
import type { AlignedUnit } from './units.ts'

const devset = readDevset('corpora', 400)
const unit = (texts: AlignedUnit['texts'], groupId = 1): AlignedUnit => ({ groupId, documentSymbol: 'TEST/1', paragraphLabel: '7', texts })

const rules: GlossaryRule[] = [
  { entryId: 1, source: { zh: ['安全理事会'] }, approved: { en: ['Security Council'], fr: ['Conseil de sécurité'] }, deprecated: { en: ['Safety Council'] } },
]

describe('consistency checks', () => {
  it('normalises dates and numbers across languages: a faithful pair has no finding', () => {
    const u = unit({
      zh: '预防犯罪和刑事司法委员会在2024年5月13日至17日举行了第三十三届会议，共有1,250名与会者。',
      en: 'The Commission on Crime Prevention and Criminal Justice held its thirty-third session from 13 to 17 May 2024, with 1,250 participants.',
      fr: 'La Commission pour la prévention du crime et la justice pénale a tenu sa trente-troisième session du 13 au 17 mai 2024, avec 1 250 participants.',
    })
    const findings = checkUnits([u], { kinds: ['number', 'date', 'percent', 'symbol'] })
    expect(findings).toEqual([])
  })

  it('finds a changed number, a changed date, a dropped symbol, each with its group and spans', () => {
    const base = {
      zh: '2014年11月21日，89个缔约方尚未提交报告，见E/CN.15/2024/L.7号文件。',
      en: 'As at 21 November 2014, 89 parties had not submitted their report; see E/CN.15/2024/L.7.',
    }
    const changedNumber = checkUnits([unit({ ...base, en: base.en.replace('89', '98') }, 11)], { kinds: ['number'] })
    expect(changedNumber).toHaveLength(1)
    expect(changedNumber[0]).toMatchObject({ kind: 'number', groupIds: [11], sourceLang: 'zh', targetLang: 'en' })
    const [src, tgt] = changedNumber[0].segments
    expect(src.text.slice(src.spans[0].start, src.spans[0].end)).toBe('89')
    expect(tgt.text.slice(tgt.spans[0].start, tgt.spans[0].end)).toBe('98')
    const changedDate = checkUnits([unit({ ...base, en: base.en.replace('21 November', '22 November') })], { kinds: ['date'] })
    expect(changedDate.map((f) => f.kind)).toEqual(['date'])
    const dropped = checkUnits([unit({ ...base, en: base.en.replace('; see E/CN.15/2024/L.7', '') })], { kinds: ['symbol'] })
    expect(dropped.map((f) => f.kind)).toEqual(['symbol'])
  })

  it('reads Security Council resolutions as symbols and ignores paragraph numbers and times', () => {
    expect(contentFacts('这违反了第2118(2013)号决议', 'zh').map((f) => f.value)).toEqual(['S/RES/2118 (2013)'])
    expect(contentFacts('a violation of resolution 2118 (2013)', 'en').map((f) => f.value)).toEqual(['S/RES/2118 (2013)'])
    const u = unit({ zh: '12. 定于2015年3月6日星期五下午12时40分举行', en: 'To be held on Friday, 6 March 2015, at 12.40 p.m.' })
    expect(checkUnits([u], { kinds: ['number', 'date'] })).toEqual([])
  })

  it('flags a copied source and a wrong-language target, and only that', () => {
    const [u] = devset.filter((x) => (x.texts.zh?.length ?? 0) > 30)
    const copied = checkUnits([{ ...u, texts: { zh: u.texts.zh, en: u.texts.zh } }], { targets: ['en'] })
    expect(copied.map((f) => f.kind)).toEqual(['untranslated'])
    const french = checkUnits([{ ...u, texts: { zh: u.texts.zh, en: u.texts.fr } }], { targets: ['en'], kinds: ['untranslated'] })
    expect(french.map((f) => f.kind)).toEqual(['untranslated'])
    const empty = checkUnits([u, { ...u, groupId: 99, texts: { zh: u.texts.zh, en: '' } }], { targets: ['en'], kinds: ['empty'] })
    expect(empty.map((f) => [f.kind, f.groupIds[0]])).toEqual([['empty', 99]])
  })

  it('reports glossary breaches: approved rendering absent, deprecated rendering used', () => {
    const ok = unit({ zh: '安全理事会表示决心继续审议。', en: 'The Security Council expressed its determination.' })
    expect(checkUnits([ok], { glossary: rules, kinds: ['glossary'] })).toEqual([])
    const missing = checkUnits([unit({ zh: ok.texts.zh, en: 'The Council expressed its determination.' })], { glossary: rules, kinds: ['glossary'] })
    expect(missing).toHaveLength(1)
    expect(missing[0].message).toContain('Security Council')
    const deprecated = checkUnits([unit({ zh: ok.texts.zh, en: 'The Safety Council expressed its determination.' })], { glossary: rules, kinds: ['glossary'] })
    expect(deprecated[0].severity).toBe('error')
    expect(deprecated[0].message).toContain('deprecated')
  })

  it('stays quiet on most untouched devset pairs', () => {
    const findings = checkUnits(devset, { targets: ['en'], kinds: ['number', 'date', 'symbol', 'untranslated'] })
    expect(findings.length / devset.length).toBeLessThan(0.1)
  })
})
