import { describe, expect, it } from 'vitest'
import { containsWords, findMatches, fold, foldQuery } from './fold.ts'

describe('fold', () => {
  it('folds case and diacritics for French and Spanish', () => {
    expect(fold('Élaboration du Rapport, ÉTÉ')).toBe('elaboration du rapport, ete')
    expect(fold('Año de la Niñez y acción')).toBe('ano de la ninez y accion')
    expect(fold('cœur')).toBe('coeur')
  })
  it('folds ё to е in Russian and keeps й', () => {
    expect(fold('Её Объединённых Наций')).toBe('ее объединенных наций')
    expect(fold('Китайский')).toBe('китайский')
  })
  it('normalises Arabic: diacritics, tatweel, alef and hamza forms, ى, ة', () => {
    expect(fold('الأُمَمُ المتّحدة')).toBe('الامم المتحده')
    expect(fold('إلى مـــؤتمر')).toBe('الي موتمر')
    expect(fold('آسيا')).toBe('اسيا')
  })
  it('spaces Han characters so that one- and two-character queries are trigrams', () => {
    expect(fold('可持续发展目标2024年')).toBe(' 可 持 续 发 展 目 标 2024 年 ')
    expect(foldQuery('发')).toBe(' 发 ')
    expect(fold('联合国 发展')).toBe(fold('联合国发展'))
    expect(fold(' 可持续发展 ').includes(foldQuery('发展'))).toBe(true)
  })
  it('folds full-width forms and collapses white space', () => {
    expect(fold('２０２４\u3000Ａ  b\n c')).toBe('2024 a b c')
  })
})

describe('findMatches', () => {
  it('reports offsets in the original text', () => {
    const text = 'Le Comité a adopté le rapport du COMITÉ.'
    const spans = findMatches(text, foldQuery('comite'))
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Comité', 'COMITÉ'])
  })
  it('maps Chinese matches without the padding spaces', () => {
    const text = '《2030年可持续发展议程》'
    expect(findMatches(text, foldQuery('发展')).map(([s, e]) => text.slice(s, e))).toEqual(['发展'])
    expect(findMatches(text, foldQuery('年可')).map(([s, e]) => text.slice(s, e))).toEqual(['年可'])
  })
  it('includes dropped marks inside and right after an Arabic match', () => {
    const text = 'إنَّ الأُمَمَ المتحدة'
    const [[s, e]] = findMatches(text, foldQuery('الامم'))
    expect(text.slice(s, e)).toBe('الأُمَمَ')
  })
  it('handles decomposed accents', () => {
    const text = 'developpe\u0301 et adopte\u0301'
    const spans = findMatches(text, foldQuery('adopte'))
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['adopte\u0301'])
  })
  it('matches Latin, Cyrillic and Arabic words whole, Chinese anywhere', () => {
    const en = 'Women and men: management forms for Partnerships, part of art.'
    expect(findMatches(en, 'men').map(([a, b]) => en.slice(a, b))).toEqual(['men'])
    expect(findMatches(en, 'or')).toEqual([])
    expect(findMatches(en, 'art').map(([a, b]) => en.slice(a, b))).toEqual(['art'])
    expect(findMatches(en, 'part').map(([a, b]) => en.slice(a, b))).toEqual(['part'])
    expect(findMatches('café, élève et e', foldQuery('é')).map(([a]) => a)).toEqual([15])
    expect(containsWords(fold('Объединённых Наций'), foldQuery('наций'))).toBe(true)
    expect(containsWords(fold('Объединённых Наций'), foldQuery('наци'))).toBe(false)
    // Arabic: attached prefixes (و ف ب ك ل ال and combinations) may precede the word; nothing else.
    for (const text of ['الأمم المتحدة', 'والأمم المتحدة', 'وبالأمم', 'للأمم', 'فالأمم']) expect(containsWords(fold(text), foldQuery('أمم')), text).toBe(true)
    expect(containsWords(fold('وللأمم'), foldQuery('أمم'))).toBe(true)
    expect(containsWords(fold('الأممية'), foldQuery('الأمم'))).toBe(false)
    expect(containsWords(fold('تالأمم'), foldQuery('الأمم'))).toBe(false)
    expect(findMatches('可持续发展目标', foldQuery('发展')).length).toBe(1)
    expect(findMatches('a (b) c', foldQuery('(b)')).length).toBe(1)
  })
})
