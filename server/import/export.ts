/**
 * Export of the memory: TMX 1.4b (one <tu> per sentence-level six-way group,
 * a <tuv> per language present) and CSV (one row per group). Streams in
 * batches, so the whole memory never sits in memory at once.
 */
import type { Client } from '@libsql/client'
import { XMLBuilder } from 'fast-xml-parser'
import type { Lang } from '../../aligner/types.ts'
import { placeholders } from '../db/write.ts'
import { LANG_ORDER } from './prepared.ts'

export interface ExportUnit {
  groupId: number
  documentSymbol: string
  paragraph: string | null
  texts: Partial<Record<Lang, string>>
}

const BATCH = 2000

/** The sentence groups of one document (or all), in document and group order. */
export async function* exportUnits(client: Client, documentId?: number): AsyncGenerator<ExportUnit[]> {
  const docs = await client.execute(
    documentId === undefined ? 'SELECT id, symbol FROM documents ORDER BY id' : { sql: 'SELECT id, symbol FROM documents WHERE id = ?', args: [documentId] },
  )
  for (const d of docs.rows) {
    let after = -1
    for (;;) {
      const groups = await client.execute({
        sql: "SELECT id, ordinal FROM align_groups WHERE document_id = ? AND level = 'sentence' AND ordinal > ? ORDER BY ordinal LIMIT ?",
        args: [d.id, after, BATCH],
      })
      if (groups.rows.length === 0) break
      after = Number(groups.rows[groups.rows.length - 1].ordinal)
      const ids = groups.rows.map((r) => Number(r.id))
      const rows = await client.execute({
        sql: `SELECT s.group_id, s.lang, s.text, b.label FROM sentences s JOIN blocks b ON b.id = s.block_id
              WHERE s.group_id IN ${placeholders(ids.length)} ORDER BY s.group_id, b.ordinal, s.ordinal`,
        args: ids,
      })
      const units = new Map<number, ExportUnit>()
      for (const id of ids) units.set(id, { groupId: id, documentSymbol: String(d.symbol), paragraph: null, texts: {} })
      for (const r of rows.rows) {
        const u = units.get(Number(r.group_id))!
        const lang = r.lang as Lang
        u.texts[lang] = u.texts[lang] ? `${u.texts[lang]} ${r.text}` : String(r.text)
        if (u.paragraph === null && r.label !== null) u.paragraph = String(r.label)
      }
      yield [...units.values()].filter((u) => Object.keys(u.texts).length > 0)
      if (groups.rows.length < BATCH) break
    }
  }
}

// XML 1.0 forbids most control characters.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', processEntities: true, suppressEmptyNode: true })

function tmxDate(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

/** TMX 1.4b, as chunks of text. */
export async function* exportTmx(client: Client, documentId?: number, version = '0.1.0'): AsyncGenerator<string> {
  const header = {
    '@_creationtool': 'Sixfold',
    '@_creationtoolversion': version,
    '@_segtype': 'sentence',
    '@_o-tmf': 'sixfold',
    '@_adminlang': 'en',
    '@_srclang': '*all*',
    '@_datatype': 'plaintext',
    '@_creationdate': tmxDate(),
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
  yield builder.build({ header }).replace(/^(?=.)/gm, '  ')
  yield '  <body>\n'
  for await (const units of exportUnits(client, documentId)) {
    const tu = units.map((u) => {
      const props: Array<Record<string, string>> = [{ '@_type': 'x-document', '#text': u.documentSymbol.replace(INVALID_XML, '') }]
      if (u.paragraph) props.push({ '@_type': 'x-paragraph', '#text': u.paragraph.replace(INVALID_XML, '') })
      return {
        '@_tuid': String(u.groupId),
        prop: props,
        tuv: LANG_ORDER.filter((l) => u.texts[l]).map((l) => ({ '@_xml:lang': l, seg: u.texts[l]!.replace(INVALID_XML, '') })),
      }
    })
    if (tu.length) yield builder.build({ tu }).replace(/^(?=.)/gm, '    ')
  }
  yield '  </body>\n</tmx>\n'
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** CSV (RFC 4180, UTF-8 with BOM so spreadsheets read Chinese and Arabic): document,paragraph,group,zh,en,fr,es,ru,ar */
export async function* exportCsv(client: Client, documentId?: number): AsyncGenerator<string> {
  yield '\uFEFF' + ['document', 'paragraph', 'group', ...LANG_ORDER].join(',') + '\r\n'
  for await (const units of exportUnits(client, documentId)) {
    let out = ''
    for (const u of units) {
      out += [u.documentSymbol, u.paragraph ?? '', String(u.groupId), ...LANG_ORDER.map((l) => u.texts[l] ?? '')].map(csvField).join(',') + '\r\n'
    }
    yield out
  }
}
