/**
 * What the API and the command line ask of terminology, over the database:
 * renderings of a query, mined term candidates, and the consistency report.
 */
import type { Client } from '@libsql/client'
import { LANGS, type Lang } from '../../aligner/types.ts'
import { checkUnits, variantFindings } from './checks.ts'
import type { Finding, FindingKind, RenderingsResponse, ReviewResponse, TermCandidate, TermsResponse } from './contract.ts'
import { acceptedKeys, allEntries, rulesFromEntries } from './glossary.ts'
import { findDocument, loadUnits, memoryIndex, unitsOfDocument } from './memory.ts'
import { mineTerms } from './mining.ts'
import { detectQueryLanguage, discoverRenderings, phraseKeyOf, type MemoryIndex } from './renderings.ts'

export interface RenderingsQuery {
  q: string
  lang?: Lang
  document?: string
  targets?: Lang[]
  limit?: number
}

export async function renderingsFor(client: Client, query: RenderingsQuery): Promise<RenderingsResponse> {
  const t0 = performance.now()
  const index = await memoryIndex(client)
  const language = query.lang ?? detectQueryLanguage(index, query.q)
  let restrictTo: Set<number> | undefined
  if (query.document) restrictTo = unitsOfDocument(index, (await findDocument(client, query.document)).symbol)
  const result = discoverRenderings(index, query.q, language, { targets: query.targets, restrictTo, maxResults: query.limit })
  return {
    term: result.term,
    language,
    detected: !query.lang,
    occurrences: result.occurrences,
    occurrencesWithTarget: result.occurrencesWithTarget,
    renderings: result.renderings,
    tookMs: Math.round(performance.now() - t0),
  }
}

const miningCache = new WeakMap<MemoryIndex, Map<string, TermCandidate[]>>()

export interface TermsQuery {
  lang?: Lang
  document?: string
  limit?: number
  /** Top renderings per candidate (0 = none; they cost a discovery each). */
  renderings?: number
}

/** Mined term candidates (Chinese by default, or English), each with its top renderings. */
export async function termCandidates(client: Client, query: TermsQuery): Promise<TermsResponse> {
  const t0 = performance.now()
  const lang = query.lang ?? 'zh'
  const limit = query.limit ?? 20
  const perLang = query.renderings ?? 1
  const index = await memoryIndex(client)
  let symbol: string | null = null
  let scope: Set<number> | undefined
  if (query.document) {
    symbol = (await findDocument(client, query.document)).symbol
    scope = unitsOfDocument(index, symbol)
  }
  let cache = miningCache.get(index)
  if (!cache) miningCache.set(index, (cache = new Map()))
  const cacheKey = `${lang}:${symbol ?? ''}:${limit}:${perLang}`
  let candidates = cache.get(cacheKey)
  if (!candidates) {
    const ids = scope ? [...scope] : index.units.map((_, i) => i)
    const mined = mineTerms(
      ids.map((i) => index.units[i].texts[lang] ?? ''),
      lang,
      { limit },
      (k) => index.tokens[ids[k]][lang],
    )
    const entries = await allEntries(client)
    const glossaryByKey = new Map<string, number>()
    for (const e of entries) for (const t of e.terms) if (t.lang === lang) glossaryByKey.set(phraseKeyOf(t.text, lang), e.id)
    candidates = mined.map((m) => {
      const renderings: TermCandidate['renderings'] = {}
      if (perLang > 0) {
        const r = discoverRenderings(index, m.term, lang, { maxResults: perLang, restrictTo: undefined })
        for (const l of LANGS) if (l !== lang) renderings[l] = (r.renderings[l] ?? []).map((x) => ({ text: x.text, count: x.count, share: x.share }))
      }
      return { term: m.term, language: lang, frequency: m.frequency, score: m.score, renderings, glossaryEntryId: glossaryByKey.get(phraseKeyOf(m.term, lang)) ?? null }
    })
    cache.set(cacheKey, candidates)
  }
  return { language: lang, document: symbol, candidates, tookMs: Math.round(performance.now() - t0) }
}

const variantCache = new WeakMap<MemoryIndex, Map<string, Finding[]>>()

export interface ReviewQuery {
  document?: string
  kinds?: FindingKind[]
  targets?: Lang[]
  sourceLang?: Lang
  /** Terms whose variants are reported (default: the glossary's source terms and the top mined terms). */
  variantTerms?: number
}

export async function review(client: Client, query: ReviewQuery = {}): Promise<ReviewResponse> {
  const t0 = performance.now()
  const withVariants = !query.kinds || query.kinds.includes('variant')
  let symbol: string | null = null
  let documentId: number | undefined
  if (query.document) {
    const doc = await findDocument(client, query.document)
    symbol = doc.symbol
    documentId = doc.id
  }
  // the rendering index is needed for variants only; the other checks read the units straight
  const index = withVariants ? await memoryIndex(client) : null
  const scope = index && symbol !== null ? unitsOfDocument(index, symbol) : undefined
  const units = index ? (scope ? [...scope].map((i) => index.units[i]) : index.units) : await loadUnits(client, documentId)
  const entries = await allEntries(client)
  const rules = rulesFromEntries(entries)
  const kinds = query.kinds
  const findings: Finding[] = checkUnits(units, { glossary: rules, kinds, targets: query.targets, sourceLang: query.sourceLang })
  if (index) {
    const src: Lang = query.sourceLang ?? 'zh'
    const terms = new Set<string>()
    for (const e of entries) if (e.status !== 'deprecated') for (const t of e.terms) if (t.lang === src && t.usage !== 'deprecated') terms.add(t.text)
    const ids = scope ? [...scope] : index.units.map((_, i) => i)
    const mined = mineTerms(
      ids.map((i) => index.units[i].texts[src] ?? ''),
      src,
      { limit: query.variantTerms ?? 15, minFrequency: 4 },
      (k) => index.tokens[ids[k]][src],
    )
    for (const m of mined) terms.add(m.term)
    const targets = (query.targets ?? LANGS).filter((l) => l !== src)
    const chosen = [...terms].slice(0, 25)
    // variants cost a discovery per term: kept per memory state, scope and terms
    let cache = variantCache.get(index)
    if (!cache) variantCache.set(index, (cache = new Map()))
    const key = JSON.stringify([symbol, src, targets, chosen])
    let variants = cache.get(key)
    if (!variants) {
      variants = variantFindings(index, chosen, src, targets, scope)
      if (cache.size > 50) cache.clear()
      cache.set(key, variants)
    }
    findings.push(...variants.map((f) => ({ ...f })))
  }
  const accepted = await acceptedKeys(client)
  for (const f of findings) f.accepted = accepted.has(f.key)
  const counts: Partial<Record<FindingKind, number>> = {}
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1
  return { document: symbol, sourceLang: query.sourceLang ?? 'zh', units: units.length, counts, findings, tookMs: Math.round(performance.now() - t0) }
}
