import { beforeAll, describe, expect, it } from 'vitest'
import { variantFindings } from './checks.ts'
import { mineTerms } from './mining.ts'
import { buildIndex, buildIndexAsync, detectQueryLanguage, discoverRenderings, discoverRenderingsAsync, intersectCount, sameRendering, tokensOf, unsegmentedWords, zhWordMatches, type MemoryIndex } from './renderings.ts'
import { tokenize } from './text.ts'
import { readDevset, readSdg } from './units.ts'

describe('rendering discovery on the UNPC devset and the SDG framework', { timeout: 120_000 }, () => {
  let index: MemoryIndex
  beforeAll(() => {
    index = buildIndex([...readDevset('corpora'), ...readSdg('corpora')])
  })

  it('finds the official names of UNODC in the five other languages, with counts and shares', () => {
    const r = discoverRenderings(index, '联合国毒品和犯罪问题办公室', 'zh')
    expect(r.occurrences).toBeGreaterThanOrEqual(5)
    const want = {
      en: 'United Nations Office on Drugs and Crime',
      fr: 'Office des Nations Unies contre la drogue et le crime',
      es: 'Oficina de las Naciones Unidas contra la Droga y el Delito',
      ru: 'Управление Организации Объединенных Наций по наркотикам и преступности',
      ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة',
    } as const
    for (const [lang, text] of Object.entries(want) as Array<[keyof typeof want, string]>) {
      const top = r.renderings[lang]![0]
      expect(sameRendering(top.text, text, lang), `${lang}: ${top.text}`).toBe(true)
      expect(top.count).toBeGreaterThanOrEqual(3)
      expect(top.share).toBeGreaterThan(0.5)
    }
  })

  it('gives example segments whose offsets cut out the rendering', () => {
    const r = discoverRenderings(index, '安全理事会', 'zh', { targets: ['en', 'ar'] })
    const top = r.renderings.en![0]
    expect(top.text).toBe('Security Council')
    for (const ex of top.examples) {
      expect(ex.target.text.slice(ex.target.start, ex.target.end)).toBe('Security Council')
      for (const s of ex.source.spans) expect(ex.source.text.slice(s.start, s.end)).toBe('安全理事会')
    }
    expect(sameRendering(r.renderings.ar![0].text, 'مجلس الأمن', 'ar')).toBe(true)
  })

  it('works for short terms and groups inflected forms (Russian cases, French plurals)', () => {
    const r = discoverRenderings(index, '儿童', 'zh', { targets: ['en', 'fr', 'ru'] })
    expect(r.renderings.en![0].text).toBe('children')
    expect(r.renderings.fr![0].text).toBe('enfants')
    const ru = discoverRenderings(index, '可持续发展', 'zh', { targets: ['ru'] }).renderings.ru![0]
    const forms = ru.forms.map((f) => f.text)
    expect(forms).toEqual(expect.arrayContaining(['устойчивого развития', 'устойчивое развитие']))
    expect(ru.count).toBe(ru.forms.reduce((n, f) => n + f.count, 0))
  })

  it('keeps a rendering that is often listed beside another term (инвалиды next to дети, 儿童)', () => {
    // 残疾人 and 儿童 are listed together in most of the Russian occurrences; "инвалиды" is
    // still 残疾人's, because away from 残疾人 it does not go with 儿童
    const r = discoverRenderings(index, '残疾人', 'zh', { targets: ['ru', 'fr'] })
    expect(sameRendering(r.renderings.ru![0].text, 'инвалиды', 'ru'), r.renderings.ru![0].text).toBe(true)
    expect(sameRendering(r.renderings.fr![0].text, 'personnes handicapées', 'fr'), r.renderings.fr![0].text).toBe(true)
  })

  it('lets Chinese words the segmenter split into characters compete for a rendering (两年期 beside 方案预算)', () => {
    const text = '8. 决定2016-2017两年期拟议方案预算应编列根据现行方法重计费用的经费'
    const at = text.indexOf('方案预算')
    const words = unsegmentedWords(text, tokenize(text, 'zh'), [{ start: at, end: at + 4 }])
    expect(words).toContain('两年期')
    // function characters end a run: no "的人" from 服务的人
    const other = '惩罚购买性服务的人、落实关于卖淫和人口贩运的《巴勒莫议定书》'
    const k = other.indexOf('人口贩运')
    expect(unsegmentedWords(other, tokenize(other, 'zh'), [{ start: k, end: k + 4 }]).filter((w) => w.includes('的'))).toEqual([])
  })

  it('never opens a bracket in a rendering that it does not close (Women (UN Women, <<ООН-женщины)', () => {
    const opens = (t: string) => (t.match(/[(\[«（]|<</g) ?? []).length
    const closes = (t: string) => (t.match(/[)\]»）]|>>/g) ?? []).length
    for (const q of ['妇女署', '联合国', '人权理事会', '儿童基金会']) {
      const r = discoverRenderings(index, q, 'zh')
      for (const list of Object.values(r.renderings)) for (const x of list ?? []) expect(opens(x.text), `${q}: ${x.text}`).toBe(closes(x.text))
    }
  })

  it('leaves out the occurrences that belong to a longer term ("least developed countries", 失业率)', () => {
    const r = discoverRenderings(index, 'developed countries', 'en', { targets: ['zh'] })
    expect(r.nested?.text.toLowerCase()).toBe('least developed countries')
    expect(r.renderings.zh![0].text).toBe('发达国家')
    const zh = discoverRenderings(index, '失业', 'zh', { targets: ['fr'] })
    expect(zh.nested?.text).toBe('失业率')
    expect(sameRendering(zh.renderings.fr![0].text, 'chômage', 'fr'), zh.renderings.fr![0].text).toBe(true)
    // "per cent" is rendered by the sign
    expect(discoverRenderings(index, 'per cent', 'en', { targets: ['zh'] }).renderings.zh![0].text).toBe('%')
    // a term that is mostly itself keeps all its occurrences
    expect(discoverRenderings(index, '安全理事会', 'zh', { targets: ['en'] }).nested).toBeUndefined()
  })

  it('answers queries in other languages, into Chinese too, and detects their language', () => {
    expect(detectQueryLanguage(index, 'Member States')).toBe('en')
    expect(detectQueryLanguage(index, 'développement durable')).toBe('fr')
    expect(detectQueryLanguage(index, 'Совет Безопасности')).toBe('ru')
    const r = discoverRenderings(index, 'Security Council', 'en', { targets: ['zh', 'es'] })
    expect(r.renderings.zh![0].text).toBe('安全理事会')
    expect(r.renderings.es![0].text).toBe('Consejo de Seguridad')
  })

  it('returns empty lists for a term the memory does not hold', () => {
    const r = discoverRenderings(index, '不存在的术语词', 'zh')
    expect(r.occurrences).toBe(0)
    expect(r.renderings.en).toEqual([])
  })

  it('matches Chinese phrases on word boundaries only', () => {
    expect(zhWordMatches('违反国际法的行为', '国际法')).toHaveLength(1)
    expect(zhWordMatches('国际法律文书', '国际法')).toHaveLength(0)
  })

  it('reports variants of one concept only, and names the documents of their segments', () => {
    const mined = mineTerms(index.units.map((u) => u.texts.zh ?? ''), 'zh', { limit: 200 }, (i) => tokensOf(index, i, 'zh'))
    const findings = variantFindings(index, [{ term: '委员会', approved: false }, { term: '性别平等', approved: false }], 'zh', ['en', 'fr', 'es'], { longerTerms: mined.map((m) => m.term) })
    // Committee and Commission are different bodies, not variants of one rendering
    expect(findings.filter((f) => f.message.includes('委员会'))).toEqual([])
    const gender = findings.filter((f) => f.targetLang === 'es')
    expect(gender.map((f) => f.message).join('\n')).toContain('igualdad entre los géneros')
    // the same words in another order across a list (小岛屿发展中国家 … "en desarrollo y los países") are not a variant
    const sdg = new Set(index.units.map((u, i) => (u.documentSymbol.startsWith('A/RES/70/1') ? i : -1)).filter((i) => i >= 0))
    expect(variantFindings(index, [{ term: '发展中国家', approved: false }], 'zh', ['es'], { scope: sdg })).toEqual([])
    for (const f of findings) {
      const docs = new Set(f.segments.map((x) => x.documentSymbol))
      for (const d of docs) expect(f.documentSymbol.split(', ')).toContain(d)
      // each occurrence as its pair: the source with the term marked, then the target with the rendering
      for (let k = 0; k < f.segments.length; k += 2) {
        const [s, t] = [f.segments[k], f.segments[k + 1]]
        expect([s.lang, t.lang, s.groupId]).toEqual(['zh', f.targetLang, t.groupId])
        expect(s.text.slice(s.spans[0].start, s.spans[0].end)).toBe('性别平等')
      }
    }
  })

  it('answers the same when it yields to the event loop, and lets other work run meanwhile', async () => {
    let ran = 0
    const tick = setInterval(() => ran++, 0)
    const started = ran
    const asyncResult = await discoverRenderingsAsync(index, '可持续发展', 'zh')
    clearInterval(tick)
    expect(ran).toBeGreaterThan(started)
    const syncResult = discoverRenderings(index, '可持续发展', 'zh')
    expect(asyncResult.renderings.en!.map((r) => [r.text, r.count])).toEqual(syncResult.renderings.en!.map((r) => [r.text, r.count]))
  })
})

describe('index building', () => {
  it('builds the same index asynchronously, in slices', async () => {
    const units = readSdg('corpora')
    const a = buildIndex(units)
    const b = await buildIndexAsync(units)
    expect([...b.postings.en.entries()]).toEqual([...a.postings.en.entries()])
    expect(b.pairCount).toEqual(a.pairCount)
  })

  it('counts the common values of two ascending lists', () => {
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let k = 0; k < 50; k++) {
      const a = [...new Set(Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 200)))].sort((x, y) => x - y)
      const b = [...new Set(Array.from({ length: Math.floor(rnd() * 400) }, () => Math.floor(rnd() * 200)))].sort((x, y) => x - y)
      const naive = a.filter((x) => b.includes(x)).length
      expect(intersectCount(a, b)).toBe(naive)
      expect(intersectCount(b, a)).toBe(naive)
    }
  })
})

