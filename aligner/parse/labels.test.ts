import { describe, expect, it } from 'vitest'
import { furnitureKind } from './furniture.ts'
import { fromChineseNumeral, fromRoman, matchMarker, toRoman, westernDigits } from './labels.ts'

describe('structural markers in the six languages', () => {
  it.each([
    ['第一章', 'zh', 'chapter', 'I'],
    ['第十三章', 'zh', 'chapter', 'XIII'],
    ['Chapter IV', 'en', 'chapter', 'IV'],
    ['Chapitre premier', 'fr', 'chapter', 'I'],
    ['Capítulo III', 'es', 'chapter', 'III'],
    ['Глава IV', 'ru', 'chapter', 'IV'],
    ['الفصل الأول', 'ar', 'chapter', 'I'],
    ['الفصل الثالث عشر', 'ar', 'chapter', 'XIII'],
    ['II. General debate', 'en', 'chapter', 'II'],
    ['五、结论和建议', 'zh', 'chapter', 'V'],
    ['A. 拟由经济及社会理事会建议大会通过的决议草案', 'zh', 'section', 'A'],
    ['C. Draft decisions', 'en', 'section', 'C'],
    ['ألف - المداولات', 'ar', 'section', 'A'],
    ['باء - الإجراءات', 'ar', 'section', 'B'],
    ['99. 在这次会议上', 'zh', 'numbered', '99'],
    ['1.预防犯罪', 'zh', 'numbered', '1'],
    ['12. The Commission', 'en', 'numbered', '12'],
    ['٣ - بناء الثقة', 'ar', 'numbered', '3'],
    ['3 - يكرر', 'ar', 'numbered', '3'],
    ['(a) 注意到', 'zh', 'item', 'a'],
    ['(a)“与恐怖主义', 'zh', 'item', 'a'],
    ['b) adoptar', 'es', 'item', 'b'],
    ['а) принять', 'ru', 'item', 'a'],
    ['(ii) text', 'en', 'item', 'ii'],
    ['(أ) وتشير', 'ar', 'item', 'a'],
    ['(هـ) وتشير', 'ar', 'item', 'e'],
    ['决议草案一', 'zh', 'resolution', 'I'],
    ['第 33/1号决议', 'zh', 'resolution', '33/1'],
    ['Draft resolution II', 'en', 'resolution', 'II'],
    ['Projet de résolution I', 'fr', 'resolution', 'I'],
    ['Resolución 33/1', 'es', 'resolution', '33/1'],
    ['Проект резолюции II', 'ru', 'resolution', 'II'],
    ['مشروع القرار الثاني', 'ar', 'resolution', 'II'],
  ] as const)('%s (%s) → %s %s', (line, lang, type, label) => {
    expect(matchMarker(line, lang)).toMatchObject({ type, label })
  })
  it.each([
    ['2024 年 5 月 13 日', 'zh'],
    ['16.2 的重要性', 'zh'],
    ['E/CN.15/2024/L.7', 'en'],
    ['a new approach was taken', 'en'],
    ['The Commission, (a) noting', 'en'],
  ] as const)('%s (%s) has no marker', (line, lang) => {
    expect(matchMarker(line, lang)).toBeNull()
  })
  it('converts numerals', () => {
    expect([1, 4, 9, 13, 40].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XIII', 'XL'])
    expect(['XIII', 'iv', 'IIII', 'C'].map(fromRoman)).toEqual([13, 4, null, 100])
    expect(['一', '十', '十三', '二十一', '章'].map(fromChineseNumeral)).toEqual([1, 10, 13, 21, null])
    expect(westernDigits('٣٠ - ۴')).toBe('30 - 4')
  })
})

describe('page furniture', () => {
  it.each([
    ['E/2024/30', 'symbol'],
    ['E/CN.15/2024/16', 'symbol'],
    ['E/2024/30 E/CN.15/2024/16', 'symbol'],
    ['E/2024/30-E/CN.15/2024/16', 'symbol'],
    ['24-09321', 'symbol'],
    ['24-09321 3/48', 'symbol'],
    ['V.24-09321 (E)', 'symbol'],
    ['*2409321*', 'symbol'],
    ['12', 'page'],
    ['3/48', 'page'],
    ['Page 3', 'page'],
    ['https://undocs.org/en/A/RES/76/181', 'link'],
    ['__________________', 'separator'],
  ])('%s is %s', (line, kind) => {
    expect(furnitureKind(line)).toBe(kind)
  })
  it.each(['E/CN.15/2024/CRP.7。', '2024/9），该报告是', 'COVID-19', '2022 年', 'The Commission met.'])('%s is text', (line) => {
    expect(furnitureKind(line)).toBeNull()
  })
})
