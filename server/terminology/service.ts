/**
 * What the API and the command line ask of terminology, over the database:
 * renderings of a query, mined term candidates, and the consistency report.
 */
import type { Client } from '@libsql/client'
import { languageName } from '../../aligner/language/index.ts'
import { LANGS, type Lang } from '../../aligner/types.ts'
import { checkUnitsAsync, variantFindingsAsync, type VariantTerm } from './checks.ts'
import type { Finding, FindingKind, MemorySample, RenderingsResponse, ReviewResponse, TermCandidate, TermsResponse } from './contract.ts'
import { acceptedKeys, allEntries, rulesFromEntries } from './glossary.ts'
import { findDocument, fingerprint, loadUnits, memoryIndex, unitsOfDocument } from './memory.ts'
import { mineTermsAsync, type MinedTerm } from './mining.ts'
import { detectQueryLanguage, discoverRenderingsAsync, phraseKeyOf, tokensOf, wrongScriptNote, type MemoryIndex } from './renderings.ts'

export interface RenderingsQuery {
  q: string
  lang?: Lang
  document?: string
  targets?: Lang[]
  limit?: number
}

export async function renderingsFor(client: Client, query: RenderingsQuery): Promise<RenderingsResponse> {
  const t0 = performance.now()
  const note = query.lang ? wrongScriptNote(query.q, query.lang) : null
  if (note && query.lang) {
    // nothing to look up: said at once, without waiting for the index
    const empty: RenderingsResponse = { term: query.q.trim(), language: query.lang, detected: false, occurrences: 0, examined: 0, occurrencesWithTarget: {}, renderings: {}, note, tookMs: 0 }
    for (const l of query.targets ?? LANGS) if (l !== query.lang) {
      empty.renderings[l] = []
      empty.occurrencesWithTarget[l] = 0
    }
    return { ...empty, tookMs: Math.round(performance.now() - t0) }
  }
  const index = await memoryIndex(client)
  const language = query.lang ?? detectQueryLanguage(index, query.q)
  let restrictTo: Set<number> | undefined
  let symbol: string | null = null
  if (query.document) {
    symbol = (await findDocument(client, query.document)).symbol
    restrictTo = unitsOfDocument(index, symbol)
  }
  const result = await discoverRenderingsAsync(index, query.q, language, { targets: query.targets, restrictTo, maxResults: query.limit })
  // an empty answer says why: a document not aligned yet, or a term the memory does not hold
  let emptyNote: string | undefined
  if (result.occurrences === 0) {
    const where = symbol ? `document ${symbol}` : 'the aligned memory'
    emptyNote =
      restrictTo && restrictTo.size === 0
        ? index.sampledFrom
          ? `none of ${symbol}'s aligned segments is in the terminology index's sample of ${index.units.length.toLocaleString('en')} of ${index.sampledFrom.toLocaleString('en')} units (raise SIXFOLD_TERMS_MAX_UNITS to index more), or it has none yet`
          : `${notAlignedYet(symbol!)}: add a language version to align it, or search the whole memory`
        : `"${result.term}" does not occur in the ${languageName(language)} side of ${where}`
  }
  return {
    term: result.term,
    language,
    detected: !query.lang,
    occurrences: result.occurrences,
    examined: result.examined,
    ...(result.nested ? { nested: result.nested } : {}),
    occurrencesWithTarget: result.occurrencesWithTarget,
    renderings: result.renderings,
    ...(emptyNote ? { note: emptyNote } : {}),
    ...sampleOf(index),
    tookMs: Math.round(performance.now() - t0),
  }
}

/** What a document with a single language version is told. */
function notAlignedYet(symbol: string): string {
  return `${symbol} has no aligned segments yet (it needs at least two language versions)`
}

/** `{sample}` when the index holds a sample of a larger memory, else nothing. */
function sampleOf(index: MemoryIndex): { sample?: MemorySample } {
  return index.sampledFrom ? { sample: { units: index.units.length, of: index.sampledFrom } } : {}
}

export interface TermsQuery {
  lang?: Lang
  document?: string
  limit?: number
  /** Top renderings per candidate (0 = none; they cost a discovery each). */
  renderings?: number
}

/** Candidates mined per memory state (the index) and scope: each memory state is mined once. */
const minedCache = new WeakMap<MemoryIndex, Map<string, Promise<MinedTerm[]>>>()
const MINED_LIMIT = 200

/** The mined term candidates of a scope (the whole memory, or a document's units), best first. */
export function minedCandidates(index: MemoryIndex, lang: Lang, symbol: string | null, scope?: Set<number>): Promise<MinedTerm[]> {
  let cache = minedCache.get(index)
  if (!cache) minedCache.set(index, (cache = new Map()))
  const key = `${lang}:${symbol ?? ''}`
  let hit = cache.get(key)
  if (!hit) {
    const ids = scope ? [...scope] : index.units.map((_, i) => i)
    hit = mineTermsAsync(
      ids.map((i) => index.units[i].texts[lang] ?? ''),
      lang,
      { limit: MINED_LIMIT },
      (k) => tokensOf(index, ids[k], lang),
    )
    if (cache.size > 50) cache.clear()
    cache.set(key, hit)
    hit.catch(() => {
      cache!.delete(key)
    })
  }
  return hit
}

const candidatesCache = new WeakMap<MemoryIndex, Map<string, Promise<TermCandidate[]>>>()

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
  const entries = await allEntries(client)
  const glossaryByKey = new Map<string, number>()
  for (const e of entries) for (const t of e.terms) if (t.lang === lang) glossaryByKey.set(phraseKeyOf(t.text, lang), e.id)
  let cache = candidatesCache.get(index)
  if (!cache) candidatesCache.set(index, (cache = new Map()))
  const cacheKey = `${lang}:${symbol ?? ''}:${limit}:${perLang}`
  let pending = cache.get(cacheKey)
  if (!pending) {
    pending = (async () => {
      const mined = (await minedCandidates(index, lang, symbol, scope)).slice(0, limit)
      const out: TermCandidate[] = []
      for (const m of mined) {
        const renderings: TermCandidate['renderings'] = {}
        if (perLang > 0) {
          const r = await discoverRenderingsAsync(index, m.term, lang, { maxResults: perLang })
          for (const l of LANGS) if (l !== lang) renderings[l] = (r.renderings[l] ?? []).map((x) => ({ text: x.text, count: x.count, share: x.share }))
        }
        out.push({ term: m.term, language: lang, frequency: m.frequency, score: m.score, renderings, glossaryEntryId: null })
      }
      return out
    })()
    if (cache.size > 50) cache.clear()
    cache.set(cacheKey, pending)
    pending.catch(() => {
      cache!.delete(cacheKey)
    })
  }
  // the glossary changes without the memory changing: its links are read fresh
  const candidates = (await pending).map((c) => ({ ...c, glossaryEntryId: glossaryByKey.get(phraseKeyOf(c.term, lang)) ?? null }))
  return { language: lang, document: symbol, candidates, ...sampleOf(index), tookMs: Math.round(performance.now() - t0) }
}

const variantCache = new WeakMap<MemoryIndex, Map<string, Promise<Finding[]>>>()
/** The last unit-check report per database (reviewers ask for the same report again and again). */
const checksCache = new WeakMap<Client, { key: string; findings: Promise<Finding[]> }>()

export interface ReviewQuery {
  document?: string
  kinds?: FindingKind[]
  targets?: Lang[]
  sourceLang?: Lang
  /** Mined terms whose variants are reported besides the glossary's approved source terms. */
  variantTerms?: number
}

/** Mined terms judged for variants: frequent ones (at least this many occurrences). */
const VARIANT_MIN_FREQUENCY = 4
const MAX_VARIANT_TERMS = 25

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
  // a document is checked whole even when the index holds only a sample of the memory
  const units = index && !(index.sampledFrom && documentId !== undefined) ? (scope ? [...scope].map((i) => index.units[i]) : index.units) : await loadUnits(client, documentId)
  const entries = await allEntries(client)
  const rules = rulesFromEntries(entries)
  const kinds = query.kinds
  // the unit checks are kept per memory state, scope, options and glossary rules
  const checksKey = JSON.stringify([await fingerprint(client), symbol, kinds ?? null, query.targets ?? null, query.sourceLang ?? null, rules])
  let checked = checksCache.get(client)
  if (!checked || checked.key !== checksKey) {
    const findings = checkUnitsAsync(units, { glossary: rules, kinds, targets: query.targets, sourceLang: query.sourceLang })
    checked = { key: checksKey, findings }
    checksCache.set(client, checked)
    const entry = checked
    findings.catch(() => {
      if (checksCache.get(client) === entry) checksCache.delete(client)
    })
  }
  const findings: Finding[] = (await checked.findings).map((f) => ({ ...f }))
  if (index) {
    const src: Lang = query.sourceLang ?? 'zh'
    const terms = new Map<string, VariantTerm>()
    // the glossary's approved source terms: their renderings are known to be of one concept
    for (const e of entries) if (e.status === 'approved') for (const t of e.terms) if (t.lang === src && t.usage !== 'deprecated') terms.set(t.text, { term: t.text, approved: true })
    const mined = await minedCandidates(index, src, symbol, scope)
    for (const m of mined.filter((x) => x.frequency >= VARIANT_MIN_FREQUENCY).slice(0, query.variantTerms ?? 15)) if (!terms.has(m.term)) terms.set(m.term, { term: m.term, approved: false })
    const targets = (query.targets ?? LANGS).filter((l) => l !== src)
    const chosen = [...terms.values()].slice(0, MAX_VARIANT_TERMS)
    // variants cost a discovery per term: kept per memory state, scope and terms
    let cache = variantCache.get(index)
    if (!cache) variantCache.set(index, (cache = new Map()))
    const key = JSON.stringify([symbol, src, targets, chosen])
    let variants = cache.get(key)
    if (!variants) {
      variants = variantFindingsAsync(index, chosen, src, targets, { scope, longerTerms: mined.map((m) => m.term) })
      if (cache.size > 50) cache.clear()
      cache.set(key, variants)
      variants.catch(() => {
        cache!.delete(key)
      })
    }
    findings.push(...(await variants).map((f) => ({ ...f })))
  }
  const accepted = await acceptedKeys(client)
  for (const f of findings) f.accepted = accepted.has(f.key)
  const counts: Partial<Record<FindingKind, number>> = {}
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1
  const note =
    units.length > 0
      ? undefined
      : symbol
        ? `${notAlignedYet(symbol)}: add a language version to check it`
        : 'the memory is empty: import corpora or add documents first'
  return { document: symbol, sourceLang: query.sourceLang ?? 'zh', units: units.length, counts, findings, ...(note ? { note } : {}), ...(index ? sampleOf(index) : {}), tookMs: Math.round(performance.now() - t0) }
}

/**
 * Builds the rendering index, then mines and reviews the whole memory in the background
 * (yielding to the event loop throughout), so that the first /api/terms and /api/review
 * are answered from the caches. Call it once the start-up import is done; errors are left
 * to the first real query.
 */
export function warmTerminology(client: Client): Promise<void> {
  return (async () => {
    await memoryIndex(client)
    await termCandidates(client, {})
    await review(client, {})
  })().catch(() => undefined)
}
