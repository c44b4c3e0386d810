/**
 * TBX (ISO 30042) import and export, with fast-xml-parser.
 *
 * Export writes TBX-Basic in the 2019 (v3) form:
 *   <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 *     <tbxHeader>…</tbxHeader>
 *     <text><body>
 *       <conceptEntry id="c12">
 *         <descrip type="definition">concept</descrip>  <note>…</note>
 *         <admin type="…status">approved</admin>
 *         <langSec xml:lang="zh"><termSec><term>…</term>
 *           <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
 *       </conceptEntry>
 * Import reads that form and the older TBX 2008 one (martif > text > body >
 * termEntry > langSet > tig|ntig > term), and checks the structure: a clear
 * error names what is wrong and where.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { isLang, SixfoldError, type Lang } from '../../aligner/types.ts'
import { printable } from './printable.ts'
import type { EntryStatus, GlossaryEntry, GlossaryEntryInput, GlossaryRef, TermUsage } from './contract.ts'

const USAGE_TO_ADMIN: Record<TermUsage, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts',
}

function usageFromAdmin(value: string): TermUsage {
  const v = value.toLowerCase()
  if (v.startsWith('deprecated') || v.startsWith('superseded')) return 'deprecated'
  if (v.startsWith('admitted')) return 'admitted'
  return 'preferred'
}

const STATUSES: EntryStatus[] = ['candidate', 'approved', 'deprecated']

/** Writes a glossary as TBX-Basic (TBX v3, DCA style). */
export function exportTbx(entries: GlossaryEntry[], sourceLang: Lang = 'zh'): string {
  const conceptEntry = entries.map((e) => {
    const node: Record<string, unknown> = { '@_id': `c${e.id}` }
    if (e.concept) node.descrip = { '@_type': 'definition', '#text': e.concept }
    const admins: unknown[] = [{ '@_type': 'entryStatus', '#text': e.status }, { '@_type': 'origin', '#text': e.origin }]
    if (e.frequency !== null) admins.push({ '@_type': 'frequency', '#text': String(e.frequency) })
    if (e.score !== null) admins.push({ '@_type': 'score', '#text': String(e.score) })
    node.admin = admins
    if (e.note) node.note = e.note
    if (e.refs.length)
      node.ref = e.refs.map((r) => ({
        '@_type': 'crossReference',
        '@_target': r.groupId === null ? '' : `group:${r.groupId}`,
        '#text': [r.documentSymbol ?? '', r.paragraphLabel ?? ''].join(' ¶').trim(),
      }))
    const langs = [...new Set(e.terms.map((t) => t.lang))]
    node.langSec = langs.map((lang) => ({
      '@_xml:lang': lang,
      termSec: e.terms
        .filter((t) => t.lang === lang)
        .map((t) => ({ term: t.text, termNote: { '@_type': 'administrativeStatus', '#text': USAGE_TO_ADMIN[t.usage] } })),
    }))
    return node
  })
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    tbx: {
      '@_type': 'TBX-Basic',
      '@_style': 'dca',
      '@_xml:lang': sourceLang,
      '@_xmlns': 'urn:iso:std:iso:30042:ed-2',
      tbxHeader: { fileDesc: { sourceDesc: { p: 'Sixfold glossary export' } } },
      text: { body: { conceptEntry } },
    },
  }
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, processEntities: true })
  return builder.build(doc) as string
}

type Node = Record<string, unknown>

function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x]
}

function textOf(x: unknown): string {
  if (x === undefined || x === null) return ''
  if (typeof x === 'string' || typeof x === 'number') return String(x)
  if (typeof x === 'object' && '#text' in (x as Node)) return String((x as Node)['#text'])
  return ''
}

function fail(message: string): never {
  throw new SixfoldError('bad_tbx', `TBX: ${printable(message, 300)}`)
}

/** Reads a TBX file (TBX v3 `tbx` or TBX 2008 `martif`) into glossary entries; throws a clear error on a bad structure. */
export function importTbx(xml: string): GlossaryEntryInput[] {
  if (!xml.trim()) fail('the file is empty')
  // entity declarations (external files, or nested entities that expand a billion times) are refused whole:
  // TBX needs none
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) fail('a DOCTYPE or ENTITY declaration is not accepted in a TBX file (TBX needs none): remove it')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) fail(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: false,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ['conceptEntry', 'termEntry', 'langSec', 'langSet', 'termSec', 'tig', 'ntig', 'admin', 'descrip', 'note', 'ref', 'termNote', 'xref'].includes(name),
  })
  let doc: Node
  try {
    doc = parser.parse(xml) as Node
  } catch (error) {
    fail(`not readable XML: ${error instanceof Error ? error.message : String(error)}`)
  }
  const root = (doc.tbx ?? doc.martif) as Node | undefined
  if (!root) fail(`the root element must be <tbx> (TBX 2019) or <martif> (TBX 2008), not <${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'nothing'}>`)
  const text = root.text as Node | undefined
  if (!text || typeof text !== 'object') fail('missing <text> in the root element')
  const body = text.body as Node | undefined
  if (body === undefined) fail('missing <body> in <text>')
  // an empty element reads as '': an empty <body> holds nothing, an empty <conceptEntry/> is an entry without terms
  const holder = body && typeof body === 'object' ? body : {}
  const concepts = [...asArray(holder.conceptEntry as Node[]), ...asArray(holder.termEntry as Node[])].map((c) => (c && typeof c === 'object' ? c : ({} as Node)))
  if (concepts.length === 0) fail('the <body> holds no <conceptEntry> (or <termEntry>): there is nothing to import')
  const entries: GlossaryEntryInput[] = []
  concepts.forEach((c, i) => {
    const where = `entry ${i + 1}${c['@_id'] ? ` (id "${c['@_id']}")` : ''}`
    const langSecs = [...asArray(c.langSec as Node[]), ...asArray(c.langSet as Node[])]
    if (langSecs.length === 0) fail(`${where} has no <langSec> (or <langSet>)`)
    const terms: GlossaryEntryInput['terms'] = []
    let statusGiven = false
    for (const ls of langSecs) {
      const raw = String(ls['@_xml:lang'] ?? ls['@_lang'] ?? '')
      const lang = raw.toLowerCase().split(/[-_]/)[0]
      if (!raw) fail(`${where}: a <langSec> has no xml:lang`)
      if (!isLang(lang)) fail(`${where}: language "${raw}" is not one of zh, en, fr, es, ru, ar`)
      const termSecs = [...asArray(ls.termSec as Node[]), ...asArray(ls.tig as Node[]), ...asArray(ls.ntig as Node[])]
      if (termSecs.length === 0) fail(`${where}, language ${lang}: no <termSec> (or <tig>)`)
      for (const ts of termSecs) {
        const termNode = ts.term ?? (ts.termGrp as Node | undefined)?.term
        const term = textOf(termNode).trim()
        if (!term) fail(`${where}, language ${lang}: a <termSec> has no <term> text`)
        const notes = [...asArray(ts.termNote as Node[]), ...asArray((ts.termGrp as Node | undefined)?.termNote as Node[])]
        const status = notes.find((n) => String(n['@_type'] ?? '') === 'administrativeStatus')
        if (status) statusGiven = true
        terms.push({ lang: lang as Lang, text: term, usage: status ? usageFromAdmin(textOf(status)) : 'preferred' })
      }
    }
    const admins = asArray(c.admin as Node[])
    const adminOf = (type: string) => admins.find((a) => String(a['@_type']) === type)
    const statusText = textOf(adminOf('entryStatus')).trim()
    // an entry whose terms carry no status has none (stored as a candidate until a terminologist
    // approves it; one already in the glossary keeps its own); preferred terms (TBX-Basic
    // administrativeStatus) make an approved entry
    const status: EntryStatus | undefined = STATUSES.includes(statusText as EntryStatus)
      ? (statusText as EntryStatus)
      : !statusGiven
        ? undefined
        : terms.some((t) => t.usage === 'preferred')
          ? 'approved'
          : terms.every((t) => t.usage === 'deprecated')
            ? 'deprecated'
            : 'candidate'
    const descrip = asArray(c.descrip as Node[]).find((d) => String(d['@_type']) === 'definition') ?? asArray(c.descrip as Node[])[0]
    const note = asArray(c.note as unknown[]).map(textOf).filter(Boolean).join('\n')
    const refs: GlossaryRef[] = asArray(c.ref as Node[]).map((r) => {
      const target = String(r['@_target'] ?? '')
      const [doc, para] = textOf(r).split(' ¶')
      const gid = /^group:(\d+)$/.exec(target)
      return { groupId: gid ? Number(gid[1]) : null, documentSymbol: doc?.trim() || null, paragraphLabel: para?.trim() || null }
    })
    const num = (x: string) => (x.trim() === '' || !Number.isFinite(Number(x)) ? null : Number(x))
    // our own export names entries c<id>: kept, so that importing it again updates them
    const ownId = /^c(\d+)$/.exec(String(c['@_id'] ?? ''))
    entries.push({
      ...(ownId ? { id: Number(ownId[1]) } : {}),
      concept: descrip ? textOf(descrip) || null : null,
      ...(status ? { status } : {}),
      note: note || null,
      origin: textOf(adminOf('origin')).trim() || 'tbx',
      frequency: num(textOf(adminOf('frequency'))),
      score: num(textOf(adminOf('score'))),
      terms,
      refs,
    })
  })
  return entries
}
