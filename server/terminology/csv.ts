/**
 * Glossary CSV: one row per entry, RFC 4180 quoting, UTF-8.
 *   id,status,concept,note,zh,en,fr,es,ru,ar[,zh_admitted,…][,zh_deprecated,…]
 * Several terms of one kind in one language are separated by " | ".
 */
import { LANGS, SixfoldError, type Lang } from '../../aligner/types.ts'
import type { EntryStatus, GlossaryEntry, GlossaryEntryInput, TermUsage } from './contract.ts'
import { printable } from './printable.ts'

const SEP = ' | '

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function exportCsv(entries: GlossaryEntry[]): string {
  const header = ['id', 'status', 'concept', 'note', ...LANGS, ...LANGS.map((l) => `${l}_admitted`), ...LANGS.map((l) => `${l}_deprecated`)]
  const rows = [header.join(',')]
  for (const e of entries) {
    const col = (lang: Lang, usage: TermUsage) =>
      e.terms
        .filter((t) => t.lang === lang && t.usage === usage)
        .map((t) => t.text)
        .join(SEP)
    const cells = [String(e.id), e.status, e.concept ?? '', e.note ?? '', ...LANGS.map((l) => col(l, 'preferred')), ...LANGS.map((l) => col(l, 'admitted')), ...LANGS.map((l) => col(l, 'deprecated'))]
    rows.push(cells.map(quote).join(','))
  }
  // with a byte order mark, so that spreadsheets read the Chinese, Russian and Arabic as UTF-8
  return '\uFEFF' + rows.join('\r\n') + '\r\n'
}

/**
 * The field separator of a CSV file, read from its first line: a comma, or the semicolon that
 * spreadsheets write where the decimal separator is a comma (French, Spanish, Russian settings), or a tab.
 */
export function csvDelimiter(text: string): ',' | ';' | '\t' {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].replace(/"(?:[^"]|"")*"/g, '')
  const count = (c: string) => first.split(c).length - 1
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1])
  return best[1] > 0 ? best[0] : ','
}

/** RFC 4180 parsing (quoted fields with separators, quotes and line breaks); the separator is read from the first line. */
export function parseCsv(text: string, delimiter: string = csvDelimiter(text)): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const src = text.replace(/^\uFEFF/, '')
  while (i < src.length) {
    const c = src[i]
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === '"' && field === '') {
      quoted = true
      i++
    } else if (c === delimiter) {
      row.push(field)
      field = ''
      i++
    } else if (c === '\r' || c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      i++
    }
  }
  if (quoted) throw new SixfoldError('bad_csv', 'CSV: a quoted field is not closed')
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

const STATUSES: EntryStatus[] = ['candidate', 'approved', 'deprecated']

/** Reads a glossary CSV; the header names the columns (any order; language columns zh…ar required at least one). */
export function importCsv(text: string): GlossaryEntryInput[] {
  const rows = parseCsv(text)
  if (rows.length === 0) throw new SixfoldError('bad_csv', 'CSV: the file is empty')
  const header = rows[0].map((h) => h.trim().toLowerCase())
  const langCols = header.map((h) => {
    const m = /^(zh|en|fr|es|ru|ar)(?:_(preferred|admitted|deprecated))?$/.exec(h)
    return m ? { lang: m[1] as Lang, usage: (m[2] ?? 'preferred') as TermUsage } : null
  })
  if (!langCols.some(Boolean)) throw new SixfoldError('bad_csv', `CSV: the header has no language column (expected some of ${LANGS.join(', ')}; got ${printable(header.join(', '))})`)
  const at = (name: string) => header.indexOf(name)
  const entries: GlossaryEntryInput[] = []
  rows.slice(1).forEach((r, k) => {
    const line = k + 2
    if (r.length > header.length) throw new SixfoldError('bad_csv', `CSV line ${line}: ${r.length} fields but the header has ${header.length}`)
    const terms: GlossaryEntryInput['terms'] = []
    langCols.forEach((c, i) => {
      if (!c) return
      for (const t of (r[i] ?? '').split(SEP.trim())) if (t.trim()) terms.push({ lang: c.lang, text: t.trim(), usage: c.usage })
    })
    if (terms.length === 0) throw new SixfoldError('bad_csv', `CSV line ${line}: no term in any language column`)
    const statusRaw = at('status') >= 0 ? (r[at('status')] ?? '').trim().toLowerCase() : ''
    if (statusRaw && !STATUSES.includes(statusRaw as EntryStatus)) throw new SixfoldError('bad_csv', `CSV line ${line}: status "${printable(statusRaw, 40)}" is not candidate, approved or deprecated`)
    const get = (name: string) => (at(name) >= 0 ? (r[at(name)] ?? '').trim() || null : null)
    const idText = get('id')
    const id = idText !== null && /^\d+$/.test(idText) ? Number(idText) : undefined
    // no status given: a new entry is a candidate, an entry already there keeps its own
    entries.push({ ...(id !== undefined ? { id } : {}), ...(statusRaw ? { status: statusRaw as EntryStatus } : {}), concept: get('concept'), note: get('note'), origin: 'csv', terms })
  })
  return entries
}
