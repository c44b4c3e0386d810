import { describe, expect, it } from 'vitest'
import { LANGS } from '../../aligner/types.ts'
import { buildIndex, tokensOf } from './renderings.ts'
import { tokenize } from './text.ts'
import { findKeySequence, hasTokens, keyIdOf } from './token-store.ts'
import { readDevset } from './units.ts'

describe('token store', () => {
  const units = readDevset('corpora', 200)
  const index = buildIndex(units)

  it('gives back, for every unit and language, the tokens the tokenizer makes (offsets, surface, key)', () => {
    for (let u = 0; u < units.length; u++)
      for (const l of LANGS) {
        const text = units[u].texts[l]
        expect(hasTokens(index.store, u, l)).toBe(!!text)
        expect(tokensOf(index, u, l)).toEqual(text ? tokenize(text, l) : undefined)
      }
  })

  it('finds a sequence of keys as character spans (Security Council in the English devset)', () => {
    const ids = tokenize('Security Council', 'en').map((t) => keyIdOf(index.store, t.key))
    expect(ids).not.toContain(-1)
    const hits = units.flatMap((u, i) => findKeySequence(index.store, i, 'en', ids).map((s) => u.texts.en!.slice(s.start, s.end)))
    expect(hits.length).toBeGreaterThan(3)
    for (const h of hits) expect(h.toLowerCase()).toBe('security council')
    expect(keyIdOf(index.store, 'no-such-key-anywhere')).toBe(-1)
  })
})
