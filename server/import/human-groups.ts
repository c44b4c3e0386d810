/**
 * Groups a person made or confirmed, kept through re-alignment: loaded with
 * their members, and, for members in a version being replaced, found again by
 * identical text in the new version (nearest to their old place).
 */
import type { Lang } from '../../aligner/types.ts'
import type { Executor } from '../db/write.ts'
import { sentenceText, type LoadedVersion } from './stored-versions.ts'

export interface HumanGroup {
  id: number
  level: 'paragraph' | 'sentence'
  confirmed: boolean
  origin: 'auto' | 'human'
  confidence: number
  flagged: boolean
  /** Members that are still there: lang → indices (block indices or global sentence indices). */
  members: Map<Lang, number[]>
  /** Members in versions being replaced, to be found again by text. */
  lost: Array<{ lang: Lang; text: string; ordinal: number }>
}

export async function loadHumanGroups(ex: Executor, documentId: number, current: LoadedVersion[], replacing: Set<Lang>): Promise<HumanGroup[]> {
  const rows = await ex.execute({
    sql: "SELECT id, level, confidence, flagged, origin, confirmed FROM align_groups WHERE document_id = ? AND (origin = 'human' OR confirmed = 1)",
    args: [documentId],
  })
  const groups = new Map<number, HumanGroup>()
  for (const r of rows.rows) {
    groups.set(Number(r.id), {
      id: Number(r.id),
      level: r.level as 'paragraph' | 'sentence',
      confirmed: Boolean(r.confirmed),
      origin: r.origin as 'auto' | 'human',
      confidence: Number(r.confidence),
      flagged: Boolean(r.flagged),
      members: new Map(),
      lost: [],
    })
  }
  if (groups.size === 0) return []
  for (const v of current) {
    const lost = replacing.has(v.lang)
    v.blockGroup.forEach((gid, i) => {
      const g = gid === null ? undefined : groups.get(gid)
      if (!g) return
      if (lost) g.lost.push({ lang: v.lang, text: v.blocks[i].text, ordinal: i })
      else g.members.set(v.lang, [...(g.members.get(v.lang) ?? []), i])
    })
    v.sentenceGroup.forEach((gid, k) => {
      const g = gid === null ? undefined : groups.get(gid)
      if (!g) return
      if (lost) g.lost.push({ lang: v.lang, text: sentenceText(v, k, v.sentenceBlock[k]), ordinal: k })
      else g.members.set(v.lang, [...(g.members.get(v.lang) ?? []), k])
    })
  }
  return [...groups.values()]
}

/** Which members each version's rows the surviving human groups hold (lang → block or global sentence indices). */
export interface Claimed {
  blocks: Map<Lang, Set<number>>
  sentences: Map<Lang, Set<number>>
}

/**
 * The human groups that survive a change of versions: each member in a
 * replaced version is found again by identical text (nearest its old place)
 * in the new version; a group with a member that is not found is dropped
 * (members of removed versions are let go). Returns the survivors, with their
 * members filled in, and the members they claim.
 */
export function reclaimHumanGroups(human: HumanGroup[], all: LoadedVersion[], byLang: Map<Lang, LoadedVersion>, removed: Set<Lang>): { surviving: HumanGroup[]; claimed: Claimed } {
  const claimedBlocks = new Map<Lang, Set<number>>()
  const claimedSentences = new Map<Lang, Set<number>>()
  for (const v of all) {
    claimedBlocks.set(v.lang, new Set())
    claimedSentences.set(v.lang, new Set())
  }
  const surviving: HumanGroup[] = []
  for (const g of human) {
    let ok = true
    const found = new Map<Lang, number[]>()
    for (const m of g.lost) {
      if (removed.has(m.lang)) continue
      const v = byLang.get(m.lang)
      if (!v || v.versionId < 0) {
        ok = false
        break
      }
      const claimed = (g.level === 'paragraph' ? claimedBlocks : claimedSentences).get(m.lang)!
      const texts = g.level === 'paragraph' ? v.blocks.map((b) => b.text) : v.sentenceBlock.map((bi, k) => sentenceText(v, k, bi))
      let best = -1
      for (let i = 0; i < texts.length; i++) {
        if (texts[i] !== m.text || claimed.has(i) || (found.get(m.lang) ?? []).includes(i)) continue
        if (best < 0 || Math.abs(i - m.ordinal) < Math.abs(best - m.ordinal)) best = i
      }
      if (best < 0) {
        ok = false
        break
      }
      found.set(m.lang, [...(found.get(m.lang) ?? []), best])
    }
    if (!ok) continue
    for (const [lang, idx] of found) g.members.set(lang, [...(g.members.get(lang) ?? []), ...idx].sort((a, b) => a - b))
    let empty = true
    for (const [lang, idx] of g.members) {
      const claimed = (g.level === 'paragraph' ? claimedBlocks : claimedSentences).get(lang)
      if (!claimed) continue
      for (const i of idx) claimed.add(i)
      if (idx.length) empty = false
    }
    if (!empty) surviving.push(g)
  }
  return { surviving, claimed: { blocks: claimedBlocks, sentences: claimedSentences } }
}
