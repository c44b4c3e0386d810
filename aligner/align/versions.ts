/**
 * A document's language versions aligned six ways: each version aligned to
 * the pivot (Chinese by default), pairwise beads closed into groups across all
 * languages (connected components of "aligned with" links), ordered by
 * position. When English is present beside the Chinese pivot, English is
 * aligned against each other version as a second pivot; a group whose
 * members the second pivot would split or join differently loses confidence
 * and is flagged for a person to look at.
 */
import { LANGS, type Bead, type Group, type Lang, type ParsedDocument, type VersionsAlignment } from '../types.ts'
import { alignDocumentPair, documentUnits, type DocumentPairResult } from './document.ts'

export interface VersionsOptions {
  pivot?: Lang
  /** Check against English as a second pivot (default true when English and a non-pivot third language are present). */
  secondPivot?: boolean
}

/** Union–find over (language, index) nodes. */
class Components {
  private parent: Int32Array
  constructor(size: number) {
    this.parent = new Int32Array(size).map((_, k) => k)
  }
  find(x: number): number {
    let r = x
    while (this.parent[r] !== r) r = this.parent[r]
    while (this.parent[x] !== r) {
      const next = this.parent[x]
      this.parent[x] = r
      x = next
    }
    return r
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

interface Level {
  counts: Partial<Record<Lang, number>>
  /** Beads of each non-pivot language against the pivot. */
  beads: Partial<Record<Lang, Bead[]>>
}

/** Closes pairwise beads into ordered groups. */
function closeGroups(languages: Lang[], pivot: Lang, level: Level): Group[] {
  const offset: Partial<Record<Lang, number>> = {}
  let size = 0
  for (const l of languages) {
    offset[l] = size
    size += level.counts[l] ?? 0
  }
  const uf = new Components(size)
  const conf = new Float64Array(size).fill(1)
  for (const l of languages) {
    if (l === pivot) continue
    for (const b of level.beads[l] ?? []) {
      const nodes = [...b.src.map((i) => offset[pivot]! + i), ...b.tgt.map((j) => offset[l]! + j)]
      for (const x of nodes) conf[x] = Math.min(conf[x], b.confidence)
      for (let k = 1; k < nodes.length; k++) uf.union(nodes[0], nodes[k])
    }
  }
  // components, keyed by root; a group's position is its first pivot member
  const byRoot = new Map<number, Group & { key: number; minor: number }>()
  for (const l of languages) {
    const base = offset[l]!
    const count = level.counts[l] ?? 0
    for (let k = 0; k < count; k++) {
      const root = uf.find(base + k)
      let g = byRoot.get(root)
      if (!g) byRoot.set(root, (g = { members: {}, confidence: 1, flagged: false, key: Infinity, minor: 0 }))
      ;(g.members[l] ??= []).push(k)
      g.confidence = Math.min(g.confidence, conf[base + k])
      if (l === pivot) g.key = Math.min(g.key, k)
    }
  }
  // a unit no pivot unit is aligned with stands alone, right after the group of the unit before it
  for (const l of languages) {
    if (l === pivot) continue
    const base = offset[l]!
    const count = level.counts[l] ?? 0
    let prevKey = -1
    for (let k = 0; k < count; k++) {
      const g = byRoot.get(uf.find(base + k))!
      if (g.members[pivot] === undefined) {
        g.key = prevKey + 0.5
        g.minor = LANGS.indexOf(l) * 1e6 + k
      } else prevKey = g.key
    }
  }
  const groups = [...byRoot.values()]
  groups.sort((a, b) => a.key - b.key || a.minor - b.minor)
  return groups.map(({ members, confidence }) => ({ members, confidence: Math.round(confidence * 1000) / 1000, flagged: false }))
}

/** Lowers confidence and flags groups where the English–X beads disagree with the grouping. */
export function checkSecondPivot(groups: Group[], second: Lang, other: Lang, beads: Bead[]): void {
  // where each unit of `second` and `other` sits
  const groupOf = (lang: Lang) => {
    const m = new Map<number, number>()
    groups.forEach((g, k) => g.members[lang]?.forEach((i) => m.set(i, k)))
    return m
  }
  const gs = groupOf(second)
  const go = groupOf(other)
  const bad = new Set<number>()
  for (const b of beads) {
    const ks = new Set<number>()
    for (const i of b.src) ks.add(gs.get(i)!)
    for (const j of b.tgt) ks.add(go.get(j)!)
    // A bead spanning several groups, or an English–X link where the pivot grouping has none, is a disagreement.
    const disagree = ks.size > 1 || (b.src.length === 0 && groups[go.get(b.tgt[0])!]?.members[second]?.length) || (b.tgt.length === 0 && groups[gs.get(b.src[0])!]?.members[other]?.length)
    if (disagree) for (const k of ks) if (groups[k]) bad.add(k)
  }
  for (const k of bad) {
    const g = groups[k]
    if (g.flagged) continue
    g.flagged = true
    g.confidence = Math.round(g.confidence * 0.5 * 1000) / 1000
  }
}

export function alignVersions(versions: Partial<Record<Lang, ParsedDocument>>, options: VersionsOptions = {}): VersionsAlignment {
  const languages = LANGS.filter((l) => versions[l] !== undefined)
  if (languages.length === 0) throw new Error('alignVersions: no language versions given')
  const pivot = options.pivot ?? (versions.zh ? 'zh' : languages[0])
  if (!versions[pivot]) throw new Error(`alignVersions: the pivot language ${pivot} has no version`)
  for (const l of languages) if (versions[l]!.language !== l) throw new Error(`alignVersions: the version given as ${l} is parsed as ${versions[l]!.language}`)

  const pairs: DocumentPairResult[] = []
  const paraLevel: Level = { counts: {}, beads: {} }
  const sentLevel: Level = { counts: {}, beads: {} }
  for (const l of languages) {
    const u = documentUnits(versions[l]!)
    paraLevel.counts[l] = u.blocks.length
    sentLevel.counts[l] = u.offsets[u.offsets.length - 1]
  }
  for (const l of languages) {
    if (l === pivot) continue
    const pair = alignDocumentPair(versions[pivot]!, versions[l]!)
    pairs.push(pair)
    paraLevel.beads[l] = pair.paragraphs
    sentLevel.beads[l] = pair.beads
  }
  const paragraphs = closeGroups(languages, pivot, paraLevel)
  const sentenceGroups = closeGroups(languages, pivot, sentLevel)

  const second: Lang | null = pivot !== 'en' && versions.en ? 'en' : null
  const others = languages.filter((l) => l !== pivot && l !== second)
  if (second && others.length && options.secondPivot !== false) {
    for (const l of others) {
      // English–X as the pivot groups imply it guides one narrow pass
      const guide = paragraphs.filter((g) => g.members[second] && g.members[l]).map((g) => ({ src: g.members[second]!, tgt: g.members[l]! }))
      const check = alignDocumentPair(versions[second]!, versions[l]!, { guide })
      checkSecondPivot(paragraphs, second, l, check.paragraphs)
      checkSecondPivot(sentenceGroups, second, l, check.beads)
    }
  }

  // each sentence group lies in the paragraph group of its members' blocks
  const blockOfSentence = (l: Lang) => {
    const u = documentUnits(versions[l]!)
    const out = new Int32Array(u.offsets[u.offsets.length - 1])
    for (let b = 0; b + 1 < u.offsets.length; b++) out.fill(b, u.offsets[b], u.offsets[b + 1])
    return out
  }
  const paraOf = new Map<Lang, Map<number, number>>()
  for (const l of languages) {
    const m = new Map<number, number>()
    paragraphs.forEach((g, k) => g.members[l]?.forEach((i) => m.set(i, k)))
    paraOf.set(l, m)
  }
  const blocks = new Map(languages.map((l) => [l, blockOfSentence(l)]))
  const sentences = sentenceGroups.map((g) => {
    let paragraph = -1
    for (const l of languages) {
      const first = g.members[l]?.[0]
      if (first === undefined) continue
      paragraph = paraOf.get(l)!.get(blocks.get(l)![first]) ?? -1
      if (paragraph >= 0) break
    }
    return { ...g, paragraph }
  })
  return { pivot, languages, paragraphs, sentences, pairs: pairs.map(({ lexicon: _lexicon, ...p }) => p) }
}
