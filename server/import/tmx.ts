/**
 * TMX 1.4b import: each <tu> becomes an aligned unit holding the languages of
 * its <tuv>s that are among the six (xml:lang "zh-CN", "EN-US", "zh-Hans" …
 * are read by their primary subtag). Inline markup inside <seg> (bpt, ept, ph,
 * it, hi, ut, sub) is dropped, its text kept. Entities are decoded by hand: no
 * DTD or entity expansion is ever processed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Lang } from '../../aligner/types.ts'
import { isLang } from '../../aligner/types.ts'
import { sha256 } from './hash.ts'
import { LANG_ORDER, slugify, type PreparedDocument, type PreparedVersion } from './prepared.ts'

export interface TmxUnit {
  texts: Partial<Record<Lang, string>>
  document: string | null
  paragraph: string | null
}

export interface ParsedTmx {
  units: TmxUnit[]
  /** <tu> elements with no text in any of the six languages. */
  skipped: number
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function decodeXmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? whole
  })
}

/** The text of a <seg>'s inner XML: inline elements removed (their content kept), CDATA unwrapped. */
export function segText(inner: string): string {
  const noCdata = inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, body: string) => body.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
  // Native codes of paired/placeholder tags (bpt, ept, ph, it, ut) are markup, not text.
  const noCodes = noCdata.replace(/<(bpt|ept|ph|it|ut)\b[^>]*\/>/g, '').replace(/<(bpt|ept|ph|it|ut)\b[^>]*>[\s\S]*?<\/\1>/g, '')
  const noTags = noCodes.replace(/<[^>]+>/g, '')
  return decodeXmlText(noTags).replace(/\s+/g, ' ').trim()
}

export function tmxLang(code: unknown): Lang | null {
  if (typeof code !== 'string') return null
  const primary = code.trim().toLowerCase().split(/[-_]/)[0]
  return isLang(primary) ? primary : null
}

type Node = Record<string, unknown>
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** fast-xml-parser's validation message as a short phrase (it dumps the open elements as a JSON array). */
function xmlProblem(msg: string): string {
  const open = /^Invalid '\[([\s\S]*)\]' found\.?$/.exec(msg.trim())
  if (open) {
    const names = [...open[1].matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`)
    return names.length ? `the file ends with ${names.join(', ')} still open` : 'the file ends inside an element'
  }
  return msg.replace(/\s+/g, ' ').replace(/\.$/, '').trim()
}

export function parseTmx(xml: string, fileName = 'memory.tmx'): ParsedTmx {
  const text = xml.replace(/^\uFEFF/, '')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new Error(`${fileName}: not well-formed XML (line ${valid.err.line}: ${xmlProblem(valid.err.msg)})`)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    stopNodes: ['*.seg'],
    isArray: (name) => name === 'tu' || name === 'tuv' || name === 'prop',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  })
  const doc = parser.parse(text) as Node
  const tmx = doc.tmx as Node | undefined
  if (!tmx || typeof tmx !== 'object') throw new Error(`${fileName}: not a TMX file (no <tmx> root element)`)
  const body = tmx.body as Node | undefined
  if (!body || typeof body !== 'object') return { units: [], skipped: 0 }
  const units: TmxUnit[] = []
  let skipped = 0
  for (const tu of asArray(body.tu as Node[] | undefined)) {
    const texts: Partial<Record<Lang, string>> = {}
    for (const tuv of asArray(tu.tuv as Node[] | undefined)) {
      const lang = tmxLang(tuv['@_xml:lang'] ?? tuv['@_lang'])
      if (!lang) continue
      const seg = tuv.seg
      const raw = typeof seg === 'string' ? seg : seg && typeof seg === 'object' && '#text' in seg ? String((seg as Node)['#text']) : ''
      const value = segText(raw)
      if (value) texts[lang] = texts[lang] ? `${texts[lang]} ${value}` : value
    }
    if (Object.keys(texts).length === 0) {
      skipped++
      continue
    }
    let document: string | null = null
    let paragraph: string | null = null
    for (const prop of asArray(tu.prop as Node[] | undefined)) {
      const type = prop['@_type']
      const value = typeof prop === 'string' ? prop : typeof prop['#text'] === 'string' ? decodeXmlText(String(prop['#text'])) : null
      if (type === 'x-document') document = value
      if (type === 'x-paragraph') paragraph = value
    }
    units.push({ texts, document, paragraph })
  }
  return { units, skipped }
}

/** A TMX file as a pre-aligned document: one group per <tu>. */
export function prepareTmx(xml: string, opts: { fileName: string; slug?: string; symbol?: string; title?: string | null }): PreparedDocument & { skipped: number } {
  const { units, skipped } = parseTmx(xml, opts.fileName)
  if (units.length === 0) throw new Error(`${opts.fileName}: no translation units in any of the six languages (zh en fr es ru ar)`)
  const hash = sha256(xml)
  const base = opts.fileName.replace(/^.*[\\/]/, '').replace(/\.tmx$/i, '')
  const symbol = opts.symbol ?? units.find((u) => u.document)?.document ?? base
  const langs = LANG_ORDER.filter((l) => units.some((u) => u.texts[l]))
  const versions: PreparedVersion[] = langs.map((lang) => {
    const blocks: PreparedVersion['blocks'] = []
    const groupOf: number[] = []
    units.forEach((u, g) => {
      const t = u.texts[lang]
      if (!t) return
      blocks.push({ kind: 'paragraph', label: u.paragraph, text: t, sentences: [t], footnoteRefs: [] })
      groupOf.push(g)
    })
    return { lang, fileName: base + '.tmx', format: 'tmx', sha256: hash, detected: null, blocks, groupOf }
  })
  return {
    slug: opts.slug ?? slugify(base),
    symbol,
    title: opts.title ?? null,
    source: 'tmx',
    versions,
    prealigned: { groups: units.length, labels: units.map((u) => u.paragraph) },
    skipped,
  }
}
