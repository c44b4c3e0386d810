/**
 * The aligner, constrained by a person's edit, keeping every language consistent with it:
 *
 * - `realignHiddenLanguages`: after paragraphs (or sentences) of the pivot language were split or
 *   moved in a view that did not show every language, those of the languages not shown are aligned
 *   again against the pivot inside the edited window, and each goes to the group its pivot paragraphs
 *   are in now (the edit's grouping of the pivot is kept as it is).
 * - `realignSentences`: after a paragraph edit, the sentences inside the paragraph groups it touched
 *   are aligned again six ways (pivot first, as at import), keeping the sentence groups a person made
 *   there: those stand as fixed points, and only the sentences between them are realigned.
 */
import { alignUnitsOriented } from '../../aligner/align/sentences.ts'
import { alignVersions } from '../../aligner/align/versions.ts'
import { PARAGRAPH_SHAPES, SENTENCE_SHAPES, type AlignUnit } from '../../aligner/align/engine.ts'
import { labelKey } from '../../aligner/signals/labels.ts'
import type { BlockKind, Lang, ParsedDocument } from '../../aligner/types.ts'
import { placeholders, type Executor } from '../db/write.ts'
import type { AlignmentLevel } from './contract.ts'

const ORDER: Lang[] = ['zh', 'en', 'fr', 'es', 'ru', 'ar']

interface BlockRow {
  id: number
  lang: Lang
  ordinal: number
  kind: BlockKind
  label: string | null
  text: string
  group: number
}

/** The members of the window's groups (blocks for paragraph groups, sentences for sentence groups) in the given languages. */
async function windowMembers(tx: Executor, level: AlignmentLevel, groups: number[], langs: Lang[]): Promise<BlockRow[]> {
  if (!groups.length || !langs.length) return []
  const r = await tx.execute({
    sql:
      level === 'paragraph'
        ? `SELECT b.id, v.lang, b.ordinal AS o, b.kind, b.label, b.text, b.paragraph_group_id AS g FROM blocks b JOIN versions v ON v.id = b.version_id
           WHERE b.paragraph_group_id IN ${placeholders(groups.length)} AND v.lang IN ${placeholders(langs.length)} ORDER BY b.ordinal`
        : `SELECT s.id, s.lang, b.ordinal * 1000000 + s.ordinal AS o, 'paragraph' AS kind, NULL AS label, s.text, s.group_id AS g FROM sentences s JOIN blocks b ON b.id = s.block_id
           WHERE s.group_id IN ${placeholders(groups.length)} AND s.lang IN ${placeholders(langs.length)} ORDER BY b.ordinal, s.ordinal`,
    args: [...groups, ...langs],
  })
  return r.rows.map((x) => ({
    id: Number(x.id),
    lang: x.lang as Lang,
    ordinal: Number(x.o),
    kind: x.kind as BlockKind,
    label: x.label === null ? null : String(x.label),
    text: String(x.text),
    group: Number(x.g),
  }))
}

const unitOf = (b: BlockRow): AlignUnit => ({ text: b.text, label: labelKey(b.label, b.kind, b.text, b.lang) })

/**
 * Aligns each hidden language's paragraphs in the window (groups in document order) against the
 * pivot's, and moves each paragraph to the group of the pivot paragraphs it is aligned with (the one
 * holding most of their text; a paragraph aligned with no pivot paragraph stays with the paragraph
 * before it). Returns the languages whose paragraphs were realigned.
 */
export async function realignHiddenLanguages(tx: Executor, level: AlignmentLevel, window: number[], pivot: Lang, hidden: Lang[]): Promise<Lang[]> {
  const langs = ORDER.filter((l) => hidden.includes(l) && l !== pivot)
  if (window.length < 2 || !langs.length) return []
  const position = new Map(window.map((id, k) => [id, k]))
  const blocks = await windowMembers(tx, level, window, [pivot, ...langs])
  const pivotBlocks = blocks.filter((b) => b.lang === pivot).sort((a, b) => (position.get(a.group)! - position.get(b.group)!) || a.ordinal - b.ordinal)
  if (!pivotBlocks.length) return []
  const realigned: Lang[] = []
  for (const lang of langs) {
    const own = blocks.filter((b) => b.lang === lang)
    if (!own.length) continue
    const units = (list: BlockRow[]) => (level === 'paragraph' ? list.map(unitOf) : list.map((b) => ({ text: b.text })))
    const shapes = level === 'paragraph' ? PARAGRAPH_SHAPES : SENTENCE_SHAPES
    const { beads } = alignUnitsOriented(units(pivotBlocks), units(own), { srcLang: pivot, tgtLang: lang, shapes, learn: false })
    const target = new Array<number>(own.length).fill(-1)
    for (const bead of beads) {
      if (!bead.src.length) continue
      // the group holding most of the pivot text of the bead
      const weight = new Map<number, number>()
      for (const i of bead.src) {
        const g = position.get(pivotBlocks[i].group)!
        weight.set(g, (weight.get(g) ?? 0) + pivotBlocks[i].text.length + 1)
      }
      const best = [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]
      for (const j of bead.tgt) target[j] = best
    }
    // unaligned paragraphs follow the one before them (the first ones, the one after); groups never go backwards
    let last = target.find((t) => t >= 0) ?? 0
    for (let j = 0; j < own.length; j++) {
      if (target[j] < 0 || target[j] < last) target[j] = last
      last = target[j]
    }
    const moves = new Map<number, number[]>()
    own.forEach((b, j) => {
      const to = window[target[j]]
      if (to !== b.group) moves.set(to, [...(moves.get(to) ?? []), b.id])
    })
    const column = level === 'paragraph' ? 'blocks SET paragraph_group_id' : 'sentences SET group_id'
    for (const [to, ids] of moves) await tx.execute({ sql: `UPDATE ${column} = ? WHERE id IN ${placeholders(ids.length)}`, args: [to, ...ids] })
    realigned.push(lang)
  }
  return realigned
}

interface SentenceRow {
  id: number
  lang: Lang
  text: string
  block: number
  group: number | null
  /** Document order within the language: block ordinal, then sentence ordinal. */
  key: number
}

/**
 * Realigns the sentences inside each given paragraph group. Sentence groups listed in `keep` (made
 * by a person before this edit) that lie wholly inside the paragraph group stay as they are; the
 * other sentences there leave their groups and are aligned again between the kept ones. Returns the
 * ids of the sentence groups the paragraph groups hold afterwards, in order.
 */
export async function realignSentences(tx: Executor, documentId: number, paragraphs: number[], keep: ReadonlySet<number>, pivotOf: (langs: Lang[]) => Lang): Promise<number[]> {
  const out: number[] = []
  for (const paragraph of paragraphs) {
    const r = await tx.execute({
      sql: `SELECT s.id, s.lang, s.text, s.block_id AS b, s.group_id AS g, b.ordinal * 1000000 + s.ordinal AS k FROM sentences s JOIN blocks b ON b.id = s.block_id
            WHERE b.paragraph_group_id = ? ORDER BY b.ordinal, s.ordinal`,
      args: [paragraph],
    })
    const sentences: SentenceRow[] = r.rows.map((x) => ({
      id: Number(x.id),
      lang: x.lang as Lang,
      text: String(x.text),
      block: Number(x.b),
      group: x.g === null ? null : Number(x.g),
      key: Number(x.k),
    }))
    if (!sentences.length) continue
    // kept groups: human before the edit, and every sentence of theirs inside this paragraph group
    const inside = new Set(sentences.map((s) => s.id))
    const candidates = [...new Set(sentences.map((s) => s.group).filter((g): g is number => g !== null && keep.has(g)))]
    const kept: number[] = []
    for (const g of candidates) {
      const all = await tx.execute({ sql: 'SELECT id FROM sentences WHERE group_id = ?', args: [g] })
      if (all.rows.every((x) => inside.has(Number(x.id)))) kept.push(g)
    }
    const keptSet = new Set(kept)
    // kept groups in their order before the edit (sentence groups run in document order in every language)
    const keptInOrder = kept.length
      ? (await tx.execute({ sql: `SELECT id FROM align_groups WHERE id IN ${placeholders(kept.length)} ORDER BY ordinal, id`, args: kept })).rows.map((x) => Number(x.id))
      : []
    // each free sentence goes to the gap before the first kept group that follows it in its language
    const gaps: SentenceRow[][] = Array.from({ length: keptInOrder.length + 1 }, () => [])
    const langs = ORDER.filter((l) => sentences.some((s) => s.lang === l))
    for (const lang of langs) {
      const own = sentences.filter((s) => s.lang === lang)
      let gap = 0
      for (const s of own) {
        if (s.group !== null && keptSet.has(s.group)) {
          gap = Math.max(gap, keptInOrder.indexOf(s.group) + 1)
          continue
        }
        gaps[gap].push(s)
      }
    }
    // the free sentences leave their groups; groups left empty go
    const free = sentences.filter((s) => !(s.group !== null && keptSet.has(s.group)))
    const left = [...new Set(free.map((s) => s.group).filter((g): g is number => g !== null))]
    for (let i = 0; i < free.length; i += 500) {
      const chunk = free.slice(i, i + 500).map((s) => s.id)
      await tx.execute({ sql: `UPDATE sentences SET group_id = NULL WHERE id IN ${placeholders(chunk.length)}`, args: chunk })
    }
    if (left.length) {
      const empty = await tx.execute({
        sql: `SELECT g.id FROM align_groups g WHERE g.id IN ${placeholders(left.length)} AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.group_id = g.id)`,
        args: left,
      })
      const ids = empty.rows.map((x) => Number(x.id))
      if (ids.length) {
        await tx.execute({ sql: `DELETE FROM glossary_refs WHERE group_id IN ${placeholders(ids.length)}`, args: ids })
        await tx.execute({ sql: `DELETE FROM align_groups WHERE id IN ${placeholders(ids.length)}`, args: ids })
      }
    }
    let ordinal = 0
    const place = async (ids: number[]) => {
      for (const id of ids) {
        await tx.execute({ sql: 'UPDATE align_groups SET ordinal = ?, parent_id = ? WHERE id = ?', args: [ordinal++, paragraph, id] })
        out.push(id)
      }
    }
    for (let k = 0; k < gaps.length; k++) {
      for (const group of alignGap(gaps[k], pivotOf)) {
        const created = await tx.execute({
          sql: `INSERT INTO align_groups (document_id, level, ordinal, parent_id, confidence, flagged, origin, confirmed) VALUES (?, 'sentence', ?, ?, ?, ?, 'auto', 0) RETURNING id`,
          args: [documentId, ordinal, paragraph, group.confidence, group.flagged ? 1 : 0],
        })
        const id = Number(created.rows[0].id)
        await tx.execute({ sql: `UPDATE sentences SET group_id = ? WHERE id IN ${placeholders(group.ids.length)}`, args: [id, ...group.ids] })
        ordinal++
        out.push(id)
      }
      if (k < keptInOrder.length) await place([keptInOrder[k]])
    }
  }
  return out
}

/** Six-way groups of the sentences of one gap (each language's sentences in order), as the importer makes them. */
function alignGap(sentences: SentenceRow[], pivotOf: (langs: Lang[]) => Lang): Array<{ ids: number[]; confidence: number; flagged: boolean }> {
  const langs = ORDER.filter((l) => sentences.some((s) => s.lang === l))
  if (!langs.length) return []
  const byLang = new Map(langs.map((l) => [l, sentences.filter((s) => s.lang === l)]))
  if (langs.length === 1) return byLang.get(langs[0])!.map((s) => ({ ids: [s.id], confidence: 0, flagged: true }))
  const versions: Partial<Record<Lang, ParsedDocument>> = {}
  for (const l of langs) {
    const own = byLang.get(l)!
    const text = own.map((s) => s.text).join(' ')
    versions[l] = { language: l, detected: { language: l, confidence: 1 }, blocks: [{ kind: 'paragraph', label: null, text, sentences: own.map((s) => s.text), footnoteRefs: [] }], furniture: [] }
  }
  const result = alignVersions(versions, { pivot: pivotOf(langs) })
  return result.sentences.map((g) => ({
    ids: langs.flatMap((l) => (g.members[l] ?? []).map((k) => byLang.get(l)![k].id)),
    confidence: g.confidence,
    flagged: g.flagged,
  }))
}
