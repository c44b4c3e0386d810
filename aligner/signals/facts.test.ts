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
  it('reads ranges and lists of days and months in Chinese, and the range words of every language (devset lines)', () => {
    expect(keys('11月3日和4日，伊拉克外交部部长也访问科威特', 'zh')).toEqual(['date:---11-03', 'date:---11-04'])
    expect(keys('On 3 and 4 November, the Minister for Foreign Affairs of Iraq', 'en')).toEqual(['date:---11-03', 'date:---11-04'])
    expect(keys('2015年2月17至25日', 'zh')).toEqual(['date:2015-02-17', 'date:2015-02-25'])
    expect(keys('2014年1月1日至12月31日', 'zh')).toEqual(['date:2014-01-01', 'date:2014-12-31'])
    expect(keys('2014年7-8月色列罪恶的侵略期间', 'zh')).toEqual(['date:2014-07', 'date:2014-08'])
    expect(keys('9 a 20 de marzo de 2015', 'es')).toEqual(['date:2015-03-09', 'date:2015-03-20'])
    expect(keys('состоявшейся 11 -- 24 февраля 2014 года', 'ru')).toEqual(['date:2014-02-11', 'date:2014-02-24'])
    // the day before a range word is not the last digits of a year
    expect(keys('Astana (12 June 2012 and 27 June 2013)', 'en')).toEqual(['date:2012-06-12', 'date:2013-06-27'])
    expect(keys('De 2011 au 22 décembre 2014', 'fr')).toEqual(['date:2014-12-22', 'number:2011'])
    // a month name is a whole word
    expect(keys('2. Maintien de la paix et de la sécurité internationales', 'fr')).toEqual(['number:2'])
  })
  it('reads Russian months in the instrumental and with месяца, lists of months, and Arabic decimal commas', () => {
    expect(keys('между октябрем 2013 года и февралем 2014 года', 'ru')).toEqual(['date:2013-10', 'date:2014-02'])
    expect(keys('20 января месяца 2015 года', 'ru')).toEqual(['date:2015-01-20'])
    expect(keys('2014年10月和11月', 'zh')).toEqual(['date:2014-10', 'date:2014-11'])
    expect(keys('en octobre et novembre 2014', 'fr')).toEqual(['date:2014-10', 'date:2014-11'])
    expect(keys('in October and November 2014', 'en')).toEqual(['date:2014-10', 'date:2014-11'])
    expect(keys('0,7 في المائة من الدخل القومي', 'ar')).toEqual(['percent:0.7'])
    expect(keys('1,000 دولار', 'ar')).toEqual(['number:1000'])
  })
  it('reads scale words in the six languages (150万 = 1.5 million = 1500 тыс.)', () => {
    expect(keys('芬兰提供了150万欧元的捐款', 'zh')).toEqual(['number:1500000'])
    expect(keys('Finland has contributed over Euro1.5 million', 'en')).toEqual(['number:1500000'])
    expect(keys('向200多万人进行了宣传', 'zh')).toEqual(['number:2000000'])
    expect(keys('охватившую как минимум 2 миллиона человек', 'ru')).toEqual(['number:2000000'])
    expect(keys('до 5819 тыс. долл. США', 'ru')).toEqual(['number:5819000'])
    expect(keys('211 por cada 100 mil nacidos', 'es')).toEqual(['number:100000', 'number:211'])
    // a scaled decimal is the exact integer
    expect(keys('贡献了2.779亿美元', 'zh')).toEqual(['number:277900000'])
    expect(keys('оценивается в 277,9 миллиона долларов США', 'ru')).toEqual(['number:277900000'])
    expect(keys('the amount of $5,819,000', 'en')).toEqual(['number:5819000'])
  })
  it('reads currency codes glued to figures, keeps long whole numbers exact, and needs whole month names in lists', () => {
    expect(keys('EUR1.5 million and SwF2.5', 'en')).toEqual(['number:1500000', 'number:2.5'])
    expect(keys('ISBN 9789211013451', 'en')).toEqual(['name:ISBN', 'number:9789211013451'])
    expect(keys('Omar and November 2014', 'en')).toEqual(['date:2014-11'])
    expect(keys('прямая и ноябре 2014', 'ru')).toEqual(['date:2014-11'])
  })
  it('reads a section number with a point in French, Spanish and Russian (article 2.1, par. 23.2, 66.1)', () => {
    expect(keys('(artículo 2.1)', 'es')).toEqual(['number:2.1'])
    expect(keys('(par. 11, 23.2, 66.1 et 156)', 'fr')).toEqual(['number:11', 'number:156', 'number:23.2', 'number:66.1'])
    expect(keys('1.000 personas', 'es')).toEqual(['number:1000'])
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
