import { describe, expect, it } from 'vitest'
import { mineTerms } from './mining.ts'
import { STOPWORDS, tokenize } from './text.ts'
import { readDevset, readSdg } from './units.ts'

const units = [...readDevset('corpora', 2000), ...readSdg('corpora')]

describe('term mining', () => {
  it('mines Chinese candidates with UN names whole and no function word at an edge', () => {
    const terms = mineTerms(units.map((u) => u.texts.zh ?? ''), 'zh', { limit: 150 })
    const words = terms.map((t) => t.term)
    expect(words).toEqual(expect.arrayContaining(['安全理事会', '秘书长', '会员国', '可持续发展']))
    for (const t of terms) {
      const toks = tokenize(t.term, 'zh')
      expect(STOPWORDS.zh.has(toks[0].text), t.term).toBe(false)
      expect(STOPWORDS.zh.has(toks[toks.length - 1].text), t.term).toBe(false)
      expect(t.frequency).toBeGreaterThanOrEqual(2)
    }
    // sorted by termhood
    for (let i = 1; i < terms.length; i++) expect(terms[i - 1].score).toBeGreaterThanOrEqual(terms[i].score)
  })

  it('keeps titles in 《…》 whole and prefers the full name to its nested parts (C-value)', () => {
    const texts = [
      '会员国批准了《联合国反腐败公约》。',
      '《联合国反腐败公约》缔约国会议举行了会议。',
      '联合国毒品和犯罪问题办公室支持会员国。',
      '联合国毒品和犯罪问题办公室提供了技术援助。',
      '联合国毒品和犯罪问题办公室和会员国合作。',
    ]
    const terms = mineTerms(texts, 'zh')
    const words = terms.map((t) => t.term)
    expect(words).toContain('联合国反腐败公约')
    expect(words).toContain('联合国毒品和犯罪问题办公室')
    expect(words).not.toContain('毒品和犯罪问题')
  })

  it('mines English candidates as a second source language', () => {
    const terms = mineTerms(units.map((u) => u.texts.en ?? ''), 'en', { limit: 60 })
    const words = terms.map((t) => t.term)
    expect(words).toEqual(expect.arrayContaining(['United Nations', 'Security Council', 'Member States']))
    for (const t of terms) expect(STOPWORDS.en.has(t.term.split(' ')[0].toLowerCase())).toBe(false)
  })
})
