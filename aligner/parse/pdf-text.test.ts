/**
 * PDF-extracted text in English, French, Spanish, Russian and Arabic: the same small report in each (see
 * test/fixtures/parse/pdf-text-sample.ts), built from real UN sentences of the UNPC devset.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseText } from './index.ts'
import { LINES, SAMPLE_LANGS, WORDS, buildSample, devsetLines } from '../../test/fixtures/parse/pdf-text-sample.ts'

describe.each(SAMPLE_LANGS)('PDF text in %s', (lang) => {
  const file = readFileSync(new URL(`../../test/fixtures/parse/pdf-text-${lang}.txt`, import.meta.url), 'utf8')
  const doc = parseText(file, { format: 'pdf-text', lang })
  const d = devsetLines(lang)
  const s = (k: keyof typeof LINES) => d[LINES[k]]
  const w = WORDS[lang]
  const bare = (heading: string) => heading.replace(/^(?:[A-Z]\.|ألف -|باء -)\s*/u, '')

  it('is the fixture the builder makes', () => {
    expect(file).toBe(buildSample(lang))
  })

  it('is read as its language', () => {
    expect(doc.language).toBe(lang)
    expect(doc.detected.language).toBe(lang)
  })

  it('gives the blocks in order, with labels, lines joined and hyphenation undone', () => {
    const got = doc.blocks.map((b) => [b.kind, b.label, b.text, b.footnoteRefs])
    expect(got).toEqual([
      ['heading', 'I', w.title1, []],
      ['heading', 'A', bare(w.sectionA), []],
      ['paragraph', '1', s('para1'), []],
      ['heading', 'I', w.resolution, []],
      ['heading', null, w.resTitle, []],
      ['paragraph', null, w.opener, []],
      ['paragraph', null, s('preamble'), []],
      ['paragraph', '1', s('op1'), []],
      ['paragraph', '2', s('op2'), [1]],
      ['paragraph', '2', `${s('para2a')} ${s('para2b')}`, [2]],
      ['footnote', '1', w.fn1, []],
      ['footnote', '2', w.fn2, []],
      ['paragraph', '3', s('para3'), []],
      ['item', 'a', s('itemA'), []],
      ['item', 'b', s('itemB'), []],
      ['paragraph', '4', s('para4'), []],
      ['heading', 'B', bare(w.sectionB), []],
      ['paragraph', '5', s('para5'), []],
      ['heading', 'II', w.title2, []],
      ['paragraph', '6', s('para6'), []],
    ])
  })

  it('sets the page furniture aside', () => {
    expect(doc.furniture).toEqual(['E/2024/30', 'E/CN.15/2024/16', '__________________', '24-09321', '3/48', 'E/2024/30', 'E/CN.15/2024/16', '24-09321', '4/48'])
  })

  it('gives the same blocks when another extractor lays the text out differently', () => {
    const lines = file.split('\n').filter((l) => l.trim())
    const shape = (text: string) => parseText(text, { format: 'pdf-text', lang }).blocks.map((b) => [b.kind, b.label, b.text, b.footnoteRefs])
    const expected = shape(file)
    expect(shape(lines.map((l) => `${l} `).join('\n\n'))).toEqual(expected) // double-spaced, a space after every line
    expect(shape(`\uFEFF${lines.join('\r\n')}`)).toEqual(expected) // no blank lines, CRLF, BOM
  })

  it('splits the joined paragraph into its two sentences', () => {
    const p2 = doc.blocks.find((b) => b.kind === 'paragraph' && b.label === '2' && b.footnoteRefs.includes(2))
    expect(p2?.sentences).toEqual([s('para2a'), s('para2b')])
  })
})

describe('PDF text with a table of contents and roman-numbered chapters', () => {
  it('keeps each contents entry whole as an item and reads "II. General debate" as chapter II', () => {
    const text = [
      'Contents',
      'Chapter                                                                        Page',
      'I.   Matters calling for action by the Economic and Social Council or brought to',
      '     its attention . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .   5',
      '     A. Draft resolutions to be recommended by the Economic and Social Council',
      '         for adoption by the General Assembly . . . . . . . . . . . . . . . . .   5',
      'II.  General debate . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 22',
      '',
      'II. General debate',
      '',
      '6. The Commission held its general debate at its 1st, 2nd, 4th and 5th meetings, on',
      '13, 14 and 15 May 2024.',
    ].join('\n')
    const doc = parseText(text, { format: 'pdf-text', lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label])).toEqual([
      ['heading', null],
      ['paragraph', null],
      ['item', 'I'],
      ['item', 'A'],
      ['item', 'II'],
      ['heading', 'II'],
      ['paragraph', '6'],
    ])
    expect(doc.blocks[2].text).toMatch(/^I\. Matters calling .* brought to its attention( \.)+ 5$/)
    expect(doc.blocks[5].text).toBe('General debate')
    expect(doc.blocks[6].text).toBe('The Commission held its general debate at its 1st, 2nd, 4th and 5th meetings, on 13, 14 and 15 May 2024.')
  })
})

describe('footnotes', () => {
  it('end where the body resumes, even when a footnote has no full stop', () => {
    const text = [
      '7. The Commission had before it the report of the Secretary-General1 and a note by',
      'the Secretariat.2',
      '__________________',
      '  1 E/CN.15/2024/12',
      '  2 E/CN.15/2024/13',
      '8. The representative of the Secretariat made an introductory statement.',
      '__________________',
      '  3 See resolution 70/1, annex, for the',
      'goals and targets.',
      '  A. Deliberations',
    ].join('\n')
    const doc = parseText(text, { format: 'pdf-text', lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text, b.footnoteRefs])).toEqual([
      ['paragraph', '7', 'The Commission had before it the report of the Secretary-General and a note by the Secretariat.', [1, 2]],
      ['footnote', '1', 'E/CN.15/2024/12', []],
      ['footnote', '2', 'E/CN.15/2024/13', []],
      ['paragraph', '8', 'The representative of the Secretariat made an introductory statement.', []],
      ['footnote', '3', 'See resolution 70/1, annex, for the goals and targets.', []],
      ['heading', 'A', 'Deliberations', []],
    ])
  })
})

describe('paragraph numbering', () => {
  it('follows a document that starts mid-way and an annex that numbers afresh', () => {
    const text = [
      '50. Many speakers stressed the importance of international cooperation.',
      '51. Some speakers referred to the challenges of mutual legal assistance.',
      '1. Reiterates its invitation to Governments;',
      '52. Several speakers welcomed the work of the Office.',
      '',
      'Annex',
      '',
      '  List of documents before the Commission',
      '',
      '1. The Commission had before it the following documents.',
      '2. The list is available online.',
    ].join('\n')
    const doc = parseText(text, { format: 'pdf-text', lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label])).toEqual([
      ['paragraph', '50'],
      ['paragraph', '51'],
      ['item', '1'],
      ['paragraph', '52'],
      ['heading', null],
      ['heading', null],
      ['paragraph', '1'],
      ['paragraph', '2'],
    ])
  })
})
