/**
 * Folding for search: the text stored in `sentences.norm` (and indexed by the
 * trigram FTS table) and the query are folded the same way, so that a query
 * matches whatever case, accents or script variants the text was written with.
 *
 * The rules go by script, not by declared language, so a query folds the same
 * way whichever language it is searched in:
 * - Latin: lower case; accents and other combining marks removed (é → e, ñ → n, ç → c), œ → oe, æ → ae, ß → ss.
 * - Cyrillic: lower case; ё → е (й is kept: it is a letter of its own).
 * - Greek and others: lower case.
 * - Arabic: harakat, tanwin, shadda, sukun, superscript alef and Quranic marks
 *   removed; tatweel removed; أ إ آ ٱ → ا; ؤ → و; ئ → ي; ى → ي; ة → ه.
 * - Full-width ASCII (Ａ, ２) → ASCII; every run of white space → one space;
 *   control characters dropped (the FTS index uses char(1) in its language marker).
 * - Han characters get a space on each side (" 发 展 "), so that trigram
 *   search finds one- and two-character Chinese queries: " 发 " and " 发 展 "
 *   are three characters or more. The folded query carries the same spaces.
 *
 * `foldWithMap` also returns, for each folded code unit, the offset of the
 * original code unit it came from, so that matches in the folded text map back
 * to offsets in the original text.
 */

export interface Folded {
  norm: string
  /** map[i] = offset in the original text of the character that produced norm[i]; map[norm.length] = text.length. */
  map: number[]
}

const HAN = /\p{Script=Han}/u
const COMBINING = /\p{M}/u
const SPACE = /\s/u

const ARABIC_DROP = new Set<number>()
for (let c = 0x0610; c <= 0x061a; c++) ARABIC_DROP.add(c)
for (let c = 0x064b; c <= 0x065f; c++) ARABIC_DROP.add(c)
ARABIC_DROP.add(0x0670) // superscript alef
ARABIC_DROP.add(0x0640) // tatweel
for (let c = 0x06d6; c <= 0x06ed; c++) if (c !== 0x06e5 && c !== 0x06e6) ARABIC_DROP.add(c)

const ARABIC_MAP: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ؤ': 'و',
  'ئ': 'ي',
  'ى': 'ي',
  'ة': 'ه',
}

const LATIN_SPECIAL: Record<string, string> = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i' }

const cache = new Map<string, string>()

/** The folded form of one character (a code point), '' to drop it. Han is handled by the caller. */
function foldChar(ch: string): string {
  const cached = cache.get(ch)
  if (cached !== undefined) return cached
  let out: string
  const code = ch.codePointAt(0)!
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff || code === 0x200b) out = '' // control characters, BOM, zero-width space
  else if (ARABIC_DROP.has(code)) out = ''
  else if (ARABIC_MAP[ch]) out = ARABIC_MAP[ch]
  else if (code >= 0xff01 && code <= 0xff5e) out = foldChar(String.fromCodePoint(code - 0xfee0))
  else if (code === 0x3000) out = ' '
  else if (code < 0x80) out = ch.toLowerCase()
  else if (ch === 'ё' || ch === 'Ё') out = 'е'
  else if ((code >= 0x0400 && code <= 0x04ff) || (code >= 0x0370 && code <= 0x03ff)) out = ch.toLowerCase()
  else if (code >= 0x0600 && code <= 0x06ff) out = ch
  else {
    // Latin with diacritics and everything else: lower case, decompose, drop combining marks.
    const lower = ch.toLowerCase()
    const special = LATIN_SPECIAL[lower]
    if (special) out = special
    else {
      const decomposed = lower.normalize('NFD')
      let kept = ''
      for (const part of decomposed) if (!COMBINING.test(part)) kept += part
      out = kept.length > 0 ? kept.normalize('NFC') : COMBINING.test(ch) ? '' : lower
    }
  }
  if (cache.size < 20000) cache.set(ch, out)
  return out
}

/** Folds `text`, keeping for each folded code unit the offset of its source. */
export function foldWithMap(text: string): Folded {
  let norm = ''
  const map: number[] = []
  let i = 0
  const push = (s: string, from: number) => {
    for (let k = 0; k < s.length; k++) map.push(from)
    norm += s
  }
  while (i < text.length) {
    const code = text.codePointAt(i)!
    const ch = String.fromCodePoint(code)
    const width = ch.length
    if (SPACE.test(ch) || code === 0x3000) {
      if (norm.length > 0 && norm[norm.length - 1] !== ' ') push(' ', i)
    } else if (HAN.test(ch)) {
      if (norm.length === 0 || norm[norm.length - 1] !== ' ') push(' ', i)
      push(ch, i)
      push(' ', i)
    } else {
      const f = foldChar(ch)
      if (f === ' ') {
        if (norm.length > 0 && norm[norm.length - 1] !== ' ') push(' ', i)
      } else if (f) push(f, i)
    }
    i += width
  }
  map.push(text.length)
  return { norm, map }
}

/** The folded form stored in `sentences.norm`. */
export function fold(text: string): string {
  return foldWithMap(text).norm
}

/**
 * Folds a query: like `fold`, but a query with no Han character is trimmed of
 * surrounding spaces (a query with Han keeps the spaces around its Han
 * characters, which is what makes one-character queries three characters long).
 */
export function foldQuery(query: string): string {
  const norm = fold(query.trim())
  return norm
}

/**
 * All non-overlapping occurrences of `foldedNeedle` in `text`, as [start, end)
 * offsets in the ORIGINAL text. Padding spaces that folding added around Han
 * characters are not part of the reported span.
 */
export function findMatches(text: string, foldedNeedle: string): Array<[number, number]> {
  if (!foldedNeedle) return []
  const { norm, map } = foldWithMap(text)
  const out: Array<[number, number]> = []
  let from = 0
  for (;;) {
    const at = norm.indexOf(foldedNeedle, from)
    if (at < 0) break
    let s = at
    let e = at + foldedNeedle.length
    while (s < e && norm[s] === ' ') s++
    while (e > s && norm[e - 1] === ' ') e--
    if (e > s) {
      const start = map[s]
      // End: the original offset just after the character that produced norm[e - 1].
      const last = map[e - 1]
      const lastCode = text.codePointAt(last)!
      let end = last + (lastCode > 0xffff ? 2 : 1)
      // Take in the marks that folding dropped right after the match (a decomposed accent, a haraka).
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end)!)
        if (SPACE.test(next) || HAN.test(next) || foldChar(next) !== '') break
        end += next.length
      }
      out.push([start, end])
    }
    from = at + Math.max(1, foldedNeedle.length)
  }
  return out
}
