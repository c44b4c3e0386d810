/**
 * A re-aligned document's groups (the human ones kept and the aligner's new
 * ones) in document order, and which group each block and sentence then
 * belongs to.
 */
import type { Lang, VersionsAlignment } from '../../aligner/types.ts'
import type { Claimed, HumanGroup } from './human-groups.ts'
import { LANG_ORDER } from './prepared.ts'
import type { LoadedVersion } from './stored-versions.ts'

export interface NewGroup {
  id: number
  level: 'paragraph' | 'sentence'
  confidence: number
  flagged: boolean
  origin: 'auto' | 'human'
  confirmed: boolean
  members: Map<Lang, number[]>
  /** A kept row (a human group), not a new one. */
  existing: boolean
  /** Sort key: the group's place in the document. */
  key: number
}

/** The kept human groups, then the aligner's groups closed around them (members a human group claims are left out); new ids from `firstId`. */
export function collectGroups(surviving: HumanGroup[], alignment: VersionsAlignment | null, claimed: Claimed, firstId: number): NewGroup[] {
  const groups: NewGroup[] = surviving.map((g) => ({ ...g, existing: true, key: 0 }))
  let groupId = firstId
  if (alignment) {
    for (const level of ['paragraph', 'sentence'] as const) {
      const list = level === 'paragraph' ? alignment.paragraphs : alignment.sentences
      const claimedAll = level === 'paragraph' ? claimed.blocks : claimed.sentences
      for (const g of list) {
        const members = new Map<Lang, number[]>()
        for (const [lang, idx] of Object.entries(g.members) as Array<[Lang, number[]]>) {
          const taken = claimedAll.get(lang)
          if (!taken || !idx) continue
          const free = idx.filter((i) => !taken.has(i))
          if (free.length) members.set(lang, free)
        }
        if (members.size === 0) continue
        groups.push({ id: groupId++, level, confidence: g.confidence, flagged: g.flagged, origin: 'auto', confirmed: false, members, existing: false, key: 0 })
      }
    }
  }
  // A block or sentence left out of every group (a version alone, or a gap the aligner left) gets no group.
  return groups
}

/**
 * Sets each group's key to its place in the texts: a group holding a pivot
 * member sits at that member's place; any other group right after the group
 * that holds the member before its own first member.
 */
export function orderGroups(groups: NewGroup[], pivot: Lang | undefined, byLang: Map<Lang, LoadedVersion>): void {
  for (const level of ['paragraph', 'sentence'] as const) {
    const ofLevel = groups.filter((g) => g.level === level)
    const holder = new Map<Lang, Map<number, NewGroup>>()
    for (const g of ofLevel) {
      for (const [lang, idx] of g.members) {
        const m = holder.get(lang) ?? new Map<number, NewGroup>()
        for (const i of idx) m.set(i, g)
        holder.set(lang, m)
      }
    }
    const anchored = new Set<NewGroup>()
    for (const g of ofLevel) {
      const p = pivot ? g.members.get(pivot) : undefined
      if (p && p.length) {
        g.key = Math.min(...p)
        anchored.add(g)
      }
    }
    for (const g of ofLevel) {
      if (anchored.has(g)) continue
      const lang = LANG_ORDER.find((l) => (g.members.get(l)?.length ?? 0) > 0 && byLang.has(l))
      if (!lang) {
        g.key = Number.MAX_SAFE_INTEGER
        continue
      }
      const v = byLang.get(lang)!
      const size = Math.max(1, level === 'paragraph' ? v.blocks.length : v.sentenceIds.length)
      const first = Math.min(...g.members.get(lang)!)
      let anchor = -1
      for (let j = first - 1; j >= 0; j--) {
        const h = holder.get(lang)?.get(j)
        if (h && anchored.has(h)) {
          anchor = h.key
          break
        }
      }
      g.key = anchor + 0.5 + 0.49 * (first / size)
    }
  }
}

/** Member → group: per language, the group of each block and of each sentence (null: none). */
export function memberGroups(groups: NewGroup[], all: LoadedVersion[]): { blockGroupOf: Map<Lang, Array<number | null>>; sentenceGroupOf: Map<Lang, Array<number | null>> } {
  const blockGroupOf = new Map<Lang, Array<number | null>>()
  const sentenceGroupOf = new Map<Lang, Array<number | null>>()
  for (const v of all) {
    blockGroupOf.set(v.lang, v.blocks.map(() => null))
    sentenceGroupOf.set(v.lang, v.sentenceIds.map(() => null))
  }
  for (const g of groups) {
    const target = g.level === 'paragraph' ? blockGroupOf : sentenceGroupOf
    for (const [lang, idx] of g.members) {
      const arr = target.get(lang)
      if (!arr) continue
      for (const i of idx) if (i >= 0 && i < arr.length) arr[i] = g.id
    }
  }
  return { blockGroupOf, sentenceGroupOf }
}

/** A sentence group's parent: the paragraph group of its first member's block. */
export function sentenceParents(groups: NewGroup[], byLang: Map<Lang, LoadedVersion>, blockGroupOf: Map<Lang, Array<number | null>>): Map<number, number | null> {
  const parentOf = new Map<number, number | null>()
  for (const g of groups) {
    if (g.level !== 'sentence') continue
    let parent: number | null = null
    for (const lang of LANG_ORDER) {
      const idx = g.members.get(lang)
      const v = byLang.get(lang)
      if (!idx?.length || !v) continue
      parent = blockGroupOf.get(lang)![v.sentenceBlock[idx[0]]] ?? null
      if (parent !== null) break
    }
    parentOf.set(g.id, parent)
  }
  return parentOf
}
