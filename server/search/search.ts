/**
 * Concordance search: finds a query in the folded sentences of one or more
 * languages and returns each matching sentence with its match offsets (in the
 * original text), document, paragraph label and aligned sentences.
 *
 * Plan: the trigram FTS index (sentences_fts) narrows to candidate rows in
 * rowid order with LIMIT/OFFSET, joined to sentences for the language and
 * document filters; only the page's rows are then read in full. Whatever the
 * user typed reaches FTS5 as one double-quoted string (quotes doubled) in a
 * bound parameter: `AND`, `NEAR(`, `*`, brackets are plain text to it.
 * Queries with no term of three folded characters (a two-letter Latin word)
 * fall back to a scan with instr(). Chinese one- and two-character queries
 * are trigrams thanks to the spaces folding puts around Han characters.
 */
import type { Client, InValue } from '@libsql/client'
import type { Lang } from '../../aligner/types.ts'
import { detectLanguage } from '../../aligner/language/index.ts'
import type { SearchHit, SearchMode, SearchResponse, SearchSegment } from '../api/contract.ts'
import { placeholders } from '../db/write.ts'
import { containsWords, findMatches, foldQuery } from './fold.ts'

export const TOTAL_CAP = 500
/** Candidates (substring matches) read at most per search when checking word boundaries; past it the total is a lower bound. */
export const SCAN_BUDGET = 60_000

const WORD_EDGE = /[\p{L}\p{N}]/u
const HAN_CHAR = /\p{Script=Han}/u
/** A term needs the word-boundary check when it begins or ends with a letter or digit that is not Han. */
function needsBoundaryCheck(term: string): boolean {
  const edge = (ch: string | undefined) => ch !== undefined && WORD_EDGE.test(ch) && !HAN_CHAR.test(ch)
  return edge(term[0]) || edge(term[term.length - 1])
}
const ALL: Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

export interface SearchParams {
  q: string
  lang?: Lang
  documentId?: number
  mode?: SearchMode
  page?: number
  pageSize?: number
  /** Languages of the aligned segments to return (default all). */
  langs?: Lang[]
}

/** The languages to search for a query with no language given, and what was detected. */
export function queryLanguages(q: string): { languages: Lang[]; detected: { language: Lang; confidence: number } | null } {
  if (/\p{Script=Han}/u.test(q)) return { languages: ['zh'], detected: { language: 'zh', confidence: 1 } }
  const guess = detectLanguage(q)
  const arabic = /\p{Script=Arabic}/u.test(q)
  const cyrillic = /\p{Script=Cyrillic}/u.test(q)
  const latin = /\p{Script=Latin}/u.test(q)
  const detected = guess.language ? { language: guess.language, confidence: guess.confidence } : null
  if (arabic && !cyrillic && !latin) return { languages: ['ar'], detected: detected ?? { language: 'ar', confidence: 1 } }
  if (cyrillic && !arabic && !latin) return { languages: ['ru'], detected: detected ?? { language: 'ru', confidence: 1 } }
  // Latin script: short queries cannot be told apart reliably, so search the three Latin-script languages.
  if (latin && !arabic && !cyrillic) return { languages: ['en', 'fr', 'es'], detected }
  return { languages: ALL, detected }
}

/** Search terms: the whole folded query (phrase) or each folded word (words). */
export function searchTerms(q: string, mode: SearchMode): string[] {
  if (mode === 'phrase') {
    const t = foldQuery(q)
    return t.trim() ? [t] : []
  }
  const words = q.split(/\s+/u).map(foldQuery).filter((w) => w.trim())
  return [...new Set(words)]
}

/** An FTS5 query string matching every term as literal text (and, for one language, its marker: see drizzle/0002_fts_lang.sql). */
export function ftsQuery(terms: string[], lang?: Lang): string {
  const quoted = terms.map((t) => `"${t.replace(/"/g, '""')}"`)
  // char(1) + lang is one trigram: a plain term lookup, no phrase positions to check.
  if (lang) quoted.unshift(`"\u0001${lang}"`)
  return quoted.join(' AND ')
}

interface Filter {
  sql: string
  args: InValue[]
}

function buildFilter(
  terms: string[],
  languages: Lang[],
  documentId: number | undefined,
  idRange: [number, number] | null,
): { from: string; where: Filter; orderBy: string } {
  const ftsTerms = terms.filter((t) => [...t].length >= 3)
  const shortTerms = terms.filter((t) => [...t].length < 3)
  const clauses: string[] = []
  const args: InValue[] = []
  let from: string
  let orderBy: string
  if (ftsTerms.length) {
    from = 'sentences_fts f JOIN sentences s ON s.id = f.rowid'
    clauses.push('sentences_fts MATCH ?')
    args.push(ftsQuery(ftsTerms, languages.length === 1 ? languages[0] : undefined))
    orderBy = 'f.rowid'
  } else if (languages.length === 1) {
    // No trigram to look up: walk one language's rows through its marker in the index.
    from = 'sentences_fts f JOIN sentences s ON s.id = f.rowid'
    clauses.push('sentences_fts MATCH ?')
    args.push(ftsQuery([], languages[0]))
    orderBy = 'f.rowid'
  } else {
    from = 'sentences s'
    orderBy = 's.id'
  }
  clauses.push(`s.lang IN ${placeholders(languages.length)}`)
  args.push(...languages)
  if (documentId !== undefined) {
    // The document's rows lie between these ids: FTS5 seeks to the range instead of walking the whole memory.
    if (idRange) {
      clauses.push(`${orderBy} BETWEEN ? AND ?`)
      args.push(idRange[0], idRange[1])
    }
    clauses.push('s.version_id IN (SELECT id FROM versions WHERE document_id = ?)')
    args.push(documentId)
  }
  for (const t of shortTerms) {
    clauses.push('instr(s.norm, ?) > 0')
    args.push(t)
  }
  return { from, where: { sql: clauses.join(' AND '), args }, orderBy }
}

export async function search(client: Client, params: SearchParams): Promise<SearchResponse> {
  const mode: SearchMode = params.mode ?? 'phrase'
  const page = Math.max(1, params.page ?? 1)
  const pageSize = Math.min(100, Math.max(1, params.pageSize ?? 20))
  const q = params.q
  const { languages, detected } = params.lang ? { languages: [params.lang], detected: null } : queryLanguages(q)
  const terms = searchTerms(q, mode)
  const empty: SearchResponse = { query: q, mode, languages, detected, page, pageSize, total: 0, totalCapped: false, hits: [] }
  if (terms.length === 0) return empty

  let idRange: [number, number] | null = null
  if (params.documentId !== undefined) {
    const r = await client.execute({
      sql: 'SELECT min(id) AS lo, max(id) AS hi FROM sentences WHERE version_id IN (SELECT id FROM versions WHERE document_id = ?)',
      args: [params.documentId],
    })
    if (r.rows[0].lo === null) return empty
    idRange = [Number(r.rows[0].lo), Number(r.rows[0].hi)]
  }
  const { from, where, orderBy } = buildFilter(terms, languages, params.documentId, idRange)
  // The page's ids and, past them, up to TOTAL_CAP matches to count. FTS finds candidates (substrings);
  // those whose terms are not whole words (men in "women") are dropped by a boundary check on the folded
  // text. Aligned rows (whose group has other languages) come first, then unaligned ones, each in
  // document and position order (rowid).
  const offset = (page - 1) * pageSize
  const need = offset + Math.max(pageSize, TOTAL_CAP + 1 - offset)
  const checkWords = terms.some(needsBoundaryCheck)
  const found: number[] = []
  let scanned = 0
  let budgetSpent = false
  for (const aligned of [true, false]) {
    const groupClause = `${aligned ? '' : 'NOT '}EXISTS (SELECT 1 FROM sentences o WHERE o.group_id = s.group_id AND o.id <> s.id)`
    let after = -1
    for (;;) {
      // With the boundary check, read about as many candidates as the match rate so far says are needed.
      const missing = need - found.length
      const rate = scanned ? Math.max(found.length / scanned, 0.02) : 1
      const chunk = checkWords ? Math.min(8000, Math.max(100, Math.ceil((missing / rate) * 1.25) + 20)) : missing
      const rows = await client.execute({
        sql: `SELECT s.id AS id${checkWords ? ', s.norm AS norm' : ''} FROM ${from} WHERE ${where.sql} AND ${orderBy} > ? AND ${groupClause} ORDER BY ${orderBy} LIMIT ?`,
        args: [...where.args, after, chunk],
      })
      for (const r of rows.rows) {
        if (!checkWords || terms.every((t) => containsWords(String(r.norm), t))) found.push(Number(r.id))
        if (found.length >= need) break
      }
      scanned += rows.rows.length
      if (rows.rows.length) after = Number(rows.rows[rows.rows.length - 1].id)
      if (found.length >= need || rows.rows.length < chunk) break
      if (scanned >= SCAN_BUDGET) {
        budgetSpent = true
        break
      }
    }
    if (found.length >= need || budgetSpent) break
  }
  const ids = found.slice(offset, offset + pageSize)
  // Counting stopped early when `need` matches were found (there may be more) or the scan budget
  // ran out: the total is then a lower bound, said with totalCapped. It is never more than was
  // found (a page far past the matches must not report offset + pageSize matches).
  let total = found.length
  let totalCapped = budgetSpent || found.length >= need
  if (found.length >= need) total = Math.min(found.length, Math.max(TOTAL_CAP, offset + ids.length))
  if (ids.length === 0) return { ...empty, total, totalCapped }
  const hits = await hydrate(client, ids, terms, params.langs)
  return { ...empty, total, totalCapped, hits }
}

/** The page's rows in full: text, document, paragraph label, aligned segments. */
export async function hydrate(client: Client, ids: number[], terms: string[], langs?: Lang[]): Promise<SearchHit[]> {
  const rows = await client.execute({
    sql: `SELECT s.id, s.lang, s.text, s.group_id, b.label, d.id AS doc_id, d.slug, d.symbol, d.title
          FROM sentences s JOIN blocks b ON b.id = s.block_id JOIN versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id
          WHERE s.id IN ${placeholders(ids.length)}`,
    args: ids,
  })
  const byId = new Map(rows.rows.map((r) => [Number(r.id), r]))
  const groupIds = [...new Set(rows.rows.filter((r) => r.group_id !== null).map((r) => Number(r.group_id)))]
  const aligned = new Map<number, Array<SearchSegment>>()
  if (groupIds.length) {
    const wanted = langs && langs.length ? langs : ALL
    const members = await client.execute({
      sql: `SELECT id, lang, text, group_id FROM sentences WHERE group_id IN ${placeholders(groupIds.length)} AND lang IN ${placeholders(wanted.length)} ORDER BY group_id, id`,
      args: [...groupIds, ...wanted],
    })
    for (const m of members.rows) {
      const g = Number(m.group_id)
      const list = aligned.get(g) ?? []
      list.push({ id: Number(m.id), lang: m.lang as Lang, text: String(m.text) })
      aligned.set(g, list)
    }
  }
  const hits: SearchHit[] = []
  for (const id of ids) {
    const r = byId.get(id)
    if (!r) continue
    const text = String(r.text)
    const spans = terms.flatMap((t) => findMatches(text, t)).sort((a, b) => a[0] - b[0] || b[1] - a[1])
    const merged: Array<[number, number]> = []
    for (const s of spans) {
      const last = merged[merged.length - 1]
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
      else merged.push([s[0], s[1]])
    }
    const groupId = r.group_id === null ? null : Number(r.group_id)
    const others: Partial<Record<Lang, SearchSegment[]>> = {}
    for (const seg of groupId === null ? [] : (aligned.get(groupId) ?? [])) {
      if (seg.id === id) continue
      ;(others[seg.lang] ??= []).push(seg)
    }
    hits.push({
      segment: { id, lang: r.lang as Lang, text, matches: merged },
      document: { id: Number(r.doc_id), slug: String(r.slug), symbol: String(r.symbol), title: r.title === null ? null : String(r.title) },
      paragraphLabel: r.label === null ? null : String(r.label),
      groupId,
      aligned: others,
    })
  }
  return hits
}
