import { describe, expect, it } from 'vitest'
import { chineseDictionary } from './cedict.ts'
import { segmentChinese } from './segment.ts'
import { learnLexicon } from './learn.ts'
import { lexicalTokens } from './tokens.ts'

describe('CC-CEDICT', () => {
  it('gives English stems for Chinese words', () => {
    const d = chineseDictionary()
    expect(d.english('改革')).toContain('reform')
    expect(d.english('联合国')).toEqual(expect.arrayContaining(['united', 'nation']))
    expect(d.has('宪章')).toBe(true)
    expect(d.english('不存在的词语')).toEqual([])
  })
  it('segments Chinese by maximum matching and keeps Latin acronyms', () => {
    expect(segmentChinese('联合国的任何改革都不应重新定义《宪章》的这些原则。')).toEqual(['联合国', '任何', '改革', '都', '不', '应', '重新', '定义', '宪章', '这些', '原则'])
    expect(segmentChinese('UNODC 和 COVID-19')).toEqual(['unodc', 'covid'])
  })
})

describe('learned lexicon', () => {
  it('learns word translations from aligned sentences (real devset zh–fr lines)', () => {
    const pairs: Array<[string, string]> = [
      ['联合国的任何改革都不应重新定义《宪章》的这些原则。', "Aucune réforme de l'Organisation des Nations Unies ne peut redéfinir les principes de la Charte."],
      ['安全理事会改革是联合国改革的重要组成部分。', "La réforme du Conseil de sécurité est un élément important de la réforme de l'Organisation."],
      ['《宪章》的原则必须得到尊重。', 'Les principes de la Charte doivent être respectés.'],
      ['安全理事会应当更具代表性。', 'Le Conseil de sécurité devrait être plus représentatif.'],
    ]
    const lex = learnLexicon(
      pairs.map(([zh, fr]) => [lexicalTokens(zh, 'zh'), lexicalTokens(fr, 'fr')] as const),
      'zh',
      'fr',
    )
    expect(lex.entries.get('改革')).toContain('reform')
    expect(lex.entries.get('原则')).toContain('princi')
    expect(lex.entries.get('宪章')).toContain('charte')
  })
})
