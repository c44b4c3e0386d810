import { describe, expect, it } from 'vitest'
import { findFolded, splitByOffsets, widenToWords } from './highlight.ts'

describe('splitByOffsets', () => {
  it('cuts text into plain and highlighted pieces at the offsets', () => {
    const text = '联合国毒品和犯罪问题办公室的报告'
    expect(splitByOffsets(text, [{ start: 0, end: 13, kind: 'query' }])).toEqual([
      { text: '联合国毒品和犯罪问题办公室', kind: 'query' },
      { text: '的报告', kind: null },
    ])
  })

  it('keeps text whole with no spans, and clips spans that run past the end', () => {
    expect(splitByOffsets('Agenda item 3', [])).toEqual([{ text: 'Agenda item 3', kind: null }])
    expect(splitByOffsets('abc', [{ start: 1, end: 99, kind: 'rendering' }])).toEqual([
      { text: 'a', kind: null },
      { text: 'bc', kind: 'rendering' },
    ])
  })

  it('ignores empty and inverted spans and resolves overlaps in favour of the earlier one', () => {
    const pieces = splitByOffsets('sustainable development goals', [
      { start: 5, end: 5, kind: 'query' },
      { start: 9, end: 3, kind: 'query' },
      { start: 0, end: 23, kind: 'query' },
      { start: 12, end: 29, kind: 'rendering' },
    ])
    expect(pieces).toEqual([
      { text: 'sustainable development', kind: 'query' },
      { text: ' goals', kind: 'rendering' },
    ])
  })

  it('returns one empty piece for empty text', () => {
    expect(splitByOffsets('', [{ start: 0, end: 3, kind: 'query' }])).toEqual([{ text: '', kind: null }])
  })
})

describe('findFolded', () => {
  it('finds a rendering regardless of case and French or Spanish accents, with original offsets', () => {
    const text = 'Le Développement durable et la Cooperación'
    expect(findFolded(text, 'developpement DURABLE')).toEqual([{ start: 3, end: 24, kind: 'rendering' }])
    expect(text.slice(3, 24)).toBe('Développement durable')
    const es = findFolded(text, 'cooperacion')
    expect(text.slice(es[0].start, es[0].end)).toBe('Cooperación')
  })

  it('folds ё to е and Arabic diacritics, tatweel and alef forms', () => {
    const ru = 'Объединённых Наций'
    const [r] = findFolded(ru, 'объединенных')
    expect(ru.slice(r.start, r.end)).toBe('Объединённых')
    const ar = 'إن الأُمَم المتـحدة'
    const [a] = findFolded(ar, 'الامم المتحدة')
    expect(ar.slice(a.start, a.end)).toBe('الأُمَم المتـحدة')
  })

  it('finds every occurrence and nothing for an empty needle', () => {
    expect(findFolded('UN and UN', 'un').map((s) => s.start)).toEqual([0, 7])
    expect(findFolded('anything', '  ')).toEqual([])
  })
})

describe('widenToWords', () => {
  const widen = (text: string, needle: string) => widenToWords(text, findFolded(text, needle)).map((s) => text.slice(s.start, s.end))
  it('takes in a short prefix or ending that belongs to the same word', () => {
    expect(widen('المعني بالتنمية المستدامة', 'التنمية المستدامة')).toEqual(['بالتنمية المستدامة'])
    expect(widen('Организацией Объединенных Наций', 'Организаци')).toEqual(['Организацией'])
    expect(widen('les objectifs de développement', 'objectif')).toEqual(['objectifs'])
  })
  it('leaves spans alone inside long words and in Chinese', () => {
    expect(widen('internationalisation', 'national')).toEqual(['national'])
    expect(widen('联合国大会决议', '大会')).toEqual(['大会'])
  })
})
