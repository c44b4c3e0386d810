import { describe, expect, it } from 'vitest'
import { anyNumeral, arabicOrdinal, asciiDigits, chineseToInt, normaliseWidth, romanToInt } from './numerals.ts'

describe('numerals', () => {
  it('reads Arabic-Indic and full-width digits', () => {
    expect(asciiDigits('٢٠٢٤ و ۱۲ و １６')).toBe('2024 و 12 و 16')
    expect(normaliseWidth('（ａ）１５％')).toBe('(a)15%')
  })
  it('reads Roman numerals and refuses malformed ones', () => {
    expect(romanToInt('XIII')).toBe(13)
    expect(romanToInt('xiv')).toBe(14)
    expect(romanToInt('MMXXIV')).toBe(2024)
    expect(romanToInt('IIII')).toBeNull()
    expect(romanToInt('ABC')).toBeNull()
  })
  it('reads Chinese numerals as UN texts write them', () => {
    expect(chineseToInt('十三')).toBe(13)
    expect(chineseToInt('二十一')).toBe(21)
    expect(chineseToInt('一百零五')).toBe(105)
    expect(chineseToInt('二〇二四')).toBe(2024)
    expect(chineseToInt('六十九')).toBe(69)
    expect(chineseToInt('章')).toBeNull()
  })
  it('reads Arabic ordinal words of chapter headings', () => {
    expect(arabicOrdinal(['الأول'])).toEqual({ value: 1, used: 1 })
    expect(arabicOrdinal(['الثالث', 'عشر'])).toEqual({ value: 13, used: 2 })
    expect(arabicOrdinal(['الحادي', 'والعشرون'])).toEqual({ value: 21, used: 2 })
    expect(arabicOrdinal(['مقدمة'])).toBeNull()
  })
  it('reads any of them', () => {
    expect(anyNumeral('premier')).toBe(1)
    expect(anyNumeral('XIII')).toBe(13)
    expect(anyNumeral('十三')).toBe(13)
    expect(anyNumeral('١٣')).toBe(13)
  })
})
