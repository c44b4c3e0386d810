/**
 * A seed glossary from the SDG framework in corpora/sdg: the short titles of the
 * 17 goals in the six languages ("No poverty", "消除贫困", "Pas de pauvreté", …),
 * each referring to its goal in the memory. They come in as candidates: a short title is a
 * heading, not a term to require in every sentence, until a terminologist approves it.
 */
import { fileURLToPath } from 'node:url'
import type { Client } from '@libsql/client'
import { LANGS } from '../../aligner/types.ts'
import type { GlossaryEntryInput } from './contract.ts'
import { readSdg } from './units.ts'

export const SDG_SYMBOL = 'A/RES/70/1 & A/RES/71/313'
const DEFAULT_CORPORA = fileURLToPath(new URL('../../corpora', import.meta.url))

/** The goal short titles as glossary entries (pure: reads corpora/sdg). */
export function sdgGoalEntries(corporaDir = process.env.CORPORA_DIR || DEFAULT_CORPORA): GlossaryEntryInput[] {
  const units = readSdg(corporaDir)
  const out: GlossaryEntryInput[] = []
  for (let goal = 1; goal <= 17; goal++) {
    const short = units.find((u) => u.paragraphLabel === `${goal}-short`)
    const title = units.find((u) => u.paragraphLabel === `${goal}-title`)
    if (!short) continue
    out.push({
      concept: `Sustainable Development Goal ${goal}${title?.texts.en ? `: ${title.texts.en}` : ''}`,
      status: 'candidate',
      note: 'Goal short title, SDG framework (A/RES/70/1, A/RES/71/313)',
      origin: 'sdg',
      terms: LANGS.filter((l) => short.texts[l]).map((l) => ({ lang: l, text: short.texts[l]!, usage: 'preferred' as const })),
      refs: [{ groupId: null, documentSymbol: SDG_SYMBOL, paragraphLabel: `${goal}-short` }],
    })
  }
  return out
}

/** The seed entries with their references resolved to the memory's groups when the SDG framework is imported. */
export async function sdgSeedEntries(client: Client, corporaDir?: string): Promise<GlossaryEntryInput[]> {
  const entries = sdgGoalEntries(corporaDir)
  for (const e of entries) {
    for (const r of e.refs ?? []) {
      const rs = await client.execute({
        sql: `SELECT s.group_id AS gid FROM sentences s JOIN blocks b ON b.id = s.block_id JOIN versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id
              WHERE b.label = ? AND d.symbol = ? AND s.group_id IS NOT NULL LIMIT 1`,
        args: [r.paragraphLabel, SDG_SYMBOL],
      })
      if (rs.rows[0]) r.groupId = Number(rs.rows[0].gid)
    }
  }
  return entries
}
