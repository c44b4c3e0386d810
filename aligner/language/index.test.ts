import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LANGS, type Lang } from '../types.ts'
import { detectLanguage } from './index.ts'

const devset = (lang: Lang) => readFileSync(new URL(`../../corpora/unpc-devset/UNv1.0.devset.${lang}`, import.meta.url), 'utf8').split('\n')

describe('detectLanguage on UNPC devset lines', () => {
  for (const lang of LANGS) {
    it(`tells ${lang} lines`, () => {
      // Lines of at least 60 characters (20 for Chinese): short headings such as "Introduction" are shared by languages.
      const lines = devset(lang).filter((l) => l.length >= (lang === 'zh' ? 20 : 60)).slice(0, 300)
      const right = lines.filter((l) => detectLanguage(l).language === lang).length
      expect(lines.length).toBe(300)
      expect(right / lines.length).toBeGreaterThan(lang === 'en' || lang === 'fr' || lang === 'es' ? 0.97 : 0.99)
    })
  }
  it('tells whole documents with high confidence', () => {
    for (const lang of LANGS) {
      const guess = detectLanguage(devset(lang).slice(0, 200).join('\n'))
      expect(guess.language).toBe(lang)
      expect(guess.confidence).toBeGreaterThan(0.9)
    }
  })
  it('tells short English, French and Spanish sentences apart by their function words', () => {
    expect(detectLanguage('The Commission adopted the draft resolution without a vote.').language).toBe('en')
    expect(detectLanguage('La Commission a adopté le projet de résolution sans vote.').language).toBe('fr')
    expect(detectLanguage('La Comisión aprobó el proyecto de resolución sin votación.').language).toBe('es')
    // A bare title says little: low confidence
    expect(detectLanguage('Introduction').confidence).toBeLessThan(0.6)
  })
  it('gives no language for text without letters', () => {
    expect(detectLanguage('12 345 — 2024/30')).toEqual({ language: null, confidence: 0 })
    expect(detectLanguage('')).toEqual({ language: null, confidence: 0 })
  })
  it('reads Chinese with Latin symbols in it as Chinese', () => {
    expect(detectLanguage('委员会审议了 E/CN.15/2024/L.7 号文件（Peter German）').language).toBe('zh')
  })
})
