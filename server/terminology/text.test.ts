import { describe, expect, it } from 'vitest'
import { isStopword, phraseKey, stem, tokenize, wordKey } from './text.ts'
import { segmentChinese, segmentWithSegmentit } from './zh-segmenter.ts'

describe('words for terminology', () => {
  it('keeps the per cent sign of Chinese text as a word (15% is "15 per cent")', () => {
    const toks = tokenize('增幅为2.9%，占比35％。', 'zh')
    expect(toks.filter((t) => t.key === '%').map((t) => t.text)).toEqual(['%', '％'])
  })

  it('keeps UN names whole in Chinese and gives offsets into the text', () => {
    const text = '联合国毒品和犯罪问题办公室与安全理事会、《联合国反腐败公约》以及秘书长'
    const toks = segmentChinese(text)
    const words = toks.map((t) => t.text)
    expect(words).toContain('联合国毒品和犯罪问题办公室')
    expect(words).toContain('安全理事会')
    expect(words).toContain('秘书长')
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text)
  })

  it('segments like segmentit on ordinary prose', () => {
    const text = '委员会商定将在第五十八届会议上组织五场关于下列议题的互动讨论'
    const ours = segmentChinese(text).map((t) => t.text)
    const theirs = segmentWithSegmentit(text)
    const shared = ours.filter((w) => theirs.includes(w)).length
    expect(shared / ours.length).toBeGreaterThan(0.7)
  })

  it('keeps numbers and Latin words inside Chinese text as their own tokens', () => {
    const words = tokenize('在2014年11月18日举行的UNODC会议上', 'zh').map((t) => t.text)
    expect(words).toContain('2014')
    expect(words).toContain('UNODC')
    expect(words).toContain('举行')
  })

  it('groups inflected forms under one key', () => {
    expect(phraseKey('Генеральной Ассамблеи', 'ru')).toBe(phraseKey('Генеральная Ассамблея', 'ru'))
    expect(phraseKey('устойчивого развития', 'ru')).toBe(phraseKey('устойчивое развитие', 'ru'))
    expect(phraseKey('развивающихся стран', 'ru')).toBe(phraseKey('развивающиеся страны', 'ru'))
    expect(phraseKey('États Membres', 'fr')).toBe(phraseKey('État membre', 'fr'))
    expect(phraseKey('organizaciones no gubernamentales', 'es')).toBe(phraseKey('organización no gubernamental', 'es'))
    expect(phraseKey('للأمين العام', 'ar')).toBe(phraseKey('الأمين العام', 'ar'))
    expect(phraseKey('Member States', 'en')).toBe(phraseKey('member state', 'en'))
    // decomposed й (и + combining breve) folds like the precomposed letter
    expect(phraseKey('устои\u0306чивого', 'ru')).toBe(phraseKey('устойчивого', 'ru'))
  })

  it('knows function words, which never open or close a term', () => {
    expect(isStopword('zh', '的')).toBe(true)
    expect(isStopword('fr', 'de')).toBe(true)
    expect(isStopword('en', 'The')).toBe(true)
    expect(isStopword('en', 'Council')).toBe(false)
    expect(stem('en', 'countries')).toBe('country')
  })

  it('keeps a Russian noun in -ие/-ия apart from the adjective of its root', () => {
    const key = (w: string) => wordKey('ru', w)
    // развитие (development) in its cases is one key, развитые (developed) in its cases another
    expect(new Set(['развитие', 'развития', 'развитию', 'развитием', 'развитии'].map(key)).size).toBe(1)
    expect(new Set(['развитые', 'развитых', 'развитым', 'развитой'].map(key)).size).toBe(1)
    expect(key('развития')).not.toBe(key('развитых'))
    expect(key('решений')).toBe(key('решения'))
    expect(key('Комиссии')).toBe(key('Комиссия'))
    expect(key('русские')).toBe(key('русских'))
    expect(key('Генеральной')).toBe(key('Генеральная'))
  })
})

