import { describe, expect, it } from 'vitest'
import { isAcceptedFile, languageFromFileName } from './files.ts'

describe('languageFromFileName', () => {
  it('reads language codes and UN symbol suffixes', () => {
    expect(languageFromFileName('en.txt')).toBe('en')
    expect(languageFromFileName('report.fr.pdf')).toBe('fr')
    expect(languageFromFileName('zh-Hans.html')).toBe('zh')
    expect(languageFromFileName('A_RES_70_1_E.pdf')).toBe('en')
    expect(languageFromFileName('E-2024-30-C.docx')).toBe('zh')
    expect(languageFromFileName('N2412345-A.pdf')).toBe('ar')
    expect(languageFromFileName('notes.txt')).toBeNull()
  })
  it('accepts the formats the server parses', () => {
    expect(isAcceptedFile('x.PDF')).toBe(true)
    expect(isAcceptedFile('x.exe')).toBe(false)
  })
})
