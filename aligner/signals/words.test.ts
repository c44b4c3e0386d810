import { describe, expect, it } from 'vitest'
import { normaliseArabic, wordStems } from './words.ts'

describe('word stems', () => {
  it('drops stop words and cuts stems so related forms meet', () => {
    expect(wordStems('No reform of the United Nations can redefine the principles of the Charter', 'en')).toEqual(['reform', 'united', 'nation', 'redefi', 'princi', 'charte'])
    expect(wordStems('development', 'en')).toEqual(wordStems('developing', 'en'))
    expect(wordStems("le développement de l'Organisation", 'fr')).toEqual(['develo', 'organi'])
  })
  it('normalises Arabic letters and strips the article', () => {
    expect(normaliseArabic('إصلاح')).toBe('اصلاح')
    expect(wordStems('ولا يمكن لأي إصلاح للأمم المتحدة', 'ar')).toContain('اصلاح')
    expect(wordStems('الأمم المتحدة', 'ar')).toEqual(wordStems('للأمم المتحدة', 'ar'))
  })
})
