/**
 * Terminology eval (`npm run eval`):
 * 1. Rendering discovery: precision@1 per language on test/eval/gold/terms.json
 *    (Chinese UN terms of the demo corpora with their official renderings).
 *    The memory is built from corpora/ (UNPC devset + SDG framework) with the
 *    pure functions, so the eval does not depend on the importer or a database.
 * 2. Consistency checks: recall and precision per kind on errors injected into
 *    devset units (changed number, changed date, dropped symbol, swapped
 *    glossary rendering, copied source).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Lang } from '../../aligner/types.ts'
import type { Fact } from '../../aligner/signals/facts.ts'
import { checkUnits, contentFacts, type GlossaryRule } from '../../server/terminology/checks.ts'
import type { FindingKind } from '../../server/terminology/contract.ts'
import { buildIndex, containsPhrase, discoverRenderings, sameRendering, type MemoryIndex } from '../../server/terminology/renderings.ts'
import { tokenize } from '../../server/terminology/text.ts'
import { readDevset, readSdg, type AlignedUnit } from '../../server/terminology/units.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPORA = `${ROOT}corpora`
const TARGETS: Lang[] = ['en', 'fr', 'es', 'ru', 'ar']

export interface GoldTerm {
  zh: string
  renderings: Record<string, string[]>
}

/** The development gold list (terms.json) or the held-out one (terms-heldout.json, built after the method and not used to tune it). */
export function readGold(list: 'terms' | 'terms-heldout' = 'terms'): GoldTerm[] {
  const data = JSON.parse(readFileSync(`${ROOT}test/eval/gold/${list}.json`, 'utf8')) as { terms: GoldTerm[] }
  return data.terms
}

export function memoryUnits(): AlignedUnit[] {
  return [...readDevset(CORPORA), ...readSdg(CORPORA)]
}

export async function evalRenderings(units: AlignedUnit[], verbose = true, list: 'terms' | 'terms-heldout' = 'terms', built?: { index: MemoryIndex; ms: number }): Promise<Record<Lang, number>> {
  const t0 = performance.now()
  const index = built?.index ?? buildIndex(units)
  const buildMs = built?.ms ?? performance.now() - t0
  const gold = readGold(list)
  const hits = Object.fromEntries(TARGETS.map((l) => [l, 0])) as Record<Lang, number>
  const misses: string[] = []
  const times: number[] = []
  let slowest = { term: '', ms: 0 }
  for (const term of gold) {
    const t1 = performance.now()
    const result = discoverRenderings(index, term.zh, 'zh', { targets: TARGETS })
    times.push(performance.now() - t1)
    if (times[times.length - 1] > slowest.ms) slowest = { term: term.zh, ms: Math.round(times[times.length - 1]) }
    for (const l of TARGETS) {
      const top = result.renderings[l]?.[0]
      const ok = !!top && term.renderings[l].some((g) => sameRendering(top.text, g, l))
      if (ok) hits[l]++
      else misses.push(`${term.zh} ${l}: got "${top?.text ?? '—'}" want "${term.renderings[l].join('" or "')}"`)
    }
  }
  const p = Object.fromEntries(TARGETS.map((l) => [l, hits[l] / gold.length])) as Record<Lang, number>
  times.sort((a, b) => a - b)
  const title = list === 'terms' ? 'development list' : 'held-out list'
  console.log(`terminology: rendering discovery, ${title}, ${gold.length} gold Chinese terms, memory of ${units.length} units (index built in ${Math.round(buildMs)} ms; query p50 ${Math.round(times[times.length >> 1])} ms, max ${Math.round(times[times.length - 1])} ms for ${slowest.term})`)
  console.log(`  precision@1  ${TARGETS.map((l) => `${l} ${p[l].toFixed(3)}`).join('  ')}  (target ≥ 0.9)`)
  if (verbose) for (const m of misses) console.log(`  miss  ${m}`)
  return p
}

/**
 * The other direction: the English official rendering of each gold term as the query, its
 * Chinese term and the other official renderings as the answers (English as a source language).
 */
export async function evalEnglishSource(units: AlignedUnit[], list: 'terms' | 'terms-heldout', index: MemoryIndex, verbose = false): Promise<Record<Lang, number>> {
  const gold = readGold(list)
  const targets: Lang[] = ['zh', 'fr', 'es', 'ru', 'ar']
  const hits = Object.fromEntries(targets.map((l) => [l, 0])) as Record<Lang, number>
  const misses: string[] = []
  for (const term of gold) {
    const query = term.renderings.en[0]
    const result = discoverRenderings(index, query, 'en', { targets })
    for (const l of targets) {
      const want = l === 'zh' ? [term.zh] : term.renderings[l]
      const top = result.renderings[l]?.[0]
      if (top && want.some((g) => sameRendering(top.text, g, l))) hits[l]++
      else misses.push(`${query} ${l}: got "${top?.text ?? '—'}" want "${want.join('" or "')}"`)
    }
  }
  const p = Object.fromEntries(targets.map((l) => [l, hits[l] / gold.length])) as Record<Lang, number>
  console.log(`terminology: rendering discovery from English, ${list === 'terms' ? 'development' : 'held-out'} list (the official English rendering as the query, ${gold.length} terms, ${units.length} units)`)
  console.log(`  precision@1  ${targets.map((l) => `${l} ${p[l].toFixed(3)}`).join('  ')}`)
  if (verbose) for (const m of misses) console.log(`  miss  ${m}`)
  return p
}

/** A small deterministic random generator (the eval gives the same figures on every run). */
function rng(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
}

type Injection = 'number' | 'date' | 'symbol' | 'glossary' | 'copy'
const EXPECTED: Record<Injection, FindingKind> = { number: 'number', date: 'date', symbol: 'symbol', glossary: 'glossary', copy: 'untranslated' }

export function glossaryRules(gold: GoldTerm[]): GlossaryRule[] {
  return gold.map((g, i) => ({ entryId: i + 1, source: { zh: [g.zh] }, approved: g.renderings as Partial<Record<Lang, string[]>>, deprecated: {} }))
}

function sharedFacts(unit: AlignedUnit, tgt: Lang, kinds: Fact['kind'][]): Fact[] {
  const sf = contentFacts(unit.texts.zh!, 'zh').filter((f) => kinds.includes(f.kind))
  const tf = contentFacts(unit.texts[tgt]!, tgt).filter((f) => kinds.includes(f.kind))
  return tf.filter((t) => sf.some((s) => s.value === t.value) && (t.kind !== 'number' || Number(t.value) >= 10))
}

/** Changes one digit of a fact's text (the last digit, +1 mod 10, or −1 with step 9). */
function changeDigit(text: string, fact: Fact, which: 'last' | 'first' = 'last', step = 1): string | null {
  const start = text.indexOf(fact.text)
  if (start < 0) return null
  const digits = [...fact.text.matchAll(/\d/g)]
  if (digits.length === 0) return null
  const d = which === 'last' ? digits[digits.length - 1] : digits[0]
  const pos = start + d.index!
  const next = String((Number(text[pos]) + step) % 10)
  return text.slice(0, pos) + next + text.slice(pos + 1)
}

function inject(unit: AlignedUnit, tgt: Lang, kind: Injection, gold: GoldTerm[], random: () => number): string | null {
  const tt = unit.texts[tgt]!
  switch (kind) {
    case 'number': {
      const f = sharedFacts(unit, tgt, ['number'])
      return f.length ? changeDigit(tt, f[Math.floor(random() * f.length)]) : null
    }
    case 'date': {
      const f = sharedFacts(unit, tgt, ['date'])
      if (!f.length) return null
      const fact = f[Math.floor(random() * f.length)]
      // the last digit one up (18 → 19, a day; 2014 → 2015, a year), or one down where that
      // would not be a date (31 → 30): the injected error is a different date, not a malformed one
      for (const step of [1, 9]) {
        const changed = changeDigit(tt, fact, 'last', step)
        if (changed && contentFacts(changed, tgt).some((d) => d.kind === 'date' && d.index === fact.index && d.value !== fact.value)) return changed
      }
      return null
    }
    case 'symbol': {
      const f = sharedFacts(unit, tgt, ['symbol', 'resolution'])
      if (!f.length) return null
      const fact = f[Math.floor(random() * f.length)]
      const at = tt.indexOf(fact.text)
      return at < 0 ? null : (tt.slice(0, at) + tt.slice(at + fact.text.length)).replace(/\s{2,}/g, ' ')
    }
    case 'glossary': {
      const here = gold.filter((g) => containsPhrase(unit.texts.zh!, 'zh', g.zh) && g.renderings[tgt].some((r) => containsPhrase(tt, tgt, r)))
      if (!here.length) return null
      const term = here[Math.floor(random() * here.length)]
      // another term's rendering, which does not itself contain the approved one ("United Nations Development Programme" for "United Nations" would not be a swap)
      const others = gold.filter((g) => g !== term && !unit.texts.zh!.includes(g.zh) && !term.renderings[tgt].some((r) => containsPhrase(g.renderings[tgt][0], tgt, r)))
      const wrong = others[Math.floor(random() * others.length)].renderings[tgt][0]
      // replace every occurrence of the approved rendering(s) by another term's rendering
      let out = tt
      for (const r of term.renderings[tgt]) {
        const toks = tokenize(out, tgt)
        const keys = tokenize(r, tgt).map((t) => t.key)
        for (let s = toks.length - keys.length; s >= 0; s--) {
          if (keys.every((k, i) => toks[s + i].key === k)) out = out.slice(0, toks[s].start) + wrong + out.slice(toks[s + keys.length - 1].end)
        }
      }
      return out === tt ? null : out
    }
    case 'copy':
      return unit.texts.zh!
  }
}

/**
 * Findings on untouched devset pairs read by a reviewer (test/eval/gold/check-adjudication.json):
 * `kind:groupId:lang` → real (a true instance of the kind) or false.
 */
function readAdjudication(): Map<string, 'real' | 'false'> {
  const data = JSON.parse(readFileSync(`${ROOT}test/eval/gold/check-adjudication.json`, 'utf8')) as { findings: Array<{ kind: string; groupId: number; lang: string; verdict: 'real' | 'false' }> }
  return new Map(data.findings.map((f) => [`${f.kind}:${f.groupId}:${f.lang}`, f.verdict]))
}

export async function evalChecks(units: AlignedUnit[], gold: GoldTerm[], perKind = 60, clean = 400): Promise<void> {
  const random = rng(20240516)
  const devset = units.filter((u) => u.documentSymbol !== 'A/RES/70/1 & A/RES/71/313' && TARGETS.every((l) => u.texts[l]) && u.texts.zh)
  const order = devset.map((u, i) => ({ u, r: random(), i })).sort((a, b) => a.r - b.r).map((x) => x.u)
  const used = new Set<number>()
  const pairs: Array<{ unit: AlignedUnit; original: AlignedUnit; tgt: Lang; injected: Injection | null }> = []
  const kinds: Injection[] = ['number', 'date', 'symbol', 'glossary', 'copy']
  for (const kind of kinds) {
    let made = 0
    for (const u of order) {
      if (made >= perKind) break
      if (used.has(u.groupId)) continue
      const tgt = TARGETS[Math.floor(random() * TARGETS.length)]
      const changed = inject(u, tgt, kind, gold, random)
      if (changed === null || changed === u.texts[tgt]) continue
      used.add(u.groupId)
      pairs.push({ unit: { ...u, texts: { ...u.texts, [tgt]: changed } }, original: u, tgt, injected: kind })
      made++
    }
  }
  let cleanMade = 0
  for (const u of order) {
    if (cleanMade >= clean) break
    if (used.has(u.groupId)) continue
    used.add(u.groupId)
    pairs.push({ unit: u, original: u, tgt: TARGETS[cleanMade % TARGETS.length], injected: null })
    cleanMade++
  }
  const rules = glossaryRules(gold)
  const adjudicated = readAdjudication()
  const realBefore = new Map<FindingKind, number>()
  const t0 = performance.now()
  const tp = new Map<FindingKind, number>()
  const fp = new Map<FindingKind, number>()
  const newFp = new Map<FindingKind, number>()
  const injectedCount = new Map<FindingKind, number>()
  const fpExamples = new Map<FindingKind, string[]>()
  for (const p of pairs) {
    if (p.injected) injectedCount.set(EXPECTED[p.injected], (injectedCount.get(EXPECTED[p.injected]) ?? 0) + 1)
    const options = { sourceLang: 'zh' as const, targets: [p.tgt], glossary: rules, kinds: ['number', 'date', 'symbol', 'glossary', 'untranslated'] as FindingKind[] }
    const findings = checkUnits([p.unit], options)
    const kindsFound = new Set(findings.map((f) => f.kind))
    // findings the untouched pair already had (the text's own inconsistencies, not the injected error)
    const before = new Set(checkUnits([p.original], options).map((f) => f.kind))
    for (const k of kindsFound) {
      if (p.injected && EXPECTED[p.injected] === k) continue
      if (!before.has(k)) newFp.set(k, (newFp.get(k) ?? 0) + 1)
      else if (adjudicated.get(`${k}:${p.unit.groupId}:${p.tgt}`) === 'real') realBefore.set(k, (realBefore.get(k) ?? 0) + 1)
    }
    if (process.env.EVAL_DEBUG && p.injected && !kindsFound.has(EXPECTED[p.injected])) console.log(`  missed ${p.injected} [${p.unit.groupId} zh-${p.tgt}] zh: ${p.unit.texts.zh!.slice(0, 150)}\n      ${p.tgt}: ${p.unit.texts[p.tgt]!.slice(0, 150)}`)
    for (const k of kindsFound) {
      if (p.injected && EXPECTED[p.injected] === k) tp.set(k, (tp.get(k) ?? 0) + 1)
      else {
        fp.set(k, (fp.get(k) ?? 0) + 1)
        if (before.has(k) && adjudicated.get(`${k}:${p.unit.groupId}:${p.tgt}`) === 'real') continue
        const list = fpExamples.get(k) ?? []
        if (list.length < (process.env.EVAL_DEBUG ? 100 : 3)) list.push(`[${p.unit.groupId} zh-${p.tgt}${p.injected ? ` injected ${p.injected}` : ''}] ${findings.find((f) => f.kind === k)!.message.slice(0, 160)}`)
        fpExamples.set(k, list)
      }
    }
  }
  const injectedPairs = pairs.filter((p) => p.injected).length
  console.log(
    `terminology: consistency checks on ${pairs.length} devset pairs (${injectedPairs} with one injected error, ${cleanMade} untouched), ${Math.round(performance.now() - t0)} ms`,
  )
  for (const kind of kinds) {
    const k = EXPECTED[kind]
    const n = injectedCount.get(k) ?? 0
    const t = tp.get(k) ?? 0
    const f = fp.get(k) ?? 0
    const nf = newFp.get(k) ?? 0
    const real = realBefore.get(k) ?? 0
    console.log(
      `  ${kind.padEnd(8)} → ${k.padEnd(12)} injected ${String(n).padStart(3)}  recall ${(n ? t / n : 0).toFixed(3)}  precision ${(t + f ? (t + real) / (t + f) : 0).toFixed(3)} (other findings ${f}: ${f - nf} already in the untouched text, ${real} of them real by review)  counting every other finding false ${(t + f ? t / (t + f) : 0).toFixed(3)}  over what the injection changed ${(t + nf ? t / (t + nf) : 0).toFixed(3)}`,
    )
  }
  for (const [k, list] of fpExamples) for (const e of list) console.log(`  false ${k}: ${e}`)
}

export async function run(): Promise<void> {
  console.log('terminology: memory built from corpora/ (UNPC devset + SDG framework) with the pure functions; ../shared/eval is not used by this suite')
  const units = memoryUnits()
  const t0 = performance.now()
  const index = buildIndex(units)
  const built = { index, ms: performance.now() - t0 }
  await evalRenderings(units, true, 'terms', built)
  await evalRenderings(units, true, 'terms-heldout', built)
  await evalEnglishSource(units, 'terms', index, !!process.env.EVAL_DEBUG)
  await evalEnglishSource(units, 'terms-heldout', index, !!process.env.EVAL_DEBUG)
  await evalChecks(units, readGold())
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
