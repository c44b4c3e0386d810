import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Lang } from '../types.ts'
import { splitSentences } from './index.ts'

const devset = (lang: Lang) => readFileSync(new URL(`../../corpora/unpc-devset/UNv1.0.devset.${lang}`, import.meta.url), 'utf8').split('\n')

describe('splitSentences on real UN sentences (UNPC devset)', () => {
  // Each devset line is one segment; two consecutive one-sentence lines joined must split back where they met.
  const hard: Record<Lang, RegExp> = {
    en: /\b(No\.|para\.|e\.g\.|i\.e\.|art\.|Mr\.|E\/CN\.\d+\/\d+\/|\d\.\d)/,
    fr: /\b(M\.|no |art\.|par\.|p\. )|\d,\d|E\/CN/,
    es: /\b(Sr\.|Sra\.|párr\.|art\.|núm\.)/,
    ru: /( г\.| п\.|ст\.|стр\.|т\.е\.|г-н|E\/CN)/,
    ar: /(\d\.\d|E\/CN|؟|\/)/,
    zh: /[；！？“]/,
  }
  for (const lang of Object.keys(hard) as Lang[]) {
    it(`${lang}: joined sentences split back where they met`, () => {
      const lines = devset(lang)
      const ends = /[.!?。！？؟]["”»)]?$/
      let tested = 0
      for (let i = 0; i + 1 < lines.length && tested < 200; i++) {
        const [a, b] = [lines[i], lines[i + 1]]
        if (!hard[lang].test(a) || !ends.test(a) || !ends.test(b)) continue
        const own = splitSentences(a, lang)
        const next = splitSentences(b, lang)
        expect(own.join(lang === 'zh' ? '' : ' '), `line ${i}`).toBe(a)
        expect(splitSentences(lang === 'zh' ? a + b : `${a} ${b}`, lang), `lines ${i}–${i + 1}`).toEqual([...own, ...next])
        tested++
      }
      expect(tested).toBeGreaterThan(lang === 'ru' ? 5 : 20)
    })
  }

  it('keeps abbreviations, decimals and symbols inside sentences', () => {
    const en = devset('en')
    expect(splitSentences(en[111], 'en')).toEqual([en[111]]) // "… listed in para. 4 above)."
    expect(splitSentences(en[2750], 'en')).toEqual([en[2750]]) // "… itself, i.e., evaluation …"
    const es = devset('es')
    expect(splitSentences(es[564], 'es')).toEqual([es[564]]) // "la Sra. Dinić, el Sr. Hunte, …"
    const ru = devset('ru')
    expect(splitSentences(`${ru[556]} ${ru[3153]}`, 'ru')).toEqual([ru[556], ru[3153]]) // "ст. 3", "(стр. 34)."
  })
})

describe('splitSentences rules', () => {
  it('English: abbreviations, decimals, document symbols, list labels', () => {
    expect(
      splitSentences(
        'The Commission adopted draft resolution E/CN.15/2024/L.7. Mr. Smith (United States) referred to para. 3 (a), e.g. the 16.2 per cent target, i.e. art. 5 of Act No. 18561. The meeting rose at 1 p.m.',
        'en',
      ),
    ).toEqual([
      'The Commission adopted draft resolution E/CN.15/2024/L.7.',
      'Mr. Smith (United States) referred to para. 3 (a), e.g. the 16.2 per cent target, i.e. art. 5 of Act No. 18561.',
      'The meeting rose at 1 p.m.',
    ])
    expect(splitSentences('The agenda was as follows: 1. Election of officers. 2. Adoption of the agenda.', 'en')).toEqual([
      'The agenda was as follows: 1. Election of officers.',
      '2. Adoption of the agenda.',
    ])
  })
  it('French, Spanish, Russian abbreviations', () => {
    expect(splitSentences('M. Dupont a pris la parole. Le Conseil a décidé, conformément à l’art. 15, de poursuivre.', 'fr')).toEqual([
      'M. Dupont a pris la parole.',
      'Le Conseil a décidé, conformément à l’art. 15, de poursuivre.',
    ])
    expect(splitSentences('El Sr. Kubiš habló. La Sra. Dinić respondió (véase el párr. 4). Se levantó la sesión.', 'es')).toEqual([
      'El Sr. Kubiš habló.',
      'La Sra. Dinić respondió (véase el párr. 4).',
      'Se levantó la sesión.',
    ])
    expect(splitSentences('Сессия прошла в мае 2024 г. в Вене. См. п. 5 доклада. Решение принято.', 'ru')).toEqual([
      'Сессия прошла в мае 2024 г. в Вене.',
      'См. п. 5 доклада.',
      'Решение принято.',
    ])
  })
  it('Chinese: on 。！？； with closing quotes and brackets', () => {
    expect(splitSentences('他说：“这是好事。”随后散会；会议结束！还有问题吗？（见第 5 段。）完', 'zh')).toEqual([
      '他说：“这是好事。”',
      '随后散会；',
      '会议结束！',
      '还有问题吗？',
      '（见第 5 段。）',
      '完',
    ])
    expect(splitSentences('委员会审议了 E/CN.15/2024/L.7 号文件和目标 16.2。', 'zh')).toEqual(['委员会审议了 E/CN.15/2024/L.7 号文件和目标 16.2。'])
  })
  it('Arabic: on ؟ . ؛ !', () => {
    const ar = devset('ar')
    expect(splitSentences(`${ar[945]} وقال إن النسبة 16.2 في المائة. وأضاف؛ ثم انتهى!`, 'ar')).toEqual([ar[945], 'وقال إن النسبة 16.2 في المائة.', 'وأضاف؛', 'ثم انتهى!'])
  })
  it('returns nothing for blank text and one piece for text without a full stop', () => {
    expect(splitSentences('  ', 'en')).toEqual([])
    expect(splitSentences('Chapter I', 'en')).toEqual(['Chapter I'])
  })
})

describe('a roman numeral after a part name ends a sentence (issue 10: "…as annex I. The at-risk-of-poverty rate…")', () => {
  // UN-style report r02 (test/fixtures/un-reports): devset lines 55 and 56 (0-based) in one paragraph.
  const line = (lang: Lang, i: number) => devset(lang)[i].replace(/^\s*\d+\.\s+/, '').trim()
  for (const [lang, end] of [['en', 'as annex I.'], ['fr', "qu'annexe I."], ['es', 'como anexo I.']] as const) {
    it(`${lang}: "${end}" then the next sentence`, () => {
      const [a, b] = [line(lang, 55), line(lang, 56)]
      expect(a.endsWith(end)).toBe(true)
      expect(splitSentences(`${a} ${b}`, lang)).toEqual([a, b])
    })
  }
  it('Russian "в приложении I." likewise; an initial still does not end one ("J. Smith")', () => {
    expect(splitSentences('Текст приводится в приложении I. Доклад был принят.', 'ru')).toEqual(['Текст приводится в приложении I.', 'Доклад был принят.'])
    expect(splitSentences('The report was prepared by J. Smith and reviewed.', 'en')).toEqual(['The report was prepared by J. Smith and reviewed.'])
  })
})
