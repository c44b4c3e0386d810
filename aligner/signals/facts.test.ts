import { describe, expect, it } from 'vitest'
import { extractFacts, factKeys, parseNumber } from './facts.ts'
import type { Lang } from '../types.ts'

const keys = (text: string, lang: Lang) => factKeys(text, lang).sort()

describe('facts normalised across the six languages', () => {
  it('reads 16 May 2024 in every language', () => {
    const forms: Array<[string, Lang]> = [
      ['2024 年 5 月 16 日', 'zh'],
      ['2024年5月16日', 'zh'],
      ['16 May 2024', 'en'],
      ['May 16, 2024', 'en'],
      ['16 mai 2024', 'fr'],
      ['16 de mayo de 2024', 'es'],
      ['16 мая 2024 года', 'ru'],
      ['16 أيار/مايو 2024', 'ar'],
    ]
    for (const [text, lang] of forms) expect(keys(text, lang), text).toEqual(['date:2024-05-16'])
  })
  it('reads date ranges as both ends', () => {
    expect(keys('2015年5月18日至22日，维也纳', 'zh')).toEqual(['date:2015-05-18', 'date:2015-05-22'])
    expect(keys('Vienne, 18-22 mai 2015', 'fr')).toEqual(['date:2015-05-18', 'date:2015-05-22'])
    expect(keys('del 18 al 22 de mayo de 2015', 'es')).toEqual(['date:2015-05-18', 'date:2015-05-22'])
  })
  it('reads thousands separators and decimals by language', () => {
    expect(parseNumber('1,000', 'en')).toBe(1000)
    expect(parseNumber('1 000', 'fr')).toBe(1000)
    expect(parseNumber('1.000', 'es')).toBe(1000)
    expect(parseNumber('12,5', 'fr')).toBe(12.5)
    expect(parseNumber('12.5', 'en')).toBe(12.5)
    // real devset lines: Chinese UN texts separate thousands with spaces
    expect(keys('联合国出版物在推特上的关注者达到116 000人，脸书上的关注者超过26 000人。', 'zh')).toEqual(['number:116000', 'number:26000'])
    expect(keys("Le nombre de personnes qui suivent les publications de l'Organisation sur Twitter a atteint 116 000", 'fr')).toEqual(['number:116000'])
    expect(keys('١٬٠٠٠ دولار', 'ar')).toEqual(['number:1000'])
  })
  it('reads percentages in words and signs', () => {
    for (const [text, lang] of [
      ['15%', 'en'],
      ['15 per cent', 'en'],
      ['15 pour cent', 'fr'],
      ['15 por ciento', 'es'],
      ['15 процентов', 'ru'],
      ['15 في المائة', 'ar'],
      ['百分之十五', 'zh'],
      ['１５％', 'zh'],
    ] as Array<[string, Lang]>)
      expect(keys(text, lang), text).toEqual(['percent:15'])
  })
  it('reads document symbols, resolutions and acronyms', () => {
    expect(keys('E/CN.15/2024/L.7', 'en')).toEqual(['symbol:E/CN.15/2024/L.7'])
    expect(keys('第 76/181 号决议', 'zh')).toEqual(['resolution:76/181'])
    expect(keys('resolution 76/181', 'en')).toEqual(['resolution:76/181'])
    expect(keys('联合国毒品和犯罪问题办公室(UNODC)与COVID-19', 'zh')).toEqual(['name:COVID-19', 'name:UNODC'])
  })
  it('keeps the text and offset of each fact', () => {
    const [f] = extractFacts('Report E/2024/30 of the Commission', 'en')
    expect(f).toMatchObject({ kind: 'symbol', value: 'E/2024/30', text: 'E/2024/30', index: 7 })
  })
})
