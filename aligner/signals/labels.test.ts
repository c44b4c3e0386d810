import { describe, expect, it } from 'vitest'
import { extractLabel, labelKey } from './labels.ts'

describe('structure labels across the six languages', () => {
  it('reads chapter 13 the same in every script', () => {
    const forms: Array<[string, Parameters<typeof extractLabel>[1]]> = [
      ['第十三章 麻醉药品委员会', 'zh'],
      ['Chapter XIII Commission on Narcotic Drugs', 'en'],
      ['Chapitre XIII Commission des stupéfiants', 'fr'],
      ['Capítulo XIII Comisión de Estupefacientes', 'es'],
      ['Глава XIII Комиссия по наркотическим средствам', 'ru'],
      ['الفصل الثالث عشر لجنة المخدرات', 'ar'],
    ]
    for (const [text, lang] of forms) expect(extractLabel(text, lang)?.key, text).toBe('h:13')
  })
  it('reads "Chapitre premier" and roman-numbered headings', () => {
    expect(extractLabel('Chapitre premier', 'fr')?.key).toBe('h:1')
    expect(extractLabel('IV. Organizational matters', 'en')?.key).toBe('h:4')
    expect(extractLabel('四、组织事项', 'zh')?.key).toBe('h:4')
    expect(extractLabel('رابعا - المسائل التنظيمية', 'ar')?.key).toBe('h:4')
  })
  it('reads numbered paragraphs, items and section letters', () => {
    expect(extractLabel('99. The Commission recommends', 'en')?.key).toBe('p:99')
    expect(extractLabel('99. 委员会建议', 'zh')?.key).toBe('p:99')
    expect(extractLabel('99 - توصي اللجنة', 'ar')?.key).toBe('p:99')
    expect(extractLabel('(a) To strengthen', 'en')?.key).toBe('i:a')
    expect(extractLabel('（a）加强', 'zh')?.key).toBe('i:a')
    expect(extractLabel('(ب) تعزيز', 'ar')?.key).toBe('i:b')
    expect(extractLabel('в) укреплять', 'ru')?.key).toBe('i:c')
    expect(extractLabel('A. Introduction', 'en')?.key).toBe('h:A')
    expect(extractLabel('باء - الخلفية', 'ar')?.key).toBe('h:B')
  })
  it('does not take decimals, years or plain sentences for labels', () => {
    expect(extractLabel('2.5 per cent of the budget', 'en')).toBeNull()
    expect(extractLabel('The Commission met in 2024.', 'en')).toBeNull()
    expect(extractLabel('委员会举行了会议。', 'zh')).toBeNull()
  })
  it('keys parsed labels by block kind', () => {
    expect(labelKey('XIII', 'heading', '麻醉药品委员会', 'zh')).toBe('h:13')
    expect(labelKey('99', 'paragraph', 'The Commission', 'en')).toBe('p:99')
    expect(labelKey('a', 'item', 'To strengthen', 'en')).toBe('i:a')
    expect(labelKey(null, 'paragraph', '(b) 加强', 'zh')).toBe('i:b')
  })
})
